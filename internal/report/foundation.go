package report

// Chapter: vision, overall goal, why we work with goals, and the values.

import (
	"strings"

	"github.com/malarbete/malarbete/internal/document"
)

func (b *builder) foundation() {
	b.chapter(b.t("ReportHeadingFoundation"))
	b.para(document.StyleLead, b.t("ReportFoundationIntro", "Organisation", b.org.Name))
	b.section(b.t("ReportHeadingVision"), true)
	b.para(document.StyleQuote, b.org.Vision)
	b.section(b.t("ReportHeadingOverallGoal"), true)
	b.para(document.StyleQuote, b.org.OverallGoal)
	if len(b.org.Purpose) > 0 {
		b.section(b.t("ReportHeadingPurpose"), true)
		b.add(document.List{Items: b.org.Purpose})
	}
	b.section(b.t("ReportHeadingValues"), true)
	if len(b.org.Values) == 0 {
		b.para(document.StyleNote, b.t("ReportNoValues"))
		return
	}
	b.para(document.StyleNormal, b.t("ReportValuesIntro"))
	tbl := document.Table{Columns: []document.Column{
		{Title: b.t("ReportColValue"), Width: 1},
		{Title: b.t("ReportColBehaviours"), Width: 3},
	}, RowHeaders: true}
	for _, v := range b.org.Values {
		items := make([]string, len(v.Behaviours))
		for i, bh := range v.Behaviours {
			items[i] = "• " + bh
		}
		tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{v.Name, strings.Join(items, "\n")}})
	}
	b.add(tbl)
}
