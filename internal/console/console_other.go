//go:build !windows

package console

import "os"

// Setup has nothing to prepare outside Windows: terminals take UTF-8 and
// ANSI escape sequences as they are.
func Setup() (restore func()) { return func() {} }

// Color reports whether f is a terminal, which shows ANSI colours.
func Color(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
