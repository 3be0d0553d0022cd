package report

// Chapter of a follow-up round: status per department, change since the
// last round, goals at risk and revised goals.

import (
	"strings"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
)

func (b *builder) followUpSection() {
	round := b.roundName(b.round)
	b.chapter(b.t("ReportHeadingFollowUp", "Round", round))
	b.para(document.StyleLead, b.n("ReportFollowUpIntro", len(b.all), "Round", round))
	if r, ok := b.org.Round(b.round); ok && !r.Deadline.IsZero() {
		b.para(document.StyleNote, b.t("ReportFollowUpDeadline", "Date", b.date(r.Deadline)))
	}

	b.section(b.t("ReportHeadingStatusByDepartment"), true)
	byDept := make(map[string]tally, len(b.org.Departments))
	total := b.newTally()
	for _, r := range b.all {
		t := byDept[r.unit.Department]
		if t == nil {
			t = b.newTally()
			byDept[r.unit.Department] = t
		}
		col, _ := b.status(r.goal, b.round)
		t.add(col)
		total.add(col)
	}
	tbl := document.Table{Columns: b.statusColumns(document.Column{Title: b.t("ReportColDepartment"), Width: 2.4}), RowHeaders: true}
	chart := document.BarChart{Title: b.t("ReportChartStatus", "Round", round), CategoryTitle: b.t("ReportColDepartment"), Series: b.statusSeries()}
	for _, d := range b.org.Departments {
		t := byDept[d.ID]
		if t == nil {
			t = b.newTally()
		}
		tbl.Rows = append(tbl.Rows, statusRow([]string{d.Name}, t, false))
		chart.Categories = append(chart.Categories, d.Name)
		chart.Values = append(chart.Values, []int(t))
	}
	tbl.Rows = append(tbl.Rows, statusRow([]string{b.t("ReportTotal")}, total, true))
	chart.Alt = b.t("ReportChartStatusAlt", "Round", round, "Status", b.statusWords(total))
	b.add(tbl, chart)

	b.changeSection(total)
	b.atRiskSection()
	b.revised()
}

// previousStatus returns the column of a goal's status in the round
// before; a revision, which has no status of its own before, is compared
// with the goal it replaces.
func (b *builder) previousStatus(r goalRef) int {
	g := r.goal
	if _, ok := g.Review(b.prevRound); !ok && g.Replaces != "" {
		if orig := findGoal(r.rec, g.Replaces); orig != nil {
			g = orig
		}
	}
	col, _ := b.status(g, b.prevRound)
	return col
}

