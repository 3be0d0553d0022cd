//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestRefusesFIFO checks that a named pipe at the target is kept: with
// Overwrite it used to be replaced by a regular file.
func TestRefusesFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := WriteFile(fifo, []byte("x"), Options{Overwrite: true}); !errors.Is(err, ErrNotRegular) {
		t.Errorf("write over a FIFO: %v, want ErrNotRegular", err)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", err)
	}
}
