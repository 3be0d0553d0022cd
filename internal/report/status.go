package report

// Statuses as the report shows them: labels, kinds and tones.

import (
	"slices"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
)

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
