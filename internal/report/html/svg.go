package html

import (
	"math"
	"strconv"
	"strings"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/font"
)

// Charts and diagrams are inline SVG drawn in a coordinate space of
// svgW units across; the page scales them to its width. An SVG cannot
// wrap text, so the lines are broken here with the metrics of Liberation
// Sans, which the style sheet asks for first (and Arial has the same).

const svgW = 720.0

// slack widens every measured text: a browser without Liberation Sans or
// Arial sets a wider face (DejaVu Sans is some 12% wider), and text must
// stay inside its box.
const slack = 1.15

// textW is the width of s in style st at size, with slack.
func textW(s string, st font.Style, size float64) float64 { return font.Width(s, st) * size * slack }

// wrapSVG breaks s into lines no wider than w at size, at spaces, or
// inside a word wider than a line.
func wrapSVG(s string, st font.Style, size, w float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if textW(try, st, size) <= w || line == "" && textW(word, st, size) <= w {
				line = try
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			line = word
			for textW(line, st, size) > w {
				rs := []rune(line)
				n := len(rs) - 1
				for n > 1 && textW(string(rs[:n]), st, size) > w {
					n--
				}
				out = append(out, string(rs[:n]))
				line = string(rs[n:])
			}
		}
		out = append(out, line)
	}
	return out
}

