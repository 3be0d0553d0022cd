package report

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// BenchmarkReportCommand1000Units runs "malarbete report" for a synthetic
// municipality of 1,000 units with 5 teams of 3 goals each, from reading
// the register file to the renamed PDF, as a user would: the command's
// own time and memory (liveMB, rssMB as in the renderer's benchmark).
func BenchmarkReportCommand1000Units(b *testing.B) {
	org, reg := reporttest.Synthetic(1000, 5, 3)
	dir := b.TempDir()
	regPath := filepath.Join(dir, "register.json")
	writeJSON(b, regPath, reg)
	reg = nil // the command reads its own copy
	out := filepath.Join(dir, "rapport.pdf")
	f, _ := factory(b)
	f.LoadConfig = func(string) (*domain.Organisation, domain.Findings, error) { return org, nil, nil }
	mem := reporttest.WatchMemory()
	b.ReportAllocs()
	for b.Loop() {
		cmd := NewCmdReport(f, nil)
		cmd.SetArgs([]string{"--register", regPath, "-o", out, "--force", "--date", "2027-09-10"})
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		if err := cmd.Execute(); err != nil {
			b.Fatal(err)
		}
	}
	mem.Report(b)
}
