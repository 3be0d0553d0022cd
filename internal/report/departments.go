package report

// Chapters per department: an overview of its goals and units with their
// roll-up, then each unit with its goals and each team with its goal
// cards.

import (
	"strings"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
)

// deptRollup is what a department's overview counts: per department goal
// the unit goals that serve it and the team goals under those; in a
// follow-up round the statuses of the unit goals that serve each
// department goal, and per unit the statuses of all its goals, its own
// and its teams', now and in the round before.
type deptRollup struct {
	unitGoals, teamGoals map[string]int   // department goal ID → count
	byGoal               map[string]tally // department goal ID → statuses of its unit goals
	unlinked             tally            // unit goals under no department goal
	byUnit, beforeUnit   map[string]tally
	teamGoalsOf          map[string]int // unit ID → its teams' goals
}

func (b *builder) rollup(d domain.Department) deptRollup {
	r := deptRollup{unitGoals: map[string]int{}, teamGoals: map[string]int{}, byGoal: map[string]tally{},
		unlinked: b.newTally(), byUnit: map[string]tally{}, beforeUnit: map[string]tally{}, teamGoalsOf: map[string]int{}}
	for _, u := range b.unitsOf[d.ID] {
		rec := b.records[u.ID]
		if rec == nil {
			continue
		}
		serves := make(map[string]string, len(rec.Goals)) // unit goal → department goal, replaced ones too
		for _, g := range rec.Goals {
			serves[g.ID] = g.DepartmentGoal
		}
		ut, before := b.newTally(), b.newTally()
		for _, g := range b.unitGoals(rec) {
			col, _ := b.unitStatus(g, rec, b.round)
			ut.add(col)
			was, _ := b.unitStatus(g, rec, b.prevRound)
			before.add(was)
			dg := g.DepartmentGoal
			if _, ok := b.depGoalNo[dg]; !ok {
				r.unlinked.add(col)
				continue
			}
			r.unitGoals[dg]++
			if r.byGoal[dg] == nil {
				r.byGoal[dg] = b.newTally()
			}
			r.byGoal[dg].add(col)
		}
		for i := range rec.Teams {
			for j := range rec.Teams[i].Goals {
				g := &rec.Teams[i].Goals[j]
				if !b.current(g, rec) {
					continue
				}
				col, _ := b.status(g, b.round)
				ut.add(col)
				before.add(b.previousStatus(goalRef{rec: rec, goal: g}))
				r.teamGoalsOf[u.ID]++
				if dg := serves[g.UnitGoal]; dg != "" {
					r.teamGoals[dg]++
				}
			}
		}
		r.byUnit[u.ID], r.beforeUnit[u.ID] = ut, before
	}
	return r
}

