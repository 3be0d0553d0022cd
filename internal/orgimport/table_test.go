package orgimport

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/zipcheck"
)

func TestReadTable(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		encoding string
		sep      rune
		lines    []int
		cells    [][]string
	}{
		{"semicolons, CRLF, quoted newline", "Enhet;Chef\r\n\"Lönnen\r\nnorra\";\"Bo \"\"B\"\" Chef\"\r\n\r\nBjörken;A\r\n", EncodingUTF8, ';', []int{1, 2, 5},
			[][]string{{"Enhet", "Chef"}, {"Lönnen norra", `Bo "B" Chef`}, {"Björken", "A"}}},
		{"commas", "Unit,Manager\nA,B\n", EncodingUTF8, ',', []int{1, 2}, [][]string{{"Unit", "Manager"}, {"A", "B"}}},
		{"sep line", "sep=,\nEnhet;x,Chef\nA;1,B\n", EncodingUTF8, ',', []int{2, 3}, [][]string{{"Enhet;x", "Chef"}, {"A;1", "B"}}},
		{"Windows-1252", "Enhet;Chef\nH\xf6gstadiet;\xc5sa \x96 \xd6\n", Encoding1252, ';', []int{1, 2}, [][]string{{"Enhet", "Chef"}, {"Högstadiet", "Åsa – Ö"}}},
		{"BOM", "\xef\xbb\xbfEnhet\nA\n", EncodingUTF8BOM, ';', []int{1, 2}, [][]string{{"Enhet"}, {"A"}}},
		{"C1 controls for Windows-1252", "Enhet\nF\u00966 \u0093x\u0094\n", EncodingUTF8, ';', []int{1, 2}, [][]string{{"Enhet"}, {"F–6 “x”"}}},
		{"no-break spaces and tabs", "Enhet;Chef\n\u00a0 A\u00a0\u00a0B ;\tC\n", EncodingUTF8, ';', []int{1, 2}, [][]string{{"Enhet", "Chef"}, {"A B", "C"}}},
		{"title rows first", "Rapport 2027;;\n;;\nEnhet;Chef;Kst\n", EncodingUTF8, ';', []int{1, 3}, [][]string{{"Rapport 2027", "", ""}, {"Enhet", "Chef", "Kst"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, fs := ReadTable("e.csv", []byte(tt.data))
			if tab == nil {
				t.Fatal(fs)
			}
			if tab.Encoding != tt.encoding || tab.Delimiter != tt.sep {
				t.Errorf("read as %s with %q", tab.Encoding, tab.Delimiter)
			}
			var lines []int
			var cells [][]string
			for _, r := range tab.Rows {
				lines, cells = append(lines, r.Line), append(cells, r.Cells)
			}
			if fmt.Sprint(lines) != fmt.Sprint(tt.lines) || fmt.Sprintf("%q", cells) != fmt.Sprintf("%q", tt.cells) {
				t.Errorf("rows %v %q, want %v %q", lines, cells, tt.lines, tt.cells)
			}
		})
	}
}

func TestReadTableRefuses(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		rule string
		line int
	}{
		{"empty", nil, TableEmpty.MessageID, 0},
		{"blank lines", []byte(" \n;;\n\n"), TableEmpty.MessageID, 0},
		{"too large", bytes.Repeat([]byte("a"), MaxSize+1), TableTooLarge.MessageID, 0},
		{"binary", []byte("PDF\x00\x01\x02"), TableNotText.MessageID, 0},
		{"quote not closed", []byte("Enhet;Chef\nA;\"B\nC;D\n"), TableSyntax.MessageID, 2},
		{"quote not closed after a bare one", []byte("Enhet;Chef\nA;B \"b\" C\nA;\"B\nC;D\n"), TableSyntax.MessageID, 3},
		{"too many rows", []byte("Enhet\n" + strings.Repeat("a\n", MaxRows)), TableTooManyRows.MessageID, 0},
		{"compound file", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), WorkbookDamaged.MessageID, 0},
		{"damaged xlsx", []byte("PK\x03\x04 this is no zip"), WorkbookDamaged.MessageID, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, fs := ReadTable("e", tt.data)
			if tab != nil || len(fs) != 1 || fs[0].MessageID != tt.rule || fs[0].Location.Line != tt.line {
				t.Errorf("got %v %+v, want %s at line %d", tab != nil, fs, tt.rule, tt.line)
			}
		})
	}
}

