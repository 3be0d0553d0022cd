package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/zipcheck"
)

// filled returns a generated and filled workbook of Förskolan Björken.
func filled(t testing.TB, lang domain.Lang) []byte {
	t.Helper()
	return filledWith(t, testOrg(), lang)
}

// filledWith is filled for a workbook generated from org.
func filledWith(t testing.TB, org *domain.Organisation, lang domain.Lang) []byte {
	t.Helper()
	var gen, out bytes.Buffer
	if _, err := Write(&gen, org, Options{Unit: "bjorken", Lang: lang}); err != nil {
		t.Fatal(err)
	}
	if err := Fill(bytes.NewReader(gen.Bytes()), int64(gen.Len()), &out, answers(""), org); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// edit opens data with excelize, applies fn and returns the saved bytes.
func edit(t testing.TB, data []byte, fn func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fn(f)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipOf(t testing.TB, entries map[string][]byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range entries {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zw.Close()
	return buf.Bytes()
}

func TestReadFindings(t *testing.T) {
	good := filled(t, domain.Swedish)
	plain := excelize.NewFile()
	var plainBuf bytes.Buffer
	plain.WriteTo(&plainBuf)
	tests := []struct {
		name string
		data []byte
		code string
		// cell is where the finding points, if anywhere.
		cell    string
		nilSub  bool
		checkFn func(t *testing.T, sub *domain.Submission)
		// absent is a code that must not be found.
		absent string
	}{
		{name: "empty file", data: nil, code: "MB0310", nilSub: true},
		{name: "text renamed", data: []byte("Hej! Det här är ingen arbetsbok.\n"), code: "MB0310", nilSub: true},
		{name: "truncated zip", data: good[:len(good)/2], code: "MB0309", nilSub: true},
		// Real .xls and encrypted files are in the corpus (corpus_test.go).
		{name: "compound file of no kind", data: append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), code: "MB0310", nilSub: true},
		{name: "zip without workbook", data: zipOf(t, map[string][]byte{"a.txt": []byte("x")}), code: "MB0310", nilSub: true},
		{name: "entry too large", data: zipOf(t, map[string][]byte{"xl/workbook.xml": make([]byte, zipcheck.DefaultLimits().MaxEntrySize+1)}), code: "MB0314", nilSub: true},
		{name: "sizes that lie", data: lyingZip(t), code: "MB0309", nilSub: true},
		{name: "zip slip", data: zipOf(t, map[string][]byte{"../evil": []byte("x"), "xl/workbook.xml": []byte("x")}), code: "MB0315", nilSub: true},
		{name: "not ours", data: plainBuf.Bytes(), code: "MB0301", nilSub: true},
		{name: "deleted team sheet", data: edit(t, good, func(f *excelize.File) { f.DeleteSheet("Stora barn- 4–5 år") }), code: "MB0302"},
		{name: "tampered vision", data: edit(t, good, func(f *excelize.File) { f.SetCellStr("Målhierarki", "C4", "Ett annat Sorsele") }), code: "MB0303", cell: "C4"},
		{name: "bad date", data: edit(t, good, func(f *excelize.File) { f.SetCellStr("Småbarn", "C9", "snart") }), code: "MB0304", cell: "C9",
			checkFn: func(t *testing.T, sub *domain.Submission) {
				if w := sub.Teams[0].Goals[0].FollowUp.When; !w.IsZero() {
					t.Errorf("when = %v", w)
				}
			}},
		{name: "formula", data: edit(t, good, func(f *excelize.File) { f.SetCellFormula("Småbarn", "D5", `"Bättre"&" samarbete"`) }), code: "MB0305", cell: "D5"},
		{name: "external link", data: edit(t, good, func(f *excelize.File) { f.SetCellFormula("Småbarn", "D5", `[1]Blad1!A1`) }), code: "MB0306", cell: "D5"},
		{name: "brackets in a text formula", data: edit(t, good, func(f *excelize.File) {
			f.SetCellFormula("Småbarn", "D5", `"Minska energin [kWh] med 10 %"`)
			f.SetCellFormula("Småbarn", "D7", `'Stora barn- 4–5 år'!C5&" [se lag 2]"`)
		}), code: "MB0305", cell: "D5", absent: "MB0306"},
		{name: "a fourth goal", data: edit(t, good, func(f *excelize.File) { f.SetCellStr("Småbarn", "F5", "Ett fjärde mål") }), code: "MB0317", cell: "F5"},
		{name: "a note far below", data: edit(t, good, func(f *excelize.File) { f.SetCellStr("Enhetens mål", "B40", "Glöm inte budgeten") }), code: "MB0317", cell: "B40"},
		{name: "beside the criteria", data: edit(t, good, func(f *excelize.File) { f.SetCellStr("Lönekriterier", "H5", "Se också lönepolicyn") }), code: "MB0317", cell: "H5"},
		{name: "below the instructions", data: edit(t, good, func(f *excelize.File) { f.SetCellStr("Instruktioner", "A30", "Hej HR!") }), code: "MB0317", cell: "A30"},
		{name: "edited instruction", data: edit(t, good, func(f *excelize.File) { f.SetCellStr("Instruktioner", "B6", "Senast när vi hinner") }), code: "MB0318", cell: "B6"},
		{name: "names removed", data: edit(t, good, func(f *excelize.File) {
			for _, dn := range f.GetDefinedName() {
				if strings.HasPrefix(dn.Name, "MB_") {
					f.DeleteDefinedName(&excelize.DefinedName{Name: dn.Name})
				}
			}
		}), code: "MB0312", checkFn: func(t *testing.T, sub *domain.Submission) {
			if len(sub.UnitGoals) != 2 || len(sub.Teams) != 2 || len(sub.Teams[0].Goals) != 2 || sub.Teams[0].Goals[1].Slot != 3 || len(sub.Criteria) != 3 {
				t.Errorf("fallback read %+v", strip(sub))
			}
		}},
		{name: "rows inserted", data: edit(t, good, func(f *excelize.File) {
			f.InsertRows("Enhetens mål", 6, 1)
			f.SetCellStr("Enhetens mål", "B6", "Ett mål på en infogad rad")
			f.InsertRows("Småbarn", 6, 1)
			f.SetCellStr("Småbarn", "C6", "en kommentar")
		}), code: "", checkFn: func(t *testing.T, sub *domain.Submission) {
			ids := []string{}
			for _, g := range sub.UnitGoals {
				ids = append(ids, g.ID+"="+domain.Excerpt(g.Text, 6))
			}
			if strings.Join(ids, ",") != "e1=Alla b…,e6=Ett må…,e2=Utemil…" {
				t.Errorf("unit goals %v", ids)
			}
			if g := sub.Teams[0].Goals[0]; g.How == "" || g.Cells[domain.FieldHow].Ref != "C8" {
				t.Errorf("team goal after insert %+v", g)
			}
		}},
		{name: "identity sheet and names removed", data: edit(t, good, func(f *excelize.File) {
			f.SetSheetVisible("_malarbete", true)
			f.DeleteSheet("_malarbete")
			for _, dn := range f.GetDefinedName() {
				f.DeleteDefinedName(&excelize.DefinedName{Name: dn.Name, Scope: dn.Scope})
			}
		}), code: "MB0312", checkFn: func(t *testing.T, sub *domain.Submission) {
			if len(sub.Teams) != 2 || len(sub.Teams[0].Goals) != 2 || len(sub.UnitGoals) != 2 {
				t.Errorf("read by titles and team names: %+v", strip(sub))
			}
		}},
		{name: "identity sheet removed", data: edit(t, good, func(f *excelize.File) {
			f.SetSheetVisible("_malarbete", true)
			f.DeleteSheet("_malarbete")
		}), code: "", checkFn: func(t *testing.T, sub *domain.Submission) {
			if sub.Identity.Unit != "bjorken" || len(sub.Teams) != 2 {
				t.Errorf("identity from properties %+v", sub.Identity)
			}
		}},
		{name: "text date and 1904", data: edit(t, good, func(f *excelize.File) {
			f.SetCellStr("Småbarn", "C9", "15 mars 2027")
			t1904 := true
			f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &t1904})
		}), code: "", checkFn: func(t *testing.T, sub *domain.Submission) {
			if w := sub.Teams[0].Goals[0].FollowUp.When; w != domain.NewDate(2027, time.March, 15) {
				t.Errorf("text date %v", w)
			}
			if w := sub.Teams[0].Goals[1].FollowUp.When; w != domain.NewDate(2031, time.October, 2) {
				t.Errorf("1904 serial %v", w) // the serial typed for 2027-10-01 reads four years and a day later
			}
		}},
		{name: "rich text", data: edit(t, good, func(f *excelize.File) {
			f.SetCellRichText("Småbarn", "D5", []excelize.RichTextRun{{Text: "Bättre ", Font: &excelize.Font{Bold: true}}, {Text: "samarbete"}})
		}), code: "", checkFn: func(t *testing.T, sub *domain.Submission) {
			if len(sub.Teams[0].Goals) != 3 || sub.Teams[0].Goals[1].What != "Bättre samarbete" {
				t.Errorf("rich text goal %+v", sub.Teams[0].Goals)
			}
		}},
		{name: "decimal and english label", data: edit(t, good, func(f *excelize.File) {
			f.SetCellFloat("Småbarn", "C12", 0.5, -1, 64)
			f.SetCellStr("Småbarn", "C13", "  RESPEKT ")
			f.SetCellStr("Småbarn", "C6", "Unit goal 2: something else")
		}), code: "", checkFn: func(t *testing.T, sub *domain.Submission) {
			g := sub.Teams[0].Goals[0]
			if g.Target != "0,5" || g.Value != "respekt" || g.UnitGoal != "e2" {
				t.Errorf("target %q value %q unit goal %q", g.Target, g.Value, g.UnitGoal)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub, fs, err := Read(context.Background(), bytes.NewReader(tt.data), int64(len(tt.data)), testOrg(), ReadOptions{Name: "x.xlsx"})
			if err != nil {
				t.Fatal(err)
			}
			if (sub == nil) != tt.nilSub {
				t.Fatalf("submission nil = %v", sub == nil)
			}
			found := tt.code == ""
			for _, f := range fs {
				if tt.absent != "" && f.Code == tt.absent {
					t.Errorf("unexpected %s: %+v", f.Code, f)
				}
				if f.Code == tt.code && (tt.cell == "" || f.Location.Cell == tt.cell) {
					found = true
				}
				if f.Location.File != "x.xlsx" || f.MessageID == "" {
					t.Errorf("finding without file or message: %+v", f)
				}
				if s, ok := f.Data["Text"].(string); ok && len([]rune(s)) > excerptLen+1 {
					t.Errorf("finding quotes too much: %q", s)
				}
			}
			if !found {
				t.Errorf("want %s at %q, got %+v", tt.code, tt.cell, fs)
			}
			if tt.code == "" && fs.HasErrors() {
				t.Errorf("unexpected errors %+v", fs)
			}
			if tt.checkFn != nil && sub != nil {
				tt.checkFn(t, sub)
			}
		})
	}
}

func TestParseTextDate(t *testing.T) {
	tests := []struct {
		in   string
		want domain.Date
		ok   bool
	}{
		{"2027-03-15", domain.NewDate(2027, 3, 15), true},
		{"2027-03-15T00:00:00", domain.NewDate(2027, 3, 15), true},
		{"2027/3/5", domain.NewDate(2027, 3, 5), true},
		{"15/3/2027", domain.NewDate(2027, 3, 15), true},
		{"15.3.2027", domain.NewDate(2027, 3, 15), true},
		{"15 mars 2027", domain.NewDate(2027, 3, 15), true},
		{"1 Maj 2027", domain.NewDate(2027, 5, 1), true},
		{"March 15, 2027", domain.NewDate(2027, 3, 15), true},
		{"2027-02-30", domain.Date{}, false},
		{"snart", domain.Date{}, false},
		{"15 smarch 2027", domain.Date{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseTextDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseTextDate(%q) = %v, %v", tt.in, got, ok)
		}
	}
}

// lyingZip has many entries that declare a few bytes each and unpack to
// more than the limit together.
func lyingZip(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	big := make([]byte, 8<<20)
	for i := 0; i < 10; i++ {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "xl/worksheets/sheet" + itoa(i) + ".xml", Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(big)
	}
	for _, name := range []string{"xl/workbook.xml", "[Content_Types].xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte("x"))
	}
	zw.Close()
	data := buf.Bytes()
	// Rewrite the declared sizes in the central directory to 1 byte.
	sig := []byte{0x50, 0x4b, 0x01, 0x02}
	for i := bytes.Index(data, sig); i >= 0; {
		binary.LittleEndian.PutUint32(data[i+24:], 1)
		j := bytes.Index(data[i+4:], sig)
		if j < 0 {
			break
		}
		i += 4 + j
	}
	return data
}

// TestOneCauseOneFinding: a deleted sheet is one finding, not one per
// pre-filled text it held; every finding names its sheet and is one line.
func TestOneCauseOneFinding(t *testing.T) {
	for _, sheet := range []string{"Lönekriterier", "Målhierarki", "Stora barn- 4–5 år"} {
		t.Run(sheet, func(t *testing.T) {
			data := edit(t, filled(t, domain.Swedish), func(f *excelize.File) { f.DeleteSheet(sheet) })
			_, fs, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), testOrg(), ReadOptions{Name: "x.xlsx"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				if f.Code == "MB0302" && f.Location.Sheet != sheet {
					t.Errorf("missing sheet named %q", f.Location.Sheet)
				}
				for _, v := range f.Data {
					if s, ok := v.(string); ok && strings.ContainsAny(s, "\r\n") {
						t.Errorf("%s quotes more than one line: %q", f.Code, s)
					}
				}
				got = append(got, f.Code+" "+f.Location.Sheet+" "+f.Location.Cell)
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], "MB0302") {
				t.Errorf("findings %q, want one MB0302", got)
			}
		})
	}
}

// TestInstructionsAsMade: a workbook as it was made raises nothing about
// its instructions when HR has changed the contact or deadline since; an
// edit of them is reported at the cell.
func TestInstructionsAsMade(t *testing.T) {
	data := filled(t, domain.Swedish)
	later := testOrg()
	later.HR.Phone = "070-123 45 67"
	later.Rounds[0].Deadline = domain.NewDate(2027, time.March, 5)
	for _, tt := range []struct {
		name string
		data []byte
		want int
	}{
		{"as made", data, 0},
		{"edited", edit(t, data, func(f *excelize.File) { f.SetCellStr("Instruktioner", "B7", "Ring mig") }), 1},
	} {
		_, fs, err := Read(context.Background(), bytes.NewReader(tt.data), int64(len(tt.data)), later, ReadOptions{Name: "x.xlsx"})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range fs {
			if f.Code == FindingInstructionChanged.Code {
				n++
			}
		}
		// An edit shows every cell that differs from today's config: the
		// edited one and those HR changed.
		if tt.want == 0 && n != 0 || tt.want > 0 && n < tt.want {
			t.Errorf("%s: %d MB0318 findings %+v", tt.name, n, fs)
		}
	}
}
