// Package bench measures workbook generation at municipality scale, side by
// side with a bare excelize program that writes the same cells without
// styles, validations, names or protection. Run with
//
//	go test -run '^$' -bench . -benchmem ./internal/workbook/bench/
//
// MALARBETE_BENCH_UNITS changes the size (default 1000 units × 5 teams).
package bench

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/synthetic"
	"github.com/malarbete/malarbete/internal/workbook"
)

func size() int {
	if n, err := strconv.Atoi(os.Getenv("MALARBETE_BENCH_UNITS")); err == nil && n > 0 {
		return n
	}
	return 1000
}

// cellValue is one cell the bare program writes.
type cellValue struct {
	ref, value string
	formula    bool
}

// sheetCells are the cells of one sheet, in order.
type sheetCells struct {
	name  string
	cells []cellValue
}

// cellsOf reads back what the writer put in a workbook, so that the bare
// program writes exactly the same cells.
func cellsOf(data []byte) ([]sheetCells, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []sheetCells
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		sc := sheetCells{name: s}
		for r, row := range rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if fm, _ := f.GetCellFormula(s, ref); fm != "" {
					sc.cells = append(sc.cells, cellValue{ref: ref, value: fm, formula: true})
				} else if v != "" {
					sc.cells = append(sc.cells, cellValue{ref: ref, value: v})
				}
			}
		}
		out = append(out, sc)
	}
	return out, nil
}

// bare writes the cells with nothing else: the floor for any writer on
// excelize's normal API.
func bare(w io.Writer, sheets []sheetCells) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		for _, c := range s.cells {
			var err error
			if c.formula {
				err = f.SetCellFormula(s.name, c.ref, c.value)
			} else {
				err = f.SetCellStr(s.name, c.ref, c.value)
			}
			if err != nil {
				return err
			}
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// pool runs fn for 0..n-1 on runtime.NumCPU() workers, as generate does.
func pool(n int, fn func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	next := make(chan int)
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

// peak measures the peak resident memory of a phase: VmHWM after resetting
// it through /proc/self/clear_refs, or sampled heap and stacks where /proc
// is not there.
type peak struct {
	stop    chan struct{}
	done    chan struct{}
	sampled uint64
	proc    bool
}

func startPeak() *peak {
	runtime.GC()
	p := &peak{stop: make(chan struct{}), done: make(chan struct{})}
	p.proc = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	go func() {
		defer close(p.done)
		var ms runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			p.sampled = max(p.sampled, ms.HeapInuse+ms.StackInuse)
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

// mb returns the peak in MB.
func (p *peak) mb() float64 {
	close(p.stop)
	<-p.done
	if p.proc {
		if data, err := os.ReadFile("/proc/self/status"); err == nil {
			for _, line := range strings.Split(string(data), "\n") {
				if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
					kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
					return float64(kb) / 1024
				}
			}
		}
	}
	return float64(p.sampled) / (1 << 20)
}

// BenchmarkGenerate writes a synthetic municipality of 1,000 units with 5
// teams each (one workbook per unit) with the workbook package and with
// the bare program, in the same run. Each op is the whole municipality.
func BenchmarkGenerate(b *testing.B) {
	units := size()
	org := synthetic.Organisation(synthetic.Options{Units: units, TeamsPerUnit: 5})
	date := domain.NewDate(2027, 1, 15)
	write := func(i int, w io.Writer) error {
		_, err := workbook.Write(w, org, workbook.Options{Unit: org.Units[i].ID, Date: date})
		return err
	}
	// The bare program's cells, prepared outside the timing and only for
	// its run, so that they do not count in the other's peak memory.
	var cells [][]sheetCells
	prepare := func(b *testing.B) {
		cells = make([][]sheetCells, units)
		if err := pool(units, func(i int) error {
			var buf bytes.Buffer
			if err := write(i, &buf); err != nil {
				return err
			}
			c, err := cellsOf(buf.Bytes())
			cells[i] = c
			return err
		}); err != nil {
			b.Fatal(err)
		}
	}
	cases := []struct {
		name    string
		prepare func(b *testing.B)
		fn      func(i int) error
	}{
		{"malarbete", nil, func(i int) error { return write(i, io.Discard) }},
		{"bare-excelize", prepare, func(i int) error { return bare(io.Discard, cells[i]) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			if c.prepare != nil {
				c.prepare(b)
				b.ResetTimer()
			}
			var peakMB float64
			for b.Loop() {
				p := startPeak()
				if err := pool(units, c.fn); err != nil {
					b.Fatal(err)
				}
				peakMB = max(peakMB, p.mb())
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*units), "ms/workbook")
			b.ReportMetric(peakMB, "peak-MB")
			b.ReportMetric(float64(units), "workbooks/op")
		})
	}
}

// TestBareWritesSameCells keeps the comparison honest: the bare program's
// workbook holds the same cell values as ours.
func TestBareWritesSameCells(t *testing.T) {
	org := synthetic.Organisation(synthetic.Options{Units: 1, TeamsPerUnit: 5})
	var ours, theirs bytes.Buffer
	if _, err := workbook.Write(&ours, org, workbook.Options{Unit: org.Units[0].ID}); err != nil {
		t.Fatal(err)
	}
	a, err := cellsOf(ours.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := bare(&theirs, a); err != nil {
		t.Fatal(err)
	}
	c, err := cellsOf(theirs.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(a) != fmt.Sprint(c) {
		t.Error("bare program writes other cells")
	}
	n := 0
	for _, s := range a {
		n += len(s.cells)
	}
	if n < 100 {
		t.Errorf("only %d cells", n)
	}
}
