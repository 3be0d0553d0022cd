package report

// Chapter: collaboration (Samverkan med) between units and departments.

import (
	"slices"
	"strings"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
)

// collaboration shows which goals depend on whom (Samverkan med): first
// between departments, then goal by goal.
func (b *builder) collaboration() {
	b.heading(1, b.t("ReportHeadingCollaboration"), true)
	b.para(document.StyleLead, b.t("ReportCollaborationIntro"))
	m := newMatcher(b.org)
	type pair struct{ from, to string }
	pairs := make(map[pair]int)
	var order []pair
	var rows []document.Row
	for _, r := range b.goals() {
		if strings.TrimSpace(r.goal.Collaboration) == "" {
			continue
		}
		rows = append(rows, document.Row{Cells: []string{
			b.teamName(r.team) + "\n" + r.unit.Name,
			domain.Excerpt(r.goal.What, excerptLen),
			r.goal.Collaboration,
		}})
		for _, to := range m.departments(r.goal.Collaboration) {
			p := pair{r.unit.Department, to}
			if pairs[p] == 0 {
				order = append(order, p)
			}
			pairs[p]++
		}
	}
	if len(rows) == 0 {
		b.para(document.StyleNote, b.t("ReportNoCollaboration"))
		return
	}
	deptName := func(id string) string {
		if id == "" {
			return b.t("ReportExternal")
		}
		if d, ok := b.org.Department(id); ok {
			return d.Name
		}
		return id
	}
	deptIdx := make(map[string]int)
	for i, d := range b.org.Departments {
		deptIdx[d.ID] = i
	}
	key := func(id string) int {
		if i, ok := deptIdx[id]; ok {
			return i
		}
		return len(deptIdx)
	}
	slices.SortStableFunc(order, func(x, y pair) int {
		if c := key(x.from) - key(y.from); c != 0 {
			return c
		}
		return key(x.to) - key(y.to)
	})
	b.heading(2, b.t("ReportHeadingCollaborationMatrix"), true)
	pt := document.Table{Columns: []document.Column{
		{Title: b.t("ReportColFrom"), Width: 2},
		{Title: b.t("ReportColTo"), Width: 2},
		{Title: b.t("ReportColGoals"), Width: 1, Numeric: true},
	}}
	for _, p := range order {
		pt.Rows = append(pt.Rows, document.Row{Cells: []string{deptName(p.from), deptName(p.to), itoa(pairs[p])}})
	}
	b.add(pt)
	b.para(document.StyleNote, b.t("ReportCollaborationMatchNote"))
	b.heading(2, b.t("ReportHeadingCollaborationGoals"), true)
	b.add(document.Table{
		Columns: []document.Column{
			{Title: b.t("ReportColTeamUnit"), Width: 1.5},
			{Title: b.t("ReportColGoal"), Width: 3},
			{Title: b.t("ReportColCollaboration"), Width: 2},
		},
		Rows: rows,
	})
}

// matcher finds the departments a typed Samverkan med names, through the
// names of units and departments; what matches neither is an outside
// partner.
type matcher struct {
	names []nameDept
}

type nameDept struct{ name, dept string }

func newMatcher(org *domain.Organisation) *matcher {
	m := &matcher{}
	for _, u := range org.Units {
		m.names = append(m.names, nameDept{strings.ToLower(u.Name), u.Department})
	}
	for _, d := range org.Departments {
		m.names = append(m.names, nameDept{strings.ToLower(d.Name), d.ID})
	}
	// Longest names first, so "Norra skolan" wins over "skolan".
	slices.SortStableFunc(m.names, func(a, b nameDept) int { return len(b.name) - len(a.name) })
	return m
}

// departments returns the department IDs named in text, "" for a part
// that names none of them, each once.
func (m *matcher) departments(text string) []string {
	var out []string
	add := func(d string) {
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	parts := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '/' })
	for _, p := range parts {
		p = strings.ToLower(strings.TrimSpace(p))
		if p == "" {
			continue
		}
		found := false
		for _, n := range m.names {
			if n.name != "" && strings.Contains(p, n.name) {
				add(n.dept)
				found = true
				break
			}
		}
		if !found {
			add("")
		}
	}
	return out
}
