package pdf

import (
	"bytes"
	"errors"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/malarbete/malarbete/internal/font"
)

// family is the embedded font, internal/font's Liberation Sans. fpdf
// subsets it, so the PDF carries only the glyphs used.
const family = "LiberationSans"

// style is a font style as fpdf names it.
type style string

const (
	regular style = ""
	bold    style = "B"
	italic  style = "I"
)

var styles = []style{regular, bold, italic}

// styleIndex is st's place in styles.
func styleIndex(st style) int {
	switch st {
	case bold:
		return 1
	case italic:
		return 2
	}
	return 0
}

func fontData(s style) []byte {
	switch s {
	case bold:
		return font.Bold
	case italic:
		return font.Italic
	}
	return font.Regular
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
	// widths caches glyph advance widths in 1/1000 em per style (by
	// styleIndex); -1 is not yet measured. The font covers the Basic
	// Multilingual Plane at most, so an array indexed by rune is enough.
	widths [3]*[0x10000]int32
	// covered is 1 for a rune all three styles have, 2 for one they lack,
	// 0 for not yet checked.
	covered [0x10000]uint8
	// kept is 1 for a rune clean keeps as it is, 2 for one it changes,
	// 0 for not yet checked: most text is Swedish, not ASCII, and
	// checking it rune by rune against the font each time was a tenth of
	// the rendering.
	kept     [0x10000]uint8
	replaced map[rune]int
	// counting is false while the renderer draws what it has measured,
	// so that each replaced rune is counted once.
	counting bool
}