func (b *builder) department(d domain.Department) {
	units := b.unitsOf[d.ID]
	teams := 0
	for _, u := range units {
		teams += len(b.teamsOf[u.ID])
	}
	roll := b.rollup(d)
	b.chapter(d.Name)
	b.para(document.StyleLead, b.t("ReportDepartmentIntro", "Department", d.Name,
		"Units", b.n("ReportCountUnits", len(units)), "Teams", b.n("ReportCountTeams", teams)))

	b.heading(3, b.t("ReportHeadingDepartmentGoals"), false)
	if len(d.Goals) == 0 {
		b.para(document.StyleNote, b.t("ReportNoDepartmentGoals"))
	} else {
		tbl := document.Table{Columns: []document.Column{
			{Title: b.t("ReportColNumber"), Width: 0.5},
			{Title: b.t("ReportColDepartmentGoal"), Width: 5},
			{Title: b.t("ReportColUnitGoals"), Width: 1.1, Numeric: true},
			{Title: b.t("ReportColTeamGoals"), Width: 1.3, Numeric: true},
		}}
		for i, g := range d.Goals {
			tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{itoa(i + 1), g.Text, itoa(roll.unitGoals[g.ID]), itoa(roll.teamGoals[g.ID])}})
		}
		b.add(tbl)
	}
	if b.followUp && len(d.Goals) > 0 {
		b.heading(3, b.t("ReportHeadingStatusByDepartmentGoal", "Round", b.roundName(b.round)), false)
		tbl := document.Table{Columns: b.statusColumns(document.Column{Title: b.t("ReportColDepartmentGoal"), Width: 2}), RowHeaders: true}
		for i, g := range d.Goals {
			t := roll.byGoal[g.ID]
			if t == nil {
				t = b.newTally()
			}
			tbl.Rows = append(tbl.Rows, statusRow([]string{b.t("ReportDepartmentGoalLabel", "Number", i+1)}, t, false))
		}
		if roll.unlinked.total() > 0 {
			tbl.Rows = append(tbl.Rows, statusRow([]string{b.t("ReportNoDepartmentGoal")}, roll.unlinked, false))
		}
		tbl.Caption = b.t("ReportDepartmentGoalStatusCounts")
		b.add(tbl)
	}

	if b.followUp {
		b.heading(3, b.t("ReportHeadingStatusByUnit", "Round", b.roundName(b.round)), false)
		tbl := document.Table{Columns: b.statusColumns(document.Column{Title: b.t("ReportColUnit"), Width: 2.2}), RowHeaders: true}
		total := b.newTally()
		for _, u := range units {
			t := roll.byUnit[u.ID]
			if t == nil {
				cells := []string{u.Name}
				for range len(b.scale.cols) + 1 {
					cells = append(cells, "–")
				}
				tbl.Rows = append(tbl.Rows, document.Row{Cells: cells})
				tbl.Caption = b.t("ReportDashNotReturned")
				continue
			}
			total.plus(t)
			tbl.Rows = append(tbl.Rows, statusRow([]string{u.Name}, t, false))
		}
		tbl.Rows = append(tbl.Rows, statusRow([]string{b.t("ReportTotal")}, total, true))
		if b.prevRound != "" {
			before := b.newTally()
			for _, t := range roll.beforeUnit {
				before.plus(t)
			}
			tbl.Rows = append(tbl.Rows, statusRow([]string{b.t("ReportTotalIn", "Round", b.roundName(b.prevRound))}, before, false))
		}
		tbl.Caption = strings.TrimSpace(tbl.Caption + " " + b.t("ReportUnitStatusCounts"))
		b.add(tbl)
	} else {
		b.heading(3, b.t("ReportHeadingUnits"), false)
		tbl := document.Table{Columns: []document.Column{
			{Title: b.t("ReportColUnit"), Width: 2.6},
			{Title: b.t("ReportColReturned"), Width: 1.2},
			{Title: b.t("ReportColUnitGoals"), Width: 1.1, Numeric: true},
			{Title: b.t("ReportColTeams"), Width: 1.1, Numeric: true},
			{Title: b.t("ReportColTeamGoals"), Width: 1.3, Numeric: true},
		}, RowHeaders: true}
		for _, u := range units {
			rec := b.records[u.ID]
			returned := b.t("ReportNotReturned")
			ug, tg := 0, 0
			if rec != nil {
				ug = len(b.unitGoals(rec))
				tg = roll.teamGoalsOf[u.ID]
				returned = b.t("ReportReturned")
				if rec.Invalid {
					returned = b.t("ReportReturnedWithErrors")
				}
			}
			tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{u.Name, returned, itoa(ug), itoa(len(b.teamsOf[u.ID])), itoa(tg)}})
		}
		b.add(tbl)
	}
	for i, u := range units {
		// Each unit on a page of its own, but for a unit that has not
		// returned: it is a line, which follows the one before.
		if i == 0 || b.records[u.ID] != nil {
			b.add(document.PageBreak{})
		}
		b.unit(u, roll.byUnit[u.ID])
	}
}

