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

// currentUnitGoal reports whether unit goal g counts in the report's
// round, as current does for team goals.
func (b *builder) currentUnitGoal(g *domain.UnitGoal, rec *domain.UnitRecord) bool {
	if g.ReplacedIn != "" && b.idx(g.ReplacedIn) < b.idx(b.round) {
		return false
	}
	if g.Replaces != "" {
		if orig := findUnitGoal(rec, g.Replaces); orig != nil && orig.ReplacedIn != "" {
			return b.idx(orig.ReplacedIn) < b.idx(b.round)
		}
	}
	return true
}

// unitGoals returns the unit goals of rec that count in the round.
func (b *builder) unitGoals(rec *domain.UnitRecord) []*domain.UnitGoal {
	var out []*domain.UnitGoal
	for i := range rec.Goals {
		if g := &rec.Goals[i]; b.currentUnitGoal(g, rec) {
			out = append(out, g)
		}
	}
	return out
}

func findUnitGoal(rec *domain.UnitRecord, id string) *domain.UnitGoal {
	for i := range rec.Goals {
		if rec.Goals[i].ID == id {
			return &rec.Goals[i]
		}
	}
	return nil
}

// unitGoalNumbers numbers a unit's goals as its table does: Enhetsmål 1,
// 2, … in the register's order, of the goals that count in the round. A
// goal replaced by a revision has its revision's number, so that team
// goals that support the old wording point at the new one.
func (b *builder) unitGoalNumbers(rec *domain.UnitRecord) map[string]int {
	no := make(map[string]int, len(rec.Goals))
	for i, g := range b.unitGoals(rec) {
		no[g.ID] = i + 1
	}
	// Bounded: a register whose Replaces links form a loop stops.
	for range 16 {
		more := false
		for _, g := range rec.Goals {
			n, ok := no[g.ID]
			if _, done := no[g.Replaces]; ok && g.Replaces != "" && !done {
				no[g.Replaces], more = n, true
			}
		}
		if !more {
			break
		}
	}
	return no
}

// reviewStatus returns the column of the status in round of a goal with
// reviews rs, and whether it has one.
func reviewStatus[G any](b *builder, rs []domain.GoalReview[G], round string) (int, bool) {
	for _, r := range rs {
		if r.Round == round && r.Status != "" {
			return b.scale.of(r.Status), true
		}
	}
	return b.scale.none, false
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

// unitGoalRef is a unit goal with where it belongs, for the summary lists.
type unitGoalRef struct {
	unit domain.Unit
	rec  *domain.UnitRecord
	no   int
	goal *domain.UnitGoal
}

// allUnitGoals lists the unit goals that count in the report's round, in
// config order of departments and units.
func (b *builder) allUnitGoals() []unitGoalRef {
	var out []unitGoalRef
	for _, d := range b.org.Departments {
		for _, u := range b.unitsOf[d.ID] {
			rec := b.records[u.ID]
			if rec == nil {
				continue
			}
			for i, g := range b.unitGoals(rec) {
				out = append(out, unitGoalRef{unit: u, rec: rec, no: i + 1, goal: g})
			}
		}
	}
	return out
}
