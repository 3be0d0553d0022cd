// Package pdf renders a document.Document as an A4 PDF with fpdf: embedded
// Liberation Sans, running header and footer, a contents page with real
// page numbers, an outline mirroring it, tables that repeat their header,
// and the same bytes for the same inputs. The PDF is tagged (PDF/UA-1)
// and archival (PDF/A-2a): tags.go keeps its structure tree, update.go
// adds what fpdf cannot write. It is the only package that imports fpdf.
package pdf

import (
	"context"
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
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/malarbete/malarbete/internal/document"
)

// ErrLogo means the cover's logo could not be read as a PNG or JPEG.
var ErrLogo = errors.New("logo")

// Options control rendering.
type Options struct {
	// Created is the PDF's creation and modification date. Zero means the
	// document's date at midnight UTC, so that equal inputs give equal
	// bytes; never the clock.
	Created time.Time
	// Paper is "A4" (the default) or "A3".
	Paper string
	// Zoom sets everything on the page this many times larger than the
	// report's own sizes, the margins with the type; 0 means 1. A poster
	// to read from a metre away is set at about 1.5 on A4 and √2 times
	// that on A3.
	Zoom float64
}

// ErrPaper means Options.Paper names no paper the renderer knows.
var ErrPaper = errors.New("unknown paper size")

// geometryOf returns the page geometry of opts.
func geometryOf(opts Options, doc *document.Document) (*geometry, error) {
	paper := opts.Paper
	if paper == "" {
		paper = "A4"
	}
	size, ok := papers[paper]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrPaper, paper)
	}
	zoom := opts.Zoom
	if zoom == 0 {
		zoom = 1
	}
	if zoom < 0.5 || zoom > 4 {
		return nil, fmt.Errorf("render pdf: zoom %g out of range", zoom)
	}
	return newGeometry(size[0], size[1], zoom, running(doc)), nil
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
	text       string // as printed: number and title
	number     string
	title      string
	level      int // outline level, 0 at the top
	inContents bool
	contents   int  // contents level: 1 or 2
	front      bool // before the contents page (page counts from the cover)
	page       int  // index in the body's pages, or the front's
	y          float64
}

// Render writes doc as a PDF to w. It stops with ctx's error when ctx is
// done, having written nothing to w: fpdf writes the file only at the end.
func Render(ctx context.Context, w io.Writer, doc *document.Document, opts Options) (res Result, err error) {
	defer func() {
		// fpdf panics on some inputs (runes beyond its tables); a report
		// that cannot be drawn is an error, not a crash.
		if r := recover(); r != nil {
			err = fmt.Errorf("render pdf: %v", r)
		}
	}()
	g, err := geometryOf(opts, doc)
	if err != nil {
		return res, err
	}
	pdf := fpdf.New("P", "mm", opts.paper(), "")
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
	// The document information, the catalogue and the outline are
	// written in the update after fpdf's output (update.go).
	m := meta{
		title: f.clean(doc.Meta.Title), author: f.clean(doc.Meta.Author), subject: f.clean(doc.Meta.Subject),
		keywords: f.clean(doc.Meta.Keywords), creator: f.clean(doc.Meta.Creator), lang: string(doc.Lang), created: created,
	}
	pdf.SetProducer(m.creator, true)

	r := newRenderer(ctx, f, doc)
	r.g = g
	// Measure first: the contents page needs the page of every heading
	// and the footer the number of pages before the first page is drawn.
	// The drawing pass then writes each page to fpdf as soon as it is
	// laid out.
	if err := r.measure(); err != nil {
		return res, err
	}
	defer raiseLimit(r.frontPages + r.contentsPages + r.bodyPages)()
	r.st = newStructure(r.elems)
	if err := r.draw(pdf); err != nil {
		return res, err
	}
	if r.st.mixed {
		// The tree keeps an element's kids in order only when they are
		// all elements or all content (tags.go).
		return res, errors.New("render pdf: a structure element holds both elements and content")
	}
	// The tree is drawn: let it go before fpdf writes the file, the
	// moment memory peaks, should the caller hold it no longer either.
	r.doc, r.front, r.body = nil, nil, nil
	if err := ctx.Err(); err != nil {
		return res, err
	}
	res.Pages = pdf.PageCount()
	fw := newFpdfWriter(w)
	if err := pdf.Output(fw); err != nil {
		return res, fmt.Errorf("write pdf: %w", err)
	}
	u := update{g: g, st: r.st, pages: res.Pages, heads: r.heads, pageOf: r.pageOf, outline: r.outline(), meta: m}
	if err := u.write(w, fw); err != nil {
		return res, fmt.Errorf("write pdf: %w", err)
	}
	res.Replacements = f.replacements()
	return res, nil
}

