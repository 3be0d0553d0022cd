package console

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNoColorOnFiles checks that output redirected to a file or a pipe
// gets no escape sequences, on every platform.
func TestNoColorOnFiles(t *testing.T) {
	restore := Setup()
	defer restore()
	f, err := os.Create(filepath.Join(t.TempDir(), "ut å ä ö.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if Color(f) {
		t.Error("a file counts as a colour terminal")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if Color(w) {
		t.Error("a pipe counts as a colour terminal")
	}
}
