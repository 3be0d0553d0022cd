package workbook

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// EscapeFormula keeps a spreadsheet from reading a value of a CSV file as
// a formula (CSV injection): a value starting with = + - @, a tab or a
// carriage return gets a leading apostrophe. What managers type is
// untrusted, and HR opens these files. Cells of a workbook need no such
// escape: a text cell stays text.
func EscapeFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteSummaryFile writes, atomically, the summary workbook for HR: every
// unit goal, team goal and criterion note of the register in filterable
// tables. Its signature is the collect command's SummaryFunc.
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

// summaryTable is one sheet of the summary: a header row and a row per
// record.
type summaryTable struct {
	sheet   string
	headers []string
	widths  []float64
	rows    [][]string
}

func (t *summaryTable) column(header string, width float64) {
	t.headers, t.widths = append(t.headers, header), append(t.widths, width)
}

// fieldColumns adds a column per field of fields that keep holds.
func fieldColumns[T any](t *summaryTable, l *i18n.Localizer, fields domain.Fields[T], keep func(domain.FieldInfo) bool) {
	for _, f := range fields {
		if keep(f.FieldInfo) {
			t.column(l.T(f.Label, map[string]any{"N": ""}), summaryWidth(f.Kind))
		}
	}
}

// fieldCells returns the cells of v's fields that keep holds, choices and
// links by their labels.
func fieldCells[T any](sh *shown, fields domain.Fields[T], v *T, keep func(domain.FieldInfo) bool) []string {
	var out []string
	for _, f := range fields {
		if keep(f.FieldInfo) {
			out = append(out, sh.value(&f.FieldInfo, f.Get(v)))
		}
	}
	return out
}

func summaryWidth(k domain.FieldKind) float64 {
	switch k {
	case domain.KindDate:
		return 12
	case domain.KindChoice:
		return 18
	case domain.KindLink:
		return 30
	}
	return 40
}

func inSection(s domain.Section) func(domain.FieldInfo) bool {
	return func(f domain.FieldInfo) bool { return f.Section == s }
}

// WriteSummary writes the summary workbook to w in l's language: a sheet
// of unit goals, one of team goals (every version, the replaced ones
// marked, with the latest review) and one of criteria. The columns are
// the field tables'.
func WriteSummary(w io.Writer, reg *domain.Register, org *domain.Organisation, l *i18n.Localizer) error {
	teamForm := domain.Form(domain.TeamGoalFields)
	unitForm := domain.Form(domain.UnitGoalFields)
	plan, review := inSection(domain.SectionPlan), inSection(domain.SectionFollowUp)

	units := &summaryTable{sheet: l.T("SummarySheetUnitGoals", nil)}
	teams := &summaryTable{sheet: l.T("SummarySheetTeamGoals", nil)}
	crits := &summaryTable{sheet: l.T("SummarySheetCriteria", nil)}
	for _, t := range []*summaryTable{units, teams, crits} {
		t.column(l.T("SummaryColDepartment", nil), 18)
		t.column(l.T("SummaryColUnit", nil), 22)
	}
	teams.column(l.T("SummaryColTeam", nil), 22)
	units.column(l.T("SummaryColGoalID", nil), 10)
	teams.column(l.T("SummaryColGoalID", nil), 14)
	fieldColumns(units, l, unitForm, plan)
	fieldColumns(teams, l, teamForm, plan)
	fieldColumns(teams, l, teamForm, review)
	teams.column(l.T("SummaryColRound", nil), 14)
	teams.column(l.T("SummaryColReplaces", nil), 14)
	teams.column(l.T("SummaryColReplacedIn", nil), 14)
	crits.column(l.T("SummaryColOwn", nil), 10)
	fieldColumns(crits, l, domain.CriterionFields, plan)
	crits.column(l.T("SummaryColWrittenIn", nil), 14)
	crits.column(l.T("SummaryColReplacedIn", nil), 14)

	yes := l.T("SummaryYes", nil)
	for _, rec := range reg.Units {
		unit, _ := org.Unit(rec.Unit)
		dep, _ := org.Department(rec.Department)
		sh := recordShown(l, org, &rec)
		for _, g := range rec.Goals {
			row := []string{dep.Name, unit.Name, g.ID}
			units.rows = append(units.rows, append(row, fieldCells(sh, unitForm, &domain.Entry[domain.UnitGoal]{Goal: g}, plan)...))
		}
		for _, tg := range rec.Teams {
			team := teamName(org, tg.Team)
			for _, g := range tg.Goals {
				e := domain.Entry[domain.TeamGoal]{Goal: g}
				if r, ok := g.LatestReview(); ok {
					e.Review = r
				}
				row := []string{dep.Name, unit.Name, team, g.ID}
				row = append(row, fieldCells(sh, teamForm, &e, plan)...)
				row = append(row, fieldCells(sh, teamForm, &e, review)...)
				row = append(row, roundName(org, e.Review.Round), g.Replaces, roundName(org, g.ReplacedIn))
				teams.rows = append(teams.rows, row)
			}
		}
		for _, n := range append(append([]domain.CriterionNote(nil), rec.Criteria...), rec.EarlierCriteria...) {
			own := yes
			if cr, ok := org.Criterion(n.Criterion); ok {
				own, n.Name, n.Description, n.Value = "", cr.Name, cr.Description, cr.Value
			}
			row := append([]string{dep.Name, unit.Name, own}, fieldCells(sh, domain.CriterionFields, &n, plan)...)
			crits.rows = append(crits.rows, append(row, roundName(org, n.Round), roundName(org, n.ReplacedIn)))
		}
	}

	f := excelize.NewFile()
	defer f.Close()
	for i, t := range []*summaryTable{units, teams, crits} {
		if err := writeSummaryTable(f, i, t); err != nil {
			return fmt.Errorf("summary: %w", err)
		}
	}
	f.SetActiveSheet(1)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	return nil
}

