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
		Departments: []domain.Department{{ID: "skola", Name: "Skolan"}},
		Units:       []domain.Unit{{ID: "bjorken", Name: "Björken", Department: "skola"}},
		Teams:       []domain.Team{{ID: "lag-1", Name: "Lag 1", Unit: "bjorken"}},
		Values:      []domain.Value{{ID: "mod", Name: "Mod"}},
		Statuses:    domain.DefaultStatuses(),
	}
	reg := &domain.Register{Units: []domain.UnitRecord{{
		Unit: "bjorken", Department: "skola",
		Teams: []domain.TeamGoals{{Team: "lag-1", Goals: []domain.TeamGoal{{
			ID: "lag-1/1", What: "=HYPERLINK(\"http://x\")", How: "Varje vecka",
			FollowUp: domain.FollowUpPlan{Method: "Enkät", When: domain.NewDate(2027, 4, 1), Who: "Rektor"},
			Value:    "mod",
			Reviews:  []domain.Review{{Round: "april", Status: "at-risk"}},
		}}}},
	}}}
	cat, err := DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang          domain.Lang
		sheet, header string
		status        string
	}{
		{domain.Swedish, "Alla mål", "Verksamhet", "Risk att målet inte nås"},
		{domain.English, "All goals", "Department", ""},
	} {
		var buf bytes.Buffer
		if err := WriteSummary(&buf, reg, org, cat.Localizer(tt.lang)); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(tt.sheet)
		if err != nil {
			t.Fatalf("%s: %v", tt.lang, err)
		}
		if len(rows) != 2 || rows[0][0] != tt.header {
			t.Fatalf("%s: rows %q", tt.lang, rows)
		}
		r := rows[1]
		if r[0] != "Skolan" || r[1] != "Björken" || r[2] != "Lag 1" || r[4] != "'=HYPERLINK(\"http://x\")" || r[9] != "Mod" {
			t.Errorf("%s: row %q", tt.lang, r)
		}
		if r[6] != "Enkät · 2027-04-01 · Rektor" {
			t.Errorf("follow-up cell %q", r[6])
		}
		if tt.status != "" && r[11] != tt.status {
			t.Errorf("status %q, want %q", r[11], tt.status)
		}
		if formula, _ := f.GetCellFormula(tt.sheet, "E2"); formula != "" {
			t.Errorf("a typed formula became a formula: %q", formula)
		}
		f.Close()
	}
}
