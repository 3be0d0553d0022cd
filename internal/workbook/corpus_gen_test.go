package workbook

// The bad-workbook corpus: every way a returned file can be wrong that
// the issues name, built from a generated and filled workbook by the edit
// that makes it wrong. corpus_test.go (package workbook_test) runs each
// through the whole validate batch and compares with its golden file.

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

// CorpusCase is one bad or odd file of the corpus.
type CorpusCase struct {
	// File is the file's name in testdata/corpus.
	File string
	// What says what is wrong with it.
	What string
	// Round is the round the batch expects (--round), if any.
	Round string
	// Big cases are built at test time and never committed: a zip bomb
	// and an archive of 10,001 entries.
	Big bool
	// Soffice is a LibreOffice format ("xls", "xlsx") the output of
	// Build is converted to; the committed file is kept when soffice is
	// not installed.
	Soffice string
	// Build makes the file's bytes.
	Build func(tb testing.TB) []byte
}

// CorpusOrg is the organisation the corpus is checked against.
func CorpusOrg() *domain.Organisation { return testOrg() }

// CorpusCases returns the corpus, in the order of its file names.
func CorpusCases() []CorpusCase {
	// base is built once per call: every case starts from the same
	// filled workbook of Förskolan Björken.
	var baseData []byte
	base := func(tb testing.TB) []byte {
		if baseData == nil {
			baseData = filled(tb, domain.Swedish)
		}
		return baseData
	}
	set := func(sheet string, cells ...string) func(tb testing.TB) []byte {
		return func(tb testing.TB) []byte {
			return edit(tb, base(tb), func(f *excelize.File) {
				for i := 0; i+1 < len(cells); i += 2 {
					must(tb, f.SetCellStr(sheet, cells[i], cells[i+1]))
				}
			})
		}
	}
	const team = "Småbarn"
	cases := []CorpusCase{
		// Not a workbook at all.
		{File: "empty.xlsx", What: "0 bytes", Build: func(testing.TB) []byte { return []byte{} }},
		{File: "text-renamed.xlsx", What: "a text file renamed .xlsx", Build: func(testing.TB) []byte {
			return []byte("Våra mål för 2027:\n1. Alla barn ska känna sig trygga.\n")
		}},
		{File: "pdf-renamed.xlsx", What: "a PDF renamed .xlsx", Build: func(testing.TB) []byte {
			return []byte("%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")
		}},
		{File: "word-renamed.xlsx", What: "a Word document (zip without xl/workbook.xml) renamed .xlsx", Build: func(tb testing.TB) []byte {
			return rezip(tb, []zpart{{"[Content_Types].xml", []byte(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)},
				{"word/document.xml", []byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`)}})
		}},
		{File: "truncated.xlsx", What: "the first half of a filled workbook (cut off in transit)", Build: func(tb testing.TB) []byte {
			b := base(tb)
			return b[:len(b)/2]
		}},
		{File: "old-format.xls", What: "an Excel 97–2003 file saved by LibreOffice", Soffice: "xls", Build: base},
		{File: "old-format-renamed.xlsx", What: "an Excel 97–2003 file renamed .xlsx", Soffice: "xls", Build: base},
		{File: "encrypted.xlsx", What: "a filled workbook saved with a password to open (agile encryption, by excelize)", Build: func(tb testing.TB) []byte {
			f, err := excelize.OpenReader(bytes.NewReader(base(tb)))
			if err != nil {
				tb.Fatal(err)
			}
			defer f.Close()
			var buf bytes.Buffer
			if err := f.Write(&buf, excelize.Options{Password: "hemligt"}); err != nil {
				tb.Fatal(err)
			}
			return buf.Bytes()
		}},
		{File: "zip-encrypted.xlsx", What: "an entry with the zip encryption flag", Build: func(tb testing.TB) []byte {
			return patchCentral(tb, base(tb), "xl/worksheets/sheet4.xml", func(h []byte) { h[8] |= 1 })
		}},
		{File: "corrupted-crc.xlsx", What: "a team sheet whose CRC does not match (excelize would read it)", Build: func(tb testing.TB) []byte {
			return patchCentral(tb, base(tb), "xl/worksheets/sheet4.xml", func(h []byte) { h[16] ^= 0xff })
		}},
		{File: "length-lies.xlsx", What: "an entry that unpacks to more than its header says", Build: func(tb testing.TB) []byte {
			return patchCentral(tb, base(tb), "xl/sharedStrings.xml", func(h []byte) { binary.LittleEndian.PutUint32(h[24:], 100) })
		}},
		{File: "duplicate-entry.xlsx", What: "xl/workbook.xml twice", Build: func(tb testing.TB) []byte {
			return editParts(tb, base(tb), nil, zpart{"xl/workbook.xml", []byte("<workbook/>")})
		}},
		{File: "entry-dotdot.xlsx", What: "an entry named ../x", Build: func(tb testing.TB) []byte {
			return editParts(tb, base(tb), nil, zpart{"../x", []byte("x")})
		}},
		{File: "entry-absolute.xlsx", What: "an entry named /tmp/x", Build: func(tb testing.TB) []byte {
			return editParts(tb, base(tb), nil, zpart{"/tmp/x", []byte("x")})
		}},
		{File: "zip-bomb.xlsx", What: "4 sheets of 50 MB of zeros each: 200 MB unpacked from a small file", Big: true, Build: zipBomb},
		{File: "many-entries.xlsx", What: "10,001 entries", Big: true, Build: manyEntries},
		{File: "sheet-too-large.xlsx", What: "a team sheet with 2 MB of rows added below its table (50,000 rows of one cell)", Big: true, Build: func(tb testing.TB) []byte {
			var rows strings.Builder
			for r := 100; rows.Len() <= maxSheetXML; r++ {
				fmt.Fprintf(&rows, `<row r="%d"><c r="F%d"><v>%d</v></c></row>`, r, r, r)
			}
			return editPart(tb, base(tb), "xl/worksheets/sheet4.xml", func(s string) string {
				return strings.Replace(s, "</sheetData>", rows.String()+"</sheetData>", 1)
			})
		}},

		// Crash shapes of recent excelize advisories, in a sound archive.
		{File: "row-minus-one.xlsx", What: `a row numbered -1 in a team sheet`, Build: replacePart("xl/worksheets/sheet4.xml", `<row r="5"`, `<row r="-1"`)},
		{File: "row-max.xlsx", What: `a row numbered 2147483647 in a team sheet`, Build: replacePart("xl/worksheets/sheet4.xml", `<row r="5"`, `<row r="2147483647"`)},
		{File: "shared-string-negative.xlsx", What: "a shared-string cell with index -1", Build: replaceRegexpOnce("xl/worksheets/sheet4.xml", `<c r="C5"`, `t="s"><v>`, "-1")},
		{File: "style-negative.xlsx", What: `a cell with style index -1`, Build: replacePart("xl/worksheets/sheet4.xml", `<c r="C7" s="`, `<c r="C7" s="-1" x="`)},
		{File: "merge-empty-ref.xlsx", What: `a merge cell with an empty reference`, Build: insertAfter("xl/worksheets/sheet4.xml", `</sheetData>`, `<mergeCells count="1"><mergeCell ref=""/></mergeCells>`)},
		{File: "cells-out-of-order.xlsx", What: "rows and cells of a team sheet in reverse order", Build: reverseRows("xl/worksheets/sheet4.xml")},
		{File: "broken-xml.xlsx", What: "a team sheet cut off in the middle of its XML, in a sound archive", Build: func(tb testing.TB) []byte {
			return editParts(tb, base(tb), func(name string, b []byte) []byte {
				if name == "xl/worksheets/sheet4.xml" {
					return b[:len(b)/2]
				}
				return b
			})
		}},

		// Identity.
		{File: "plain-excel.xlsx", What: "an Excel workbook that is not ours", Build: func(tb testing.TB) []byte {
			f := excelize.NewFile()
			defer f.Close()
			must(tb, f.SetCellStr("Sheet1", "A1", "Våra mål"))
			var buf bytes.Buffer
			_, err := f.WriteTo(&buf)
			must(tb, err)
			return buf.Bytes()
		}},
		{File: "forskolan-bjorken.xlsx", What: "named after Björken but the (empty) workbook of another unit, Förrådet: read as Förrådet", Build: func(tb testing.TB) []byte {
			return generateFilled(tb, testOrg(), Options{Unit: "forradet"}, nil)
		}},
		{File: "last-period.xlsx", What: "last period's workbook (2026)", Build: func(tb testing.TB) []byte {
			org := testOrg()
			org.Period, org.PeriodStart, org.PeriodEnd = "2026", domain.NewDate(2026, 1, 1), domain.NewDate(2026, 12, 31)
			return generateFilled(tb, org, Options{Unit: "bjorken"}, answers(""))
		}},
		{File: "other-organisation.xlsx", What: "a workbook of Storuman kommun", Build: func(tb testing.TB) []byte {
			org := testOrg()
			org.ID, org.Name = "storuman", "Storumans kommun"
			return generateFilled(tb, org, Options{Unit: "bjorken"}, answers(""))
		}},
		{File: "other-round.xlsx", What: "a follow-up workbook (november) in a collection of the planning round", Round: domain.PlanRound, Build: func(tb testing.TB) []byte {
			return generateFilled(tb, testOrg(), Options{Unit: "bjorken", Round: "november"}, answers("november"))
		}},
		{File: "unknown-unit.xlsx", What: "a unit the config does not know (removed since)", Build: func(tb testing.TB) []byte {
			org := testOrg()
			org.Units = append(org.Units, domain.Unit{ID: "granen", Name: "Förskolan Granen", Department: "skola"})
			org.Teams = append(org.Teams, domain.Team{ID: "granen-lag", Name: "Granen", Unit: "granen"})
			return generateFilled(tb, org, Options{Unit: "granen"}, nil)
		}},
		{File: "older-template.xlsx", What: "made with template version 0", Build: func(tb testing.TB) []byte {
			return setCorpusIdentity(tb, base(tb), idTemplateVersion, "0", true)
		}},
		{File: "older-config.xlsx", What: "made before HR reworded the vision and the department goal: untouched, but the config has changed since", Build: func(tb testing.TB) []byte {
			org := testOrg()
			org.Vision = "Sorsele – en kommun att längta till."
			org.Departments[0].Goals[0].Text = "Skolan ger alla barn en trygg start."
			return filledWith(tb, org, domain.Swedish)
		}},
		{File: "identity-mismatch.xlsx", What: "properties say Förrådet, the identity sheet Björken", Build: func(tb testing.TB) []byte {
			return setCorpusIdentity(tb, base(tb), "unit", "forradet", false)
		}},

		// Structure.
		{File: "deleted-sheet.xlsx", What: "the second team's sheet deleted", Build: func(tb testing.TB) []byte {
			return edit(tb, base(tb), func(f *excelize.File) { must(tb, f.DeleteSheet("Stora barn- 4–5 år")) })
		}},
		{File: "tampered-prefill.xlsx", What: "the vision (locked, pre-filled) rewritten", Build: set("Målhierarki", "C4", "Ett annat Sorsele")},
		{File: "renamed-moved-sheets.xlsx", What: "team sheets renamed and moved first", Build: func(tb testing.TB) []byte {
			return edit(tb, base(tb), func(f *excelize.File) {
				must(tb, f.SetSheetName(team, "Lag 1"))
				must(tb, f.MoveSheet("Lag 1", "Instruktioner"))
			})
		}},
		{File: "inserted-rows.xlsx", What: "rows inserted inside the unit goals and a team table", Build: func(tb testing.TB) []byte {
			return edit(tb, base(tb), func(f *excelize.File) {
				must(tb, f.InsertRows("Enhetens mål", 6, 1))
				must(tb, f.SetCellStr("Enhetens mål", "B6", "Ett mål på en infogad rad"))
				must(tb, f.InsertRows(team, 6, 1))
				must(tb, f.SetCellStr(team, "C6", "en kommentar"))
			})
		}},
		{File: "protection-removed.xlsx", What: "sheet protection removed from every sheet", Build: func(tb testing.TB) []byte {
			return edit(tb, base(tb), func(f *excelize.File) {
				for _, s := range f.GetSheetList() {
					_ = f.UnprotectSheet(s) // sheets without protection say so; that is fine
				}
			})
		}},
		{File: "extra-sheet.xlsx", What: "a sheet of the manager's own notes added", Build: func(tb testing.TB) []byte {
			return edit(tb, base(tb), func(f *excelize.File) {
				_, err := f.NewSheet("Anteckningar")
				must(tb, err)
				must(tb, f.SetCellStr("Anteckningar", "A1", "Att tänka på till nästa år"))
			})
		}},
		{File: "libreoffice-saved.xlsx", What: "a valid filled workbook saved again by LibreOffice", Soffice: "xlsx", Build: base},
		{File: "valid.xlsx", What: "a valid filled workbook (the control)", Build: base},

		// Content.
		{File: "four-goals.xlsx", What: "a column inserted in a team's table and four goals written", Build: func(tb testing.TB) []byte {
			return edit(tb, base(tb), func(f *excelize.File) {
				must(tb, f.InsertCols(team, "E", 1))
				for _, col := range []string{"D", "E"} {
					for _, c := range [][2]string{{"5", "Ett mål till " + col}, {"7", "Så här"}, {"8", "Samtal"}, {"10", "Arbetslaget"}} {
						must(tb, f.SetCellStr(team, col+c[0], c[1]))
					}
					must(tb, f.SetCellValue(team, col+"9", 46600))
				}
			})
		}},
		{File: "missing-how.xlsx", What: "goal 1 of Småbarn without Hur", Build: set(team, "C7", "")},
		{File: "missing-what.xlsx", What: "goal 1 of Småbarn without Vad", Build: set(team, "C5", "")},
		{File: "team-no-goals.xlsx", What: "the second team's goal emptied", Build: set("Stora barn- 4–5 år", "C5", "", "C6", "", "C7", "", "C8", "", "C9", "", "C10", "", "C13", "")},
		{File: "bad-date.xlsx", What: `"snart" as a follow-up date`, Build: set(team, "C9", "snart")},
		{File: "date-outside-period.xlsx", What: "a follow-up date in 2030", Build: set(team, "C9", "2030-01-15")},
		{File: "status-outside-scale.xlsx", What: `a follow-up workbook with the status "Kanske"`, Build: func(tb testing.TB) []byte {
			b := generateFilled(tb, testOrg(), Options{Unit: "bjorken", Round: "november"}, answers("november"))
			return edit(tb, b, func(f *excelize.File) { must(tb, f.SetCellStr(team, "C17", "Kanske")) })
		}},
		{File: "unknown-value.xlsx", What: `a value not in the värdegrund`, Build: set(team, "C13", "Ödmjukhet")},
		{File: "text-too-long.xlsx", What: "a Hur of 1,290 characters (limit 1,000)", Build: set(team, "C7", strings.Repeat("Vi arbetar med barnens trygghet varje dag. ", 30))},
		{File: "formula-input.xlsx", What: "a formula in an input cell", Build: func(tb testing.TB) []byte {
			return edit(tb, base(tb), func(f *excelize.File) { must(tb, f.SetCellFormula(team, "C8", `"Enkät"&" till vårdnadshavare"`)) })
		}},
		{File: "external-link-formula.xlsx", What: "an input cell that refers to another workbook", Build: func(tb testing.TB) []byte {
			return edit(tb, base(tb), func(f *excelize.File) { must(tb, f.SetCellFormula(team, "C8", `[1]Blad1!A1`)) })
		}},
		{File: "external-link-part.xlsx", What: "a link part (xl/externalLinks) to another workbook", Build: func(tb testing.TB) []byte {
			return editParts(tb, base(tb), nil, zpart{"xl/externalLinks/externalLink1.xml",
				[]byte(`<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook/></externalLink>`)})
		}},

		// Files the batch skips.
		{File: "~$valid.xlsx", What: "an Excel lock file", Build: func(testing.TB) []byte { return append([]byte{7}, []byte("Anna Exempel")...) }},
		{File: ".hidden.xlsx", What: "a hidden file (a macOS resource fork)", Build: func(testing.TB) []byte { return []byte("\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X") }},
		{File: "notes.txt", What: "a file that is no workbook", Build: func(testing.TB) []byte { return []byte("Kom ihåg: skicka in senast 26 februari.\n") }},
	}
	return append(cases, hostileCases(base)...)
}

// BuildCorpus writes every small case into dir, or those whose file name
// matches the regular expression only: what Build makes, or its
// LibreOffice conversion. Conversions are skipped, keeping the committed
// file, when soffice is not installed.
func BuildCorpus(t *testing.T, dir, only string) {
	t.Helper()
	match, err := regexp.Compile(only)
	if err != nil {
		t.Fatalf("-corpus: %v", err)
	}
	for _, c := range CorpusCases() {
		if c.Big || !match.MatchString(c.File) {
			continue
		}
		data := c.Build(t)
		if c.Soffice != "" {
			var ok bool
			if data, ok = convert(t, data, c.Soffice); !ok {
				t.Logf("%s: soffice not installed; the committed file is kept", c.File)
				continue
			}
		}
		if err := os.WriteFile(filepath.Join(dir, c.File), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// convert saves data with LibreOffice in format; false when soffice is
// not installed.
func convert(t *testing.T, data []byte, format string) ([]byte, bool) {
	t.Helper()
	if _, err := exec.LookPath("soffice"); err != nil {
		return nil, false
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.xlsx")
	must(t, os.WriteFile(in, data, 0o644))
	out := filepath.Join(dir, "out")
	soffice(t, format, out, in)
	b, err := os.ReadFile(filepath.Join(out, "in."+format))
	must(t, err)
	return b, true
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// generateFilled writes the workbook of opts and fills in sub, when not nil.
func generateFilled(tb testing.TB, org *domain.Organisation, opts Options, sub *domain.Submission) []byte {
	tb.Helper()
	var gen, out bytes.Buffer
	_, err := Write(&gen, org, opts)
	must(tb, err)
	if sub == nil {
		return gen.Bytes()
	}
	must(tb, Fill(bytes.NewReader(gen.Bytes()), int64(gen.Len()), &out, sub, org))
	return out.Bytes()
}

// setCorpusIdentity sets key in the document properties and, if sheet, in the
// identity sheet too.
func setCorpusIdentity(tb testing.TB, data []byte, key, value string, sheet bool) []byte {
	tb.Helper()
	return edit(tb, data, func(f *excelize.File) {
		must(tb, f.SetCustomProps(excelize.CustomProperty{Name: "malarbete." + key, Value: value}))
		if !sheet {
			return
		}
		rows, err := f.GetRows("_malarbete")
		must(tb, err)
		for i, r := range rows {
			if len(r) > 0 && r[0] == key {
				must(tb, f.SetCellStr("_malarbete", fmt.Sprintf("B%d", i+1), value))
				return
			}
		}
		tb.Fatalf("identity sheet has no %s", key)
	})
}

// replacePart returns a builder that replaces the first old in one part
// of the filled workbook by new.
func replacePart(name, old, new string) func(tb testing.TB) []byte {
	return func(tb testing.TB) []byte {
		return editPart(tb, filled(tb, domain.Swedish), name, func(s string) string {
			if !strings.Contains(s, old) {
				tb.Fatalf("%s has no %q", name, old)
			}
			return strings.Replace(s, old, new, 1)
		})
	}
}

// replaceRegexpOnce returns a builder that, in the element starting with
// start, replaces the value after marker up to the next '<' by value.
func replaceRegexpOnce(name, start, marker, value string) func(tb testing.TB) []byte {
	return func(tb testing.TB) []byte {
		return editPart(tb, filled(tb, domain.Swedish), name, func(s string) string {
			i := strings.Index(s, start)
			if i < 0 {
				tb.Fatalf("%s has no %q", name, start)
			}
			j := strings.Index(s[i:], marker)
			if j < 0 {
				tb.Fatalf("%s has no %q after %q", name, marker, start)
			}
			j += i + len(marker)
			k := strings.IndexByte(s[j:], '<') + j
			return s[:j] + value + s[k:]
		})
	}
}

// insertAfter returns a builder that inserts text after the first anchor.
func insertAfter(name, anchor, text string) func(tb testing.TB) []byte {
	return replacePart(name, anchor, anchor+text)
}

// reverseRows returns a builder that writes the rows of a sheet, and the
// cells of each row, in reverse order: Excel never does, excelize had to
// learn to sort them.
func reverseRows(name string) func(tb testing.TB) []byte {
	return func(tb testing.TB) []byte {
		return editPart(tb, filled(tb, domain.Swedish), name, func(s string) string {
			a := strings.Index(s, "<sheetData>") + len("<sheetData>")
			b := strings.Index(s, "</sheetData>")
			if a < len("<sheetData>") || b < a {
				tb.Fatalf("%s has no sheetData", name)
			}
			rows := splitElements(s[a:b], "<row ", "</row>")
			var out strings.Builder
			for i := len(rows) - 1; i >= 0; i-- {
				r := rows[i]
				open := strings.IndexByte(r, '>') + 1
				if strings.HasSuffix(r[:open], "/>") {
					out.WriteString(r)
					continue
				}
				cells := splitElements(r[open:len(r)-len("</row>")], "<c ", "</c>")
				out.WriteString(r[:open])
				for j := len(cells) - 1; j >= 0; j-- {
					out.WriteString(cells[j])
				}
				out.WriteString("</row>")
			}
			return s[:a] + out.String() + s[b:]
		})
	}
}

// splitElements splits s into the elements that start with open and end
// with close (or "/>" when empty).
func splitElements(s, open, close string) []string {
	var out []string
	for {
		i := strings.Index(s, open)
		if i < 0 {
			return out
		}
		s = s[i:]
		end := strings.IndexByte(s, '>')
		if s[end-1] == '/' {
			out = append(out, s[:end+1])
			s = s[end+1:]
			continue
		}
		j := strings.Index(s, close) + len(close)
		out = append(out, s[:j])
		s = s[j:]
	}
}

// editPart rewrites one part of data with fn.
func editPart(tb testing.TB, data []byte, name string, fn func(string) string) []byte {
	tb.Helper()
	found := false
	out := editParts(tb, data, func(n string, b []byte) []byte {
		if n != name {
			return b
		}
		found = true
		return []byte(fn(string(b)))
	})
	if !found {
		tb.Fatalf("no part %s", name)
	}
	return out
}

// patchCentral applies fn to the central directory header of entry name
// (46 bytes and the name), leaving the entry's data as they are.
func patchCentral(tb testing.TB, data []byte, name string, fn func(h []byte)) []byte {
	tb.Helper()
	out := bytes.Clone(data)
	sig := []byte("PK\x01\x02")
	for i := bytes.Index(out, sig); i >= 0; {
		n := int(binary.LittleEndian.Uint16(out[i+28:]))
		if string(out[i+46:i+46+n]) == name {
			fn(out[i : i+46])
			return out
		}
		j := bytes.Index(out[i+4:], sig)
		if j < 0 {
			break
		}
		i += 4 + j
	}
	tb.Fatalf("no central header for %s", name)
	return nil
}

// zipBomb is a workbook whose four sheets are 50 MB of zeros each: about
// 200 MB unpacked from a file of a few hundred KB. Every size is
// declared truthfully; the total is what gives it away.
func zipBomb(tb testing.TB) []byte {
	tb.Helper()
	zeros := make([]byte, 50<<20)
	ps := parts(tb, filled(tb, domain.Swedish))
	n := 0
	for i := range ps {
		if strings.HasPrefix(ps[i].name, "xl/worksheets/sheet") && n < 4 {
			ps[i].data = zeros
			n++
		}
	}
	if n != 4 {
		tb.Fatalf("%d sheets to fill, want 4", n)
	}
	return rezip(tb, ps)
}

// manyEntries is a filled workbook with 10,001 more (empty) entries.
func manyEntries(tb testing.TB) []byte {
	tb.Helper()
	ps := parts(tb, filled(tb, domain.Swedish))
	for i := range 10001 {
		ps = append(ps, zpart{fmt.Sprintf("xl/media/image%d.png", i), []byte{}})
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range ps {
		// Stored: 10,001 deflate streams would cost seconds for nothing.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
		must(tb, err)
		_, err = w.Write(p.data)
		must(tb, err)
	}
	must(tb, zw.Close())
	return buf.Bytes()
}

// SecretWorkbook is the filled workbook with secret typed into invalid
// cells of every kind whose finding quotes the cell: a date, a value, a
// department goal, and a Hur made too long by repeating it.
func SecretWorkbook(tb testing.TB, secret string) []byte {
	tb.Helper()
	return edit(tb, filled(tb, domain.Swedish), func(f *excelize.File) {
		must(tb, f.SetCellStr("Småbarn", "C9", secret))
		must(tb, f.SetCellStr("Småbarn", "C13", secret))
		must(tb, f.SetCellStr("Småbarn", "C7", strings.Repeat(secret+" ", 1000/len([]rune(secret))+1)))
		must(tb, f.SetCellStr("Enhetens mål", "C5", secret))
	})
}
