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
