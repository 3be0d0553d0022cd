package pdf_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/pdf"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// out writes the rendered fixtures to a folder, to look at them:
// go test ./internal/report/pdf -run Fixture -out /tmp/rep
var out = flag.String("out", "", "write the rendered fixture reports to this folder")

func fixture(t testing.TB, lang domain.Lang, round string) *document.Document {
	t.Helper()
	cat, err := reporttest.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	opts := report.Options{Date: domain.NewDate(2027, 9, 10), Round: round, Findings: report.FindingsOf(reporttest.Findings())}
	doc, err := report.Build(t.Context(), reporttest.Organisation(), reporttest.Register(), opts, cat.Localizer(lang))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestRenderFixture(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lang  domain.Lang
		round string
	}{
		{"plan-sv", domain.Swedish, reporttest.RoundPlan},
		{"augusti-sv", domain.Swedish, ""},
		{"augusti-en", domain.English, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			res, err := pdf.Render(t.Context(), &buf, fixture(t, tc.lang, tc.round), pdf.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Pages < 5 || len(res.Replacements) != 0 {
				t.Errorf("pages %d, replacements %v", res.Pages, res.Replacements)
			}
			if *out != "" {
				if err := os.WriteFile(*out+"/"+tc.name+".pdf", buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func render(t testing.TB, doc *document.Document) ([]byte, pdf.Result) {
	t.Helper()
	var buf bytes.Buffer
	res, err := pdf.Render(t.Context(), &buf, doc, pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), res
}

// TestRenderReproducible renders the same document twice: the bytes must
// be the same, so that a report can be checked against its inputs.
func TestRenderReproducible(t *testing.T) {
	a, _ := render(t, fixture(t, domain.Swedish, ""))
	b, _ := render(t, fixture(t, domain.Swedish, ""))
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same document differ")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20270910")) {
		t.Error("creation date is not the report's date")
	}
}

// TestRenderEmoji puts text the font lacks everywhere text goes: it must
// not crash, and every such rune must be reported.
func TestRenderEmoji(t *testing.T) {
	doc := fixture(t, domain.Swedish, "")
	const odd = "Bra jobbat 🎉👍🏽 och 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ \x00\t slut"
	doc.Header += odd
	doc.Blocks = append(doc.Blocks,
		document.Heading{Level: 1, Text: odd, InContents: true},
		document.Paragraph{Text: odd},
		document.List{Items: []string{odd}},
		document.KeyValues{Title: odd, Items: []document.KeyValue{{Key: odd, Value: odd, Tone: document.ToneBad}}},
		document.Table{Columns: []document.Column{{Title: odd, Width: 1}, {Title: odd, Width: 1, Numeric: true}}, Rows: []document.Row{{Cells: []string{odd, odd}}}},
		document.Diagram{Levels: []document.DiagramLevel{{Label: odd, Boxes: []document.DiagramBox{{Title: odd, Lines: []string{odd}}, {Title: odd}}, Note: odd}}},
		document.KeyFigures{Title: odd, Items: []document.KeyFigure{{Value: odd, Label: odd, Detail: odd, Tone: document.ToneWarn}}},
		document.Colophon{Title: odd, Items: []document.KeyValue{{Key: odd, Value: odd}}, Note: odd},
		document.BarChart{Title: odd, Categories: []string{odd}, Series: []document.Series{{Label: odd, Tone: document.ToneGood}}, Values: [][]int{{3}}},
	)
	_, res := render(t, doc)
	got := map[rune]bool{}
	for _, r := range res.Replacements {
		got[r.Rune] = true
	}
	for _, r := range []rune{'🎉', '👍', '🏽', '𝔘', '✓'} {
		if !got[r] {
			t.Errorf("%U not reported; got %v", r, res.Replacements)
		}
	}
}

// TestRenderLongText checks that text longer than a page, and words wider
// than a column, split across pages without error.
func TestRenderLongText(t *testing.T) {
	long := strings.Repeat("Ett mycket långt svar som fortsätter och fortsätter. ", 400)
	word := strings.Repeat("x", 500)
	doc := &document.Document{Lang: domain.Swedish, Header: "H", PageLabel: "Sida {page} av {pages}", Blocks: []document.Block{
		document.Contents{Title: "Innehåll"},
		document.Heading{Level: 1, Text: "Långt", InContents: true},
		document.Paragraph{Text: long + word},
		document.Table{Columns: []document.Column{{Title: "A", Width: 1}, {Title: "B", Width: 3}}, Rows: []document.Row{{Cells: []string{word, long}}}},
		document.KeyValues{Title: "Kort", Items: []document.KeyValue{{Key: "Vad", Value: long}}},
	}}
	data, res := render(t, doc)
	if *out != "" {
		if err := os.WriteFile(*out+"/long.pdf", data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if res.Pages < 10 {
		t.Errorf("pages = %d, want the long texts to take many", res.Pages)
	}
}

// TestRenderWhatPeopleSee checks the PDF with poppler and qpdf where they
// are installed: fonts embedded, no structural errors, every goal text
// findable.
func TestRenderWhatPeopleSee(t *testing.T) {
	for _, tool := range []string{"pdftotext", "pdffonts", "pdfinfo", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	data, _ := render(t, fixture(t, domain.Swedish, ""))
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	fonts, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, ln := range strings.Split(string(fonts), "\n")[2:] {
		if f := strings.Fields(ln); len(f) >= 5 && f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", ln)
		}
	}
	text, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// The printed page numbers are the PDF's own, so that a viewer's
	// "go to page" and the contents agree: page n says "Sida n av N".
	// pdftotext ends each page with a form feed.
	all, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimSuffix(string(all), "\f"), "\f")
	// The PDF's title and every page's header name the round.
	info, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(info), "Title:           Uppföljning augusti 2027\n") {
		t.Errorf("pdfinfo:\n%s", info)
	}
	for i, pt := range pages[1:] {
		if !strings.Contains(pt, "Sorsele kommun · Uppföljning augusti 2027") {
			t.Errorf("page %d's header does not name the round", i+2)
		}
	}
	for i, pt := range pages[1:] {
		if want := fmt.Sprintf("Sida %d av %d", i+2, len(pages)); !strings.Contains(pt, want) {
			t.Errorf("page %d does not say %q", i+2, want)
		}
	}
	// pdftotext breaks lines where the PDF does; compare word sequences.
	flat := strings.Join(strings.Fields(string(text)), " ")
	reg := reporttest.Register()
	for _, u := range reg.Units {
		for _, tg := range u.Teams {
			for _, g := range tg.Goals {
				if !strings.Contains(flat, strings.Join(strings.Fields(g.What), " ")) {
					t.Errorf("goal %q not in the PDF's text", g.What)
				}
			}
		}
	}
}

// TestRenderKeepsWordsWhole renders a table with a narrow column and a
// diagram row of many boxes, both holding long Swedish compounds: each
// must come out whole in the PDF's text, not broken mid-word.
func TestRenderKeepsWordsWhole(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	words := []string{"Stödverksamhet", "Uppdragsförståelse", "Ansvarstagande", "Bedömning"}
	doc := &document.Document{Lang: domain.Swedish, Header: "H", PageLabel: "Sida {page} av {pages}", Blocks: []document.Block{
		document.Table{Columns: []document.Column{{Title: "Enhet", Width: 5}, {Title: "Verksamhet", Width: 1}, {Title: "Bedömning saknas", Width: 1, Numeric: true}},
			Rows: []document.Row{{Cells: []string{"Ekonomi och lön", "Stödverksamhet", "0"}}}},
		document.Diagram{Levels: []document.DiagramLevel{{Label: "Lönekriterier", Boxes: []document.DiagramBox{
			{Title: "Ansvarstagande"}, {Title: "Förnyelse och utveckling"}, {Title: "Bemötande och service"}, {Title: "Uppdragsförståelse"}, {Title: "Samarbete"}, {Title: "Arbetsglädje och arbetsmiljö"}}}}},
	}}
	data, _ := render(t, doc)
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Fields(string(text))
	for _, w := range words {
		if !slices.Contains(got, w) {
			t.Errorf("%q is not whole in the PDF's text: %q", w, got)
		}
	}
}

// TestRenderCancelled renders with a context that is done: Render stops
// with its error and writes nothing.
func TestRenderCancelled(t *testing.T) {
	doc := fixture(t, domain.Swedish, "")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var buf bytes.Buffer
	if _, err := pdf.Render(ctx, &buf, doc, pdf.Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes", buf.Len())
	}
}
