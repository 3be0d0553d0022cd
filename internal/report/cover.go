package report

// The cover: organisation, title, round and date, and the vision at its foot.

import (
	"github.com/malarbete/malarbete/internal/document"
)

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
