package config

import (
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/malarbete/malarbete/internal/domain"
)

// check runs the checks that span the whole file: unique ids, references,
// the period and the rules.
func check(w *walker, org *domain.Organisation) {
	checkPeriod(w, org)

	// Departments, units and teams share one namespace: an id names one
	// place in the hierarchy, and workbooks are tied to it.
	seen := map[string]*yaml.Node{}
	unique := func(id string, n *yaml.Node, kind string) {
		if id == "" {
			return
		}
		if prev, ok := seen[kind+"\x00"+id]; ok {
			w.errorf(n, CodeDuplicateID, "ConfigDuplicateID", map[string]any{"ID": id, "Line": prev.Line})
			return
		}
		seen[kind+"\x00"+id] = n
	}
	for i, d := range org.Departments {
		unique(d.ID, w.at.departments[i], "org")
	}
	for i, u := range org.Units {
		unique(u.ID, w.at.units[i], "org")
	}
	for i, t := range org.Teams {
		unique(t.ID, w.at.teams[i], "org")
	}
	for i, v := range org.Values {
		unique(v.ID, w.at.values[i], "value")
	}
	for i, c := range org.Criteria {
		unique(c.ID, w.at.criteria[i], "criterion")
	}
	for i, r := range org.Rounds {
		unique(r.ID, w.at.rounds[i], "round")
	}
	for i, d := range org.Departments {
		for j, g := range d.Goals {
			unique(g.ID, w.at.departmentGoals[i][j], "departmentGoal")
		}
	}
	for _, s := range org.Statuses {
		unique(s.ID, w.at.org, "status")
	}
	checkCodes(w, org)
	checkFormerIDs(w, org, seen)

	for i, u := range org.Units {
		dep, ok := org.Department(u.Department)
		if !ok && u.Department != "" {
			unknownRef(w, w.at.unitDepartment[i], "ConfigUnknownDepartment", u.Department, ids(org.Departments, func(d domain.Department) string { return d.ID }))
		}
		if len(u.Goals) > org.Rules.MaxUnitGoals {
			w.errorf(w.at.unitGoalList[i], CodeTooManyGoals, "ConfigTooManyUnitGoals",
				map[string]any{"Unit": u.ID, "Count": org.Rules.MaxUnitGoals, "Got": len(u.Goals)})
		}
		for j, g := range u.Goals {
			if g.DepartmentGoal == "" || !ok {
				continue
			}
			if !hasGoal(dep, g.DepartmentGoal) {
				unknownRef(w, w.at.unitGoalRef[i][j], "ConfigUnknownDepartmentGoal", g.DepartmentGoal, ids(dep.Goals, func(g domain.DepartmentGoal) string { return g.ID }))
			}
		}
		if len(org.TeamsOf(u.ID)) == 0 {
			w.add(w.at.units[i], domain.SeverityWarning, CodeUnitNoTeams, "ConfigUnitNoTeams", map[string]any{"Unit": u.ID})
		}
	}
	for i, t := range org.Teams {
		if _, ok := org.Unit(t.Unit); !ok && t.Unit != "" {
			unknownRef(w, w.at.teamUnit[i], "ConfigUnknownUnit", t.Unit, ids(org.Units, func(u domain.Unit) string { return u.ID }))
		}
	}
	for i, c := range org.Criteria {
		if _, ok := org.Value(c.Value); !ok && c.Value != "" {
			unknownRef(w, w.at.criterionValue[i], "ConfigUnknownValue", c.Value, ids(org.Values, func(v domain.Value) string { return v.ID }))
		}
	}
}

// checkCodes finds an HR code used twice at one level: import matches
// on codes, so each must name one department, unit or team.
func checkCodes(w *walker, org *domain.Organisation) {
	seen := map[string]*yaml.Node{}
	unique := func(kind, code string, n *yaml.Node) {
		if code == "" {
			return
		}
		if prev, ok := seen[kind+"\x00"+code]; ok {
			w.errorf(n, CodeDuplicateCode, "ConfigDuplicateCode", map[string]any{"Code": domain.Excerpt(code, MaxCodeLength), "Line": prev.Line})
			return
		}
		seen[kind+"\x00"+code] = n
	}
	for i, d := range org.Departments {
		unique("department", d.Code, w.at.departmentCodes[i])
	}
	for i, u := range org.Units {
		unique("unit", u.Code, w.at.unitCodes[i])
	}
	for i, t := range org.Teams {
		unique("team", t.Code, w.at.teamCodes[i])
	}
}

