package pdf

import (
	"math"
	"strconv"

	"github.com/malarbete/malarbete/internal/document"
)

// theme holds the colours made from the document's accent: headings,
// rules, the header row of tables and the boxes of the diagram.
type theme struct {
	accent rgb // headings and rules; at least 4.5:1 on white
	light  rgb // bars beside quotes and cards
	headBg rgb // a table's header row
	boxBg  rgb // the diagram's light boxes
	// dark are the fills of the diagram's top levels, with white text on
	// them at 4.5:1 at least.
	dark [3]rgb
}

func newTheme(accent string) *theme {
	a, ok := parseColour(accent)
	if !ok {
		a = defaultAccent
	}
	a = readableOn(a, colWhite)
	th := &theme{accent: a, light: mix(a, colWhite, 0.45), headBg: mix(a, colWhite, 0.87), boxBg: mix(a, colWhite, 0.92)}
	for i := range th.dark {
		th.dark[i] = readableOn(mix(a, colWhite, 0.14*float64(i)), colWhite)
	}
	return th
}

// parseColour reads "#RRGGBB".
func parseColour(s string) (rgb, bool) {
	if len(s) != 7 || s[0] != '#' {
		return rgb{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return rgb{}, false
	}
	return rgb{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}, true
}

// mix returns a moved towards b by t (0: a, 1: b).
func mix(a, b rgb, t float64) rgb {
	f := func(x, y int) int { return int(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return rgb{f(a.r, b.r), f(a.g, b.g), f(a.b, b.b)}
}

// luminance is the relative luminance of WCAG 2.
func luminance(c rgb) float64 {
	ch := func(v int) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.r) + 0.7152*ch(c.g) + 0.0722*ch(c.b)
}

// contrast is the contrast ratio of WCAG 2, from 1 to 21.
func contrast(a, b rgb) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// minContrast is what text needs against its background (WCAG 2, AA).
const minContrast = 4.5

// readableOn darkens c until text in it, or on it in white, reaches
// minContrast against bg.
func readableOn(c, bg rgb) rgb {
	for i := 0; i < 40 && contrast(c, bg) < minContrast; i++ {
		c = mix(c, colBlack, 0.08)
	}
	return c
}

// textOn returns black or white, whichever reads better on fill.
func textOn(fill rgb) rgb {
	if contrast(colBlack, fill) >= contrast(colWhite, fill) {
		return colBlack
	}
	return colWhite
}

// shape is the form of a status marker.
type shape int

const (
	shapeNone shape = iota
	shapeCircle
	shapeDiamond
	shapeTriangle
	shapeSquare
	shapeRing
	shapeDash
)

// toneMarker returns the shape and colour of a tone: each status its own
// of both.
func toneMarker(t document.Tone) (shape, rgb) {
	switch t {
	case document.ToneGood:
		return shapeCircle, colGood
	case document.ToneDone:
		return shapeDiamond, colDone
	case document.ToneWarn:
		return shapeTriangle, colWarn
	case document.ToneBad:
		return shapeSquare, colBad
	case document.ToneAccent:
		return shapeRing, colStart
	case document.ToneMuted:
		return shapeDash, colNeutral
	}
	return shapeNone, colRule
}

// toneColor is the fill of a tone: in bar charts, beside cards.
func toneColor(t document.Tone) rgb {
	_, c := toneMarker(t)
	return c
}
