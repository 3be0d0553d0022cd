package report

// Chapter of a follow-up round: status per department and unit, change
// since the last round, goals at risk and revised goals.

import (
	"strings"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
)

func (b *builder) followUpSection() {
	round := b.roundName(b.round)
	all := b.goals()
	b.heading(1, b.t("ReportHeadingFollowUp", "Round", round), true)
	deadline := ""
	if r, ok := b.org.Round(b.round); ok {
		deadline = b.date(r.Deadline)
	}
	b.para(document.StyleLead, b.n("ReportFollowUpIntro", len(all), "Round", round))
	if deadline != "" {
		b.para(document.StyleNote, b.t("ReportFollowUpDeadline", "Date", deadline))
	}

	// Per department, with a chart.
	b.heading(2, b.t("ReportHeadingStatusByDepartment"), true)
	byDept := make(map[string]map[domain.StatusKind]int)
	byUnit := make(map[string]map[domain.StatusKind]int)
	total := make(map[domain.StatusKind]int)
	for _, r := range all {
		_, k, _ := b.status(r.goal, b.round)
		if byDept[r.unit.Department] == nil {
			byDept[r.unit.Department] = make(map[domain.StatusKind]int)
		}
		if byUnit[r.unit.ID] == nil {
			byUnit[r.unit.ID] = make(map[domain.StatusKind]int)
		}
		byDept[r.unit.Department][k]++
		byUnit[r.unit.ID][k]++
		total[k]++
	}
	tbl := document.Table{Columns: b.kindColumns(document.Column{Title: b.t("ReportColDepartment"), Width: 2.4})}
	chart := document.BarChart{Title: b.t("ReportChartStatus", "Round", round)}
	for _, k := range domain.StatusKinds {
		chart.Series = append(chart.Series, document.Series{Label: b.kindLabel(k), Tone: kindTone(k)})
	}
	for _, d := range b.org.Departments {
		tbl.Rows = append(tbl.Rows, kindRow([]string{d.Name}, byDept[d.ID], false))
		vals := make([]int, len(domain.StatusKinds))
		for i, k := range domain.StatusKinds {
			vals[i] = byDept[d.ID][k]
		}
		chart.Categories = append(chart.Categories, d.Name)
		chart.Values = append(chart.Values, vals)
	}
	tbl.Rows = append(tbl.Rows, kindRow([]string{b.t("ReportTotal")}, total, true))
	b.add(tbl, chart)

	// Per unit.
	b.heading(2, b.t("ReportHeadingStatusByUnit"), true)
	ut := document.Table{Columns: b.kindColumns(
		document.Column{Title: b.t("ReportColUnit"), Width: 2.2},
		document.Column{Title: b.t("ReportColDepartment"), Width: 1.6},
	)}
	for _, d := range b.org.Departments {
		for _, u := range b.org.UnitsOf(d.ID) {
			if byUnit[u.ID] == nil {
				continue
			}
			ut.Rows = append(ut.Rows, kindRow([]string{u.Name, d.Name}, byUnit[u.ID], false))
		}
	}
	b.add(ut)

	b.changeSection(all, total)
	b.atRisk(all)
	b.revised()
}

func (b *builder) changeSection(all []goalRef, now map[domain.StatusKind]int) {
	if b.prevRound == "" {
		b.heading(2, b.t("ReportHeadingChangeNone"), true)
		b.para(document.StyleNote, b.t("ReportNoPreviousRound"))
		return
	}
	prevName := b.roundName(b.prevRound)
	b.heading(2, b.t("ReportHeadingChange", "Round", prevName), true)
	b.para(document.StyleNormal, b.t("ReportChangeIntro", "Round", prevName, "Current", b.roundName(b.round)))
	before := make(map[domain.StatusKind]int)
	var changed []document.Row
	for _, r := range all {
		g := r.goal
		if _, ok := g.Review(b.prevRound); !ok && g.Replaces != "" {
			// A revision has no status of its own before; compare with
			// the goal it replaces.
			if orig := findGoal(r.rec, g.Replaces); orig != nil {
				g = orig
			}
		}
		pl, pk, _ := b.status(g, b.prevRound)
		nl, nk, _ := b.status(r.goal, b.round)
		before[pk]++
		if pk != nk {
			changed = append(changed, document.Row{
				Cells: []string{b.teamName(r.team) + "\n" + r.unit.Name, domain.Excerpt(r.goal.What, excerptLen), pl, nl},
				Tones: []document.Tone{"", "", kindTone(pk), kindTone(nk)},
			})
		}
	}
	tbl := document.Table{Columns: []document.Column{
		{Title: b.t("ReportColStatus"), Width: 3},
		{Title: prevName, Width: 1.2, Numeric: true},
		{Title: b.roundName(b.round), Width: 1.2, Numeric: true},
		{Title: b.t("ReportColChange"), Width: 1.2, Numeric: true},
	}}
	for _, k := range domain.StatusKinds {
		tbl.Rows = append(tbl.Rows, document.Row{
			Cells: []string{b.kindLabel(k), itoa(before[k]), itoa(now[k]), signed(now[k] - before[k])},
			Tones: []document.Tone{kindTone(k)},
		})
	}
	b.add(tbl)
	b.heading(3, b.t("ReportHeadingChangedGoals"), false)
	if len(changed) == 0 {
		b.para(document.StyleNote, b.t("ReportNoChange"))
		return
	}
	b.add(document.Table{
		Columns: []document.Column{
			{Title: b.t("ReportColTeamUnit"), Width: 1.6},
			{Title: b.t("ReportColGoal"), Width: 3},
			{Title: prevName, Width: 1.4},
			{Title: b.roundName(b.round), Width: 1.4},
		},
		Rows: changed,
	})
}

