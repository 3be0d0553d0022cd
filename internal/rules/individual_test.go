package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
)

// TestContributions checks an individual goals workbook's own goals:
// only the MB027x rules and the identity's run, at the cell concerned.
func TestContributions(t *testing.T) {
	id := domain.Identity{
		TemplateVersion: domain.TemplateVersion, Organisation: "sorsele", Period: "2027", Round: "plan",
		Scope: domain.ScopeIndividual, Unit: "centralskolan", Teams: []string{"ak1-3"},
	}
	at := func(row string) domain.Cells {
		return cells("Mina mål", row, domain.FieldWhat, domain.FieldHow, domain.FieldFollowUp, domain.FieldTeamGoal)
	}
	good := domain.Contribution{Row: 1, What: "Läsa högt varje dag.", How: "Tio minuter efter lunch.", FollowUp: "Vid nästa samtal.", TeamGoal: "ak1-3/1", Cells: at("5")}
	for _, tc := range []struct {
		name string
		edit func(*domain.Contribution)
		none bool
		want []string // code and cell
	}{
		{name: "complete", edit: func(*domain.Contribution) {}},
		{name: "nothing written", none: true, want: []string{"MB0270 "}},
		{name: "no what", edit: func(c *domain.Contribution) { c.What = " " }, want: []string{"MB0271 B5"}},
		{name: "no how", edit: func(c *domain.Contribution) { c.How = "" }, want: []string{"MB0272 C5"}},
		{name: "no follow-up", edit: func(c *domain.Contribution) { c.FollowUp = "" }, want: []string{"MB0273 D5"}},
		{name: "no link", edit: func(c *domain.Contribution) { c.TeamGoal = "" }, want: []string{"MB0274 E5"}},
		{name: "link typed over", edit: func(c *domain.Contribution) { c.TeamGoal = "Mitt eget" }, want: []string{"MB0275 E5"}},
		{name: "link to the other team", edit: func(c *domain.Contribution) { c.TeamGoal = "ak4-6/1" }, want: []string{"MB0275 E5"}},
		{name: "link to an empty slot", edit: func(c *domain.Contribution) { c.TeamGoal = "ak1-3/3" }, want: []string{"MB0275 E5"}},
		{name: "too long", edit: func(c *domain.Contribution) { c.How = strings.Repeat("å", domain.DefaultTextLimit+1) }, want: []string{"MB0276 C5"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub := &domain.Submission{Identity: id, LinkableTeamGoals: []string{"ak1-3/1", "ak1-3/2"}}
			if !tc.none {
				c := good
				tc.edit(&c)
				sub.Contributions = []domain.Contribution{c}
			}
			var got []string
			for _, f := range Check("mina.xlsx", sub, testOrg(), Options{}) {
				got = append(got, f.Code+" "+f.Location.Cell)
				if f.Data["Row"] != nil && f.Data["Row"] != 1 {
					t.Errorf("%s names row %v", f.Code, f.Data["Row"])
				}
				for k, v := range f.Data {
					if s, ok := v.(string); ok && strings.Contains(s, "å") {
						t.Errorf("%s quotes the employee's text under %s", f.Code, k)
					}
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings %q, want %q", got, tc.want)
			}
		})
	}
}
