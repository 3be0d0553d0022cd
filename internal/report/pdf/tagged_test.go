package pdf_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// structNode is an element of the structure tree as pdfinfo -struct-text
// prints it: its type, its attributes and texts, and its kids.
type structNode struct {
	typ   string
	attrs []string
	texts []string
	kids  []*structNode
}

// text is all the text under n, depth first.
func (n *structNode) text() string {
	var b strings.Builder
	b.WriteString(strings.Join(n.texts, " "))
	for _, k := range n.kids {
		b.WriteString(" ")
		b.WriteString(k.text())
	}
	return b.String()
}

// walk calls f on n and every element under it, depth first; f returns
// false to skip an element's kids.
func (n *structNode) walk(f func(*structNode) bool) {
	if !f(n) {
		return
	}
	for _, k := range n.kids {
		k.walk(f)
	}
}

// structTree runs pdfinfo -struct, or -struct-text with texts, and
// parses what it prints: one element, attribute, text or object per line,
// indented two spaces a level.
//
// -struct-text is slow: poppler draws the page once for every
// marked-content sequence, and loads the output intent's colour profile
// each time; for the Sorsele plan's 61 pages some 45 s of CPU.
func structTree(t *testing.T, path string, texts bool) *structNode {
	t.Helper()
	flag := "-struct"
	if texts {
		flag = "-struct-text"
	}
	out, err := exec.Command("pdfinfo", flag, path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", flag, err)
	}
	root := &structNode{typ: "root"}
	stack := []*structNode{root}
	for _, ln := range strings.Split(string(out), "\n") {
		trimmed := strings.TrimLeft(ln, " ")
		if trimmed == "" {
			continue
		}
		depth := (len(ln) - len(trimmed)) / 2
		for len(stack) > depth+1 {
			stack = stack[:len(stack)-1]
		}
		parent := stack[len(stack)-1]
		switch {
		case strings.HasPrefix(trimmed, `"`):
			parent.texts = append(parent.texts, strings.TrimSuffix(strings.TrimPrefix(trimmed, `"`), `"`))
		case strings.HasPrefix(trimmed, "/"):
			parent.attrs = append(parent.attrs, trimmed)
		case strings.HasPrefix(trimmed, "Object "):
			parent.kids = append(parent.kids, &structNode{typ: "Object"})
		default:
			typ := strings.TrimSuffix(strings.Fields(trimmed)[0], ":")
			n := &structNode{typ: typ}
			parent.kids = append(parent.kids, n)
			stack = append(stack[:depth+1], n)
		}
	}
	return root
}

// figureAlts returns the alternative texts of the Figure elements, read
// with qpdf.
func figureAlts(t *testing.T, path string) []string {
	t.Helper()
	out, err := exec.Command("qpdf", "--json=2", "--json-key=qpdf", path).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) < 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	var objs map[string]struct {
		Value map[string]any `json:"value"`
	}
	if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
		t.Fatal(err)
	}
	type fig struct {
		num int
		alt string
	}
	var figs []fig
	for k, o := range objs {
		if o.Value["/S"] != "/Figure" {
			continue
		}
		var n int
		fmt.Sscanf(k, "obj:%d", &n)
		alt, _ := o.Value["/Alt"].(string)
		figs = append(figs, fig{n, strings.TrimPrefix(alt, "u:")})
	}
	// Elements are numbered in reading order.
	for i := range figs {
		for j := i + 1; j < len(figs); j++ {
			if figs[j].num < figs[i].num {
				figs[i], figs[j] = figs[j], figs[i]
			}
		}
	}
	alts := make([]string, len(figs))
	for i, f := range figs {
		alts[i] = f.alt
	}
	return alts
}

// structText is set to compare the text of the Sorsele and fixture
// reports' structure trees too, which takes minutes (see structTree):
// MALARBETE_STRUCT_TEXT=1 go test ./internal/report/pdf -run TaggedPDF
var structText = os.Getenv("MALARBETE_STRUCT_TEXT") != ""