// TestArchiveFindings: the archive check's refusals in words for HR.
func TestArchiveFindings(t *testing.T) {
	for kind, want := range map[zipcheck.Kind]string{
		zipcheck.OldXLS: WorkbookOldXLS.MessageID, zipcheck.Encrypted: WorkbookEncrypted.MessageID,
		zipcheck.TotalTooLarge: TableTooLarge.MessageID, zipcheck.Corrupt: WorkbookDamaged.MessageID,
	} {
		if got := archiveFinding(&zipcheck.Error{Kind: kind}, domain.Location{}); got.MessageID != want {
			t.Errorf("%v: %s, want %s", kind, got.MessageID, want)
		}
	}
}

func TestHeaderKey(t *testing.T) {
	for in, want := range map[string]string{"E-post": "epost", " e post ": "epost", "EPOST": "epost", "Org.enhet": "orgenhet",
		"Kostnadsställe": "kostnadsstalle", "Cost Centre": "costcentre", "Förvaltning": "forvaltning", "Chefens namn": "chefensnamn"} {
		if got := headerKey(in); got != want {
			t.Errorf("headerKey(%q) = %q, want %q", in, got, want)
		}
	}
	for f, keys := range headers {
		for _, k := range keys {
			if headerKey(k) != k {
				t.Errorf("%s: %q is not normalised", f, k)
			}
		}
	}
}

func TestParseMap(t *testing.T) {
	m, err := ParseMap(" Avdelning = unit , Närmaste chef=Manager , Ansvar=-,Lag=team.name")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Field{"avdelning": FieldUnit, "narmastechef": FieldManager, "ansvar": FieldIgnore, "lag": FieldTeam}
	if fmt.Sprint(m.fields) != fmt.Sprint(want) {
		t.Errorf("got %v", m.fields)
	}
	for _, bad := range []string{"Enhet", "Enhet=avdelning", "=unit", "!!=unit"} {
		if _, err := ParseMap(bad); err == nil {
			t.Errorf("ParseMap(%q) accepted", bad)
		}
	}
}

