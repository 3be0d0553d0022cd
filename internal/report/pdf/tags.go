package pdf

// The logical structure of the PDF (tagged PDF, ISO 32000-1 14.7–14.8,
// and PDF/UA-1): which text is a heading, a paragraph, a table cell, a
// figure, in reading order. The layout creates structure elements as it
// turns blocks into strips; each drawing operation carries the element it
// belongs to (op.tag), or none for decoration, which becomes an artifact.
// The emitter wraps the operations in marked content with a number
// (MCID) per page and records each sequence in its element here; the
// structure tree is written after fpdf's output (update.go).
//
// An element joins its parent when its first content is drawn, not when it
// is created: the layout creates a block's elements a few blocks ahead
// (to keep headings with what follows), and the reading order is the
// order in which content reaches the pages.
//
// A large municipality's report has some 750,000 elements, so they are
// kept in flat slices without pointers, which the garbage collector need
// not scan.

// tagType is a standard structure type.
type tagType uint8

// The structure types the renderer uses.
const (
	tagNone tagType = iota
	tagDocument
	tagH1
	tagH2
	tagH3
	tagH4
	tagH5
	tagH6
	tagP
	tagBlockQuote
	tagDiv
	tagL
	tagLI
	tagLbl
	tagLBody
	tagTable
	tagTHead
	tagTBody
	tagTR
	tagTH
	tagTD
	tagCaption
	tagFigure
	tagTOC
	tagTOCI
	tagLink
)

var tagNames = [...]string{
	tagNone: "", tagDocument: "Document", tagH1: "H1", tagH2: "H2", tagH3: "H3", tagH4: "H4", tagH5: "H5", tagH6: "H6",
	tagP: "P", tagBlockQuote: "BlockQuote", tagDiv: "Div", tagL: "L", tagLI: "LI", tagLbl: "Lbl", tagLBody: "LBody",
	tagTable: "Table", tagTHead: "THead", tagTBody: "TBody", tagTR: "TR", tagTH: "TH", tagTD: "TD", tagCaption: "Caption",
	tagFigure: "Figure", tagTOC: "TOC", tagTOCI: "TOCI", tagLink: "Link",
}

func (t tagType) String() string { return tagNames[t] }

// headingTag is the structure type of a heading of level 1 to 6.
func headingTag(level int) tagType {
	return tagH1 + tagType(min(max(level, 1), 6)-1)
}

// Scopes of table header cells.
const (
	scopeNone uint8 = iota
	scopeColumn
	scopeRow
)

// elem is a structure element. Its kids are not kept while drawing: the
// order in which elements join (structure.order) and in which content is
// marked (structure.parents) gives them when the tree is written, which
// keeps a large report's 750,000 elements in 8 bytes each.
type elem struct {
	parent int32
	typ    tagType
	scope  uint8
	// attached is set when it has joined its parent; holds says
	// whether it holds elements (holdsElems) or content (holdsContent).
	attached bool
	holds    uint8
}

const (
	holdsElems uint8 = 1 << iota
	holdsContent
)

// annotation is a link of the contents page, to be written as an
// annotation object with its structure parent.
type annotation struct {
	page       int32
	x, y, w, h float64 // in mm from the top left, as the layout places it
	heading    int     // the index of the heading it leads to
	elem       int32   // its Link element
	text       string  // what it says, for the annotation's Contents
}

// structure is the document's structure tree as it is drawn.
type structure struct {
	// elems[0] is unused, so that a tag of 0 means an artifact;
	// elems[1] is the Document element.
	elems []elem
	// order lists the elements in the order they joined their parents:
	// an element's kids are, in this order, the elements whose parent it
	// is.
	order []int32
	alt   map[int32]string // the alternative texts of figures
	// parents lists the element of each marked-content sequence, page
	// after page in MCID order; pageStart[p] is where page p's begin.
	parents   []int32
	pageStart []int32
	annots    []annotation
	// mixed is set when an element got both elements and content as
	// kids, whose order among each other the tree does not keep; the
	// layout never does that, and a test checks it.
	mixed bool
	// counting is set in the measuring pass, which only counts the
	// elements (n), so that the drawing pass allocates them at once.
	counting bool
	n        int
}

const rootElem int32 = 1

// newStructure returns a structure for n elements.
func newStructure(n int) *structure {
	s := &structure{elems: make([]elem, 2, n+2), order: make([]int32, 0, n), parents: make([]int32, 0, n), alt: make(map[int32]string)}
	s.elems[rootElem] = elem{typ: tagDocument, attached: true}
	return s
}