func (b *builder) changeSection(now tally) {
	if b.prevRound == "" {
		b.section(b.t("ReportHeadingChangeNone"), true)
		b.para(document.StyleNote, b.t("ReportNoPreviousRound"))
		return
	}
	prevName := b.roundName(b.prevRound)
	b.section(b.t("ReportHeadingChange", "Round", prevName), true)
	b.para(document.StyleNormal, b.t("ReportChangeIntro", "Round", prevName, "Current", b.roundName(b.round)))
	before := b.newTally()
	var changed []document.Row
	for _, r := range b.all {
		pc := b.previousStatus(r)
		nc, _ := b.status(r.goal, b.round)
		before.add(pc)
		if pc != nc {
			changed = append(changed, document.Row{
				Cells: []string{b.teamName(r.team) + "\n" + r.unit.Name, r.goal.What, b.label(pc), b.label(nc)},
				Tones: []document.Tone{"", "", b.tone(pc), b.tone(nc)},
			})
		}
	}
	tbl := document.Table{Columns: []document.Column{
		{Title: b.t("ReportColStatus"), Width: 3},
		{Title: prevName, Width: 1.2, Numeric: true},
		{Title: b.roundName(b.round), Width: 1.2, Numeric: true},
		{Title: b.t("ReportColChange"), Width: 1.2, Numeric: true},
	}, RowHeaders: true}
	for i := range b.scale.cols {
		tbl.Rows = append(tbl.Rows, document.Row{
			Cells: []string{b.label(i), itoa(before[i]), itoa(now[i]), signed(now[i] - before[i])},
			Tones: []document.Tone{b.tone(i)},
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

func (b *builder) atRiskSection() {
	b.section(b.t("ReportHeadingAtRisk"), true)
	var cards []document.Block
	for _, r := range b.allUnitGoals() {
		col, _ := b.unitStatus(r.goal, r.rec, b.round)
		if !b.scale.cols[col].kind.NeedsAnalysis() {
			continue
		}
		rv, _ := r.goal.Review(b.round)
		revised := ""
		if rv.Revised != nil {
			revised = rv.Revised.Text
		}
		cards = append(cards, b.riskCard(col, b.t("ReportAtRiskUnitTitle", "Unit", r.unit.Name, "Number", r.no),
			document.KeyValue{Key: b.t("ReportColUnitGoal"), Value: r.goal.Text},
			r.goal.Indicator, r.goal.Target, rv.Current, rv.Analysis, rv.Correction, revised))
	}
	for _, r := range b.all {
		col, _ := b.status(r.goal, b.round)
		if !b.scale.cols[col].kind.NeedsAnalysis() {
			continue
		}
		rv, _ := r.goal.Review(b.round)
		revised := ""
		if rv.Revised != nil {
			revised = rv.Revised.What
		}
		cards = append(cards, b.riskCard(col, b.t("ReportAtRiskTitle", "Team", b.teamName(r.team), "Unit", r.unit.Name),
			document.KeyValue{Key: b.t("ReportKeyWhat"), Value: r.goal.What},
			r.goal.Indicator, r.goal.Target, rv.Current, rv.Analysis, rv.Correction, revised))
	}
	if len(cards) == 0 {
		b.para(document.StyleNote, b.t("ReportNoAtRisk"))
		return
	}
	b.para(document.StyleNormal, b.n("ReportAtRiskIntro", len(cards)))
	b.add(cards...)
}

func (b *builder) orMissing(s string) string {
	if strings.TrimSpace(s) == "" {
		return b.t("ReportNotGiven")
	}
	return s
}

// revised lists every goal that was reworded during the year, up to the
// report's round: the history the register keeps.
func (b *builder) revised() {
	b.section(b.t("ReportHeadingRevised"), true)
	tbl := document.Table{Columns: []document.Column{
		{Title: b.t("ReportColTeamUnit"), Width: 1.5},
		{Title: b.t("ReportColOriginalGoal"), Width: 2.4},
		{Title: b.t("ReportColRevisedGoal"), Width: 2.4},
		{Title: b.t("ReportColRound"), Width: 1.1},
	}}
	for _, d := range b.org.Departments {
		for _, u := range b.unitsOf[d.ID] {
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
					tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{
						b.teamName(tg.Team) + "\n" + u.Name, orig.What, g.What, b.roundName(orig.ReplacedIn),
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

// followUpPlan writes Uppföljning as one value: the method, then when and
// by whom on a line of its own, so that a goal card stays short.
func (b *builder) followUpPlan(p domain.FollowUpPlan) string {
	var parts []string
	if d := b.date(p.When); d != "" {
		parts = append(parts, b.t("ReportFollowUpWhen", "Date", d))
	}
	if p.Who != "" {
		parts = append(parts, b.t("ReportFollowUpWho", "Name", p.Who))
	}
	rest := strings.Join(parts, " · ")
	switch {
	case p.Method == "":
		return rest
	case rest == "":
		return p.Method
	}
	return p.Method + "\n" + rest
}

// riskCard is the card of a goal at risk, unit's or team's: the goal, its
// status, and what its review says; an empty text is left out, a missing
// analysis or correction is said to be missing.
func (b *builder) riskCard(col int, title string, goal document.KeyValue, indicator, target, current, analysis, correction, revised string) document.KeyValues {
	kv := document.KeyValues{
		Title: title,
		Tone:  b.tone(col),
		Items: []document.KeyValue{goal, {Key: b.t("ReportKeyStatus"), Value: b.label(col), Tone: b.tone(col)}},
	}
	kv.Items = appendKV(kv.Items, b.t("ReportKeyIndicator"), indicator)
	kv.Items = appendKV(kv.Items, b.t("ReportKeyTarget"), target)
	kv.Items = appendKV(kv.Items, b.t("ReportKeyCurrent"), current)
	kv.Items = appendKV(kv.Items, b.t("ReportKeyAnalysis"), b.orMissing(analysis))
	kv.Items = appendKV(kv.Items, b.t("ReportKeyCorrection"), b.orMissing(correction))
	kv.Items = appendKV(kv.Items, b.t("ReportKeyRevised"), revised)
	return kv
}
