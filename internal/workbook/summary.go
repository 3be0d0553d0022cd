package workbook

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// EscapeFormula keeps a spreadsheet from reading a value as a formula
// (CSV and formula injection): a value starting with = + - @, a tab or a
// carriage return gets a leading apostrophe. What managers type is
// untrusted, and HR opens these files.
func EscapeFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// summaryColumns are the columns of the summary table, in order.
var summaryColumns = []struct {
	header string
	width  float64
}{
	{"SummaryColDepartment", 18}, {"SummaryColUnit", 22}, {"SummaryColTeam", 22},
	{"SummaryColGoalID", 14}, {"SummaryColWhat", 45}, {"SummaryColHow", 45},
	{"SummaryColFollowUp", 40}, {"SummaryColIndicator", 28}, {"SummaryColTarget", 16},
	{"SummaryColValue", 12}, {"SummaryColCollaboration", 28}, {"SummaryColStatus", 20},
	{"SummaryColRound", 14},
}

// WriteSummaryFile writes, atomically, one filterable table of every team
// goal of the register for HR: department, unit, team, Vad, Hur,
// Uppföljning, value and the latest status. Its signature is the collect
// command's SummaryFunc.
func WriteSummaryFile(path string, reg *domain.Register, org *domain.Organisation, lang domain.Lang, overwrite bool) error {
	cat, err := DefaultCatalogue()
	if err != nil {
		return err
	}
	l := cat.Localizer(lang)
	return atomicfile.Write(path, atomicfile.Options{Overwrite: overwrite}, func(w io.Writer) error {
		return WriteSummary(w, reg, org, l)
	})
}

// WriteSummary writes the summary workbook to w in l's language.
func WriteSummary(w io.Writer, reg *domain.Register, org *domain.Organisation, l *i18n.Localizer) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := sheetName(l.T("SummarySheet", nil))
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	if err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	body, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	last, _ := excelize.ColumnNumberToName(len(summaryColumns))
	for i, c := range summaryColumns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(sheet, col, col, c.width)
		f.SetCellStr(sheet, col+"1", l.T(c.header, nil))
	}
	f.SetCellStyle(sheet, "A1", last+"1", header)

	row := 2
	for _, rec := range reg.Units {
		unit, _ := org.Unit(rec.Unit)
		dep, _ := org.Department(rec.Department)
		for _, tg := range rec.Teams {
			team := teamName(org, tg.Team)
			for _, g := range tg.Goals {
				status, round := "", ""
				if r, ok := g.LatestReview(); ok {
					round = r.Round
					if s, ok := org.Status(r.Status); ok {
						status = statusLabel(l, s)
					}
				}
				value := g.Value
				if v, ok := org.Value(g.Value); ok {
					value = v.Name
				}
				cells := []string{
					dep.Name, unit.Name, team, g.ID, g.What, g.How,
					followUpText(g.FollowUp), g.Indicator, g.Target, value,
					g.Collaboration, status, round,
				}
				for i, v := range cells {
					col, _ := excelize.ColumnNumberToName(i + 1)
					f.SetCellStr(sheet, fmt.Sprintf("%s%d", col, row), EscapeFormula(v))
				}
				row++
			}
		}
	}
	if row > 2 {
		f.SetCellStyle(sheet, "A2", fmt.Sprintf("%s%d", last, row-1), body)
	}
	ref := fmt.Sprintf("A1:%s%d", last, max(row-1, 2))
	if err := f.AutoFilter(sheet, ref, nil); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	landscape := "landscape"
	fit := true
	f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: intPtr(9)})
	f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	return nil
}

func intPtr(n int) *int { return &n }

func teamName(org *domain.Organisation, id string) string {
	if t, ok := org.Team(id); ok {
		return t.Name
	}
	return id
}

// followUpText joins Uppföljning's method, date and who into one cell.
func followUpText(p domain.FollowUpPlan) string {
	var parts []string
	for _, s := range []string{p.Method, p.When.String(), p.Who} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}
