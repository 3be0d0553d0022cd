package report

// Chapter: the goal hierarchy as a diagram, from the vision to the salary
// criteria.

import (
	"github.com/malarbete/malarbete/internal/document"
)

// counts gathers the sizes of the hierarchy for the diagram.
type counts struct {
	depGoals, unitGoals, teams, teamGoals int
	byDept                                map[string]*deptCounts
	byUnit                                map[string]int // unit ID → its unit goals
}

type deptCounts struct{ units, unitGoals, teams, teamGoals int }

func (b *builder) count() counts {
	c := counts{byDept: make(map[string]*deptCounts), byUnit: make(map[string]int)}
	for _, d := range b.org.Departments {
		c.byDept[d.ID] = &deptCounts{}
		c.depGoals += len(d.Goals)
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
		c.byUnit[rec.Unit] = len(rec.Goals)
	}
	for _, r := range b.all {
		c.teamGoals++
		if dc := c.byDept[r.unit.Department]; dc != nil {
			dc.teamGoals++
		}
	}
	return c
}

// maxBoxes is how many boxes one level of the diagram shows before it
// sums up the rest; more would not fit across an A4 page.
const maxBoxes = 6

// maxGoalLabels is how many department goals a department's box names
// before it counts the rest.
const maxGoalLabels = 3

func (b *builder) boxes(items []document.DiagramBox) []document.DiagramBox {
	if len(items) <= maxBoxes {
		return items
	}
	out := append([]document.DiagramBox(nil), items[:maxBoxes-1]...)
	return append(out, document.DiagramBox{Title: b.n("ReportCountMore", len(items)-(maxBoxes-1))})
}

func (b *builder) hierarchy() {
	b.chapter(b.t("ReportHeadingHierarchy"))
	b.para(document.StyleLead, b.t("ReportHierarchyIntro"))
	c := b.count()
	var deps, unitBoxes, teamBoxes, crit []document.DiagramBox
	for _, d := range b.org.Departments {
		box := document.DiagramBox{Title: d.Name}
		for i := range d.Goals {
			if i == maxGoalLabels && len(d.Goals) > maxGoalLabels+1 {
				box.Lines = append(box.Lines, b.n("ReportCountMore", len(d.Goals)-maxGoalLabels))
				break
			}
			box.Lines = append(box.Lines, b.t("ReportDiagramGoalLabel", "Number", i+1))
		}
		deps = append(deps, box)
		dc := c.byDept[d.ID]
		unitBoxes = append(unitBoxes, document.DiagramBox{Title: d.Name, Lines: []string{b.n("ReportCountUnits", dc.units), b.n("ReportCountGoals", dc.unitGoals)}})
		teamBoxes = append(teamBoxes, document.DiagramBox{Title: d.Name, Lines: []string{b.n("ReportCountTeams", dc.teams), b.n("ReportCountGoals", dc.teamGoals)}})
	}
	if len(b.org.Units) <= maxBoxes {
		// Few units: each is named, with its goals.
		unitBoxes = unitBoxes[:0]
		for _, u := range b.org.Units {
			unitBoxes = append(unitBoxes, document.DiagramBox{Title: u.Name, Lines: []string{b.n("ReportCountGoals", c.byUnit[u.ID])}})
		}
	}
	for _, cr := range b.org.Criteria {
		crit = append(crit, document.DiagramBox{Title: cr.Name})
	}
	dia := document.Diagram{Levels: []document.DiagramLevel{
		{Label: b.t("ReportLevelVision"), Boxes: []document.DiagramBox{{Lines: []string{b.org.Vision}}}},
		{Label: b.t("ReportLevelOverall"), Boxes: []document.DiagramBox{{Lines: []string{b.org.OverallGoal}}}},
		{Label: b.t("ReportLevelDepartments"), Boxes: b.boxes(deps),
			Note: b.n("ReportCountDepartments", len(b.org.Departments)) + "\n" + b.n("ReportCountGoals", c.depGoals)},
		{Label: b.t("ReportLevelUnits"), Boxes: b.boxes(unitBoxes),
			Note: b.n("ReportCountUnits", len(b.org.Units)) + "\n" + b.n("ReportCountGoals", c.unitGoals)},
		{Label: b.t("ReportLevelTeams"), Boxes: b.boxes(teamBoxes),
			Note: b.n("ReportCountTeams", c.teams) + "\n" + b.n("ReportCountGoals", c.teamGoals)},
		{Label: b.t("ReportLevelCriteria"), Boxes: b.boxes(crit),
			Note: b.n("ReportCountCriteria", len(b.org.Criteria))},
	}}
	dia.Alt = b.t("ReportHierarchyAlt", "Organisation", b.org.Name,
		"Departments", b.n("ReportCountDepartments", len(b.org.Departments)), "DepartmentGoals", b.n("ReportCountGoals", c.depGoals),
		"Units", b.n("ReportCountUnits", len(b.org.Units)), "UnitGoals", b.n("ReportCountGoals", c.unitGoals),
		"Teams", b.n("ReportCountTeams", c.teams), "TeamGoals", b.n("ReportCountGoals", c.teamGoals),
		"Criteria", b.n("ReportCountCriteria", len(b.org.Criteria)))
	b.add(dia)
	b.para(document.StyleNote, b.t("ReportHierarchyLabels"))
}
