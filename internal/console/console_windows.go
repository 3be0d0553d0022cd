package console

import (
	"os"

	"golang.org/x/sys/windows"
)

// codePageUTF8 is Windows' code page number for UTF-8 (CP_UTF8).
const codePageUTF8 = 65001

// Setup sets the console's output code page to UTF-8 and enables virtual
// terminal processing on stdout and stderr. The console belongs to the
// shell that started malarbete, so the returned function puts back what
// was changed; main calls it before exiting. Whatever fails is left as
// it was: Color then reports no colour.
func Setup() (restore func()) {
	var undo []func()
	if cp, err := windows.GetConsoleOutputCP(); err == nil && cp != codePageUTF8 {
		if windows.SetConsoleOutputCP(codePageUTF8) == nil {
			undo = append(undo, func() { windows.SetConsoleOutputCP(cp) })
		}
	}
	for _, h := range []windows.Handle{windows.Stdout, windows.Stderr} {
		var mode uint32
		if windows.GetConsoleMode(h, &mode) != nil || mode&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
			continue // not a console, or already enabled
		}
		if windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) == nil {
			undo = append(undo, func() { windows.SetConsoleMode(h, mode) })
		}
	}
	return func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
}

// Color reports whether f is a console that shows ANSI colours: only
// when virtual terminal processing is on (Windows 10 and later, after
// Setup). A pipe, a file or NUL gets no colour.
func Color(f *os.File) bool {
	var mode uint32
	return windows.GetConsoleMode(windows.Handle(f.Fd()), &mode) == nil &&
		mode&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0
}
