package sample

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/malarbete/malarbete/internal/domain"
)

const goodPlan = `organisation: x
period: "2027"
round: plan
language: sv
units:
  - unit: u
    goals:
      - text: Ett mål.
        departmentGoal: d-1
      - id: e7
        text: Ett till.
    teams:
      - team: t
        goals:
          - what: Vad.
            unitGoal: e1
            how: Hur.
            followUp: {method: Möte, when: 2027-03-01, who: Chef}
          - what: Vad 2.
            how: Hur 2.
            followUp: {method: Möte, when: 2027-09-01, who: Chef}
    criteria:
      - criterion: c
        meaning: Betyder.
        teamGoal: t/2
`

func TestLoadPlan(t *testing.T) {
	subs, err := LoadPlan(fstest.MapFS{"p.yaml": {Data: []byte(goodPlan)}}, "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := subs["u"]
	if s == nil {
		t.Fatalf("no unit u in %v", subs)
	}
	if got := s.Identity; got.Organisation != "x" || got.Round != domain.PlanRound || got.Scope != domain.ScopeUnit || got.Language != domain.Swedish || strings.Join(got.Teams, ",") != "t" {
		t.Errorf("identity = %+v", got)
	}
	if len(s.UnitGoals) != 2 || s.UnitGoals[0].ID != "e1" || s.UnitGoals[1].ID != "e7" || s.UnitGoals[0].Preset {
		t.Errorf("unit goals = %+v", s.UnitGoals)
	}
	g := s.Teams[0].Goals[1]
	if g.ID != "t/2" || g.Slot != 2 || g.FollowUp.When != domain.NewDate(2027, 9, 1) || g.What != "Vad 2." {
		t.Errorf("team goal = %+v", g)
	}
	if c := s.Criteria[0]; c.Criterion != "c" || c.TeamGoal != "t/2" {
		t.Errorf("criterion note = %+v", c)
	}
}

func TestLoadPlanErrors(t *testing.T) {
	tests := []struct {
		name, edit, with, want string
	}{
		{"unknown key", "language: sv", "language: sv\nlanguge: sv", "field languge not found"},
		{"wrong round", "round: plan", "round: april", `round is "april"`},
		{"bad language", "language: sv", "language: fi", `language "fi"`},
		{"missing what", "what: Vad.\n", "what: \"\"\n", "goal t/1: what is missing"},
		{"misspelt goal field", "what: Vad.\n", "wat: Vad.\n", "field wat not found"},
		{"bad date", "when: 2027-09-01", "when: 2027-02-30", "goal t/2: followUp.when"},
		{"missing date", "when: 2027-09-01, ", "", "goal t/2: followUp.when is missing"},
		{"duplicate unit goal", "id: e7", "id: e1", "goal e1: id used twice"},
		{"invalid unit id", "unit: u", "unit: U!", `unit id "U!"`},
		{"bad team goal ref", "teamGoal: t/2", "teamGoal: t/0", `goal id "t/0"`},
		{"criterion without name", "criterion: c", "criterion: \"\"", "neither criterion nor name"},
		{"two documents", "", "---\nfoo: 1\n", "want one YAML document"},
		{"not yaml", "units:", "units: [", "sample p.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := goodPlan
			if tt.edit == "" {
				src += tt.with
			} else {
				if !strings.Contains(src, tt.edit) {
					t.Fatalf("test edit %q not in the plan", tt.edit)
				}
				src = strings.Replace(src, tt.edit, tt.with, 1)
			}
			_, err := LoadPlan(fstest.MapFS{"p.yaml": {Data: []byte(src)}}, "p.yaml")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestLoadPlanEmptyAndMissing(t *testing.T) {
	fsys := fstest.MapFS{"empty.yaml": {Data: nil}}
	if _, err := LoadPlan(fsys, "empty.yaml"); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty file: err = %v", err)
	}
	if _, err := LoadPlan(fsys, "nope.yaml"); err == nil {
		t.Error("missing file: no error")
	}
}

const goodReviews = `organisation: x
period: "2027"
round: augusti
reviews:
  - goal: t/1
    status: at-risk
    current: 3
    analysis: Varför.
    correction: Vad vi gör.
  - goal: t/2
    status: on-track
    revised:
      what: Nytt vad.
      how: Nytt hur.
      followUp: {method: Möte, when: 2027-11-05, who: Chef}
  - unitGoal: u/e1
    status: not-achieved
    analysis: Det blev inte som vi tänkt.
    revised:
      text: Ett nytt mål för enheten.
      target: 80 %
`

func TestLoadReviews(t *testing.T) {
	rs, err := LoadReviews(fstest.MapFS{"r.yaml": {Data: []byte(goodReviews)}}, "r.yaml", "augusti")
	if err != nil {
		t.Fatal(err)
	}
	if r := rs.Team["t/1"]; r.Round != "augusti" || r.Status != "at-risk" || r.Current != "3" || r.Revised != nil {
		t.Errorf("t/1 = %+v", r)
	}
	if r := rs.Team["t/2"]; r.Revised == nil || r.Revised.FollowUp.When != domain.NewDate(2027, 11, 5) {
		t.Errorf("t/2 = %+v", r)
	}
	if r := rs.Unit["u/e1"]; r.Round != "augusti" || r.Status != "not-achieved" || r.Revised == nil || r.Revised.Text != "Ett nytt mål för enheten." || r.Revised.Target != "80 %" {
		t.Errorf("u/e1 = %+v", r)
	}
}

func TestLoadReviewsErrors(t *testing.T) {
	tests := []struct {
		name, round, edit, with, want string
	}{
		{"other round asked", "april", "", "", `round is "augusti", want "april"`},
		{"plan round", "plan", "round: augusti", "round: plan", "has no reviews"},
		{"unknown key", "augusti", "current: 3", "currrent: 3", "field currrent not found"},
		{"bad goal id", "augusti", "goal: t/1", "goal: t", `goal id "t"`},
		{"duplicate goal", "augusti", "goal: t/2", "goal: t/1", "reviewed twice"},
		{"bad status", "augusti", "status: on-track", "status: On track", "not a valid id"},
		{"risk unexplained", "augusti", "    analysis: Varför.\n    correction: Vad vi gör.\n", "", "needs an analysis or a correction"},
		{"unit goal without unit", "augusti", "unitGoal: u/e1", "unitGoal: e1", `unit goal "e1": want <unit>/<goal id>`},
		{"unit goal unexplained", "augusti", "    analysis: Det blev inte som vi tänkt.\n", "", "unit goal u/e1: status not-achieved needs"},
		{"unknown unit goal field", "augusti", "      target: 80 %", "      mål: 80 %", "field revisedMål not found"},
		{"revised bad date", "augusti", "2027-11-05", "5 nov", "revisedFollowUpWhen: parse date \"5 nov\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := goodReviews
			if tt.edit != "" {
				if !strings.Contains(src, tt.edit) {
					t.Fatalf("test edit %q not in the reviews", tt.edit)
				}
				src = strings.Replace(src, tt.edit, tt.with, 1)
			}
			_, err := LoadReviews(fstest.MapFS{"r.yaml": {Data: []byte(src)}}, "r.yaml", tt.round)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestAttachReviewsUnknownGoal(t *testing.T) {
	subs, err := LoadPlan(fstest.MapFS{"p.yaml": {Data: []byte(goodPlan)}}, "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	err = AttachReviews(subs, Reviews{Team: map[string]domain.Review{"t/1": {Round: "april"}, "t/9": {}, "s/1": {}}, Unit: map[string]domain.UnitReview{"u/e9": {}}})
	if err == nil || !strings.Contains(err.Error(), "no goal s/1, t/9, u/e9") {
		t.Errorf("err = %v", err)
	}
	if g := subs["u"].Teams[0].Goals[0]; len(g.Reviews) != 0 {
		t.Errorf("reviews attached despite the error: %+v", g.Reviews)
	}
}
