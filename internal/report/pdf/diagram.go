package pdf

import (
	"math"
	"strconv"
	"strings"

	"github.com/malarbete/malarbete/internal/document"
)

// boxWidths returns the size of a row of boxes' text and the boxes'
// widths, which fill width with gap between them. Boxes start equal; one
// whose longest word (in bold, as a name on its first line is) does not
// fit takes room from the others, and the size goes down from size
// towards minSize only when all the boxes together cannot hold their
// longest words, so that a name is broken mid-word only as a last resort.
func (l *layouter) boxWidths(texts []string, width, gap, size, minSize float64) (float64, []float64) {
	n := max(len(texts), 1)
	inner := width - gap*float64(n-1)
	need := func(size float64) ([]float64, float64) {
		ws := make([]float64, len(texts))
		sum := 0.0
		for j, t := range texts {
			ws[j] = l.f.widestWord(t, bold, size) + 4
			sum += ws[j]
		}
		return ws, sum
	}
	ws, sum := need(size)
	for size > minSize && sum > inner {
		size = max(size-0.3, minSize)
		ws, sum = need(size)
	}
	equal := make([]float64, len(texts))
	for j := range equal {
		equal[j] = inner / float64(n)
	}
	return size, fitWidths(equal, ws)
}

// diagram draws the goal hierarchy: one row of boxes per level with its
// label at the left, arrows from each level to the next.
func (l *layouter) diagram(b document.Diagram) ([]strip, flowOpts) {
	const (
		labelW     = 34.0
		gap        = 3.0
		rowGap     = 9.0
		boxSize    = 8.8
		minBoxSize = 6.5
		noteSize   = 8.0
		maxLines   = 5
	)
	bx := marginL + labelW + 3
	bw := contentW - labelW - 3
	type box struct {
		x, w  float64
		lines []string
		first bool // first line bold: a name above its counts
	}
	type row struct {
		label  []string
		boxes  []box
		size   float64 // of the boxes' text
		boxH   float64
		note   string
		height float64
	}
	rows := make([]row, len(b.Levels))
	for i, lv := range b.Levels {
		r := row{label: l.f.wrap(l.f.clean(lv.Label), bold, 9, labelW-2), note: l.f.clean(lv.Note)}
		texts := make([]string, len(lv.Boxes))
		for j, t := range lv.Boxes {
			texts[j] = l.f.clean(t)
		}
		var widths []float64
		r.size, widths = l.boxWidths(texts, bw, gap, boxSize, minBoxSize)
		lh := lineHeight(r.size)
		maxN := 1
		x := bx
		for j, t := range texts {
			w := widths[j]
			lines := l.f.ellipsize(l.f.wrap(t, regular, r.size, w-4), maxLines, regular, r.size, w-4)
			r.boxes = append(r.boxes, box{x: x, w: w, lines: lines, first: strings.Contains(t, "\n")})
			x += w + gap
			maxN = max(maxN, len(lines))
		}
		r.boxH = float64(maxN)*lh + 4
		r.boxH = math.Max(r.boxH, float64(len(r.label))*lineHeight(9)+4)
		r.height = r.boxH
		if r.note != "" {
			r.height += 5
		}
		rows[i] = r
	}
	centres := func(bs []box) []float64 {
		out := make([]float64, len(bs))
		for i, b := range bs {
			out[i] = b.x + b.w/2
		}
		return out
	}
	fills := []rgb{colAccent, {52, 101, 148}, {84, 128, 172}, colBoxBg, colBoxBg, colBoxBg}
	height := 0.0
	for i, r := range rows {
		height += r.height
		if i < len(rows)-1 {
			height += rowGap
		}
	}
	draw := func(p *page, y float64) {
		for i, r := range rows {
			fill := colBoxBg
			if i < len(fills) {
				fill = fills[i]
			}
			dark := fill != colBoxBg
			// The level's label, centred on its boxes.
			ly := y + r.boxH/2 - float64(len(r.label))*lineHeight(9)/2
			for k, ln := range r.label {
				p.text(marginL, baseline(ly+float64(k)*lineHeight(9), lineHeight(9), 9), ln, bold, 9, colAccent)
			}
			for _, bb := range r.boxes {
				p.rect(bb.x, y, bb.w, r.boxH, fill, true)
				if !dark {
					p.rect(bb.x, y, bb.w, r.boxH, colLight, false)
				}
				col := colText
				if dark {
					col = colWhite
				}
				lh := lineHeight(r.size)
				ty := y + (r.boxH-float64(len(bb.lines))*lh)/2
				for k, ln := range bb.lines {
					st := regular
					if bb.first && k == 0 {
						st = bold
					}
					w := l.f.width(ln, st, r.size)
					p.text(bb.x+(bb.w-w)/2, baseline(ty+float64(k)*lh, lh, r.size), ln, st, r.size, col)
				}
			}
			if r.note != "" {
				w := l.f.width(r.note, italic, noteSize)
				p.text(bx+(bw-w)/2, baseline(y+r.boxH+0.5, 4.5, noteSize), r.note, italic, noteSize, colMuted)
			}
			if i == len(rows)-1 {
				break
			}
			next := rows[i+1]
			y0 := y + r.height + 0.5
			y1 := y + r.height + rowGap
			connect(p, centres(r.boxes), centres(next.boxes), y0, y1)
			y = y1
		}
	}
	return []strip{{h: height, draw: draw}}, flowOpts{keep: true, after: 6}
}