// signed writes a change with its sign, using a real minus sign.
func signed(n int) string {
	switch {
	case n > 0:
		return "+" + itoa(n)
	case n < 0:
		return "−" + itoa(-n)
	}
	return "0"
}

func (b *builder) atRisk(all []goalRef) {
	b.heading(2, b.t("ReportHeadingAtRisk"), true)
	var cards []document.Block
	for _, r := range all {
		label, k, _ := b.status(r.goal, b.round)
		if !k.NeedsAnalysis() {
			continue
		}
		rv, _ := r.goal.Review(b.round)
		kv := document.KeyValues{
			Title: b.teamName(r.team) + ", " + r.unit.Name,
			Tone:  kindTone(k),
			Items: []document.KeyValue{
				{Key: b.t("ReportKeyWhat"), Value: r.goal.What},
				{Key: b.t("ReportKeyStatus"), Value: label, Tone: kindTone(k)},
			},
		}
		kv.Items = appendKV(kv.Items, b.t("ReportKeyIndicator"), indicator(b, r.goal.Indicator, r.goal.Target))
		kv.Items = appendKV(kv.Items, b.t("ReportKeyCurrent"), rv.Current)
		kv.Items = appendKV(kv.Items, b.t("ReportKeyAnalysis"), orMissing(b, rv.Analysis))
		kv.Items = appendKV(kv.Items, b.t("ReportKeyCorrection"), orMissing(b, rv.Correction))
		if rv.Revised != nil {
			kv.Items = appendKV(kv.Items, b.t("ReportKeyRevised"), rv.Revised.What)
		}
		cards = append(cards, kv)
	}
	if len(cards) == 0 {
		b.para(document.StyleNote, b.t("ReportNoAtRisk"))
		return
	}
	b.para(document.StyleNormal, b.n("ReportAtRiskIntro", len(cards)))
	b.add(cards...)
}

func orMissing(b *builder, s string) string {
	if strings.TrimSpace(s) == "" {
		return b.t("ReportNotGiven")
	}
	return s
}

// revised lists every goal that was reworded during the year, up to the
// report's round: the history the register keeps.
func (b *builder) revised() {
	b.heading(2, b.t("ReportHeadingRevised"), true)
	tbl := document.Table{Columns: []document.Column{
		{Title: b.t("ReportColTeamUnit"), Width: 1.5},
		{Title: b.t("ReportColOriginalGoal"), Width: 2.4},
		{Title: b.t("ReportColRevisedGoal"), Width: 2.4},
		{Title: b.t("ReportColRound"), Width: 1.1},
	}}
	for _, d := range b.org.Departments {
		for _, u := range b.org.UnitsOf(d.ID) {
			rec := b.records[u.ID]
			if rec == nil {
				continue
			}
			for _, tg := range rec.Teams {
				for i := range tg.Goals {
					g := &tg.Goals[i]
					if g.Replaces == "" {
						continue
					}
					orig := findGoal(rec, g.Replaces)
					if orig == nil || orig.ReplacedIn == "" || b.idx(orig.ReplacedIn) > b.idx(b.round) {
						continue
					}
					text := orig.What
					tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{
						b.teamName(tg.Team) + "\n" + u.Name, text, g.What, b.roundName(orig.ReplacedIn),
					}})
				}
			}
		}
	}
	if len(tbl.Rows) == 0 {
		b.para(document.StyleNote, b.t("ReportNoRevised"))
		return
	}
	b.para(document.StyleNormal, b.t("ReportRevisedIntro"))
	b.add(tbl)
}
