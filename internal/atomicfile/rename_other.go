//go:build !windows

package atomicfile

import "os"

// replace renames tmp over path: atomic on POSIX systems.
func replace(tmp, path string) error { return os.Rename(tmp, path) }

// placeNew gives tmp the name path unless path exists (os.ErrExist). A
// hard link fails if path exists, so a file created meanwhile is not
// replaced.
func placeNew(tmp, path string) error {
	if err := os.Link(tmp, path); err != nil {
		return err
	}
	os.Remove(tmp)
	return nil
}
