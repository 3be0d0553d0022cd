// Package html renders a document.Document as one self-contained web
// page: inline CSS, charts and diagrams as inline SVG with a title and a
// description and their numbers as a table or list, the logo as a data
// URI, no script and no reference outside the file. The page follows WCAG
// 2.1 AA: the document's language, landmarks (header, nav, main, footer),
// a skip link, heading levels without gaps, tables with header scopes
// and captions, text at 4.5:1 at least; it reads on a phone and prints
// with a page break before each chapter. It knows blocks, not reports:
// every text comes from the tree.
package html

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/malarbete/malarbete/internal/document"
)

// ErrLogo means the cover's logo could not be read as a PNG or JPEG.
var ErrLogo = errors.New("logo")

// Options control rendering; there are none yet.
type Options struct{}

// Result tells what was rendered.
type Result struct {
	// Bytes is the size of the page.
	Bytes int64 `json:"bytes"`
}

// cancelEvery is how many blocks are written between two looks at the
// context.
const cancelEvery = 256

// Render writes doc as a web page to w. It stops with ctx's error when ctx
// is done.
func Render(ctx context.Context, w io.Writer, doc *document.Document, _ Options) (Result, error) {
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, 64<<10)
	r := &renderer{w: bw, doc: doc, th: newTheme(doc.Accent)}
	if err := r.page(ctx); err != nil {
		return Result{}, err
	}
	if err := bw.Flush(); err != nil {
		return Result{}, fmt.Errorf("write html: %w", err)
	}
	return Result{Bytes: cw.n}, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// renderer writes one page.
type renderer struct {
	w   *bufio.Writer
	doc *document.Document
	th  theme
	// level is the HTML level of the last heading: the cover's title is
	// h1, the tree's level n is h(n+1), never more than one below the
	// heading before it.
	level int
	// heading is the text of the last heading, which names a table
	// without a caption of its own.
	heading string
	// ids counts the ids given out.
	ids int
	// inChapter is set while a chapter's section is open.
	inChapter bool
	// headings counts the headings of the body, for their ids.
	headings int
}

func (r *renderer) s(s string) { r.w.WriteString(s) }

// text writes s escaped for HTML text and attributes.
func (r *renderer) text(s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\'':
			esc = "&#39;"
		case '\r', 0:
			esc = ""
		default:
			continue
		}
		r.w.WriteString(s[start:i])
		r.w.WriteString(esc)
		start = i + 1
	}
	r.w.WriteString(s[start:])
}

// wrap writes s escaped between open and close.
func (r *renderer) wrap(open, s, close string) {
	r.s(open)
	r.text(s)
	r.s(close)
}

// lines writes s escaped, its newlines as line breaks.
func (r *renderer) lines(s string) {
	for i, ln := range strings.Split(s, "\n") {
		if i > 0 {
			r.s("<br>")
		}
		r.text(ln)
	}
}

func (r *renderer) id(prefix string) string {
	r.ids++
	return prefix + strconv.Itoa(r.ids)
}

