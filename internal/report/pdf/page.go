package pdf

// The renderer lays the document out into pages of drawing operations
// and writes them with fpdf. It lays the document out twice: a measuring
// pass finds every page break, so the contents page gets its real page
// numbers and the footer its total; the drawing pass, making the same
// decisions, hands each page to fpdf as soon as it is complete, so only
// one page of operations is held at a time. Page-break decisions (no
// orphaned headings, repeated table headers, split rows) stay in our
// hands rather than in fpdf's automatic breaks.

// Page geometry in millimetres: A4 portrait.
const (
	pageW        = 210.0
	pageH        = 297.0
	marginL      = 22.0
	marginR      = 20.0
	marginTop    = 25.0
	marginBottom = 22.0
	contentW     = pageW - marginL - marginR
	bottom       = pageH - marginBottom
)

type rgb struct{ r, g, b int }

// The palette: a calm municipal blue with greys, and status colours that
// stay distinguishable when printed in greyscale (they differ in
// lightness too).
var (
	colText    = rgb{33, 33, 33}
	colMuted   = rgb{102, 102, 102}
	colAccent  = rgb{31, 78, 121}
	colRule    = rgb{190, 196, 204}
	colHeadBg  = rgb{226, 234, 243}
	colZebra   = rgb{246, 248, 250}
	colBoxBg   = rgb{236, 242, 248}
	colWhite   = rgb{255, 255, 255}
	colGood    = rgb{46, 125, 50}
	colDone    = rgb{0, 105, 92}
	colWarn    = rgb{239, 160, 0}
	colBad     = rgb{198, 40, 40}
	colNeutral = rgb{158, 158, 158}
	colLight   = rgb{100, 149, 200}
)

type opKind uint8

const (
	opText opKind = iota
	opRect
	opLine
	opArrow
	opImage
	opLink
	opBookmark
	opAnchor
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
	n          int // link: heading index; bookmark: level; anchor: heading index
}

type page struct {
	ops []op
	// plain pages (the cover) have no running header or footer.
	plain bool
}

func (p *page) text(x, y float64, s string, st style, size float64, col rgb) {
	if s == "" {
		return
	}
	p.ops = append(p.ops, op{kind: opText, x: x, y: y, s: s, st: st, size: size, col: col})
}

func (p *page) rect(x, y, w, h float64, col rgb, fill bool) {
	p.ops = append(p.ops, op{kind: opRect, x: x, y: y, w: w, h: h, col: col, fill: fill})
}

func (p *page) line(x1, y1, x2, y2, width float64, col rgb) {
	p.ops = append(p.ops, op{kind: opLine, x: x1, y: y1, w: x2, h: y2, size: width, col: col})
}

// arrow draws a line from (x1,y1) down or up to (x2,y2) with a head at the
// end.
func (p *page) arrow(x1, y1, x2, y2 float64, col rgb) {
	p.ops = append(p.ops, op{kind: opArrow, x: x1, y: y1, w: x2, h: y2, col: col})
}
