package pdf_test

import (
	"io"
	"runtime/metrics"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/pdf"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// BenchmarkReport1000Units builds and renders the report of a synthetic
// municipality of 1,000 units with 5 teams of 3 goals each (15,000 team
// goals) after two follow-ups. Besides time it reports the pages and the
// largest live heap seen after building and after rendering; the process's
// peak RSS (/usr/bin/time -v on the test binary) is the figure to quote.
func BenchmarkReport1000Units(b *testing.B) {
	org, reg := reporttest.Synthetic(1000, 5, 3)
	cat, err := reporttest.Catalogue()
	if err != nil {
		b.Fatal(err)
	}
	l := cat.Localizer(domain.Swedish)
	b.ReportAllocs()
	var pages int
	var peak uint64
	for b.Loop() {
		doc := report.Build(org, reg, report.Options{Date: domain.NewDate(2027, 9, 10)}, l)
		peak = max(peak, heapInUse())
		res, err := pdf.Render(io.Discard, doc, pdf.Options{})
		if err != nil {
			b.Fatal(err)
		}
		peak = max(peak, heapInUse())
		pages = res.Pages
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(peak)/(1<<20), "heapMB")
}

func heapInUse() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
