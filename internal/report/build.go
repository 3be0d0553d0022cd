// Package report builds the printed report for leadership from the config
// and the register, as a document tree (internal/document) that the
// renderers turn into pages. Each part has its file, named as the
// contents read: cover, summary, foundation, hierarchy, followup,
// departments, collaboration, criteria, the appendices completion and
// findings, and the colophon; build.go holds what they share.
package report

import (
	"context"
	"encoding/binary"
	"strconv"
	"strings"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// Options choose what the report shows.
type Options struct {
	// Title overrides the report title; empty gives the document's title
	// from the config, else "Verksamhetsplan <period>" for the planning
	// round and "<round> <period>" for a follow-up.
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
	Findings *Findings
	// Creator names the program in the PDF's metadata.
	Creator string
}

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
	title     string // the document's name, e.g. "Uppföljning april 2027"

	units      map[string]domain.Unit
	teams      map[string]domain.Team
	unitsOf    map[string][]domain.Unit // department ID → its units, in config order
	teamsOf    map[string][]domain.Team // unit ID → its teams, in config order
	values     map[string]domain.Value
	criteria   map[string]domain.Criterion
	records    map[string]*domain.UnitRecord
	roundIndex map[string]int
	depGoalNo  map[string]int // department goal ID → its number in its department
	scale      scale

	// all is every goal that counts in the round, made once.
	all []goalRef

	// Numbers of the chapter, its section and the appendix last begun.
	chapterNo, sectionNo, appendixNo int

	blocks []document.Block
	// said holds the messages localized so far, by memoKey (t).
	said map[string]string
}

// Frame is a document of org's before its blocks, as the report, the
// manager's guide and the posters have it: meta's title, subject and
// keywords with org as the author and "malarbete" as the creator unless
// meta names one, the running header of org and the title, the page
// label, date, accent colour and the labels the renderers need.
func Frame(org *domain.Organisation, l *i18n.Localizer, meta document.Meta, date domain.Date) *document.Document {
	if meta.Creator == "" {
		meta.Creator = "malarbete"
	}
	meta.Author = org.Name
	return &document.Document{
		Lang:      l.Lang(),
		Meta:      meta,
		Header:    l.T("ReportHeader", map[string]any{"Organisation": org.Name, "Title": meta.Title}),
		PageLabel: l.T("ReportPageLabel", nil),
		Date:      date,
		Accent:    org.Colour,
		Labels: document.Labels{
			SkipToContent: l.T("ReportSkipToContent", nil),
			FigureData:    l.T("ReportFigureData", nil),
			Total:         l.T("ReportTotal", nil),
		},
	}
}

// Build lays out the report for org and reg as a document tree, every text
// localized by l. It stops with ctx's error when ctx is done: a large
// municipality's tree takes a while, and an interrupted run should not
// go on to render.
func Build(ctx context.Context, org *domain.Organisation, reg *domain.Register, opts Options, l *i18n.Localizer) (*document.Document, error) {
	b := newBuilder(org, reg, opts, l)
	doc := Frame(org, l, document.Meta{
		Title:    b.title,
		Subject:  b.t("ReportSubject", "Organisation", org.Name, "Period", org.Period, "Title", b.title),
		Keywords: b.t("ReportKeywords"),
		Creator:  opts.Creator,
	}, opts.Date)
	b.cover()
	b.add(document.Contents{Title: b.t("ReportContents")})
	b.summary()
	b.foundation()
	b.hierarchy()
	if b.followUp {
		b.followUpSection()
	}
	for _, d := range org.Departments {
		// The departments' chapters are most of the work.
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b.department(d)
	}
	b.collaboration()
	b.criteriaSection()
	b.completion()
	if opts.Findings != nil {
		b.findings(opts.Findings)
	}
	b.colophon()
	doc.Blocks = b.blocks
	return doc, ctx.Err()
}

