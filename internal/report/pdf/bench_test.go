package pdf_test

import (
	"io"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/pdf"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// BenchmarkReport1000Units builds and renders the report of a synthetic
// municipality of 1,000 units with 5 teams of 3 goals each (15,000 team
// goals) after two follow-ups, under the memory limit the report command
// sets. Besides time it reports the pages, the largest live heap any
// garbage collection found (liveMB) and, on Linux, the process's peak
// resident set while the benchmark ran (rssMB), the figure the target is
// about. /usr/bin/time -v on the test binary gives the whole process's.
func BenchmarkReport1000Units(b *testing.B) {
	org, reg := reporttest.Synthetic(1000, 5, 3)
	cat, err := reporttest.Catalogue()
	if err != nil {
		b.Fatal(err)
	}
	l := cat.Localizer(domain.Swedish)
	defer pdf.LimitMemory()()
	rssReset := resetPeakRSS()
	live := watchLiveHeap()
	b.ReportAllocs()
	var pages int
	for b.Loop() {
		doc := report.Build(org, reg, report.Options{Date: domain.NewDate(2027, 9, 10)}, l)
		res, err := pdf.Render(io.Discard, doc, pdf.Options{})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(live())/(1<<20), "liveMB")
	if rss, ok := peakRSS(); ok && rssReset {
		b.ReportMetric(float64(rss)/(1<<20), "rssMB")
	}
}

// watchLiveHeap samples the live heap, as the last garbage collection
// marked it, until the returned function is called; that returns the
// largest value seen.
func watchLiveHeap() func() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var (
		mu   sync.Mutex
		peak uint64
		stop = make(chan struct{})
		done = make(chan struct{})
	)
	sample := func() {
		metrics.Read(s)
		mu.Lock()
		peak = max(peak, s[0].Value.Uint64())
		mu.Unlock()
	}
	go func() {
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		sample()
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// resetPeakRSS resets the kernel's record of the process's peak resident
// set (Linux), so that it covers the benchmark only.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakRSS returns the process's peak resident set in bytes (Linux).
func peakRSS() (uint64, bool) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, ln := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(ln, "VmHWM:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}