// connect draws arrows from boxes centred at from (bottom y0) to boxes at
// to (top y1): straight down when the levels pair up, else through a bus.
func connect(p *page, from, to []float64, y0, y1 float64) {
	if len(from) == 0 || len(to) == 0 {
		return
	}
	if len(from) == len(to) {
		for i := range from {
			p.arrow(from[i], y0, to[i], y1, colAccent)
		}
		return
	}
	bus := (y0 + y1) / 2
	lo, hi := math.Min(from[0], to[0]), math.Max(from[len(from)-1], to[len(to)-1])
	for _, x := range from {
		p.line(x, y0, x, bus, 0.35, colAccent)
	}
	p.line(lo, bus, hi, bus, 0.35, colAccent)
	for _, x := range to {
		p.arrow(x, bus, x, y1, colAccent)
	}
}

// barChart draws horizontal stacked bars, one per category, with a scale
// and a legend.
func (l *layouter) barChart(b document.BarChart) ([]strip, flowOpts) {
	const (
		labelW = 48.0
		numW   = 12.0
		barH   = 5.5
		barGap = 2.6
		size   = 8.5
	)
	x0 := marginL + labelW + 2
	w := contentW - labelW - 2 - numW
	maxTotal := 0
	for _, vs := range b.Values {
		t := 0
		for _, v := range vs {
			t += v
		}
		maxTotal = max(maxTotal, t)
	}
	step := niceStep(maxTotal)
	top := int(math.Ceil(float64(max(maxTotal, 1))/float64(step))) * step
	scale := w / float64(top)
	grid := func(p *page, y, h float64) {
		for v := 0; v <= top; v += step {
			x := x0 + float64(v)*scale
			p.line(x, y, x, y+h, 0.15, colRule)
		}
	}
	var ss []strip
	if b.Title != "" {
		ss = append(ss, l.textStrips(b.Title, marginL, contentW, bold, 10, colText)...)
		ss = append(ss, strip{h: 2})
	}
	for i, cat := range b.Categories {
		var vals []int
		if i < len(b.Values) {
			vals = b.Values[i]
		}
		label := l.f.ellipsize(l.f.wrap(l.f.clean(cat), regular, size, labelW), 2, regular, size, labelW)
		sum := 0
		for _, v := range vals {
			sum += v
		}
		h := barH + barGap
		ss = append(ss, strip{h: h, draw: func(p *page, y float64) {
			grid(p, y, h)
			ly := y + (barH-float64(len(label))*lineHeight(size)*0.85)/2
			for k, ln := range label {
				p.text(marginL, baseline(ly+float64(k)*lineHeight(size)*0.85, lineHeight(size)*0.85, size), ln, regular, size, colText)
			}
			x := x0
			for j, v := range vals {
				if v <= 0 || j >= len(b.Series) {
					continue
				}
				sw := float64(v) * scale
				p.rect(x, y, sw, barH, toneColor(b.Series[j].Tone), true)
				s := strconv.Itoa(v)
				if tw := l.f.width(s, bold, 7.5); tw+2 < sw {
					p.text(x+(sw-tw)/2, baseline(y, barH, 7.5), s, bold, 7.5, colWhite)
				}
				x += sw
			}
			p.text(x+1.5, baseline(y, barH, size), strconv.Itoa(sum), bold, size, colText)
		}})
	}
	// The scale under the bars.
	ss = append(ss, strip{h: 5, draw: func(p *page, y float64) {
		p.line(x0, y, x0+float64(top)*scale, y, 0.25, colMuted)
		for v := 0; v <= top; v += step {
			s := strconv.Itoa(v)
			tw := l.f.width(s, regular, 7.5)
			p.text(x0+float64(v)*scale-tw/2, baseline(y+0.5, 4, 7.5), s, regular, 7.5, colMuted)
		}
	}})
	// The legend, wrapped over as many lines as it needs.
	var line []document.Series
	lineW := 0.0
	flush := func() {
		items := line
		ss = append(ss, strip{h: 5.5, draw: func(p *page, y float64) {
			x := x0
			for _, s := range items {
				p.rect(x, y+1.5, 3, 3, toneColor(s.Tone), true)
				lb := l.f.clean(s.Label)
				p.text(x+4.2, baseline(y+0.5, 5, size), lb, regular, size, colText)
				x += 4.2 + l.f.width(lb, regular, size) + 5
			}
		}})
		line, lineW = nil, 0
	}
	ss = append(ss, strip{h: 1.5})
	for _, s := range b.Series {
		sw := 4.2 + l.f.width(l.f.clean(s.Label), regular, size) + 5
		if lineW+sw > w+numW && len(line) > 0 {
			flush()
		}
		line = append(line, s)
		lineW += sw
	}
	if len(line) > 0 {
		flush()
	}
	return ss, flowOpts{keep: total(ss) <= 150, lead: 30, after: 6}
}

// niceStep returns a step of 1, 2 or 5 times a power of ten that divides
// 0..max into at most six parts.
func niceStep(maxV int) int {
	if maxV <= 0 {
		return 1
	}
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if maxV <= 6*m*p {
				return m * p
			}
		}
	}
}
