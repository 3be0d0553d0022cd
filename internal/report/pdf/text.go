package pdf

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/sfnt"
)

// family is the embedded font: Liberation Sans (SIL Open Font License
// 1.1), metric-compatible with Arial and complete for Swedish. fpdf subsets
// it, so the PDF carries only the glyphs used.
const family = "LiberationSans"

// style is a font style as fpdf names it.
type style string

const (
	regular style = ""
	bold    style = "B"
	italic  style = "I"
)

var styles = []style{regular, bold, italic}

func fontData(s style) []byte {
	switch s {
	case bold:
		return liberationsansbold.TTF
	case italic:
		return liberationsansitalic.TTF
	}
	return liberationsansregular.TTF
}

// replacementRune stands for a character the font lacks; a visible box
// tells the reader something is missing, where "?" would read as text.
const replacementRune = '□'

// Replacement is a character that the font lacks, replaced in the PDF.
type Replacement struct {
	Rune rune `json:"rune"`
	// Count is how many times it occurred.
	Count int `json:"count"`
}

// fonts measures text and checks that the font covers it.
type fonts struct {
	// pdf is an fpdf of its own, used only to measure: measuring selects
	// a font, which must not happen in the middle of a page being drawn.
	pdf *fpdf.Fpdf
	// widths caches glyph advance widths in 1/1000 em per style; -1 is
	// not yet measured. The font covers the Basic Multilingual Plane at
	// most, so an array indexed by rune is enough.
	widths map[style]*[0x10000]int32
	// covered is 1 for a rune all three styles have, 2 for one they lack,
	// 0 for not yet checked.
	covered [0x10000]uint8
	// kept is 1 for a rune clean keeps as it is, 2 for one it changes,
	// 0 for not yet checked: most text is Swedish, not ASCII, and
	// checking it rune by rune against the font each time was a tenth of
	// the rendering.
	kept     [0x10000]uint8
	faces    []*sfnt.Font
	buf      sfnt.Buffer
	replaced map[rune]int
	// counting is false while the renderer draws what it has measured,
	// so that each replaced rune is counted once.
	counting bool
}

// newFonts adds the font to pdf, which draws, and to a second fpdf that
// measures.
func newFonts(pdf *fpdf.Fpdf) (*fonts, error) {
	m := fpdf.New("P", "mm", "A4", "")
	f := &fonts{pdf: m, widths: make(map[style]*[0x10000]int32), replaced: make(map[rune]int), counting: true}
	for _, s := range styles {
		pdf.AddUTF8FontFromBytes(family, string(s), fontData(s))
		m.AddUTF8FontFromBytes(family, string(s), fontData(s))
		face, err := sfnt.Parse(fontData(s))
		if err != nil {
			return nil, err
		}
		f.faces = append(f.faces, face)
		w := new([0x10000]int32)
		for i := range w {
			w[i] = -1
		}
		f.widths[s] = w
	}
	if err := m.Error(); err != nil {
		return nil, err
	}
	return f, pdf.Error()
}

// has reports whether every style of the font has a glyph for r.
func (f *fonts) has(r rune) bool {
	if r >= 0x10000 || r < 0 {
		return false
	}
	switch f.covered[r] {
	case 1:
		return true
	case 2:
		return false
	}
	ok := true
	for _, face := range f.faces {
		if i, err := face.GlyphIndex(&f.buf, r); err != nil || i == 0 {
			ok = false
			break
		}
	}
	if ok {
		f.covered[r] = 1
	} else {
		f.covered[r] = 2
	}
	return ok
}

// clean makes s safe to draw: runes the font lacks (emoji, anything
// beyond U+FFFF, where fpdf would panic) become a box and are counted;
// tabs become spaces; other control characters but newlines go.
func (f *fonts) clean(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c < 0x20 && c != '\n') || c == 0x7f {
			ok = false
			break
		}
	}
	if ok {
		return s // plain ASCII: no allocation
	}
	if f.unchanged(s) {
		return s // the common case: no allocation either
	}
	var b strings.Builder
	b.Grow(len(s))
	changed := false
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
			changed = true
		case r == '\r' || unicode.IsControl(r) ||
			r == '\u200b' || r == '\ufeff' || unicode.Is(unicode.Variation_Selector, r) || r == '\u200d':
			changed = true // invisible: drop without a box
		case unicode.IsSpace(r):
			b.WriteByte(' ')
			changed = changed || r != ' '
		case f.has(r):
			b.WriteRune(r)
		default:
			if f.counting {
				f.replaced[r]++
			}
			b.WriteRune(replacementRune)
			changed = true
		}
	}
	if !changed {
		return s
	}
	return b.String()
}

