package reporttest

import (
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// MemoryWatch measures a benchmark's memory: the largest live heap any
// garbage collection found, sampled every few milliseconds, and on Linux
// the process's peak resident set since the watch began, the figure a
// memory target is about.
type MemoryWatch struct {
	stop, done chan struct{}
	rss        bool // the kernel's peak RSS was reset for this watch

	mu   sync.Mutex
	live uint64
}

// WatchMemory starts a MemoryWatch.
func WatchMemory() *MemoryWatch {
	w := &MemoryWatch{stop: make(chan struct{}), done: make(chan struct{})}
	// Writing 5 to clear_refs resets VmHWM to the current RSS, so that
	// the peak covers the benchmark and not what ran before it.
	w.rss = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	go func() {
		defer close(w.done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-w.stop:
				return
			case <-t.C:
				w.sample()
			}
		}
	}()
	return w
}

func (w *MemoryWatch) sample() {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	w.mu.Lock()
	w.live = max(w.live, s[0].Value.Uint64())
	w.mu.Unlock()
}

// Report stops the watch and reports liveMB and, where the kernel tells,
// rssMB as metrics of b.
func (w *MemoryWatch) Report(b *testing.B) {
	close(w.stop)
	<-w.done
	w.sample()
	w.mu.Lock()
	b.ReportMetric(float64(w.live)/(1<<20), "liveMB")
	w.mu.Unlock()
	if rss, ok := peakRSS(); ok && w.rss {
		b.ReportMetric(float64(rss)/(1<<20), "rssMB")
	}
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
