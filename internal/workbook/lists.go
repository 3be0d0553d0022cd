package workbook

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

// lists writes the drop-down lists on the identity sheet and names them.
// Lists live in cells, not in the validation formula, because a formula
// list is limited to 255 characters and cannot follow typed goals.
func (w *writer) lists() error {
	sheet := w.lay.IdentitySheet
	type list struct {
		key   string
		items []string
		// formulas are live labels; items are plain texts.
		formulas []string
	}
	var ls []list
	var values []string
	for _, v := range w.org.Values {
		values = append(values, v.Name)
	}
	ls = append(ls, list{key: domain.ListValues, items: values})
	var sts []string
	for _, s := range w.org.Statuses {
		sts = append(sts, statusLabel(w.l, s))
	}
	ls = append(ls, list{key: domain.ListStatuses, items: sts})
	var dgs []string
	for i, g := range w.dept.Goals {
		dgs = append(dgs, departmentGoalLabel(w.l, i+1, g.Text))
	}
	ls = append(ls, list{key: domain.ListDepartmentGoals, items: dgs})

	var ugf, ugi []string
	if w.planning && !w.individual() {
		ug := w.lay.Sheet(SheetUnitGoals)
		textCol := ug.ColumnIndex(domain.FieldText)
		for i := 0; i < unitGoalSlots(w.org, w.unit); i++ {
			ref := quoteSheet(w.sheet[SheetUnitGoals]) + "!$" + colName(textCol) + "$" + itoa(ug.HeaderRow+1+i)
			ugf = append(ugf, liveLabel(ref, numberedPrefix(w.l, "WorkbookLabelUnitGoal", i+1, nil)))
		}
		if w.scope == domain.ScopeTeam && len(w.unit.Goals) == 0 {
			// A team leader cannot type the unit's goals; with none known
			// there is nothing to choose, and the cell is locked.
			ugf = nil
		}
	} else {
		// In a follow-up round the unit's goals are set: their labels.
		for i, g := range w.unit.Goals {
			ugi = append(ugi, unitGoalLabel(w.l, i+1, g.Text))
		}
	}
	ls = append(ls, list{key: domain.ListUnitGoals, items: ugi, formulas: ugf})

	ts := w.lay.Sheet(SheetTeam)
	whatRow := ts.HeaderRow + 1 + ts.FieldIndex(domain.FieldWhat)
	var tgf []string
	for i, t := range w.teams[:len(w.teamSheet)] {
		for k := 1; k <= maxTeamGoals(w.org); k++ {
			ref := quoteSheet(w.teamSheet[i]) + "!$" + colName(2+k) + "$" + itoa(whatRow)
			tgf = append(tgf, liveLabel(ref, numberedPrefix(w.l, "WorkbookLabelTeamGoal", k, map[string]any{"Team": t.Name})))
		}
	}
	var tgi []string
	if w.individual() {
		// The team's goals are set: their labels.
		tgi = w.teamGoalItems()
	}
	ls = append(ls, list{key: domain.ListTeamGoals, items: tgi, formulas: tgf})

	for i, x := range ls {
		col := 4 + i // columns A:B hold the identity
		n := len(x.items) + len(x.formulas)
		if n == 0 {
			continue
		}
		for r, it := range x.items {
			if err := w.f.SetCellStr(sheet, cell(col, r+1), it); err != nil {
				return fmt.Errorf("list %s: %w", x.key, err)
			}
		}
		for r, fm := range x.formulas {
			if err := w.f.SetCellFormula(sheet, cell(col, r+1), fm); err != nil {
				return fmt.Errorf("list %s: %w", x.key, err)
			}
		}
		name := w.lay.NamePrefix + "List_" + x.key
		if err := w.f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: absRef(sheet, col, 1, col, n)}); err != nil {
			return fmt.Errorf("define %s: %w", name, err)
		}
		w.listRef[x.key] = name
	}
	// Excel computes the live labels on open; LibreOffice does anyway.
	t := true
	if err := w.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &t}); err != nil {
		return fmt.Errorf("calc props: %w", err)
	}
	return nil
}

// liveLabel returns a formula that shows "prefix: text" while the cell at
// ref holds a text, and nothing while it is empty.
func liveLabel(ref, prefix string) string {
	lit := `"` + strings.ReplaceAll(prefix, `"`, `""`) + `: "`
	return fmt.Sprintf(`IF(LEN(%s)=0,"",%s&LEFT(%s,%d))`, ref, lit, ref, labelMaxText)
}

// validate adds a data validation with an input message and an error
// alert in the workbook's language.
func (w *writer) validate(sheet, sqref, kind, list, header, hint string) error {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(sqref)
	title := truncateRunes(w.l.T(header, map[string]any{"N": ""}), 32)
	lim := textLimit(w.org)
	switch kind {
	case ValidateList:
		name, ok := w.listRef[list]
		if !ok {
			return nil // an empty list: nothing to choose from, typing is free
		}
		dv.SetSqrefDropList(name)
		dv.SetError(excelize.DataValidationErrorStyleStop, truncateRunes(w.t("WorkbookErrorTitle"), 32), truncateUTF16(w.t("WorkbookErrorList"), maxErrorText))
	case ValidateDate:
		from, to := w.org.PeriodStart, w.org.PeriodEnd
		if from.IsZero() || to.IsZero() {
			from, to = domain.NewDate(1990, 1, 1), domain.NewDate(2199, 12, 31)
		}
		if err := dv.SetRange(serial(from), serial(to), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
			return fmt.Errorf("date validation %s: %w", sqref, err)
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, truncateRunes(w.t("WorkbookErrorTitle"), 32),
			truncateUTF16(w.l.T("WorkbookErrorDate", map[string]any{"From": from.String(), "To": to.String()}), maxErrorText))
	case ValidateTextLength:
		if err := dv.SetRange(0, lim, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween); err != nil {
			return fmt.Errorf("length validation %s: %w", sqref, err)
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, truncateRunes(w.t("WorkbookErrorTitle"), 32),
			truncateUTF16(w.l.N("WorkbookErrorTextLength", lim, nil), maxErrorText))
	default:
		return nil
	}
	if hint != "" {
		dv.SetInput(title, truncateUTF16(w.l.T(hint, map[string]any{"Max": lim, "From": w.org.PeriodStart.String(), "To": w.org.PeriodEnd.String()}), maxPromptText))
	}
	if err := w.f.AddDataValidation(sheet, dv); err != nil {
		return fmt.Errorf("validation %s!%s: %w", sheet, sqref, err)
	}
	return nil
}

// serial returns the Excel serial number of d in the 1900 system.
func serial(d domain.Date) int {
	return int(d.Time().Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// Excel's limits for data validation texts, in UTF-16 units; longer texts
// make it repair the file.
const (
	maxErrorText  = 225
	maxPromptText = 255
)
