package workbook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

// The corpus cases of issue 13: what names a crafted file's fault rather
// than calling it damaged or not ours, and the shapes that cost most
// memory and time (the "hostile" ones, built at test time).

// sheetParts of the filled workbook of Förskolan Björken, in its order:
// Instruktioner, Målhierarki, Enhetens mål, Småbarn, Stora barn,
// Lönekriterier, and the identity sheet _malarbete.
const (
	partTeam     = "xl/worksheets/sheet4.xml"
	partIdentity = "xl/worksheets/sheet7.xml"
)

// everySheet is the filled workbook with fn applied to the XML of each of
// its seven sheets.
func everySheet(tb testing.TB, base []byte, fn func(s string) string) []byte {
	tb.Helper()
	return editParts(tb, base, func(name string, b []byte) []byte {
		if strings.HasPrefix(name, "xl/worksheets/sheet") {
			return []byte(fn(string(b)))
		}
		return b
	})
}

// beforeSheetDataEnd inserts rows at the end of a sheet's data.
func beforeSheetDataEnd(s, rows string) string {
	return strings.Replace(s, "</sheetData>", rows+"</sheetData>", 1)
}

// mergeCells adds merged ranges to a sheet (after its data, where the
// schema puts them), merging it with any it has.
func mergeCells(s, cells string, n int) string {
	if i := strings.Index(s, "<mergeCells"); i >= 0 {
		j := strings.Index(s[i:], ">") + i + 1
		return s[:j] + cells + s[j:]
	}
	return strings.Replace(s, "</sheetData>", fmt.Sprintf(`</sheetData><mergeCells count="%d">%s</mergeCells>`, n, cells), 1)
}

// fill repeats unit(i) until the sheet would pass size; the sheets stay
// under the reader's 2 MB limit.
func fill(s string, size int, unit func(i int) string) (string, int) {
	var b strings.Builder
	n := 0
	for len(s)+b.Len() < size {
		b.WriteString(unit(n))
		n++
	}
	return b.String(), n
}