func newBuilder(org *domain.Organisation, reg *domain.Register, opts Options, l *i18n.Localizer) *builder {
	if reg == nil {
		reg = &domain.Register{}
	}
	b := &builder{
		org: org, reg: reg, opts: opts, l: l, said: make(map[string]string),
		units:      make(map[string]domain.Unit, len(org.Units)),
		teams:      make(map[string]domain.Team, len(org.Teams)),
		unitsOf:    make(map[string][]domain.Unit, len(org.Departments)),
		teamsOf:    make(map[string][]domain.Team, len(org.Units)),
		values:     make(map[string]domain.Value),
		criteria:   make(map[string]domain.Criterion),
		records:    make(map[string]*domain.UnitRecord, len(reg.Units)),
		roundIndex: make(map[string]int),
		depGoalNo:  make(map[string]int),
	}
	for _, u := range org.Units {
		b.units[u.ID] = u
		b.unitsOf[u.Department] = append(b.unitsOf[u.Department], u)
	}
	for _, t := range org.Teams {
		b.teams[t.ID] = t
		b.teamsOf[t.Unit] = append(b.teamsOf[t.Unit], t)
	}
	for _, v := range org.Values {
		b.values[v.ID] = v
	}
	for _, c := range org.Criteria {
		b.criteria[c.ID] = c
	}
	for i := range reg.Units {
		b.records[reg.Units[i].Unit] = &reg.Units[i]
	}
	for _, d := range org.Departments {
		for i, g := range d.Goals {
			b.depGoalNo[g.ID] = i + 1
		}
	}
	b.scale = newScale(org.Statuses, l)
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
	b.title = b.documentTitle()
	b.all = b.goals()
	return b
}

// documentTitle names the document and its round: "Verksamhetsplan 2027",
// "Uppföljning april 2027".
func (b *builder) documentTitle() string {
	if b.opts.Title != "" {
		return b.opts.Title
	}
	if t := b.org.DocumentFor(b.round).Title; t != "" {
		return t
	}
	if !b.followUp {
		return b.t("ReportTitlePlan", "Period", b.org.Period)
	}
	name := b.roundName(b.round)
	if strings.Contains(name, b.org.Period) {
		return name
	}
	return b.t("ReportTitleFollowUp", "Round", name, "Period", b.org.Period)
}

func (b *builder) add(bl ...document.Block) { b.blocks = append(b.blocks, bl...) }

// t localizes id with data given as key, value pairs. Each message is
// localized once for the same data: a goal card asks for its labels and
// titles (Vad, Hur, Mål 1 …) on every goal, some 100,000 times in a large
// municipality, and go-i18n looks up and executes a template each time.
func (b *builder) t(id string, kv ...any) string {
	key, ok := memoKey(id, kv)
	if !ok {
		return b.l.T(id, pairs(kv))
	}
	if s, ok := b.said[key]; ok {
		return s
	}
	s := b.l.T(id, pairs(kv))
	b.said[key] = s
	return s
}

// memoKey returns the key under which t keeps a message with its data,
// and false for data other than texts and whole numbers.
func memoKey(id string, kv []any) (string, bool) {
	if len(kv) == 0 {
		return id, true
	}
	// Each text after its length, each number after a mark of its
	// own: no two data give one key.
	k := append([]byte(id), 0)
	for _, v := range kv {
		switch v := v.(type) {
		case string:
			k = binary.AppendUvarint(append(k, 's'), uint64(len(v)))
			k = append(k, v...)
		case int:
			k = binary.AppendVarint(append(k, 'i'), int64(v))
		default:
			return "", false
		}
	}
	return string(k), true
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

// chapter begins a numbered chapter: 1, 2, …
func (b *builder) chapter(text string) {
	b.chapterNo++
	b.sectionNo = 0
	b.add(document.Heading{Level: 1, Number: itoa(b.chapterNo), Text: text, InContents: true})
}

// section begins a numbered section of the chapter: 2.1, 2.2, …; in an
// appendix the sections are not numbered.
func (b *builder) section(text string, inContents bool) {
	h := document.Heading{Level: 2, Text: text, InContents: inContents}
	if b.appendixNo == 0 {
		b.sectionNo++
		h.Number = itoa(b.chapterNo) + "." + itoa(b.sectionNo)
	}
	b.add(h)
}

// appendix begins an appendix: Bilaga 1, Bilaga 2, …
func (b *builder) appendix(text string) {
	b.appendixNo++
	b.add(document.Heading{Level: 1, Number: b.t("ReportAppendixNumber", "Number", b.appendixNo), Text: text, InContents: true})
}

// heading adds an unnumbered heading below the sections.
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
func (b *builder) date(d domain.Date) string { return FormatDate(b.l, d) }

// FormatDate writes a date as the report does, "19 november 2027", or ""
// for no date: the poster and the guide write dates the same way.
func FormatDate(l *i18n.Localizer, d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	month := l.T("ReportMonth"+strconv.Itoa(int(d.Month)), nil)
	return l.T("ReportDate", map[string]any{"Day": d.Day, "Month": month, "Year": d.Year})
}

func itoa(n int) string { return strconv.Itoa(n) }

// appendKV adds a labelled value unless the value is empty.
func appendKV(items []document.KeyValue, key, value string) []document.KeyValue {
	if strings.TrimSpace(value) == "" {
		return items
	}
	return append(items, document.KeyValue{Key: key, Value: value})
}
