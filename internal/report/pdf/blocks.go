package pdf

import (
	"math"
	"strconv"

	"github.com/malarbete/malarbete/internal/document"
)

// Type sizes in points. Body text is 10 pt or more, tables, the running
// header and the footer 9 pt, and nothing is smaller than 8 pt (the
// numbers of a chart).
const (
	bodySize    = 10.0
	leadSize    = 11.0
	quoteSize   = 12.0
	noteSize    = 9.5
	captionSize = 9.0
	smallSize   = 8.0 // the least any text is set in
	marginSize  = 9.0 // the running header and the footer
)

// lineHeight is the leading for a font size: 1.4 times the size.
func lineHeight(size float64) float64 { return size * ptToMM * 1.4 }

// baseline returns the baseline of text at size in a line box of height
// lh starting at y, centring the capitals in the box.
func baseline(y, lh, size float64) float64 { return y + lh/2 + 0.36*size*ptToMM }

// textStrips wraps s and returns one strip per line at x.
func (l *layouter) textStrips(s string, x, w float64, st style, size float64, col rgb) []strip {
	lh := lineHeight(size)
	lines := l.f.wrap(l.f.clean(s), st, size, w)
	out := make([]strip, len(lines))
	for i, ln := range lines {
		out[i] = strip{h: lh, draw: func(p *page, y float64) {
			p.text(x, baseline(y, lh, size), ln, st, size, col)
		}}
	}
	return out
}

// headingStyle returns size, colour, space before and after of a
// heading level.
func (th *theme) headingStyle(level int) (size float64, col rgb, before, after float64) {
	switch level {
	case 1:
		return 20, th.accent, 0, 5
	case 2:
		return 14, th.accent, 6, 2
	case 3:
		return 11.5, colText, 4.5, 1.5
	}
	return 10.5, colMuted, 3.5, 1
}

// headingText is a heading as printed: its number, if any, and its text.
func headingText(h document.Heading) string {
	if h.Number == "" {
		return h.Text
	}
	return h.Number + "  " + h.Text
}

// headingLines wraps a heading and returns its height with spacing.
func (l *layouter) headingLines(h document.Heading) ([]string, float64) {
	size, _, before, after := l.th.headingStyle(h.Level)
	lines := l.f.wrap(l.f.clean(headingText(h)), bold, size, l.g.contentW)
	return lines, before + float64(len(lines))*lineHeight(size*0.92) + after
}

// paragraph returns the strips of a paragraph and its options.
func (l *layouter) paragraph(b document.Paragraph) ([]strip, flowOpts) {
	size, st, col, x, w, after := bodySize, regular, colText, l.g.marginL, l.g.contentW, 3.0
	var o flowOpts
	typ := tagP
	switch b.Style {
	case document.StyleLead:
		size = leadSize
		after = 4
	case document.StyleQuote:
		size, st, col, x, w = quoteSize, italic, l.th.accent, l.g.marginL+7, l.g.contentW-10
		after = 5
		typ = tagBlockQuote
		light := l.th.light
		o.deco = func(p *page, y0, y1 float64) []op {
			return []op{{kind: opRect, x: l.g.marginL, y: y0 + 0.5, w: 1.4, h: y1 - y0 - 1, col: light, fill: true}}
		}
	case document.StyleNote:
		size, st, col = noteSize, italic, colMuted
		after = 2.5
	}
	ss := tagged(l.textStrips(b.Text, x, w, st, size, col), l.st.add(0, typ))
	o.lead = lineHeight(size) * math.Min(2, float64(len(ss)))
	if len(ss) <= 3 {
		o.keep = true // a short paragraph is not worth splitting
	}
	o.after = after
	return ss, o
}

func (l *layouter) list(b document.List) ([]strip, flowOpts) {
	const size = bodySize
	lh := lineHeight(size)
	var ss []strip
	indent := 5.0
	if b.Numbered {
		indent = 6.5
	}
	accent := l.th.accent
	list := l.st.add(0, tagL)
	for i, item := range b.Items {
		mark := "•"
		if b.Numbered {
			mark = strconv.Itoa(i+1) + "."
		}
		lbl, body := l.st.item(list)
		lines := l.f.wrap(l.f.clean(item), regular, size, l.g.contentW-indent-2)
		for j, ln := range lines {
			first := j == 0
			ss = append(ss, strip{h: lh, draw: func(p *page, y float64) {
				if first {
					p.tag = lbl
					p.text(l.g.marginL+1, baseline(y, lh, size), mark, regular, size, accent)
				}
				p.tag = body
				p.text(l.g.marginL+indent+1, baseline(y, lh, size), ln, regular, size, colText)
			}})
		}
		ss = append(ss, strip{h: 1.2})
	}
	return ss, flowOpts{lead: 2 * lh, after: 2.5}
}

// cellLines is one column of a row of lines: a table cell, or the key or
// value of a goal card's item.
type cellLines struct {
	x, w    float64
	lines   []string
	st      style
	size    float64
	col     rgb
	right   bool
	tone    document.Tone
	offsetX float64   // room for a tone marker
	lineW   []float64 // widths of right-aligned lines
	// tag is the cell's structure element.
	tag int32
}

// multiStrip builds a strip of columns of lines, drawn from line from to
// to, that can split itself between lines: only a row taller than a
// page is split (see flow).
func multiStrip(cells []cellLines, lh, padTop, padBottom float64, bg func(p *page, y, h float64, cont bool), from, to int, cont bool) strip {
	h := float64(to-from)*lh + padTop + padBottom
	s := strip{h: h}
	s.draw = func(p *page, y float64) {
		if bg != nil {
			p.tag = 0
			bg(p, y, h, cont)
		}
		for _, c := range cells {
			p.tag = c.tag
			if from == 0 {
				p.touch(c.tag) // an empty cell is still a cell
			}
			for i := from; i < to && i < len(c.lines); i++ {
				yy := y + padTop + float64(i-from)*lh
				if i == 0 && c.tone != "" {
					p.marker(c.x+markerW/2-0.3, yy+lh/2, markerSize, c.tone)
				}
				x := c.x + c.offsetX
				if c.right {
					x = c.x + c.w - c.widthOf(i)
				}
				p.text(x, baseline(yy, lh, c.size), c.lines[i], c.st, c.size, c.col)
			}
		}
	}
	if to-from > 1 {
		s.split = func(avail float64) (strip, strip, bool) {
			n := int((avail - padTop - padBottom) / lh)
			if n < 1 {
				return strip{}, strip{}, false
			}
			if n >= to-from {
				n = to - from - 1
			}
			return multiStrip(cells, lh, padTop, 0.8, bg, from, from+n, cont),
				multiStrip(cells, lh, 0.8, padBottom, bg, from+n, to, true), true
		}
	}
	return s
}

// widths of right-aligned lines are measured when the cell is built.
func (c cellLines) widthOf(i int) float64 {
	if i < len(c.lineW) {
		return c.lineW[i]
	}
	return 0
}