func checkPeriod(w *walker, org *domain.Organisation) {
	// A period that is a year bounds itself; other periods need dates.
	if y, err := strconv.Atoi(org.Period); err == nil && len(org.Period) == 4 {
		if org.PeriodStart.IsZero() {
			org.PeriodStart = domain.NewDate(y, 1, 1)
		}
		if org.PeriodEnd.IsZero() {
			org.PeriodEnd = domain.NewDate(y, 12, 31)
		}
	}
	if org.PeriodStart.IsZero() || org.PeriodEnd.IsZero() {
		w.errorf(w.at.org, CodeMissingField, "ConfigPeriodDates", map[string]any{"Period": domain.Excerpt(org.Period, 20)})
		return
	}
	if org.PeriodEnd.Before(org.PeriodStart) {
		w.errorf(w.at.periodEnd, CodePeriodOrder, "ConfigPeriodOrder", map[string]any{"Start": org.PeriodStart.String(), "End": org.PeriodEnd.String()})
		return
	}
	// A deadline may fall just before the period (planning in December),
	// so deadlines are checked against the year around it.
	from, to := org.PeriodStart, org.PeriodEnd
	from.Year--
	to.Year++
	var prev domain.Date
	for i, r := range org.Rounds {
		if r.Deadline.IsZero() {
			continue
		}
		if !r.Deadline.Within(from, to) {
			w.errorf(w.at.roundDeadline[i], CodeOutsidePeriod, "ConfigDeadlineOutsidePeriod", map[string]any{"Date": r.Deadline.String(), "Start": org.PeriodStart.String(), "End": org.PeriodEnd.String()})
		}
		if !prev.IsZero() && r.Deadline.Before(prev) {
			w.errorf(w.at.roundDeadline[i], CodeRoundOrder, "ConfigRoundOrder", map[string]any{"Round": r.ID, "Date": r.Deadline.String(), "Previous": prev.String()})
		}
		prev = r.Deadline
		if r.Meeting != nil && !r.Meeting.Date.IsZero() && !r.Meeting.Date.Within(from, to) {
			w.errorf(w.at.meetingDate[i], CodeOutsidePeriod, "ConfigDeadlineOutsidePeriod", map[string]any{"Date": r.Meeting.Date.String(), "Start": org.PeriodStart.String(), "End": org.PeriodEnd.String()})
		}
	}
}

func unknownRef(w *walker, n *yaml.Node, id, value string, known []string) {
	data := map[string]any{"Value": domain.Excerpt(value, 30)}
	msg := id
	if s := suggest(value, known); s != "" {
		data["Suggestion"] = s
		msg += "Suggest"
	}
	w.errorf(n, CodeUnknownRef, msg, data)
}

func ids[T any](xs []T, id func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

func hasGoal(d domain.Department, id string) bool {
	for _, g := range d.Goals {
		if g.ID == id {
			return true
		}
	}
	return false
}

// checkFormerIDs refuses a former id that is some entry's current id, or
// that two entries claim: a workbook or register entry under it must map
// to one place.
func checkFormerIDs(w *walker, org *domain.Organisation, current map[string]*yaml.Node) {
	claimed := map[string]bool{}
	claim := func(ids []string, at *yaml.Node) {
		for _, id := range ids {
			switch {
			case current["org\x00"+id] != nil:
				w.errorf(at, CodeFormerID, "ConfigFormerIDCurrent", map[string]any{"ID": id})
			case claimed[id]:
				w.errorf(at, CodeFormerID, "ConfigFormerIDTwice", map[string]any{"ID": id})
			}
			claimed[id] = true
		}
	}
	for i, u := range org.Units {
		claim(u.FormerIDs, w.at.unitFormer[i])
	}
	for i, t := range org.Teams {
		claim(t.FormerIDs, w.at.teamFormer[i])
	}
}
