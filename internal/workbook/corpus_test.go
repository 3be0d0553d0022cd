package workbook_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/malarbete/malarbete/internal/intake"
	"github.com/malarbete/malarbete/internal/rules"
	"github.com/malarbete/malarbete/internal/testkit"
	"github.com/malarbete/malarbete/internal/workbook"
)

var (
	update = flag.Bool("update", false, "rebuild the corpus files and rewrite the golden files")
	only   = flag.String("corpus", "", "with -update, rebuild only the corpus files whose names match this regular expression")
)

// corpusDir holds the committed corpus; golden files are in its golden/.
const corpusDir = "testdata/corpus"

// TestCorpus runs every file of the bad-workbook corpus through the whole
// validate batch (scan, zipcheck, reader, rules), as `malarbete validate
// FILE` would, and compares its findings (code, severity, sheet, cell,
// message id) with the golden file. With -update it first rebuilds the
// committed files (see testdata/corpus/README.md), then the goldens.
//
// Time and memory are logged (go test -v), never asserted: the zipcheck
// limits are what bound them, and a regression shows in the log and in
// the benchmarks.
func TestCorpus(t *testing.T) {
	if *update {
		workbook.BuildCorpus(t, corpusDir, *only)
	}
	org := workbook.CorpusOrg()
	for _, c := range workbook.CorpusCases() {
		t.Run(c.File, func(t *testing.T) {
			path := filepath.Join(corpusDir, c.File)
			if c.Big {
				path = filepath.Join(t.TempDir(), c.File)
				data := c.Build(t)
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("built %d KB", len(data)>>10)
			}
			var results []intake.FileResult
			peak, alloc, took := measure(func() {
				var err error
				results, err = intake.Check(context.Background(), []string{path}, org, workbook.ReadFile, intake.Options{Rules: rules.Options{Round: c.Round}})
				if err != nil {
					t.Fatal(err)
				}
			})
			t.Logf("%-32s %7.1f ms  %7.1f MB allocated  %7.1f MB peak heap", c.File, float64(took.Microseconds())/1000, mb(alloc), mb(peak))
			got := golden(c, results)
			testkit.Golden(t, filepath.Join(corpusDir, "golden"), c.File+".golden", got, *update)
		})
	}
}

// golden renders what the batch said about one case: whether a
// submission was read (and whose), then one finding a line.
func golden(c workbook.CorpusCase, results []intake.FileResult) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s\n", c.File, c.What)
	if c.Round != "" {
		fmt.Fprintf(&b, "# checked with --round %s\n", c.Round)
	}
	for _, r := range results {
		switch {
		case r.Skipped:
			b.WriteString("skipped\n")
		case r.Submission != nil:
			fmt.Fprintf(&b, "read: unit %s, round %s, valid %v\n", r.Submission.Identity.Unit, r.Submission.Identity.Round, r.Valid())
		default:
			b.WriteString("not read\n")
		}
		for _, f := range r.Findings {
			fmt.Fprintf(&b, "%s %-7s %s %s %s\n", f.Code, f.Severity, orDash(f.Location.Sheet), orDash(f.Location.Cell), f.MessageID)
		}
	}
	return []byte(b.String())
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }

// measure runs fn and returns the peak of live heap while it ran (sampled
// every millisecond), the bytes it allocated and how long it took.
func measure(fn func()) (peak, alloc uint64, took time.Duration) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(sample)
	before := sample[1].Value.Uint64()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	start := time.Now()
	fn()
	took = time.Since(start)
	close(stop)
	wg.Wait()
	metrics.Read(sample)
	return peak, sample[1].Value.Uint64() - before, took
}
