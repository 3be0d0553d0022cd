package workbook

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

func TestEscapeFormula(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+46": "'+46", "-x": "'-x", "@a": "'@a", "\tx": "'\tx", "\rx": "'\rx",
		"Anna": "Anna", "": "", "1-2": "1-2",
	} {
		if got := EscapeFormula(in); got != want {
			t.Errorf("EscapeFormula(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteSummary(t *testing.T) {
	org := &domain.Organisation{
		Departments: []domain.Department{{ID: "skola", Name: "Skolan", Goals: []domain.DepartmentGoal{{ID: "skola-1", Text: "Alla elever når målen"}}}},
		Units:       []domain.Unit{{ID: "bjorken", Name: "Björken", Department: "skola"}},
		Teams:       []domain.Team{{ID: "lag-1", Name: "Lag 1", Unit: "bjorken"}},
		Values:      []domain.Value{{ID: "mod", Name: "Mod"}},
		Criteria:    []domain.Criterion{{ID: "ansvar", Name: "Tar ansvar", Description: "Gör det som behövs"}},
		Statuses:    domain.DefaultStatuses(),
		Rounds:      []domain.Round{{ID: "plan", Name: "Planering"}, {ID: "april", Name: "Uppföljning april"}},
	}
	old := domain.TeamGoal{
		ID: "lag-1/1", Slot: 1, What: "=HYPERLINK(\"http://x\")", How: "Varje vecka", UnitGoal: "e1",
		FollowUp: domain.FollowUpPlan{Method: "Enkät", When: domain.NewDate(2027, 4, 1), Who: "Rektor"},
		Value:    "mod", ReplacedIn: "april",
		Reviews: []domain.Review{{Round: "april", Status: "at-risk", Analysis: "För få lästimmar",
			Revised: &domain.RevisedGoal{What: "Nytt mål"}}},
	}
	revised := domain.Revise(domain.TeamGoalFields, old, old.Reviews[0].Revised)
	revised.ID, revised.Replaces, revised.ReplacedIn, revised.Reviews = "lag-1/1r1", "lag-1/1", "", nil
	reg := &domain.Register{Units: []domain.UnitRecord{{
		Unit: "bjorken", Department: "skola",
		Goals:    []domain.UnitGoal{{ID: "e1", Text: "Läsa mer", DepartmentGoal: "skola-1"}},
		Teams:    []domain.TeamGoals{{Team: "lag-1", Goals: []domain.TeamGoal{old, revised}}},
		Criteria: []domain.CriterionNote{{Criterion: "ansvar", Meaning: "Vi håller tider"}, {Name: "Eget", Description: "Egen beskrivning", Meaning: "Betyder"}},
	}}}
	cat, err := DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang                 domain.Lang
		units, teams, crits  string
		header, status, dept string
	}{
		{domain.Swedish, "Enheternas mål", "Arbetslagens mål", "Lönekriterier", "Verksamhet", "Risk att målet inte nås", "Verksamhetsmål 1: Alla elever når målen"},
		{domain.English, "Unit goals", "Team goals", "Salary criteria", "Department", "At risk", "Department goal 1: Alla elever når målen"},
	} {
		var buf bytes.Buffer
		if err := WriteSummary(&buf, reg, org, cat.Localizer(tt.lang)); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		rows := func(sheet string) [][]string {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatalf("%s: %v", tt.lang, err)
			}
			if len(rows) < 2 || rows[0][0] != tt.header {
				t.Fatalf("%s %s: rows %q", tt.lang, sheet, rows)
			}
			return rows
		}
		cell := func(rows [][]string, r int, header string) string {
			t.Helper()
			for c, h := range rows[0] {
				if h == header && c < len(rows[r]) {
					return rows[r][c]
				}
			}
			return ""
		}
		l := cat.Localizer(tt.lang)
		label := func(id string) string { return l.T(id, map[string]any{"N": ""}) }

		u := rows(tt.units)
		if len(u) != 2 || cell(u, 1, label("WorkbookFieldUnitGoal")) != "Läsa mer" || cell(u, 1, label("WorkbookFieldDepartmentGoal")) != tt.dept {
			t.Errorf("%s: unit goals %q", tt.lang, u)
		}
		tm := rows(tt.teams)
		if len(tm) != 3 {
			t.Fatalf("%s: team goals %q", tt.lang, tm)
		}
		if got := cell(tm, 1, label("WorkbookFieldWhat")); got != "=HYPERLINK(\"http://x\")" {
			t.Errorf("%s: typed formula shown as %q", tt.lang, got)
		}
		if got := cell(tm, 1, label("WorkbookFieldFollowUpWhen")); got != "2027-04-01" {
			t.Errorf("%s: follow-up date %q", tt.lang, got)
		}
		if cell(tm, 1, label("WorkbookFieldValue")) != "Mod" || cell(tm, 1, label("WorkbookFieldStatus")) != tt.status ||
			cell(tm, 1, label("WorkbookFieldAnalysis")) != "För få lästimmar" || cell(tm, 1, l.T("SummaryColReplacedIn", nil)) != "Uppföljning april" {
			t.Errorf("%s: replaced goal %q", tt.lang, tm[1])
		}
		if cell(tm, 2, label("WorkbookFieldWhat")) != "Nytt mål" || cell(tm, 2, label("WorkbookFieldHow")) != "Varje vecka" ||
			cell(tm, 2, l.T("SummaryColReplaces", nil)) != "lag-1/1" || cell(tm, 2, label("WorkbookFieldStatus")) != "" {
			t.Errorf("%s: revised goal %q", tt.lang, tm[2])
		}
		for c := range tm[0] {
			ref, _ := excelize.CoordinatesToCellName(c+1, 2)
			if formula, _ := f.GetCellFormula(tt.teams, ref); formula != "" {
				t.Errorf("a typed formula became a formula: %q", formula)
			}
		}
		cr := rows(tt.crits)
		if len(cr) != 3 || cell(cr, 1, label("WorkbookFieldCriterion")) != "Tar ansvar" || cell(cr, 1, label("WorkbookFieldMeaning")) != "Vi håller tider" ||
			cell(cr, 2, label("WorkbookFieldDescription")) != "Egen beskrivning" || cell(cr, 2, l.T("SummaryColOwn", nil)) != l.T("SummaryYes", nil) {
			t.Errorf("%s: criteria %q", tt.lang, cr)
		}
		f.Close()
	}
}
