package testkit

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// Org is the organisation of the fake batch: two units of one
// department, one team each, a planning and a follow-up round.
func Org() *domain.Organisation {
	return &domain.Organisation{
		ID: "sorsele", Name: "Sorsele kommun", Period: "2027", Language: domain.Swedish,
		PeriodStart: domain.NewDate(2027, time.January, 1), PeriodEnd: domain.NewDate(2027, time.December, 31),
		Values:      []domain.Value{{ID: "mod", Name: "Mod"}},
		Departments: []domain.Department{{ID: "skola", Name: "Skola", Goals: []domain.DepartmentGoal{{ID: "skola-1"}}}},
		Units: []domain.Unit{{ID: "centralskolan", Name: "Centralskolan", Department: "skola"},
			{ID: "norra", Name: "Norra skolan", Department: "skola"}},
		Teams:    []domain.Team{{ID: "ak1-3", Name: "Åk 1–3", Unit: "centralskolan"}, {ID: "lag-a", Name: "Lag A", Unit: "norra"}},
		Statuses: domain.DefaultStatuses(),
		Rules:    domain.DefaultRules(),
		Rounds:   []domain.Round{{ID: "plan", Name: "Planering"}, {ID: "april", Name: "April"}},
	}
}

// Plan is a valid planning workbook of unit with one goal for team.
func Plan(unit, team string) *domain.Submission {
	return &domain.Submission{
		Identity: domain.Identity{TemplateVersion: domain.TemplateVersion, Organisation: "sorsele", Period: "2027",
			Round: "plan", Scope: domain.ScopeUnit, Unit: unit, Teams: []string{team}},
		UnitGoals: []domain.UnitGoal{{ID: "e1", Text: "Läsa mer", DepartmentGoal: "skola-1"}},
		Teams: []domain.TeamGoals{{Team: team, Goals: []domain.TeamGoal{{
			Slot: 1, What: "Alla elever läser 20 minuter varje dag", How: "Lässtund efter lunch", UnitGoal: "e1",
			FollowUp:  domain.FollowUpPlan{Method: "Läslogg", When: domain.NewDate(2027, 4, 1), Who: "Rektor"},
			Indicator: "Andel elever", Target: "90 %",
			Cells: domain.Cells{domain.FieldWhat: {Sheet: "Arbetslag", Ref: "B7"}, domain.FieldHow: {Sheet: "Arbetslag", Ref: "D7"},
				domain.FieldTarget: {Sheet: "Arbetslag", Ref: "I7"}, domain.FieldStatus: {Sheet: "Arbetslag", Ref: "K7"}},
		}}}},
	}
}

// FollowUp is a valid follow-up workbook of round for unit and team, with
// status for its one goal.
func FollowUp(unit, team, round, status string) *domain.Submission {
	s := Plan(unit, team)
	s.Identity.Round = round
	g := &s.Teams[0].Goals[0]
	g.ID = domain.TeamGoalID(team, 1)
	g.Reviews = []domain.Review{{Round: round, Status: status, Analysis: "Fler lästimmar behövs"}}
	return s
}

// Read is a fake workbook reader serving submissions by file name:
// centralskolan.xlsx lacks Hur, norra.xlsx is valid, norra-kopia.xlsx is
// the same unit again, april-*.xlsx are follow-ups, trasig.xlsx fails and
// krasch.xlsx panics.
func Read(_ context.Context, path string, _ *domain.Organisation) (*domain.Submission, domain.Findings, error) {
	switch filepath.Base(path) {
	case "centralskolan.xlsx":
		s := Plan("centralskolan", "ak1-3")
		s.Teams[0].Goals[0].How = ""
		s.Teams[0].Goals[0].Target = "alla"
		return s, nil, nil
	case "norra.xlsx", "norra-kopia.xlsx":
		return Plan("norra", "lag-a"), nil, nil
	case "april-centralskolan.xlsx":
		return FollowUp("centralskolan", "ak1-3", "april", "at-risk"), nil, nil
	case "april-norra.xlsx":
		s := FollowUp("norra", "lag-a", "april", "on-track")
		s.Teams[0].Goals[0].Reviews[0].Revised = &domain.RevisedGoal{What: "Alla elever läser 30 minuter", How: "Högläsning",
			FollowUp: domain.FollowUpPlan{Method: "Läslogg", When: domain.NewDate(2027, 9, 1), Who: "Rektor"}}
		return s, nil, nil
	case "trasig.xlsx":
		return nil, nil, errors.New("zip: not a valid zip file")
	case "krasch.xlsx":
		panic("index out of range")
	}
	return nil, nil, errors.New("unexpected file " + filepath.Base(path))
}

// Inbox creates files (content: their own name) under a temporary folder
// and moves into it, so that paths in outputs are relative and golden
// files stable.
func Inbox(t *testing.T, files ...string) {
	t.Helper()
	t.Chdir(t.TempDir())
	for _, f := range files {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Factory returns a factory in lang with captured streams, a fixed clock
// and Org as config.
func Factory(t testing.TB, lang string) (f *cmdutil.Factory, out, errOut *bytes.Buffer) {
	t.Helper()
	return FactoryWith(t, lang, Org())
}

// Catalogue loads the module's catalogues.
func Catalogue(t testing.TB) *i18n.Catalogue {
	t.Helper()
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// Localizer is the module's catalogues in lang.
func Localizer(t testing.TB, lang domain.Lang) *i18n.Localizer {
	t.Helper()
	return Catalogue(t).Localizer(lang)
}

// FactoryWith is Factory with org as config.
func FactoryWith(t testing.TB, lang string, org *domain.Organisation) (f *cmdutil.Factory, out, errOut *bytes.Buffer) {
	t.Helper()
	cat := Catalogue(t)
	out, errOut = &bytes.Buffer{}, &bytes.Buffer{}
	return &cmdutil.Factory{
		IO:         &cmdutil.IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut},
		Now:        func() time.Time { return time.Date(2027, 3, 1, 9, 30, 0, 0, time.UTC) },
		Getenv:     func(string) string { return "" },
		Catalogue:  cat,
		LangFlag:   lang,
		LoadConfig: func(string) (*domain.Organisation, domain.Findings, error) { return org, nil, nil },
		LoadKey:    LoadKey,
	}, out, errOut
}
