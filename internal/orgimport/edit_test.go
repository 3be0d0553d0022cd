package orgimport

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/domain"
)

// own is a config written the ways people write YAML by hand: flow
// mappings as in the README, a flow manager, derived ids, a unit without
// teams, comments everywhere, quoted and folded texts.
const own = `# Testkommun
organisation:
  name: Testkommun   # kommunen
  period: "2027"
  deadline: 2027-02-26
  hr: {name: HR Person, email: hr@test.example}
vision: >-
  En vision som
  går över två rader.
overallGoal: "Ett mål: med kolon"
values:
  - {id: mod, name: Mod, behaviours: [att ta ansvar]}
departments:
  # Skolan först
  - name: Skola
    goals: [Skolans mål.]
  - id: vard
    name: 'Vård och omsorg'   # citerad
    goals:
      - >-
        Ett långt mål
        på två rader.
units:
  - name: Björken
    department: skola
    manager: {name: Anna Chef, email: anna@test.example}
  - id: lonnen
    name: "Lönnen"
    department: skola
    manager:
      name: Bo Chef   # chefen
      email: bo@test.example
  # en enhet utan arbetslag
  - id: natt
    name: Nattpatrullen
    department: vard
    manager:
      name: Cia Chef
      email: cia@test.example
teams:
  - {name: "Lag: 1", unit: bjorken}
  - {id: lag-2, name: Lag 2, unit: bjorken, leader: Dan Ledare}
  - id: gul
    name: Gula gruppen
    unit: lonnen
criteria:
  - {id: ansvar, name: Ansvar, description: Tar ansvar., value: mod}
# slut
`

func ownRows(extra ...[]string) [][]string {
	rows := [][]string{
		{"Verksamhet", "Enhet", "Arbetslag", "Arbetslagsledare", "Förnamn", "Efternamn", "Mail", "Anställningsform"},
		{"Skola", "Björken", "Lag: 1", "", "Anna", "Chef", "anna@test.example", "x"},
		{"Skola", "Björken", "Lag 2", "Dan Ledare", "Anna", "Chef", "anna@test.example", "x"},
		{"Skola", "Lönnen", "Gula gruppen", "", "Bo", "Chef", "bo@test.example", "x"},
		{"Vård och omsorg", "Nattpatrullen", "", "", "Cia", "Chef", "cia@test.example", "x"},
	}
	return append(rows, extra...)
}

func TestOwnConfigUnchanged(t *testing.T) {
	for name, cfg := range map[string]string{"LF": own, "CRLF": strings.ReplaceAll(own, "\n", "\r\n"), "BOM": "\xef\xbb\xbf" + own} {
		t.Run(name, func(t *testing.T) {
			table := csvBytes(t, ownRows(), ';', "\n")
			res := mustImport(t, []byte(cfg), table, Options{})
			if res.Changed() || string(res.Output) != cfg {
				t.Fatalf("an export that matches changes the config: %+v", res.Changes)
			}
			if got := strings.Join(res.Header.Unused, ","); got != "Anställningsform" {
				t.Errorf("unused columns: %q", got)
			}
		})
	}
}

