package demo

import (
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/testkit"
)

// TestFor checks what a manager types in per round and scope: everything
// in planning, only the round's reviews in a follow-up, only the team's
// answers in a team workbook.
func TestFor(t *testing.T) {
	org := testkit.SorseleOrg(t)
	a := New(org, Options{})
	tests := []struct {
		name string
		id   domain.Identity
		// teams, unitGoals and criteria are what the answers hold.
		teams               int
		unitGoals, criteria bool
		// review is the round every goal's one review must be of; ""
		// for none.
		review string
		ok     bool
		err    string
	}{
		{name: "planning", id: domain.Identity{Round: domain.PlanRound, Unit: "hemtjansten", Scope: domain.ScopeUnit},
			teams: 3, unitGoals: true, criteria: true, ok: true},
		{name: "april", id: domain.Identity{Round: "april", Unit: "hemtjansten", Scope: domain.ScopeUnit},
			teams: 3, unitGoals: true, review: "april", ok: true},
		{name: "augusti, one team", id: domain.Identity{Round: "augusti", Unit: "hemtjansten", Scope: domain.ScopeTeam, Teams: []string{"hemtjanst-ammarnas"}},
			teams: 1, unitGoals: true, review: "augusti", ok: true},
		{name: "a unit without answers", id: domain.Identity{Round: domain.PlanRound, Unit: "no-such-unit"}},
		{name: "a round without answers", id: domain.Identity{Round: "uppfoljning-november", Unit: "hemtjansten"},
			err: `no sample answers for the round "uppfoljning-november"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub, ok, err := a.For(tt.id)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || ok != tt.ok {
				t.Fatalf("ok %v err %v", ok, err)
			}
			if !ok {
				return
			}
			if sub.Identity.Round != tt.id.Round || len(sub.Teams) != tt.teams ||
				(len(sub.UnitGoals) > 0) != tt.unitGoals || (len(sub.Criteria) > 0) != tt.criteria {
				t.Fatalf("round %s: %d teams, %d unit goals, %d criteria", sub.Identity.Round, len(sub.Teams), len(sub.UnitGoals), len(sub.Criteria))
			}
			for _, tg := range sub.Teams {
				for _, g := range tg.Goals {
					switch {
					case tt.review == "" && len(g.Reviews) != 0:
						t.Errorf("%s: reviews in planning", g.ID)
					case tt.review != "" && (len(g.Reviews) != 1 || g.Reviews[0].Round != tt.review):
						t.Errorf("%s: reviews %+v", g.ID, g.Reviews)
					}
				}
			}
		})
	}
	// Rounds do not leak into each other: April's answers stay April's
	// after August's were loaded.
	sub, _, _ := a.For(domain.Identity{Round: "april", Unit: "hemtjansten"})
	for _, g := range sub.Teams[0].Goals {
		if len(g.Reviews) != 1 {
			t.Errorf("%s: %d reviews after loading another round", g.ID, len(g.Reviews))
		}
	}
}

// TestDraft checks that a draft fills only its unit, with the mistakes
// the demo shows, and leaves the answers themselves unchanged.
func TestDraft(t *testing.T) {
	org := testkit.SorseleOrg(t)
	a := New(org, Options{Draft: "forskolan"})
	if _, ok, err := a.For(domain.Identity{Round: domain.PlanRound, Unit: "hemtjansten", Scope: domain.ScopeUnit}); ok || err != nil {
		t.Fatalf("another unit was filled: %v %v", ok, err)
	}
	sub, ok, err := a.For(domain.Identity{Round: domain.PlanRound, Unit: "forskolan", Scope: domain.ScopeUnit})
	if !ok || err != nil {
		t.Fatalf("the draft unit was not filled: %v %v", ok, err)
	}
	first := sub.Teams[0].Goals
	if first[0].How != "" || first[0].Indicator != "" || !first[1].FollowUp.When.Before(org.PeriodStart) {
		t.Errorf("first team's mistakes missing: %+v", first[:2])
	}
	if len(sub.Teams[1].Goals) != 0 {
		t.Errorf("second team still has %d goals", len(sub.Teams[1].Goals))
	}
	clean, _, _ := New(org, Options{}).For(domain.Identity{Round: domain.PlanRound, Unit: "forskolan", Scope: domain.ScopeUnit})
	if clean.Teams[0].Goals[0].How == "" || len(clean.Teams[1].Goals) == 0 {
		t.Error("the draft changed the sample answers")
	}
}
