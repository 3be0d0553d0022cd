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
