// Package font is the report's typeface: Liberation Sans (SIL Open Font
// License 1.1), metric-compatible with Arial and complete for Swedish,
// embedded in every PDF. It says which characters the typeface can draw,
// so that the renderer can count what it must replace and check can warn
// about config texts the PDF would show as a box.
package font

import (
	"sync"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/sfnt"
)

// The typeface's styles as TrueType data.
var (
	Regular = liberationsansregular.TTF
	Bold    = liberationsansbold.TTF
	Italic  = liberationsansitalic.TTF
)

var (
	once  sync.Once
	faces []*sfnt.Font
	err   error
)

func load() {
	for _, data := range [][]byte{Regular, Bold, Italic} {
		f, e := sfnt.Parse(data)
		if e != nil {
			err = e
			return
		}
		faces = append(faces, f)
	}
}

// Covers reports whether every style of the typeface has a glyph for r.
// It is safe for concurrent use.
func Covers(r rune) bool {
	once.Do(load)
	if err != nil || r < 0 || r > 0xffff {
		return false
	}
	var buf sfnt.Buffer
	for _, f := range faces {
		if i, e := f.GlyphIndex(&buf, r); e != nil || i == 0 {
			return false
		}
	}
	return true
}

// Missing returns the characters of s that the typeface cannot draw, each
// once, in the order they occur; spaces and line breaks are never
// missing.
func Missing(s string) []rune {
	var out []rune
	for _, r := range s {
		if r == ' ' || r == '\n' || Covers(r) {
			continue
		}
		seen := false
		for _, x := range out {
			seen = seen || x == r
		}
		if !seen {
			out = append(out, r)
		}
	}
	return out
}
