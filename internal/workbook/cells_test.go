package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

// open writes a workbook in memory and opens it with excelize.
func open(t *testing.T, org *domain.Organisation, opts Options) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Write(&buf, org, opts); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

// part returns a file of the xlsx package.
func part(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

func TestSheetsAndTexts(t *testing.T) {
	tests := []struct {
		lang                  domain.Lang
		sheets                []string
		title, header, prompt string
	}{
		{domain.Swedish, []string{"Instruktioner", "Målhierarki", "Enhetens mål", "Småbarn", "Stora barn- 4–5 år", "Lönekriterier", "_malarbete"},
			"Målarbete 2027 – Förskolan Björken", "Enhetens mål", "Vad ska arbetslaget uppnå?"},
		{domain.English, []string{"Instructions", "Goal hierarchy", "Unit goals", "Småbarn", "Stora barn- 4–5 år", "Salary criteria", "_malarbete"},
			"Goal work 2027 – Förskolan Björken", "Unit goal", "What will the team achieve?"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			f, _ := open(t, testOrg(), Options{Unit: "bjorken", Lang: tt.lang})
			if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(tt.sheets, "|") {
				t.Errorf("sheets %q", got)
			}
			if v, _ := f.GetCellValue(tt.sheets[0], "A1"); v != tt.title {
				t.Errorf("title %q", v)
			}
			if v, _ := f.GetCellValue(tt.sheets[2], "B4"); v != tt.header {
				t.Errorf("header %q", v)
			}
			dvs, _ := f.GetDataValidations("Småbarn")
			found := false
			for _, dv := range dvs {
				if dv.Sqref == "C5:E5" && dv.Prompt != nil && strings.HasPrefix(*dv.Prompt, tt.prompt) {
					found = true
				}
			}
			if !found {
				t.Errorf("no input message %q on C5:E5", tt.prompt)
			}
		})
	}
}

func TestDefinedNames(t *testing.T) {
	f, _ := open(t, testOrg(), Options{Unit: "bjorken"})
	got := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Scope == "Workbook" || dn.Scope == "" {
			got[dn.Name] = dn.RefersTo
		}
	}
	want := map[string]string{
		"MB_Hierarchy":            "'Målhierarki'!$A$4:$C$9",
		"MB_UnitGoals":            "'Enhetens mål'!$A$5:$F$9",
		"MB_Team1":                "'Småbarn'!$A$5:$E$18",
		"MB_Team2":                "'Stora barn- 4–5 år'!$A$5:$E$18",
		"MB_Criteria":             "'Lönekriterier'!$A$5:$G$11",
		"MB_List_values":          "'_malarbete'!$D$1:$D$3",
		"MB_List_statuses":        "'_malarbete'!$E$1:$E$6",
		"MB_List_departmentGoals": "'_malarbete'!$F$1:$F$1",
		"MB_List_unitGoals":       "'_malarbete'!$G$1:$G$5",
		"MB_List_teamGoals":       "'_malarbete'!$H$1:$H$6",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	// Every input region's reference parses back, with or without quotes
	// and dollars (LibreOffice drops the quotes).
	for _, ref := range []string{got["MB_UnitGoals"], "Enhetens mål!A5:F9", "'It''s'!$B$2"} {
		if _, _, _, _, _, ok := parseRef(ref); !ok {
			t.Errorf("parseRef(%q) failed", ref)
		}
	}
}

func TestProtectionAndStyles(t *testing.T) {
	f, data := open(t, testOrg(), Options{Unit: "bjorken"})
	wb := part(t, data, "xl/workbook.xml")
	if !regexp.MustCompile(`name="_malarbete"[^>]*state="veryHidden"`).MatchString(wb) {
		t.Error("identity sheet is not very hidden")
	}
	for i := 1; i <= 6; i++ {
		ws := part(t, data, "xl/worksheets/sheet"+itoa(i)+".xml")
		p := regexp.MustCompile(`<sheetProtection[^>]*>`).FindString(ws)
		// In OOXML an attribute set to true forbids the action.
		on := func(attr string) bool { return regexp.MustCompile(attr + `="(1|true)"`).MatchString(p) }
		if p == "" || !on("sheet") || strings.Contains(p, "assword") || on("selectLockedCells") || on("selectUnlockedCells") || on("formatRows") {
			t.Errorf("sheet%d protection %s", i, p)
		}
	}
	tests := []struct {
		sheet, cell string
		locked      bool
		fill        string
	}{
		{"Enhetens mål", "B5", false, colourInput},
		{"Enhetens mål", "A5", true, colourLocked},
		{"Småbarn", "C5", false, colourInput},
		{"Småbarn", "B5", true, colourLocked},
		{"Småbarn", "C15", true, colourFollowUp}, // status, planning round
		{"Lönekriterier", "F5", false, colourInput},
		{"Lönekriterier", "C5", true, colourLocked},
		{"Lönekriterier", "B7", false, colourInput}, // own criterion's name
	}
	for _, tt := range tests {
		id, _ := f.GetCellStyle(tt.sheet, tt.cell)
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		locked := st.Protection == nil || st.Protection.Locked
		if locked != tt.locked || len(st.Fill.Color) == 0 || !strings.EqualFold(st.Fill.Color[0], tt.fill) {
			t.Errorf("%s!%s locked %v fill %v", tt.sheet, tt.cell, locked, st.Fill.Color)
		}
	}
	if v, _ := f.GetCellValue("Småbarn", "A15"); v != domain.FieldStatus {
		t.Errorf("key column A15 = %q", v)
	}
	if vis, _ := f.GetColVisible("Småbarn", "A"); vis {
		t.Error("key column visible")
	}
	pl, _ := f.GetPageLayout("Småbarn")
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("page layout %+v", pl)
	}
	hf, _ := f.GetHeaderFooter("Småbarn")
	if !strings.Contains(hf.OddHeader, "Sorsele kommun") || !strings.Contains(hf.OddFooter, "Sida &P av &N") {
		t.Errorf("header/footer %+v", hf)
	}
}