// renderer lays the document out twice over the same layout code: the
// measuring pass notes page counts and where headings land, the drawing
// pass writes the pages.
type renderer struct {
	ctx context.Context
	f   *fonts
	th  *theme
	g   *geometry
	doc *document.Document
	// front are the blocks before the contents (in practice the cover),
	// body the blocks after it.
	front, body []document.Block
	header      string
	label       string
	// contentsTitle is set when the document has a contents page.
	contentsTitle string

	// Found by the measuring pass.
	heads                                []headingPos
	frontPages, contentsPages, bodyPages int

	// orphans are headings whose next block began on a later page, noted
	// while measuring: there should be none.
	orphans         []string
	splits          int // strips split across pages
	lastHeading     string
	lastHeadingPage int

	// measuring is true in the first pass; in the second, placed counts
	// the headings placed so far to check them against the first.
	measuring bool
	placed    int
	err       error

	// st is the structure tree, built while drawing; tagLevel is the
	// level of the last heading element, so that levels go down one
	// step at a time.
	st       *structure
	tagLevel int
	// contentsY is where the contents page's title stands, for the
	// outline.
	contentsY float64
	// elems is the number of structure elements, counted while
	// measuring.
	elems int
}

func newRenderer(ctx context.Context, f *fonts, doc *document.Document) *renderer {
	a4 := papers["A4"]
	r := &renderer{ctx: ctx, f: f, th: newTheme(doc.Accent), g: newGeometry(a4[0], a4[1], 1, running(doc)), doc: doc, body: doc.Blocks}
	for i, b := range doc.Blocks {
		if c, ok := b.(document.Contents); ok {
			r.contentsTitle = c.Title
			r.front, r.body = doc.Blocks[:i], doc.Blocks[i+1:]
			break
		}
	}
	return r
}

// piece is a block turned into strips.
type piece struct {
	strips  []strip
	o       flowOpts
	heading *document.Heading
	brk     bool
	// fresh pieces start on a page of their own (the back page).
	fresh bool
}

func (r *renderer) piece(l *layouter, b document.Block) piece {
	switch b := b.(type) {
	case document.Heading:
		return piece{heading: &b}
	case document.Paragraph:
		ss, o := l.paragraph(b)
		return piece{strips: ss, o: o}
	case document.List:
		ss, o := l.list(b)
		return piece{strips: ss, o: o}
	case document.Table:
		ss, o := l.table(b)
		return piece{strips: ss, o: o}
	case document.KeyValues:
		ss, o := l.keyValues(b)
		return piece{strips: ss, o: o}
	case document.Diagram:
		ss, o := l.diagram(b)
		return piece{strips: ss, o: o}
	case document.BarChart:
		ss, o := l.barChart(b)
		return piece{strips: ss, o: o}
	case document.KeyFigures:
		ss, o := l.keyFigures(b)
		return piece{strips: ss, o: o}
	case document.Colophon:
		ss, o := l.colophon(b)
		return piece{strips: ss, o: o, fresh: true}
	case document.PageBreak:
		return piece{brk: true}
	}
	return piece{}
}

// measure lays the document out without drawing: it counts the pages of
// the front, the contents and the body and notes where each heading lands.
func (r *renderer) measure() error {
	r.measuring = true
	r.header = r.f.clean(r.doc.Header)
	r.label = r.f.clean(r.doc.PageLabel)
	count := &structure{counting: true}
	front := layouter{f: r.f, th: r.th, g: r.g, st: count}
	if err := r.frontBlocks(&front); err != nil {
		return err
	}
	r.frontPages = front.n
	body := layouter{f: r.f, th: r.th, g: r.g, st: count}
	r.flowBlocks(&body, r.body, false)
	body.close()
	if r.err != nil {
		return r.err
	}
	r.splits = body.splits
	r.bodyPages = body.n
	if r.contentsTitle != "" {
		contents := layouter{f: r.f, th: r.th, g: r.g, st: count}
		r.layoutContents(&contents)
		contents.close()
		r.contentsPages = contents.n
	}
	r.elems = count.n
	r.measuring = false
	return nil
}

