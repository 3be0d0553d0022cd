package report

// Chapter: the salary criteria, and what they mean in each unit.

import (
	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
)

func (b *builder) criteriaSection() {
	b.heading(1, b.t("ReportHeadingCriteria"), true)
	b.para(document.StyleLead, b.t("ReportCriteriaIntro"))
	if len(b.org.Criteria) > 0 {
		tbl := document.Table{Columns: []document.Column{
			{Title: b.t("ReportColCriterion"), Width: 1.5},
			{Title: b.t("ReportColDescription"), Width: 3},
			{Title: b.t("ReportColValue"), Width: 1},
		}}
		for _, c := range b.org.Criteria {
			tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{c.Name, c.Description, b.values[c.Value].Name}})
		}
		b.add(tbl)
	}
	b.heading(2, b.t("ReportHeadingCriteriaByUnit"), true)
	found := false
	for _, d := range b.org.Departments {
		for _, u := range b.org.UnitsOf(d.ID) {
			rec := b.records[u.ID]
			if rec == nil || len(rec.Criteria) == 0 {
				continue
			}
			found = true
			b.heading(3, u.Name, false)
			tbl := document.Table{Columns: []document.Column{
				{Title: b.t("ReportColCriterion"), Width: 1.4},
				{Title: b.t("ReportColMeaning"), Width: 2.6},
				{Title: b.t("ReportColLinkedGoal"), Width: 2.4},
				{Title: b.t("ReportColValue"), Width: 1},
			}}
			for _, n := range rec.Criteria {
				name, value := n.Name, ""
				if c, ok := b.criteria[n.Criterion]; ok {
					name = c.Name
					value = b.values[c.Value].Name
				} else if n.Criterion == "" {
					name = b.t("ReportOwnCriterion", "Name", n.Name)
				}
				goal := ""
				if g := findGoal(rec, n.TeamGoal); g != nil {
					goal = b.teamName(teamOf(rec, g.ID)) + ": " + domain.Excerpt(g.What, excerptLen)
					if value == "" {
						value = b.values[g.Value].Name
					}
				}
				tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{name, n.Meaning, goal, value}})
			}
			b.add(tbl)
		}
	}
	if !found {
		b.para(document.StyleNote, b.t("ReportNoCriteriaNotes"))
	}
}
