package pdf

import (
	"math"
	"runtime/debug"
)

// MemoryLimit is the soft memory limit (runtime/debug.SetMemoryLimit)
// under which the report command renders.
//
// Why a limit: fpdf keeps every page's content uncompressed until Output
// (about 100 MB for a municipality of 1,000 units, some 10,000 pages) and
// then creates a new compressor of about 1 MB for each page. With the
// collector's default target of twice the live heap, that garbage lets the
// process grow to twice what it holds; near the limit the collector runs
// more often instead, which costs little CPU on a second core. The limit
// is soft: a report that truly needs more still renders, with more
// collection.
const MemoryLimit = 256 << 20

// LimitMemory sets MemoryLimit as the process's soft memory limit unless
// one is set already (GOMEMLIMIT, or a caller's), and returns a function
// that restores the previous limit.
func LimitMemory() (restore func()) {
	prev := debug.SetMemoryLimit(-1)
	if prev != math.MaxInt64 {
		return func() {}
	}
	debug.SetMemoryLimit(MemoryLimit)
	return func() { debug.SetMemoryLimit(prev) }
}

// pageBytes is what the heap holds per page when fpdf writes the file, and
// some room for the collector: the page's content, uncompressed until
// Output (some 12 KB a page, tagged), its share of the file being
// written (4 KB), and as much again. Measured on the synthetic
// municipalities of the benchmarks (docs/benchmarks.md).
const pageBytes = 32 << 10

// raiseLimit raises the soft memory limit for a document of pages pages
// while it is drawn and written, when the limit in force is MemoryLimit
// and too low for them, and returns a function that sets it back. fpdf
// holds every page until Output and then makes a new compressor of some
// 1 MB for each page: with a heap near the limit, every page started a
// collection of the whole heap, and a report of 2,000 units (20,000
// pages) took seven times the CPU per page of one of 250. A limit set
// otherwise (GOMEMLIMIT, a caller's) is left alone.
func raiseLimit(pages int) (restore func()) {
	prev := debug.SetMemoryLimit(-1)
	want := int64(pages) * pageBytes
	if prev != MemoryLimit || want <= prev {
		return func() {}
	}
	debug.SetMemoryLimit(want)
	return func() { debug.SetMemoryLimit(prev) }
}
