package pdf_test

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// wordBox is a word of pdftotext -bbox with the height of its box in
// points.
type wordBox struct {
	text   string
	height float64
}

var bboxWord = regexp.MustCompile(`<word xMin="[0-9.]+" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">([^<]*)</word>`)

// words runs pdftotext -bbox on a PDF and returns its words.
func words(t *testing.T, data []byte) []wordBox {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var ws []wordBox
	for _, m := range bboxWord.FindAllStringSubmatch(string(out), -1) {
		y0, _ := strconv.ParseFloat(m[1], 64)
		y1, _ := strconv.ParseFloat(m[2], 64)
		ws = append(ws, wordBox{text: m[3], height: y1 - y0})
	}
	return ws
}

// TestTypeSizes measures the type of the rendered reports as a reader's
// tool does: with pdftotext -bbox. Nothing is smaller than 8 pt and 95%
// of the words are 9 pt or more. A word's box is the font's ascent and
// descent; its ratio to the size is taken from a paragraph of known size.
func TestTypeSizes(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	calib, _ := render(t, &document.Document{Lang: domain.Swedish, Blocks: []document.Block{
		document.Paragraph{Text: "Tio punkter"}}})
	cw := words(t, calib)
	if len(cw) == 0 {
		t.Fatal("no words in the calibration PDF")
	}
	perPoint := cw[0].height / 10 // the body text is 10 pt

	cat, err := reporttest.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		rounds int
		lang   domain.Lang
	}{
		{"sorsele-plan", 1, domain.Swedish},
		{"sorsele-augusti-en", 3, domain.English},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			org, reg := reporttest.Sorsele(t, tc.rounds)
			doc, err := report.Build(t.Context(), org, reg, report.Options{Date: domain.NewDate(2027, 9, 10)}, cat.Localizer(tc.lang))
			if err != nil {
				t.Fatal(err)
			}
			data, _ := render(t, doc)
			if *out != "" {
				if err := os.WriteFile(filepath.Join(*out, tc.name+".pdf"), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ws := words(t, data)
			small, under9 := 0, 0
			least := math.Inf(1)
			for _, w := range ws {
				size := w.height / perPoint
				least = math.Min(least, size)
				if size < 7.95 {
					small++
					if small <= 5 {
						t.Errorf("%q is set in %.1f pt", w.text, size)
					}
				}
				if size < 8.95 {
					under9++
				}
			}
			share := 1 - float64(under9)/float64(len(ws))
			t.Logf("%d words, smallest %.1f pt, %.1f%% at 9 pt or more", len(ws), least, 100*share)
			if share < 0.95 {
				t.Errorf("%.1f%% of the words are 9 pt or more, want 95%%", 100*share)
			}
		})
	}
}
