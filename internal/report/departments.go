package report

// Chapters per department: its goals, then each unit with its goals and
// each team with its goal cards.

import (
	"strings"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
)

func (b *builder) department(d domain.Department) {
	units := b.org.UnitsOf(d.ID)
	b.heading(1, d.Name, true)
	b.para(document.StyleLead, b.n("ReportDepartmentIntro", len(units), "Department", d.Name))
	b.heading(4, b.t("ReportHeadingDepartmentGoals"), false)
	if len(d.Goals) == 0 {
		b.para(document.StyleNote, b.t("ReportNoDepartmentGoals"))
	} else {
		items := make([]string, len(d.Goals))
		for i, g := range d.Goals {
			items[i] = g.Text
		}
		b.add(document.List{Items: items, Numbered: true})
	}
	for _, u := range units {
		b.unit(d, u)
	}
}

func (b *builder) unit(d domain.Department, u domain.Unit) {
	b.heading(2, u.Name, true)
	if u.Manager.Name != "" {
		b.para(document.StyleNote, b.t("ReportUnitManager", "Name", u.Manager.Name))
	}
	rec := b.records[u.ID]
	if rec == nil {
		b.para(document.StyleNormal, b.t("ReportUnitMissing", "Round", b.roundName(b.round)))
		return
	}
	if rec.Invalid {
		b.para(document.StyleNote, b.t("ReportUnitInvalid"))
	}
	b.heading(4, b.t("ReportHeadingUnitGoals"), false)
	if len(rec.Goals) == 0 {
		b.para(document.StyleNote, b.t("ReportNoUnitGoals"))
	} else {
		depNo := make(map[string]int, len(d.Goals))
		for i, g := range d.Goals {
			depNo[g.ID] = i + 1
		}
		tbl := document.Table{Columns: []document.Column{
			{Title: b.t("ReportColGoal"), Width: 2.7},
			{Title: b.t("ReportColServes"), Width: 2.1},
			{Title: b.t("ReportColIndicatorTarget"), Width: 2.4},
			{Title: b.t("ReportColResponsible"), Width: 1.3},
		}}
		for _, g := range rec.Goals {
			serves := ""
			if text, ok := b.depGoals[g.DepartmentGoal]; ok {
				serves = b.t("ReportServesDepartmentGoal", "Number", depNo[g.DepartmentGoal], "Text", domain.Excerpt(text, excerptLen))
			} else if g.DepartmentGoal != "" {
				serves = g.DepartmentGoal
			}
			tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{g.Text, serves, indicator(b, g.Indicator, g.Target), g.Responsible}})
		}
		b.add(tbl)
	}
	unitGoals := make(map[string]string, len(rec.Goals))
	for _, g := range rec.Goals {
		unitGoals[g.ID] = g.Text
	}
	// Teams in config order; teams only the register knows come after.
	seen := make(map[string]bool)
	for _, t := range b.org.TeamsOf(u.ID) {
		seen[t.ID] = true
		b.team(t, teamGoals(rec, t.ID), rec, unitGoals)
	}
	for _, tg := range rec.Teams {
		if !seen[tg.Team] {
			b.team(domain.Team{ID: tg.Team, Name: tg.Team}, tg.Goals, rec, unitGoals)
		}
	}
}

func (b *builder) team(t domain.Team, goals []domain.TeamGoal, rec *domain.UnitRecord, unitGoals map[string]string) {
	b.heading(3, b.t("ReportTeamHeading", "Name", t.Name), false)
	if t.Leader != "" {
		b.para(document.StyleNote, b.t("ReportTeamLeader", "Name", t.Leader))
	}
	n := 0
	for i := range goals {
		g := &goals[i]
		if !b.current(g, rec) {
			continue
		}
		n++
		b.add(b.goalCard(g, rec, unitGoals))
	}
	if n == 0 {
		b.para(document.StyleNote, b.t("ReportNoTeamGoals"))
	}
}

