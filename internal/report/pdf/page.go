package pdf

import "github.com/malarbete/malarbete/internal/document"

// The renderer lays the document out into pages of drawing operations
// and writes them with fpdf. It lays the document out twice: a measuring
// pass finds every page break, so the contents page gets its real page
// numbers and the footer its total; the drawing pass, making the same
// decisions, hands each page to fpdf as soon as it is complete, so only
// one page of operations is held at a time. Page-break decisions (no
// orphaned headings, repeated table headers, split rows) stay in our
// hands rather than in fpdf's automatic breaks.

// Margins in millimetres of the paper: a page with a running header
// and footer keeps them room of their own.
const (
	marginL      = 22.0
	marginR      = 20.0
	marginTop    = 25.0
	marginBottom = 22.0
	// marginPlain is every margin of a page without running header and
	// footer (a poster).
	marginPlain = 15.0
)

// Paper sizes in millimetres, portrait.
var papers = map[string][2]float64{"A4": {210, 297}, "A3": {297, 420}}

// geometry is the page as the layout sees it: the paper divided by the
// zoom. The emitter scales every page by the zoom, so that a zoom of 1.5
// sets everything half as large again (a poster's large type), and A3
// paper at a zoom of √2 is an A4 page enlarged.
type geometry struct {
	pageW, pageH float64
	// The margins, as laid out: the paper's divided by the zoom.
	marginL, marginR, marginTop, marginBottom float64
	contentW                                  float64
	// bottom is where the text area ends; capacity is its height.
	bottom, capacity float64
	zoom             float64
}

func newGeometry(paperW, paperH, zoom float64, running bool) *geometry {
	g := &geometry{pageW: paperW / zoom, pageH: paperH / zoom, zoom: zoom}
	g.marginL, g.marginR, g.marginTop, g.marginBottom = marginL, marginR, marginTop, marginBottom
	if !running {
		m := marginPlain / zoom
		g.marginL, g.marginR, g.marginTop, g.marginBottom = m, m, m, m
	}
	g.contentW = g.pageW - g.marginL - g.marginR
	g.bottom = g.pageH - g.marginBottom
	g.capacity = g.bottom - g.marginTop
	return g
}

type rgb struct{ r, g, b int }

// The palette: greys for text and rules, the organisation's accent (a
// calm municipal blue unless the document gives its own; see theme), and
// status colours from Okabe and Ito's palette, which people with any
// common colour vision deficiency tell apart. Each status also has a
// shape of its own (marker), so that nobody depends on colour alone.
var (
	colText    = rgb{33, 33, 33}
	colMuted   = rgb{92, 92, 92} // 6.6:1 on white
	colRule    = rgb{190, 196, 204}
	colZebra   = rgb{246, 248, 250}
	colWhite   = rgb{255, 255, 255}
	colBlack   = rgb{0, 0, 0}
	colGood    = rgb{0, 158, 115}   // bluish green
	colDone    = rgb{0, 114, 178}   // blue
	colWarn    = rgb{230, 159, 0}   // orange
	colBad     = rgb{213, 94, 0}    // vermillion
	colStart   = rgb{86, 180, 233}  // sky blue
	colNeutral = rgb{170, 170, 170} // grey
)

// defaultAccent is the accent when the document names none.
var defaultAccent = rgb{31, 78, 121}

type opKind uint8

const (
	opText opKind = iota
	opRect
	opLine
	opArrow
	opImage
	opLink
	opMarker
	// opStruct draws nothing: it puts its element in the structure tree
	// where its content would be, for a table cell left empty.
	opStruct
)

// op is one drawing operation. One struct for all kinds keeps the
// thousands of pages of a large municipality in few allocations.
type op struct {
	kind       opKind
	x, y, w, h float64
	st         style
	size       float64
	col        rgb
	fill       bool // rect: filled (else stroked)
	s          string
	n          int // link: heading index; marker: shape
	// tag is the structure element the operation draws, or 0 for
	// decoration (an artifact).
	tag int32
}

type page struct {
	ops []op
	// plain pages (the cover) have no running header or footer.
	plain bool
	// chapter is the chapter the page belongs to, for the running header.
	chapter string
	// tag is the structure element of the operations added now; the
	// strip being drawn sets it.
	tag int32
	// artifact makes every operation added now decoration: a table's
	// header row repeated on a later page.
	artifact bool
}

// add appends an operation with the current structure element.
func (p *page) add(o op) {
	if !p.artifact {
		o.tag = p.tag
	}
	p.ops = append(p.ops, o)
}

func (p *page) text(x, y float64, s string, st style, size float64, col rgb) {
	if s == "" {
		return
	}
	p.add(op{kind: opText, x: x, y: y, s: s, st: st, size: size, col: col})
}

func (p *page) rect(x, y, w, h float64, col rgb, fill bool) {
	p.add(op{kind: opRect, x: x, y: y, w: w, h: h, col: col, fill: fill})
}

func (p *page) line(x1, y1, x2, y2, width float64, col rgb) {
	p.add(op{kind: opLine, x: x1, y: y1, w: x2, h: y2, size: width, col: col})
}

// arrow draws a line from (x1,y1) down or up to (x2,y2) with a head at the
// end.
func (p *page) arrow(x1, y1, x2, y2 float64, col rgb) {
	p.add(op{kind: opArrow, x: x1, y: y1, w: x2, h: y2, col: col})
}

// marker draws a status's shape centred at (x, y), size mm across. It is
// decoration: the status is always written beside it.
func (p *page) marker(x, y, size float64, t document.Tone) {
	sh, col := toneMarker(t)
	p.ops = append(p.ops, op{kind: opMarker, x: x, y: y, w: size, n: int(sh), col: col})
}

// touch places element tag in the structure tree here even if it draws
// nothing.
func (p *page) touch(tag int32) {
	if tag != 0 && !p.artifact {
		p.ops = append(p.ops, op{kind: opStruct, tag: tag})
	}
}

// paperY returns y of the page as laid out as millimetres from the
// paper's foot, where PDF coordinates start.
func (g *geometry) paperY(y float64) float64 { return (g.pageH - y) * g.zoom }
