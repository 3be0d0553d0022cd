package workbook

import (
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/signature"
)

// TestTeamWorkbookCriteria: a team's own workbook shows the unit's salary
// criteria locked, in the planning round empty and in a follow-up round
// as the register has them. Read, it gives no criteria (the unit's
// workbook does) and so no finding about them; an edit there is found.
func TestTeamWorkbookCriteria(t *testing.T) {
	plan := answers("")
	rec := &domain.UnitRecord{Unit: "bjorken", Department: "skola", Goals: plan.UnitGoals, Teams: plan.Teams, Criteria: plan.Criteria}
	for _, opts := range []Options{
		{Unit: "bjorken", Team: "bjorken-sma"},
		{Unit: "bjorken", Team: "bjorken-sma", Round: "november", Record: rec},
	} {
		t.Run(opts.Round, func(t *testing.T) {
			_, data := open(t, testOrg(), opts)
			sub, fs := readWith(t, data, signature.Key{})
			if len(sub.Criteria) != 0 {
				t.Errorf("criteria read from a team's workbook: %+v", sub.Criteria)
			}
			for _, f := range fs {
				t.Errorf("finding on an untouched team workbook: %+v", f)
			}
			edited := edit(t, data, func(f *excelize.File) { f.SetCellStr("Lönekriterier", "F5", "Vi tar ansvar") })
			_, fs = readWith(t, edited, signature.Key{})
			found := false
			for _, f := range fs {
				found = found || f.MessageID == FindingPrefillEdited.MessageID || f.MessageID == FindingPrefillChanged.MessageID
			}
			if !found {
				t.Errorf("an edited criterion note is not found: %+v", fs)
			}
		})
	}
}
