// Command malarbete is the goal-work tool for Swedish municipalities: it
// generates goal workbooks, reads them back, and reports on the goals.
package main

//go:debug zipinsecurepath=0

import (
	"os"

	"github.com/malarbete/malarbete/internal/cli"
)

func main() { os.Exit(cli.Main()) }
