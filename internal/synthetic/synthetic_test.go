package synthetic

import (
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
)

func TestOrganisation(t *testing.T) {
	tests := []struct {
		name               string
		opts               Options
		units, teams, dept int
	}{
		{"defaults", Options{}, 10, 50, 5},
		{"thousand", Options{Units: 1000, TeamsPerUnit: 5}, 1000, 5000, 5},
		{"one", Options{Units: 1, TeamsPerUnit: 1, Departments: 1}, 1, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org := Organisation(tt.opts)
			if len(org.Units) != tt.units || len(org.Teams) != tt.teams || len(org.Departments) != tt.dept {
				t.Fatalf("got %d units, %d teams, %d departments", len(org.Units), len(org.Teams), len(org.Departments))
			}
			seen := map[string]bool{}
			for _, u := range org.Units {
				if !domain.ValidID(u.ID) || seen[u.ID] {
					t.Errorf("unit id %q invalid or repeated", u.ID)
				}
				seen[u.ID] = true
				if _, ok := org.Department(u.Department); !ok {
					t.Errorf("unit %s: unknown department %s", u.ID, u.Department)
				}
			}
			for _, tm := range org.Teams {
				if !domain.ValidID(tm.ID) || seen[tm.ID] {
					t.Errorf("team id %q invalid or repeated", tm.ID)
				}
				seen[tm.ID] = true
			}
		})
	}
}

func TestAnswers(t *testing.T) {
	org := Organisation(Options{Units: 2, TeamsPerUnit: 3})
	a, b := Answers(org, "enhet-1"), Answers(org, "enhet-2")
	if len(a.UnitGoals) != 2 || len(a.Teams) != 3 || len(a.Criteria) != len(org.Criteria) {
		t.Fatalf("got %d unit goals, %d teams, %d criteria", len(a.UnitGoals), len(a.Teams), len(a.Criteria))
	}
	seen := map[string]bool{}
	for _, s := range []*domain.Submission{a, b} {
		for _, tg := range s.Teams {
			if len(tg.Goals) != org.Rules.MaxTeamGoals {
				t.Errorf("team %s: %d goals", tg.Team, len(tg.Goals))
			}
			for _, g := range tg.Goals {
				if g.What == "" || g.How == "" || g.FollowUp.When.IsZero() || g.FollowUp.Who == "" || seen[g.What] {
					t.Errorf("team %s slot %d: incomplete or repeated goal %+v", tg.Team, g.Slot, g)
				}
				seen[g.What] = true
			}
		}
	}
}
