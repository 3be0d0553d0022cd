package workbook

import (
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

// Every sheet's XML is read once, as a stream of tokens, before excelize
// parses any of it, for what excelize does not say or pays dearly for:
//
//   - A row numbered outside 1–1,048,576 (-5, 2147483647) makes excelize
//     fail the whole sheet, which then reads as empty; the finding names
//     the sheet and the row (MB0309, WorkbookFindingRowNumber).
//   - Two cells with the same reference: excelize keeps the first, Excel
//     and LibreOffice show the last, so the register would hold what the
//     manager does not see (MB0333).
//   - Size in memory. excelize makes a sheet's rows dense up to its last
//     row (some 80 bytes a row) and every row's cells dense up to its
//     last column (some 200 bytes a cell), and keeps every sheet it has
//     parsed until the file is closed. A sheet well under the 2 MB limit
//     with one cell at XFD1048576 costs some 80 MB; fifty rows with a
//     cell in column XFD, 160 MB. The sum over the sheets is bounded
//     (maxParseBytes, MB0314) so that the worst file the reader accepts
//     stays under 300 MB (docs/benchmarks.md).
//   - Merged ranges. excelize looks through all of a sheet's merged
//     ranges for every cell it is asked for, and checks them pairwise
//     when it writes a sheet back (annotate.go): 80,000 ranges a sheet on
//     every sheet took 8 s to read and minutes to annotate. Their number
//     is bounded (maxMerges, MB0314).
//
// A document type declaration in any XML part (DOCTYPE: the way to an
// XXE attack, which no spreadsheet program writes) refuses the file
// (MB0334): Go's XML decoder expands no entities, so the part would only
// fail to parse, and the message would not say why.

// Findings of the shape check.
var (
	// FindingRowNumber: a row numbered outside 1–1,048,576; the sheet
	// cannot be read. The same code as other damage.
	FindingRowNumber = rule{"MB0309", domain.SeverityError, "WorkbookFindingRowNumber"}
	// FindingCellReference: a cell whose reference is no cell (ZZZZ1,
	// A0); the sheet cannot be read.
	FindingCellReference = rule{"MB0309", domain.SeverityError, "WorkbookFindingCellReference"}
	// FindingDuplicateCell: a cell written twice in one sheet.
	FindingDuplicateCell = rule{"MB0333", domain.SeverityError, "WorkbookFindingDuplicateCell"}
	// FindingTooManyCells: the sheets would take more memory to read than
	// the reader allows; names the sheet that costs most and its
	// farthest cell.
	FindingTooManyCells = rule{"MB0314", domain.SeverityError, "WorkbookFindingTooManyCells"}
	// FindingTooManyMerges: more merged ranges than the reader allows;
	// names the sheet with the most.
	FindingTooManyMerges = rule{"MB0314", domain.SeverityError, "WorkbookFindingTooManyMerges"}
	// FindingTooManyStrings and FindingTooManyStyles: the shared strings
	// or the styles, not the sheets, would take the most of that memory.
	FindingTooManyStrings = rule{"MB0314", domain.SeverityError, "WorkbookFindingTooManyStrings"}
	FindingTooManyStyles  = rule{"MB0314", domain.SeverityError, "WorkbookFindingTooManyStyles"}
	// FindingDoctype: an XML part declares a document type.
	FindingDoctype = rule{"MB0334", domain.SeverityError, "WorkbookFindingDoctype"}
)

// Estimates of what excelize holds per row and per cell slot of a parsed
// sheet (its xlsxRow and xlsxC structs with their strings), per shared
// string and per element of the styles (a cell format with its
// alignment and protection is the dearest), taken from the heap that the
// hostile corpus's floods of each took to read.
const (
	rowBytes    = 96
	cellBytes   = 224
	stringBytes = 320
	styleBytes  = 700
)

// maxParseBytes bounds what the parsed sheets of one workbook may take
// by those estimates. A filled workbook takes well under 1 MB; 16 MB is
// some 70,000 cells (a pasted table of 3,500 rows of 20 columns), or a
// text typed some 170,000 rows down. What is read costs more than the
// estimate (excelize writes a parsed sheet back to XML before it lists
// its rows, and every cell outside the tables is looked at): up to four
// times, measured on the hostile corpus (docs/benchmarks.md). A text at
// the very bottom of a sheet (row 1,048,576) is refused: read, it took
// 236 MB of heap and 8 s.
const maxParseBytes = 16 << 20

// maxMerges bounds the merged ranges of a workbook. A generated one has a
// few dozen; a manager who merges cells for layout, some hundreds.
const maxMerges = 10000

// maxDuplicates bounds the duplicate cells reported per workbook.
const maxDuplicates = 10

// maxRowNumber is Excel's last row.
const maxRowNumber = excelize.TotalRows

// sheetShape is what one sheet's XML says about it.
type sheetShape struct {
	name string
	// rows is the highest row number; cells the cell slots excelize
	// fills: per row, its cells or its last column, whichever is more.
	rows, cells int
	merges      int
	// far is the cell farthest down, then right, for messages.
	far string
	// badRow is a row number out of range, as written; badCell a cell
	// reference that is none. Either stops the scan: excelize fails the
	// sheet.
	badRow, badCell string
	dups            []string
}

// bytes is the estimate of what the parsed sheet takes.
func (s sheetShape) bytes() int { return s.rows*rowBytes + s.cells*cellBytes }

// bookShape is the shape of every sheet of a workbook, and what refuses
// the workbook as a whole.
type bookShape struct {
	sheets  []sheetShape
	refused *domain.Finding
	// macros marks a workbook with macros (inert.go).
	macros bool
}

// inspect reads the shape of every sheet of f and looks for document type
// declarations in its XML parts. file names the findings.
func inspect(f *excelize.File, file string) bookShape {
	var b bookShape
	var doctype string
	f.Pkg.Range(func(k, v any) bool {
		name, _ := k.(string)
		data, _ := v.([]byte)
		if isXMLPart(name) && bytes.Contains(data, []byte("<!DOCTYPE")) {
			doctype = name
		}
		return doctype == ""
	})
	if doctype != "" {
		fd := FindingDoctype.at(file, "", "", map[string]any{"Part": doctype})
		b.refused = &fd
		return b
	}
	b.macros = hasMacros(f, file)
	strs, styles := partCounts(f)
	total, merges := strs*stringBytes+styles*styleBytes, 0
	for _, sp := range sheetParts(f) {
		data, _ := f.Pkg.Load(sp.part)
		raw, _ := data.([]byte)
		s := scanSheet(raw)
		s.name = sp.name
		b.sheets = append(b.sheets, s)
		total += s.bytes()
		merges += s.merges
	}
	most := func(by func(sheetShape) int) sheetShape {
		worst := sheetShape{}
		for _, s := range b.sheets {
			if by(s) > by(worst) {
				worst = s
			}
		}
		return worst
	}
	var fd domain.Finding
	switch {
	case total > maxParseBytes && strs*stringBytes > total/2:
		fd = FindingTooManyStrings.at(file, "", "", map[string]any{"Count": strs})
	case total > maxParseBytes && styles*styleBytes > total/2:
		fd = FindingTooManyStyles.at(file, "", "", map[string]any{"Count": styles})
	case total > maxParseBytes:
		worst := most(sheetShape.bytes)
		fd = FindingTooManyCells.at(file, worst.name, "", map[string]any{"Sheet": worst.name, "Cell": worst.far})
	case merges > maxMerges:
		worst := most(func(s sheetShape) int { return s.merges })
		fd = FindingTooManyMerges.at(file, worst.name, "", map[string]any{"Sheet": worst.name, "Count": merges, "Max": maxMerges})
	default:
		return b
	}
	b.refused = &fd
	return b
}

// partCounts returns about how many shared strings and how many elements
// of the styles the workbook has, counted on the bytes: the estimate
// needs no more, and a flood of 16 MB is counted in milliseconds.
func partCounts(f *excelize.File) (strs, styles int) {
	load := func(name string) []byte {
		v, _ := f.Pkg.Load(name)
		b, _ := v.([]byte)
		return b
	}
	sst := load("xl/sharedStrings.xml")
	for _, tag := range []string{"<si>", "<si ", ":si>", ":si "} {
		strs += bytes.Count(sst, []byte(tag))
	}
	st := load("xl/styles.xml")
	styles = bytes.Count(st, []byte("<")) - bytes.Count(st, []byte("</")) - bytes.Count(st, []byte("<?")) - bytes.Count(st, []byte("<!"))
	return strs, max(styles, 0)
}

// isXMLPart reports whether a part's name says it holds XML.
func isXMLPart(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".xml") || strings.HasSuffix(n, ".rels") || strings.HasSuffix(n, ".vml")
}

