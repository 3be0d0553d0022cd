package workbook

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
)

// TestCriterionLinkToRevisedGoal: once a team goal has been revised, its
// slot holds the revision. A criterion linked to it shows the slot's
// label with the revision's text, and the label reads back as the
// revision's id, not as the replaced goal the slot held first (which the
// rules would report as an empty goal, MB0229).
func TestCriterionLinkToRevisedGoal(t *testing.T) {
	org := testOrg()
	plan := answers("")
	rec := &domain.UnitRecord{Unit: "bjorken", Department: "skola", Goals: plan.UnitGoals}
	for _, tg := range plan.Teams {
		rec.Teams = append(rec.Teams, domain.TeamGoals{Team: tg.Team, Goals: append([]domain.TeamGoal(nil), tg.Goals...)})
	}
	old := rec.Teams[0].Goals[1] // bjorken-sma/3
	old.ReplacedIn = "august"
	rev := rec.Teams[0].Goals[1]
	rev.ID, rev.Replaces, rev.What = "bjorken-sma/3r1", old.ID, "Vi går ut två gånger om dagen."
	rec.Teams[0].Goals = []domain.TeamGoal{rec.Teams[0].Goals[0], old, rev}
	rec.Criteria = []domain.CriterionNote{
		{Criterion: "ansvar", Meaning: "Tar ansvar för utevistelsen.", TeamGoal: rev.ID, Round: domain.PlanRound},
		{Criterion: "bemotande", Meaning: "Hälsar på alla.", TeamGoal: old.ID, Round: domain.PlanRound},
	}

	f, gen := open(t, org, Options{Unit: "bjorken", Round: "november", Record: rec})
	// Both links name slot 3, which now holds the revision.
	for _, ref := range []string{"G5", "G6"} {
		if v, _ := f.GetCellValue("Lönekriterier", ref); !strings.HasPrefix(v, "Småbarn, mål 3: ") || !strings.HasSuffix(v, rev.What) {
			t.Errorf("%s shows %q, want slot 3's label with the revision's text", ref, v)
		}
	}

	sub, fs, err := Read(context.Background(), bytes.NewReader(gen), int64(len(gen)), org, ReadOptions{Name: "nov.xlsx"})
	if err != nil || sub == nil {
		t.Fatal(err)
	}
	if len(fs) > 0 {
		t.Errorf("findings %+v", fs)
	}
	for _, n := range sub.Criteria[:2] {
		if n.TeamGoal != rev.ID {
			t.Errorf("criterion %s linked to %q, want %q", n.Criterion, n.TeamGoal, rev.ID)
		}
	}
}
