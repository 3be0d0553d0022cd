package report

// Appendix: which units returned their workbooks in the round.

import (
	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
)

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
	round := b.roundName(b.round)
	b.appendix(b.t("ReportHeadingCompletion", "Round", round))
	b.para(document.StyleLead, b.t("ReportCompletionIntro", "Round", round))
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
	}, RowHeaders: true}
	chart := document.BarChart{
		Title:         b.t("ReportChartCompletion"),
		CategoryTitle: b.t("ReportColDepartment"),
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
		for _, u := range b.unitsOf[d.ID] {
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
				missingNames = append(missingNames, b.t("ReportUnitOfDepartment", "Unit", u.Name, "Department", d.Name))
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
	chart.Alt = b.t("ReportChartCompletionAlt", "Units", tot[0], "Valid", tot[2], "WithErrors", tot[3], "Missing", tot[4])
	b.add(tbl, chart)
	if len(missingNames) > 0 {
		b.heading(3, b.t("ReportHeadingMissingUnits"), false)
		b.add(document.List{Items: missingNames})
	}
}