// draw lays the document out again, the same way, and writes each page
// with fpdf as soon as it is complete.
func (r *renderer) draw(pdf *fpdf.Fpdf) error {
	// Every text was cleaned, and every odd rune counted, while measuring.
	r.f.counting = false
	defer func() { r.f.counting = true }()
	e := newEmitter(pdf, r)
	r.tagLevel = 0
	front := layouter{f: r.f, th: r.th, g: r.g, emit: e.page, st: r.st}
	if err := r.frontBlocks(&front); err != nil {
		return err
	}
	if r.contentsTitle != "" {
		contents := layouter{f: r.f, th: r.th, g: r.g, emit: e.page, st: r.st}
		r.layoutContents(&contents)
		contents.close()
	}
	body := layouter{f: r.f, th: r.th, g: r.g, emit: e.page, st: r.st}
	r.flowBlocks(&body, r.body, false)
	body.close()
	switch {
	case e.err != nil:
		return e.err
	case r.err != nil:
		return r.err
	case e.n != e.total:
		return fmt.Errorf("render pdf: drew %d pages, measured %d", e.n, e.total)
	}
	return nil
}

// frontBlocks lays out the blocks before the contents.
func (r *renderer) frontBlocks(l *layouter) error {
	for _, b := range r.front {
		if c, ok := b.(document.Cover); ok {
			if err := r.cover(l, c); err != nil {
				return err
			}
			continue
		}
		r.flowBlocks(l, []document.Block{b}, true)
	}
	l.close()
	return nil
}

// cancelEvery is how many blocks are laid out between two looks at the
// context.
const cancelEvery = 64

// flowBlocks lays blocks out, keeping each heading with what follows it;
// front is true before the contents page.
func (r *renderer) flowBlocks(l *layouter, blocks []document.Block, front bool) {
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
		// Checked every few blocks: a large report has some 100,000.
		if i%cancelEvery == 0 && r.err == nil {
			r.err = r.ctx.Err()
		}
		if r.err != nil {
			return
		}
		p := get(i)
		delete(cache, i)
		switch {
		case p.brk:
			if !l.atTop() {
				l.newPage()
			}
		case p.fresh:
			if !l.atTop() {
				l.newPage()
			}
			l.flow(p.strips, p.o)
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
				if q.brk || q.fresh {
					break
				}
				if _, isPara := blocks[j].(document.Paragraph); isPara && q.o.keep && j+1 < len(blocks) {
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
				need += math.Min(lead, l.g.capacity/2)
				break
			}
			if !l.fits(need) && !l.atTop() {
				l.newPage()
			}
			r.placeHeading(l, h, &outline, front)
			r.lastHeading, r.lastHeadingPage = h.Text, l.n
		default:
			if len(p.strips) > 0 {
				l.flow(p.strips, p.o)
				if r.measuring && r.lastHeading != "" && l.started != r.lastHeadingPage {
					r.orphans = append(r.orphans, r.lastHeading)
				}
				r.lastHeading = ""
			}
		}
	}
}

func (r *renderer) placeHeading(l *layouter, h document.Heading, outline *int, front bool) {
	lines, _ := l.headingLines(h)
	size, col, before, after := r.th.headingStyle(h.Level)
	if !l.atTop() {
		l.y += before
	}
	if h.Level == 1 {
		// The chapter goes into the running header from its first page.
		l.chapter = r.f.clean(headingText(h))
		l.p.chapter = l.chapter
	}
	if h.Level <= 3 {
		lvl := min(h.Level-1, *outline+1)
		*outline = lvl
		pos := headingPos{text: strings.Join(lines, " "), number: h.Number, title: h.Text, level: lvl, inContents: h.InContents, contents: min(h.Level, 2), front: front, page: l.n - 1, y: l.y}
		if r.measuring {
			r.heads = append(r.heads, pos)
		} else {
			r.checkHeading(pos)
		}
	}
	lh := lineHeight(size * 0.92)
	l.p.tag = r.headingElem(l, h.Level)
	for _, ln := range lines {
		l.p.text(r.g.marginL, baseline(l.y, lh, size), ln, bold, size, col)
		l.y += lh
	}
	l.p.tag = 0
	if h.Level == 1 {
		l.p.line(r.g.marginL, l.y+1.2, r.g.marginL+28, l.y+1.2, 0.8, r.th.accent)
	}
	l.y += after
}

// headingElem creates the structure element of a heading of level: H1 to
// H6, never more than one level below the heading before it.
func (r *renderer) headingElem(l *layouter, level int) int32 {
	if l.st == nil {
		return 0
	}
	lvl := min(level, r.tagLevel+1)
	r.tagLevel = lvl
	return l.st.add(0, headingTag(lvl))
}