// add creates an element of type typ under parent (0: the Document); it
// joins parent when its first content is marked. A nil structure, that
// of the measuring pass, creates nothing and returns 0.
func (s *structure) add(parent int32, typ tagType) int32 {
	if s == nil {
		return 0
	}
	if s.counting {
		s.n++
		return 0
	}
	if parent == 0 {
		parent = rootElem
	}
	s.elems = append(s.elems, elem{typ: typ, parent: parent})
	return int32(len(s.elems) - 1)
}

// figure creates a Figure element with its alternative text.
func (s *structure) figure(parent int32, alt string) int32 {
	e := s.add(parent, tagFigure)
	if e != 0 {
		s.alt[e] = alt
	}
	return e
}

// header creates a table header cell heading its column or its row.
func (s *structure) header(parent int32, scope uint8) int32 {
	e := s.add(parent, tagTH)
	if e != 0 {
		s.elems[e].scope = scope
	}
	return e
}

// item creates a list item with its label and body.
func (s *structure) item(list int32) (lbl, body int32) {
	li := s.add(list, tagLI)
	return s.add(li, tagLbl), s.add(li, tagLBody)
}

// hold notes what kind of kid e got.
func (s *structure) hold(e int32, kind uint8) {
	el := &s.elems[e]
	el.holds |= kind
	if el.holds == holdsElems|holdsContent {
		s.mixed = true
	}
}

// attach joins e, and its ancestors where they have not joined yet, to
// its parent: a parent joins first, so that it comes before e among its
// own siblings.
func (s *structure) attach(e int32) {
	if e == rootElem || s.elems[e].attached {
		return
	}
	p := s.elems[e].parent
	s.attach(p)
	s.elems[e].attached = true
	s.hold(p, holdsElems)
	s.order = append(s.order, e)
}

// mark records a new marked-content sequence of element e on page (0 at
// the first page; pages come in order) and returns its MCID.
func (s *structure) mark(e int32, page int) int32 {
	s.attach(e)
	s.hold(e, holdsContent)
	for len(s.pageStart) <= page {
		s.pageStart = append(s.pageStart, int32(len(s.parents)))
	}
	mcid := int32(len(s.parents)) - s.pageStart[page]
	s.parents = append(s.parents, e)
	return mcid
}

// onPage returns the elements of page's marked-content sequences, by
// MCID.
func (s *structure) onPage(page int) []int32 {
	if page >= len(s.pageStart) {
		return nil
	}
	end := int32(len(s.parents))
	if page+1 < len(s.pageStart) {
		end = s.pageStart[page+1]
	}
	return s.parents[s.pageStart[page]:end]
}

// link records a link annotation of its Link element, which lists it
// after its text.
func (s *structure) link(a annotation) {
	s.attach(a.elem)
	s.hold(a.elem, holdsContent)
	s.annots = append(s.annots, a)
}

// kids are the elements' kids in CSR form, made when the tree is
// written: kids of element e are list[start[e]:start[e+1]], each an
// element (> 0), a marked-content sequence (<= 0: -index into
// structure.parents) or, after them, its annotations.
type kids struct {
	start []int32
	list  []int32
	// pageOf is the page of each marked-content sequence.
	pageOf []int32
	annots map[int32][]int
}

// kids gathers every element's kids in reading order.
func (s *structure) kids() kids {
	n := len(s.elems)
	k := kids{start: make([]int32, n+1), list: make([]int32, len(s.order)+len(s.parents)), pageOf: make([]int32, len(s.parents)), annots: map[int32][]int{}}
	for _, e := range s.order {
		k.start[s.elems[e].parent+1]++
	}
	for _, e := range s.parents {
		k.start[e+1]++
	}
	for i := 1; i <= n; i++ {
		k.start[i] += k.start[i-1]
	}
	fill := append([]int32(nil), k.start[:n]...)
	for _, e := range s.order {
		p := s.elems[e].parent
		k.list[fill[p]] = e
		fill[p]++
	}
	page := 0
	for i, e := range s.parents {
		for page+1 < len(s.pageStart) && int32(i) >= s.pageStart[page+1] {
			page++
		}
		k.pageOf[i] = int32(page)
		k.list[fill[e]] = -int32(i)
		fill[e]++
	}
	for i, a := range s.annots {
		k.annots[a.elem] = append(k.annots[a.elem], i)
	}
	return k
}
