// Rejects zip entries with absolute or ".." names in every workbook read.
//go:debug zipinsecurepath=0

// Command malarbete is the goal-work tool for Swedish municipalities: it
// generates goal workbooks, reads them back, and reports on the goals.
package main

import (
	"os"

	"github.com/malarbete/malarbete/internal/cli"
	"github.com/malarbete/malarbete/internal/console"
)

func main() {
	restore := console.Setup()
	code := cli.Main()
	restore()
	os.Exit(code)
}
