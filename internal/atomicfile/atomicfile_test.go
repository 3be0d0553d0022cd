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

// TestWriteNamedFallback runs the portable path that systems without
// O_TMPFILE use.
func TestWriteNamedFallback(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "b.txt")
	fill := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := writeNamed(p, dir, 0o644, Options{}, fill("one")); err != nil {
		t.Fatal(err)
	}
	if err := writeNamed(p, dir, 0o644, Options{}, fill("two")); !errors.Is(err, ErrExists) {
		t.Fatalf("got %v, want ErrExists", err)
	}
	if err := writeNamed(p, dir, 0o644, Options{Overwrite: true}, fill("two")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Fatalf("content %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("leftover files: %v", entries)
	}
}

// TestWriteLeavesNothingOnFailure checks both paths: a failed fill leaves
// neither the target nor a temporary name.
func TestWriteLeavesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	boom := errors.New("boom")
	if err := Write(filepath.Join(dir, "c.txt"), Options{}, func(io.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if err := writeNamed(filepath.Join(dir, "d.txt"), dir, 0o644, Options{}, func(io.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("leftover files: %v", entries)
	}
}