func TestValidations(t *testing.T) {
	org := testOrg()
	f, _ := open(t, org, Options{Unit: "bjorken"})
	byRef := func(sheet string) map[string]*excelize.DataValidation {
		dvs, _ := f.GetDataValidations(sheet)
		m := map[string]*excelize.DataValidation{}
		for _, dv := range dvs {
			m[dv.Sqref] = dv
		}
		return m
	}
	team := byRef("Småbarn")
	tests := []struct {
		name string
		dv   *excelize.DataValidation
		typ  string
		f1   string
	}{
		{"unit goal list", team["C6:E6"], "list", "MB_List_unitGoals"},
		{"date", team["C9:E9"], "date", itoa(serial(org.PeriodStart))},
		{"text length", team["C7:E7"], "textLength", "0"},
		{"value list", team["C13:E13"], "list", "MB_List_values"},
		{"department goal", byRef("Enhetens mål")["C5:C9"], "list", "MB_List_departmentGoals"},
		{"team goal", byRef("Lönekriterier")["G5:G11"], "list", "MB_List_teamGoals"},
	}
	for _, tt := range tests {
		if tt.dv == nil {
			t.Errorf("%s: missing", tt.name)
			continue
		}
		if tt.dv.Type != tt.typ || strings.Trim(tt.dv.Formula1, "<formula1>/") != tt.f1 || tt.dv.ShowDropDown || tt.dv.Error == nil || !tt.dv.ShowErrorMessage {
			t.Errorf("%s: %+v formula %q", tt.name, tt.dv, tt.dv.Formula1)
		}
	}
	if _, ok := team["C15:E15"]; ok {
		t.Error("status validated in the planning round")
	}
	// A round that takes new goals: every slot of a team without goals
	// is open.
	org.Rounds[1].NewGoals = true
	fu, _ := open(t, org, Options{Unit: "bjorken", Round: "november"})
	dvs, _ := fu.GetDataValidations("Småbarn")
	found := false
	for _, dv := range dvs {
		// Two rows lower: the previous round's status and comment come
		// first in follow-up rounds.
		found = found || dv.Sqref == "C17:E17"
	}
	if !found {
		t.Error("no status drop-down in the follow-up round")
	}
	// The live unit goal label follows what is typed on the unit sheet.
	fm, _ := f.GetCellFormula("_malarbete", "G1")
	if !strings.Contains(fm, "'Enhetens mål'!$B$5") || !strings.Contains(fm, `"Enhetsmål 1: "`) {
		t.Errorf("live label formula %q", fm)
	}
}

