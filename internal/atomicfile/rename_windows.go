package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sys/windows"
)

// replace moves tmp over path. MoveFileEx with MOVEFILE_REPLACE_EXISTING
// is Windows' atomic rename over an existing file; MOVEFILE_WRITE_THROUGH
// returns only once the move is on disk, as Windows cannot sync a folder.
func replace(tmp, path string) error {
	return move(tmp, path, windows.MOVEFILE_REPLACE_EXISTING|windows.MOVEFILE_WRITE_THROUGH)
}

// placeNew moves tmp to path unless path exists (os.ErrExist). Without
// MOVEFILE_REPLACE_EXISTING the move fails on an existing file, and
// unlike a hard link it works on FAT and exFAT sticks and network shares.
func placeNew(tmp, path string) error {
	return move(tmp, path, windows.MOVEFILE_WRITE_THROUGH)
}

// retryFor bounds the retries of a move that another program blocks.
const retryFor = 2 * time.Second

func move(from, to string, flags uint32) error {
	f, err := windows.UTF16PtrFromString(longPath(from))
	if err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	t, err := windows.UTF16PtrFromString(longPath(to))
	if err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	// Virus scanners, indexers and sync clients (OneDrive) open new files
	// for a moment, and the move fails meanwhile; retry briefly, as the
	// go command does for the same reason.
	start := time.Now()
	for delay := 10 * time.Millisecond; ; delay *= 2 {
		err = windows.MoveFileEx(f, t, flags)
		if err == nil || !blocked(err) || time.Since(start) > retryFor {
			break
		}
		time.Sleep(delay)
	}
	if err == nil {
		return nil
	}
	if blocked(err) {
		// Excel and PDF readers keep open files locked.
		return fmt.Errorf("%w: %w", ErrInUse, &os.LinkError{Op: "rename", Old: from, New: to, Err: err})
	}
	return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
}

// blocked reports errors that another program's open handle causes.
func blocked(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_ACCESS_DENIED)
}

// longPath gives paths of 248 characters or more the \\?\ prefix that
// lifts Windows' MAX_PATH limit, as package os does for its own calls:
// deep OneDrive folders and long unit names reach it.
func longPath(p string) string {
	if len(p) < 248 || strings.HasPrefix(p, `\\?\`) {
		return p
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if strings.HasPrefix(abs, `\\`) {
		return `\\?\UNC\` + abs[2:] // \\server\share\… → \\?\UNC\server\share\…
	}
	return `\\?\` + abs
}