// sheetPart is a worksheet's name and the part that holds it.
type sheetPart struct{ name, part string }

// sheetParts returns the worksheets of f with their parts, through the
// workbook's relationships, as excelize finds them.
func sheetParts(f *excelize.File) []sheetPart {
	if f.WorkBook == nil {
		return nil
	}
	data, _ := f.Pkg.Load("xl/_rels/workbook.xml.rels")
	raw, _ := data.([]byte)
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(raw, &rels) != nil {
		return nil
	}
	target := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(path.Clean(t), "/")
		} else {
			t = path.Clean("xl/" + t)
		}
		target[r.ID] = t
	}
	var out []sheetPart
	for _, s := range f.WorkBook.Sheets.Sheet {
		if p, ok := target[s.ID]; ok && strings.HasPrefix(p, "xl/worksheets/") {
			out = append(out, sheetPart{s.Name, p})
		}
	}
	return out
}

// scanSheet reads a sheet's XML as tokens, in bounded memory besides the
// set of cells seen (for duplicates).
func scanSheet(data []byte) sheetShape {
	var s sheetShape
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	type at struct{ col, row int }
	seen := map[at]bool{}
	var inData bool
	var row, pos, last, n, farRow, farCol int
	// An empty row far down costs as much as a full one (a row that a
	// program wrote for its format): far names the farthest row either way.
	endRow := func() {
		s.cells += max(n, last)
		if row > farRow || row == farRow && last > farCol {
			farRow, farCol = row, last
		}
	}
	for {
		tok, err := d.RawToken()
		if err == io.EOF || err != nil {
			break // a broken sheet is excelize's to report
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "sheetData":
				inData = true
			case t.Name.Local == "mergeCell":
				s.merges++
			case inData && t.Name.Local == "row":
				r, ok := attr(t, "r")
				if !ok {
					row++
				} else if v, err := strconv.Atoi(strings.TrimSpace(r)); err == nil && v >= 1 && v <= maxRowNumber {
					row = v
				} else {
					s.badRow = r
					return s
				}
				s.rows = max(s.rows, row)
				pos, last, n = 0, 0, 0
			case inData && t.Name.Local == "c":
				n++
				pos++
				if r, ok := attr(t, "r"); ok {
					col, _, err := excelize.CellNameToCoordinates(r)
					if err != nil {
						s.badCell = r
						return s
					}
					pos = max(pos, col)
					if seen[at{col, row}] && len(s.dups) < maxDuplicates {
						s.dups = append(s.dups, cell(col, row))
					}
					seen[at{col, row}] = true
					last = max(last, col)
				} else {
					last = max(last, pos)
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "sheetData":
				inData = false
			case "row":
				if inData {
					endRow()
				}
			}
		}
	}
	if s.rows > farRow {
		farRow, farCol = s.rows, 1 // a row left open at the end
	}
	if farRow > 0 {
		s.far = cell(max(farCol, 1), farRow)
	}
	return s
}

