package pdf

import (
	"bytes"
	"testing"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// TestTextAsFpdf renders reports with every text through fpdf's Text and
// with the emitter's own writing of it: the files must be the same, byte
// for byte, glyphs embedded included. The texts have what fpdf escapes,
// runes the font lacks, bytes that are not UTF-8, Sámi letters, an A3
// page and a zoom.
func TestTextAsFpdf(t *testing.T) {
	cat, err := reporttest.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	org, reg := reporttest.Sorsele(t, 2)
	doc, err := report.Build(t.Context(), org, reg, report.Options{Date: domain.NewDate(2027, 9, 10)}, cat.Localizer(domain.Swedish))
	if err != nil {
		t.Fatal(err)
	}
	const odd = `Áhkká (ŋ) \ back\slash ) ( 🎉 \x00 ` + "\r\xff\xfe ok – “citat” � ½"
	doc.Header = odd
	doc.PageLabel = "(Sida {page} av {pages})"
	doc.Blocks = append(doc.Blocks,
		document.Heading{Level: 1, Text: odd, InContents: true},
		document.Paragraph{Text: odd + " " + odd + " " + odd},
		document.KeyValues{Title: odd, Items: []document.KeyValue{{Key: odd, Value: odd, Tone: document.ToneBad}}},
		document.Table{Columns: []document.Column{{Title: odd, Width: 1}, {Title: odd, Width: 1, Numeric: true}}, Rows: []document.Row{{Cells: []string{odd, odd}}}},
	)
	for _, opts := range []Options{{}, {Paper: "A3", Zoom: 2}} {
		var fast, slow bytes.Buffer
		if _, err := Render(t.Context(), &fast, doc, opts); err != nil {
			t.Fatal(err)
		}
		textByFpdf = true
		_, err := Render(t.Context(), &slow, doc, opts)
		textByFpdf = false
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fast.Bytes(), slow.Bytes()) {
			t.Errorf("%+v: the emitter's texts differ from fpdf's (%d and %d bytes)", opts, fast.Len(), slow.Len())
		}
	}
}
