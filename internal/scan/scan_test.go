package scan

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

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