// checkHeading compares a heading placed while drawing with where the
// measuring pass put it: the contents and the links rely on that place.
func (r *renderer) checkHeading(pos headingPos) {
	i := r.placed
	r.placed++
	if r.err != nil {
		return
	}
	if i >= len(r.heads) || r.heads[i].page != pos.page || r.heads[i].y != pos.y || r.heads[i].text != pos.text {
		r.err = fmt.Errorf("render pdf: heading %d %q moved between layout passes", i+1, pos.text)
	}
}

// cover draws the title page.
func (r *renderer) cover(l *layouter, c document.Cover) error {
	l.newPage()
	p := l.p
	p.plain = true
	f := r.f
	accent := r.th.accent
	// The bands and the logo are decoration: the organisation's name
	// stands under the logo.
	p.rect(0, 0, r.g.pageW, 14, accent, true)
	y := 36.0
	if c.Logo != "" {
		w, h, err := logoSize(c.Logo)
		if err != nil {
			return err
		}
		// Fit the logo in 60 × 28 mm, keeping its proportions.
		s := math.Min(60/w, 28/h)
		p.ops = append(p.ops, op{kind: opImage, x: r.g.marginL, y: 26, w: w * s, h: h * s, s: c.Logo})
		y = 26 + h*s + 14
	}
	y = math.Max(y, 70)
	p.tag = l.st.add(0, tagP)
	for _, ln := range f.wrap(f.clean(c.Organisation), regular, 18, r.g.contentW) {
		p.text(r.g.marginL, y, ln, regular, 18, colMuted)
		y += 8
	}
	y += 8
	// The title is a heading above the document's chapters.
	p.tag = r.headingElem(l, 1)
	for _, ln := range f.balance(f.clean(c.Title), bold, 34, r.g.contentW) {
		p.text(r.g.marginL, y, ln, bold, 34, accent)
		y += 14
	}
	p.tag = l.st.add(0, tagP)
	for _, ln := range f.wrap(f.clean(c.Subtitle), regular, 16, r.g.contentW) {
		p.text(r.g.marginL, y, ln, regular, 16, colText)
		y += 8
	}
	y += 4
	p.tag = 0
	p.line(r.g.marginL, y, r.g.marginL+50, y, 1, accent)
	y += 10
	for _, ln := range c.Lines {
		p.tag = l.st.add(0, tagP)
		for _, w := range f.wrap(f.clean(ln), regular, 11.5, r.g.contentW) {
			p.text(r.g.marginL, y, w, regular, 11.5, colText)
			y += 6
		}
		y += 1
	}
	if c.Quote != "" {
		lines := f.balance(f.clean(c.Quote), italic, 13, r.g.contentW-12)
		lh := lineHeight(13)
		qy := 262 - float64(len(lines))*lh
		p.tag = 0
		p.rect(r.g.marginL, qy-1, 1.6, float64(len(lines))*lh+2, r.th.light, true)
		p.tag = l.st.add(0, tagBlockQuote)
		for i, ln := range lines {
			p.text(r.g.marginL+8, baseline(qy+float64(i)*lh, lh, 13), ln, italic, 13, accent)
		}
	}
	p.tag = 0
	p.rect(0, r.g.pageH-8, r.g.pageW, 8, accent, true)
	return nil
}

// running reports whether doc's pages have a running header or footer.
func running(doc *document.Document) bool { return doc.Header != "" || doc.PageLabel != "" }

