//go:build unix

package atomicfile

import (
	"errors"
	"syscall"
)

// processAlive reports whether the process pid still runs; signal 0
// checks without sending anything.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
