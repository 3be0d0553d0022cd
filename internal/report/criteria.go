package report

// Chapter: the salary criteria with their levels, and what they mean in
// each unit.

import (
	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
)

// levelMessages are the catalogue's names of the default criterion
// levels, as the workbook names them.
var levelMessages = map[string]string{
	"utvecklingsbart": "ReportLevelDeveloping",
	"bra":             "ReportLevelGood",
	"mycket-bra":      "ReportLevelVeryGood",
}

func (b *builder) levelLabel(lv domain.Level) string {
	if lv.Label != "" {
		return lv.Label
	}
	if id, ok := levelMessages[lv.ID]; ok {
		return b.t(id)
	}
	return lv.ID
}

func (b *builder) criteriaSection() {
	b.chapter(b.t("ReportHeadingCriteria"))
	b.para(document.StyleLead, b.t("ReportCriteriaIntro"))
	if len(b.org.Criteria) > 0 {
		b.section(b.t("ReportHeadingCriteriaLevels"), true)
		levels := b.org.CriterionLevels
		if len(levels) == 0 {
			levels = domain.DefaultCriterionLevels()
		}
		for _, c := range b.org.Criteria {
			kv := document.KeyValues{Title: c.Name}
			kv.Items = appendKV(kv.Items, b.t("ReportColDescription"), c.Description)
			kv.Items = appendKV(kv.Items, b.t("ReportKeyValue"), b.values[c.Value].Name)
			for i, text := range c.Levels {
				if i < len(levels) {
					kv.Items = appendKV(kv.Items, b.levelLabel(levels[i]), text)
				}
			}
			b.add(kv)
		}
	}
	b.section(b.t("ReportHeadingCriteriaByUnit"), true)
	found := false
	for _, d := range b.org.Departments {
		for _, u := range b.unitsOf[d.ID] {
			rec := b.records[u.ID]
			if rec == nil || len(rec.Criteria) == 0 {
				continue
			}
			found = true
			b.heading(3, u.Name, false)
			tbl := document.Table{Columns: []document.Column{
				{Title: b.t("ReportColCriterion"), Width: 1.8},
				{Title: b.t("ReportColMeaning"), Width: 3},
				{Title: b.t("ReportColLinkedGoal"), Width: 1.6},
				{Title: b.t("ReportKeyValue"), Width: 1.2},
			}}
			for _, n := range rec.Criteria {
				name, value := n.Name, ""
				if c, ok := b.criteria[n.Criterion]; ok {
					name = c.Name
					value = b.values[c.Value].Name
				} else if n.Criterion == "" {
					// The unit's own criterion: its description is only here.
					name = b.t("ReportOwnCriterion", "Name", n.Name)
					if n.Description != "" {
						name += "\n" + n.Description
					}
				}
				goal := ""
				if g := findGoal(rec, n.TeamGoal); g != nil {
					goal = b.goalLabel(teamOf(rec, g.ID), g)
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
