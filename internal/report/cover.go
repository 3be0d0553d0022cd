package report

// The cover, which names the document and its round, and the colophon on
// the back page: who decided the document, who owns it and whom to ask.

import (
	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
)

func (b *builder) cover() {
	info := b.org.DocumentFor(b.round)
	var lines []string
	if d := info.Decided; d != nil {
		lines = append(lines, b.decision(d))
	}
	if info.RecordNumber != "" {
		lines = append(lines, b.t("ReportCoverRecordNumber", "Number", info.RecordNumber))
	}
	if info.Version != "" {
		lines = append(lines, b.t("ReportCoverVersion", "Version", info.Version))
	}
	if !b.opts.Date.IsZero() {
		lines = append(lines, b.t("ReportCoverDate", "Date", b.date(b.opts.Date)))
	}
	b.add(document.Cover{
		Organisation: b.org.Name,
		Title:        b.title,
		Subtitle:     b.t("ReportSubtitle"),
		Lines:        lines,
		Logo:         b.opts.Logo,
		Quote:        b.org.Vision,
	})
}

// decision writes an adoption as the minutes do: "Fastställd av
// kommunstyrelsen 20 januari 2027, § 12".
func (b *builder) decision(d *domain.Decision) string {
	s := b.t("ReportDecided", "By", d.By, "Date", b.date(d.Date))
	if d.Paragraph != "" {
		s = b.t("ReportDecidedParagraph", "Decided", s, "Paragraph", d.Paragraph)
	}
	return s
}

// colophon is the back page: the document's identity and HR's contact.
func (b *builder) colophon() {
	info := b.org.DocumentFor(b.round)
	items := []document.KeyValue{
		{Key: b.t("ReportKeyDocument"), Value: b.title},
		{Key: b.t("ReportKeyOrganisation"), Value: b.org.Name},
	}
	if d := info.Decided; d != nil {
		items = append(items, document.KeyValue{Key: b.t("ReportKeyDecided"), Value: b.decision(d)})
	}
	items = appendKV(items, b.t("ReportKeyRecordNumber"), info.RecordNumber)
	items = appendKV(items, b.t("ReportKeyOwner"), info.Owner)
	items = appendKV(items, b.t("ReportKeyVersion"), info.Version)
	items = appendKV(items, b.t("ReportKeyDate"), b.date(b.opts.Date))
	items = appendKV(items, b.t("ReportKeyPeriod"), b.org.Period)
	items = appendKV(items, b.t("ReportKeyRound"), b.roundName(b.round))
	hr := b.org.HR
	contact := hr.Name
	for _, s := range []string{hr.Email, hr.Phone} {
		if s != "" {
			contact += "\n" + s
		}
	}
	items = appendKV(items, b.t("ReportKeyContact"), contact)
	b.add(document.Colophon{Title: b.t("ReportHeadingColophon"), Items: items, Note: b.t("ReportColophonNote")})
}