// unchanged reports whether clean would return s as it is.
func (f *fonts) unchanged(s string) bool {
	for _, r := range s {
		if r >= 0x10000 {
			return false
		}
		switch f.kept[r] {
		case 1:
			continue
		case 2:
			return false
		}
		keep := r == '\n' || r == ' ' ||
			!(unicode.IsControl(r) || r == '\u200b' || r == '\ufeff' || unicode.Is(unicode.Variation_Selector, r) || r == '\u200d' ||
				unicode.IsSpace(r)) && f.has(r)
		if !keep {
			f.kept[r] = 2
			return false
		}
		f.kept[r] = 1
	}
	return true
}

// replacements lists the replaced runes in rune order.
func (f *fonts) replacements() []Replacement {
	out := make([]Replacement, 0, len(f.replaced))
	for r, n := range f.replaced {
		out = append(out, Replacement{Rune: r, Count: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Rune < out[j].Rune })
	return out
}

// ptToMM converts a font size in points to millimetres.
const ptToMM = 25.4 / 72

// width returns the width in mm of clean text s set in style at size pt.
func (f *fonts) width(s string, st style, size float64) float64 {
	w := f.widths[st]
	total := 0
	for _, r := range s {
		if r >= 0x10000 {
			continue
		}
		cw := w[r]
		if cw < 0 {
			f.pdf.SetFont(family, string(st), 10)
			cw = int32(f.pdf.GetStringSymbolWidth(string(r)))
			w[r] = cw
		}
		total += int(cw)
	}
	return float64(total) * size / 1000 * ptToMM
}

// wrap breaks clean text into lines no wider than width: at spaces where
// it can, inside a word only when the word alone is too wide. A newline
// always breaks. It returns at least one line.
func (f *fonts) wrap(s string, st style, size, width float64) []string {
	var lines []string
	space := f.width(" ", st, size)
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		var cur strings.Builder
		curW := 0.0
		for _, w := range words {
			ww := f.width(w, st, size)
			if cur.Len() > 0 && curW+space+ww <= width {
				cur.WriteByte(' ')
				cur.WriteString(w)
				curW += space + ww
				continue
			}
			if cur.Len() > 0 {
				lines = append(lines, cur.String())
				cur.Reset()
				curW = 0
			}
			for ww > width {
				// A word wider than the column: break it where it must.
				head, rest := f.fit(w, st, size, width)
				lines = append(lines, head)
				w = rest
				ww = f.width(w, st, size)
			}
			cur.WriteString(w)
			curW = ww
		}
		lines = append(lines, cur.String())
	}
	return lines
}

// widestWord returns the width of the longest word of clean text s.
func (f *fonts) widestWord(s string, st style, size float64) float64 {
	w := 0.0
	for _, word := range strings.Fields(s) {
		w = max(w, f.width(word, st, size))
	}
	return w
}

// sizeToFit returns the largest size from size down to minSize, in steps
// of 0.3 pt, at which the longest word of clean text s fits width; minSize
// when none does, and the word is then broken by wrap.
func (f *fonts) sizeToFit(s string, st style, size, minSize, width float64) float64 {
	for size > minSize && f.widestWord(s, st, size) > width {
		size = max(size-0.3, minSize)
	}
	return size
}

// fit splits w into the longest head that fits width and the rest; the
// head has at least one rune so that wrapping always progresses.
func (f *fonts) fit(w string, st style, size, width float64) (string, string) {
	acc := 0.0
	for i, r := range w {
		acc += f.width(string(r), st, size)
		if acc > width && i > 0 {
			return w[:i], w[i:]
		}
	}
	return w, ""
}

// ellipsize shortens lines to at most max, marking the cut with "…".
func (f *fonts) ellipsize(lines []string, max int, st style, size, width float64) []string {
	if len(lines) <= max {
		return lines
	}
	lines = lines[:max]
	last := lines[max-1]
	for last != "" && f.width(last+"…", st, size) > width {
		_, n := utf8.DecodeLastRuneInString(last)
		last = last[:len(last)-n]
	}
	lines[max-1] = strings.TrimRight(last, " ") + "…"
	return lines
}