func (o Options) paper() string {
	if o.Paper == "" {
		return "A4"
	}
	return o.Paper
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

// layoutContents lays out the contents page: chapter and section numbers
// in a column of their own, titles beside them, page numbers at the right
// margin. While measuring, the page numbers are placeholders: their width
// does not change the layout.
func (r *renderer) layoutContents(l *layouter) {
	l.newPage()
	f := r.f
	title := f.clean(r.contentsTitle)
	r.contentsY = l.y
	size, col, _, after := r.th.headingStyle(1)
	lh := lineHeight(size * 0.92)
	l.p.tag = r.headingElem(l, 1)
	l.p.text(r.g.marginL, baseline(l.y, lh, size), title, bold, size, col)
	l.p.tag = 0
	l.y += lh
	l.p.line(r.g.marginL, l.y+1.2, r.g.marginL+28, l.y+1.2, 0.8, r.th.accent)
	l.y += after + 2
	const numW = 14.0
	dotW := f.width(".", regular, 9)
	// The widths of the number columns: the widest number of each level
	// that is a number; a longer one ("Bilaga 1") stands before its
	// title instead.
	const maxNumW = 12.0
	var col1, col2 float64
	for _, h := range r.heads {
		if !h.inContents || h.number == "" {
			continue
		}
		if h.contents == 1 {
			if w := f.width(f.clean(h.number), bold, 10.5) + 3; w <= maxNumW {
				col1 = max(col1, w)
			}
		} else {
			col2 = max(col2, f.width(f.clean(h.number), regular, 10)+3)
		}
	}
	toc := l.st.add(0, tagTOC)
	for i, h := range r.heads {
		if !h.inContents {
			continue
		}
		link := l.st.add(l.st.add(toc, tagTOCI), tagLink)
		st, sz, indent, numCol, before := regular, 10.0, col1, col2, 0.0
		if h.contents == 1 {
			st, sz, indent, numCol, before = bold, 10.5, 0, col1, 2.2
		}
		num := "000"
		if !r.measuring {
			num = strconv.Itoa(r.pageOf(h))
		}
		number := f.clean(h.number)
		if nw := f.width(number, st, sz) + 3; nw > numCol {
			numCol = nw
		}
		tx := r.g.marginL + indent + numCol
		tw := r.g.contentW - indent - numCol - numW - 2
		lines := f.wrap(f.clean(h.title), st, sz, tw)
		title := strings.TrimSpace(f.clean(h.number + " " + h.title))
		elh := lineHeight(sz) * 0.9
		ss := []strip{{h: before, spacer: true}}
		for k, ln := range lines {
			first, last := k == 0, k == len(lines)-1
			ss = append(ss, strip{h: elh, tag: link, draw: func(p *page, y float64) {
				bl := baseline(y, elh, sz)
				if first {
					p.text(r.g.marginL+indent, bl, number, st, sz, colText)
				}
				p.text(tx, bl, ln, st, sz, colText)
				if !last {
					return
				}
				end := tx + f.width(ln, st, sz) + 1.5
				nw := f.width(num, st, sz)
				start := r.g.marginL + r.g.contentW - nw - 1.5
				if n := int((start - end) / (dotW * 2)); n > 0 {
					dots := strings.Repeat(". ", n)
					p.tag = 0 // the leader only leads the eye
					p.text(start-f.width(dots, regular, 9), bl, dots, regular, 9, colRule)
					p.tag = link
				}
				p.text(r.g.marginL+r.g.contentW-nw, bl, num, st, sz, colText)
				p.add(op{kind: opLink, x: r.g.marginL + indent, y: y - float64(len(lines)-1)*elh, w: r.g.contentW - indent, h: float64(len(lines)) * elh, n: i, s: title})
			}})
		}
		l.flow(ss, flowOpts{keep: true})
	}
}

// outline lists the outline's entries: the headings down to level 3 and
// the contents page, in the order of the pages.
func (r *renderer) outline() []outlineItem {
	var items []outlineItem
	body := false
	for _, h := range r.heads {
		if !h.front && !body {
			body = true
			if r.contentsTitle != "" {
				items = append(items, outlineItem{title: r.f.clean(r.contentsTitle), page: r.frontPages, y: r.contentsY})
			}
		}
		items = append(items, outlineItem{title: h.text, level: h.level, page: r.pageOf(h) - 1, y: h.y})
	}
	if !body && r.contentsTitle != "" {
		items = append(items, outlineItem{title: r.f.clean(r.contentsTitle), page: r.frontPages, y: r.contentsY})
	}
	return items
}

// pageOf returns the page number, from 1 at the cover, of a heading.
func (r *renderer) pageOf(h headingPos) int {
	if h.front {
		return h.page + 1
	}
	return r.frontPages + r.contentsPages + h.page + 1
}

// emitter writes laid-out pages with fpdf, one at a time, each
// operation in the marked content of its structure element.
type emitter struct {
	pdf   *fpdf.Fpdf
	r     *renderer
	st    *structure
	n     int // pages written
	total int
	pages string // total as text, for the footer
	err   error
	// open is the element whose marked content is open, 0 for an
	// artifact; marking tells whether any is.
	open    int32
	marking bool
	buf     []byte
	// k is fpdf's points per unit and pageH the page's height in units,
	// for text: see text.
	k, pageH float64
	// drawn has, by style, a bit for each rune fpdf has drawn: fpdf
	// embeds the glyphs of those.
	drawn [3][0x10000 / 64]uint64
	// fontIDs are the names of the styles' fonts in the page resources,
	// by styleIndex, as fpdf's SetFont writes them (selectFont); empty
	// where unknown. fpdfFont is the font fpdf set last.
	fontIDs  [3]string
	fpdfFont struct {
		st   style
		size float64
	}
	// lastTag and lastText are the element and the text of the last
	// text drawn, to separate the words of two lines (joinText).
	lastTag  int32
	lastText string
	// The graphics state fpdf holds, so that nothing already set is
	// written again: fpdf writes every setting into the page, and fpdf
	// keeps every page in memory until the end. fpdf carries the state
	// over to the next page itself.
	cur struct {
		st         style
		size       float64
		text, fill rgb
		draw       rgb
		width      float64
		set        bool // font and colours have been set once
	}
}

func newEmitter(pdf *fpdf.Fpdf, r *renderer) *emitter {
	e := &emitter{pdf: pdf, r: r, st: r.st, total: r.frontPages + r.contentsPages + r.bodyPages, k: pdf.GetConversionRatio()}
	e.fontIDs, _ = fontIDs() // unknown, fpdf selects every font itself
	e.pages = strconv.Itoa(e.total)
	return e
}

// mark begins the marked content of element tag, ending the one open
// unless it is tag's: consecutive operations of one element share a
// sequence. Tag 0 is an artifact.
func (e *emitter) mark(tag int32) {
	if e.marking && e.open == tag {
		return
	}
	e.endMark()
	e.open, e.marking = tag, true
	if tag == 0 {
		e.pdf.RawWriteStr("/Artifact BMC")
		return
	}
	mcid := e.st.mark(tag, e.n-1)
	b := append(e.buf[:0], '/')
	b = append(b, e.st.elems[tag].typ.String()...)
	b = append(b, "<</MCID "...)
	b = strconv.AppendInt(b, int64(mcid), 10)
	b = append(b, ">>BDC"...)
	e.buf = b
	e.pdf.RawWriteStr(string(b))
}

// joinText returns where to draw a text and what to put before it: where
// a line continues the text of the line before in the same element, a
// space, set a space's width to the left so that nothing moves. Without it, text taken from the PDF (a screen reader's, a
// search's) runs the last word of one line into the first of the next.
// A line that ends in a hyphen or a dash continues the word.
func (e *emitter) joinText(o op) (x float64, space string) {
	prev := e.lastText
	join := o.tag != 0 && o.tag == e.lastTag && prev != "" &&
		!strings.HasSuffix(prev, " ") && !strings.HasSuffix(prev, "-") && !strings.HasSuffix(prev, "–") &&
		!strings.HasPrefix(o.s, " ")
	e.lastTag, e.lastText = o.tag, o.s
	if !join {
		return o.x, ""
	}
	return o.x - e.r.f.width(" ", o.st, o.size), " "
}

// endMark ends the open marked content, if any.
func (e *emitter) endMark() {
	if e.marking {
		e.pdf.RawWriteStr("EMC")
		e.marking = false
	}
}

// setFont selects a font and colour for text. The fill colour is set to
// the text colour too: where they differ, fpdf wraps every single text
// in a save, colour and restore of its own.
func (e *emitter) setFont(st style, size float64, col rgb) {
	if !e.cur.set || e.cur.st != st || e.cur.size != size {
		e.selectFont(st, size)
	}
	if !e.cur.set || e.cur.text != col {
		e.pdf.SetTextColor(col.r, col.g, col.b)
		e.cur.text = col
	}
	e.setFill(col)
	e.cur.set = true
}

// selectFont makes st at size the font of the text that follows. It
// writes what fpdf's SetFont writes, byte for byte, but itself: SetFont
// costs as much as a text, and a page of goal cards changes font some 45
// times. fpdf's own idea of the font (fpdfFont) then falls behind, which
// matters where fpdf writes text (text) and where it begins a page: it
// sets its font again there (page).
func (e *emitter) selectFont(st style, size float64) {
	e.cur.st, e.cur.size = st, size
	if !e.cur.set || textByFpdf || e.fontIDs[0] == "" {
		e.pdf.SetFont(family, string(st), size)
		e.fpdfFont.st, e.fpdfFont.size = st, size
		return
	}
	b := append(e.buf[:0], "BT /F"...)
	b = append(b, e.fontIDs[styleIndex(st)]...)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, size, 'f', 2, 64)
	b = append(b, " Tf ET"...)
	e.buf = b
	e.pdf.RawWriteStr(string(b))
}

