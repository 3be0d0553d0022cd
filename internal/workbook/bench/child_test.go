package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Each side of a comparison runs in a child process of the test binary:
// a peak resident set is a property of a process, and in one process the
// heap the first side grew would still count for the second.
const (
	childEnv = "MALARBETE_BENCH_CHILD"
	dirEnv   = "MALARBETE_BENCH_DIR"
	// resultPrefix starts the line on which a child reports.
	resultPrefix = "malarbete-bench-result "
)

// job is what a child runs: setup loads its inputs, outside the
// measurement; the returned run is the measured phase and returns how
// many workbooks it handled.
type job func(dir string) (run func() (int, error), err error)

// jobs are the children's jobs by name; each benchmark file adds its own.
var jobs = map[string]job{}

// result is what a child measured of its run phase.
type result struct {
	Workbooks int
	Wall      time.Duration
	// CPU is user and system time of the process during the phase; zero
	// where the platform does not tell.
	CPU time.Duration
	// StartRSS is the resident set when the phase began, inputs loaded.
	StartRSS uint64
	// PeakRSS is the process's peak resident set during the phase
	// (Linux: VmHWM, reset at the start); zero where unknown.
	PeakRSS uint64
	// PeakHeap is the largest live heap a garbage collection found.
	PeakHeap uint64
}

// TestChild is the child's entry point; without childEnv it does nothing.
func TestChild(t *testing.T) {
	name := os.Getenv(childEnv)
	if name == "" {
		t.Skip("runs only as a benchmark's child process")
	}
	j, ok := jobs[name]
	if !ok {
		t.Fatalf("no job %q", name)
	}
	run, err := j(os.Getenv(dirEnv))
	if err != nil {
		t.Fatal(err)
	}
	// Give back what setup left, so that the phase starts from its
	// inputs only.
	runtime.GC()
	debug.FreeOSMemory()
	m := startMeasure()
	n, err := run()
	res := m.stop()
	if err != nil {
		t.Fatal(err)
	}
	res.Workbooks = n
	out, _ := json.Marshal(res)
	fmt.Println(resultPrefix + string(out))
}

// runChild runs job name for a municipality of units in a child process
// and returns what it measured.
func runChild(b *testing.B, name, dir string, units int) result {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.count=1", "-test.timeout=30m")
	cmd.Env = append(os.Environ(), childEnv+"="+name, dirEnv+"="+dir, unitsEnv+"="+strconv.Itoa(units))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		b.Fatalf("child %s: %v\n%s", name, err, out.String())
	}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), resultPrefix); ok {
			var res result
			if err := json.Unmarshal([]byte(rest), &res); err != nil {
				b.Fatal(err)
			}
			return res
		}
	}
	b.Fatalf("child %s reported nothing:\n%s", name, out.String())
	return result{}
}

// measure watches one phase of a child.
type measure struct {
	start    time.Time
	cpu      time.Duration
	stopped  chan struct{}
	done     chan struct{}
	mu       sync.Mutex
	peakHeap uint64
	startRSS uint64
	hwmReset bool
}

func startMeasure() *measure {
	m := &measure{stopped: make(chan struct{}), done: make(chan struct{})}
	m.startRSS = procStatus("VmRSS")
	// Writing 5 to clear_refs resets VmHWM to the current resident set,
	// so that the peak is the phase's.
	m.hwmReset = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	go func() {
		defer close(m.done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			m.sample()
			select {
			case <-m.stopped:
				return
			case <-t.C:
			}
		}
	}()
	m.cpu = cpuTime()
	m.start = time.Now()
	return m
}

func (m *measure) sample() {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	m.mu.Lock()
	m.peakHeap = max(m.peakHeap, s[0].Value.Uint64())
	m.mu.Unlock()
}

func (m *measure) stop() result {
	res := result{Wall: time.Since(m.start), StartRSS: m.startRSS}
	if c := cpuTime(); c > 0 {
		res.CPU = c - m.cpu
	}
	close(m.stopped)
	<-m.done
	m.sample()
	res.PeakHeap = m.peakHeap
	if m.hwmReset {
		res.PeakRSS = procStatus("VmHWM")
	}
	return res
}

