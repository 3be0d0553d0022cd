package report

// Goals of the register as the report counts them: which count in the
// round, and where each belongs.

import (
	"github.com/malarbete/malarbete/internal/domain"
)

func (b *builder) idx(round string) int {
	if i, ok := b.roundIndex[round]; ok {
		return i
	}
	return len(b.roundIndex)
}

// current reports whether goal g counts in the report's round: a goal
// replaced by a revision still counts in the round where it was assessed
// and revised; its revision counts from the round after.
func (b *builder) current(g *domain.TeamGoal, rec *domain.UnitRecord) bool {
	if g.ReplacedIn != "" && b.idx(g.ReplacedIn) < b.idx(b.round) {
		return false
	}
	if g.Replaces != "" {
		if orig := findGoal(rec, g.Replaces); orig != nil && orig.ReplacedIn != "" {
			return b.idx(orig.ReplacedIn) < b.idx(b.round)
		}
	}
	return true
}

func findGoal(rec *domain.UnitRecord, id string) *domain.TeamGoal {
	if rec == nil {
		return nil
	}
	for i := range rec.Teams {
		for j := range rec.Teams[i].Goals {
			if rec.Teams[i].Goals[j].ID == id {
				return &rec.Teams[i].Goals[j]
			}
		}
	}
	return nil
}

// goalRef is a team goal with where it belongs, for the summary lists.
type goalRef struct {
	unit domain.Unit
	team string
	rec  *domain.UnitRecord
	goal *domain.TeamGoal
}

// goals lists the goals that count in the report's round, in config order
// of departments, units and teams.
func (b *builder) goals() []goalRef {
	var out []goalRef
	for _, d := range b.org.Departments {
		for _, u := range b.unitsOf[d.ID] {
			rec := b.records[u.ID]
			if rec == nil {
				continue
			}
			for i := range rec.Teams {
				tg := &rec.Teams[i]
				for j := range tg.Goals {
					g := &tg.Goals[j]
					if b.current(g, rec) {
						out = append(out, goalRef{unit: u, team: tg.Team, rec: rec, goal: g})
					}
				}
			}
		}
	}
	return out
}

func (b *builder) teamName(id string) string {
	if t, ok := b.teams[id]; ok {
		return t.Name
	}
	return id
}

// goalLabel is the short name of a team goal where it is referred to:
// "Hemtjänst norr, mål 1". The goal stands in full under its team.
func (b *builder) goalLabel(team string, g *domain.TeamGoal) string {
	return b.t("ReportGoalRef", "Team", b.teamName(team), "Slot", g.Slot)
}

// unitGoalNumbers numbers a unit's goals as its table does: Enhetsmål 1,
// 2, … in the register's order.
func unitGoalNumbers(rec *domain.UnitRecord) map[string]int {
	no := make(map[string]int, len(rec.Goals))
	for i, g := range rec.Goals {
		no[g.ID] = i + 1
	}
	return no
}

func teamGoals(rec *domain.UnitRecord, team string) []domain.TeamGoal {
	for _, tg := range rec.Teams {
		if tg.Team == team {
			return tg.Goals
		}
	}
	return nil
}

func teamOf(rec *domain.UnitRecord, goalID string) string {
	for _, tg := range rec.Teams {
		for _, g := range tg.Goals {
			if g.ID == goalID {
				return tg.Team
			}
		}
	}
	return ""
}