func (e *emitter) setFill(col rgb) {
	if !e.cur.set || e.cur.fill != col {
		e.pdf.SetFillColor(col.r, col.g, col.b)
		e.cur.fill = col
	}
}

func (e *emitter) setDraw(col rgb, width float64) {
	if !e.cur.set || e.cur.draw != col {
		e.pdf.SetDrawColor(col.r, col.g, col.b)
		e.cur.draw = col
	}
	if !e.cur.set || e.cur.width != width {
		e.pdf.SetLineWidth(width)
		e.cur.width = width
	}
}

// page writes one laid-out page.
func (e *emitter) page(p *page) {
	if e.err != nil {
		return
	}
	pdf, r := e.pdf, e.r
	pdf.AddPage()
	e.n++
	_, e.pageH = pdf.GetPageSize()
	// fpdf began the page in the font it last set itself.
	e.cur.st, e.cur.size = e.fpdfFont.st, e.fpdfFont.size
	if z := r.g.zoom; z != 1 {
		// Scale the page's content about its top left corner: fpdf
		// draws in the paper's coordinates, y from the top.
		ph := r.g.pageH * z * ptPerMM
		pdf.RawWriteStr(fmt.Sprintf("q %.5f 0 0 %.5f 0 %.4f cm", z, z, ph*(1-z)))
	}
	if !e.cur.set {
		// Set everything once, on the first page; from then on only
		// changes are written.
		e.setFont(regular, marginSize, colMuted)
		e.setDraw(colRule, 0.2)
	}
	if !p.plain && running(r.doc) {
		// The running header: the document at the left, the chapter at
		// the right where both fit. It and the footer are pagination
		// artifacts: a reader hears them once, in the document's title.
		e.pdf.RawWriteStr("/Artifact <</Type /Pagination>> BDC")
		e.setFont(regular, marginSize, colMuted)
		e.text(r.g.marginL, 13, "", r.header)
		if p.chapter != "" {
			cw := r.f.width(p.chapter, regular, marginSize)
			if r.f.width(r.header, regular, marginSize)+cw+8 <= r.g.contentW {
				e.text(r.g.pageW-r.g.marginR-cw, 13, "", p.chapter)
			}
		}
		e.setDraw(colRule, 0.2)
		pdf.Line(r.g.marginL, 15.5, r.g.pageW-r.g.marginR, 15.5)
		pdf.Line(r.g.marginL, r.g.pageH-14, r.g.pageW-r.g.marginR, r.g.pageH-14)
		lbl := strings.NewReplacer("{page}", strconv.Itoa(e.n), "{pages}", e.pages).Replace(r.label)
		e.text(r.g.pageW-r.g.marginR-r.f.width(lbl, regular, marginSize), r.g.pageH-9.5, "", lbl)
		pdf.RawWriteStr("EMC")
	}
	for _, o := range p.ops {
		switch o.kind {
		case opLink:
			e.st.link(annotation{page: int32(e.n - 1), x: o.x, y: o.y, w: o.w, h: o.h, heading: o.n, elem: o.tag, text: o.s})
			continue
		case opStruct:
			e.st.attach(o.tag)
			continue
		}
		e.mark(o.tag)
		switch o.kind {
		case opText:
			e.setFont(o.st, o.size, o.col)
			x, sp := e.joinText(o)
			e.text(x, o.y, sp, o.s)
		case opRect:
			if o.fill {
				e.setFill(o.col)
				pdf.Rect(o.x, o.y, o.w, o.h, "F")
			} else {
				e.setDraw(o.col, 0.3)
				pdf.Rect(o.x, o.y, o.w, o.h, "D")
			}
		case opLine:
			e.setDraw(o.col, o.size)
			pdf.Line(o.x, o.y, o.w, o.h)
		case opArrow:
			e.setDraw(o.col, 0.35)
			e.setFill(o.col)
			dir := 1.0
			if o.h < o.y {
				dir = -1
			}
			pdf.Line(o.x, o.y, o.w, o.h-dir*1.8)
			pdf.Polygon([]fpdf.PointType{{X: o.w - 1.2, Y: o.h - dir*2}, {X: o.w + 1.2, Y: o.h - dir*2}, {X: o.w, Y: o.h}}, "F")
		case opImage:
			pdf.ImageOptions(o.s, o.x, o.y, o.w, o.h, false, fpdf.ImageOptions{ReadDpi: false}, 0, "")
		case opMarker:
			e.marker(o)
		}
	}
	e.endMark()
	if r.g.zoom != 1 {
		pdf.RawWriteStr("Q")
	}
	if pdf.Err() {
		e.err = fmt.Errorf("render page %d: %w", e.n, pdf.Error())
	}
}