// recordShown returns the labels of a unit's record: its goals' texts are
// the record's.
func recordShown(l *i18n.Localizer, org *domain.Organisation, rec *domain.UnitRecord) *shown {
	dept, _ := org.Department(rec.Department)
	ids := make([]string, 0, len(rec.Goals))
	for _, g := range rec.Goals {
		ids = append(ids, g.ID)
	}
	return &shown{
		l: l, org: org, dept: dept, teams: org.TeamsOf(rec.Unit), unitGoalIDs: ids,
		unitGoalText: func(id string) string {
			if i := slices.Index(ids, id); i >= 0 {
				return rec.Goals[i].Text
			}
			return ""
		},
		teamGoalText: func(id string) string {
			for _, tg := range rec.Teams {
				for _, g := range tg.Goals {
					if g.ID == id {
						return g.What
					}
				}
			}
			return ""
		},
	}
}

func roundName(org *domain.Organisation, id string) string {
	if r, ok := org.Round(id); ok && r.Name != "" {
		return r.Name
	}
	return id
}

// writeSummaryTable writes t as the i-th sheet: a styled header row, the
// rows as text cells, a filter and frozen headers, printed landscape.
func writeSummaryTable(f *excelize.File, i int, t *summaryTable) error {
	sheet := sheetName(t.sheet)
	if i == 0 {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF", Family: defaultFont, Size: 11},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	if err != nil {
		return err
	}
	body, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: defaultFont, Size: 11}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	last := colName(len(t.headers))
	for c, h := range t.headers {
		if err := f.SetColWidth(sheet, colName(c+1), colName(c+1), t.widths[c]); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, cell(c+1, 1), h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", last+"1", header); err != nil {
		return err
	}
	for r, row := range t.rows {
		for c, v := range row {
			// SetCellStr writes a text cell: a typed "=…" stays text.
			if err := f.SetCellStr(sheet, cell(c+1, r+2), v); err != nil {
				return err
			}
		}
	}
	if len(t.rows) > 0 {
		if err := f.SetCellStyle(sheet, "A2", cell(len(t.headers), len(t.rows)+1), body); err != nil {
			return err
		}
	}
	if err := f.AutoFilter(sheet, "A1:"+cell(len(t.headers), max(len(t.rows)+1, 2)), nil); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	landscape, fit, a4 := "landscape", true, 9
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4}); err != nil {
		return err
	}
	return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}

func teamName(org *domain.Organisation, id string) string {
	if t, ok := org.Team(id); ok {
		return t.Name
	}
	return id
}