// TestRowFindings gives exports with one kind of mistake each: every bad
// row is reported, at its row, and nothing is imported.
func TestRowFindings(t *testing.T) {
	head := "Förvaltning;Enhet;Arbetslag;Chef;E-post;Kst\n"
	ok := "Skola;Björken;Lag: 1;Anna Chef;anna@test.example;10\n"
	tests := []struct {
		name, export, mapSpec string
		want                  []string // code@row
	}{
		{"team without unit", head + ok + "Skola;;Lag 9;Anna;a@test.example;\n", "", []string{"MB0720@3"}},
		{"row without unit", head + ok + "Skola;;;Anna;a@test.example;\n", "", []string{"MB0721@3"}},
		{"bad e-mail, twice", head + ok + "Skola;Björken;Lag 2;Anna Chef;anna(at)test;10\nSkola;Lönnen;;Bo;bo@;20\n", "", []string{"MB0722@3", "MB0722@4"}},
		{"unit under two departments", head + ok + "Vård;Björken;Lag 2;Anna Chef;anna@test.example;10\n", "", []string{"MB0725@3"}},
		{"two managers", head + ok + "Skola;Björken;Lag 2;Bo Chef;anna@test.example;10\n", "", []string{"MB0726@3"}},
		{"same team twice", head + ok + ok, "", []string{"MB0727@3"}},
		{"unit name with two codes", head + ok + "Skola;Björken;Lag 2;Anna Chef;anna@test.example;11\n", "", []string{"MB0727@3"}},
		{"code with two names", head + ok + "Skola;Björk;Lag 2;Anna Chef;anna@test.example;10\n", "", []string{"MB0728@3"}},
		{"name too long", head + "Skola;" + strings.Repeat("x", MaxName+1) + ";;A;a@test.example;\n", "", []string{"MB0723@2"}},
		{"code too long", head + "Skola;A;;A;a@test.example;" + strings.Repeat("9", 41) + "\n", "", []string{"MB0724@2"}},
		{"new unit without manager", head + "Skola;Ny;;;;\n", "", []string{"MB0731@2"}},
		{"new unit without department", head + ";Ny;;A;a@test.example;\n", "", []string{"MB0730@2"}},
		{"new code without name", "Kst;Chef\n99;A\n", "", []string{"MB0732@2"}},
		{"no id from the name", head + "Skola;---;;A;a@test.example;\n", "", []string{"MB0734@2"}},
		{"moved unit with preset goals", head + "Vård;Gamla;;G;g@test.example;\n", "", []string{"MB0737@2"}},
		{"no header", "Avdelning;Chef\nA;B\n", "", []string{"MB0710@0"}},
		{"two unit columns", "Enhet;Unit;Chef\nA;A;B\n", "", []string{"MB0711@1"}},
		{"two columns, one skipped", "Enhet;Unit;Chef;Epost\nBjörken;A;Anna Chef;anna@test.example\n", "Unit=-", nil},
		{"map names a missing column", "Avdelning;Chef\nA;B\n", "Avdelning=unit,Sektion=department", []string{"MB0712@1"}},
		{"all at once", head + ok + "Skola;;Lag 9;;;\nSkola;Björken;Lag 3;Anna Chef;nope;10\n" + ok, "", []string{"MB0720@3", "MB0722@4", "MB0727@5"}},
	}
	cfg := []byte(strings.Replace(own, "  - id: natt\n", `  - id: gamla
    name: Gamla
    department: skola
    manager: {name: G, email: g@test.example}
    goals:
      - {text: Ett mål, departmentGoal: skola-1}
  - id: natt
`, 1))
	cfg = []byte(strings.Replace(string(cfg), "    goals:\n      - >-", "    goals:\n      - >-", 1))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseMap(tt.mapSpec)
			if err != nil {
				t.Fatal(err)
			}
			src := strings.ReplaceAll(tt.export, "Vård;", "Vård och omsorg;")
			res, fs, err := Import("o.yaml", cfg, "e.csv", []byte(src), Options{Map: m, DepartmentGoal: "x"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				if f.Severity == domain.SeverityError {
					got = append(got, fmt.Sprintf("%s@%d", f.Code, f.Location.Line))
				}
				if f.Location.File != "e.csv" {
					t.Errorf("finding not located in the export: %+v", f)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("findings %v, want %v (%+v)", got, tt.want, fs)
			}
			if (res != nil) != (len(tt.want) == 0) {
				t.Errorf("result %v with findings %v", res != nil, got)
			}
		})
	}
}

// TestFindingsKeepPersonalData: no finding quotes a manager's name or
// address, however wrong the row.
func TestFindingsKeepPersonalData(t *testing.T) {
	export := "Förvaltning;Enhet;Arbetslag;Chef;E-post\n" +
		"Skola;Björken;Lag: 1;Hemliga Hansson;hemlig.adress(at)test\n" +
		"Skola;Björken;Lag 2;Annan Hemlig;hemlig@test.example\n" +
		"Ny;Ny enhet;;Tredje Hemlig;;\n"
	_, fs, err := Import("o.yaml", []byte(own), "e.csv", []byte(export), Options{DepartmentGoal: "x"})
	if err != nil || len(fs) == 0 {
		t.Fatal(err, fs)
	}
	for _, f := range fs {
		s := fmt.Sprint(f.Data)
		if strings.Contains(strings.ToLower(s), "hemlig") {
			t.Errorf("%s quotes personal data: %s", f.Code, s)
		}
	}
}
