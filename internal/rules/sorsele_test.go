package rules_test

import (
	"sort"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/rules"
	"github.com/malarbete/malarbete/internal/testkit"
)

// TestSorseleAnswers runs the rules over the Sorsele managers' sample
// answers, written as good answers should be: the planning round and each
// follow-up round must give no errors. Warnings are logged, so that a rule
// that fires on good Swedish shows up in review.
func TestSorseleAnswers(t *testing.T) {
	org := testkit.SorseleOrg(t)
	for _, r := range testkit.SorseleRounds {
		t.Run(r.Round, func(t *testing.T) {
			subs := testkit.SorseleSubmissions(t, r.Round, r.Path)
			units := make([]string, 0, len(subs))
			for u := range subs {
				units = append(units, u)
			}
			sort.Strings(units)
			warnings := map[string]int{}
			goals, reviewed := 0, 0
			for _, u := range units {
				s := subs[u]
				for _, tg := range s.Teams {
					for _, g := range tg.Goals {
						goals++
						if _, ok := g.Review(r.Round); ok {
							reviewed++
						}
					}
				}
				for _, f := range rules.Check(u+".xlsx", s, org, rules.Options{Round: r.Round}) {
					switch f.Severity {
					case domain.SeverityError:
						t.Errorf("%s: %s %s %v", u, f.Code, f.MessageID, f.Data)
					case domain.SeverityWarning:
						warnings[f.Code]++
					}
				}
			}
			if r.Path != "" && reviewed != goals {
				t.Errorf("%d of %d goals reviewed in %s", reviewed, goals, r.Round)
			}
			t.Logf("%s: %d units, %d goals, %d reviewed, warnings by code %v", r.Round, len(units), goals, reviewed, warnings)
		})
	}
}
