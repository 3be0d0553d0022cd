package workbook

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
)

// answers is what the manager of Förskolan Björken types in.
func answers(round string) *domain.Submission {
	sub := &domain.Submission{
		UnitGoals: []domain.UnitGoal{
			{ID: "e1", Text: "Alla barn ska känna sig trygga och sedda varje dag.", DepartmentGoal: "skola-1", Indicator: "Andel vårdnadshavare som svarar att barnet är tryggt", Target: "95 %", Responsible: "Förskolechef"},
			{ID: "e2", Text: "Utemiljön ska användas för lärande året runt; även när det är minus 25 grader.", DepartmentGoal: "skola-1", Indicator: "Antal planerade utepass per vecka", Target: "3", Responsible: "Arbetslagen"},
		},
		Teams: []domain.TeamGoals{
			{Team: "bjorken-sma", Goals: []domain.TeamGoal{
				{ID: "bjorken-sma/1", Slot: 1, What: "Varje barn möts personligen vid lämning.", UnitGoal: "e1",
					How:       "Vi fördelar ansvaret för mottagandet i ett schema och följer upp på APT.\nNya medarbetare introduceras.",
					FollowUp:  domain.FollowUpPlan{Method: "Enkät till vårdnadshavare", When: domain.NewDate(2027, time.May, 31), Who: "Förskolechef"},
					Indicator: "Enkätsvar", Target: "95 %", Value: "respekt", Collaboration: "Vårdnadshavare; Elevhälsan"},
				{ID: "bjorken-sma/3", Slot: 3, What: "Vi går ut varje dag – även i kyla.", UnitGoal: "e2", How: "Rätt kläder, varm dryck och planerade lekar.",
					FollowUp: domain.FollowUpPlan{Method: "Loggbok", When: domain.NewDate(2027, time.October, 1), Who: "Arbetslaget"}, Value: "gladje"},
			}},
			{Team: "bjorken-stora", Goals: []domain.TeamGoal{
				{ID: "bjorken-stora/1", Slot: 1, What: "Barnen prövar nya sätt att lösa problem.", UnitGoal: "e1", How: "Veckans utmaning.",
					FollowUp: domain.FollowUpPlan{Method: "Dokumentation", When: domain.NewDate(2027, time.June, 15), Who: "Pedagogerna"}, Value: "mod"},
			}},
		},
		Criteria: []domain.CriterionNote{
			{Criterion: "ansvar", Meaning: "Tar ansvar för mottagandet enligt schemat.", TeamGoal: "bjorken-sma/1"},
			{Criterion: "bemotande", Meaning: "Hälsar på varje barn och vårdnadshavare."},
			{Own: 1, Name: "Utomhuspedagogik", Description: "Använder utemiljön i lärandet.", Value: "gladje", Meaning: "Planerar minst tre utepass i veckan.", TeamGoal: "bjorken-sma/3"},
		},
	}
	if round != "" && round != domain.PlanRound {
		sub.Teams[0].Goals[0].Reviews = []domain.Review{{Round: round, Status: string(domain.StatusAtRisk), Current: "88 %", Analysis: "Hösten var tuff.", Correction: "Fler vuxna i hallen."}}
	}
	return sub
}

// strip drops what the reader adds (cells) and the identity, so that
// submissions compare on the answers.
func strip(sub *domain.Submission) *domain.Submission {
	c := *sub
	c.Identity, c.Saved = domain.Identity{}, time.Time{}
	c.UnitGoals = slices.Clone(sub.UnitGoals)
	c.Teams = nil
	for _, tg := range sub.Teams {
		tg.Goals = slices.Clone(tg.Goals)
		c.Teams = append(c.Teams, tg)
	}
	c.Criteria = slices.Clone(sub.Criteria)
	c.DropCells()
	return &c
}

// generate writes a workbook for opts into dir and returns its path.
func generate(t testing.TB, dir string, org *domain.Organisation, opts Options) string {
	t.Helper()
	path := filepath.Join(dir, opts.Unit+string(opts.Lang)+opts.Team+opts.Round+".xlsx")
	if _, err := WriteFile(path, org, opts, atomicfile.Options{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRoundTrip(t *testing.T) {
	for _, lang := range domain.Langs {
		t.Run(string(lang), func(t *testing.T) {
			org := testOrg()
			dir := t.TempDir()
			in := generate(t, dir, org, Options{Unit: "bjorken", Lang: lang})
			want := answers("")
			out := filepath.Join(dir, "filled.xlsx")
			if err := FillFile(in, out, want, org, atomicfile.Options{}); err != nil {
				t.Fatal(err)
			}
			got, fs, err := ReadFile(context.Background(), out, org)
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) > 0 {
				t.Errorf("findings: %+v", fs)
			}
			if got == nil {
				t.Fatal("no submission")
			}
			// The empty configured criterion rows come back too.
			if !reflect.DeepEqual(strip(got), strip(want)) {
				t.Errorf("round trip differs\n got %+v\nwant %+v", strip(got), strip(want))
			}
			if got.Identity.Language != lang || got.Identity.Unit != "bjorken" {
				t.Errorf("identity %+v", got.Identity)
			}
			c := got.Teams[0].Goals[0].Cells[domain.FieldHow]
			if c.Sheet != "Småbarn" || c.Ref != "C7" {
				t.Errorf("how cell %+v", c)
			}
		})
	}
}

func TestReadUntouchedIsEmpty(t *testing.T) {
	org := testOrg()
	dir := t.TempDir()
	path := generate(t, dir, org, Options{Unit: "forradet"})
	got, fs, err := ReadFile(context.Background(), path, org)
	if err != nil || len(fs) > 0 {
		t.Fatalf("err %v, findings %+v", err, fs)
	}
	if len(got.UnitGoals) != 1 || !got.UnitGoals[0].Preset || got.UnitGoals[0].DepartmentGoal != "teknik-2" {
		t.Errorf("preset unit goal %+v", got.UnitGoals)
	}
	// A team without goals is kept, so that the rules can report it.
	if len(got.Teams) != 1 || len(got.Teams[0].Goals) != 0 || len(got.Criteria) != 2 {
		t.Errorf("teams %+v criteria %+v", got.Teams, got.Criteria)
	}
	if os.Getenv("MALARBETE_KEEP") != "" {
		data, _ := os.ReadFile(path)
		os.WriteFile(filepath.Join(os.Getenv("MALARBETE_KEEP"), "forradet.xlsx"), data, 0o644)
	}
}