// page writes the whole page: the blocks before the contents in the
// header, the contents in a nav, the rest in main, the colophon in the
// footer.
func (r *renderer) page(ctx context.Context) error {
	doc := r.doc
	r.wrap("<!DOCTYPE html>\n<html lang=\"", string(doc.Lang), "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	r.text(doc.Meta.Title)
	r.s("</title>\n")
	for _, m := range [][2]string{{"author", doc.Meta.Author}, {"description", doc.Meta.Subject}, {"keywords", doc.Meta.Keywords}, {"generator", doc.Meta.Creator}} {
		if m[1] != "" {
			r.s("<meta name=\"" + m[0] + "\" content=\"")
			r.text(m[1])
			r.s("\">\n")
		}
	}
	r.s("<style>\n")
	r.s(r.th.css())
	r.s("</style>\n</head>\n<body>\n")
	r.s(markerSymbols)
	if doc.Labels.SkipToContent != "" {
		r.wrap("<a class=\"skip\" href=\"#main\">", doc.Labels.SkipToContent, "</a>\n")
	}
	front, contents, body := split(doc.Blocks)
	if len(front) > 0 {
		r.s("<header class=\"front\">\n")
		if err := r.blocks(ctx, front); err != nil {
			return err
		}
		r.s("</header>\n")
	}
	if contents != nil {
		r.contents(*contents, body)
	}
	r.s("<main id=\"main\" tabindex=\"-1\">\n")
	var colophons []document.Colophon
	var rest []document.Block
	for _, b := range body {
		if c, ok := b.(document.Colophon); ok {
			colophons = append(colophons, c)
			continue
		}
		rest = append(rest, b)
	}
	if err := r.blocks(ctx, rest); err != nil {
		return err
	}
	r.closeChapter()
	r.s("</main>\n")
	for _, c := range colophons {
		r.colophon(c)
	}
	r.s("</body>\n</html>\n")
	return nil
}

// split cuts the blocks at the contents.
func split(blocks []document.Block) (front []document.Block, contents *document.Contents, body []document.Block) {
	for i, b := range blocks {
		if c, ok := b.(document.Contents); ok {
			return blocks[:i], &c, blocks[i+1:]
		}
	}
	if len(blocks) > 0 {
		if c, ok := blocks[0].(document.Cover); ok {
			return []document.Block{c}, nil, blocks[1:]
		}
	}
	return nil, nil, blocks
}

func (r *renderer) blocks(ctx context.Context, blocks []document.Block) error {
	for i, b := range blocks {
		if i%cancelEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := r.block(b); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) block(b document.Block) error {
	switch b := b.(type) {
	case document.Cover:
		return r.cover(b)
	case document.Heading:
		r.headingBlock(b)
	case document.Paragraph:
		r.paragraph(b)
	case document.List:
		r.list(b)
	case document.KeyValues:
		r.keyValues(b)
	case document.Table:
		r.table(b)
	case document.Diagram:
		r.diagram(b)
	case document.BarChart:
		r.barChart(b)
	case document.KeyFigures:
		r.keyFigures(b)
	case document.Colophon:
		r.colophon(b)
	case document.PageBreak:
		r.s("<div class=\"pb\"></div>\n")
	}
	return nil
}

func (r *renderer) cover(c document.Cover) error {
	if c.Logo != "" {
		data, err := os.ReadFile(c.Logo)
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrLogo, c.Logo, err)
		}
		mime := http.DetectContentType(data)
		if mime != "image/png" && mime != "image/jpeg" {
			return fmt.Errorf("%w: %s: not a PNG or JPEG", ErrLogo, c.Logo)
		}
		// The organisation's name follows: the logo says nothing more.
		r.s("<img class=\"logo\" alt=\"\" src=\"data:" + mime + ";base64,")
		r.s(base64.StdEncoding.EncodeToString(data))
		r.s("\">\n")
	}
	if c.Organisation != "" {
		r.wrap("<p class=\"org\">", c.Organisation, "</p>\n")
	}
	r.wrap("<h1>", c.Title, "</h1>\n")
	r.level = 1
	if c.Subtitle != "" {
		r.wrap("<p class=\"subtitle\">", c.Subtitle, "</p>\n")
	}
	for _, ln := range c.Lines {
		r.wrap("<p class=\"line\">", ln, "</p>\n")
	}
	if c.Quote != "" {
		r.s("<blockquote><p>")
		r.lines(c.Quote)
		r.s("</p></blockquote>\n")
	}
	return nil
}

// headingLevel returns the HTML level of a heading of the tree's level.
func (r *renderer) headingLevel(level int) int {
	lvl := min(level+1, r.level+1, 6)
	r.level = lvl
	return lvl
}

// contents writes the navigation: the headings marked for the contents,
// chapters with their sections under them.
func (r *renderer) contents(c document.Contents, body []document.Block) {
	r.wrap("<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">", c.Title, "</h2>\n<ol class=\"toc\">")
	r.level = 2
	n := 0
	open := false // a chapter's list item is open
	sub := false  // its list of sections is open
	for _, b := range body {
		h, ok := b.(document.Heading)
		if !ok {
			continue
		}
		n++
		if !h.InContents {
			continue
		}
		if h.Level <= 1 || !open {
			if sub {
				r.s("</ol>")
				sub = false
			}
			if open {
				r.s("</li>")
			}
			r.s("\n<li>")
			open = true
		} else {
			if !sub {
				r.s("<ol>")
				sub = true
			}
			r.s("<li>")
		}
		r.s("<a href=\"#h" + strconv.Itoa(n) + "\">")
		if h.Number != "" {
			r.wrap("<span class=\"no\">", h.Number, "</span> ")
		}
		r.text(h.Text)
		r.s("</a>")
		if h.Level > 1 && sub {
			r.s("</li>")
		}
	}
	if sub {
		r.s("</ol>")
	}
	if open {
		r.s("</li>")
	}
	r.s("\n</ol>\n</nav>\n")
	r.headings = 0
}

func (r *renderer) closeChapter() {
	if r.inChapter {
		r.s("</section>\n")
		r.inChapter = false
	}
}

func (r *renderer) headingBlock(h document.Heading) {
	r.headings++
	if h.Level <= 1 {
		// A chapter is a section of its own, which print starts on a
		// new page.
		r.closeChapter()
		r.s("<section class=\"chapter\">\n")
		r.inChapter = true
	}
	lvl := strconv.Itoa(r.headingLevel(h.Level))
	r.s("<h" + lvl + " id=\"h" + strconv.Itoa(r.headings) + "\">")
	if h.Number != "" {
		r.wrap("<span class=\"no\">", h.Number, "</span> ")
	}
	r.text(h.Text)
	r.s("</h" + lvl + ">\n")
	r.heading = strings.TrimSpace(h.Number + " " + h.Text)
}

