package register_test

import (
	"bytes"
	"sort"
	"testing"
	"time"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/testkit"
)

// TestSorseleRounds collects the Sorsele sample answers over the planning
// round and two follow-up rounds: every unit is in, no goal loses its
// history, revised goals are linked both ways, and collecting it all again
// changes nothing.
func TestSorseleRounds(t *testing.T) {
	org := testkit.SorseleOrg(t)
	batch := func(round, path string) []register.Accepted {
		subs := testkit.SorseleSubmissions(t, round, path)
		var out []register.Accepted
		for u, s := range subs {
			out = append(out, register.Accepted{Submission: s, Source: domain.Provenance{
				File: round + "/" + u + ".xlsx", SHA256: round + u, ReadAt: time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC)}})
		}
		// Reverse file order, unlike the config's: the register must not care.
		sort.Slice(out, func(i, j int) bool { return out[i].Source.File > out[j].Source.File })
		return out
	}
	rounds := testkit.SorseleRounds
	collect := func(reg *domain.Register) {
		for _, r := range rounds {
			res, err := register.Merge(reg, org, batch(r.Round, r.Path), register.MergeOptions{Round: r.Round})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Rejected)+len(res.Duplicates) > 0 {
				t.Errorf("%s: rejected %v, duplicates %v", r.Round, res.Rejected, res.Duplicates)
			}
		}
	}
	reg := register.New(org)
	collect(reg)
	if len(reg.Units) != len(org.Units) || len(reg.Missing) != 0 {
		t.Fatalf("%d of %d units, missing %v", len(reg.Units), len(org.Units), reg.Missing)
	}
	revisions := 0
	for _, u := range reg.Units {
		for _, tg := range u.Teams {
			byID := map[string]domain.TeamGoal{}
			for _, g := range tg.Goals {
				byID[g.ID] = g
			}
			for _, g := range tg.Goals {
				if g.Replaces != "" {
					revisions++
					if old := byID[g.Replaces]; old.ReplacedIn == "" {
						t.Errorf("%s replaces %s, which does not say so", g.ID, g.Replaces)
					}
					continue
				}
				if len(g.Reviews) == 0 || g.Reviews[0].Round != "april" {
					t.Errorf("goal %s lost its April review: %+v", g.ID, g.Reviews)
				}
			}
		}
	}
	t.Logf("%d units, %d revised goals", len(reg.Units), revisions)
	first, _ := register.Encode(reg)
	again := register.New(org)
	collect(again)
	// The latest round again is allowed and changes nothing; earlier
	// rounds are refused.
	last := rounds[len(rounds)-1]
	if _, err := register.Merge(again, org, batch(last.Round, last.Path), register.MergeOptions{Round: last.Round}); err != nil {
		t.Fatal(err)
	}
	if _, err := register.Merge(again, org, batch("plan", ""), register.MergeOptions{Round: "plan"}); err == nil {
		t.Error("collecting the planning round after augusti was accepted")
	}
	if b, _ := register.Encode(again); !bytes.Equal(first, b) {
		t.Error("collecting the same answers again changed the register")
	}
}
