// Package atomicfile writes files so that a reader, or a run killed at any
// moment, sees either the old file or the whole new one: a temporary file
// in the same folder, synced, then renamed over the target.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

// ErrExists is returned when the target exists and overwriting was not
// asked for.
var ErrExists = errors.New("file exists")

// ErrSameFile is returned when the target is one of the inputs.
var ErrSameFile = errors.New("output is the same file as an input")

// ErrNotRegular is returned when something other than a regular file is
// at the target: a folder, a device, a pipe or a symbolic link. Such a
// target is never replaced or followed, even when overwriting.
var ErrNotRegular = errors.New("not a regular file")

// Options control a write.
type Options struct {
	// Overwrite replaces an existing target; without it an existing
	// target gives ErrExists.
	Overwrite bool
	// Perm is the mode of the new file; 0 means 0o644.
	Perm os.FileMode
	// Inputs are files the command reads; writing over one of them is
	// refused with ErrSameFile.
	Inputs []string
}

// ErrInUse is returned when the target could not be replaced because
// another program holds it open (Windows: Excel or a PDF reader keeps the
// file locked), or it is write-protected. The earlier file is intact.
var ErrInUse = errors.New("file is open in another program or write-protected")

// tempPrefix marks temporary files so that a rerun can recognise leftovers.
const tempPrefix = ".malarbete-tmp-"

// Write writes the file at path with the content produced by fill.
func Write(path string, opts Options, fill func(w io.Writer) error) error {
	if err := checkTarget(path, opts); err != nil {
		return err
	}
	perm := opts.Perm
	if perm == 0 {
		perm = 0o644
	}
	dir := filepath.Dir(path)
	if f, err := openUnnamed(dir, perm); err == nil {
		return writeUnnamed(f, path, opts, fill)
	}
	return writeNamed(path, dir, perm, opts, fill)
}

// writeUnnamed fills an unnamed file and links it into place. A new file
// is linked straight to path; an overwrite goes through a temporary name
// and a rename, the only moment a killed run can leave a name behind
// (CleanTemp removes it).
func writeUnnamed(f *os.File, path string, opts Options, fill func(w io.Writer) error) error {
	defer f.Close()
	if err := fill(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	if !opts.Overwrite {
		if err := linkUnnamed(f, path); err != nil {
			if errors.Is(err, os.ErrExist) {
				return fmt.Errorf("%s: %w", path, ErrExists)
			}
			return fmt.Errorf("write %s: %w", path, err)
		}
		syncDir(dir)
		return nil
	}
	tmp := filepath.Join(dir, tempPrefix+filepath.Base(path)+"-"+strconv.Itoa(os.Getpid()))
	os.Remove(tmp)
	if err := linkUnnamed(f, tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// writeNamed is the portable path: a named temporary file, renamed or
// linked into place.
func writeNamed(path, dir string, perm os.FileMode, opts Options, fill func(w io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(dir, tempPrefix+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("create temporary file for %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = fill(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if opts.Overwrite {
		err = replace(tmp.Name(), path)
	} else if err = placeNew(tmp.Name(), path); errors.Is(err, os.ErrExist) {
		err = fmt.Errorf("%s: %w", path, ErrExists)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// WriteFile writes data to path atomically.
func WriteFile(path string, data []byte, opts Options) error {
	return Write(path, opts, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// checkTarget refuses a target that exists without Overwrite, that is
// not a regular file (Lstat: a symbolic link is not followed), or that is
// one of the inputs.
func checkTarget(path string, opts Options) error {
	st, err := os.Lstat(path)
	if err != nil {
		return nil
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: %w", path, ErrNotRegular)
	}
	if !opts.Overwrite {
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	for _, in := range opts.Inputs {
		if ist, err := os.Stat(in); err == nil && os.SameFile(st, ist) {
			return fmt.Errorf("%s: %w", path, ErrSameFile)
		}
	}
	return nil
}

// syncDir makes the rename durable; failure is not fatal (some file
// systems do not support syncing folders).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// CleanTemp removes temporary files that a killed run left in dir.
func CleanTemp(dir string) error {
	m, err := filepath.Glob(filepath.Join(dir, tempPrefix+"*"))
	if err != nil {
		return err
	}
	for _, f := range m {
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}