// procStatus returns a size field of /proc/self/status in bytes, or 0.
func procStatus(field string) uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, ln := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(ln, field+":"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// roundsEnv sets how many times each side runs; the figures are the
// medians. Sides take turns within a round, so that a change in the
// machine's load touches all of them.
const roundsEnv = "MALARBETE_BENCH_ROUNDS"

func rounds() int {
	if n, err := strconv.Atoi(os.Getenv(roundsEnv)); err == nil && n > 0 {
		return n
	}
	return 3
}

// sideJob is one side of a comparison: its name in the metrics and its
// child's job.
type sideJob struct{ name, job string }

// compare runs the sides' children for a municipality of units in turn,
// rounds() times, and reports
// for each side its median wall and CPU time per workbook and its largest
// peak resident set (Linux) or live heap, then the ratio of the first
// side to each other one. All on one line, side by side: each figure's
// unit starts with its side's name.
func compare(b *testing.B, dir string, units int, sides []sideJob) []result {
	return compareEach(b, dir, units, "workbook", sides)
}

// compareEach is compare with the figures per item of the kind per (the
// count a run returns: workbooks, or a report's pages).
func compareEach(b *testing.B, dir string, units int, per string, sides []sideJob) []result {
	runs := make([][]result, len(sides))
	for b.Loop() {
		for r := range rounds() {
			for k := range sides {
				i := (r + k) % len(sides)
				runs[i] = append(runs[i], runChild(b, sides[i].job, dir, units))
			}
		}
	}
	agg := make([]result, len(sides))
	for i, rs := range runs {
		agg[i] = summarize(rs)
		name, res := sides[i].name, agg[i]
		n := float64(max(res.Workbooks, 1))
		b.ReportMetric(float64(res.Wall.Microseconds())/1e3/n, name+"-ms/"+per)
		if res.CPU > 0 {
			b.ReportMetric(float64(res.CPU.Microseconds())/1e3/n, name+"-cpu-ms/"+per)
		}
		if res.PeakRSS > 0 {
			b.ReportMetric(mb(res.PeakRSS), name+"-peak-MB")
		} else {
			b.ReportMetric(mb(res.PeakHeap), name+"-heap-MB")
		}
		b.Logf("%s: %d %ss, wall %.1fs, CPU %.1fs, resident %.0f MB at start, peak %.0f MB; live heap peak %.0f MB (median of %d runs; peaks the largest)",
			name, res.Workbooks, per, res.Wall.Seconds(), res.CPU.Seconds(), mb(res.StartRSS), mb(res.PeakRSS), mb(res.PeakHeap), len(rs))
	}
	b.ReportMetric(float64(agg[0].Workbooks), per+"s")
	// The ratios are the medians of the rounds' pairs: the two runs of a
	// pair are next to each other in time, under the same load.
	for i := 1; i < len(sides); i++ {
		name := strings.TrimPrefix(sides[i].name, "bare-")
		if x := pairRatio(runs[0], runs[i], func(r result) time.Duration { return r.Wall }); x > 0 {
			b.ReportMetric(x, "x-"+name)
		}
		if x := pairRatio(runs[0], runs[i], func(r result) time.Duration { return r.CPU }); x > 0 {
			b.ReportMetric(x, "x-"+name+"-cpu")
		}
	}
	return agg
}

// pairRatio returns the median over the rounds of a's figure ÷ b's, or 0
// when a figure is missing.
func pairRatio(a, b []result, figure func(result) time.Duration) float64 {
	var xs []float64
	for r := range min(len(a), len(b)) {
		if figure(a[r]) <= 0 || figure(b[r]) <= 0 {
			return 0
		}
		xs = append(xs, figure(a[r]).Seconds()/figure(b[r]).Seconds())
	}
	return median(xs)
}

// summarize returns the median wall and CPU time of runs and their
// largest peaks.
func summarize(runs []result) result {
	var out result
	walls := make([]time.Duration, len(runs))
	cpus := make([]time.Duration, len(runs))
	for i, r := range runs {
		walls[i], cpus[i] = r.Wall, r.CPU
		out.Workbooks = r.Workbooks
		out.StartRSS = max(out.StartRSS, r.StartRSS)
		out.PeakRSS = max(out.PeakRSS, r.PeakRSS)
		out.PeakHeap = max(out.PeakHeap, r.PeakHeap)
	}
	out.Wall, out.CPU = median(walls), median(cpus)
	return out
}

func median[T ~int64 | ~float64](ds []T) T {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	if n := len(ds); n%2 == 0 {
		return (ds[n/2-1] + ds[n/2]) / 2
	}
	return ds[len(ds)/2]
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }
