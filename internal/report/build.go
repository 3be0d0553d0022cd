package report

import (
	"github.com/malarbete/malarbete/internal/document"
	"slices"
	"strconv"
	"strings"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// Options choose what the report shows.
type Options struct {
	// Title overrides the report title; empty gives "Målarbete <period>".
	Title string
	// Date is printed on the cover and becomes the PDF's creation date.
	Date domain.Date
	// Logo is a path to a PNG or JPEG for the cover, or empty.
	Logo string
	// Round is the round the report is about; empty means the register's
	// latest round.
	Round string
	// Findings fill an appendix when not nil (an empty list says that
	// nothing is open).
	Findings domain.Findings
	// Creator names the program in the PDF's metadata.
	Creator string
}

// excerptLen is how much of a goal text the summary tables quote; the full
// text stands in the department chapters.
const excerptLen = 120

// builder carries what every section needs: the inputs, the localizer and
// indexes by ID, so that a municipality of thousands of goals is built in
// linear time.
type builder struct {
	org  *domain.Organisation
	reg  *domain.Register
	opts Options
	l    *i18n.Localizer

	round     string // the round the report is about
	followUp  bool   // round is a follow-up round, not planning
	prevRound string // the follow-up round before, or ""

	units      map[string]domain.Unit
	teams      map[string]domain.Team
	values     map[string]domain.Value
	criteria   map[string]domain.Criterion
	statuses   map[string]domain.Status
	records    map[string]*domain.UnitRecord
	roundIndex map[string]int
	depGoals   map[string]string // department goal ID → text

	blocks []document.Block
}

// Build lays out the report for org and reg as a document tree, every text
// localized by l.
func Build(org *domain.Organisation, reg *domain.Register, opts Options, l *i18n.Localizer) *document.Document {
	b := newBuilder(org, reg, opts, l)
	title := opts.Title
	if title == "" {
		title = b.t("ReportTitle", "Period", org.Period)
	}
	creator := opts.Creator
	if creator == "" {
		creator = "malarbete"
	}
	doc := &document.Document{
		Lang: l.Lang(),
		Meta: document.Meta{
			Title:    title,
			Author:   org.Name,
			Subject:  b.t("ReportSubject", "Organisation", org.Name, "Period", org.Period),
			Keywords: b.t("ReportKeywords"),
			Creator:  creator,
		},
		Header:    b.t("ReportHeader", "Organisation", org.Name, "Title", title),
		PageLabel: b.t("ReportPageLabel"),
		Date:      opts.Date,
	}
	b.cover(title)
	b.add(document.Contents{Title: b.t("ReportContents")})
	b.foundation()
	b.hierarchy()
	b.completion()
	if b.followUp {
		b.followUpSection()
	}
	for _, d := range org.Departments {
		b.department(d)
	}
	b.collaboration()
	b.criteriaSection()
	if opts.Findings != nil {
		b.findings(opts.Findings)
	}
	doc.Blocks = b.blocks
	return doc
}

func newBuilder(org *domain.Organisation, reg *domain.Register, opts Options, l *i18n.Localizer) *builder {
	if reg == nil {
		reg = &domain.Register{}
	}
	b := &builder{
		org: org, reg: reg, opts: opts, l: l,
		units:      make(map[string]domain.Unit, len(org.Units)),
		teams:      make(map[string]domain.Team, len(org.Teams)),
		values:     make(map[string]domain.Value),
		criteria:   make(map[string]domain.Criterion),
		statuses:   make(map[string]domain.Status),
		records:    make(map[string]*domain.UnitRecord, len(reg.Units)),
		roundIndex: make(map[string]int),
		depGoals:   make(map[string]string),
	}
	for _, u := range org.Units {
		b.units[u.ID] = u
	}
	for _, t := range org.Teams {
		b.teams[t.ID] = t
	}
	for _, v := range org.Values {
		b.values[v.ID] = v
	}
	for _, c := range org.Criteria {
		b.criteria[c.ID] = c
	}
	statuses := org.Statuses
	if len(statuses) == 0 {
		statuses = domain.DefaultStatuses()
	}
	for _, s := range statuses {
		b.statuses[s.ID] = s
	}
	for i := range reg.Units {
		b.records[reg.Units[i].Unit] = &reg.Units[i]
	}
	for _, d := range org.Departments {
		for _, g := range d.Goals {
			b.depGoals[g.ID] = g.Text
		}
	}
	// Rounds are ordered by the config; rounds only the register knows
	// follow them in the register's order.
	for _, r := range org.Rounds {
		b.roundIndex[r.ID] = len(b.roundIndex)
	}
	for _, r := range reg.Rounds {
		if _, ok := b.roundIndex[r]; !ok {
			b.roundIndex[r] = len(b.roundIndex)
		}
	}
	b.round = opts.Round
	if b.round == "" {
		b.round = reg.LatestRound()
	}
	if b.round == "" {
		b.round = domain.PlanRound
		if len(org.Rounds) > 0 {
			b.round = org.Rounds[0].ID
		}
	}
	b.followUp = b.round != domain.PlanRound && !org.IsPlanning(b.round)
	if b.followUp {
		// Only a follow-up round has statuses to compare with; and only
		// one the register holds.
		for i := len(reg.Rounds) - 1; i >= 0; i-- {
			r := reg.Rounds[i]
			if b.roundIndex[r] < b.roundIndex[b.round] && r != domain.PlanRound && !org.IsPlanning(r) {
				b.prevRound = r
				break
			}
		}
	}
	return b
}

func (b *builder) add(bl ...document.Block) { b.blocks = append(b.blocks, bl...) }

// t localizes id with data given as key, value pairs.
func (b *builder) t(id string, kv ...any) string {
	return b.l.T(id, pairs(kv))
}

// n localizes id in the plural form for count.
func (b *builder) n(id string, count int, kv ...any) string {
	return b.l.N(id, count, pairs(kv))
}

func pairs(kv []any) map[string]any {
	if len(kv) == 0 {
		return nil
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

func (b *builder) heading(level int, text string, inContents bool) {
	b.add(document.Heading{Level: level, Text: text, InContents: inContents})
}

func (b *builder) para(style document.TextStyle, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	b.add(document.Paragraph{Text: text, Style: style})
}

// roundName returns the name of a round as the config gives it.
func (b *builder) roundName(id string) string {
	if r, ok := b.org.Round(id); ok && r.Name != "" {
		return r.Name
	}
	return id
}

// date writes a date as people write it: "19 november 2027".
func (b *builder) date(d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	return b.t("ReportDate", "Day", d.Day, "Month", b.t("ReportMonth"+strconv.Itoa(int(d.Month))), "Year", d.Year)
}

func (b *builder) cover(title string) {
	var lines []string
	if b.org.Period != "" {
		lines = append(lines, b.t("ReportCoverPeriod", "Period", b.org.Period))
	}
	lines = append(lines, b.t("ReportCoverRound", "Round", b.roundName(b.round)))
	if !b.opts.Date.IsZero() {
		lines = append(lines, b.t("ReportCoverDate", "Date", b.date(b.opts.Date)))
	}
	b.add(document.Cover{
		Organisation: b.org.Name,
		Title:        title,
		Subtitle:     b.t("ReportSubtitle"),
		Lines:        lines,
		Logo:         b.opts.Logo,
		Quote:        b.org.Vision,
	})
}

func (b *builder) foundation() {
	b.heading(1, b.t("ReportHeadingFoundation"), true)
	b.para(document.StyleLead, b.t("ReportFoundationIntro", "Organisation", b.org.Name))
	b.heading(2, b.t("ReportHeadingVision"), true)
	b.para(document.StyleQuote, b.org.Vision)
	b.heading(2, b.t("ReportHeadingOverallGoal"), true)
	b.para(document.StyleQuote, b.org.OverallGoal)
	if len(b.org.Purpose) > 0 {
		b.heading(2, b.t("ReportHeadingPurpose"), true)
		b.add(document.List{Items: b.org.Purpose})
	}
	b.heading(2, b.t("ReportHeadingValues"), true)
	if len(b.org.Values) == 0 {
		b.para(document.StyleNote, b.t("ReportNoValues"))
		return
	}
	b.para(document.StyleNormal, b.t("ReportValuesIntro"))
	tbl := document.Table{Columns: []document.Column{
		{Title: b.t("ReportColValue"), Width: 1},
		{Title: b.t("ReportColBehaviours"), Width: 3},
	}}
	for _, v := range b.org.Values {
		items := make([]string, len(v.Behaviours))
		for i, bh := range v.Behaviours {
			items[i] = "• " + bh
		}
		tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{v.Name, strings.Join(items, "\n")}})
	}
	b.add(tbl)
}

// counts gathers the sizes of the hierarchy for the diagram.
type counts struct {
	unitGoals, teams, teamGoals int
	byDept                      map[string]*deptCounts
}

type deptCounts struct{ units, unitGoals, teams, teamGoals int }

func (b *builder) count() counts {
	c := counts{byDept: make(map[string]*deptCounts)}
	for _, d := range b.org.Departments {
		c.byDept[d.ID] = &deptCounts{}
	}
	for _, u := range b.org.Units {
		if dc, ok := c.byDept[u.Department]; ok {
			dc.units++
		}
	}
	for _, t := range b.org.Teams {
		if u, ok := b.units[t.Unit]; ok {
			if dc, ok := c.byDept[u.Department]; ok {
				dc.teams++
			}
		}
		c.teams++
	}
	for i := range b.reg.Units {
		rec := &b.reg.Units[i]
		dc := c.byDept[b.units[rec.Unit].Department]
		if dc == nil {
			dc = &deptCounts{}
		}
		c.unitGoals += len(rec.Goals)
		dc.unitGoals += len(rec.Goals)
		for _, tg := range rec.Teams {
			for i := range tg.Goals {
				if b.current(&tg.Goals[i], rec) {
					c.teamGoals++
					dc.teamGoals++
				}
			}
		}
	}
	return c
}

// maxBoxes is how many boxes one level of the diagram shows before it
// sums up the rest; more would not fit across an A4 page.
const maxBoxes = 6

func (b *builder) boxes(items []string) []string {
	if len(items) <= maxBoxes {
		return items
	}
	out := slices.Clone(items[:maxBoxes-1])
	return append(out, b.n("ReportCountMore", len(items)-(maxBoxes-1)))
}

func (b *builder) hierarchy() {
	b.heading(1, b.t("ReportHeadingHierarchy"), true)
	b.para(document.StyleLead, b.t("ReportHierarchyIntro"))
	c := b.count()
	depGoals := 0
	var deps, unitBoxes, teamBoxes []string
	for _, d := range b.org.Departments {
		depGoals += len(d.Goals)
		deps = append(deps, d.Name)
		dc := c.byDept[d.ID]
		unitBoxes = append(unitBoxes, d.Name+"\n"+b.n("ReportCountUnits", dc.units)+", "+b.n("ReportCountGoals", dc.unitGoals))
		teamBoxes = append(teamBoxes, d.Name+"\n"+b.n("ReportCountTeams", dc.teams)+", "+b.n("ReportCountGoals", dc.teamGoals))
	}
	if len(b.org.Units) <= maxBoxes {
		unitBoxes = unitBoxes[:0]
		for _, u := range b.org.Units {
			unitBoxes = append(unitBoxes, u.Name)
		}
	}
	var crit []string
	for _, cr := range b.org.Criteria {
		crit = append(crit, cr.Name)
	}
	dia := document.Diagram{Levels: []document.DiagramLevel{
		{Label: b.t("ReportLevelVision"), Boxes: []string{domain.Excerpt(b.org.Vision, 160)}},
		{Label: b.t("ReportLevelOverall"), Boxes: []string{domain.Excerpt(b.org.OverallGoal, 200)}},
		{Label: b.t("ReportLevelDepartments"), Boxes: b.boxes(deps),
			Note: b.n("ReportCountDepartments", len(b.org.Departments)) + " · " + b.n("ReportCountGoals", depGoals)},
		{Label: b.t("ReportLevelUnits"), Boxes: b.boxes(unitBoxes),
			Note: b.n("ReportCountUnits", len(b.org.Units)) + " · " + b.n("ReportCountGoals", c.unitGoals)},
		{Label: b.t("ReportLevelTeams"), Boxes: b.boxes(teamBoxes),
			Note: b.n("ReportCountTeams", c.teams) + " · " + b.n("ReportCountGoals", c.teamGoals)},
		{Label: b.t("ReportLevelCriteria"), Boxes: b.boxes(crit),
			Note: b.n("ReportCountCriteria", len(b.org.Criteria))},
	}}
	b.add(dia)
}

// returned reports whether the unit handed in a workbook for the round.
func (b *builder) returned(rec *domain.UnitRecord) bool {
	if rec == nil {
		return false
	}
	if len(rec.Sources) == 0 {
		return true // a register without provenance: the record is the proof
	}
	for _, s := range rec.Sources {
		if s.Round == b.round {
			return true
		}
	}
	return false
}

func (b *builder) completion() {
	b.heading(1, b.t("ReportHeadingCompletion", "Round", b.roundName(b.round)), true)
	b.para(document.StyleLead, b.t("ReportCompletionIntro", "Round", b.roundName(b.round)))
	rejected := make(map[string]bool)
	for _, p := range b.reg.Rejected {
		if p.Round == b.round && p.Unit != "" {
			rejected[p.Unit] = true
		}
	}
	tbl := document.Table{Columns: []document.Column{
		{Title: b.t("ReportColDepartment"), Width: 3},
		{Title: b.t("ReportColUnits"), Width: 1, Numeric: true},
		{Title: b.t("ReportColReturned"), Width: 1, Numeric: true},
		{Title: b.t("ReportColValid"), Width: 1, Numeric: true},
		{Title: b.t("ReportColWithErrors"), Width: 1, Numeric: true},
		{Title: b.t("ReportColMissing"), Width: 1, Numeric: true},
	}}
	chart := document.BarChart{
		Title: b.t("ReportChartCompletion"),
		Series: []document.Series{
			{Label: b.t("ReportColValid"), Tone: document.ToneGood},
			{Label: b.t("ReportColWithErrors"), Tone: document.ToneWarn},
			{Label: b.t("ReportColMissing"), Tone: document.ToneBad},
		},
	}
	var tot [5]int
	var missingNames []string
	for _, d := range b.org.Departments {
		var n [5]int // units, returned, valid, with errors, missing
		for _, u := range b.org.UnitsOf(d.ID) {
			n[0]++
			rec := b.records[u.ID]
			switch {
			case b.returned(rec) && !rec.Invalid:
				n[1]++
				n[2]++
			case b.returned(rec) || rejected[u.ID]:
				n[1]++
				n[3]++
			default:
				n[4]++
				missingNames = append(missingNames, u.Name+" ("+d.Name+")")
			}
		}
		for i := range n {
			tot[i] += n[i]
		}
		tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{d.Name, itoa(n[0]), itoa(n[1]), itoa(n[2]), itoa(n[3]), itoa(n[4])}})
		chart.Categories = append(chart.Categories, d.Name)
		chart.Values = append(chart.Values, []int{n[2], n[3], n[4]})
	}
	tbl.Rows = append(tbl.Rows, document.Row{Bold: true, Cells: []string{b.t("ReportTotal"), itoa(tot[0]), itoa(tot[1]), itoa(tot[2]), itoa(tot[3]), itoa(tot[4])}})
	b.add(tbl, chart)
	if len(missingNames) > 0 {
		b.heading(4, b.t("ReportHeadingMissingUnits"), false)
		b.add(document.List{Items: missingNames})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// status returns the label and kind of a goal's status in a round; a goal
// without a review in the round has not been assessed.
func (b *builder) status(g *domain.TeamGoal, round string) (string, domain.StatusKind, bool) {
	r, ok := g.Review(round)
	if !ok || r.Status == "" {
		return b.kindLabel(domain.StatusNotAssessed), domain.StatusNotAssessed, false
	}
	s, ok := b.statuses[r.Status]
	if !ok {
		return r.Status, domain.StatusNotAssessed, true
	}
	if s.Label != "" {
		return s.Label, s.Kind, true
	}
	return b.kindLabel(s.Kind), s.Kind, true
}

var kindMessages = map[domain.StatusKind]string{
	domain.StatusNotStarted:  "ReportStatusNotStarted",
	domain.StatusOnTrack:     "ReportStatusOnTrack",
	domain.StatusAtRisk:      "ReportStatusAtRisk",
	domain.StatusAchieved:    "ReportStatusAchieved",
	domain.StatusNotAchieved: "ReportStatusNotAchieved",
	domain.StatusNotAssessed: "ReportStatusNotAssessed",
}

func (b *builder) kindLabel(k domain.StatusKind) string {
	if id, ok := kindMessages[k]; ok {
		return b.t(id)
	}
	return string(k)
}

func kindTone(k domain.StatusKind) document.Tone {
	switch k {
	case domain.StatusOnTrack:
		return document.ToneGood
	case domain.StatusAchieved:
		return document.ToneDone
	case domain.StatusAtRisk:
		return document.ToneWarn
	case domain.StatusNotAchieved:
		return document.ToneBad
	case domain.StatusNotStarted:
		return document.ToneAccent
	}
	return document.ToneMuted
}

func (b *builder) idx(round string) int {
	if i, ok := b.roundIndex[round]; ok {
		return i
	}
	return len(b.roundIndex)
}

// current reports whether goal g counts in the report's round: a goal
// replaced by a revision still counts in the round where it was assessed
// and revised; its revision counts from the round after.
func (b *builder) current(g *domain.TeamGoal, rec *domain.UnitRecord) bool {
	if g.ReplacedIn != "" && b.idx(g.ReplacedIn) < b.idx(b.round) {
		return false
	}
	if g.Replaces != "" {
		if orig := findGoal(rec, g.Replaces); orig != nil && orig.ReplacedIn != "" {
			return b.idx(orig.ReplacedIn) < b.idx(b.round)
		}
	}
	return true
}

func findGoal(rec *domain.UnitRecord, id string) *domain.TeamGoal {
	if rec == nil {
		return nil
	}
	for i := range rec.Teams {
		for j := range rec.Teams[i].Goals {
			if rec.Teams[i].Goals[j].ID == id {
				return &rec.Teams[i].Goals[j]
			}
		}
	}
	return nil
}

// goalRef is a team goal with where it belongs, for the summary lists.
type goalRef struct {
	unit domain.Unit
	team string
	rec  *domain.UnitRecord
	goal *domain.TeamGoal
}

// goals lists the goals that count in the report's round, in config order
// of departments, units and teams.
func (b *builder) goals() []goalRef {
	var out []goalRef
	for _, d := range b.org.Departments {
		for _, u := range b.org.UnitsOf(d.ID) {
			rec := b.records[u.ID]
			if rec == nil {
				continue
			}
			for i := range rec.Teams {
				tg := &rec.Teams[i]
				for j := range tg.Goals {
					g := &tg.Goals[j]
					if b.current(g, rec) {
						out = append(out, goalRef{unit: u, team: tg.Team, rec: rec, goal: g})
					}
				}
			}
		}
	}
	return out
}

func (b *builder) teamName(id string) string {
	if t, ok := b.teams[id]; ok {
		return t.Name
	}
	return id
}

func (b *builder) kindColumns(first ...document.Column) []document.Column {
	cols := slices.Clone(first)
	for _, k := range domain.StatusKinds {
		cols = append(cols, document.Column{Title: b.kindLabel(k), Width: 1, Numeric: true})
	}
	return append(cols, document.Column{Title: b.t("ReportTotal"), Width: 1, Numeric: true})
}

func kindRow(name []string, n map[domain.StatusKind]int, bold bool) document.Row {
	cells := slices.Clone(name)
	total := 0
	for _, k := range domain.StatusKinds {
		cells = append(cells, itoa(n[k]))
		total += n[k]
	}
	return document.Row{Cells: append(cells, itoa(total)), Bold: bold}
}

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

func teamGoals(rec *domain.UnitRecord, team string) []domain.TeamGoal {
	for _, tg := range rec.Teams {
		if tg.Team == team {
			return tg.Goals
		}
	}
	return nil
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

func (b *builder) criteriaSection() {
	b.heading(1, b.t("ReportHeadingCriteria"), true)
	b.para(document.StyleLead, b.t("ReportCriteriaIntro"))
	if len(b.org.Criteria) > 0 {
		tbl := document.Table{Columns: []document.Column{
			{Title: b.t("ReportColCriterion"), Width: 1.5},
			{Title: b.t("ReportColDescription"), Width: 3},
			{Title: b.t("ReportColValue"), Width: 1},
		}}
		for _, c := range b.org.Criteria {
			tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{c.Name, c.Description, b.values[c.Value].Name}})
		}
		b.add(tbl)
	}
	b.heading(2, b.t("ReportHeadingCriteriaByUnit"), true)
	found := false
	for _, d := range b.org.Departments {
		for _, u := range b.org.UnitsOf(d.ID) {
			rec := b.records[u.ID]
			if rec == nil || len(rec.Criteria) == 0 {
				continue
			}
			found = true
			b.heading(3, u.Name, false)
			tbl := document.Table{Columns: []document.Column{
				{Title: b.t("ReportColCriterion"), Width: 1.4},
				{Title: b.t("ReportColMeaning"), Width: 2.6},
				{Title: b.t("ReportColLinkedGoal"), Width: 2.4},
				{Title: b.t("ReportColValue"), Width: 1},
			}}
			for _, n := range rec.Criteria {
				name, value := n.Name, ""
				if c, ok := b.criteria[n.Criterion]; ok {
					name = c.Name
					value = b.values[c.Value].Name
				} else if n.Criterion == "" {
					name = b.t("ReportOwnCriterion", "Name", n.Name)
				}
				goal := ""
				if g := findGoal(rec, n.TeamGoal); g != nil {
					goal = b.teamName(teamOf(rec, g.ID)) + ": " + domain.Excerpt(g.What, excerptLen)
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

func teamOf(rec *domain.UnitRecord, goalID string) string {
	for _, tg := range rec.Teams {
		for _, g := range tg.Goals {
			if g.ID == goalID {
				return tg.Team
			}
		}
	}
	return ""
}

var severityMessages = map[domain.Severity]string{
	domain.SeverityError:   "ReportSeverityError",
	domain.SeverityWarning: "ReportSeverityWarning",
	domain.SeverityInfo:    "ReportSeverityInfo",
}

func severityTone(s domain.Severity) document.Tone {
	switch s {
	case domain.SeverityError:
		return document.ToneBad
	case domain.SeverityWarning:
		return document.ToneWarn
	}
	return document.ToneMuted
}

// findings is the appendix of open findings, grouped by the workbook they
// were found in. A workbook the register knows is named by its unit (and
// team) and comes in the order of the organisation; other files follow in
// the order they were found.
func (b *builder) findings(fs domain.Findings) {
	b.heading(1, b.t("ReportHeadingFindings"), true)
	if len(fs) == 0 {
		b.para(document.StyleNote, b.t("ReportNoFindings"))
		return
	}
	b.para(document.StyleLead, b.n("ReportFindingsIntro", len(fs)))
	var files []string
	byFile := make(map[string][]domain.Finding)
	for _, f := range fs {
		if _, ok := byFile[f.Location.File]; !ok {
			files = append(files, f.Location.File)
		}
		byFile[f.Location.File] = append(byFile[f.Location.File], f)
	}
	owner := b.workbookOwners()
	rank := make(map[string]int, len(b.org.Units))
	for i, u := range b.org.Units {
		rank[u.ID] = i
	}
	order := func(file string) int {
		if p, ok := owner(file); ok {
			if r, ok := rank[p.Unit]; ok {
				return r
			}
		}
		return len(rank)
	}
	slices.SortStableFunc(files, func(a, c string) int { return order(a) - order(c) })
	for _, file := range files {
		name := file
		if name == "" {
			name = b.t("ReportFindingsNoFile")
		}
		if p, ok := owner(file); ok {
			if u, ok := b.units[p.Unit]; ok {
				name = u.Name
				if p.Team != "" {
					name += ", " + b.teamName(p.Team)
				}
			}
		}
		b.heading(2, name, false)
		if name != file && file != "" {
			b.para(document.StyleNote, b.t("ReportFindingsFile", "File", file))
		}
		tbl := document.Table{Columns: []document.Column{
			{Title: b.t("ReportColWhere"), Width: 1.6},
			{Title: b.t("ReportColSeverity"), Width: 1},
			{Title: b.t("ReportColMessage"), Width: 4},
		}}
		for _, f := range byFile[file] {
			where := f.Location.Sheet
			if f.Location.Cell != "" {
				where += " › " + f.Location.Cell
			}
			if f.Location.Line > 0 {
				where = b.t("ReportFindingLine", "Line", f.Location.Line, "Column", f.Location.Column)
			}
			sev := string(f.Severity)
			if id, ok := severityMessages[f.Severity]; ok {
				sev = b.t(id)
			}
			msg := b.l.Finding(f)
			if f.Code != "" {
				msg += " (" + f.Code + ")"
			}
			tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{where, sev, msg}, Tones: []document.Tone{"", severityTone(f.Severity)}})
		}
		b.add(tbl)
	}
}

// workbookOwners returns a lookup from a file named in a finding to the
// register's record of that workbook: by its path as collect recorded it,
// else by its base name where only one workbook has it (validate and
// collect may have been given the inbox by different paths).
func (b *builder) workbookOwners() func(file string) (domain.Provenance, bool) {
	byPath := map[string]domain.Provenance{}
	byBase := map[string][]domain.Provenance{}
	for _, rec := range b.reg.Units {
		for _, p := range rec.Sources {
			file := strings.ReplaceAll(p.File, "\\", "/")
			byPath[file] = p
			base := file[strings.LastIndex(file, "/")+1:]
			byBase[base] = append(byBase[base], p)
		}
	}
	return func(file string) (domain.Provenance, bool) {
		file = strings.ReplaceAll(file, "\\", "/")
		if p, ok := byPath[file]; ok {
			return p, true
		}
		if ps := byBase[file[strings.LastIndex(file, "/")+1:]]; len(ps) == 1 {
			return ps[0], true
		}
		return domain.Provenance{}, false
	}
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
