package domain

import "testing"

// TestDropCells checks that every kind of entry forgets its cells and
// keeps its values.
func TestDropCells(t *testing.T) {
	at := Cells{FieldWhat: {Sheet: "Arbetslag 1", Ref: "C5"}}
	s := &Submission{
		UnitGoals:     []UnitGoal{{ID: "e1", Text: "Trygghet", Cells: at}},
		Teams:         []TeamGoals{{Team: "a", Goals: []TeamGoal{{What: "Läsning", Cells: at}, {What: "Rörelse", Cells: at}}}},
		Criteria:      []CriterionNote{{Criterion: "k1", Meaning: "Ansvar", Cells: at}},
		UnitGoalCells: at,
	}
	s.Teams[0].Cells = at
	s.DropCells()
	if s.UnitGoals[0].Cells != nil || s.Teams[0].Goals[0].Cells != nil || s.Teams[0].Goals[1].Cells != nil || s.Criteria[0].Cells != nil ||
		s.UnitGoalCells != nil || s.Teams[0].Cells != nil {
		t.Errorf("cells kept: %+v", s)
	}
	if s.UnitGoals[0].Text != "Trygghet" || s.Teams[0].Goals[1].What != "Rörelse" || s.Criteria[0].Meaning != "Ansvar" {
		t.Errorf("values lost: %+v", s)
	}
}

func TestParseTeamGoalID(t *testing.T) {
	tests := []struct {
		id   string
		team string
		slot int
		ok   bool
	}{
		{TeamGoalID("bjorken-sma", 2), "bjorken-sma", 2, true},
		{"a/b/3", "a/b", 3, true},
		{"bjorken-sma/3r1", "", 0, false}, // a revised goal
		{"bjorken-sma/0", "", 0, false},
		{"bjorken-sma/01", "", 0, false},
		{"/1", "", 0, false},
		{"bjorken-sma", "", 0, false},
		{"", "", 0, false},
	}
	for _, tt := range tests {
		team, slot, ok := ParseTeamGoalID(tt.id)
		if team != tt.team || slot != tt.slot || ok != tt.ok {
			t.Errorf("ParseTeamGoalID(%q) = %q, %d, %v; want %q, %d, %v", tt.id, team, slot, ok, tt.team, tt.slot, tt.ok)
		}
	}
}
