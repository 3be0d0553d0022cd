package report

// Chapter: the goal hierarchy as a diagram, from the vision to the salary
// criteria.

import (
	"slices"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
)

// counts gathers the sizes of the hierarchy for the diagram.
type counts struct {
	unitGoals, teams, teamGoals int
	byDept                      map[string]*deptCounts
}

type deptCounts struct{ units, unitGoals, teams, teamGoals int }

func (b *builder) count() counts {
	c := counts{byDept: make(map[string]*deptCounts)}
	for _, d := range b.org.Departments {
		c.byDept[d.ID] = &deptCounts{}
	}
	for _, u := range b.org.Units {
		if dc, ok := c.byDept[u.Department]; ok {
			dc.units++
		}
	}
	for _, t := range b.org.Teams {
		if u, ok := b.units[t.Unit]; ok {
			if dc, ok := c.byDept[u.Department]; ok {
				dc.teams++
			}
		}
		c.teams++
	}
	for i := range b.reg.Units {
		rec := &b.reg.Units[i]
		dc := c.byDept[b.units[rec.Unit].Department]
		if dc == nil {
			dc = &deptCounts{}
		}
		c.unitGoals += len(rec.Goals)
		dc.unitGoals += len(rec.Goals)
		for _, tg := range rec.Teams {
			for i := range tg.Goals {
				if b.current(&tg.Goals[i], rec) {
					c.teamGoals++
					dc.teamGoals++
				}
			}
		}
	}
	return c
}

// maxBoxes is how many boxes one level of the diagram shows before it
// sums up the rest; more would not fit across an A4 page.
const maxBoxes = 6

func (b *builder) boxes(items []string) []string {
	if len(items) <= maxBoxes {
		return items
	}
	out := slices.Clone(items[:maxBoxes-1])
	return append(out, b.n("ReportCountMore", len(items)-(maxBoxes-1)))
}

func (b *builder) hierarchy() {
	b.heading(1, b.t("ReportHeadingHierarchy"), true)
	b.para(document.StyleLead, b.t("ReportHierarchyIntro"))
	c := b.count()
	depGoals := 0
	var deps, unitBoxes, teamBoxes []string
	for _, d := range b.org.Departments {
		depGoals += len(d.Goals)
		deps = append(deps, d.Name)
		dc := c.byDept[d.ID]
		unitBoxes = append(unitBoxes, d.Name+"\n"+b.n("ReportCountUnits", dc.units)+", "+b.n("ReportCountGoals", dc.unitGoals))
		teamBoxes = append(teamBoxes, d.Name+"\n"+b.n("ReportCountTeams", dc.teams)+", "+b.n("ReportCountGoals", dc.teamGoals))
	}
	if len(b.org.Units) <= maxBoxes {
		unitBoxes = unitBoxes[:0]
		for _, u := range b.org.Units {
			unitBoxes = append(unitBoxes, u.Name)
		}
	}
	var crit []string
	for _, cr := range b.org.Criteria {
		crit = append(crit, cr.Name)
	}
	dia := document.Diagram{Levels: []document.DiagramLevel{
		{Label: b.t("ReportLevelVision"), Boxes: []string{domain.Excerpt(b.org.Vision, 160)}},
		{Label: b.t("ReportLevelOverall"), Boxes: []string{domain.Excerpt(b.org.OverallGoal, 200)}},
		{Label: b.t("ReportLevelDepartments"), Boxes: b.boxes(deps),
			Note: b.n("ReportCountDepartments", len(b.org.Departments)) + " · " + b.n("ReportCountGoals", depGoals)},
		{Label: b.t("ReportLevelUnits"), Boxes: b.boxes(unitBoxes),
			Note: b.n("ReportCountUnits", len(b.org.Units)) + " · " + b.n("ReportCountGoals", c.unitGoals)},
		{Label: b.t("ReportLevelTeams"), Boxes: b.boxes(teamBoxes),
			Note: b.n("ReportCountTeams", c.teams) + " · " + b.n("ReportCountGoals", c.teamGoals)},
		{Label: b.t("ReportLevelCriteria"), Boxes: b.boxes(crit),
			Note: b.n("ReportCountCriteria", len(b.org.Criteria))},
	}}
	b.add(dia)
}