// attr returns the value of the attribute named local.
func attr(t xml.StartElement, local string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// note adds the findings of each sheet's shape to the reader's and marks
// the sheets that cannot be read, so that they raise nothing more.
func (rd *reader) note(b bookShape) {
	if b.macros {
		rd.add(FindingMacros.at(rd.file, "", "", nil))
	}
	dups := 0
	for _, s := range b.sheets {
		switch {
		case s.badRow != "":
			rd.add(FindingRowNumber.at(rd.file, s.name, "", map[string]any{"Sheet": s.name, "Row": domain.Excerpt(s.badRow, excerptLen)}))
		case s.badCell != "":
			rd.add(FindingCellReference.at(rd.file, s.name, "", map[string]any{"Sheet": s.name, "Cell": domain.Excerpt(s.badCell, excerptLen)}))
		default:
			for _, c := range s.dups {
				if dups++; dups <= maxDuplicates {
					rd.add(FindingDuplicateCell.at(rd.file, s.name, c, map[string]any{"Sheet": s.name, "Cell": c}))
				}
			}
			continue
		}
		if rd.damaged == nil {
			rd.damaged = map[string]bool{}
		}
		rd.damaged[s.name] = true
	}
}

// maxSame is how many findings of one kind the reader reports on one
// sheet, or about whole sheets; the rest are counted in one finding
// (MB0336). Text typed over hundreds of cells beside a table would
// otherwise give a finding for each, and a feedback copy a comment on
// each; a workbook part listing 37,000 sheets, a finding for each.
const maxSame = 20

// Findings that stand for the findings of one kind left out, on a sheet
// (More) or about sheets (MoreSheets), for each severity they can have.
var (
	FindingMoreErrors         = rule{"MB0336", domain.SeverityError, "WorkbookFindingMore"}
	FindingMoreWarnings       = rule{"MB0336", domain.SeverityWarning, "WorkbookFindingMore"}
	FindingMoreSheetsErrors   = rule{"MB0336", domain.SeverityError, "WorkbookFindingMoreSheets"}
	FindingMoreSheetsWarnings = rule{"MB0336", domain.SeverityWarning, "WorkbookFindingMoreSheets"}
)

// capped keeps the first maxSame findings of each kind (code and
// message): per sheet for findings at a cell, over the workbook for the
// others. For the rest of a kind it adds one finding that counts them,
// after the last one kept.
func capped(fs domain.Findings, file string) domain.Findings {
	type kind struct{ code, msg, sheet string }
	kindOf := func(f domain.Finding) kind {
		if f.Location.Cell == "" {
			return kind{f.Code, f.MessageID, ""}
		}
		return kind{f.Code, f.MessageID, f.Location.Sheet}
	}
	count := map[kind]int{}
	for _, f := range fs {
		count[kindOf(f)]++
	}
	out := fs[:0:0]
	seen := map[kind]int{}
	for _, f := range fs {
		k := kindOf(f)
		seen[k]++
		n := seen[k]
		if n > maxSame {
			continue
		}
		out = append(out, f)
		if n < maxSame || count[k] == maxSame {
			continue
		}
		more, sheets := FindingMoreWarnings, FindingMoreSheetsWarnings
		if f.Severity == domain.SeverityError {
			more, sheets = FindingMoreErrors, FindingMoreSheetsErrors
		}
		data := map[string]any{"Sheet": k.sheet, "Count": count[k] - maxSame, "Code": k.code}
		if f.Location.Cell == "" {
			out = append(out, sheets.at(file, "", "", data))
		} else {
			out = append(out, more.at(file, k.sheet, "", data))
		}
	}
	return out
}
