package pdf_test

import (
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/pdf"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// BenchmarkReport1000Units builds and renders the report of a synthetic
// municipality of 1,000 units with 5 teams of 3 goals each (15,000 team
// goals) after two follow-ups, under the memory limit the report command
// sets. Besides time it reports the pages, the largest live heap a
// garbage collection found (liveMB) and, on Linux, the peak resident set
// while the benchmark ran (rssMB), the figure the target is about.
// /usr/bin/time -v on the test binary gives the whole process's. pdfMB
// is the size of the file.
func BenchmarkReport1000Units(b *testing.B) {
	org, reg := reporttest.Synthetic(1000, 5, 3)
	cat, err := reporttest.Catalogue()
	if err != nil {
		b.Fatal(err)
	}
	l := cat.Localizer(domain.Swedish)
	defer pdf.LimitMemory()()
	mem := reporttest.WatchMemory()
	b.ReportAllocs()
	var pages int
	var size countWriter
	for b.Loop() {
		size = 0
		doc, err := report.Build(b.Context(), org, reg, report.Options{Date: domain.NewDate(2027, 9, 10)}, l)
		if err != nil {
			b.Fatal(err)
		}
		res, err := pdf.Render(b.Context(), &size, doc, pdf.Options{})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(size)/(1<<20), "pdfMB")
	mem.Report(b)
}

// countWriter counts what is written to it.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
