package pdf

import (
	"math"

	"github.com/malarbete/malarbete/internal/document"
)

// Table metrics: tables are set in 9 pt, their header in 9 pt bold.
const (
	tableSize     = 9.0
	tableHeadSize = 9.0
	cellPadX      = 1.6
	cellPadY      = 1.3
	markerW       = 3.6 // room for a status marker before a value
	markerSize    = 2.5
)

// cells lays out one row of a table. The columns are as wide as their
// longest words where the page allows (fitWidths); a word wider still is
// hyphenated at a syllable by wrap. headers makes the first cell bold: it
// heads its row.
func (l *layouter) cells(texts []string, cols []document.Column, widths []float64, st style, size float64, col rgb, tones []document.Tone, headers bool) ([]cellLines, int) {
	out := make([]cellLines, len(widths))
	x := l.g.marginL
	maxLines := 1
	for i, w := range widths {
		text := ""
		if i < len(texts) {
			text = l.f.clean(texts[i])
		}
		cst := st
		if headers && i == 0 {
			cst = bold
		}
		c := cellLines{x: x + cellPadX, w: w - 2*cellPadX, st: cst, col: col}
		if i < len(tones) && tones[i] != "" {
			c.tone = tones[i]
			c.offsetX = markerW
		}
		c.size = size
		c.lines = l.f.wrap(text, cst, c.size, c.w-c.offsetX)
		if i < len(cols) && cols[i].Numeric {
			c.right = true
			for _, ln := range c.lines {
				c.lineW = append(c.lineW, l.f.width(ln, cst, c.size))
			}
		}
		if len(c.lines) > maxLines {
			maxLines = len(c.lines)
		}
		out[i] = c
		x += w
	}
	return out, maxLines
}

func (l *layouter) table(b document.Table) ([]strip, flowOpts) {
	sum := 0.0
	for _, c := range b.Columns {
		sum += c.Width
	}
	widths := make([]float64, len(b.Columns))
	for i, c := range b.Columns {
		w := c.Width
		if sum <= 0 {
			w, sum = 1, float64(len(b.Columns))
		}
		widths[i] = l.g.contentW * w / sum
	}
	widths = fitWidths(widths, l.wordWidths(b))
	titles := make([]string, len(b.Columns))
	for i, c := range b.Columns {
		titles[i] = c.Title
	}
	table := l.st.add(0, tagTable)
	// The caption, printed under the table, is read before it: it is
	// the table's first kid, as an HTML table's caption is.
	var caption int32
	if b.Caption != "" {
		caption = l.st.add(table, tagCaption)
	}
	headRow := l.st.add(l.st.add(table, tagTHead), tagTR)
	hc, hn := l.cells(titles, b.Columns, widths, bold, tableHeadSize, colText, nil, false)
	for i := range hc {
		hc[i].tag = l.st.header(headRow, scopeColumn)
	}
	hlh := lineHeight(tableHeadSize)
	headBg, accent := l.th.headBg, l.th.accent
	head := multiStrip(hc, hlh, cellPadY+0.3, cellPadY+0.3, func(p *page, y, h float64, _ bool) {
		p.touch(caption)
		p.rect(l.g.marginL, y, l.g.contentW, h, headBg, true)
		p.line(l.g.marginL, y+h, l.g.marginL+l.g.contentW, y+h, 0.4, accent)
	}, 0, hn, false)
	head.split = nil

	lh := lineHeight(tableSize)
	var ss []strip
	tbody := l.st.add(table, tagTBody)
	for ri, r := range b.Rows {
		st := regular
		if r.Bold {
			st = bold
		}
		cs, n := l.cells(r.Cells, b.Columns, widths, st, tableSize, colText, r.Tones, b.RowHeaders)
		tr := l.st.add(tbody, tagTR)
		for i := range cs {
			if i == 0 && b.RowHeaders {
				cs[i].tag = l.st.header(tr, scopeRow)
			} else {
				cs[i].tag = l.st.add(tr, tagTD)
			}
		}
		zebra := ri%2 == 1
		isBold := r.Bold
		bg := func(p *page, y, h float64, _ bool) {
			if zebra {
				p.rect(l.g.marginL, y, l.g.contentW, h, colZebra, true)
			}
			if isBold {
				p.line(l.g.marginL, y, l.g.marginL+l.g.contentW, y, 0.3, accent)
			}
			p.line(l.g.marginL, y+h, l.g.marginL+l.g.contentW, y+h, 0.15, colRule)
		}
		ss = append(ss, multiStrip(cs, lh, cellPadY, cellPadY, bg, 0, n, false))
	}
	if b.Caption != "" {
		ss = append(ss, strip{h: 1.5})
		ss = append(ss, tagged(l.textStrips(b.Caption, l.g.marginL, l.g.contentW, italic, captionSize, colMuted), caption)...)
	}
	o := flowOpts{repeat: &head, after: 5}
	if len(ss) > 0 {
		o.lead = ss[0].h
		if o.lead > 3*lh+2*cellPadY {
			o.lead = 3*lh + 2*cellPadY
		}
	}
	if total(ss) <= 60 {
		o.keep = true
	}
	return ss, o
}

