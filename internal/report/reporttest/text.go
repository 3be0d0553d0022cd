package reporttest

import (
	"strings"
	"unicode"

	"github.com/malarbete/malarbete/internal/document"
)

// Text is one text of a document tree, as a reader meets it.
type Text struct {
	Text string
	// Figure marks a figure's alternative text, which a renderer gives
	// in its own way (a PDF's Alt, an HTML page's desc).
	Figure bool
}

// Texts returns the texts of doc in reading order: every text a renderer
// must show, block by block, so that a test can check that a rendered
// document says all of it and in this order. The contents page is left
// out: the renderer makes it from the headings.
func Texts(doc *document.Document) []Text {
	var out []Text
	add := func(ss ...string) {
		for _, s := range ss {
			if strings.TrimSpace(s) != "" {
				out = append(out, Text{Text: s})
			}
		}
	}
	for _, b := range doc.Blocks {
		switch b := b.(type) {
		case document.Cover:
			add(b.Organisation, b.Title, b.Subtitle)
			add(b.Lines...)
			add(b.Quote)
		case document.Contents:
			add(b.Title)
		case document.Heading:
			add(strings.TrimSpace(b.Number + " " + b.Text))
		case document.Paragraph:
			add(b.Text)
		case document.List:
			add(b.Items...)
		case document.KeyValues:
			add(b.Title)
			for _, it := range b.Items {
				add(it.Key, it.Value)
			}
		case document.Table:
			// The caption names the table before its cells are read.
			add(b.Caption)
			for _, c := range b.Columns {
				add(c.Title)
			}
			for _, r := range b.Rows {
				add(r.Cells...)
			}
		case document.Diagram:
			out = append(out, Text{Text: b.Alt, Figure: true})
		case document.BarChart:
			add(b.Title)
			out = append(out, Text{Text: b.Alt, Figure: true})
		case document.KeyFigures:
			add(b.Title)
			for _, it := range b.Items {
				add(it.Value, it.Label, it.Detail)
			}
		case document.Colophon:
			add(b.Title)
			for _, it := range b.Items {
				add(it.Key, it.Value)
			}
			add(b.Note)
		}
	}
	return out
}

// Letters keeps the letters and digits of s: what any rendering of a
// text keeps, whatever it does with spaces, line breaks and hyphens.
func Letters(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// InOrder checks that every text of want occurs in got, one after the
// other, comparing letters and digits only. It returns the first text
// not found after the one before it, or "" when all are.
func InOrder(got string, want []string) (missing string) {
	hay := Letters(got)
	pos := 0
	for _, w := range want {
		needle := Letters(w)
		if needle == "" {
			continue
		}
		i := strings.Index(hay[pos:], needle)
		if i < 0 {
			return w
		}
		pos += i + len(needle)
	}
	return ""
}
