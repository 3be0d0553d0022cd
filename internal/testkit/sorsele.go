package testkit

import (
	"io/fs"
	"testing"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/sample"
)

// SorseleRounds are the rounds of the Sorsele sample answers, in order,
// with their answer files (none for planning).
var SorseleRounds = []struct{ Round, Path string }{
	{domain.PlanRound, ""}, {"april", sample.SorseleApril}, {"augusti", sample.SorseleAugusti},
}

// SorseleOrg loads the bundled Sorsele config through the real loader.
func SorseleOrg(t testing.TB) *domain.Organisation {
	t.Helper()
	data, err := fs.ReadFile(malarbete.Examples, "sorsele/organisation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	org, problems := config.Parse("organisation.yaml", data)
	if org == nil || problems.HasErrors() {
		t.Fatalf("config: %v", problems)
	}
	return org
}

// SorseleSubmissions returns, per unit, the workbook a Sorsele manager
// would return in round (one of SorseleRounds), as the reader would give
// it: the planning answers, with the round's reviews attached.
func SorseleSubmissions(t testing.TB, round, path string) map[string]*domain.Submission {
	t.Helper()
	subs, err := sample.LoadPlan(malarbete.Examples, sample.SorselePlan)
	if err != nil {
		t.Fatal(err)
	}
	sample.WithPresets(subs, SorseleOrg(t))
	if path != "" {
		reviews, err := sample.LoadReviews(malarbete.Examples, path, round)
		if err != nil {
			t.Fatal(err)
		}
		if err := sample.AttachReviews(subs, reviews); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range subs {
		s.Identity.Round, s.Identity.TemplateVersion = round, domain.TemplateVersion
	}
	return subs
}
