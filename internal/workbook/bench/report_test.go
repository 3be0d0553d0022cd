package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/font"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/pdf"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// textsFile holds the bare report program's input: the report's texts
// and its number of pages.
const textsFile = "texts.json"

// reportTexts is what the bare program sets: every text of the report's
// document, on as many pages as the report has.
type reportTexts struct {
	Pages int      `json:"pages"`
	Texts []string `json:"texts"`
}

func init() {
	jobs["report/malarbete"] = func(string) (func() (int, error), error) {
		org, reg, l, err := reportInputs(size())
		if err != nil {
			return nil, err
		}
		return func() (int, error) {
			defer pdf.LimitMemory()()
			doc, err := report.Build(context.Background(), org, reg, report.Options{Date: reportDate}, l)
			if err != nil {
				return 0, err
			}
			res, err := pdf.Render(context.Background(), io.Discard, doc, pdf.Options{})
			return res.Pages, err
		}, nil
	}
	jobs["report/bare"] = func(dir string) (func() (int, error), error) {
		data, err := os.ReadFile(filepath.Join(dir, textsFile))
		if err != nil {
			return nil, err
		}
		var in reportTexts
		if err := json.Unmarshal(data, &in); err != nil {
			return nil, err
		}
		return func() (int, error) { return bareReport(io.Discard, in) }, nil
	}
}

// reportDate is the report's date: after two follow-ups.
var reportDate = domain.NewDate(2027, 9, 10)

func reportInputs(units int) (*domain.Organisation, *domain.Register, *i18n.Localizer, error) {
	org, reg := reporttest.Synthetic(units, teamsPerUnit, domain.DefaultMaxTeamGoals)
	cat, err := reporttest.Catalogue()
	if err != nil {
		return nil, nil, nil, err
	}
	return org, reg, cat.Localizer(domain.Swedish), nil
}

// BenchmarkReport builds and renders the report of synthetic
// municipalities of 250 and 2,000 units (MALARBETE_BENCH_UNITS) with 5
// teams of 3 goals each, after two follow-ups, two ways in the same run:
//
//   - malarbete: report.Build and pdf.Render under the command's memory
//     limit, to io.Discard;
//   - bare-fpdf: the same texts (every string of the report's document)
//     in the same typeface and size, set with fpdf's MultiCell on as many
//     pages as the report has, compressed, to io.Discard: what fpdf costs
//     for the text and pages without our layout.
//
// The figures are per page: x-bare-cpu is CPU per page ÷ the floor's,
// the inverse of pages per CPU-second. The last line, growth, gives the
// CPU per page of each side at the largest size ÷ at the smallest.
func BenchmarkReport(b *testing.B) {
	sides := []sideJob{
		{"malarbete", "report/malarbete"},
		{"bare", "report/bare"},
	}
	ns := sizes(250, 2000)
	per := map[int][]result{}
	for _, n := range ns {
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := writeTexts(filepath.Join(dir, textsFile), n); err != nil {
				b.Fatal(err)
			}
			per[n] = compareEach(b, dir, n, "page", sides)
		})
	}
	logGrowth(b, ns, per, sides, "page")
}

// writeTexts renders the report once, outside the timing, for its pages,
// and writes them with the document's texts.
func writeTexts(path string, units int) error {
	org, reg, l, err := reportInputs(units)
	if err != nil {
		return err
	}
	doc, err := report.Build(context.Background(), org, reg, report.Options{Date: reportDate}, l)
	if err != nil {
		return err
	}
	res, err := pdf.Render(context.Background(), io.Discard, doc, pdf.Options{})
	if err != nil {
		return err
	}
	in := reportTexts{Pages: res.Pages, Texts: documentTexts(doc)}
	data, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// documentTexts returns every string of the document, in order, through
// its JSON form: headings, paragraphs, cells, labels.
func documentTexts(doc *document.Document) []string {
	data, err := json.Marshal(doc)
	if err != nil {
		return nil
	}
	var v any
	if json.Unmarshal(data, &v) != nil {
		return nil
	}
	var out []string
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch x := v.(type) {
		case string:
			if key != "type" && x != "" {
				out = append(out, x)
			}
		case []any:
			for _, e := range x {
				walk(e, key)
			}
		case map[string]any:
			for k, e := range x {
				walk(e, k)
			}
		}
	}
	walk(v, "")
	return out
}

// bareReport sets in's texts with plain fpdf calls, spread evenly over
// in.Pages pages of A4 in the report's typeface at 10 points, and writes
// the compressed PDF to w. It returns the pages written.
func bareReport(w io.Writer, in reportTexts) (int, error) {
	if in.Pages == 0 {
		return 0, errors.New("no pages")
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCompression(true)
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(20, 20, 20)
	p.AddUTF8FontFromBytes("sans", "", font.Regular)
	p.SetFont("sans", "", 10)
	perPage := (len(in.Texts) + in.Pages - 1) / in.Pages
	for i := range in.Pages {
		p.AddPage()
		for _, t := range in.Texts[min(i*perPage, len(in.Texts)):min((i+1)*perPage, len(in.Texts))] {
			p.MultiCell(0, 4.5, t, "", "L", false)
		}
	}
	if err := p.Output(w); err != nil {
		return 0, err
	}
	return in.Pages, nil
}

// logGrowth reports, as the sub-benchmark growth, each side's CPU time
// per item at the largest size ÷ at the smallest (metric
// <side>-cpu-growth): 1.0 is linear.
func logGrowth(b *testing.B, ns []int, per map[int][]result, sides []sideJob, item string) {
	if len(ns) < 2 {
		return
	}
	first, last := per[ns[0]], per[ns[len(ns)-1]]
	if first == nil || last == nil {
		return
	}
	b.Run(fmt.Sprintf("growth/units=%d÷%d", ns[len(ns)-1], ns[0]), func(b *testing.B) {
		for b.Loop() {
		}
		for i, s := range sides {
			a, z := first[i], last[i]
			if a.CPU > 0 && z.CPU > 0 {
				x := (z.CPU.Seconds() / float64(max(z.Workbooks, 1))) / (a.CPU.Seconds() / float64(max(a.Workbooks, 1)))
				b.ReportMetric(x, s.name+"-cpu-growth")
				b.Logf("%s: CPU per %s at %d units ÷ at %d: %.2f", s.name, item, ns[len(ns)-1], ns[0], x)
			}
		}
	})
}
