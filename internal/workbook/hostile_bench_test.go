//go:build linux

package workbook_test

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/malarbete/malarbete/internal/cli"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/signature"
	"github.com/malarbete/malarbete/internal/testkit"
	"github.com/malarbete/malarbete/internal/workbook"
)

// hostileEnv carries the arguments of `malarbete validate` to the child
// process of BenchmarkHostile, as JSON.
const hostileEnv = "MALARBETE_HOSTILE_VALIDATE"

// TestHostileChild runs `malarbete validate` with the arguments in
// hostileEnv, through the command tree as the binary does, against the
// corpus's organisation; without hostileEnv it does nothing.
func TestHostileChild(t *testing.T) {
	raw := os.Getenv(hostileEnv)
	if raw == "" {
		t.Skip("runs only as BenchmarkHostile's child process")
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		t.Fatal(err)
	}
	f, _, _ := testkit.FactoryWith(t, "sv", workbook.CorpusOrg())
	f.IO.Out, f.IO.ErrOut = io.Discard, io.Discard
	// The corpus is unsigned: no key, as in TestCorpus.
	f.LoadKey = func(string, bool) (signature.Key, bool, error) { return signature.Key{}, false, nil }
	// A forked child starts with its parent's peak resident set, the
	// corpus built in memory: reset it (as /proc/self/clear_refs allows)
	// and report this process's own peak at the end.
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Fatal(err)
	}
	if code := cli.Run(f, append([]string{"validate"}, args...)); code > cmdutil.ExitInputs {
		t.Fatalf("validate %v: exit %d", args, code)
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			fmt.Println(peakPrefix + strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
		}
	}
}

// peakPrefix starts the child's line with its peak resident set in KB.
const peakPrefix = "hostile-peak-kb "

// BenchmarkHostile measures `validate` and `validate --annotate` on the
// corpus's hostile shapes (far cells, dense cells, merged ranges; refused
// or the largest accepted), each file alone in a child process: its peak
// resident set (MB) and wall time (s), reported per case and mode. The
// figures are in docs/benchmarks.md; the goal is under 300 MB a file.
func BenchmarkHostile(b *testing.B) {
	dir := b.TempDir()
	var files []string
	for _, c := range workbook.CorpusCases() {
		if !c.Big {
			continue
		}
		p := filepath.Join(dir, c.File)
		if err := os.WriteFile(p, c.Build(b), 0o644); err != nil {
			b.Fatal(err)
		}
		files = append(files, p)
	}
	// A filled workbook, for the baseline.
	files = append(files, filepath.Join("testdata", "corpus", "valid.xlsx"))
	for _, p := range files {
		for _, mode := range []string{"validate", "annotate"} {
			args := []string{p}
			if mode == "annotate" {
				args = append(args, "--annotate", filepath.Join(dir, "copies"))
			}
			b.Run(strings.TrimSuffix(filepath.Base(p), ".xlsx")+"/"+mode, func(b *testing.B) {
				var peak int64
				var took time.Duration
				for b.Loop() {
					rss, wall := hostileChild(b, args)
					peak, took = max(peak, rss), max(took, wall)
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
				b.ReportMetric(took.Seconds(), "wall-s")
			})
		}
	}
}

// hostileChild runs TestHostileChild with args and returns the child's
// peak resident set and wall time.
func hostileChild(b *testing.B, args []string) (int64, time.Duration) {
	b.Helper()
	raw, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run", "^TestHostileChild$", "-test.count", "1", "-test.v")
	cmd.Env = append(os.Environ(), hostileEnv+"="+string(raw))
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	if err != nil {
		b.Fatalf("child: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, peakPrefix); ok {
			kb, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				b.Fatalf("child's peak %q: %v", v, err)
			}
			return kb << 10, took
		}
	}
	b.Fatalf("the child reported no peak:\n%s", out)
	return 0, took
}
