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
