package workbook

import (
	"strings"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// The pre-filled texts that come from the config. The writer puts them in
// the workbook and the reader compares what it reads with them, so both
// take them from here.

// hierarchyRow is one row of the hierarchy sheet.
type hierarchyRow struct{ key, label, text string }

// hierarchyRows returns the rows of the hierarchy sheet: vision, overall
// goal, the department's goals and the values with their behaviours.
func hierarchyRows(org *domain.Organisation, dept domain.Department, l *i18n.Localizer) []hierarchyRow {
	rows := []hierarchyRow{
		{"vision", l.T("WorkbookHierarchyVision", nil), org.Vision},
		{"overall", l.T("WorkbookHierarchyOverall", nil), org.OverallGoal},
	}
	for i, g := range dept.Goals {
		label := numberedPrefix(l, "WorkbookLabelDepartmentGoal", i+1, nil)
		if i == 0 && dept.Name != "" {
			label = dept.Name + "\n" + label
		}
		rows = append(rows, hierarchyRow{"department:" + g.ID, label, g.Text})
	}
	for _, v := range org.Values {
		rows = append(rows, hierarchyRow{"value:" + v.ID, l.T("WorkbookHierarchyValue", map[string]any{"Value": v.Name}), bullets(v.Behaviours)})
	}
	return rows
}

// criterionText returns what criterion cr shows in column key: empty for
// the key and the columns the manager fills in.
func criterionText(org *domain.Organisation, l *i18n.Localizer, cr domain.Criterion, key string) string {
	switch key {
	case domain.FieldName:
		return cr.Name
	case domain.FieldDescription:
		return cr.Description
	case domain.FieldValue:
		if v, ok := org.Value(cr.Value); ok {
			return v.Name
		}
	case keyLevels:
		var parts []string
		for i, lv := range levels(org) {
			if i < len(cr.Levels) && cr.Levels[i] != "" {
				parts = append(parts, levelLabel(l, lv)+": "+cr.Levels[i])
			}
		}
		return strings.Join(parts, "\n")
	}
	return ""
}

// configContent returns the pre-filled content that the config alone
// decides, keyed as the writer keys it: the hierarchy, the criteria and,
// in the planning round, the unit's preset goals. (In a follow-up round
// the unit's and teams' goals come from the register.)
func configContent(lay *Layout, org *domain.Organisation, unit domain.Unit, l *i18n.Localizer, planning bool) content {
	c := content{}
	dept, _ := org.Department(unit.Department)
	for _, r := range hierarchyRows(org, dept, l) {
		c.add(contentKey(SheetHierarchy, r.key, domain.FieldText), r.text)
	}
	if planning {
		// A preset goal links only to its department's goals.
		sh := &shown{l: l, org: org, dept: dept}
		for i, g := range unit.Goals {
			e := domain.Entry[domain.UnitGoal]{Goal: g}
			for _, col := range lay.Sheet(SheetUnitGoals).Columns {
				if f := col.Field(); f != nil {
					c.add(contentKey(SheetUnitGoals, itoa(i+1), col.Key), sh.value(f, lay.unitForm[col.index].Get(&e)))
				}
			}
		}
	}
	for _, cr := range org.Criteria {
		for _, col := range lay.Sheet(SheetCriteria).Columns {
			if col.Key != keyKey {
				c.add(contentKey(SheetCriteria, cr.ID, col.Key), criterionText(org, l, cr, col.Key))
			}
		}
	}
	return c
}
