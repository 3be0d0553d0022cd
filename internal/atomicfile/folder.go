package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Folder writes a set of files that belong together (generate's
// workbooks and their manifest) so that a run stopped at any moment
// leaves either none of them or all: the files are written into a hidden
// staging folder beside the target folder, and moved into place once the
// set is whole.
//
// When the target folder does not exist, the staging folder is renamed to
// it in one step. When it exists, the files are moved in one by one,
// which takes a moment; a marker in the target lists them until the last
// is in place, so that a run killed in that moment can be finished by the
// next one (Leftover) instead of being refused for the files it left.
type Folder struct {
	target string
	stage  string
	// leftover holds the files a killed commit left in the target.
	leftover map[string]bool
}

// stagePrefix starts the staging folders' names, followed by the target's
// name and the process id; markerName is the marker of an unfinished
// commit inside the target.
const (
	stagePrefix = tempPrefix + "stage-"
	markerName  = tempPrefix + "unfinished"
)

// NewFolder starts a set of files for the folder target. Staging folders
// that killed runs left beside it are removed first.
func NewFolder(target string) (*Folder, error) {
	target = filepath.Clean(target)
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	removeStale(parent, filepath.Base(target))
	stage := filepath.Join(parent, stagePrefix+filepath.Base(target)+"-"+strconv.Itoa(os.Getpid()))
	if err := os.RemoveAll(stage); err != nil {
		return nil, fmt.Errorf("clear %s: %w", stage, err)
	}
	if err := os.Mkdir(stage, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", stage, err)
	}
	f := &Folder{target: target, stage: stage, leftover: map[string]bool{}}
	for _, rel := range readMarker(filepath.Join(target, markerName)) {
		f.leftover[rel] = true
	}
	return f, nil
}

// removeStale removes the staging folders for name whose process is gone.
func removeStale(parent, name string) {
	m, _ := filepath.Glob(filepath.Join(parent, stagePrefix+name+"-*"))
	for _, p := range m {
		pid, err := strconv.Atoi(strings.TrimPrefix(filepath.Base(p), stagePrefix+name+"-"))
		if err == nil && pid != os.Getpid() && !processAlive(pid) {
			os.RemoveAll(p)
		}
	}
}

// Path returns where the file rel (slash-separated, relative to the
// target) is written while the set is staged. Its folder is created.
func (f *Folder) Path(rel string) (string, error) {
	p := filepath.Join(f.stage, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", filepath.Dir(p), err)
	}
	return p, nil
}

// Leftover reports whether rel was left in the target by a run killed
// while it moved its files into place: such a file may be replaced
// without overwrite, since it is the same tool's unfinished output.
func (f *Folder) Leftover(rel string) bool { return f.leftover[rel] }

// Commit moves the staged files rels into the target. An existing file is
// replaced only with overwrite or when it is a Leftover, and never when
// it is not a regular file; Commit checks every target before it moves
// the first file.
func (f *Folder) Commit(rels []string, overwrite bool) error {
	if _, err := os.Lstat(f.target); errors.Is(err, os.ErrNotExist) {
		syncTree(f.stage)
		if err := os.Rename(f.stage, f.target); err != nil {
			return fmt.Errorf("move %s into place: %w", f.target, err)
		}
		syncDir(filepath.Dir(f.target))
		return nil
	}
	for _, rel := range rels {
		dst := filepath.Join(f.target, filepath.FromSlash(rel))
		if err := checkTarget(dst, Options{Overwrite: overwrite || f.leftover[rel]}); err != nil {
			return err
		}
	}
	marker := filepath.Join(f.target, markerName)
	if err := WriteFile(marker, []byte(strings.Join(rels, "\n")+"\n"), Options{Overwrite: true}); err != nil {
		return err
	}
	for _, rel := range rels {
		src := filepath.Join(f.stage, filepath.FromSlash(rel))
		dst := filepath.Join(f.target, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("create %s: %w", filepath.Dir(dst), err)
		}
		if err := moveIntoPlace(src, dst, overwrite || f.leftover[rel]); err != nil {
			return err
		}
	}
	for _, dir := range dirsOf(f.target, rels) {
		syncDir(dir)
	}
	if err := os.Remove(marker); err != nil {
		return fmt.Errorf("remove %s: %w", marker, err)
	}
	syncDir(f.target)
	return f.Abort()
}

// Abort removes the staging folder and what is in it. It is safe to call
// after Commit.
func (f *Folder) Abort() error {
	if err := os.RemoveAll(f.stage); err != nil {
		return fmt.Errorf("remove %s: %w", f.stage, err)
	}
	return nil
}

// moveIntoPlace renames src to dst as Write does (replace, placeNew);
// without overwrite it fails with ErrExists when dst exists, so a file
// created meanwhile is kept.
func moveIntoPlace(src, dst string, overwrite bool) error {
	if overwrite {
		if err := replace(src, dst); err != nil {
			return fmt.Errorf("move %s into place: %w", dst, err)
		}
		return nil
	}
	if err := placeNew(src, dst); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s: %w", dst, ErrExists)
		}
		return fmt.Errorf("move %s into place: %w", dst, err)
	}
	return nil
}

// readMarker returns the files an unfinished commit listed, or nothing.
func readMarker(path string) []string {
	fh, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer fh.Close()
	var rels []string
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if rel := sc.Text(); rel != "" && filepath.IsLocal(filepath.FromSlash(rel)) {
			rels = append(rels, rel)
		}
	}
	return rels
}

// dirsOf returns the folders below target that hold rels.
func dirsOf(target string, rels []string) []string {
	var dirs []string
	for _, rel := range rels {
		d := filepath.Dir(filepath.Join(target, filepath.FromSlash(rel)))
		if !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// syncTree makes the folders of a staged set durable before it is
// renamed into place; the files were synced as they were written.
func syncTree(root string) {
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			syncDir(p)
		}
		return nil
	})
}
