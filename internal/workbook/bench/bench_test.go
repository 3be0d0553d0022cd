// Package bench measures generating and collecting a municipality's
// workbooks and rendering its report at scale, side by side with bare
// excelize and fpdf programs that write and read the same workbooks and
// set the same text, in the same run. docs/benchmarks.md says
// what is measured and why; run with
//
//	make bench
//	go test -run '^$' -bench . -benchtime 1x ./internal/workbook/bench/
//
// MALARBETE_BENCH_UNITS changes the size (default 1000 units × 5 teams
// for generate and the report, 250, 1000 and 4000 for collect; a list
// such as 250,1000 runs each), MALARBETE_BENCH_ROUNDS how often each side
// runs (default 3; the figures are medians). Each side runs in a child process of the test binary, so
// that its peak memory is its own, and the sides take turns.
package bench

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// unitsEnv sizes the municipality.
const unitsEnv = "MALARBETE_BENCH_UNITS"

// teamsPerUnit is the five teams per unit.
const teamsPerUnit = 5

// size is the first of sizes(1000): a child's, which its parent sets to
// the one size it measures.
func size() int { return sizes(1000)[0] }

// sizes returns the sizes MALARBETE_BENCH_UNITS lists, or def.
func sizes(def ...int) []int {
	var out []int
	for _, f := range strings.Split(os.Getenv(unitsEnv), ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return def
	}
	return out
}

// pool runs fn for 0..n-1 on runtime.NumCPU() workers, as generate does,
// and returns the first error.
func pool(n int, fn func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	next := make(chan int)
	for range runtime.NumCPU() {
		wg.Go(func() {
			for i := range next {
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}
