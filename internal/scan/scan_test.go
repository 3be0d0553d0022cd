package scan

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestSymlinks(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "inkorg")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "a.xlsx"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "länk")
	if err := os.Symlink(in, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := os.Symlink(filepath.Join(in, "a.xlsx"), filepath.Join(in, "b.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(in, filepath.Join(in, "loop")); err != nil {
		t.Fatal(err)
	}
	r, err := Paths([]string{link})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(link, "a.xlsx"), filepath.Join(link, "b.xlsx")}
	if !reflect.DeepEqual(r.Files, want) {
		t.Errorf("files %v, want %v", r.Files, want)
	}
	if len(r.Skipped) != 1 || r.Skipped[0].Reason != ReasonNotWorkbook {
		t.Errorf("skipped %v, want the loop link as not a workbook", r.Skipped)
	}
}

func TestPaths(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{
		"inkorg/b.xlsx", "inkorg/a.XLSX", "inkorg/~$a.xlsx", "inkorg/.dold.xlsx",
		"inkorg/notes.txt", "inkorg/gammal.xls", "inkorg/sub/c.xlsm", "inkorg/.git/d.xlsx",
		"lös.xlsx",
	} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := func(f string) string { return filepath.Join(dir, f) }
	r, err := Paths([]string{j("lös.xlsx"), j("inkorg"), j("saknas.xlsx"), j("lös.xlsx"), j("inkorg/notes.txt")})
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := []string{j("lös.xlsx"), j("inkorg/a.XLSX"), j("inkorg/b.xlsx"), j("inkorg/gammal.xls"), j("inkorg/sub/c.xlsm")}
	if !reflect.DeepEqual(r.Files, wantFiles) {
		t.Errorf("files\n got %v\nwant %v", r.Files, wantFiles)
	}
	wantSkipped := []Skipped{
		{j("inkorg/.dold.xlsx"), ReasonHidden},
		{j("inkorg/.git"), ReasonHidden},
		{j("inkorg/notes.txt"), ReasonNotWorkbook},
		{j("inkorg/~$a.xlsx"), ReasonLockFile},
		{j("saknas.xlsx"), ReasonNotFound},
		{j("inkorg/notes.txt"), ReasonNotWorkbook},
	}
	if !reflect.DeepEqual(r.Skipped, wantSkipped) {
		t.Errorf("skipped\n got %v\nwant %v", r.Skipped, wantSkipped)
	}
}
