package generate

import (
	"os"
	"strconv"
	"testing"

	"github.com/malarbete/malarbete/internal/report/reporttest"
	"github.com/malarbete/malarbete/internal/synthetic"
)

// BenchmarkGenerateCommand runs the whole command on a synthetic
// municipality of 1,000 units with 5 teams (MALARBETE_BENCH_UNITS to
// change): workbooks, folders, manifest and atomic writes to disk, with
// its memory (liveMB, rssMB as in the report benchmarks). The comparison
// with a bare excelize program is BenchmarkGenerate in
// internal/workbook/bench.
func BenchmarkGenerateCommand(b *testing.B) {
	units := 1000
	if n, err := strconv.Atoi(os.Getenv("MALARBETE_BENCH_UNITS")); err == nil && n > 0 {
		units = n
	}
	org := synthetic.Organisation(synthetic.Options{Units: units, TeamsPerUnit: 5})
	mem := reporttest.WatchMemory()
	for b.Loop() {
		dir := b.TempDir()
		f, _, _ := factory(b, org)
		if err := run(b, f, "-o", dir, "--date", "2027-01-15"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*units), "ms/workbook")
	mem.Report(b)
}