// hostileCases returns the cases of issue 13, made from base.
func hostileCases(base func(tb testing.TB) []byte) []CorpusCase {
	sheetLimit := maxSheetXML - 4<<10
	return []CorpusCase{
		{File: "row-minus-five.xlsx", What: "a row numbered -5 in a team sheet", Build: func(tb testing.TB) []byte {
			return editPart(tb, base(tb), partTeam, func(s string) string { return strings.Replace(s, `<row r="5"`, `<row r="-5"`, 1) })
		}},
		{File: "identity-row-minus-five.xlsx", What: "a row numbered -5 in the hidden identity sheet", Build: func(tb testing.TB) []byte {
			return editPart(tb, base(tb), partIdentity, func(s string) string { return strings.Replace(s, `<row r="5"`, `<row r="-5"`, 1) })
		}},
		{File: "identity-row-max.xlsx", What: "a row numbered 2147483647 in the hidden identity sheet", Build: func(tb testing.TB) []byte {
			return editPart(tb, base(tb), partIdentity, func(s string) string { return strings.Replace(s, `<row r="5"`, `<row r="2147483647"`, 1) })
		}},
		{File: "cell-reference-bad.xlsx", What: `a cell referenced "ZZZZ5" in a team sheet`, Build: func(tb testing.TB) []byte {
			return editPart(tb, base(tb), partTeam, func(s string) string { return strings.Replace(s, `<c r="C5"`, `<c r="ZZZZ5"`, 1) })
		}},
		{File: "duplicate-cell.xlsx", What: `two <c r="C5"> in a team sheet: the goal's Vad, and after it another text (which LibreOffice shows)`, Build: func(tb testing.TB) []byte {
			return editPart(tb, base(tb), partTeam, func(s string) string {
				i := strings.Index(s, `<c r="C5"`)
				j := strings.Index(s[i:], "</c>") + i + len("</c>")
				return s[:j] + `<c r="C5" t="inlineStr"><is><t>Ett annat mål än det som läses</t></is></c>` + s[j:]
			})
		}},
		{File: "xxe-shared-strings.xlsx", What: "the shared strings declare an external entity (XXE) and use it", Build: func(tb testing.TB) []byte {
			return editPart(tb, base(tb), "xl/sharedStrings.xml", func(s string) string {
				i := strings.Index(s, "<sst")
				s = s[:i] + `<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` + s[i:]
				return strings.Replace(s, "<t>", "<t>&xxe;", 1)
			})
		}},
		{File: "macros.xlsm", What: "saved by Excel as a macro-enabled workbook: a VBA project, declared in its content types", Build: func(tb testing.TB) []byte {
			return withActive(tb, base(tb), true, false)
		}},
		{File: "vba-in-xlsx.xlsx", What: "an .xlsx with a vbaProject.bin put into it, and a link to another workbook", Build: func(tb testing.TB) []byte {
			return withActive(tb, base(tb), false, true)
		}},
		{File: "instruction-edited.xlsx", What: "the deadline on the instructions sheet (locked) rewritten", Build: func(tb testing.TB) []byte {
			return edit(tb, base(tb), func(f *excelize.File) {
				must(tb, f.SetCellStr("Instruktioner", "B6", "Lämna in när ni hinner."))
			})
		}},
		{File: "far-cell-one-sheet.xlsx", What: "one text at A1048576 of a team sheet (Ctrl+Down and typing): refused, it would cost some 240 MB", Big: true, Build: func(tb testing.TB) []byte {
			return editPart(tb, base(tb), partTeam, func(s string) string {
				return beforeSheetDataEnd(s, `<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>längst ner</t></is></c></row>`)
			})
		}},
		// The largest the reader accepts, for the memory they cost.
		{File: "far-row-accepted.xlsx", What: "one text at A160000 of a team sheet, under the reader's limit", Big: true, Build: func(tb testing.TB) []byte {
			return editPart(tb, base(tb), partTeam, func(s string) string {
				return beforeSheetDataEnd(s, `<row r="160000"><c r="A160000" t="inlineStr"><is><t>långt ner</t></is></c></row>`)
			})
		}},
		{File: "dense-accepted.xlsx", What: "both team sheets with 1,600 rows of 20 numeric cells below their tables, under the reader's limit", Big: true, Build: func(tb testing.TB) []byte {
			return editParts(tb, base(tb), func(name string, b []byte) []byte {
				if name != partTeam && name != "xl/worksheets/sheet5.xml" {
					return b
				}
				var rows strings.Builder
				for r := 200; r < 1800; r++ {
					fmt.Fprintf(&rows, `<row r="%d">`, r)
					for c := 1; c <= 20; c++ {
						fmt.Fprintf(&rows, `<c r="%s%d"><v>%d</v></c>`, colName(c), r, c)
					}
					rows.WriteString("</row>")
				}
				return []byte(beforeSheetDataEnd(string(b), rows.String()))
			})
		}},
		{File: "merged-accepted.xlsx", What: "9,900 merged ranges on a team sheet, under the reader's limit", Big: true, Build: func(tb testing.TB) []byte {
			return editPart(tb, base(tb), partTeam, func(s string) string {
				var b strings.Builder
				for i := range 9900 {
					r, c := 200+i/8, 1+2*(i%8)
					fmt.Fprintf(&b, `<mergeCell ref="%s%d:%s%d"/>`, colName(c), r, colName(c+1), r)
				}
				return mergeCells(s, b.String(), 9900)
			})
		}},
		{File: "pictures-accepted.xlsx", What: "two pictures of 15 MB each (zeros, a few hundred KB packed), under the reader's limit of 32 MB unpacked", Big: true, Build: pictures(15)},
		// Refused.
		{File: "all-accepted.xlsx", What: "the largest accepted shapes at once: dense-accepted's cells, 9,900 merged ranges on the criteria sheet and two pictures of 15 MB", Big: true, Build: func(tb testing.TB) []byte {
			data := corpusCase(tb, "dense-accepted.xlsx").Build(tb)
			data = editPart(tb, data, "xl/worksheets/sheet6.xml", func(s string) string {
				var b strings.Builder
				for i := range 9900 {
					r, c := 200+i/8, 1+2*(i%8)
					fmt.Fprintf(&b, `<mergeCell ref="%s%d:%s%d"/>`, colName(c), r, colName(c+1), r)
				}
				return mergeCells(s, b.String(), 9900)
			})
			picture := make([]byte, 15<<20)
			return editParts(tb, data, nil, zpart{"xl/media/image1.png", picture}, zpart{"xl/media/image2.png", picture})
		}},
		{File: "shared-strings-flood.xlsx", What: "the shared strings padded to just under 16 MB with a million short strings no cell uses", Big: true, Build: func(tb testing.TB) []byte {
			return editPart(tb, base(tb), "xl/sharedStrings.xml", func(s string) string {
				pad, _ := fill(s, maxSharedStrings-64<<10, func(i int) string { return fmt.Sprintf("<si><t>%d</t></si>", i) })
				return strings.Replace(s, "</sst>", pad+"</sst>", 1)
			})
		}},
		{File: "styles-flood.xlsx", What: "the styles padded to just under 2 MB (the reader's limit for parts but sheets and shared strings) with cell formats no cell uses", Big: true, Build: func(tb testing.TB) []byte {
			return editPart(tb, base(tb), "xl/styles.xml", func(s string) string {
				pad, _ := fill(s, maxOtherXML-64<<10, func(int) string { return `<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>` })
				i := strings.Index(s, "</cellXfs>")
				return s[:i] + pad + s[i:]
			})
		}},
		{File: "styles-too-large.xlsx", What: "the styles padded to 16 MB with cell formats: refused before excelize parses them as it opens the file", Big: true, Build: func(tb testing.TB) []byte {
			return editPart(tb, base(tb), "xl/styles.xml", func(s string) string {
				pad, _ := fill(s, 16<<20, func(int) string { return `<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>` })
				i := strings.Index(s, "</cellXfs>")
				return s[:i] + pad + s[i:]
			})
		}},
		{File: "sheet-list-flood.xlsx", What: "the workbook part padded to just under 2 MB with sheets that have no part", Big: true, Build: func(tb testing.TB) []byte {
			return editPart(tb, base(tb), "xl/workbook.xml", func(s string) string {
				pad, _ := fill(s, maxOtherXML-64<<10, func(i int) string { return fmt.Sprintf(`<sheet name="S%d" sheetId="%d" r:id="rIdX%d"/>`, i, 100+i, i) })
				return strings.Replace(s, "</sheets>", pad+"</sheets>", 1)
			})
		}},
		{File: "pictures-unpacked-large.xlsx", What: "two pictures of 62 MB each (zeros): zipcheck lets 128 MB through, the reader 32 MB", Big: true, Build: pictures(62)},
		{File: "far-cells.xlsx", What: "a text at XFD1048576 on every sheet", Big: true, Build: func(tb testing.TB) []byte {
			return everySheet(tb, base(tb), func(s string) string {
				return beforeSheetDataEnd(s, `<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>`)
			})
		}},
		{File: "wide-rows.xlsx", What: "a team sheet with 30 rows that each have a cell in column XFD", Big: true, Build: func(tb testing.TB) []byte {
			return editPart(tb, base(tb), partTeam, func(s string) string {
				var b strings.Builder
				for r := 100; r < 130; r++ {
					fmt.Fprintf(&b, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, r, r)
				}
				return beforeSheetDataEnd(s, b.String())
			})
		}},
		{File: "dense-cells.xlsx", What: "every sheet filled to just under 2 MB with small numeric cells below its table", Big: true, Build: func(tb testing.TB) []byte {
			return everySheet(tb, base(tb), func(s string) string {
				rows, _ := fill(s, sheetLimit, func(i int) string {
					r := 200 + i
					var b strings.Builder
					fmt.Fprintf(&b, `<row r="%d">`, r)
					for c := 1; c <= 20; c++ {
						fmt.Fprintf(&b, `<c r="%s%d"><v>%d</v></c>`, colName(c), r, c)
					}
					b.WriteString("</row>")
					return b.String()
				})
				return beforeSheetDataEnd(s, rows)
			})
		}},
		{File: "merged-ranges.xlsx", What: "every sheet filled to just under 2 MB with merged ranges (some 80,000 a sheet)", Big: true, Build: func(tb testing.TB) []byte {
			return everySheet(tb, base(tb), func(s string) string {
				cells, n := fill(s, sheetLimit, func(i int) string {
					r, c := 200+i/8, 1+2*(i%8)
					return fmt.Sprintf(`<mergeCell ref="%s%d:%s%d"/>`, colName(c), r, colName(c+1), r)
				})
				return mergeCells(s, cells, n)
			})
		}},
	}
}