// TestOwnConfigChanges changes every kind of thing at once, in block and
// flow style, with LF and CRLF line ends. A first import stores the HR
// codes, so that the second recognises renamed units and teams.
func TestOwnConfigChanges(t *testing.T) {
	rows := ownRows()
	rows[0] = append(rows[0], "Kst", "Arbetslagskod")
	for i, codes := range [][]string{{"10", "101"}, {"10", "102"}, {"20", "201"}, {"30", ""}} {
		rows[i+1] = append(rows[i+1], codes...)
	}
	long := strings.Repeat("Förskoleavdelningen ", 5)[:90]
	rows = append(rows,
		[]string{"Skola", "Björken", "Lag 3", "Eva Ledare", "Anna", "Chef", "anna@test.example", "", "10", "103"},
		[]string{"Vård och omsorg", long, long, "", "Ö", "Ånge", "o@test.example", "", "40", ""},
		[]string{"Kultur", "Biblioteket", "", "", "Fia", "Chef", "fia@test.example", "", "50", ""},
	)
	for name, nl := range map[string]string{"LF": "\n", "CRLF": "\r\n"} {
		t.Run(name, func(t *testing.T) {
			cfg := []byte(strings.ReplaceAll(own, "\n", nl))
			first := mustImport(t, cfg, csvBytes(t, ownRows(), ';', "\n"), Options{})
			if first.Changed() {
				t.Fatalf("the unchanged export changed: %+v", first.Changes)
			}
			base := csvBytes(t, rows[:5], ';', "\n")
			coded := mustImport(t, cfg, base, Options{})
			checkResult(t, cfg, coded, base, Options{})
			if coded.Codes != 6 || len(coded.Changes) != 0 {
				t.Fatalf("storing codes: %d codes, %+v", coded.Codes, coded.Changes)
			}

			rows := append([][]string(nil), rows...)
			for i := range rows {
				rows[i] = append([]string(nil), rows[i]...)
			}
			rows[1][2] = "Lag ett"                                // renamed team with a derived id, flow style
			rows[2][3] = "Ny Ledare"                              // new leader in a flow mapping
			rows[3][4], rows[3][6] = "Gun", "gun@test.ex.se"      // new manager in a block mapping
			rows[3][1], rows[2][1] = "Lönnen (ny)", "Lönnen (ny)" // renamed unit; Lag 2 moves to it
			rows[2][4], rows[2][6], rows[2][8] = "Gun", "gun@test.ex.se", "20"
			rows[4][0] = "Skola" // moved unit
			table := csvBytes(t, rows, ';', "\n")
			res := mustImport(t, coded.Output, table, Options{DepartmentGoal: "Skriv målet."})
			org := checkResult(t, coded.Output, res, table, Options{DepartmentGoal: "Skriv målet."})
			if nl == "\r\n" && strings.Count(string(res.Output), "\n") != strings.Count(string(res.Output), "\r\n") {
				t.Errorf("line ends mixed:\n%q", res.Output)
			}
			kinds := map[ChangeKind]int{}
			for _, c := range res.Changes {
				kinds[c.Kind]++
			}
			want := map[ChangeKind]int{Added: 5, Renamed: 2, Moved: 2, NewManager: 1, NewEmail: 1, NewLeader: 1}
			if fmt.Sprint(kinds) != fmt.Sprint(want) {
				t.Errorf("changes %v, want %v: %+v", kinds, want, res.Changes)
			}
			check := func(what string, ok bool) {
				t.Helper()
				if !ok {
					t.Errorf("%s:\n%s", what, res.Output)
				}
			}
			tm, _ := org.Team("bjorken-lag-1")
			check("renamed team keeps its derived id", tm.Name == "Lag ett")
			tm, _ = org.Team("lag-2")
			check("new leader, moved team", tm.Leader == "Ny Ledare" && tm.Unit == "lonnen")
			u, _ := org.Unit("lonnen")
			check("new manager", u.Name == "Lönnen (ny)" && u.Manager == domain.Contact{Name: "Gun Chef", Email: "gun@test.ex.se"})
			u, _ = org.Unit("natt")
			check("moved unit", u.Department == "skola")
			tm, _ = org.Team("bjorken-lag-3")
			check("new team in a flow list", tm.Unit == "bjorken" && tm.Leader == "Eva Ledare" && tm.Code == "103")
			var longUnit domain.Unit
			for _, x := range org.Units {
				if x.Name == long {
					longUnit = x
				}
			}
			check("90-character name gets a valid id", domain.ValidID(longUnit.ID) && longUnit.Department == "vard")
			check("its team too", len(org.TeamsOf(longUnit.ID)) == 1 && domain.ValidID(org.TeamsOf(longUnit.ID)[0].ID))
			d, ok := org.Department("kultur")
			check("new department with a placeholder goal", ok && d.Goals[0].Text == "Skriv målet.")
			check("new unit in a new department", len(org.UnitsOf("kultur")) == 1)
			check("flow style kept for teams", strings.Contains(string(res.Output), `{id: lag-2, code: "102", name: Lag 2, unit: lonnen, leader: Ny Ledare}`))
			check("comment on a changed line kept", strings.Contains(string(res.Output), "name: Gun Chef   # chefen"))
		})
	}
}