// TestTaggedPDF checks the accessible and archival PDF as the tools of a
// reader and an archive see it, for the Sorsele example and the fixture,
// each after planning and after a follow-up: poppler finds it tagged and
// lists the headings of the tree in their order and levels, its tables
// with header cells that have a scope, a figure with the tree's
// alternative text for each diagram and chart, links in the contents,
// and every goal of the register; qpdf finds no fault; the XMP claims
// PDF/A-2a and PDF/UA-1. TestStructText compares the text of the
// structure tree with the document tree.
func TestTaggedPDF(t *testing.T) {
	for _, tool := range []string{"pdfinfo", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	cat, err := reporttest.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	// The register's goals are checked in the reports of its last
	// round; the fixture's register has goals of later rounds that its
	// planning report does not show.
	cases := []struct {
		name string
		make func(t *testing.T) (*document.Document, *domain.Register)
	}{
		{"sorsele-plan", func(t *testing.T) (*document.Document, *domain.Register) { return sorsele(t, cat, 1) }},
		{"sorsele-augusti", func(t *testing.T) (*document.Document, *domain.Register) { return sorsele(t, cat, 3) }},
		{"fixture-plan", func(t *testing.T) (*document.Document, *domain.Register) {
			return fixture(t, domain.Swedish, reporttest.RoundPlan), nil
		}},
		{"fixture-augusti-en", func(t *testing.T) (*document.Document, *domain.Register) {
			return fixture(t, domain.English, ""), reporttest.Register()
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, reg := tc.make(t)
			data, _ := render(t, doc)
			path := filepath.Join(t.TempDir(), "r.pdf")
			if *out != "" {
				path = filepath.Join(*out, tc.name+".pdf")
			}
			tree := checkTagged(t, path, data, doc, structText)
			// Every goal, in the text of the pages (pdftotext), or of the
			// structure tree, the text a screen reader reads.
			all := tree.text()
			if !structText {
				text, err := exec.Command("pdftotext", path, "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				all = string(text)
			}
			if reg == nil {
				return
			}
			for _, u := range reg.Units {
				for _, tg := range u.Teams {
					for _, g := range tg.Goals {
						if reporttest.InOrder(all, []string{g.What}) != "" {
							t.Errorf("goal %q is not in the structure tree", g.What)
						}
					}
				}
			}
		})
	}
}

func sorsele(t *testing.T, cat *i18n.Catalogue, rounds int) (*document.Document, *domain.Register) {
	t.Helper()
	org, reg := reporttest.Sorsele(t, rounds)
	doc, err := report.Build(t.Context(), org, reg, report.Options{Date: domain.NewDate(2027, 9, 10)}, cat.Localizer(domain.Swedish))
	if err != nil {
		t.Fatal(err)
	}
	return doc, reg
}

// checkTagged writes data to path and checks it against doc: the
// archive's tools, the structure tree, with its texts when texts is set,
// and the figures' Alt. It returns the structure tree.
func checkTagged(t *testing.T, path string, data []byte, doc *document.Document, texts bool) *structNode {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	checkArchival(t, path, doc)
	tree := structTree(t, path, texts)
	checkStructure(t, tree, doc, texts)
	if alts, want := figureAlts(t, path), figureTexts(doc); strings.Join(alts, "\n") != strings.Join(want, "\n") {
		t.Errorf("figures' Alt = %q, want %q", alts, want)
	}
	return tree
}

// checkArchival runs pdfinfo and qpdf on the file.
func checkArchival(t *testing.T, path string, doc *document.Document) {
	t.Helper()
	info, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Tagged:          yes", "PDF version:     1.7", "Title:           " + doc.Meta.Title + "\n", "Metadata Stream: yes"} {
		if !strings.Contains(string(info), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	check, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil || strings.Contains(string(check), "WARNING") {
		t.Errorf("qpdf --check: %v\n%s", err, check)
	}
	meta, err := exec.Command("pdfinfo", "-meta", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>A</pdfaid:conformance>", "<pdfuaid:part>1</pdfuaid:part>",
		`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + doc.Meta.Title + "</rdf:li>",
		"<dc:language><rdf:Bag><rdf:li>" + string(doc.Lang) + "</rdf:li>",
	} {
		if !strings.Contains(string(meta), want) {
			t.Errorf("XMP lacks %q", want)
		}
	}
}

// checkStructure compares the structure tree with the document tree;
// texts says that the tree has its texts.
func checkStructure(t *testing.T, tree *structNode, doc *document.Document, texts bool) {
	t.Helper()
	if len(tree.kids) != 1 || tree.kids[0].typ != "Document" {
		t.Fatalf("the structure tree's root is not one Document element")
	}
	// Headings: the cover's title, the contents' and the tree's, at the
	// tree's levels, in order, never more than one level deeper than the
	// one before.
	var got, want []string
	last := 0
	tree.walk(func(n *structNode) bool {
		if len(n.typ) == 2 && n.typ[0] == 'H' && n.typ[1] >= '1' && n.typ[1] <= '6' {
			lvl := int(n.typ[1] - '0')
			if lvl > last+1 {
				t.Errorf("%s %q follows an H%d", n.typ, n.text(), last)
			}
			last = lvl
			if texts {
				got = append(got, n.typ+" "+reporttest.Letters(n.text()))
			} else {
				got = append(got, n.typ)
			}
		}
		return true
	})
	tables, figures := 0, 0
	level := 0
	for _, b := range doc.Blocks {
		switch b := b.(type) {
		case document.Cover:
			want = append(want, heading(1, b.Title, texts))
			level = 1
		case document.Contents:
			want = append(want, heading(1, b.Title, texts))
			level = 1
		case document.Heading:
			// A level the tree skips (a chapter's unnumbered
			// subsection at level 3) is closed up.
			level = min(b.Level, level+1)
			want = append(want, heading(level, b.Number+b.Text, texts))
		case document.Table:
			tables++
		case document.Diagram, document.BarChart:
			figures++
		}
	}
	for i := 0; i < max(len(got), len(want)); i++ {
		if i >= len(got) || i >= len(want) || got[i] != want[i] {
			t.Errorf("%d headings, want %d; heading %d is %q, want %q", len(got), len(want), i+1, at(got, i), at(want, i))
			break
		}
	}
	// Tables: a header row of column headers, rows of cells, a scope on
	// every header cell.
	gotTables, gotFigures, links := 0, 0, 0
	tree.walk(func(n *structNode) bool {
		switch n.typ {
		case "Table":
			gotTables++
			var th, td, rowTH int
			n.walk(func(c *structNode) bool {
				switch c.typ {
				case "TH":
					th++
					scope := strings.Join(c.attrs, " ")
					if !strings.Contains(scope, "/Scope /Column") && !strings.Contains(scope, "/Scope /Row") {
						t.Errorf("header cell %q has no scope", c.text())
					}
					if strings.Contains(scope, "/Scope /Row") {
						rowTH++
					}
				case "TD":
					td++
				}
				return true
			})
			kids := n.kids
			if len(kids) > 0 && kids[0].typ == "Caption" {
				kids = kids[1:]
			}
			if th == 0 || td+rowTH == 0 || len(kids) == 0 || kids[0].typ != "THead" {
				t.Errorf("table %q: %d header cells, %d cells, %d kids", n.text(), th, td, len(n.kids))
			}
		case "Figure":
			gotFigures++
			return false
		case "Link":
			links++
			if n.kids[len(n.kids)-1].typ != "Object" {
				t.Errorf("link %q has no annotation", n.text())
			}
		}
		return true
	})
	if gotTables != tables || gotFigures != figures || links == 0 {
		t.Errorf("%d tables, %d figures, %d links; the tree has %d tables and %d figures", gotTables, gotFigures, links, tables, figures)
	}
	if !texts {
		return
	}
	// The text: all the tree's, in its order, outside the contents and
	// the figures, whose Alt is checked apart.
	var text strings.Builder
	tree.walk(func(n *structNode) bool {
		if n.typ == "TOC" || n.typ == "Figure" {
			return false
		}
		text.WriteString(strings.Join(n.texts, " "))
		text.WriteString(" ")
		return true
	})
	var want2 []string
	for _, x := range reporttest.Texts(doc) {
		if !x.Figure {
			want2 = append(want2, x.Text)
		}
	}
	if missing := reporttest.InOrder(text.String(), want2); missing != "" {
		t.Errorf("the structure tree lacks %q, or has it out of order", missing)
	}
}

func at(ss []string, i int) string {
	if i < len(ss) {
		return ss[i]
	}
	return ""
}

func heading(level int, text string, texts bool) string {
	if !texts {
		return fmt.Sprintf("H%d", level)
	}
	return fmt.Sprintf("H%d %s", level, reporttest.Letters(text))
}

// TestStructText renders a short document of every kind of block and
// compares the text of its structure tree, as poppler reads it, with
// the document tree's: everything, in reading order, the figures' text in
// their Alt.
func TestStructText(t *testing.T) {
	for _, tool := range []string{"pdfinfo", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	goal := "Öka andelen brukare som känner sig trygga med hemtjänsten från 70 till 85 procent under året"
	// A logo with transparency, which PDF/A-2 allows: decoration, as
	// the organisation's name stands under it.
	logo := filepath.Join(t.TempDir(), "logo.png")
	img := image.NewNRGBA(image.Rect(0, 0, 8, 4))
	img.Set(1, 1, color.NRGBA{R: 31, G: 78, B: 121, A: 128})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(logo, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := &document.Document{Lang: domain.Swedish, Meta: document.Meta{Title: "Provrapport", Author: "Åsele kommun"}, Header: "Provrapport", PageLabel: "Sida {page} av {pages}",
		Blocks: []document.Block{
			document.Cover{Organisation: "Åsele kommun", Title: "Provrapport", Subtitle: "Målarbete", Lines: []string{"Version 1"}, Quote: "Ett Åsele för alla", Logo: logo},
			document.Contents{Title: "Innehåll"},
			document.Heading{Level: 1, Number: "1", Text: "Läget", InContents: true},
			document.Paragraph{Text: "Stödverksamheten och uppdragsförståelsen beskrivs här i en lång mening som bryts över flera rader i rapporten för att prova att orden hålls isär.", Style: document.StyleLead},
			document.KeyFigures{Title: "Nyckeltal", Items: []document.KeyFigure{{Value: "12", Label: "enheter", Detail: "+2"}, {Value: "3", Label: "mål i riskzonen", Tone: document.ToneWarn}}},
			document.Heading{Level: 2, Number: "1.1", Text: "Per verksamhet", InContents: true},
			document.Table{Columns: []document.Column{{Title: "Verksamhet", Width: 2}, {Title: "Pågår", Width: 1, Numeric: true}, {Title: "Risk", Width: 1, Numeric: true}},
				Rows: []document.Row{{Cells: []string{"Socialtjänst", "4", ""}}, {Cells: []string{"Totalt", "4", "1"}, Bold: true}}, RowHeaders: true, Caption: "Antal arbetslagsmål."},
			document.BarChart{Title: "Läget per verksamhet", Categories: []string{"Socialtjänst"}, Series: []document.Series{{Label: "Pågår", Tone: document.ToneGood}, {Label: "Risk", Tone: document.ToneWarn}}, Values: [][]int{{4, 1}}, Alt: "Stapeldiagram: Socialtjänst 4 pågår, 1 i risk."},
			document.Heading{Level: 2, Number: "1.2", Text: "Arbetslagens mål", InContents: true},
			document.Heading{Level: 3, Text: "Hemtjänst norr"},
			document.KeyValues{Title: "Mål 1", Items: []document.KeyValue{{Key: "Vad", Value: goal}, {Key: "Status", Value: "Pågår enligt plan", Tone: document.ToneGood}}},
			document.List{Items: []string{"Första punkten", "Andra punkten"}},
			document.Diagram{Levels: []document.DiagramLevel{{Label: "Vision", Boxes: []document.DiagramBox{{Lines: []string{"Ett Åsele för alla"}}}}}, Alt: "Målhierarkin: visionen överst."},
			document.Paragraph{Text: "En anteckning.", Style: document.StyleNote},
			document.Colophon{Title: "Om dokumentet", Items: []document.KeyValue{{Key: "Ägare", Value: "HR"}}, Note: "Skapad med malarbete."},
		}}
	data, _ := render(t, doc)
	tree := checkTagged(t, filepath.Join(t.TempDir(), "r.pdf"), data, doc, true)
	// Words stay apart where lines break: a reader hears them apart.
	if all := tree.text(); !strings.Contains(all, "bryts över") || !strings.Contains(all, goal) {
		t.Errorf("the structure tree's text runs words together:\n%s", all)
	}
}

// figureTexts are the alternative texts of the tree's figures.
func figureTexts(doc *document.Document) []string {
	var out []string
	for _, x := range reporttest.Texts(doc) {
		if x.Figure {
			out = append(out, x.Text)
		}
	}
	return out
}
