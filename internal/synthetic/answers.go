package synthetic

import (
	"fmt"
	"time"

	"github.com/malarbete/malarbete/internal/domain"
)

// Answers returns what the manager of unit might type into the unit's
// planning workbook of org: two unit goals, every goal slot of every team
// filled with Vad, Hur, Uppföljning, indicator, target, value and
// partners, and a concrete meaning for each criterion. Texts differ from
// team to team, so that the quality rules (a Hur repeating its Vad, two
// teams with one goal) stay quiet and a benchmark reads real content.
// Filled in through workbook.Fill, they make a workbook that validates
// without errors.
func Answers(org *domain.Organisation, unit string) *domain.Submission {
	u, _ := org.Unit(unit)
	dept, _ := org.Department(u.Department)
	sub := &domain.Submission{}
	for i := range min(2, max(1, org.Rules.MaxUnitGoals)) {
		g := domain.UnitGoal{ID: domain.UnitGoalID(i + 1), Indicator: "Andel nöjda invånare", Target: "85 %", Responsible: u.Manager.Name,
			Text: fmt.Sprintf("%s utvecklar %s för invånarna.", u.Name, []string{"servicen", "samverkan"}[i%2])}
		if len(dept.Goals) > 0 {
			g.DepartmentGoal = dept.Goals[i%len(dept.Goals)].ID
		}
		sub.UnitGoals = append(sub.UnitGoals, g)
	}
	slots := org.Rules.MaxTeamGoals
	if slots <= 0 {
		slots = domain.DefaultMaxTeamGoals
	}
	for _, t := range org.TeamsOf(unit) {
		tg := domain.TeamGoals{Team: t.ID}
		for s := 1; s <= slots; s++ {
			g := domain.TeamGoal{
				Slot:          s,
				What:          fmt.Sprintf("%s i %s höjer kvaliteten i uppdrag %d.", t.Name, u.Name, s),
				UnitGoal:      domain.UnitGoalID(1 + (s-1)%len(sub.UnitGoals)),
				How:           fmt.Sprintf("Vi går igenom arbetssätten på arbetsplatsträffar varannan vecka och prövar en förbättring per månad (%s, %d).", t.ID, s),
				FollowUp:      domain.FollowUpPlan{Method: "Enkät och genomgång av ärendeloggen", When: domain.NewDate(2027, time.Month(2+3*s), 15), Who: "Arbetslagsledaren"},
				Indicator:     "Andel ärenden besvarade inom fem dagar",
				Target:        fmt.Sprintf("%d %%", 80+5*s),
				Collaboration: "Kommunens kundtjänst, föreningslivet",
			}
			if len(org.Values) > 0 {
				g.Value = org.Values[(s-1)%len(org.Values)].ID
			}
			tg.Goals = append(tg.Goals, g)
		}
		sub.Teams = append(sub.Teams, tg)
	}
	for i, c := range org.Criteria {
		n := domain.CriterionNote{Criterion: c.ID, Meaning: fmt.Sprintf("I %s betyder det att %s syns i det dagliga arbetet (%d).", u.Name, c.Name, i+1)}
		if len(sub.Teams) > 0 {
			n.TeamGoal = domain.TeamGoalID(sub.Teams[i%len(sub.Teams)].Team, 1)
		}
		sub.Criteria = append(sub.Criteria, n)
	}
	return sub
}