// TestManyUnits imports 400 units with two teams each into the starter,
// then renames every tenth, adds codes and imports once more.
func TestManyUnits(t *testing.T) {
	cfg := readFile(t, "../../examples/blank/organisation.sv.yaml")
	rows := [][]string{{"Förvaltning", "Enhet", "Arbetslag", "Chef", "E-post"}}
	for i := range 400 {
		for _, team := range []string{"Arbetslag 1", "Arbetslag 2"} {
			rows = append(rows, []string{fmt.Sprintf("Förvaltning %d", i%7), fmt.Sprintf("Enhet %03d", i), team, "Chef", fmt.Sprintf("chef%d@kommun.example", i)})
		}
	}
	table := csvBytes(t, rows, ';', "\n")
	res := mustImport(t, cfg, table, Options{})
	org := checkResult(t, cfg, res, table, Options{})
	if len(org.Units) != 401 || len(org.Teams) != 801 || len(org.Departments) != 8 {
		t.Fatalf("%d units, %d teams, %d departments", len(org.Units), len(org.Teams), len(org.Departments))
	}
	for i := 1; i < len(rows); i += 20 {
		rows[i][1] += " ny"
		rows[i+1][1] += " ny"
	}
	table2 := csvBytes(t, rows, ';', "\n")
	res2 := mustImport(t, res.Output, table2, Options{})
	checkResult(t, res.Output, res2, table2, Options{})
	// A renamed unit is new by name: the old one is absent, kept.
	// 40 units and their 80 teams; the 40 old units and the starter's
	// department and unit.
	if len(changes(res2, Added)) != 120 || len(changes(res2, Absent)) != 40+2 {
		t.Errorf("after renames without codes: %d added, %d absent", len(changes(res2, Added)), len(changes(res2, Absent)))
	}
}

// TestCodesMatchAcrossRenames: once codes are stored, a renamed unit is
// the same unit.
func TestCodesMatchAcrossRenames(t *testing.T) {
	rows := ownRows()
	rows[0] = append(rows[0], "Kostnadsställe")
	for i, code := range []string{"10", "10", "20", "30"} {
		rows[i+1] = append(rows[i+1], code)
	}
	first := mustImport(t, []byte(own), csvBytes(t, rows, ';', "\n"), Options{})
	if first.Codes != 3 {
		t.Fatalf("codes: %d", first.Codes)
	}
	rows[3][1] = "Lönnen med nytt namn"
	table := csvBytes(t, rows, ';', "\n")
	res := mustImport(t, first.Output, table, Options{})
	org := checkResult(t, first.Output, res, table, Options{})
	if u, _ := org.Unit("lonnen"); u.Name != "Lönnen med nytt namn" || len(res.Changes) != 1 || res.Changes[0].Kind != Renamed {
		t.Errorf("rename by code: %+v", res.Changes)
	}
}

func TestPruneKeepsCollectedGoals(t *testing.T) {
	rows := ownRows()[:3] // Björken only: Lönnen, Nattpatrullen and Gula gruppen go
	table := csvBytes(t, rows, ';', "\n")
	reg := &domain.Register{Units: []domain.UnitRecord{
		{Unit: "natt", Goals: []domain.UnitGoal{{ID: "e1", Text: "Mål"}}},
	}}
	opts := Options{Prune: true, Register: reg}
	res := mustImport(t, []byte(own), table, opts)
	org := checkResult(t, []byte(own), res, table, opts, removes)
	if _, ok := org.Unit("natt"); !ok {
		t.Error("a unit with collected goals was removed")
	}
	if _, ok := org.Unit("lonnen"); ok {
		t.Error("lonnen was not pruned")
	}
	if _, ok := org.Team("gul"); ok {
		t.Error("the pruned unit's team stayed")
	}
	kept := changes(res, KeptGoals)
	if len(kept) != 1 || kept[0].ID != "natt" {
		t.Errorf("kept: %+v", kept)
	}
	// The department of the kept unit stays; none is empty.
	if len(org.Departments) != 2 {
		t.Errorf("departments: %+v", org.Departments)
	}
}

func TestCannotEdit(t *testing.T) {
	cfg := strings.Replace(own, "  - id: gul\n", "  - &gul\n    id: gul\n", 1)
	if org, fs := config.Parse("o.yaml", []byte(cfg)); org == nil {
		t.Fatal(fs)
	}
	rows := ownRows()
	rows[3][2] = "Blå gruppen"
	_, _, err := Import("o.yaml", []byte(cfg), "e.csv", csvBytes(t, rows, ';', "\n"), Options{})
	if !errors.Is(err, ErrCannotEdit) {
		t.Fatalf("err = %v, want ErrCannotEdit", err)
	}
}
