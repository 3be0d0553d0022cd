package register

import (
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
)

// TestReorganise: a register follows the config's reorganisations and
// loses nothing: a renamed unit, two units merged, a team moved, renamed
// or gone.
func TestReorganise(t *testing.T) {
	reg := New(testOrg())
	mustMerge(t, reg, []Accepted{plan("norra", "n", "lag-a"), plan("centralskolan", "c", "ak1-3", "ak4-6")}, MergeOptions{Round: "plan"})

	// Between planning and April: Norra skolan is merged into
	// Centralskolan, whose id becomes "skolan"; Åk 4–6 moves to
	// Hemtjänsten (for the test's sake) and is renamed; Lag A is gone.
	org := testOrg()
	org.Units = []domain.Unit{
		{ID: "skolan", Name: "Skolan", Department: "skola", FormerIDs: []string{"centralskolan", "norra"}},
		{ID: "hemtjanst", Department: "vard"},
	}
	org.Teams = []domain.Team{
		{ID: "ak1-3", Unit: "skolan"},
		{ID: "mellanstadiet", Unit: "hemtjanst", FormerIDs: []string{"ak4-6"}},
	}
	org.BuildIndex()
	changes := Reorganise(reg, org, "april")
	kinds := map[domain.ChangeKind]int{}
	for _, c := range changes {
		kinds[c.Kind]++
	}
	if kinds[domain.UnitRenamed] != 1 || kinds[domain.UnitMerged] != 1 || kinds[domain.TeamMoved] != 1 || kinds[domain.TeamRenamed] != 1 || kinds[domain.TeamLeft] != 1 {
		t.Fatalf("changes %+v", changes)
	}
	skolan, ok := reg.Unit("skolan")
	if !ok {
		t.Fatalf("no record for the merged unit: %+v", reg.Units)
	}
	if _, ok := reg.Unit("norra"); ok {
		t.Error("the merged-in record is still there")
	}
	// Both units' goals, each kept: Norra's record took the new id first
	// (config order), Centralskolan's was merged into it, its e1 re-keyed,
	// and its team's link follows it.
	if len(skolan.Goals) != 2 || skolan.Goals[0].ID != "e1" || skolan.Goals[1].ID != "centralskolan-e1" {
		t.Errorf("unit goals %+v", skolan.Goals)
	}
	for _, tg := range skolan.Teams {
		if tg.Team == "ak1-3" && tg.Goals[0].UnitGoal != "centralskolan-e1" {
			t.Errorf("Åk 1–3 links %q, want the re-keyed goal", tg.Goals[0].UnitGoal)
		}
	}
	var lagA *domain.TeamGoals
	for i := range skolan.Teams {
		if skolan.Teams[i].Team == "lag-a" {
			lagA = &skolan.Teams[i]
		}
	}
	if lagA == nil || lagA.Left != "april" || len(lagA.Goals) != 2 {
		t.Fatalf("the team that left: %+v", skolan.Teams)
	}
	hem, ok := reg.Unit("hemtjanst")
	if !ok || len(hem.Teams) != 1 || hem.Teams[0].Team != "mellanstadiet" || len(hem.Teams[0].Goals) != 2 {
		t.Fatalf("the moved team: %+v", reg.Units)
	}
	if len(skolan.FormerIDs) != 2 {
		t.Errorf("former ids %v", skolan.FormerIDs)
	}

	// In line now: nothing more to do.
	if again := Reorganise(reg, org, "april"); len(again) != 0 {
		t.Errorf("a second run changed %+v", again)
	}
	if len(reg.Changes) != len(changes) {
		t.Errorf("register changes %+v", reg.Changes)
	}
}