func (b *builder) goalCard(g *domain.TeamGoal, rec *domain.UnitRecord, unitGoals map[string]string) document.KeyValues {
	label, kind, assessed := b.status(g, b.round)
	kv := document.KeyValues{Title: b.t("ReportGoalTitle", "Slot", g.Slot), Tone: document.ToneAccent}
	if g.Replaces != "" {
		kv.Title = b.t("ReportGoalTitleRevised", "Slot", g.Slot)
	}
	items := []document.KeyValue{{Key: b.t("ReportKeyWhat"), Value: g.What}}
	items = appendKV(items, b.t("ReportKeyHow"), g.How)
	items = appendKV(items, b.t("ReportKeyFollowUp"), b.followUpPlan(g.FollowUp))
	items = appendKV(items, b.t("ReportKeyIndicator"), indicator(b, g.Indicator, g.Target))
	if v, ok := b.values[g.Value]; ok {
		items = appendKV(items, b.t("ReportKeyValue"), v.Name)
	} else {
		items = appendKV(items, b.t("ReportKeyValue"), g.Value)
	}
	if text, ok := unitGoals[g.UnitGoal]; ok {
		// The unit's goals stand in full in the table above the teams; a
		// short reference keeps each card to what is the team's own.
		items = appendKV(items, b.t("ReportKeyUnitGoal"), domain.Excerpt(text, 70))
	}
	items = appendKV(items, b.t("ReportKeyCollaboration"), g.Collaboration)
	if g.Replaces != "" {
		if orig := findGoal(rec, g.Replaces); orig != nil {
			items = appendKV(items, b.t("ReportKeyReplaces"), orig.What)
		}
	}
	switch {
	case assessed:
		items = append(items, document.KeyValue{Key: b.t("ReportKeyStatus"), Value: b.t("ReportStatusInRound", "Status", label, "Round", b.roundName(b.round)), Tone: kindTone(kind)})
	case b.followUp:
		items = append(items, document.KeyValue{Key: b.t("ReportKeyStatus"), Value: label, Tone: kindTone(kind)})
	default:
		items = append(items, document.KeyValue{Key: b.t("ReportKeyStatus"), Value: b.t("ReportNotFollowedUp"), Tone: document.ToneMuted})
	}
	if rv, ok := g.Review(b.round); ok {
		items = appendKV(items, b.t("ReportKeyCurrent"), rv.Current)
		items = appendKV(items, b.t("ReportKeyAnalysis"), rv.Analysis)
		items = appendKV(items, b.t("ReportKeyCorrection"), rv.Correction)
		if rv.Revised != nil {
			items = appendKV(items, b.t("ReportKeyRevised"), rv.Revised.What)
		}
	}
	// Earlier rounds, oldest first, so the reader sees the goal's path.
	var hist []string
	for _, rv := range g.Reviews {
		if rv.Round == b.round || b.idx(rv.Round) > b.idx(b.round) || rv.Status == "" {
			continue
		}
		l, _, _ := b.status(g, rv.Round)
		hist = append(hist, b.roundName(rv.Round)+": "+l)
	}
	items = appendKV(items, b.t("ReportKeyHistory"), strings.Join(hist, "\n"))
	if g.ReplacedIn != "" && b.idx(g.ReplacedIn) <= b.idx(b.round) {
		items = append(items, document.KeyValue{Key: b.t("ReportKeyReplacedIn"), Value: b.t("ReportReplacedIn", "Round", b.roundName(g.ReplacedIn))})
	}
	kv.Items = items
	return kv
}

func appendKV(items []document.KeyValue, key, value string) []document.KeyValue {
	if strings.TrimSpace(value) == "" {
		return items
	}
	return append(items, document.KeyValue{Key: key, Value: value})
}

func indicator(b *builder, ind, target string) string {
	switch {
	case ind != "" && target != "":
		return b.t("ReportIndicatorTarget", "Indicator", ind, "Target", target)
	case ind != "":
		return ind
	case target != "":
		return b.t("ReportTargetOnly", "Target", target)
	}
	return ""
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
