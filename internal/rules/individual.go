package rules

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/malarbete/malarbete/internal/domain"
)

// contributions checks the employee's own goals of an individual goals
// workbook with the rules of a team goal, under codes of their own: Vad,
// Hur and Uppföljning present, a link to one of the team's goals that the
// workbook shows, texts within the limit. Findings quote no text: what an
// employee writes stays between employee and manager.
func (c *checker) contributions() {
	if len(c.sub.Contributions) == 0 {
		c.add(NoContributions, c.whole(), nil)
		return
	}
	limit := c.org.Rules.TextLimit
	if limit <= 0 {
		limit = domain.DefaultTextLimit
	}
	missing := map[string]Rule{
		domain.FieldWhat: ContributionMissingWhat, domain.FieldHow: ContributionMissingHow,
		domain.FieldFollowUp: ContributionMissingFollowUp, domain.FieldTeamGoal: ContributionNoTeamGoal,
	}
	for _, ct := range c.sub.Contributions {
		data := func() map[string]any { return map[string]any{"Row": ct.Row} }
		for _, f := range domain.ContributionFields {
			v := f.Get(&ct)
			switch {
			case strings.TrimSpace(v) == "":
				if r, ok := missing[f.Key]; ok {
					c.add(r, c.at(ct.Cells, f.Key), data())
				}
			case f.Limited() && utf8.RuneCountInString(v) > limit:
				d := data()
				d["Limit"], d["Length"] = limit, utf8.RuneCountInString(v)
				c.add(ContributionTooLong, c.at(ct.Cells, f.Key), d)
			case f.Kind == domain.KindLink && !slices.Contains(c.sub.LinkableTeamGoals, v):
				c.add(ContributionUnknownTeamGoal, c.at(ct.Cells, f.Key), data())
			}
		}
	}
}
