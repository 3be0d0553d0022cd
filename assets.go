// Package malarbete embeds the files the binary carries: the message
// catalogues, the workbook layouts and the bundled example municipalities.
// No file is read from disk or network at run time.
package malarbete

import (
	"embed"
	"io/fs"
)

//go:embed locales/*.yaml
var locales embed.FS

//go:embed templates
var templates embed.FS

//go:embed examples
var examples embed.FS

// Locales holds the go-i18n catalogues, one file per area and language:
// <area>.<lang>.yaml.
var Locales fs.FS = mustSub(locales, "locales")

// Templates holds the workbook layouts under templates/.
var Templates fs.FS = mustSub(templates, "templates")

// Examples holds the bundled municipalities under examples/<name>/.
var Examples fs.FS = mustSub(examples, "examples")

func mustSub(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // dir is a literal embedded above
	}
	return s
}