func (b *builder) unit(u domain.Unit, t tally) {
	b.section(u.Name, true)
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
	for _, c := range b.changesOf(u) {
		id, data := c.Message(b.org)
		b.para(document.StyleNote, b.l.T(id, data))
	}
	if b.followUp && t.total() > 0 {
		b.para(document.StyleNormal, b.t("ReportUnitStatus", "Round", b.roundName(b.round), "Status", b.statusWords(t)))
	}
	b.heading(3, b.t("ReportHeadingUnitGoals"), false)
	goals := b.unitGoals(rec)
	switch {
	case len(goals) == 0:
		b.para(document.StyleNote, b.t("ReportNoUnitGoals"))
	case b.followUp:
		for i, g := range goals {
			b.add(b.unitGoalCard(i+1, g, rec))
		}
	default:
		tbl := document.Table{Columns: []document.Column{
			{Title: b.t("ReportColNumber"), Width: 0.45},
			{Title: b.t("ReportColUnitGoal"), Width: 2.6},
			{Title: b.t("ReportColServes"), Width: 1.9},
			{Title: b.t("ReportColIndicator"), Width: 2.2},
			{Title: b.t("ReportColTarget"), Width: 1.4},
			{Title: b.t("ReportColResponsible"), Width: 1.3},
		}}
		for i, g := range goals {
			tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{itoa(i + 1), g.Text, b.serves(g.DepartmentGoal), g.Indicator, g.Target, g.Responsible}})
		}
		b.add(tbl)
	}
	ugNo := b.unitGoalNumbers(rec)
	// Teams in config order; teams only the register knows come after.
	seen := make(map[string]bool)
	for _, t := range b.teamsOf[u.ID] {
		seen[t.ID] = true
		b.team(t, teamGoals(rec, t.ID), rec, ugNo)
	}
	for _, tg := range rec.Teams {
		if !seen[tg.Team] {
			// A team that has left: its goals are kept, under its name.
			name := tg.Name
			if name == "" {
				name = tg.Team
			}
			b.team(domain.Team{ID: tg.Team, Name: name}, tg.Goals, rec, ugNo)
		}
	}
}

// changesOf returns the reorganisations of the register, up to the
// report's round, that concern unit u: units merged into it or renamed to
// it, teams moved to or from it or gone from it.
func (b *builder) changesOf(u domain.Unit) []domain.Change {
	var out []domain.Change
	for _, c := range b.reg.Changes {
		if b.idx(c.Round) > b.idx(b.round) {
			continue
		}
		switch c.Kind {
		case domain.UnitMerged, domain.UnitRenamed:
			if c.To == u.ID {
				out = append(out, c)
			}
		case domain.TeamMoved:
			if c.To == u.ID || c.From == u.ID {
				out = append(out, c)
			}
		case domain.TeamLeft:
			if c.From == u.ID {
				out = append(out, c)
			}
		case domain.TeamRenamed:
			if t, ok := b.teams[c.To]; ok && t.Unit == u.ID {
				out = append(out, c)
			}
		}
	}
	return out
}

// serves is the short label of the department goal a unit goal serves.
func (b *builder) serves(depGoal string) string {
	if no, ok := b.depGoalNo[depGoal]; ok {
		return b.t("ReportDepartmentGoalLabel", "Number", no)
	}
	return ""
}

// unitGoalCard shows a unit goal of a follow-up round with its status
// and review, as the teams' goals are shown.
func (b *builder) unitGoalCard(no int, g *domain.UnitGoal, rec *domain.UnitRecord) document.KeyValues {
	kv := document.KeyValues{Title: b.t("ReportUnitGoalLabel", "Number", no)}
	items := []document.KeyValue{{Key: b.t("ReportColUnitGoal"), Value: g.Text}}
	items = appendKV(items, b.t("ReportColServes"), b.serves(g.DepartmentGoal))
	items = appendKV(items, b.t("ReportKeyIndicator"), g.Indicator)
	items = appendKV(items, b.t("ReportKeyTarget"), g.Target)
	items = appendKV(items, b.t("ReportColResponsible"), g.Responsible)
	if g.Replaces != "" {
		if orig := findUnitGoal(rec, g.Replaces); orig != nil {
			items = appendKV(items, b.t("ReportKeyReplaces"), orig.Text)
		}
	}
	col, _ := b.unitStatus(g, rec, b.round)
	items = append(items, document.KeyValue{Key: b.t("ReportKeyStatus"), Value: b.label(col), Tone: b.tone(col)})
	if rv, ok := g.Review(b.round); ok {
		items = appendKV(items, b.t("ReportKeyCurrent"), rv.Current)
		items = appendKV(items, b.t("ReportKeyAnalysis"), rv.Analysis)
		items = appendKV(items, b.t("ReportKeyCorrection"), rv.Correction)
		if rv.Revised != nil && rv.Revised.Text != "" {
			items = appendKV(items, b.t("ReportKeyRevised"), rv.Revised.Text)
		}
	}
	var hist []string
	for _, rv := range g.Reviews {
		if rv.Round == b.round || b.idx(rv.Round) > b.idx(b.round) || rv.Status == "" {
			continue
		}
		hist = append(hist, b.t("ReportHistoryLine", "Round", b.roundName(rv.Round), "Status", b.label(b.scale.of(rv.Status))))
	}
	items = appendKV(items, b.t("ReportKeyHistory"), strings.Join(hist, "\n"))
	if g.ReplacedIn != "" && b.idx(g.ReplacedIn) <= b.idx(b.round) {
		items = append(items, document.KeyValue{Key: b.t("ReportKeyReplacedIn"), Value: b.t("ReportReplacedIn", "Round", b.roundName(g.ReplacedIn))})
	}
	kv.Items = items
	return kv
}

