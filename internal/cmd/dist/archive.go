package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"time"
)

// entry is one file of an archive, relative to its top folder.
type entry struct {
	Name string // slash-separated
	Mode fs.FileMode
	Data []byte
}

// tree returns files with the folders that hold them, sorted by name,
// folders with a trailing slash. Sorting makes the archive independent of
// the order files were found in; listing folders gives them a fixed mode
// and time when unpacked.
func tree(files []entry) ([]entry, error) {
	seen := map[string]bool{}
	var all []entry
	for _, f := range files {
		if seen[f.Name] {
			return nil, fmt.Errorf("%s twice in the archive", f.Name)
		}
		seen[f.Name] = true
		all = append(all, f)
		for d := path.Dir(f.Name); d != "."; d = path.Dir(d) {
			if !seen[d+"/"] {
				seen[d+"/"] = true
				all = append(all, entry{Name: d + "/", Mode: fs.ModeDir | 0o755})
			}
		}
	}
	slices.SortFunc(all, func(a, b entry) int { return strings.Compare(a.Name, b.Name) })
	return all, nil
}

// writeArchive writes files into file with every entry at mtime: a zip
// for a .zip name, else a gzipped tar under the folder top. The zip has
// no top folder: Windows' Extract All already unpacks into a folder named
// after the zip, and a second one would lengthen every path HR works in,
// when Excel opens no file whose path is over 218 characters.
func writeArchive(file, top string, files []entry, mtime time.Time) error {
	all, err := tree(files)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if strings.HasSuffix(file, ".zip") {
		err = writeZip(&buf, all, mtime)
	} else {
		err = writeTarGz(&buf, top, all, mtime)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return os.WriteFile(file, buf.Bytes(), 0o644)
}

// writeZip writes a zip whose entries carry Unix modes (the binary's
// executable bit survives unzip) and mtime in UTC.
func writeZip(w io.Writer, all []entry, mtime time.Time) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, e := range all {
		h := &zip.FileHeader{Name: e.Name, Method: zip.Deflate, Modified: mtime.UTC()}
		if e.Mode.IsDir() {
			h.Method = zip.Store
		}
		h.SetMode(e.Mode)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(e.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeTarGz writes a gzipped tar owned by root (uid and gid 0, no user
// names), whose gzip header has neither name nor time.
func writeTarGz(w io.Writer, top string, all []entry, mtime time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	for _, e := range all {
		h := &tar.Header{
			Name:    top + "/" + e.Name,
			Mode:    int64(e.Mode.Perm()),
			ModTime: mtime.UTC().Truncate(time.Second),
		}
		if e.Mode.IsDir() {
			h.Typeflag = tar.TypeDir
		} else {
			h.Typeflag, h.Size = tar.TypeReg, int64(len(e.Data))
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(e.Data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}
