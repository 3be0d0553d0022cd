package pdf_test

import (
	"io"
	"runtime"
	"runtime/metrics"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/pdf"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// BenchmarkReport1000Units builds and renders the report of a synthetic
// municipality of 1,000 units with 5 teams of 3 goals each (15,000 team
// goals) after two follow-ups. It reports pages and the peak heap (the
// most the Go heap held, sampled by a goroutine-free high-water mark of
// runtime/metrics between GCs is not available, so the peak of HeapInuse
// after each phase and the total allocated are reported).
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
		res, err := pdf.Render(countingDiscard{}, doc, pdf.Options{})
		if err != nil {
			b.Fatal(err)
		}
		peak = max(peak, heapInUse())
		pages = res.Pages
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(peak)/(1<<20), "heapMB")
}

type countingDiscard struct{}

func (countingDiscard) Write(p []byte) (int, error) { return io.Discard.Write(p) }

func heapInUse() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

var _ = runtime.GC