// pictures returns a builder of the filled workbook with two pictures of
// mb MB of zeros each.
func pictures(mb int) func(tb testing.TB) []byte {
	return func(tb testing.TB) []byte {
		picture := make([]byte, mb<<20)
		base := filled(tb, domain.Swedish)
		return editParts(tb, base, nil, zpart{"xl/media/image1.png", picture}, zpart{"xl/media/image2.png", picture})
	}
}

// corpusCase returns the corpus case of file.
func corpusCase(tb testing.TB, file string) CorpusCase {
	tb.Helper()
	for _, c := range CorpusCases() {
		if c.File == file {
			return c
		}
	}
	tb.Fatalf("no corpus case %s", file)
	return CorpusCase{}
}

// TestAnnotateBounded: annotating checks a workbook as reading does
// before excelize parses it. 80,000 merged ranges a sheet took minutes
// to annotate; those shapes are refused at once, and the largest the
// reader accepts are annotated. A done context stops the work.
func TestAnnotateBounded(t *testing.T) {
	org := testOrg()
	note := domain.Findings{{Code: "MB0212", Severity: domain.SeverityError, MessageID: "FindingGoalMissingWhat",
		Location: domain.Location{File: "x.xlsx", Sheet: "Småbarn", Cell: "C5"}, Data: map[string]any{"Team": "Småbarn", "Goal": 1}}}
	for _, tt := range []struct {
		file    string
		refused bool
	}{
		{"merged-ranges.xlsx", true},
		{"far-cells.xlsx", true},
		{"dense-cells.xlsx", true},
		{"xxe-shared-strings.xlsx", true},
		{"merged-accepted.xlsx", false},
		{"far-row-accepted.xlsx", false},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data := corpusCase(t, tt.file).Build(t)
			err := Annotate(bytes.NewReader(data), int64(len(data)), io.Discard, nil, org, note)
			if got := errors.Is(err, ErrRefused); got != tt.refused {
				t.Fatalf("Annotate = %v, want refused %v", err, tt.refused)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data := filled(t, domain.Swedish)
	if err := AnnotateContext(ctx, bytes.NewReader(data), int64(len(data)), io.Discard, nil, org, note); !errors.Is(err, context.Canceled) {
		t.Fatalf("Annotate under a done context = %v", err)
	}
}
