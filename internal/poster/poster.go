// Package poster builds a team's goal poster, "Vår målkedja": one page
// from the vision, the overall goal, the department's and the unit's goals
// down to the team's own goals, with the values and their behaviours, to
// hang in the staff room. It makes a document tree (internal/document);
// the report's renderers draw it, so that the poster is tagged and
// accessible as the report is.
package poster

import (
	"context"
	"slices"
	"strings"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/report"
)

// Options choose what the posters show.
type Options struct {
	// Round is the round whose goals (and, in a follow-up, statuses) the
	// posters show; empty means the register's latest.
	Round string
	// Date becomes the PDF's creation date.
	Date domain.Date
	// Creator names the program in the PDF's metadata.
	Creator string
}

// Poster is one team's poster.
type Poster struct {
	Unit domain.Unit
	Team domain.Team
	Doc  *document.Document
}

// Build returns a poster for every team of org that has goals in the
// round, in the config's order of units and teams, and the teams that
// have none (no poster is made of an empty chain).
func Build(ctx context.Context, org *domain.Organisation, reg *domain.Register, opts Options, l *i18n.Localizer) (posters []Poster, empty []domain.Team, err error) {
	round := opts.Round
	if round == "" {
		round = reg.LatestRound()
	}
	b := builder{org: org, round: round, l: l, opts: opts, followUp: !org.IsPlanning(round)}
	for _, u := range org.Units {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		rec, _ := reg.Unit(u.ID)
		for _, t := range org.TeamsOf(u.ID) {
			goals := b.teamGoals(rec, t.ID)
			if len(goals) == 0 {
				empty = append(empty, t)
				continue
			}
			posters = append(posters, Poster{Unit: u, Team: t, Doc: b.poster(u, t, rec, goals)})
		}
	}
	return posters, empty, nil
}

type builder struct {
	org      *domain.Organisation
	round    string
	followUp bool
	l        *i18n.Localizer
	opts     Options
}

func (b *builder) t(id string, kv ...any) string {
	data := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		data[kv[i].(string)] = kv[i+1]
	}
	return b.l.T(id, data)
}

// roundIndex is the place of a round in the year, -1 for none.
func (b *builder) roundIndex(id string) int {
	return slices.IndexFunc(b.org.Rounds, func(r domain.Round) bool { return r.ID == id })
}

// teamGoals returns the team's goals that count in the round: not yet
// replaced by a revision, and not a revision made after it.
func (b *builder) teamGoals(rec *domain.UnitRecord, team string) []*domain.TeamGoal {
	if rec == nil {
		return nil
	}
	now := b.roundIndex(b.round)
	later := func(round string) bool { return round != "" && b.roundIndex(round) > now }
	var out []*domain.TeamGoal
	for i := range rec.Teams {
		tg := &rec.Teams[i]
		if tg.Team != team {
			continue
		}
		for j := range tg.Goals {
			g := &tg.Goals[j]
			if g.ReplacedIn != "" && !later(g.ReplacedIn) {
				continue
			}
			if g.Replaces != "" && revisedAfter(tg.Goals, g.Replaces, later) {
				continue
			}
			out = append(out, g)
		}
	}
	return out
}

// revisedAfter reports whether the goal with id was replaced in a round
// after the poster's: its revision does not count yet.
func revisedAfter(goals []domain.TeamGoal, id string, later func(string) bool) bool {
	for _, g := range goals {
		if g.ID == id {
			return later(g.ReplacedIn)
		}
	}
	return false
}

