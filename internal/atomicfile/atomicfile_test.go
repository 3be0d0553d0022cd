package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
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

// TestWriteNamedPaths runs the portable path, which Windows and macOS
// take, on the folders HR uses: spaces, Swedish and Sámi letters, and a
// path longer than Windows' classic 260-character limit.
func TestWriteNamedPaths(t *testing.T) {
	long := strings.Repeat("Förskolan Myran och Lärkan i Sorsele ", 3) // 111 characters
	tests := []struct{ name, rel string }{
		{"spaces and åäö", filepath.Join("Målarbete HR 2027", "Utskick till chefer", "Förskolan Myran – ÅÄÖ åäö.xlsx")},
		{"sámi", filepath.Join("Sámi ŋ đ ŧ", "Árran ŊĐŦ.pdf")},
		{"over 260 characters", filepath.Join(long, long, long+".xlsx")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			p := filepath.Join(root, tt.rel)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			fill := func(s string) func(io.Writer) error {
				return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
			}
			if err := writeNamed(p, filepath.Dir(p), 0o644, Options{}, fill("one")); err != nil {
				t.Fatal(err)
			}
			if err := writeNamed(p, filepath.Dir(p), 0o644, Options{}, fill("two")); !errors.Is(err, ErrExists) {
				t.Fatalf("got %v, want ErrExists", err)
			}
			if err := writeNamed(p, filepath.Dir(p), 0o644, Options{Overwrite: true}, fill("two")); err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(p); string(b) != "two" {
				t.Fatalf("content %q", b)
			}
			if entries, _ := os.ReadDir(filepath.Dir(p)); len(entries) != 1 {
				t.Fatalf("leftover files: %v", entries)
			}
		})
	}
}
