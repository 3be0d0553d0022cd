package workbook

import (
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
)

// FuzzScanSheet feeds the shape check the XML of sheets, real and
// mangled: it must never panic, and what it counts stays in range.
func FuzzScanSheet(f *testing.F) {
	for _, p := range parts(f, filled(f, domain.Swedish)) {
		if strings.HasPrefix(p.name, "xl/worksheets/") {
			f.Add(p.data)
		}
	}
	f.Add([]byte(`<worksheet><sheetData><row r="-5"><c r="A1"/></row></sheetData></worksheet>`))
	f.Add([]byte(`<x:worksheet><x:sheetData><x:row><x:c r="B5"/><x:c r="B5"/></x:row></x:sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells></x:worksheet>`))
	f.Add([]byte(`<worksheet><sheetData><row r="1048576"><c r="XFD1048576"/><c/></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := scanSheet(data)
		if s.rows < 0 || s.cells < 0 || s.merges < 0 || s.rows > maxRowNumber || len(s.dups) > maxDuplicates {
			t.Fatalf("shape %+v", s)
		}
	})
}

// FuzzDropElements: dropping elements from any XML-like bytes never
// panics and never grows them.
func FuzzDropElements(f *testing.F) {
	f.Add([]byte(`<Types><Override PartName="/a" ContentType="x"/><x:Override ContentType='y' PartName='/b'></x:Override></Types>`), "/a")
	f.Add([]byte(`<Override PartName="/a"`), "/a")
	f.Fuzz(func(t *testing.T, data []byte, part string) {
		out := dropElements(data, "Override", func(a map[string]string) bool { return a["PartName"] == part })
		if len(out) > len(data) {
			t.Fatalf("grew from %d to %d bytes", len(data), len(out))
		}
	})
}