// newFonts adds the font to pdf, which draws, and to a second fpdf that
// measures.
func newFonts(pdf *fpdf.Fpdf) (*fonts, error) {
	m := fpdf.New("P", "mm", "A4", "")
	f := &fonts{pdf: m, replaced: make(map[rune]int), counting: true}
	for _, s := range styles {
		pdf.AddUTF8FontFromBytes(family, string(s), fontData(s))
		m.AddUTF8FontFromBytes(family, string(s), fontData(s))
		w := new([0x10000]int32)
		for i := range w {
			w[i] = -1
		}
		f.widths[styleIndex(s)] = w
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
	ok := font.Covers(r)
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
	w := f.widths[styleIndex(st)]
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
// it can, inside a word only when the word alone is too wide, and then at
// a hyphen or a syllable (hyphenate). A newline always breaks. It returns
// at least one line. A line whose words stand one space apart in s is a
// part of s, not a copy: a large report wraps some million texts twice.
func (f *fonts) wrap(s string, st style, size, width float64) []string {
	var lines []string
	space := f.width(" ", st, size)
	for {
		para, rest, more := strings.Cut(s, "\n")
		lines = f.wrapPara(lines, para, st, size, width, space)
		if !more {
			return lines
		}
		s = rest
	}
}

// line is the line being wrapped: para[start:end] while its words stand
// as they do in para, else buf.
type line struct {
	para       string
	start, end int
	copied     bool
	buf        []byte
}

func (c *line) empty() bool { return c.start == c.end && (!c.copied || len(c.buf) == 0) }

// add appends para[i:j], after a space unless the line is empty.
func (c *line) add(i, j int) {
	switch {
	case c.empty():
		c.start, c.end, c.copied = i, j, false
	case !c.copied && i == c.end+1 && c.para[c.end] == ' ':
		c.end = j
	default:
		c.addString(" " + c.para[i:j])
	}
}

// addString appends s, which is not where the line stands in para.
func (c *line) addString(s string) {
	if !c.copied {
		c.buf = append(c.buf[:0], c.para[c.start:c.end]...)
		c.copied = true
	}
	c.buf = append(c.buf, s...)
}

// take returns the line and empties it.
func (c *line) take() string {
	s := c.para[c.start:c.end]
	if c.copied {
		s = string(c.buf)
	}
	c.start, c.end, c.copied = 0, 0, false
	return s
}

// wrapPara wraps one paragraph, without newlines, onto lines.
func (f *fonts) wrapPara(lines []string, para string, st style, size, width, space float64) []string {
	cur := line{para: para}
	curW := 0.0
	words := 0
	for i := 0; i < len(para); {
		ws, we := nextWord(para, i)
		if ws == we {
			break
		}
		i = we
		words++
		w := para[ws:we]
		ww := f.width(w, st, size)
		if !cur.empty() && curW+space+ww <= width {
			cur.add(ws, we)
			curW += space + ww
			continue
		}
		if ww > width && !cur.empty() {
			// A long word starts on the line it follows when a
			// syllable of it fits there.
			if head, rest, ok := f.hyphenate(w, st, size, width-curW-space); ok {
				cur.addString(" " + head)
				w, ww = rest, f.width(rest, st, size)
			}
		}
		if !cur.empty() {
			lines = append(lines, cur.take())
			curW = 0
		}
		for ww > width {
			// A word wider than the column: break it at a syllable,
			// or where it must when no syllable fits.
			head, rest, ok := f.hyphenate(w, st, size, width)
			if !ok {
				head, rest = f.fit(w, st, size, width)
			}
			lines = append(lines, head)
			w = rest
			ww = f.width(w, st, size)
		}
		// What is left of the word is its end in para.
		cur.add(we-len(w), we)
		curW = ww
	}
	if words == 0 {
		return append(lines, "")
	}
	return append(lines, cur.take())
}

// asciiSpace marks the ASCII bytes strings.Fields takes for space.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// nextWord returns where the next word of s from i starts and ends, as
// strings.Fields splits; start == end when there is none.
func nextWord(s string, i int) (start, end int) {
	isSpace := func(i int) (bool, int) {
		if c := s[i]; c < utf8.RuneSelf {
			return asciiSpace[c], 1
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		return unicode.IsSpace(r), n
	}
	for i < len(s) {
		sp, n := isSpace(i)
		if !sp {
			break
		}
		i += n
	}
	start = i
	for i < len(s) {
		sp, n := isSpace(i)
		if sp {
			break
		}
		i += n
	}
	return start, i
}

// balance wraps s as wrap does, but where the last line would hold one
// word alone under longer ones, narrows the lines until they come out
// more even, as long as that takes no more lines and breaks no word.
func (f *fonts) balance(s string, st style, size, width float64) []string {
	lines := f.wrap(s, st, size, width)
	if len(lines) < 2 || strings.Contains(lines[len(lines)-1], " ") {
		return lines
	}
	words := len(strings.Fields(s))
	for w := width - 0.5; w >= width*0.5; w -= 0.5 {
		alt := f.wrap(s, st, size, w)
		if len(alt) != len(lines) || len(strings.Fields(strings.Join(alt, " "))) != words {
			break
		}
		if strings.Contains(alt[len(alt)-1], " ") {
			return alt
		}
	}
	return lines
}

// hyphenate splits w at the last break (after a hyphen, or between
// syllables with a hyphen added) whose head fits width; ok is false when
// none does.
func (f *fonts) hyphenate(w string, st style, size, width float64) (head, rest string, ok bool) {
	breaks := syllableBreaks(w)
	for i := len(breaks) - 1; i >= 0; i-- {
		at := breaks[i]
		h := w[:at]
		if !strings.HasSuffix(h, "-") && !strings.HasSuffix(h, "–") {
			h += "-"
		}
		if f.width(h, st, size) <= width {
			return h, w[at:], true
		}
	}
	return "", w, false
}

// Letters for syllables: Swedish and English vowels.
const vowels = "aeiouyåäöæøáàâãéèêëíìîïóòôõúùûüýAEIOUYÅÄÖÆØÁÀÂÃÉÈÊËÍÌÎÏÓÒÔÕÚÙÛÜÝ"

// onsets are consonant pairs that begin a Swedish syllable together and
// are not split: "upp-drag", "lö-ne-kri-te-ri-er".
var onsets = map[string]bool{
	"bl": true, "br": true, "dr": true, "fl": true, "fr": true, "gl": true, "gr": true,
	"kl": true, "kr": true, "pl": true, "pr": true, "tr": true,
}

// syllableBreaks returns the byte offsets where w may be broken: after a
// hyphen or dash inside it, and before the last consonant ahead of a
// vowel (Swedish avstavning: "stöd-verk-sam-het"), or before a pair such
// as "dr". Each side keeps two letters at least; words with digits are
// not broken but at hyphens.
func syllableBreaks(w string) []int {
	rs := []rune(w)
	off := make([]int, len(rs)+1)
	for i, r := range rs {
		off[i+1] = off[i] + utf8.RuneLen(r)
	}
	digits := strings.ContainsAny(w, "0123456789")
	isV := func(i int) bool { return strings.ContainsRune(vowels, rs[i]) }
	isL := func(i int) bool { return unicode.IsLetter(rs[i]) }
	var out []int
	for i := 1; i < len(rs); i++ {
		if (rs[i-1] == '-' || rs[i-1] == '–') && i >= 2 && i < len(rs)-1 {
			out = append(out, off[i])
			continue
		}
		if digits || i < 2 || i > len(rs)-2 {
			continue
		}
		// A break before rs[i]: rs[i] a consonant followed by a vowel,
		// with a vowel somewhere before.
		if !isL(i) || isV(i) || i+1 >= len(rs) || !isV(i+1) {
			continue
		}
		at := i
		if onsets[strings.ToLower(string(rs[i-1:i+1]))] && !isV(i-1) {
			at = i - 1
		}
		if at < 2 || !isL(at-1) {
			continue
		}
		vowelBefore := false
		for k := 0; k < at; k++ {
			vowelBefore = vowelBefore || isV(k)
		}
		if vowelBefore && (len(out) == 0 || out[len(out)-1] != off[at]) {
			out = append(out, off[at])
		}
	}
	return out
}

// widestWord returns the width of the longest word of clean text s.
func (f *fonts) widestWord(s string, st style, size float64) float64 {
	w := 0.0
	for _, word := range strings.Fields(s) {
		w = max(w, f.width(word, st, size))
	}
	return w
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

// fontIDs returns the names fpdf gives the styles of the font in the page
// resources, by styleIndex: it draws a page in each with an fpdf of its
// own and reads them from the file. fpdf derives a font's name from the
// font alone, so every document gives the same.
var fontIDs = sync.OnceValues(func() ([3]string, error) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCompression(false)
	for _, s := range styles {
		p.AddUTF8FontFromBytes(family, string(s), fontData(s))
	}
	p.AddPage()
	for _, s := range styles {
		p.SetFont(family, string(s), 10)
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		return [3]string{}, err
	}
	var ids [3]string
	rest := b.String()
	for i := range ids {
		_, after, ok := strings.Cut(rest, "BT /F")
		id, tail, ok2 := strings.Cut(after, " 10.00 Tf ET")
		if !ok || !ok2 || id == "" || strings.ContainsAny(id, " \n/") {
			return [3]string{}, errors.New("fpdf's font names not found in its page")
		}
		ids[i], rest = id, tail
	}
	if ids[0] == ids[1] || ids[1] == ids[2] || ids[0] == ids[2] {
		return [3]string{}, errors.New("fpdf names two styles alike")
	}
	return ids, nil
})