func (r *renderer) paragraph(p document.Paragraph) {
	switch p.Style {
	case document.StyleQuote:
		r.s("<blockquote><p>")
		r.lines(p.Text)
		r.s("</p></blockquote>\n")
		return
	case document.StyleLead:
		r.s("<p class=\"lead\">")
	case document.StyleNote:
		r.s("<p class=\"note\">")
	default:
		r.s("<p>")
	}
	r.lines(p.Text)
	r.s("</p>\n")
}

func (r *renderer) list(l document.List) {
	tag := "ul"
	if l.Numbered {
		tag = "ol"
	}
	r.s("<" + tag + ">\n")
	for _, it := range l.Items {
		r.s("<li>")
		r.lines(it)
		r.s("</li>\n")
	}
	r.s("</" + tag + ">\n")
}

// marker writes a status's shape before its label; the label says the
// status, so the shape is hidden from screen readers.
func (r *renderer) marker(t document.Tone) {
	if name := toneName(t); name != "" {
		r.s("<svg class=\"mark\" aria-hidden=\"true\" focusable=\"false\"><use href=\"#m-" + name + "\"/></svg>")
	}
}

func (r *renderer) keyValues(kv document.KeyValues) {
	r.s("<div class=\"card")
	if name := toneName(kv.Tone); name != "" {
		r.s(" tone-" + name)
	}
	r.s("\">\n")
	if kv.Title != "" {
		r.wrap("<p class=\"card-title\">", kv.Title, "</p>\n")
	}
	r.pairs(kv.Items)
	r.s("</div>\n")
}

// pairs writes labelled values as a description list.
func (r *renderer) pairs(items []document.KeyValue) {
	r.s("<dl class=\"kv\">\n")
	for _, it := range items {
		r.wrap("<div><dt>", it.Key, "</dt><dd>")
		r.marker(it.Tone)
		r.lines(it.Value)
		r.s("</dd></div>\n")
	}
	r.s("</dl>\n")
}

// table writes a table in a box that scrolls sideways on a narrow screen.
// A table without a caption of its own is named by the heading above it.
func (r *renderer) table(t document.Table) {
	id := r.id("t")
	r.s("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"" + id + "\">\n<table>\n<caption id=\"" + id + "\">")
	if t.Caption != "" {
		r.lines(t.Caption)
	} else {
		r.wrap("<span class=\"vh\">", r.heading, "</span>")
	}
	r.s("</caption>\n<thead><tr>")
	for _, c := range t.Columns {
		r.s("<th scope=\"col\"")
		if c.Numeric {
			r.s(" class=\"n\"")
		}
		r.wrap(">", c.Title, "</th>")
	}
	r.s("</tr></thead>\n<tbody>\n")
	for _, row := range t.Rows {
		if row.Bold {
			r.s("<tr class=\"total\">")
		} else {
			r.s("<tr>")
		}
		for i := range t.Columns {
			cell := ""
			if i < len(row.Cells) {
				cell = row.Cells[i]
			}
			tag := "td"
			if i == 0 && t.RowHeaders {
				tag = "th scope=\"row\""
			}
			r.s("<" + tag)
			if t.Columns[i].Numeric {
				r.s(" class=\"n\"")
			}
			r.s(">")
			if i < len(row.Tones) {
				r.marker(row.Tones[i])
			}
			r.lines(cell)
			r.s("</" + tag[:2] + ">")
		}
		r.s("</tr>\n")
	}
	r.s("</tbody>\n</table>\n</div>\n")
}

func (r *renderer) keyFigures(k document.KeyFigures) {
	if k.Title != "" {
		r.wrap("<p class=\"figures-title\">", k.Title, "</p>\n")
	}
	r.s("<ul class=\"figures\">\n")
	for _, it := range k.Items {
		r.wrap("<li><span class=\"figure-value\">", it.Value, "</span> <span class=\"figure-label\">")
		r.marker(it.Tone)
		r.text(it.Label)
		r.s("</span>")
		if it.Detail != "" {
			r.wrap(" <span class=\"figure-detail\">", it.Detail, "</span>")
		}
		r.s("</li>\n")
	}
	r.s("</ul>\n")
}

func (r *renderer) colophon(c document.Colophon) {
	r.closeChapter()
	r.wrap("<footer>\n<h2>", c.Title, "</h2>\n")
	r.level = 2
	r.pairs(c.Items)
	if c.Note != "" {
		r.s("<p class=\"note\">")
		r.lines(c.Note)
		r.s("</p>\n")
	}
	r.s("</footer>\n")
}
