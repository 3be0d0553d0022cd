package report

// Statuses as the report shows them: the config's own scale, its labels,
// tones, and counts per status.

import (
	"slices"
	"strings"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// scale is the config's status scale as the report's tables show it: one
// column per status in the config's order, and one for goals without a
// status when the scale has no status of its own for them.
type scale struct {
	cols []statusCol
	// byID indexes cols by status ID.
	byID map[string]int
	// none is the column of goals without a (known) status.
	none int
}

// statusCol is one status of the scale, or the column of goals without
// one.
type statusCol struct {
	label string
	kind  domain.StatusKind
}

var kindMessages = map[domain.StatusKind]string{
	domain.StatusNotStarted:  "ReportStatusNotStarted",
	domain.StatusOnTrack:     "ReportStatusOnTrack",
	domain.StatusAtRisk:      "ReportStatusAtRisk",
	domain.StatusAchieved:    "ReportStatusAchieved",
	domain.StatusNotAchieved: "ReportStatusNotAchieved",
	domain.StatusNotAssessed: "ReportStatusNotAssessed",
}

// newScale makes the scale of statuses, which config fills in with the
// default scale when it gives none. A status without a label is called
// by its kind, in the reader's language.
func newScale(statuses []domain.Status, l *i18n.Localizer) scale {
	if len(statuses) == 0 {
		statuses = domain.DefaultStatuses()
	}
	s := scale{byID: make(map[string]int, len(statuses)), none: -1}
	for _, st := range statuses {
		label := st.Label
		if label == "" {
			if id, ok := kindMessages[st.Kind]; ok {
				label = l.T(id, nil)
			} else {
				label = st.ID
			}
		}
		s.byID[st.ID] = len(s.cols)
		if st.Kind == domain.StatusNotAssessed && s.none < 0 {
			s.none = len(s.cols)
		}
		s.cols = append(s.cols, statusCol{label: label, kind: st.Kind})
	}
	if s.none < 0 {
		// The scale has no word for a goal nobody assessed: the report
		// says so in its own, which is no status label.
		s.none = len(s.cols)
		s.cols = append(s.cols, statusCol{label: l.T("ReportStatusMissing", nil), kind: domain.StatusNotAssessed})
	}
	return s
}

// StatusLabel returns the label and tone of status id on the
// organisation's scale, as the report shows them; ok is false for a goal
// without a known status.
func StatusLabel(statuses []domain.Status, id string, l *i18n.Localizer) (label string, tone document.Tone, ok bool) {
	s := newScale(statuses, l)
	i, ok := s.byID[id]
	if !ok {
		i = s.none
	}
	return s.cols[i].label, kindTone(s.cols[i].kind), ok
}

// of returns the column of status ID id; "" and an ID not on the scale
// are the goals without a status.
func (s scale) of(id string) int {
	if i, ok := s.byID[id]; ok {
		return i
	}
	return s.none
}

// status returns the column of a goal's status in a round, and whether
// the goal has a review with a status in it.
func (b *builder) status(g *domain.TeamGoal, round string) (int, bool) {
	return reviewStatus(b, g.Reviews, round)
}

// unitStatus is status for a unit goal; a revision, which has no status
// of its own in the round it was made, has the one its original got then.
func (b *builder) unitStatus(g *domain.UnitGoal, rec *domain.UnitRecord, round string) (int, bool) {
	col, ok := reviewStatus(b, g.Reviews, round)
	if !ok && g.Replaces != "" {
		if orig := findUnitGoal(rec, g.Replaces); orig != nil {
			return reviewStatus(b, orig.Reviews, round)
		}
	}
	return col, ok
}

// label and tone of a column.
func (b *builder) label(col int) string       { return b.scale.cols[col].label }
func (b *builder) tone(col int) document.Tone { return kindTone(b.scale.cols[col].kind) }

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

// tally counts goals per column of the scale: the roll-up of a unit, a
// department or a department goal.
type tally []int

func (b *builder) newTally() tally { return make(tally, len(b.scale.cols)) }

func (t tally) add(col int) { t[col]++ }

func (t tally) plus(o tally) {
	for i := range t {
		t[i] += o[i]
	}
}

func (t tally) total() int {
	n := 0
	for _, v := range t {
		n += v
	}
	return n
}

// atRisk counts the goals whose status needs an analysis.
func (b *builder) atRisk(t tally) int {
	n := 0
	for i, c := range b.scale.cols {
		if c.kind.NeedsAnalysis() {
			n += t[i]
		}
	}
	return n
}

// statusColumns returns the columns of a table of counts: first, one per
// status of the scale, and the total.
func (b *builder) statusColumns(first ...document.Column) []document.Column {
	cols := slices.Clone(first)
	for _, c := range b.scale.cols {
		cols = append(cols, document.Column{Title: c.label, Width: 1, Numeric: true})
	}
	return append(cols, document.Column{Title: b.t("ReportTotal"), Width: 1, Numeric: true})
}

// statusRow is a row of a table of counts.
func statusRow(name []string, t tally, bold bool) document.Row {
	cells := slices.Clone(name)
	for _, v := range t {
		cells = append(cells, itoa(v))
	}
	return document.Row{Cells: append(cells, itoa(t.total())), Bold: bold}
}

// statusSeries returns the series of a chart of counts.
func (b *builder) statusSeries() []document.Series {
	out := make([]document.Series, len(b.scale.cols))
	for i, c := range b.scale.cols {
		out[i] = document.Series{Label: c.label, Tone: kindTone(c.kind)}
	}
	return out
}

// statusWords writes a tally on one line, leaving out what is zero:
// "Pågår enligt plan: 5 · Risk att målet inte nås: 1". The label comes
// first, as the config writes it, so that no capital stands mid-sentence.
func (b *builder) statusWords(t tally) string {
	var parts []string
	for i, v := range t {
		if v > 0 {
			parts = append(parts, b.t("ReportStatusCount", "Number", v, "Status", b.label(i)))
		}
	}
	return strings.Join(parts, " · ")
}