// marker draws a status's shape: filled in its colour with a dark
// outline, so that its form shows whatever the colour.
func (e *emitter) marker(o op) {
	pdf := e.pdf
	r := o.w / 2
	e.setDraw(colText, 0.2)
	e.setFill(o.col)
	switch shape(o.n) {
	case shapeCircle:
		pdf.Circle(o.x, o.y, r*0.9, "FD")
	case shapeDiamond:
		pdf.Polygon([]fpdf.PointType{{X: o.x, Y: o.y - r}, {X: o.x + r, Y: o.y}, {X: o.x, Y: o.y + r}, {X: o.x - r, Y: o.y}}, "FD")
	case shapeTriangle:
		pdf.Polygon([]fpdf.PointType{{X: o.x, Y: o.y - r}, {X: o.x + r, Y: o.y + r*0.8}, {X: o.x - r, Y: o.y + r*0.8}}, "FD")
	case shapeSquare:
		pdf.Rect(o.x-r*0.8, o.y-r*0.8, r*1.6, r*1.6, "FD")
	case shapeRing:
		pdf.Circle(o.x, o.y, r*0.9, "FD")
		e.setFill(colWhite)
		pdf.Circle(o.x, o.y, r*0.45, "FD")
	case shapeDash:
		pdf.Rect(o.x-r, o.y-r*0.3, r*2, r*0.6, "FD")
	default:
		pdf.Rect(o.x-r*0.8, o.y-r*0.8, r*1.6, r*1.6, "F")
	}
}

