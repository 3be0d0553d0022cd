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
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
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

// Style is a style of the typeface.
type Style int

// The typeface's styles.
const (
	StyleRegular Style = iota
	StyleBold
	StyleItalic
)

var (
	advMu sync.Mutex
	adv   = map[Style]map[rune]float64{}
)

// Width returns the width of s set in style st at a size of 1, in ems:
// what a renderer that does not lay out text itself (an SVG drawing)
// needs to break lines. Runes the typeface lacks count as half an em. It
// is safe for concurrent use.
func Width(s string, st Style) float64 {
	once.Do(load)
	if err != nil || st < StyleRegular || st > StyleItalic {
		return 0.5 * float64(len([]rune(s)))
	}
	advMu.Lock()
	defer advMu.Unlock()
	m := adv[st]
	if m == nil {
		m = make(map[rune]float64)
		adv[st] = m
	}
	f := faces[st]
	upem := fixed.Int26_6(f.UnitsPerEm())
	var buf sfnt.Buffer
	w := 0.0
	for _, r := range s {
		a, ok := m[r]
		if !ok {
			a = 0.5
			if i, e := f.GlyphIndex(&buf, r); e == nil && i != 0 {
				if x, e := f.GlyphAdvance(&buf, i, upem, font.HintingNone); e == nil {
					a = float64(x) / float64(upem)
				}
			}
			m[r] = a
		}
		w += a
	}
	return w
}