func (b *builder) team(t domain.Team, goals []domain.TeamGoal, rec *domain.UnitRecord, ugNo map[string]int) {
	// The team's own name, without "Arbetslag" before it: names such as
	// "Arbetslag F–3" have it already.
	b.heading(3, t.Name, false)
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
		b.add(b.goalCard(g, rec, ugNo))
	}
	if n == 0 {
		b.para(document.StyleNote, b.t("ReportNoTeamGoals"))
	}
}

func (b *builder) goalCard(g *domain.TeamGoal, rec *domain.UnitRecord, ugNo map[string]int) document.KeyValues {
	kv := document.KeyValues{Title: b.t("ReportGoalTitle", "Slot", g.Slot)}
	if g.Replaces != "" {
		kv.Title = b.t("ReportGoalTitleRevised", "Slot", g.Slot)
	}
	items := []document.KeyValue{{Key: b.t("ReportKeyWhat"), Value: g.What}}
	items = appendKV(items, b.t("ReportKeyHow"), g.How)
	items = appendKV(items, b.t("ReportKeyFollowUp"), b.followUpPlan(g.FollowUp))
	items = appendKV(items, b.t("ReportKeyIndicator"), g.Indicator)
	items = appendKV(items, b.t("ReportKeyTarget"), g.Target)
	if v, ok := b.values[g.Value]; ok {
		items = appendKV(items, b.t("ReportKeyValue"), v.Name)
	} else {
		items = appendKV(items, b.t("ReportKeyValue"), g.Value)
	}
	if no, ok := ugNo[g.UnitGoal]; ok {
		// The unit's goals stand in full in the table above the teams.
		items = appendKV(items, b.t("ReportKeyUnitGoal"), b.t("ReportUnitGoalLabel", "Number", no))
	}
	items = appendKV(items, b.t("ReportKeyCollaboration"), g.Collaboration)
	if g.Replaces != "" {
		if orig := findGoal(rec, g.Replaces); orig != nil {
			items = appendKV(items, b.t("ReportKeyReplaces"), orig.What)
		}
	}
	if b.followUp {
		col, _ := b.status(g, b.round)
		items = append(items, document.KeyValue{Key: b.t("ReportKeyStatus"), Value: b.label(col), Tone: b.tone(col)})
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
		col, _ := b.status(g, rv.Round)
		hist = append(hist, b.t("ReportHistoryLine", "Round", b.roundName(rv.Round), "Status", b.label(col)))
	}
	items = appendKV(items, b.t("ReportKeyHistory"), strings.Join(hist, "\n"))
	if g.ReplacedIn != "" && b.idx(g.ReplacedIn) <= b.idx(b.round) {
		items = append(items, document.KeyValue{Key: b.t("ReportKeyReplacedIn"), Value: b.t("ReportReplacedIn", "Round", b.roundName(g.ReplacedIn))})
	}
	kv.Items = items
	return kv
}