// keyValues lays out a labelled list such as a goal card: keys in a
// narrow grey column, values beside them, a coloured bar at the left.
func (l *layouter) keyValues(b document.KeyValues) ([]strip, flowOpts) {
	const (
		keyW    = 40.0
		keySize = 9.0
		valSize = bodySize
		padL    = 5.0
	)
	lh := lineHeight(valSize)
	var ss []strip
	ss = append(ss, strip{h: 2})
	card := l.st.add(0, tagDiv)
	if b.Title != "" {
		ss = append(ss, tagged(l.textStrips(b.Title, l.g.marginL+padL, l.g.contentW-padL-2, bold, 10.5, l.th.accent), l.st.add(card, tagP))...)
		ss = append(ss, strip{h: 1})
	}
	list := l.st.add(card, tagL)
	for _, it := range b.Items {
		lbl, body := l.st.item(list)
		key := cellLines{x: l.g.marginL + padL, w: keyW - 2, st: bold, size: keySize, col: colMuted, tag: lbl}
		key.lines = l.f.wrap(l.f.clean(it.Key), bold, keySize, key.w)
		val := cellLines{x: l.g.marginL + padL + keyW, w: l.g.contentW - padL - keyW - 2, st: regular, size: valSize, col: colText, tag: body}
		if it.Tone != "" {
			val.tone = it.Tone
			val.offsetX = markerW
		}
		val.lines = l.f.wrap(l.f.clean(it.Value), regular, valSize, val.w-val.offsetX)
		n := max(len(key.lines), len(val.lines))
		ss = append(ss, multiStrip([]cellLines{key, val}, lh, 0.6, 0.6, nil, 0, n, false))
	}
	ss = append(ss, strip{h: 2})
	tone := l.th.light
	if b.Tone != "" {
		tone = toneColor(b.Tone)
	}
	o := flowOpts{
		lead: 3 * lh,
		deco: func(p *page, y0, y1 float64) []op {
			return []op{
				{kind: opRect, x: l.g.marginL, y: y0, w: l.g.contentW, h: y1 - y0, col: colZebra, fill: true},
				{kind: opRect, x: l.g.marginL, y: y0, w: 1.3, h: y1 - y0, col: tone, fill: true},
			}
		},
	}
	// A card goes to the next page whole when it fits on one: a goal
	// reads as one piece.
	o.keep = true
	o.after = 4
	return ss, o
}

// wordWidths returns, per column, the width the column needs so that the
// longest word of its title and of its cells fits at the table's sizes:
// padding and tone marker included.
func (l *layouter) wordWidths(b document.Table) []float64 {
	need := make([]float64, len(b.Columns))
	for i, c := range b.Columns {
		need[i] = l.f.widestWord(l.f.clean(c.Title), bold, tableHeadSize) + 2*cellPadX
	}
	for _, r := range b.Rows {
		for i := range need {
			if i >= len(r.Cells) {
				break
			}
			st := regular
			if r.Bold || b.RowHeaders && i == 0 {
				st = bold
			}
			w := l.f.widestWord(l.f.clean(r.Cells[i]), st, tableSize) + 2*cellPadX
			if i < len(r.Tones) && r.Tones[i] != "" {
				w += markerW
			}
			need[i] = math.Max(need[i], w)
		}
	}
	return need
}

// fitWidths widens the columns narrower than they need, taking the room
// from the others in proportion to what they can spare, so that the
// total stays the same. Where the others cannot spare enough, the short
// columns share what there is in proportion to what each lacks.
func fitWidths(widths, need []float64) []float64 {
	short, spare := 0.0, 0.0
	for i, w := range widths {
		if d := need[i] - w; d > 0 {
			short += d
		} else {
			spare -= d
		}
	}
	if short == 0 || spare == 0 {
		return widths
	}
	give := math.Min(short, spare)
	out := make([]float64, len(widths))
	for i, w := range widths {
		if d := need[i] - w; d > 0 {
			out[i] = w + d*give/short
		} else {
			out[i] = w + d*give/spare
		}
	}
	return out
}