func TestIdentity(t *testing.T) {
	org := testOrg()
	var buf bytes.Buffer
	id, err := Write(&buf, org, Options{Unit: "bjorken", Team: "bjorken-stora", Lang: domain.English})
	if err != nil {
		t.Fatal(err)
	}
	want := domain.Identity{TemplateVersion: domain.TemplateVersion, Organisation: "sorsele", Period: "2027", Round: "plan",
		Scope: domain.ScopeTeam, Unit: "bjorken", Teams: []string{"bjorken-stora"}, Language: domain.English, ContentHash: id.ContentHash}
	if id.ContentHash == "" || strings.Join(id.Teams, ",") != "bjorken-stora" || id.Scope != want.Scope || id.Language != want.Language || id.TemplateVersion != want.TemplateVersion {
		t.Errorf("identity %+v", id)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := openBook(f, mustLayout(t), mustCatalogue(t))
	if b.props[idUnit] != "bjorken" || b.idSheet[idUnit] != "bjorken" || b.props[idContentHash] != id.ContentHash {
		t.Errorf("props %v sheet %v", b.props, b.idSheet)
	}
	if !equalIdentity(b.id, want) {
		t.Errorf("read identity %+v", b.id)
	}
	dp, _ := f.GetDocProps()
	if dp.Created != "2027-01-01T00:00:00Z" || dp.Modified != dp.Created {
		t.Errorf("timestamps %q %q", dp.Created, dp.Modified)
	}
}

func equalIdentity(a, b domain.Identity) bool {
	return a.TemplateVersion == b.TemplateVersion && a.Organisation == b.Organisation && a.Period == b.Period &&
		a.Round == b.Round && a.Scope == b.Scope && a.Unit == b.Unit && strings.Join(a.Teams, ",") == strings.Join(b.Teams, ",") &&
		a.Language == b.Language && a.ContentHash == b.ContentHash
}

func mustLayout(t *testing.T) *Layout {
	l, err := DefaultLayout()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestReproducible(t *testing.T) {
	org := testOrg()
	var a, b bytes.Buffer
	for _, buf := range []*bytes.Buffer{&a, &b} {
		if _, err := Write(buf, org, Options{Unit: "bjorken", Date: domain.NewDate(2027, 1, 10)}); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("same inputs, different bytes")
	}
}

func TestWriteErrors(t *testing.T) {
	org := testOrg()
	for _, opts := range []Options{{Unit: "nope"}, {Unit: "bjorken", Team: "forradet-vagar"}, {Unit: "bjorken", Round: "nope"}} {
		if _, err := Write(io.Discard, org, opts); err == nil {
			t.Errorf("%+v: no error", opts)
		}
	}
}

func TestHeaderFooterLength(t *testing.T) {
	org := testOrg()
	org.Name = strings.Repeat("Lång & kommun ", 30)
	org.Units[0].Name = strings.Repeat("Enhet & ", 40)
	f, _ := open(t, org, Options{Unit: "bjorken"})
	for _, s := range f.GetSheetList()[:6] {
		hf, _ := f.GetHeaderFooter(s)
		if n := len([]rune(hf.OddHeader)); n > 255 {
			t.Errorf("%s: header of %d characters", s, n)
		}
		if n := len([]rune(hf.OddFooter)); n > 255 {
			t.Errorf("%s: footer of %d characters", s, n)
		}
	}
}

func TestSheetNames(t *testing.T) {
	org := testOrg()
	org.Teams = append(org.Teams,
		domain.Team{ID: "h", Name: "History", Unit: "bjorken"},
		domain.Team{ID: "x", Name: "Instruktioner", Unit: "bjorken"},
		domain.Team{ID: "y", Name: "'Lag [1]: a/b*c?'", Unit: "bjorken"},
		domain.Team{ID: "z", Name: strings.Repeat("Långt namn ", 5), Unit: "bjorken"},
		domain.Team{ID: "z2", Name: strings.Repeat("Långt namn ", 5), Unit: "bjorken"})
	f, _ := open(t, org, Options{Unit: "bjorken"})
	got := strings.Join(f.GetSheetList()[3:10], "|")
	want := "Småbarn|Stora barn- 4–5 år|History (2)|Instruktioner (2)|Lag -1-- a-b-c-|Långt namn Långt namn Långt nam|Långt namn Långt namn Långt (2)"
	if got != want {
		t.Errorf("sheets\n got %s\nwant %s", got, want)
	}
}

func TestTeamWorkbookWithoutUnitGoals(t *testing.T) {
	f, _ := open(t, testOrg(), Options{Unit: "bjorken", Team: "bjorken-sma"})
	dvs, _ := f.GetDataValidations("Småbarn")
	for _, dv := range dvs {
		if dv.Sqref == "C6:E6" {
			t.Errorf("unit goal cell validated against an empty list: %+v", dv)
		}
	}
	g, _ := open(t, testOrg(), Options{Unit: "forradet", Team: "forradet-vagar"})
	dvs, _ = g.GetDataValidations("Vägar och parker")
	found := false
	for _, dv := range dvs {
		found = found || dv.Sqref == "C6:E6" && dv.Type == "list"
	}
	if !found {
		t.Error("no unit goal list where the config presets a goal")
	}
}

func TestIsExternalRef(t *testing.T) {
	for fm, want := range map[string]bool{
		`[1]Blad1!A1`:                             true,
		`SUM([2]Data!A1:A3)`:                      true,
		`'[Budget.xlsx]Blad 1'!B2`:                true,
		`'C:\Mål\[Budget.xlsx]Blad'!B2`:           true,
		`"Minska energin [kWh] med 10 %"`:         false,
		`"a"&"[x]Blad!A1"`:                        false,
		`'Fritidshemmet [Solen]'!$C$5`:            false,
		`IF(LEN('Lag [1]'!C5)=0,"",'Lag [1]'!C5)`: false,
		`A1&"[kWh]"`:                              false,
	} {
		if got := isExternalRef(fm); got != want {
			t.Errorf("isExternalRef(%s) = %v, want %v", fm, got, want)
		}
	}
}
