package html_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/html"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// out writes the rendered pages to a folder, to look at them:
// go test ./internal/report/html -out /tmp/rep
var out = flag.String("out", "", "write the rendered pages to this folder")

// pages are the reports the tests render: the Sorsele example after
// planning and after its follow-ups, and the fixture.
func pages(t *testing.T) map[string]*document.Document {
	t.Helper()
	cat, err := reporttest.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*document.Document{}
	for name, rounds := range map[string]int{"sorsele-plan": 1, "sorsele-augusti": 3} {
		org, reg := reporttest.Sorsele(t, rounds)
		doc, err := report.Build(t.Context(), org, reg, report.Options{Date: domain.NewDate(2027, 9, 10)}, cat.Localizer(domain.Swedish))
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = doc
	}
	for name, lang := range map[string]domain.Lang{"fixture-sv": domain.Swedish, "fixture-en": domain.English} {
		opts := report.Options{Date: domain.NewDate(2027, 9, 10), Findings: report.FindingsOf(reporttest.Findings())}
		doc, err := report.Build(t.Context(), reporttest.Organisation(), reporttest.Register(), opts, cat.Localizer(lang))
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = doc
	}
	return docs
}

func render(t *testing.T, doc *document.Document) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := html.Render(t.Context(), &buf, doc, html.Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var (
	tagRe    = regexp.MustCompile(`(?s)<[^>]*>`)
	headRe   = regexp.MustCompile(`<h([1-6])[ >]`)
	entityRe = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'")
)

// visible is the text of a page's body with the markup taken out, and the
// SVG drawings, which a screen reader does not read (their title and
// description it does, and the figures' data).
func visible(page string) string {
	body := page[strings.Index(page, "<body>"):]
	body = regexp.MustCompile(`(?s)<svg class="chart".*?<desc[^>]*>(.*?)</desc>.*?</svg>`).ReplaceAllString(body, " $1 ")
	return entityRe.Replace(tagRe.ReplaceAllString(body, " "))
}

// TestPage checks what a browser, a screen reader and a search engine get
// from the page: the language, one h1 and heading levels without gaps,
// the landmarks and the skip link, tables with header scopes and a
// caption, figures with a title and description, no script and nothing
// loaded from elsewhere, and all the tree's text in reading order, every
// goal included.
func TestPage(t *testing.T) {
	for name, doc := range pages(t) {
		t.Run(name, func(t *testing.T) {
			page := render(t, doc)
			if *out != "" {
				if err := os.WriteFile(filepath.Join(*out, name+".html"), []byte(page), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, want := range []string{
				`<html lang="` + string(doc.Lang) + `">`, `<meta name="viewport"`, `<a class="skip" href="#main">`,
				`<header class="front">`, `<nav aria-labelledby="contents">`, `<main id="main"`, "<footer>", `<th scope="col"`,
				`<svg class="chart" role="img"`, "<title id=", "<desc id=",
			} {
				if !strings.Contains(page, want) {
					t.Errorf("the page lacks %s", want)
				}
			}
			for _, bad := range []string{"<script", "http://", "https://", "src=\"/", "url("} {
				if strings.Contains(page, bad) {
					t.Errorf("the page holds %s", bad)
				}
			}
			if n := strings.Count(page, "<h1"); n != 1 {
				t.Errorf("%d h1 headings", n)
			}
			last := 0
			for _, m := range headRe.FindAllStringSubmatch(page, -1) {
				lvl := int(m[1][0] - '0')
				if lvl > last+1 {
					t.Errorf("an h%d follows an h%d", lvl, last)
				}
				last = lvl
			}
			if a, b := strings.Count(page, "<table>"), strings.Count(page, "<caption id="); a != b {
				t.Errorf("%d tables, %d captions", a, b)
			}
			var want []string
			for _, x := range reporttest.Texts(doc) {
				want = append(want, x.Text)
			}
			if missing := reporttest.InOrder(visible(page), want); missing != "" {
				t.Errorf("the page lacks %q, or has it out of order", missing)
			}
		})
	}
}

// TestPageReproducible renders a page twice: the same bytes.
func TestPageReproducible(t *testing.T) {
	doc := pages(t)["fixture-sv"]
	if a, b := render(t, doc), render(t, doc); a != b {
		t.Error("two renders of the same document differ")
	}
}

// TestPageEscapes puts markup into every text: it comes out as text.
func TestPageEscapes(t *testing.T) {
	const odd = `<script>alert("x")</script> & 'Lag 1' / Sámi: Árjeplogge`
	doc := &document.Document{Lang: domain.Swedish, Meta: document.Meta{Title: odd}, Labels: document.Labels{SkipToContent: odd, FigureData: odd},
		Blocks: []document.Block{
			document.Cover{Title: odd, Organisation: odd},
			document.Contents{Title: odd},
			document.Heading{Level: 1, Text: odd, InContents: true},
			document.Paragraph{Text: odd},
			document.Table{Columns: []document.Column{{Title: odd}}, Rows: []document.Row{{Cells: []string{odd}}}},
			document.KeyValues{Title: odd, Items: []document.KeyValue{{Key: odd, Value: odd}}},
			document.BarChart{Title: odd, CategoryTitle: odd, Categories: []string{odd}, Series: []document.Series{{Label: odd}}, Values: [][]int{{1}}, Alt: odd},
			document.Diagram{Levels: []document.DiagramLevel{{Label: odd, Boxes: []document.DiagramBox{{Title: odd}}}}, Alt: odd},
		}}
	page := render(t, doc)
	if strings.Contains(page, "<script") {
		t.Error("markup in a text reached the page as markup")
	}
	if !strings.Contains(page, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Lag 1&#39; / Sámi: Árjeplogge") {
		t.Error("a text did not come out escaped and whole")
	}
}

// TestPageCancelled renders with a context that is done.
func TestPageCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var buf bytes.Buffer
	if _, err := html.Render(ctx, &buf, pages(t)["fixture-sv"], html.Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestPageLogo puts the cover's logo into the page itself, and names a
// logo it cannot read.
func TestPageLogo(t *testing.T) {
	dir := t.TempDir()
	logo := filepath.Join(dir, "logo.png")
	img := image.NewRGBA(image.Rect(0, 0, 4, 2))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(logo, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := &document.Document{Lang: domain.Swedish, Blocks: []document.Block{document.Cover{Title: "T", Organisation: "Åsele kommun", Logo: logo}}}
	if page := render(t, doc); !strings.Contains(page, `<img class="logo" alt="" src="data:image/png;base64,`) {
		t.Error("the logo is not in the page")
	}
	doc.Blocks[0] = document.Cover{Title: "T", Logo: filepath.Join(dir, "nope.png")}
	if _, err := html.Render(t.Context(), &bytes.Buffer{}, doc, html.Options{}); !errors.Is(err, html.ErrLogo) {
		t.Errorf("err = %v, want ErrLogo", err)
	}
}
