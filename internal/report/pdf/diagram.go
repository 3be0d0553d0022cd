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
func (l *layouter) boxWidths(texts []string, width, gap, size, minSize float64) (float64, []float64, bool) {
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
	return size, fitWidths(equal, ws), sum <= inner
}

// diagram draws the goal hierarchy: one row of boxes per level with its
// label and counts at the left, arrows from the boxes of each level to
// the boxes of the next.
func (l *layouter) diagram(b document.Diagram) ([]strip, flowOpts) {
	const (
		labelW     = 30.0
		gap        = 2.5
		rowGap     = 9.0
		boxSize    = 9.0
		minBoxSize = smallSize
		labelSize  = 9.0
		noteSz     = 8.5
	)
	bx := l.g.marginL + labelW + 3
	bw := l.g.contentW - labelW - 3
	type box struct {
		x, w  float64
		title []string // in bold
		lines []string
	}
	type row struct {
		label  []string
		note   []string
		boxes  []box
		size   float64 // of the boxes' text
		boxH   float64
		height float64
	}
	rows := make([]row, len(b.Levels))
	for i, lv := range b.Levels {
		r := row{label: l.f.wrap(l.f.clean(lv.Label), bold, labelSize, labelW-2)}
		if lv.Note != "" {
			r.note = l.f.wrap(l.f.clean(lv.Note), italic, noteSz, labelW-2)
		}
		boxes := lv.Boxes
		texts := make([]string, len(boxes))
		for j, bb := range boxes {
			texts[j] = l.f.clean(strings.Join(append([]string{bb.Title}, bb.Lines...), " "))
		}
		var widths []float64
		var fits bool
		r.size, widths, fits = l.boxWidths(texts, bw, gap, boxSize, minBoxSize)
		if !fits && len(boxes) > 1 && lv.NamesOnly() {
			// Names too long to stand side by side (six salary criteria)
			// are listed in one box rather than broken.
			names := make([]string, len(boxes))
			for j, bb := range boxes {
				names[j] = bb.Title
			}
			boxes = []document.DiagramBox{{Lines: []string{strings.Join(names, " · ")}}}
			r.size, widths, _ = l.boxWidths([]string{""}, bw, gap, boxSize, minBoxSize)
		}
		lh := lineHeight(r.size)
		maxN := 1
		x := bx
		for j, bb := range boxes {
			w := widths[j]
			var bo box
			bo.x, bo.w = x, w
			if bb.Title != "" {
				bo.title = l.f.balance(l.f.clean(bb.Title), bold, r.size, w-4)
			}
			for _, ln := range bb.Lines {
				bo.lines = append(bo.lines, l.f.balance(l.f.clean(ln), regular, r.size, w-4)...)
			}
			r.boxes = append(r.boxes, bo)
			x += w + gap
			maxN = max(maxN, len(bo.title)+len(bo.lines))
		}
		r.boxH = float64(maxN)*lh + 4
		side := float64(len(r.label))*lineHeight(labelSize) + float64(len(r.note))*lineHeight(noteSz) + 2
		r.height = math.Max(r.boxH, side)
		rows[i] = r
	}
	centres := func(bs []box) []float64 {
		out := make([]float64, len(bs))
		for i, b := range bs {
			out[i] = b.x + b.w/2
		}
		return out
	}
	height := 0.0
	for i, r := range rows {
		height += r.height
		if i < len(rows)-1 {
			height += rowGap
		}
	}
	th := l.th
	fig := l.st.figure(0, b.Alt)
	draw := func(p *page, y float64) {
		for i, r := range rows {
			fill, dark := th.boxBg, false
			if i < len(th.dark) {
				fill, dark = th.dark[i], true
			}
			// The level's label and counts, centred on its boxes.
			sideH := float64(len(r.label))*lineHeight(labelSize) + float64(len(r.note))*lineHeight(noteSz)
			ly := y + r.boxH/2 - sideH/2
			for _, ln := range r.label {
				p.text(l.g.marginL, baseline(ly, lineHeight(labelSize), labelSize), ln, bold, labelSize, th.accent)
				ly += lineHeight(labelSize)
			}
			for _, ln := range r.note {
				p.text(l.g.marginL, baseline(ly, lineHeight(noteSz), noteSz), ln, italic, noteSz, colMuted)
				ly += lineHeight(noteSz)
			}
			col := colText
			if dark {
				col = colWhite
			}
			lh := lineHeight(r.size)
			for _, bb := range r.boxes {
				p.rect(bb.x, y, bb.w, r.boxH, fill, true)
				if !dark {
					p.rect(bb.x, y, bb.w, r.boxH, th.light, false)
				}
				n := len(bb.title) + len(bb.lines)
				ty := y + (r.boxH-float64(n)*lh)/2
				for k, ln := range append(append([]string(nil), bb.title...), bb.lines...) {
					st := regular
					if k < len(bb.title) {
						st = bold
					}
					w := l.f.width(ln, st, r.size)
					p.text(bb.x+(bb.w-w)/2, baseline(ty+float64(k)*lh, lh, r.size), ln, st, r.size, col)
				}
			}
			if i == len(rows)-1 {
				break
			}
			// Arrows from the bottom of this level's boxes to the top of
			// the next level's.
			y0 := y + r.boxH
			y1 := y + r.height + rowGap
			connect(p, centres(r.boxes), centres(rows[i+1].boxes), y0, y1, th.accent)
			y = y1
		}
	}
	return []strip{{h: height, draw: draw, tag: fig}}, flowOpts{keep: true, after: 6}
}

