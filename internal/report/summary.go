package report

// The summary after the contents: the key figures of the round on one
// page, and for a follow-up the change since the last one.

import (
	"github.com/malarbete/malarbete/internal/document"
)

func (b *builder) summary() {
	b.heading(1, b.t("ReportHeadingSummary"), true)
	units, returned := len(b.org.Units), 0
	unitGoals, teamsWithGoals := 0, 0
	for _, u := range b.org.Units {
		rec := b.records[u.ID]
		if b.returned(rec) {
			returned++
		}
		if rec == nil {
			continue
		}
		unitGoals += len(rec.Goals)
		for _, tg := range rec.Teams {
			if len(tg.Goals) > 0 {
				teamsWithGoals++
			}
		}
	}
	if b.followUp {
		b.para(document.StyleLead, b.n("ReportSummaryFollowUp", len(b.all), "Organisation", b.org.Name, "Round", b.roundName(b.round)))
	} else {
		b.para(document.StyleLead, b.n("ReportSummaryPlan", len(b.all), "Organisation", b.org.Name, "Period", b.org.Period))
	}
	figs := document.KeyFigures{Items: []document.KeyFigure{
		{Value: b.t("ReportOf", "Part", returned, "Total", units), Label: b.t("ReportFigureReturned")},
		{Value: itoa(unitGoals), Label: b.n("ReportFigureUnitGoals", unitGoals)},
		{Value: itoa(len(b.all)), Label: b.n("ReportFigureTeamGoals", len(b.all)),
			Detail: b.n("ReportFigureTeams", teamsWithGoals, "Total", len(b.org.Teams))},
	}}
	if !b.followUp {
		collab := 0
		for _, r := range b.all {
			if r.goal.Collaboration != "" {
				collab++
			}
		}
		figs.Items = append(figs.Items, document.KeyFigure{Value: itoa(collab), Label: b.n("ReportFigureCollaboration", collab)})
		b.add(figs)
		b.missingSummary(units - returned)
		return
	}
	// The unit goals' own statuses and the teams' goals' together.
	now, before := b.newTally(), b.newTally()
	for _, r := range b.all {
		col, _ := b.status(r.goal, b.round)
		now.add(col)
		if b.prevRound != "" {
			before.add(b.previousStatus(r))
		}
	}
	for _, r := range b.allUnitGoals() {
		col, _ := b.unitStatus(r.goal, r.rec, b.round)
		now.add(col)
		if b.prevRound != "" {
			was, _ := b.unitStatus(r.goal, r.rec, b.prevRound)
			before.add(was)
		}
	}
	risk := b.atRisk(now)
	fig := document.KeyFigure{Value: itoa(risk), Label: b.n("ReportFigureAtRisk", risk), Tone: document.ToneWarn}
	if b.prevRound != "" {
		fig.Detail = b.change(risk - b.atRisk(before))
	}
	figs.Items = append(figs.Items, fig)
	b.add(figs)

	status := document.KeyFigures{Title: b.t("ReportFiguresStatus", "Round", b.roundName(b.round))}
	for i, c := range b.scale.cols {
		if now[i] == 0 && (b.prevRound == "" || before[i] == 0) && i == b.scale.none {
			continue // no goal lacks a status, now or before
		}
		f := document.KeyFigure{Value: itoa(now[i]), Label: c.label, Tone: kindTone(c.kind)}
		if b.prevRound != "" {
			f.Detail = b.change(now[i] - before[i])
		}
		status.Items = append(status.Items, f)
	}
	b.add(status)
	if b.prevRound != "" {
		b.para(document.StyleNote, b.t("ReportFiguresChangeNote", "Round", b.roundName(b.prevRound)))
	} else {
		b.para(document.StyleNote, b.t("ReportNoPreviousRound"))
	}
	b.missingSummary(units - returned)
}

// change writes a change since the last round: "+3 sedan april".
func (b *builder) change(n int) string {
	return b.t("ReportFigureChange", "Change", signed(n), "Round", b.roundName(b.prevRound))
}

// missingSummary says how many units have not returned, and where to
// find them.
func (b *builder) missingSummary(missing int) {
	if missing > 0 {
		b.para(document.StyleNormal, b.n("ReportSummaryMissing", missing, "Round", b.roundName(b.round)))
	}
}

// signed writes a change with its sign, using a real minus sign.
func signed(n int) string {
	switch {
	case n > 0:
		return "+" + itoa(n)
	case n < 0:
		return "−" + itoa(-n)
	}
	return "±0"
}
