package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestReplaceOpenFile holds the target open as Excel does (without
// FILE_SHARE_DELETE): the replace fails with ErrInUse after its retries
// and the earlier file stays whole.
func TestReplaceOpenFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "Sammanställning öppen i Excel.xlsx")
	if err := WriteFile(p, []byte("one"), Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := WriteFile(p, []byte("two"), Options{Overwrite: true}); !errors.Is(err, ErrInUse) {
		t.Fatalf("got %v, want ErrInUse", err)
	}
	f.Close()
	if b, _ := os.ReadFile(p); string(b) != "one" {
		t.Fatalf("content %q, want the earlier file", b)
	}
	if entries, _ := os.ReadDir(filepath.Dir(p)); len(entries) != 1 {
		t.Fatalf("leftover files: %v", entries)
	}
}