// connect draws arrows from boxes centred at from (bottom y0) to boxes at
// to (top y1): straight down when the levels pair up, else through a bus.
func connect(p *page, from, to []float64, y0, y1 float64, col rgb) {
	if len(from) == 0 || len(to) == 0 {
		return
	}
	if len(from) == len(to) {
		for i := range from {
			p.arrow(from[i], y0, to[i], y1, col)
		}
		return
	}
	bus := (y0 + y1) / 2
	lo, hi := math.Min(from[0], to[0]), math.Max(from[len(from)-1], to[len(to)-1])
	for _, x := range from {
		p.line(x, y0, x, bus, 0.35, col)
	}
	p.line(lo, bus, hi, bus, 0.35, col)
	for _, x := range to {
		p.arrow(x, bus, x, y1, col)
	}
}

// barChart draws horizontal stacked bars, one per category, with a scale
// and a legend. Each segment's colour is in the legend with its status's
// shape; numbers stand in the segments where they fit, in black or white,
// whichever reads better.
func (l *layouter) barChart(b document.BarChart) ([]strip, flowOpts) {
	const (
		labelW  = 48.0
		numW    = 12.0
		barH    = 5.5
		barGap  = 2.6
		size    = 9.0
		numSize = smallSize
	)
	x0 := l.g.marginL + labelW + 2
	w := l.g.contentW - labelW - 2 - numW
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
		ss = append(ss, tagged(l.textStrips(b.Title, l.g.marginL, l.g.contentW, bold, bodySize, colText), l.st.add(0, tagP))...)
		ss = append(ss, strip{h: 2})
	}
	fig := l.st.figure(0, b.Alt)
	first := len(ss)
	llh := lineHeight(size) * 0.85
	for i, cat := range b.Categories {
		var vals []int
		if i < len(b.Values) {
			vals = b.Values[i]
		}
		label := l.f.wrap(l.f.clean(cat), regular, size, labelW)
		sum := 0
		for _, v := range vals {
			sum += v
		}
		h := math.Max(barH, float64(len(label))*llh) + barGap
		ss = append(ss, strip{h: h, draw: func(p *page, y float64) {
			grid(p, y, h)
			ly := y + (barH-float64(len(label))*llh)/2
			if ly < y {
				ly = y
			}
			for k, ln := range label {
				p.text(l.g.marginL, baseline(ly+float64(k)*llh, llh, size), ln, regular, size, colText)
			}
			x := x0
			for j, v := range vals {
				if v <= 0 || j >= len(b.Series) {
					continue
				}
				sw := float64(v) * scale
				fill := toneColor(b.Series[j].Tone)
				p.rect(x, y, sw, barH, fill, true)
				if x > x0 {
					p.line(x, y, x, y+barH, 0.4, colWhite) // a seam between segments
				}
				s := strconv.Itoa(v)
				if tw := l.f.width(s, bold, numSize); tw+2 < sw {
					p.text(x+(sw-tw)/2, baseline(y, barH, numSize), s, bold, numSize, textOn(fill))
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
			tw := l.f.width(s, regular, smallSize)
			p.text(x0+float64(v)*scale-tw/2, baseline(y+0.5, 4, smallSize), s, regular, smallSize, colMuted)
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
				p.marker(x+1.6, y+3, 3.2, s.Tone)
				lb := l.f.clean(s.Label)
				p.text(x+4.4, baseline(y+0.5, 5, size), lb, regular, size, colText)
				x += 4.4 + l.f.width(lb, regular, size) + 5
			}
		}})
		line, lineW = nil, 0
	}
	ss = append(ss, strip{h: 1.5})
	for _, s := range b.Series {
		sw := 4.4 + l.f.width(l.f.clean(s.Label), regular, size) + 5
		if lineW+sw > w+numW && len(line) > 0 {
			flush()
		}
		line = append(line, s)
		lineW += sw
	}
	if len(line) > 0 {
		flush()
	}
	tagged(ss[first:], fig)
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
