package mail

import (
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/workbook"
)

func TestPlanProblems(t *testing.T) {
	org := testOrg(t)
	for i := range org.Units {
		switch org.Units[i].ID {
		case "tom":
			org.Units[i].Manager.Email = ""
		case "utanlag":
			org.Units[i].Manager.Email = "marta på cohkkiras"
		}
	}
	id := func(unit, round string) domain.Identity {
		return domain.Identity{TemplateVersion: "1", Organisation: "cohkkiras", Period: "2027", Round: round, Scope: domain.ScopeUnit, Unit: unit, Language: domain.Swedish}
	}
	other := id("saivu", "plan")
	other.Organisation = "sorsele"
	oldPeriod := id("saivu", "plan")
	oldPeriod.Period = "2026"
	wbs := []Workbook{
		{Path: "tom.xlsx", Stamp: workbook.Stamp{Identity: id("tom", "plan")}},
		{Path: "utanlag.xlsx", Stamp: workbook.Stamp{Identity: id("utanlag", "plan")}},
		{Path: "okand.xlsx", Stamp: workbook.Stamp{Identity: id("okand", "plan")}},
		{Path: "sorsele.xlsx", Stamp: workbook.Stamp{Identity: other}},
		{Path: "2026.xlsx", Stamp: workbook.Stamp{Identity: oldPeriod}},
		{Path: "augusti.xlsx", Stamp: workbook.Stamp{Identity: id("saivu", "augusti")}},
		{Path: "saivu.xlsx", Stamp: workbook.Stamp{Identity: id("saivu", "plan")}},
	}
	letters, fs := Plan(org, wbs)
	if len(letters) != 1 || letters[0].Workbooks[0].Path != "saivu.xlsx" {
		t.Fatalf("letters %+v", letters)
	}
	want := map[string]string{"tom.xlsx": "MB0601", "utanlag.xlsx": "MB0602", "okand.xlsx": "MB0205", "sorsele.xlsx": "MB0201", "2026.xlsx": "MB0202", "augusti.xlsx": "MB0204"}
	if len(fs) != len(want) {
		t.Fatalf("findings %v", fs)
	}
	for _, f := range fs {
		if want[f.Location.File] != f.Code {
			t.Errorf("%s: %s, want %s", f.Location.File, f.Code, want[f.Location.File])
		}
		for _, v := range f.Data {
			if s, ok := v.(string); ok && (strings.Contains(s, "cohkkiras.example") || strings.Contains(s, "marta på")) {
				t.Errorf("%s quotes an address: %v", f.Code, f.Data)
			}
		}
	}
}

func TestPlanGroups(t *testing.T) {
	org := testOrg(t)
	id := func(unit, team, round string, lang domain.Lang) domain.Identity {
		i := domain.Identity{TemplateVersion: "1", Organisation: "cohkkiras", Period: "2027", Round: round, Scope: domain.ScopeUnit, Unit: unit, Language: lang}
		if team != "" {
			i.Scope, i.Teams = domain.ScopeTeam, []string{team}
		}
		return i
	}
	wb := func(path string, i domain.Identity, feedback bool) Workbook {
		return Workbook{Path: path, Stamp: workbook.Stamp{Identity: i, Feedback: feedback}}
	}
	letters, fs := Plan(org, []Workbook{
		wb("utanlag-nov.xlsx", id("utanlag", "", "november", domain.Swedish), false),
		wb("lang.xlsx", id("lang", "", "plan", domain.Swedish), false),
		wb("stuora.xlsx", id("saivu", "saivu-stuora", "plan", domain.Swedish), false),
		wb("ruoktu.xlsx", id("saivu", "saivu-ruoktu", "plan", domain.Swedish), false),
		wb("ruoktu-en.xlsx", id("saivu", "saivu-ruoktu", "plan", domain.English), false),
		wb("kopia.xlsx", id("saivu", "", "plan", domain.Swedish), true),
	})
	if len(fs) > 0 {
		t.Fatal(fs)
	}
	var got []string
	for _, lt := range letters {
		got = append(got, string(lt.Kind)+"/"+string(lt.Lang)+": "+lt.Name())
	}
	want := []string{
		// One send-out for both of Niillas's units (the address's case
		// differs in the config), teams in config order.
		`send-out/sv: Förskolan Ö/Å: "Sáivu" [1]? – Ruoktu: 1–3 år, Förskolan Ö/Å: "Sáivu" [1]? – Stuora barn, ` + longName,
		`send-out/en: Förskolan Ö/Å: "Sáivu" [1]? – Ruoktu: 1–3 år`,
		`feedback/sv: Förskolan Ö/Å: "Sáivu" [1]?`,
		"follow-up/sv: Skolan utan lag",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("letters:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if u := letters[0].Units; len(u) != 2 || u[0] != "saivu" || u[1] != "lang" {
		t.Errorf("units %v", u)
	}
}
