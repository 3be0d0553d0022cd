package validate

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/rules"
	"github.com/malarbete/malarbete/internal/testkit"
)

// TestCheckPathsTimeout reads a folder in which one workbook never
// finishes reading: it gets MB0406, and the files after it are read as
// usual, so one stuck file cannot stall a collection.
func TestCheckPathsTimeout(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a-fast.xlsx", "b-stuck.xlsx", "c-fast.xlsx", "d-krasch.xlsx"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	release := make(chan struct{})
	// Let the abandoned read end when the test does.
	defer close(release)
	read := func(path string, org *domain.Organisation) (*domain.Submission, domain.Findings, error) {
		switch filepath.Base(path) {
		case "b-stuck.xlsx":
			<-release
		case "d-krasch.xlsx":
			panic("reader bug")
		}
		return testkit.Plan("norra", "lag-a"), nil, nil
	}
	results, err := CheckPathsWithin([]string{dir}, testkit.Org(), read, rules.Options{}, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
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

// TestHashStops checks that the hash of a file whose time is up stops at
// its next chunk instead of reading a huge file to its end.
func TestHashStops(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stor.xlsx")
	if err := os.WriteFile(path, make([]byte, 1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	if _, err := hashFile(path, stop); err != nil {
		t.Fatalf("hash before the time is up: %v", err)
	}
	close(stop)
	if _, err := hashFile(path, stop); !errors.Is(err, errAbandoned) {
		t.Errorf("hash after the time is up: %v, want errAbandoned", err)
	}
}