func f(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// svgOpen starts a figure's SVG with its title and description, which
// name it for a screen reader in place of its drawing.
func (r *renderer) svgOpen(h float64, title, desc string) {
	id := r.id("f")
	r.s("<figure>\n<div class=\"figure-wrap\">\n<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + f(svgW) + " " + f(h) + "\" aria-labelledby=\"" + id + "t " + id + "d\" font-family=\"Liberation Sans, Arial, Helvetica, sans-serif\">\n<title id=\"" + id + "t\">")
	r.text(title)
	r.s("</title>\n<desc id=\"" + id + "d\">")
	r.text(desc)
	r.s("</desc>\n")
}

// svgText writes a line of text at x, y (its baseline).
func (r *renderer) svgText(x, y float64, s string, size float64, bold bool, fill colour, anchor string) {
	r.s("<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" font-size=\"" + f(size) + "\" fill=\"" + fill.String() + "\"")
	if bold {
		r.s(" font-weight=\"bold\"")
	}
	if anchor != "" {
		r.s(" text-anchor=\"" + anchor + "\"")
	}
	r.wrap(">", s, "</text>\n")
}

// diagram draws the hierarchy: a row of boxes per level with its label
// at the left, arrows from each level to the next; then the same as a
// list under a summary.
func (r *renderer) diagram(d document.Diagram) {
	const (
		labelW  = 130.0
		gap     = 8.0
		rowGap  = 26.0
		size    = 13.0
		minSize = 10.0
		lh      = 17.0
		pad     = 8.0
	)
	bx, bw := labelW+10, svgW-labelW-10
	type row struct {
		label, note []string
		boxes       []svgBox
		h, size     float64
	}
	rows := make([]row, len(d.Levels))
	for i, lv := range d.Levels {
		rw := row{label: wrapSVG(lv.Label, font.StyleBold, size, labelW), note: wrapSVG(lv.Note, font.StyleItalic, size-1.5, labelW)}
		if lv.Note == "" {
			rw.note = nil
		}
		boxes := lv.Boxes
		n := max(len(boxes), 1)
		w := (bw - gap*float64(n-1)) / float64(n)
		// The row's size goes down until its longest word fits its box,
		// as far as it can; names that do not fit side by side even so
		// (six salary criteria) are listed in one box rather than broken.
		rw.size = size
		fits := true
		for _, b := range boxes {
			for _, word := range strings.Fields(b.Title + " " + strings.Join(b.Lines, " ")) {
				for rw.size > minSize && textW(word, font.StyleBold, rw.size) > w-2*pad {
					rw.size -= 0.5
				}
				fits = fits && textW(word, font.StyleBold, rw.size) <= w-2*pad
			}
		}
		if !fits && len(boxes) > 1 && lv.NamesOnly() {
			names := make([]string, len(boxes))
			for j, b := range boxes {
				names[j] = b.Title
			}
			boxes = []document.DiagramBox{{Lines: []string{strings.Join(names, " · ")}}}
			w, rw.size = bw, size
		}
		maxLines := 1
		for j, b := range boxes {
			bo := svgBox{x: bx + float64(j)*(w+gap), w: w}
			if b.Title != "" {
				bo.title = wrapSVG(b.Title, font.StyleBold, rw.size, w-2*pad)
			}
			for _, ln := range b.Lines {
				bo.lines = append(bo.lines, wrapSVG(ln, font.StyleRegular, rw.size, w-2*pad)...)
			}
			maxLines = max(maxLines, len(bo.title)+len(bo.lines))
			rw.boxes = append(rw.boxes, bo)
		}
		rw.h = math.Max(float64(maxLines)*lh+2*pad, float64(len(rw.label)+len(rw.note))*lh+4)
		rows[i] = rw
	}
	height := 0.0
	for i, rw := range rows {
		height += rw.h
		if i < len(rows)-1 {
			height += rowGap
		}
	}
	title := ""
	if len(d.Levels) > 0 {
		title = d.Levels[0].Label
	}
	r.svgOpen(height+2, titleOf(d.Alt, title), d.Alt)
	th := r.th
	y := 1.0
	for i, rw := range rows {
		ly := y + rw.h/2 - float64(len(rw.label)+len(rw.note))*lh/2 + size
		for _, ln := range rw.label {
			r.svgText(0, ly, ln, size, true, th.accent, "")
			ly += lh
		}
		for _, ln := range rw.note {
			r.svgText(0, ly, ln, size-1.5, false, mutedCol, "")
			ly += lh
		}
		dark := i < 3
		fill, ink := th.box, textCol
		if dark {
			fill, ink = th.accent, white
		}
		for _, b := range rw.boxes {
			r.s("<rect x=\"" + f(b.x) + "\" y=\"" + f(y) + "\" width=\"" + f(b.w) + "\" height=\"" + f(rw.h) + "\" rx=\"3\" fill=\"" + fill.String() + "\" stroke=\"" + th.light.String() + "\"/>\n")
			n := len(b.title) + len(b.lines)
			ty := y + (rw.h-float64(n)*lh)/2 + size
			for k, ln := range append(append([]string(nil), b.title...), b.lines...) {
				r.svgText(b.x+b.w/2, ty+float64(k)*lh, ln, rw.size, k < len(b.title), ink, "middle")
			}
		}
		if i < len(rows)-1 {
			next := rows[i+1]
			y0, y1 := y+rw.h, y+rw.h+rowGap
			r.arrows(rw.boxes, next.boxes, y0, y1, th.accent)
		}
		y += rw.h + rowGap
	}
	r.s("</svg>\n</div>\n")
	if r.doc.Labels.FigureData != "" {
		r.wrap("<details><summary>", r.doc.Labels.FigureData, "</summary>\n<dl class=\"kv\">\n")
		for _, lv := range d.Levels {
			r.wrap("<div><dt>", lv.Label, "</dt><dd>")
			if lv.Note != "" {
				r.lines(lv.Note)
			}
			r.s("<ul>")
			for _, b := range lv.Boxes {
				r.wrap("<li>", strings.TrimSpace(b.Title+" "+strings.Join(b.Lines, ", ")), "</li>")
			}
			r.s("</ul></dd></div>\n")
		}
		r.s("</dl>\n</details>\n")
	}
	r.s("</figure>\n")
}

// titleOf is a figure's short name: its title, or the first sentence of
// its description.
func titleOf(desc, fallback string) string {
	if i := strings.Index(desc, ":"); i > 0 && i < 120 {
		return desc[:i]
	}
	if i := strings.Index(desc, ". "); i > 0 && i < 120 {
		return desc[:i]
	}
	if fallback != "" {
		return fallback
	}
	return desc
}

// svgBox is a box of the diagram with its lines of text.
type svgBox struct {
	x, w  float64
	title []string
	lines []string
}

func centre(b svgBox) float64 { return b.x + b.w/2 }

// arrows connects the boxes of one level to those of the next: straight
// down when the levels pair up, else through a bus.
func (r *renderer) arrows(from, to []svgBox, y0, y1 float64, col colour) {
	if len(from) == 0 || len(to) == 0 {
		return
	}
	c := col.String()
	line := func(x1, y1, x2, y2 float64) {
		r.s("<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\" stroke=\"" + c + "\" stroke-width=\"1.4\"/>\n")
	}
	head := func(x, y float64) {
		r.s("<path d=\"M" + f(x-4) + " " + f(y-6) + "H" + f(x+4) + "L" + f(x) + " " + f(y) + "z\" fill=\"" + c + "\"/>\n")
	}
	if len(from) == len(to) {
		for i := range from {
			line(centre(from[i]), y0, centre(to[i]), y1-5)
			head(centre(to[i]), y1)
		}
		return
	}
	bus := (y0 + y1) / 2
	lo, hi := math.Min(centre(from[0]), centre(to[0])), math.Max(centre(from[len(from)-1]), centre(to[len(to)-1]))
	for _, b := range from {
		line(centre(b), y0, centre(b), bus)
	}
	line(lo, bus, hi, bus)
	for _, b := range to {
		line(centre(b), bus, centre(b), y1-5)
		head(centre(b), y1)
	}
}

// barChart draws horizontal stacked bars, one per category, with the
// numbers in the segments where they fit, a scale and a legend with each
// status's shape; then the numbers as a table under a summary.
func (r *renderer) barChart(c document.BarChart) {
	const (
		labelW = 170.0
		numW   = 40.0
		barH   = 22.0
		barGap = 10.0
		size   = 13.0
	)
	if c.Title != "" {
		r.wrap("<p class=\"figures-title\">", c.Title, "</p>\n")
	}
	x0 := labelW + 10
	w := svgW - x0 - numW
	maxTotal := 1
	sums := make([]int, len(c.Categories))
	for i := range c.Categories {
		if i < len(c.Values) {
			for _, v := range c.Values[i] {
				sums[i] += v
			}
		}
		maxTotal = max(maxTotal, sums[i])
	}
	step := niceStep(maxTotal)
	top := int(math.Ceil(float64(maxTotal)/float64(step))) * step
	scale := w / float64(top)
	// The legend's lines.
	type entry struct {
		s document.Series
		x float64
	}
	var legend [][]entry
	lx := x0
	for _, s := range c.Series {
		ew := 22 + textW(s.Label, font.StyleRegular, size) + 16
		if len(legend) == 0 || lx+ew > svgW && lx > x0 {
			legend = append(legend, nil)
			lx = x0
		}
		legend[len(legend)-1] = append(legend[len(legend)-1], entry{s, lx})
		lx += ew
	}
	labels := make([][]string, len(c.Categories))
	height := 0.0
	for i, cat := range c.Categories {
		labels[i] = wrapSVG(cat, font.StyleRegular, size, labelW)
		height += math.Max(barH, float64(len(labels[i]))*16) + barGap
	}
	scaleY := height
	height += 22 + float64(len(legend))*24
	r.svgOpen(height, c.Title, c.Alt)
	y := 0.0
	for i := range c.Categories {
		h := math.Max(barH, float64(len(labels[i]))*16)
		ly := y + h/2 - float64(len(labels[i]))*16/2 + size
		for k, ln := range labels[i] {
			r.svgText(0, ly+float64(k)*16, ln, size, false, textCol, "")
		}
		x := x0
		if i < len(c.Values) {
			for j, v := range c.Values[i] {
				if v <= 0 || j >= len(c.Series) {
					continue
				}
				sw := float64(v) * scale
				fill := toneFill(c.Series[j].Tone)
				r.s("<rect x=\"" + f(x) + "\" y=\"" + f(y) + "\" width=\"" + f(sw) + "\" height=\"" + f(barH) + "\" fill=\"" + fill.String() + "\" stroke=\"#fff\"/>\n")
				n := strconv.Itoa(v)
				if textW(n, font.StyleBold, 12)+6 < sw {
					r.svgText(x+sw/2, y+barH/2+4.5, n, 12, true, textOn(fill), "middle")
				}
				x += sw
			}
		}
		r.svgText(x+6, y+barH/2+4.5, strconv.Itoa(sums[i]), size, true, textCol, "")
		y += h + barGap
	}
	r.s("<line x1=\"" + f(x0) + "\" y1=\"" + f(scaleY) + "\" x2=\"" + f(x0+w) + "\" y2=\"" + f(scaleY) + "\" stroke=\"" + mutedCol.String() + "\"/>\n")
	for v := 0; v <= top; v += step {
		r.svgText(x0+float64(v)*scale, scaleY+15, strconv.Itoa(v), 12, false, mutedCol, "middle")
	}
	y = scaleY + 22
	for _, line := range legend {
		for _, e := range line {
			if name := toneName(e.s.Tone); name != "" {
				r.s("<use href=\"#m-" + name + "\" x=\"" + f(e.x) + "\" y=\"" + f(y+3) + "\" width=\"14\" height=\"14\"/>\n")
			}
			r.svgText(e.x+20, y+15, e.s.Label, size, false, textCol, "")
		}
		y += 24
	}
	r.s("</svg>\n</div>\n")
	if r.doc.Labels.FigureData != "" {
		r.chartTable(c, sums)
	}
	r.s("</figure>\n")
}

// chartTable writes a chart's numbers as a table under a summary.
func (r *renderer) chartTable(c document.BarChart, sums []int) {
	id := r.id("t")
	r.s("<details><summary>")
	r.text(r.doc.Labels.FigureData)
	r.s("</summary>\n<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"" + id + "\">\n<table>\n<caption id=\"" + id + "\">")
	r.text(c.Title)
	r.wrap("</caption>\n<thead><tr><th scope=\"col\">", c.CategoryTitle, "</th>")
	for _, s := range c.Series {
		r.wrap("<th scope=\"col\" class=\"n\">", s.Label, "</th>")
	}
	r.wrap("<th scope=\"col\" class=\"n\">", r.doc.Labels.Total, "</th></tr></thead>\n<tbody>\n")
	for i, cat := range c.Categories {
		r.wrap("<tr><th scope=\"row\">", cat, "</th>")
		for j := range c.Series {
			v := 0
			if i < len(c.Values) && j < len(c.Values[i]) {
				v = c.Values[i][j]
			}
			r.s("<td class=\"n\">" + strconv.Itoa(v) + "</td>")
		}
		r.s("<td class=\"n\">" + strconv.Itoa(sums[i]) + "</td></tr>\n")
	}
	r.s("</tbody>\n</table>\n</div>\n</details>\n")
}

// niceStep returns the scale's step: the least of 1, 2, 5, 10, 20, …
// that divides 0..maxV into six parts at most.
func niceStep(maxV int) int {
	step, mult := 1, []int{2, 5, 10}
	for k := 0; maxV > 6*step; k++ {
		step = step / []int{1, 2, 5}[k%3] * mult[k%3]
	}
	return step
}
