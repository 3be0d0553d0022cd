package intake_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/intake"
	"github.com/malarbete/malarbete/internal/testkit"
	"github.com/malarbete/malarbete/internal/workbook"
)

func inbox(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCheckTimeout reads a folder in which one workbook never finishes
// reading until it is cancelled: it gets MB0406, its read is cancelled
// and ended before the next file is read, and the files after it are
// read as usual, so one stuck file cannot stall a collection.
func TestCheckTimeout(t *testing.T) {
	dir := inbox(t, "a-fast.xlsx", "b-stuck.xlsx", "c-fast.xlsx", "d-krasch.xlsx")
	var running atomic.Int32
	var overlapped atomic.Bool
	read := func(ctx context.Context, path string, org *domain.Organisation) (*domain.Submission, domain.Findings, error) {
		if running.Add(1) > 1 {
			overlapped.Store(true)
		}
		defer running.Add(-1)
		switch filepath.Base(path) {
		case "b-stuck.xlsx":
			<-ctx.Done()
			return nil, nil, ctx.Err()
		case "d-krasch.xlsx":
			panic("reader bug")
		}
		return testkit.Plan("norra", "lag-a"), nil, nil
	}
	results, err := intake.Check(context.Background(), []string{dir}, testkit.Org(), read, intake.Options{Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if overlapped.Load() {
		t.Error("the timed-out read still ran when the next one started: it was abandoned, not cancelled")
	}
	tests := []struct {
		file, code string
		read       bool
	}{
		{"a-fast.xlsx", "", true},
		{"b-stuck.xlsx", "MB0406", false},
		{"c-fast.xlsx", "", true},
		{"d-krasch.xlsx", "MB0400", false},
	}
	if len(results) != len(tests) {
		t.Fatalf("%d results, want %d", len(results), len(tests))
	}
	for i, tt := range tests {
		r := results[i]
		if filepath.Base(r.Path) != tt.file || (r.Submission != nil) != tt.read {
			t.Errorf("#%d: %s read=%v, want %s read=%v", i, r.Path, r.Submission != nil, tt.file, tt.read)
		}
		if tt.code != "" && (len(r.Findings) != 1 || r.Findings[0].Code != tt.code) {
			t.Errorf("%s: findings %+v, want only %s", tt.file, r.Findings, tt.code)
		}
		if tt.code == "MB0406" && r.Findings[0].Data["Seconds"] != 0 {
			t.Errorf("Seconds = %v, want 0 (50 ms in whole seconds)", r.Findings[0].Data["Seconds"])
		}
	}
}

// TestCheckStops cancels the batch during its second file, as Ctrl-C
// does: the read in progress is cancelled, no later file is read, and
// Check returns the context's error instead of results.
func TestCheckStops(t *testing.T) {
	dir := inbox(t, "a.xlsx", "b.xlsx", "c.xlsx")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var reads []string
	read := func(ctx context.Context, path string, org *domain.Organisation) (*domain.Submission, domain.Findings, error) {
		reads = append(reads, filepath.Base(path))
		if filepath.Base(path) == "b.xlsx" {
			cancel()
			<-ctx.Done()
			return nil, nil, ctx.Err()
		}
		return testkit.Plan("norra", "lag-a"), nil, nil
	}
	results, err := intake.Check(ctx, []string{dir}, testkit.Org(), read, intake.Options{})
	if !errors.Is(err, context.Canceled) || results != nil {
		t.Fatalf("Check = %d results, %v; want none and context.Canceled", len(results), err)
	}
	if len(reads) != 2 {
		t.Errorf("read %v after the batch was stopped, want only a.xlsx and b.xlsx", reads)
	}
}

// TestRulesCatalogued checks that every finding of the batch has its
// message in both languages and a row in docs/findings.md.
func TestRulesCatalogued(t *testing.T) {
	testkit.CheckRules(t, "../../docs/findings.md", intake.Rules())
}

// TestRealReaderStops checks that workbook.ReadFile honours its context:
// a read whose context is done gives the context's error, not a
// submission.
func TestRealReaderStops(t *testing.T) {
	path := filepath.Join(t.TempDir(), "norra.xlsx")
	org := testkit.Org()
	if _, err := workbook.WriteFile(path, org, workbook.Options{Unit: "norra"}, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	if sub, _, err := workbook.ReadFile(context.Background(), path, org); err != nil || sub == nil {
		t.Fatalf("read: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if sub, _, err := workbook.ReadFile(ctx, path, org); !errors.Is(err, context.Canceled) || sub != nil {
		t.Errorf("read with a done context: submission %v, error %v; want none and context.Canceled", sub != nil, err)
	}
}

// TestLongIdentityCut reads a workbook whose hidden identity claims a
// 100,000-character unit and team: once the rules have reported them,
// only an excerpt travels on (into validate's JSON and the register's
// rejected list). Values the config knows are kept whole.
func TestLongIdentityCut(t *testing.T) {
	dir := inbox(t, "lang.xlsx", "norra.xlsx")
	long := strings.Repeat("x", 100_000)
	read := func(_ context.Context, path string, _ *domain.Organisation) (*domain.Submission, domain.Findings, error) {
		s := testkit.Plan("norra", "lag-a")
		if filepath.Base(path) == "lang.xlsx" {
			s.Identity.Unit, s.Identity.Teams, s.Identity.Round = long, []string{long}, long
		}
		return s, nil, nil
	}
	results, err := intake.Check(context.Background(), []string{dir}, testkit.Org(), read, intake.Options{})
	if err != nil {
		t.Fatal(err)
	}
	id := results[0].Submission.Identity
	if len(id.Unit) > 100 || len(id.Teams[0]) > 100 || len(id.Round) > 100 {
		t.Errorf("identity of lang.xlsx kept %d, %d and %d bytes", len(id.Unit), len(id.Teams[0]), len(id.Round))
	}
	if !results[0].Findings.HasErrors() {
		t.Error("the unknown unit was not reported")
	}
	if id := results[1].Submission.Identity; id.Unit != "norra" || id.Teams[0] != "lag-a" || id.Round != "plan" {
		t.Errorf("known values changed: %+v", id)
	}
}