// textByFpdf makes every text go through fpdf's Text; tests set it to
// compare the bytes of both ways.
var textByFpdf = false

// text draws prefix and s, clean text, at (x, y) in the current font and
// colour. It writes what fpdf's Text writes, byte for byte, but without
// its five allocations and fmt: a large report draws some 1.3 million
// lines. fpdf embeds only the glyphs its Text has drawn, so a text with a
// rune fpdf has not drawn in this style yet goes through Text. So does
// one where fpdf would wrap the text in a colour of its own (text and
// fill colours differ) or that is not UTF-8 of the Basic Multilingual
// Plane, which fpdf encodes its own way.
func (e *emitter) text(x, y float64, prefix, s string) {
	drawn := &e.drawn[styleIndex(e.cur.st)]
	fast := !textByFpdf && e.cur.fill == e.cur.text && e.drawnAll(drawn, prefix) && e.drawnAll(drawn, s)
	if !fast {
		if e.fpdfFont.st != e.cur.st || e.fpdfFont.size != e.cur.size {
			// fpdf notes the glyphs drawn in the font it set last.
			e.pdf.SetFont(family, string(e.cur.st), e.cur.size)
			e.fpdfFont.st, e.fpdfFont.size = e.cur.st, e.cur.size
		}
		e.pdf.Text(x, y, prefix+s)
		for _, r := range prefix + s {
			if r < 0x10000 {
				drawn[r>>6] |= 1 << (r & 63)
			}
		}
		if !textByFpdf && (e.fpdfFont.st != regular || e.fpdfFont.size != marginSize) {
			// fpdf begins every page in its font: let it be the running
			// header's, which then needs none of its own.
			e.pdf.SetFont(family, string(regular), marginSize)
			e.fpdfFont.st, e.fpdfFont.size = regular, marginSize
			e.cur.st, e.cur.size = regular, marginSize
		}
		return
	}
	b := append(e.buf[:0], "BT "...)
	b = strconv.AppendFloat(b, x*e.k, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, (e.pageH-y)*e.k, 'f', 2, 64)
	b = append(b, " Td ("...)
	b = appendUTF16(b, prefix)
	b = appendUTF16(b, s)
	b = append(b, ") Tj ET"...)
	e.buf = b
	e.pdf.RawWriteStr(string(b))
}

// drawnAll reports whether s is valid UTF-8 of the Basic Multilingual
// Plane whose every rune is in drawn.
func (e *emitter) drawnAll(drawn *[0x10000 / 64]uint64, s string) bool {
	for _, r := range s {
		// RuneError may stand for a byte that is not UTF-8.
		if r >= 0x10000 || r == utf8.RuneError || drawn[r>>6]&(1<<(r&63)) == 0 {
			return false
		}
	}
	return true
}

// appendUTF16 appends s, of the Basic Multilingual Plane, as fpdf writes
// text in a string: UTF-16BE, with backslashes, parentheses and carriage
// returns escaped.
func appendUTF16(b []byte, s string) []byte {
	for _, r := range s {
		for _, c := range [2]byte{byte(r >> 8), byte(r)} {
			switch c {
			case '\\', '(', ')':
				b = append(b, '\\', c)
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = append(b, c)
			}
		}
	}
	return b
}
