package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/malarbete/malarbete/internal/cli/version"
)

var mtime = time.Date(2027, 1, 5, 10, 20, 30, 0, time.UTC)

// files are given out of order, with a name that has Swedish letters.
var files = []entry{
	{Name: "examples/sorsele/organisation.yaml", Mode: 0o644, Data: []byte("organisation:\n  name: Sorsele kommun\n")},
	{Name: "malarbete", Mode: 0o755, Data: []byte("\x7fELF binary")},
	{Name: "README.md", Mode: 0o644, Data: []byte("# malarbete\n")},
	{Name: "licenses/github.com/go-fonts/liberation/LICENSE-SIL", Mode: 0o644, Data: []byte("SIL OPEN FONT LICENSE")},
	{Name: "examples/målarbete/organisation.yaml", Mode: 0o644, Data: []byte("å ä ö")},
}

// read lists an archive's entries as "name mode time size" lines, in
// archive order.
func read(t *testing.T, file string) []string {
	t.Helper()
	var lines []string
	add := func(name string, mode fs.FileMode, mod time.Time, size int64) {
		lines = append(lines, name+" "+mode.String()+" "+mod.UTC().Format(time.RFC3339)+" "+strconv.FormatInt(size, 10))
	}
	if strings.HasSuffix(file, ".zip") {
		zr, err := zip.OpenReader(file)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		for _, f := range zr.File {
			add(f.Name, f.Mode(), f.Modified, int64(f.UncompressedSize64))
		}
		return lines
	}
	fh, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	gz, err := gzip.NewReader(fh)
	if err != nil {
		t.Fatal(err)
	}
	if !gz.ModTime.IsZero() || gz.Name != "" {
		t.Errorf("gzip header has time %v and name %q", gz.ModTime, gz.Name)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s is owned by %d:%d %q:%q", h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		add(h.Name, h.FileInfo().Mode(), h.ModTime, h.Size)
	}
	return lines
}

// TestArchivesReproducible writes each kind of archive twice, from files
// in different orders: the bytes are the same, the entries sorted (under
// one top folder in a tar), with the folders listed, fixed modes and the
// given time.
func TestArchivesReproducible(t *testing.T) {
	want := []string{
		"top/README.md -rw-r--r-- 2027-01-05T10:20:30Z 12",
		"top/examples/ drwxr-xr-x 2027-01-05T10:20:30Z 0",
		"top/examples/målarbete/ drwxr-xr-x 2027-01-05T10:20:30Z 0",
		"top/examples/målarbete/organisation.yaml -rw-r--r-- 2027-01-05T10:20:30Z 8",
		"top/examples/sorsele/ drwxr-xr-x 2027-01-05T10:20:30Z 0",
		"top/examples/sorsele/organisation.yaml -rw-r--r-- 2027-01-05T10:20:30Z 37",
		"top/licenses/ drwxr-xr-x 2027-01-05T10:20:30Z 0",
		"top/licenses/github.com/ drwxr-xr-x 2027-01-05T10:20:30Z 0",
		"top/licenses/github.com/go-fonts/ drwxr-xr-x 2027-01-05T10:20:30Z 0",
		"top/licenses/github.com/go-fonts/liberation/ drwxr-xr-x 2027-01-05T10:20:30Z 0",
		"top/licenses/github.com/go-fonts/liberation/LICENSE-SIL -rw-r--r-- 2027-01-05T10:20:30Z 21",
		"top/malarbete -rwxr-xr-x 2027-01-05T10:20:30Z 11",
	}
	for _, ext := range []string{".zip", ".tar.gz"} {
		t.Run(ext, func(t *testing.T) {
			dir := t.TempDir()
			a, b := filepath.Join(dir, "a"+ext), filepath.Join(dir, "b"+ext)
			reversed := make([]entry, len(files))
			for i, f := range files {
				reversed[len(files)-1-i] = f
			}
			if err := writeArchive(a, "top", files, mtime); err != nil {
				t.Fatal(err)
			}
			// Another zone for the same instant: only the instant counts.
			if err := writeArchive(b, "top", reversed, mtime.In(time.FixedZone("CET", 3600))); err != nil {
				t.Fatal(err)
			}
			ab, _ := os.ReadFile(a)
			bb, _ := os.ReadFile(b)
			if !bytes.Equal(ab, bb) {
				t.Error("two runs gave different bytes")
			}
			got := read(t, a)
			want := want
			if ext == ".zip" { // no top folder, see writeArchive
				want = slices.Clone(want)
				for i := range want {
					want[i] = strings.TrimPrefix(want[i], "top/")
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestTreeRejectsDuplicates(t *testing.T) {
	if _, err := tree(append(files, files[0])); err == nil {
		t.Error("a name twice gave no error")
	}
}

func TestParseTargets(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{defaultTargets, "windows-amd64.zip windows-arm64.zip macos-arm64.tar.gz macos-amd64.tar.gz linux-amd64.tar.gz", false},
		{" linux/amd64 ", "linux-amd64.tar.gz", false},
		{"linux", "", true},
		{"linux/amd64,/arm64", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			ts, err := parseTargets(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			var got []string
			for _, t := range ts {
				got = append(got, t.label()+archiveExt(t))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("got %q, want %q", strings.Join(got, " "), tt.want)
			}
		})
	}
}

func TestSourceTime(t *testing.T) {
	root := t.TempDir() // not a git checkout
	t.Setenv("SOURCE_DATE_EPOCH", "")
	got, err := sourceTime(root, version.Info{Date: "2027-01-05T11:20:30+01:00"})
	if err != nil || !got.Equal(mtime) || got.Location() != time.UTC {
		t.Errorf("from the commit: %v, %v", got, err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1798539630")
	if got, err := sourceTime(root, version.Info{}); err != nil || got.Unix() != 1798539630 {
		t.Errorf("from SOURCE_DATE_EPOCH: %v, %v", got, err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "gisteravse")
	if _, err := sourceTime(root, version.Info{}); err == nil {
		t.Error("a bad SOURCE_DATE_EPOCH gave no error")
	}
}

// TestLicences checks that every archive carries the fonts' OFL and Go's
// licence, and that Windows gets the licence of its own dependency
// (mousetrap, which cobra uses on Windows only).
func TestLicences(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		target target
		want   []string
	}{
		{target{"linux", "amd64"}, []string{"licenses/go/LICENSE", "licenses/github.com/go-fonts/liberation/LICENSE-SIL", "licenses/MODULES.txt"}},
		{target{"windows", "amd64"}, []string{"licenses/github.com/inconshreveable/mousetrap/LICENSE", "licenses/github.com/go-fonts/liberation/LICENSE-SIL"}},
	} {
		t.Run(tt.target.label(), func(t *testing.T) {
			got, err := licences(root, tt.target)
			if err != nil {
				t.Fatal(err)
			}
			have := map[string]string{}
			for _, e := range got {
				have[e.Name] = string(e.Data)
			}
			for _, w := range tt.want {
				if _, ok := have[w]; !ok {
					t.Errorf("no %s", w)
				}
			}
			if ofl := have["licenses/github.com/go-fonts/liberation/LICENSE-SIL"]; !strings.Contains(ofl, "SIL OPEN FONT LICENSE Version 1.1") {
				t.Error("the Liberation fonts' licence is not the OFL 1.1")
			}
		})
	}
}
