package reporttest

import (
	"io/fs"
	"sort"
	"testing"
	"time"

	malarbete "github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/sample"
)

// SorseleRounds are the rounds of the bundled Sorsele sample answers, in
// order, with their answer files (the planning answers hold the goals).
var SorseleRounds = []struct{ Round, Path string }{
	{domain.PlanRound, ""}, {"april", sample.SorseleApril}, {"augusti", sample.SorseleAugusti},
}

// Sorsele loads the bundled Sorsele config and collects its sample answers
// into a register, as collect would, for the first rounds of
// SorseleRounds: 1 is the planning round alone.
func Sorsele(tb testing.TB, rounds int) (*domain.Organisation, *domain.Register) {
	tb.Helper()
	data, err := fs.ReadFile(malarbete.Examples, "sorsele/organisation.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	org, problems := config.Parse("organisation.yaml", data)
	if org == nil || problems.HasErrors() {
		tb.Fatalf("config: %v", problems)
	}
	reg := register.New(org)
	for _, r := range SorseleRounds[:rounds] {
		subs, err := sample.LoadPlan(malarbete.Examples, sample.SorselePlan)
		if err != nil {
			tb.Fatal(err)
		}
		// The workbook reads the config's preset unit goals back with the
		// manager's; the sample answers hold only the manager's.
		sample.WithPresets(subs, org)
		if r.Path != "" {
			reviews, err := sample.LoadReviews(malarbete.Examples, r.Path, r.Round)
			if err != nil {
				tb.Fatal(err)
			}
			if err := sample.AttachReviews(subs, reviews); err != nil {
				tb.Fatal(err)
			}
		}
		var batch []register.Accepted
		for u, s := range subs {
			s.Identity.Round, s.Identity.TemplateVersion = r.Round, domain.TemplateVersion
			batch = append(batch, register.Accepted{Submission: s, Source: domain.Provenance{
				File: r.Round + "/" + u + ".xlsx", SHA256: r.Round + u, ReadAt: time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC)}})
		}
		sort.Slice(batch, func(i, j int) bool { return batch[i].Source.File < batch[j].Source.File })
		if _, err := register.Merge(reg, org, batch, register.MergeOptions{Round: r.Round}); err != nil {
			tb.Fatal(err)
		}
	}
	return org, reg
}
