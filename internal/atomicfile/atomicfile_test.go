package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	if err := WriteFile(p, []byte("one"), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("two"), Options{}); !errors.Is(err, ErrExists) {
		t.Fatalf("second write without overwrite: got %v, want ErrExists", err)
	}
	if err := WriteFile(p, []byte("two"), Options{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Fatalf("content %q, want two", b)
	}
	if err := WriteFile(p, []byte("x"), Options{Overwrite: true, Inputs: []string{p}}); !errors.Is(err, ErrSameFile) {
		t.Fatalf("write over input: got %v, want ErrSameFile", err)
	}
	failing := errors.New("boom")
	if err := Write(p, Options{Overwrite: true}, func(w io.Writer) error {
		w.Write([]byte("partial"))
		return failing
	}); !errors.Is(err, failing) {
		t.Fatalf("got %v, want the fill error", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Fatalf("failed write changed the file to %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("leftover files: %v", entries)
	}
}
