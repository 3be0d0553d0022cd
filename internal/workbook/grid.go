package workbook

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The reader reads each sheet once, as a stream of tokens, into a grid of
// the cells that hold something, instead of asking excelize cell by cell.
// excelize's first GetCellValue on a sheet decodes the whole sheet into
// its model, and GetRows on a decoded sheet encodes it back to XML to
// list its rows: together most of a read's time (docs/benchmarks.md).
// The grid gives what excelize gives with RawCellValue: the text of a
// shared or inline string, else the value as written; excelize is still
// asked for what the grid does not hold (a number's shown form) and for
// every sheet whose XML the grid could not read.

// gridCell is one cell of a sheet as written.
type gridCell struct {
	// raw is what excelize's GetCellValue gives with RawCellValue.
	raw string
	// typ is the cell's t attribute: "" (a number unless its text says
	// otherwise), n, s, inlineStr, str, b, d or e.
	typ string
	// formula is the cell's formula, a shared one's as its first cell
	// has it; empty for none.
	formula string
}

// number reports whether excelize would take the cell for a number
// (GetCellType: CellTypeNumber, or CellTypeUnset with a numeric text).
func (c gridCell) number() bool {
	return c.typ == "n" || c.typ == "" && isNumber(c.raw)
}

// gridAt is a cell's place: column and row, 1-based.
type gridAt struct{ col, row int }

// grid is the cells of one sheet that hold a value or a formula.
type grid struct {
	cells map[gridAt]gridCell
	// rows and cols are the last row and column of a cell held.
	rows, cols int
}

func (g *grid) at(col, row int) gridCell { return g.cells[gridAt{col, row}] }

// table returns the sheet's values as excelize's GetRows gives them with
// RawCellValue: a row for every row up to the last that holds a value,
// each as long as its last value.
func (g *grid) table() [][]string {
	out := make([][]string, 0, g.rows)
	for at, c := range g.cells {
		if c.raw == "" {
			continue
		}
		for len(out) < at.row {
			out = append(out, nil)
		}
		r := out[at.row-1]
		for len(r) < at.col {
			r = append(r, "")
		}
		r[at.col-1] = c.raw
		out[at.row-1] = r
	}
	return out
}

// sharedStrings reads the workbook's shared strings as excelize's
// xlsxSI.String gives them: the text of the item, or of its runs,
// phonetic runs left out, escapes (_x000D_) decoded. ok is false when the
// part does not parse; the reader then asks excelize.
func sharedStrings(data []byte) (sst []string, ok bool) {
	if len(data) == 0 {
		return nil, true
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	inSI, inT, phonetic := false, false, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return sst, true
		}
		if err != nil {
			return nil, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				b.Reset()
			case "rPh":
				phonetic++
			case "t":
				inT = inSI && phonetic == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				inSI = false
				sst = append(sst, bstrUnmarshal(b.String()))
			case "rPh":
				phonetic--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				b.Write(t)
			}
		}
	}
}

// readGrid reads a sheet's XML into a grid, taking the first of two cells
// at one place as excelize does. sst holds the shared strings. ok is
// false when the XML does not parse as excelize parses it (strictly) or
// a reference is none: the reader then asks excelize, which reports the
// damage.
func readGrid(data []byte, sst []string) (g *grid, ok bool) {
	g = &grid{cells: map[gridAt]gridCell{}}
	d := xml.NewDecoder(bytes.NewReader(data))
	shared := map[string]string{}
	seen := map[gridAt]bool{}
	type pending struct {
		at       gridAt
		c        gridCell
		sharedSI string
	}
	var (
		cur                   pending
		inData, inCell, hasF  bool
		inV, inF, inIS, inISt bool
		phonetic              int
		row, pos              int
		v, f, is              strings.Builder
	)
	// RawToken spares the name spaces' translation; the stack checks
	// that elements nest, as Token would.
	var stack []xml.Name
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			if len(stack) > 0 {
				return nil, false
			}
			break
		}
		if err != nil {
			return nil, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name)
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1] != t.Name {
				return nil, false
			}
			stack = stack[:len(stack)-1]
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch name := t.Name.Local; {
			case name == "sheetData":
				inData = true
			case !inData:
			case name == "row":
				if r, ok := attr(t, "r"); ok {
					n, err := strconv.Atoi(strings.TrimSpace(r))
					if err != nil || n < 1 || n > maxRowNumber {
						return nil, false
					}
					row = n
				} else {
					row++
				}
				pos = 0
			case name == "c":
				pos++
				if r, ok := attr(t, "r"); ok {
					col, rr, err := excelize.CellNameToCoordinates(r)
					if err != nil {
						return nil, false
					}
					pos = col
					if rr != row {
						// excelize places a cell by its reference.
						return nil, false
					}
				}
				typ, _ := attr(t, "t")
				cur = pending{at: gridAt{pos, row}, c: gridCell{typ: typ}}
				inCell, hasF = true, false
				v.Reset()
				f.Reset()
				is.Reset()
			case !inCell:
			case name == "v":
				inV = true
			case name == "f":
				inF, hasF = true, true
				ft, _ := attr(t, "t")
				if si, ok := attr(t, "si"); ok && ft == "shared" {
					cur.sharedSI = si
				}
			case name == "is":
				inIS = true
			case name == "rPh":
				phonetic++
			case name == "t":
				inISt = inIS && phonetic == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "sheetData":
				inData = false
			case "v":
				inV = false
			case "f":
				inF = false
			case "is":
				inIS = false
			case "rPh":
				phonetic--
			case "t":
				inISt = false
			case "c":
				if !inCell {
					continue
				}
				inCell = false
				c := cur.c
				switch c.typ {
				case "s":
					c.raw = v.String()
					if c.raw != "" {
						i, err := strconv.Atoi(strings.TrimSpace(c.raw))
						if err != nil || i < 0 || i >= len(sst) {
							return nil, false // excelize's error to report
						}
						c.raw = sst[i]
					}
				case "inlineStr":
					c.raw = v.String()
					if is.Len() > 0 {
						c.raw = bstrUnmarshal(is.String())
					}
				default:
					c.raw = v.String()
				}
				if hasF {
					c.formula = f.String()
					if cur.sharedSI != "" {
						if c.formula != "" {
							shared[cur.sharedSI] = c.formula
						} else {
							c.formula = shared[cur.sharedSI]
						}
					}
				}
				if seen[cur.at] {
					continue
				}
				seen[cur.at] = true
				if c.raw == "" && c.formula == "" {
					continue
				}
				g.cells[cur.at] = c
				g.rows, g.cols = max(g.rows, cur.at.row), max(g.cols, cur.at.col)
			}
		case xml.CharData:
			switch {
			case inV:
				v.Write(t)
			case inF:
				f.Write(t)
			case inISt:
				is.Write(t)
			}
		}
	}
	return g, true
}

// escaped is an escape of a character XML 1.0 cannot hold (_x000D_).
var escaped = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// bstrUnmarshal decodes escapes as excelize does: _x005F_ is an
// underscore, _xHHHH_ the character HHHH.
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	cursor := 0
	for _, m := range escaped.FindAllStringIndex(s, -1) {
		b.WriteString(s[cursor:m[0]])
		cursor = m[1]
		if s[m[0]:m[1]] == "_x005F_" {
			b.WriteByte('_')
			continue
		}
		r, _ := strconv.Unquote(`"\u` + s[m[0]+2:m[1]-1] + `"`)
		b.WriteString(r)
	}
	b.WriteString(s[cursor:])
	return b.String()
}