// poster lays out one team's chain.
func (b *builder) poster(u domain.Unit, t domain.Team, rec *domain.UnitRecord, goals []*domain.TeamGoal) *document.Document {
	org := b.org
	title := b.t("PosterTitle")
	doc := report.Frame(org, b.l, document.Meta{
		Title:    b.t("PosterMetaTitle", "Title", title, "Unit", u.Name, "Team", t.Name),
		Subject:  b.t("PosterSubject", "Organisation", org.Name, "Period", org.Period, "Team", t.Name),
		Keywords: b.t("PosterKeywords"),
		Creator:  b.opts.Creator,
	}, b.opts.Date)
	// A poster is one page to hang up: no running header or page number,
	// and no figures or tables with totals.
	doc.Header, doc.PageLabel = "", ""
	doc.Labels = document.Labels{SkipToContent: doc.Labels.SkipToContent}
	add := func(bl ...document.Block) { doc.Blocks = append(doc.Blocks, bl...) }
	add(document.Heading{Level: 1, Text: title})
	intro := b.t("PosterIntro", "Team", t.Name, "Unit", u.Name, "Organisation", org.Name, "Period", org.Period)
	if b.followUp {
		if r, ok := org.Round(b.round); ok && r.Name != "" {
			intro = b.t("PosterIntroRound", "Team", t.Name, "Unit", u.Name, "Organisation", org.Name, "Round", r.Name)
		}
	}
	add(document.Paragraph{Style: document.StyleLead, Text: intro})
	if org.Vision != "" {
		add(document.Heading{Level: 2, Text: b.t("PosterVision")}, document.Paragraph{Style: document.StyleQuote, Text: org.Vision})
	}
	if org.OverallGoal != "" {
		add(document.Heading{Level: 2, Text: b.t("PosterOverallGoal")}, document.Paragraph{Text: org.OverallGoal})
	}
	unitGoals := b.supported(rec, goals)
	if dept, ok := org.Department(u.Department); ok {
		if texts := departmentGoals(dept, unitGoals); len(texts) > 0 {
			add(document.Heading{Level: 2, Text: b.t("PosterDepartmentGoals", "Department", dept.Name)}, document.List{Items: texts})
		}
	}
	if len(unitGoals) > 0 {
		texts := make([]string, len(unitGoals))
		for i, g := range unitGoals {
			texts[i] = g.Text
		}
		add(document.Heading{Level: 2, Text: b.t("PosterUnitGoals", "Unit", u.Name)}, document.List{Items: texts})
	}
	add(document.Heading{Level: 2, Text: b.t("PosterTeamGoals", "Team", t.Name)}, b.goalTable(goals))
	if len(org.Values) > 0 {
		// The values side by side, each over its behaviours: a poster
		// has the width for it and not the height for a list.
		tab := document.Table{Rows: []document.Row{{}}}
		for _, v := range org.Values {
			tab.Columns = append(tab.Columns, document.Column{Title: v.Name, Width: 1})
			tab.Rows[0].Cells = append(tab.Rows[0].Cells, strings.Join(v.Behaviours, " · "))
		}
		add(document.Heading{Level: 2, Text: b.t("PosterValues")}, tab)
	}
	return doc
}

// supported returns the unit goals that the team's goals support, in the
// unit's order; where no goal names one, every current unit goal, since
// the team works towards them all.
func (b *builder) supported(rec *domain.UnitRecord, goals []*domain.TeamGoal) []*domain.UnitGoal {
	if rec == nil {
		return nil
	}
	want := map[string]bool{}
	for _, g := range goals {
		if g.UnitGoal != "" {
			want[g.UnitGoal] = true
		}
	}
	var all, linked []*domain.UnitGoal
	for i := range rec.Goals {
		g := &rec.Goals[i]
		if g.ReplacedIn != "" && b.roundIndex(g.ReplacedIn) <= b.roundIndex(b.round) {
			continue
		}
		all = append(all, g)
		if want[g.ID] {
			linked = append(linked, g)
		}
	}
	if len(linked) > 0 {
		return linked
	}
	return all
}

// departmentGoals returns the texts of the department's goals that the
// unit goals serve, or all of them where none is named.
func departmentGoals(d domain.Department, unitGoals []*domain.UnitGoal) []string {
	want := map[string]bool{}
	for _, g := range unitGoals {
		if g.DepartmentGoal != "" {
			want[g.DepartmentGoal] = true
		}
	}
	var all, linked []string
	for _, g := range d.Goals {
		all = append(all, g.Text)
		if want[g.ID] {
			linked = append(linked, g.Text)
		}
	}
	if len(linked) > 0 {
		return linked
	}
	return all
}

// goalTable is the team's goals, a row each: Vad, Hur, Uppföljning side
// by side and, in a follow-up round, the status.
func (b *builder) goalTable(goals []*domain.TeamGoal) document.Table {
	tab := document.Table{Columns: []document.Column{
		{Title: b.t("ReportKeyWhat"), Width: 4}, {Title: b.t("ReportKeyHow"), Width: 4}, {Title: b.t("ReportKeyFollowUp"), Width: 3},
	}}
	if b.followUp {
		tab.Columns = append(tab.Columns, document.Column{Title: b.t("ReportKeyStatus"), Width: 2})
	}
	for _, g := range goals {
		row := document.Row{Cells: []string{g.What, g.How, b.followUpPlan(g.FollowUp)}}
		if b.followUp {
			rv, _ := g.Review(b.round)
			label, tone, _ := report.StatusLabel(b.org.Statuses, rv.Status, b.l)
			row.Cells = append(row.Cells, label)
			row.Tones = []document.Tone{"", "", "", tone}
		}
		tab.Rows = append(tab.Rows, row)
	}
	return tab
}

// followUpPlan writes Uppföljning: the method, then when and who.
func (b *builder) followUpPlan(p domain.FollowUpPlan) string {
	var parts []string
	if d := report.FormatDate(b.l, p.When); d != "" {
		parts = append(parts, b.t("ReportFollowUpWhen", "Date", d))
	}
	if p.Who != "" {
		parts = append(parts, b.t("ReportFollowUpWho", "Name", p.Who))
	}
	return strings.TrimSpace(p.Method + "\n" + strings.Join(parts, " · "))
}
