// Package pdf renders a report.Document as an A4 PDF with fpdf: embedded
// Liberation Sans, running header and footer, a contents page with real
// page numbers, an outline mirroring it, tables that repeat their header,
// and the same bytes for the same inputs. It is the only package that
// imports fpdf.
package pdf

import (
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/malarbete/malarbete/internal/report"
)

// ErrLogo means the cover's logo could not be read as a PNG or JPEG.
var ErrLogo = errors.New("logo")

// Options control rendering.
type Options struct {
	// Created is the PDF's creation and modification date. Zero means the
	// document's date at midnight UTC, so that equal inputs give equal
	// bytes; never the clock.
	Created time.Time
}

// Result tells what was rendered.
type Result struct {
	Pages int `json:"pages"`
	// Replacements lists characters the font lacks (emoji, for one),
	// which the PDF shows as a box.
	Replacements []Replacement `json:"replacements,omitempty"`
}

// headingPos is where a heading landed.
type headingPos struct {
	text       string
	level      int // outline level, 0 at the top
	inContents bool
	contents   int // contents level: 1 or 2
	page       int // index in the body's pages
	y          float64
}

// Render writes doc as a PDF to w.
func Render(w io.Writer, doc *report.Document, opts Options) (res Result, err error) {
	defer func() {
		// fpdf panics on some inputs (runes beyond its tables); a report
		// that cannot be drawn is an error, not a crash.
		if r := recover(); r != nil {
			err = fmt.Errorf("render pdf: %v", r)
		}
	}()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	created := opts.Created
	if created.IsZero() {
		created = doc.Date.Time()
		if doc.Date.IsZero() {
			created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	f, err := newFonts(pdf)
	if err != nil {
		return res, fmt.Errorf("load fonts: %w", err)
	}
	pdf.SetTitle(f.clean(doc.Meta.Title), true)
	pdf.SetAuthor(f.clean(doc.Meta.Author), true)
	pdf.SetSubject(f.clean(doc.Meta.Subject), true)
	pdf.SetKeywords(f.clean(doc.Meta.Keywords), true)
	pdf.SetCreator(f.clean(doc.Meta.Creator), true)
	pdf.SetProducer(f.clean(doc.Meta.Creator), true)
	if doc.Lang != "" {
		pdf.SetLang(string(doc.Lang))
	}
	pdf.SetDisplayMode("fullwidth", "single")

	r := &renderer{f: f, doc: doc}
	if err := r.layout(); err != nil {
		return res, err
	}
	if err := r.emit(pdf); err != nil {
		return res, err
	}
	if err := pdf.Output(w); err != nil {
		return res, fmt.Errorf("write pdf: %w", err)
	}
	res.Pages = pdf.PageCount()
	res.Replacements = f.replacements()
	return res, nil
}

type renderer struct {
	f        *fonts
	doc      *report.Document
	front    layouter // the cover and anything before the contents
	contents layouter
	body     layouter
	heads    []headingPos
	header   string
	label    string
	// contentsTitle is set when the document has a contents page.
	contentsTitle string
}

// piece is a block turned into strips.
type piece struct {
	strips  []strip
	o       flowOpts
	heading *report.Heading
	brk     bool
}

func (r *renderer) piece(l *layouter, b report.Block) piece {
	switch b := b.(type) {
	case report.Heading:
		return piece{heading: &b}
	case report.Paragraph:
		ss, o := l.paragraph(b)
		return piece{strips: ss, o: o}
	case report.List:
		ss, o := l.list(b)
		return piece{strips: ss, o: o}
	case report.Table:
		ss, o := l.table(b)
		return piece{strips: ss, o: o}
	case report.KeyValues:
		ss, o := l.keyValues(b)
		return piece{strips: ss, o: o}
	case report.Diagram:
		ss, o := l.diagram(b)
		return piece{strips: ss, o: o}
	case report.BarChart:
		ss, o := l.barChart(b)
		return piece{strips: ss, o: o}
	case report.PageBreak:
		return piece{brk: true}
	}
	return piece{}
}

func (r *renderer) layout() error {
	r.header = r.f.clean(r.doc.Header)
	r.label = r.f.clean(r.doc.PageLabel)
	r.front.f, r.contents.f, r.body.f = r.f, r.f, r.f
	blocks := r.doc.Blocks
	// Blocks before the contents go in front of it: in practice the cover.
	for i, b := range blocks {
		if c, ok := b.(report.Contents); ok {
			r.contentsTitle = c.Title
			for _, fb := range blocks[:i] {
				if err := r.frontBlock(fb); err != nil {
					return err
				}
			}
			blocks = blocks[i+1:]
			break
		}
	}
	r.flowBlocks(&r.body, blocks)
	if r.contentsTitle != "" {
		// Lay the contents out once to learn its length, then again with
		// the page numbers that length gives.
		r.layoutContents(0)
		n := len(r.contents.pages)
		r.contents = layouter{f: r.f}
		r.layoutContents(n)
	}
	return nil
}

func (r *renderer) frontBlock(b report.Block) error {
	if c, ok := b.(report.Cover); ok {
		return r.cover(c)
	}
	r.flowBlocks(&r.front, []report.Block{b})
	return nil
}

// flowBlocks lays blocks out, keeping each heading with what follows it.
func (r *renderer) flowBlocks(l *layouter, blocks []report.Block) {
	cache := make(map[int]piece, 4)
	get := func(i int) piece {
		if p, ok := cache[i]; ok {
			return p
		}
		p := r.piece(l, blocks[i])
		cache[i] = p
		return p
	}
	if l.p == nil {
		l.newPage()
	}
	outline := 0 // the outline level of the last heading, to keep levels stepwise
	for i := range blocks {
		p := get(i)
		delete(cache, i)
		switch {
		case p.brk:
			if !l.atTop() {
				l.newPage()
			}
		case p.heading != nil:
			h := *p.heading
			if h.Level == 1 && !l.atTop() {
				l.newPage()
			}
			// Keep the heading, any headings right under it and the
			// start of the next block together.
			_, need := l.headingLines(h)
			for j := i + 1; j < len(blocks); j++ {
				q := get(j)
				if q.heading != nil {
					_, hh := l.headingLines(*q.heading)
					need += hh
					continue
				}
				if q.brk {
					break
				}
				if _, isPara := blocks[j].(report.Paragraph); isPara && q.o.keep && j+1 < len(blocks) {
					// A short introduction goes with its heading and
					// with the start of what it introduces.
					need += total(q.strips) + q.o.after
					continue
				}
				lead := q.o.lead
				if q.o.repeat != nil {
					lead += q.o.repeat.h
				}
				if q.o.keep {
					lead = total(q.strips)
					if q.o.repeat != nil {
						lead += q.o.repeat.h
					}
				}
				if len(q.strips) > 0 && lead < q.strips[0].h {
					lead = q.strips[0].h
				}
				need += math.Min(lead, capacity/2)
				break
			}
			if !l.fits(need) && !l.atTop() {
				l.newPage()
			}
			r.placeHeading(l, h, &outline)
		default:
			if len(p.strips) > 0 {
				l.flow(p.strips, p.o)
			}
		}
	}
}

func (r *renderer) placeHeading(l *layouter, h report.Heading, outline *int) {
	lines, _ := l.headingLines(h)
	size, col, before, after := headingStyle(h.Level)
	if !l.atTop() {
		l.y += before
	}
	if h.Level <= 3 {
		lvl := min(h.Level-1, *outline+1)
		*outline = lvl
		pos := headingPos{text: strings.Join(lines, " "), level: lvl, inContents: h.InContents, contents: min(h.Level, 2), page: len(l.pages) - 1, y: l.y}
		l.p.ops = append(l.p.ops, op{kind: opBookmark, s: pos.text, n: lvl, y: l.y})
		r.heads = append(r.heads, pos)
	}
	lh := lineHeight(size * 0.92)
	for _, ln := range lines {
		l.p.text(marginL, baseline(l.y, lh, size), ln, bold, size, col)
		l.y += lh
	}
	if h.Level == 1 {
		l.p.line(marginL, l.y+1.2, marginL+28, l.y+1.2, 0.8, colAccent)
	}
	l.y += after
}

// cover draws the title page.
func (r *renderer) cover(c report.Cover) error {
	l := &r.front
	l.newPage()
	p := l.p
	p.plain = true
	f := r.f
	p.rect(0, 0, pageW, 14, colAccent, true)
	y := 36.0
	if c.Logo != "" {
		w, h, err := logoSize(c.Logo)
		if err != nil {
			return err
		}
		// Fit the logo in 60 × 28 mm, keeping its proportions.
		s := math.Min(60/w, 28/h)
		p.ops = append(p.ops, op{kind: opImage, x: marginL, y: 26, w: w * s, h: h * s, s: c.Logo})
		y = 26 + h*s + 14
	}
	y = math.Max(y, 70)
	for _, ln := range f.wrap(f.clean(c.Organisation), regular, 18, contentW) {
		p.text(marginL, y, ln, regular, 18, colMuted)
		y += 8
	}
	y += 8
	for _, ln := range f.wrap(f.clean(c.Title), bold, 34, contentW) {
		p.text(marginL, y, ln, bold, 34, colAccent)
		y += 14
	}
	for _, ln := range f.wrap(f.clean(c.Subtitle), regular, 16, contentW) {
		p.text(marginL, y, ln, regular, 16, colText)
		y += 8
	}
	y += 4
	p.line(marginL, y, marginL+50, y, 1, colAccent)
	y += 10
	for _, ln := range c.Lines {
		p.text(marginL, y, f.clean(ln), regular, 11.5, colText)
		y += 7
	}
	if c.Quote != "" {
		lines := f.ellipsize(f.wrap(f.clean(c.Quote), italic, 13, contentW-12), 8, italic, 13, contentW-12)
		lh := lineHeight(13)
		qy := 262 - float64(len(lines))*lh
		p.rect(marginL, qy-1, 1.6, float64(len(lines))*lh+2, colLight, true)
		for i, ln := range lines {
			p.text(marginL+8, baseline(qy+float64(i)*lh, lh, 13), ln, italic, 13, colAccent)
		}
	}
	p.rect(0, pageH-8, pageW, 8, colAccent, true)
	return nil
}

func logoSize(path string) (float64, float64, error) {
	fh, err := os.Open(path)
	if err != nil {
		return 0, 0, fmt.Errorf("%w: %s: %w", ErrLogo, path, err)
	}
	defer fh.Close()
	cfg, _, err := image.DecodeConfig(fh)
	if err != nil {
		return 0, 0, fmt.Errorf("%w: %s: %w", ErrLogo, path, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, fmt.Errorf("%w: %s: empty image", ErrLogo, path)
	}
	return float64(cfg.Width), float64(cfg.Height), nil
}

// layoutContents lays out the contents page; pages is its length in
// pages (0 on the measuring pass, when page numbers are placeholders).
func (r *renderer) layoutContents(pages int) {
	l := &r.contents
	l.newPage()
	f := r.f
	title := f.clean(r.contentsTitle)
	l.p.ops = append(l.p.ops, op{kind: opBookmark, s: title, n: 0, y: l.y})
	size, col, _, after := headingStyle(1)
	lh := lineHeight(size * 0.92)
	l.p.text(marginL, baseline(l.y, lh, size), title, bold, size, col)
	l.y += lh
	l.p.line(marginL, l.y+1.2, marginL+28, l.y+1.2, 0.8, colAccent)
	l.y += after + 2
	const numW = 14.0
	offset := len(r.front.pages) + pages
	dotW := f.width(".", regular, 9)
	for i, h := range r.heads {
		if !h.inContents {
			continue
		}
		st, sz, indent, before := regular, 10.0, 8.0, 0.6
		if h.contents == 1 {
			st, sz, indent, before = bold, 10.5, 0, 3.2
		}
		num := "000"
		if pages > 0 {
			num = strconv.Itoa(offset + h.page + 1)
		}
		tw := contentW - indent - numW - 2
		lines := f.wrap(f.clean(h.text), st, sz, tw)
		elh := lineHeight(sz)
		ss := []strip{{h: before, spacer: true}}
		for k, ln := range lines {
			last := k == len(lines)-1
			ss = append(ss, strip{h: elh, draw: func(p *page, y float64) {
				bl := baseline(y, elh, sz)
				p.text(marginL+indent, bl, ln, st, sz, colText)
				if !last {
					return
				}
				end := marginL + indent + f.width(ln, st, sz) + 1.5
				nw := f.width(num, st, sz)
				start := marginL + contentW - nw - 1.5
				if n := int((start - end) / (dotW * 2)); n > 0 {
					dots := strings.Repeat(". ", n)
					p.text(start-f.width(dots, regular, 9), bl, dots, regular, 9, colRule)
				}
				p.text(marginL+contentW-nw, bl, num, st, sz, colText)
				p.ops = append(p.ops, op{kind: opLink, x: marginL + indent, y: y - float64(len(lines)-1)*elh, w: contentW - indent, h: float64(len(lines)) * elh, n: i})
			}})
		}
		l.flow(ss, flowOpts{keep: true})
	}
}

// emit writes the laid-out pages with fpdf.
func (r *renderer) emit(pdf *fpdf.Fpdf) error {
	offset := len(r.front.pages) + len(r.contents.pages)
	links := make([]int, len(r.heads))
	for i, h := range r.heads {
		links[i] = pdf.AddLink()
		pdf.SetLink(links[i], h.y, offset+h.page+1)
	}
	var all []*page
	all = append(all, r.front.pages...)
	all = append(all, r.contents.pages...)
	all = append(all, r.body.pages...)
	n := len(all)
	var cur struct {
		st   style
		size float64
		col  rgb
		set  bool
	}
	setFont := func(st style, size float64, col rgb) {
		if !cur.set || cur.st != st || cur.size != size {
			pdf.SetFont(family, string(st), size)
			cur.st, cur.size = st, size
		}
		if !cur.set || cur.col != col {
			pdf.SetTextColor(col.r, col.g, col.b)
			cur.col = col
		}
		cur.set = true
	}
	for pi, p := range all {
		pdf.AddPage()
		cur.set = false
		if !p.plain {
			setFont(regular, 8, colMuted)
			pdf.Text(marginL, 13, r.header)
			pdf.SetDrawColor(colRule.r, colRule.g, colRule.b)
			pdf.SetLineWidth(0.2)
			pdf.Line(marginL, 15.5, pageW-marginR, 15.5)
			pdf.Line(marginL, pageH-14, pageW-marginR, pageH-14)
			lbl := strings.NewReplacer("{page}", strconv.Itoa(pi+1), "{pages}", strconv.Itoa(n)).Replace(r.label)
			pdf.Text(pageW-marginR-r.f.width(lbl, regular, 8), pageH-9.5, lbl)
		}
		for _, o := range p.ops {
			switch o.kind {
			case opText:
				setFont(o.st, o.size, o.col)
				pdf.Text(o.x, o.y, o.s)
			case opRect:
				if o.fill {
					pdf.SetFillColor(o.col.r, o.col.g, o.col.b)
					pdf.Rect(o.x, o.y, o.w, o.h, "F")
				} else {
					pdf.SetDrawColor(o.col.r, o.col.g, o.col.b)
					pdf.SetLineWidth(0.3)
					pdf.Rect(o.x, o.y, o.w, o.h, "D")
				}
			case opLine:
				pdf.SetDrawColor(o.col.r, o.col.g, o.col.b)
				pdf.SetLineWidth(o.size)
				pdf.Line(o.x, o.y, o.w, o.h)
			case opArrow:
				pdf.SetDrawColor(o.col.r, o.col.g, o.col.b)
				pdf.SetFillColor(o.col.r, o.col.g, o.col.b)
				pdf.SetLineWidth(0.35)
				dir := 1.0
				if o.h < o.y {
					dir = -1
				}
				pdf.Line(o.x, o.y, o.w, o.h-dir*1.8)
				pdf.Polygon([]fpdf.PointType{{X: o.w - 1.2, Y: o.h - dir*2}, {X: o.w + 1.2, Y: o.h - dir*2}, {X: o.w, Y: o.h}}, "F")
			case opImage:
				pdf.ImageOptions(o.s, o.x, o.y, o.w, o.h, false, fpdf.ImageOptions{ReadDpi: false}, 0, "")
			case opLink:
				pdf.Link(o.x, o.y, o.w, o.h, links[o.n])
			case opBookmark:
				if !cur.set {
					setFont(regular, 10, colText) // Bookmark needs a UTF-8 font set
				}
				pdf.Bookmark(o.s, o.n, o.y)
			}
		}
		if pdf.Err() {
			return fmt.Errorf("render page %d: %w", pi+1, pdf.Error())
		}
	}
	return nil
}
