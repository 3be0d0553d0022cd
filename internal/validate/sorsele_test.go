package validate_test

import (
	"io/fs"
	"sort"
	"testing"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/sample"
	"github.com/malarbete/malarbete/internal/validate"
)

// TestSorseleAnswers runs the rules over the Sorsele managers' sample
// answers, written as good answers should be: the planning round and each
// follow-up round must give no errors. Warnings are logged, so that a rule
// that fires on good Swedish shows up in review.
func TestSorseleAnswers(t *testing.T) {
	data, err := fs.ReadFile(malarbete.Examples, "sorsele/organisation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	org, problems := config.Parse("organisation.yaml", data)
	if org == nil || problems.HasErrors() {
		t.Fatalf("config: %v", problems)
	}
	rounds := []struct{ round, path string }{
		{domain.PlanRound, ""}, {"april", sample.SorseleApril}, {"augusti", sample.SorseleAugusti},
	}
	for _, r := range rounds {
		t.Run(r.round, func(t *testing.T) {
			subs, err := sample.LoadPlan(malarbete.Examples, sample.SorselePlan)
			if err != nil {
				t.Fatal(err)
			}
			if r.path != "" {
				reviews, err := sample.LoadReviews(malarbete.Examples, r.path, r.round)
				if err != nil {
					t.Fatal(err)
				}
				if err := sample.AttachReviews(subs, reviews); err != nil {
					t.Fatal(err)
				}
			}
			units := make([]string, 0, len(subs))
			for u := range subs {
				units = append(units, u)
			}
			sort.Strings(units)
			warnings := map[string]int{}
			goals, reviewed, criteria := 0, 0, 0
			for _, u := range units {
				s := subs[u]
				criteria += len(s.Criteria)
				for _, tg := range s.Teams {
					for _, g := range tg.Goals {
						goals++
						if _, ok := validate.ReviewOf(g, r.round); ok {
							reviewed++
						}
					}
				}
				s.Identity.TemplateVersion = domain.TemplateVersion
				s.Identity.Round = r.round
				for _, f := range validate.Check(u+".xlsx", s, org, validate.Options{Round: r.round}) {
					switch f.Severity {
					case domain.SeverityError:
						t.Errorf("%s: %s %s %v", u, f.Code, f.MessageID, f.Data)
					case domain.SeverityWarning:
						warnings[f.Code]++
					}
				}
			}
			if r.path != "" && reviewed != goals {
				t.Errorf("%d of %d goals reviewed in %s", reviewed, goals, r.round)
			}
			t.Logf("%s: %d units, %d goals, %d reviewed, %d criteria notes, warnings by code %v",
				r.round, len(units), goals, reviewed, criteria, warnings)
		})
	}
}
