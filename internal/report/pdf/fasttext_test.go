package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// TestTextAsFpdf renders reports twice: with every text and font change
// through fpdf's Text and SetFont, and with the emitter writing them
// itself. The files must hold the same objects, byte for byte (fonts and
// the glyphs embedded, the structure tree), but the pages' content, and
// the same content: the same operations in the same order, every text in
// the same font and size; only where the font is set may differ. The
// texts have what fpdf escapes, runes the font lacks, bytes that are not
// UTF-8, Sámi letters; one report is on A3 with a zoom.
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
		res, err := Render(t.Context(), &fast, doc, opts)
		if err != nil {
			t.Fatal(err)
		}
		textByFpdf = true
		_, err = Render(t.Context(), &slow, doc, opts)
		textByFpdf = false
		if err != nil {
			t.Fatal(err)
		}
		a, b := pdfObjects(t, fast.Bytes(), res.Pages), pdfObjects(t, slow.Bytes(), res.Pages)
		if len(a) != len(b) {
			t.Fatalf("%+v: %d objects, by fpdf %d", opts, len(a), len(b))
		}
		for num, want := range b {
			if got := a[num]; got != want {
				t.Errorf("%+v: object %d differs from fpdf's:\n%.300s\nfpdf's:\n%.300s", opts, num, got, want)
			}
		}
	}
}

var objRE = regexp.MustCompile(`(?s)\n(\d+) 0 obj\n(.*?)\nendobj`)

// pdfObjects returns the file's objects by number, the last of each
// number, without the cross-reference stream (which holds offsets and
// the file's ID). A page's content (objects 4, 6, … up to pages) is
// inflated and given as its operations with the font each text is set
// in, and without the font changes.
func pdfObjects(t *testing.T, data []byte, pages int) map[int]string {
	t.Helper()
	out := map[int]string{}
	contents := 0
	for _, m := range objRE.FindAllSubmatch(data, -1) {
		num, _ := strconv.Atoi(string(m[1]))
		body := string(m[2])
		switch {
		case strings.Contains(body, "/Type /XRef"):
			continue
		case num >= 4 && num%2 == 0 && num < 4+2*pages && strings.HasPrefix(body, "<</Filter /FlateDecode /Length"):
			_, stream, _ := strings.Cut(body, "stream\n")
			zr, err := zlib.NewReader(strings.NewReader(stream))
			if err != nil {
				t.Fatalf("object %d: %v", num, err)
			}
			content, err := io.ReadAll(zr)
			if err != nil && err != io.ErrUnexpectedEOF {
				t.Fatalf("object %d: %v", num, err)
			}
			body = contentOps(string(content))
			contents++
		}
		out[num] = body
	}
	if contents != pages {
		t.Fatalf("%d pages' contents found, want %d", contents, pages)
	}
	return out
}

// contentOps returns a page's content with every font change left out
// and every text preceded by the font and size it is drawn in.
func contentOps(content string) string {
	var ops []string
	font := ""
	for line := range strings.SplitSeq(content, "\n") {
		if strings.HasPrefix(line, "BT /F") && strings.HasSuffix(line, " Tf ET") {
			font = line
			continue
		}
		if strings.HasSuffix(line, " Tj ET") {
			line = font + " | " + line
		}
		ops = append(ops, line)
	}
	return strings.Join(slices.Clip(ops), "\n")
}
