package poster_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/poster"
	"github.com/malarbete/malarbete/internal/report/html"
	"github.com/malarbete/malarbete/internal/report/html/axetest"
	"github.com/malarbete/malarbete/internal/report/pdf"
	"github.com/malarbete/malarbete/internal/report/reporttest"
	"github.com/malarbete/malarbete/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// ninety is a team name of 90 characters with Sámi letters.
var ninety = "Arbetslaget Áhkká-Čohkka Šiellá Đuvvár Žiŧŧa Ŋuolla i fjällen bortom Ammarnäs, Hemavan och"

// org is a municipality of the tests' own: a unit without teams, a team
// with a 90-character name in Sámi letters, a team without goals, and a
// follow-up round.
func org() *domain.Organisation {
	d := domain.NewDate
	return &domain.Organisation{
		ID: "fjall", Name: "Fjällkommunen", Period: "2028", Language: domain.Swedish,
		PeriodStart: d(2028, 1, 1), PeriodEnd: d(2028, 12, 31),
		Vision:      "Ett levande fjäll – för alla, året om.",
		OverallGoal: "Vi ger service med hög kvalitet och samverkar över alla gränser.",
		Values: []domain.Value{
			{ID: "mod", Name: "Mod", Behaviours: []string{"att ta ansvar", "att prova nytt"}},
			{ID: "respekt", Name: "Respekt", Behaviours: []string{"ta alla på allvar"}},
		},
		Departments: []domain.Department{{ID: "vard", Name: "Vård och omsorg", Goals: []domain.DepartmentGoal{
			{ID: "vard-1", Text: "Den enskilde lever ett självständigt liv."},
			{ID: "vard-2", Text: "Vården håller hög kvalitet."},
		}}},
		Units: []domain.Unit{
			{ID: "boende", Name: "Boendet i Gielas", Department: "vard"},
			{ID: "staben", Name: "Staben utan arbetslag", Department: "vard"},
		},
		Teams: []domain.Team{
			{ID: "sami", Name: ninety, Unit: "boende"},
			{ID: "natt", Name: "Natten", Unit: "boende"},
		},
		Statuses: domain.DefaultStatuses(),
		Rules:    domain.DefaultRules(),
		Rounds: []domain.Round{
			{ID: "plan", Name: "Målformulering", Deadline: d(2028, 2, 1)},
			{ID: "maj", Name: "Uppföljning maj", Deadline: d(2028, 5, 31)},
		},
	}
}

func register(rounds ...string) *domain.Register {
	goal := func(slot int, what string, rv ...domain.Review) domain.TeamGoal {
		return domain.TeamGoal{ID: domain.TeamGoalID("sami", slot), Slot: slot, What: what, UnitGoal: "e1",
			How:      "Vi gör det tillsammans – " + what,
			FollowUp: domain.FollowUpPlan{Method: "Enkät i maj", When: domain.NewDate(2028, 5, 15), Who: "Sárá Ŋuolla"}, Reviews: rv}
	}
	return &domain.Register{Rounds: rounds, Units: []domain.UnitRecord{{
		Unit: "boende", Department: "vard",
		Goals: []domain.UnitGoal{
			{ID: "e1", Text: "Alla boende har en egen plan.", DepartmentGoal: "vard-1"},
			{ID: "e2", Text: "Ingen boende känner sig ensam.", DepartmentGoal: "vard-2"},
		},
		Teams: []domain.TeamGoals{{Team: "sami", Goals: []domain.TeamGoal{
			goal(1, "Varje boende har en uppdaterad genomförandeplan.", domain.Review{Round: "maj", Status: string(domain.StatusAtRisk)}),
			goal(2, "Vi talar samiska med den som vill.", domain.Review{Round: "maj", Status: string(domain.StatusOnTrack)}),
		}}},
	}}}
}

// text is every text of a tree, one string.
func text(doc *document.Document) string {
	var b strings.Builder
	for _, t := range reporttest.Texts(doc) {
		b.WriteString(t.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestBuild(t *testing.T) {
	o := org()
	for _, tc := range []struct {
		name, round string
		lang        domain.Lang
		want, not   []string
	}{
		{name: "plan.sv", round: "plan", lang: domain.Swedish,
			want: []string{"Vår målkedja", o.Vision, o.OverallGoal, "Den enskilde lever ett självständigt liv.", "Alla boende har en egen plan.",
				"Varje boende har en uppdaterad genomförandeplan.", "Vi talar samiska med den som vill.", "Sárá Ŋuolla", "att prova nytt", "ta alla på allvar"},
			// The department goal and the unit goal no team goal serves.
			not: []string{"Vården håller hög kvalitet.", "Ingen boende känner sig ensam.", "Risk"}},
		{name: "maj.en", round: "maj", lang: domain.English,
			want: []string{"Our goal chain", "Uppföljning maj", "Risk", "On track"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			posters, empty, err := poster.Build(t.Context(), o, register("plan", "maj"), poster.Options{Round: tc.round, Date: domain.NewDate(2028, 3, 1)}, testkit.Localizer(t, tc.lang))
			if err != nil {
				t.Fatal(err)
			}
			// The unit without teams has no poster, the team without
			// goals is told.
			if len(posters) != 1 || posters[0].Team.ID != "sami" || len(empty) != 1 || empty[0].ID != "natt" {
				t.Fatalf("posters %d, empty %v", len(posters), empty)
			}
			doc := posters[0].Doc
			all := text(doc)
			for _, w := range tc.want {
				if !strings.Contains(strings.ToLower(all), strings.ToLower(w)) {
					t.Errorf("the poster lacks %q", w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(all, w) {
					t.Errorf("the poster holds %q", w)
				}
			}
			js, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, "testdata", tc.name+".json", append(js, '\n'), *update)
		})
	}
}

// TestRender draws the poster on A4 and A3 at the poster command's
// smallest zoom: one page; and very long goals on more pages rather than
// cut.
func TestRender(t *testing.T) {
	long := register("plan")
	for i := range long.Units[0].Teams[0].Goals {
		g := &long.Units[0].Teams[0].Goals[i]
		g.What = strings.Repeat("Ett mycket långt mål om samverkan i fjällen. ", 22) // 1000 characters, the text limit
		g.How = g.What
	}
	for _, tc := range []struct {
		name  string
		reg   *domain.Register
		paper string
		zoom  float64
		one   bool
	}{
		{"A4", register("plan"), "A4", 0.9, true},
		{"A3", register("plan"), "A3", 0.9 * 1.41421356, true},
		{"A4 long", long, "A4", 0.9, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			posters, _, err := poster.Build(t.Context(), org(), tc.reg, poster.Options{}, testkit.Localizer(t, domain.Swedish))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			res, err := pdf.Render(t.Context(), &buf, posters[0].Doc, pdf.Options{Paper: tc.paper, Zoom: tc.zoom})
			if err != nil {
				t.Fatal(err)
			}
			if (res.Pages == 1) != tc.one {
				t.Errorf("%d pages", res.Pages)
			}
		})
	}
}

// TestAxe checks the poster's web page with axe-core.
func TestAxe(t *testing.T) {
	posters, _, err := poster.Build(t.Context(), org(), register("plan", "maj"), poster.Options{}, testkit.Localizer(t, domain.Swedish))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := html.Render(t.Context(), &buf, posters[0].Doc, html.Options{}); err != nil {
		t.Fatal(err)
	}
	axetest.Check(t, "poster", buf.String())
}
