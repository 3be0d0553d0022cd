package workbook

import (
	"slices"
	"testing"
)

// TestScanSheet: what the shape check reads off a sheet's XML, in the
// forms programs write it (prefixes, rows and cells without references).
func TestScanSheet(t *testing.T) {
	for _, tt := range []struct {
		name, xml            string
		rows, cells, merges  int
		far, badRow, badCell string
		dups                 []string
	}{
		{name: "two rows", xml: `<worksheet><sheetData><row r="1"><c r="A1"/><c r="C1"/></row><row r="4"><c r="B4"/></row></sheetData></worksheet>`,
			rows: 4, cells: 3 + 2, far: "B4"},
		{name: "no references", xml: `<worksheet><sheetData><row><c/><c/></row><row><c/></row></sheetData></worksheet>`,
			rows: 2, cells: 3, far: "A2"},
		{name: "prefixed, merged", xml: `<x:worksheet xmlns:x="m"><x:sheetData><x:row r="2"><x:c r="B2"/></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:B1"/><x:mergeCell ref="A3:B3"/></x:mergeCells></x:worksheet>`,
			rows: 2, cells: 2, merges: 2, far: "B2"},
		{name: "far cell", xml: `<worksheet><sheetData><row r="1048576"><c r="XFD1048576"/></row></sheetData></worksheet>`,
			rows: 1048576, cells: 16384, far: "XFD1048576"},
		{name: "empty row far down", xml: `<worksheet><sheetData><row r="1"><c r="A1"/></row><row r="900000" ht="20"/></sheetData></worksheet>`,
			rows: 900000, cells: 1, far: "A900000"},
		{name: "duplicate", xml: `<worksheet><sheetData><row r="5"><c r="B5"><v>1</v></c><c r="b5"><v>2</v></c></row></sheetData></worksheet>`,
			rows: 5, cells: 2, far: "B5", dups: []string{"B5"}},
		{name: "row -5", xml: `<worksheet><sheetData><row r="-5"><c r="A1"/></row></sheetData></worksheet>`, badRow: "-5"},
		{name: "row 2147483647", xml: `<worksheet><sheetData><row r="2147483647"/></sheetData></worksheet>`, badRow: "2147483647"},
		{name: "no cell", xml: `<worksheet><sheetData><row r="1"><c r="ZZZZ1"/></row></sheetData></worksheet>`, rows: 1, badCell: "ZZZZ1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := scanSheet([]byte(tt.xml))
			if s.rows != tt.rows || s.cells != tt.cells || s.merges != tt.merges || s.far != tt.far ||
				s.badRow != tt.badRow || s.badCell != tt.badCell || !slices.Equal(s.dups, tt.dups) {
				t.Errorf("got %+v", s)
			}
		})
	}
}
