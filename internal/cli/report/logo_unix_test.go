//go:build unix

package report

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
)

// TestCheckLogoFIFO checks that a named pipe as logo is refused without
// being opened: opening it for reading used to block report for ever.
func TestCheckLogoFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "logo.png")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	var ue *cmdutil.UserError
	if err := checkLogo(fifo); !errors.As(err, &ue) || ue.MessageID != "ReportErrLogoNotFile" {
		t.Fatalf("err = %v, want ReportErrLogoNotFile", err)
	}
}
