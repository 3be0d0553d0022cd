package workbook

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// tableTitle writes title and hint above a table, starting in the first
// visible column.
func (w *writer) tableTitle(sheet string, s *SheetLayout, title, hint string) error {
	col := 1
	if s.Columns[0].Hidden {
		col = 2
	}
	if err := w.put(sheet, col, 1, title, w.st.title); err != nil {
		return err
	}
	if err := w.setHeight(sheet, 1, 24); err != nil {
		return err
	}
	return w.put(sheet, col, 2, hint, w.st.subtitle)
}

// rowsTable starts a "rows" sheet: its column widths, its title and hint,
// and its header row.
func (w *writer) rowsTable(sheet string, s *SheetLayout, title, hint string) error {
	if err := w.widths(sheet, s.Columns, 0); err != nil {
		return err
	}
	if err := w.tableTitle(sheet, s, title, hint); err != nil {
		return err
	}
	return w.headers(sheet, s)
}

// headers writes the header row of a "rows" sheet.
func (w *writer) headers(sheet string, s *SheetLayout) error {
	for i, c := range s.Columns {
		text := ""
		if id := c.Label(); id != "" {
			text = w.t(id)
		}
		if err := w.put(sheet, i+1, s.HeaderRow, text, w.st.header); err != nil {
			return err
		}
	}
	// Two lines: headers of narrow columns wrap.
	return w.setHeight(sheet, s.HeaderRow, 30)
}

func (w *writer) data() map[string]any { return w.sheetText().data() }

// sheetText returns what the writer knows for the texts of its sheets.
func (w *writer) sheetText() sheetText {
	team := ""
	if w.scope == domain.ScopeTeam || w.individual() {
		team = w.teams[0].Name
	}
	return sheetText{org: w.org, unit: w.unit, dept: w.dept, round: w.round, team: team, planning: w.planning, individual: w.individual(), l: w.l}
}

// sheetText is what the locked texts of a workbook depend on: the
// writer puts them in and the reader compares what it finds with them.
type sheetText struct {
	org      *domain.Organisation
	unit     domain.Unit
	dept     domain.Department
	round    domain.Round
	team     string // the team of a team or individual workbook, else ""
	planning bool
	// individual marks an individual goals workbook.
	individual bool
	l          *i18n.Localizer
}

func (st sheetText) data() map[string]any {
	d := map[string]any{
		"Organisation": st.org.Name,
		"Unit":         st.unit.Name,
		"Department":   st.dept.Name,
		"Period":       st.org.Period,
		"Round":        st.round.Name,
		"Deadline":     st.round.Deadline.String(),
		"Max":          maxTeamGoals(st.org),
		"MaxUnit":      unitGoalSlots(st.org, st.unit),
		"NewGoals":     st.round.NewGoals,
	}
	if st.team != "" {
		d["Team"] = st.team
	}
	return d
}

// textCell is a locked text of the instructions sheet at col, row.
type textCell struct {
	col, row int
	text     string
	style    func(*styles) int
	// height is the width the text wraps in, for the row's height; 0
	// leaves the row as it is.
	width float64
}

// instructions returns every text of the instructions sheet, where it
// stands and its style.
func (st sheetText) instructions(s *SheetLayout) []textCell {
	t := func(id string) string { return st.l.T(id, nil) }
	d := st.data()
	subtitle := st.org.Name
	if st.dept.Name != "" {
		subtitle += " · " + st.dept.Name
	}
	if st.round.Name != "" {
		subtitle += " · " + st.round.Name
	}
	titleID := "WorkbookInstructionsTitle"
	switch {
	case st.individual:
		titleID = "WorkbookInstructionsTitleIndividual"
	case st.team != "":
		titleID = "WorkbookInstructionsTitleTeam"
	}
	purpose := st.org.Purpose
	if len(purpose) == 0 {
		purpose = strings.Split(t("WorkbookPurposeDefault"), "\n")
	}
	stepsID := "WorkbookStepsPlan"
	switch {
	case !st.planning:
		stepsID = "WorkbookStepsFollowUp"
	case len(st.org.TeamsOf(st.unit.ID)) == 0:
		stepsID = "WorkbookStepsPlanNoTeams"
	}
	contact := st.org.HR.Name
	for _, c := range []string{st.org.HR.Email, st.org.HR.Phone} {
		if c != "" {
			contact += "\n" + c
		}
	}
	type row struct{ label, text string }
	rows := []row{
		{t("WorkbookInstructionsWhy"), bullets(purpose)},
		{t("WorkbookInstructionsSteps"), st.l.T(stepsID, d)},
		{t("WorkbookInstructionsDeadline"), st.l.T("WorkbookInstructionsDeadlineText", d)},
		{t("WorkbookInstructionsContact"), contact},
	}
	if st.individual {
		// No deadline and no return: the workbook stays between employee
		// and manager, and HR is not who to ask about its content.
		rows = []row{
			{t("WorkbookInstructionsPrivate"), st.l.T("WorkbookInstructionsPrivateText", d)},
			{t("WorkbookInstructionsWhy"), bullets(purpose)},
			{t("WorkbookInstructionsSteps"), st.l.T("WorkbookStepsIndividual", d)},
		}
	}
	if m := st.round.Meeting; m != nil && !st.individual {
		text := m.Date.String()
		if m.Time != "" {
			text += " " + m.Time
		}
		if m.Note != "" {
			text += "\n" + m.Note
		}
		rows = append(rows, row{t("WorkbookInstructionsMeeting"), text})
	}
	rows = append(rows, row{t("WorkbookInstructionsAbout"), st.l.T("WorkbookInstructionsAboutText", d)})
	title := func(x *styles) int { return x.title }
	cells := []textCell{
		{col: 1, row: 1, text: st.l.T(titleID, d), style: title},
		{col: 1, row: 2, text: subtitle, style: func(x *styles) int { return x.subtitle }},
	}
	r := 4
	for _, x := range rows {
		cells = append(cells,
			textCell{col: 1, row: r, text: x.label, style: func(x *styles) int { return x.heading }},
			textCell{col: 2, row: r, text: x.text, style: func(x *styles) int { return x.text }, width: s.Columns[1].Width})
		r++
	}
	r++
	cells = append(cells, textCell{col: 1, row: r, text: t("WorkbookLegend"), style: func(x *styles) int { return x.heading }})
	legend := []struct {
		sample, text string
		style        func(*styles) int
	}{
		{"WorkbookLegendInput", "WorkbookLegendInputText", func(x *styles) int { return x.sample }},
		{"WorkbookLegendLocked", "WorkbookLegendLockedText", func(x *styles) int { return x.locked }},
		{"WorkbookLegendFollowUp", "WorkbookLegendFollowUpText", func(x *styles) int { return x.followUp }},
	}
	if st.individual {
		legend = legend[:2] // nothing to fill in later
	} else if !st.planning {
		// In a follow-up round the dark grey rows are the previous
		// round's review, not a part to fill in later.
		legend[2].sample, legend[2].text = "WorkbookLegendPrevious", "WorkbookLegendPreviousText"
	}
	for _, x := range legend {
		r++
		cells = append(cells,
			textCell{col: 1, row: r, text: t(x.sample), style: x.style},
			textCell{col: 2, row: r, text: t(x.text), style: func(x *styles) int { return x.text }})
	}
	return cells
}

// instructionsContent keys the instructions' texts by their cell, for
// their hash.
func instructionsContent(cells []textCell) content {
	c := content{}
	for _, x := range cells {
		c.add(cell(x.col, x.row), x.text)
	}
	return c
}

func (w *writer) instructions() error {
	sheet := w.sheet[SheetInstructions]
	s := w.lay.Sheet(SheetInstructions)
	if err := w.widths(sheet, s.Columns, 0); err != nil {
		return err
	}
	cells := w.sheetText().instructions(s)
	w.instructionsHash = instructionsContent(cells).hash()
	for _, c := range cells {
		if err := w.put(sheet, c.col, c.row, c.text, c.style(&w.st)); err != nil {
			return err
		}
		switch {
		case c.row == 1:
			if err := w.setHeight(sheet, 1, 24); err != nil {
				return err
			}
		case c.width > 0:
			if err := w.setHeight(sheet, c.row, height(18, sized{c.text, c.width})); err != nil {
				return err
			}
		}
	}
	return w.page(sheet, 0)
}

func bullets(items []string) string {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("• " + strings.TrimSpace(it))
	}
	return b.String()
}

func (w *writer) hierarchy() error {
	sheet := w.sheet[SheetHierarchy]
	s := w.lay.Sheet(SheetHierarchy)
	if err := w.rowsTable(sheet, s, w.t("WorkbookHierarchyTitle"), w.l.T("WorkbookHierarchyHint", w.data())); err != nil {
		return err
	}
	rows := hierarchyRows(w.org, w.dept, w.l)
	cText := s.ColumnIndex(domain.FieldText)
	r := s.HeaderRow
	for _, x := range rows {
		r++
		if err := w.put(sheet, 1, r, x.key, w.st.plain); err != nil {
			return err
		}
		if err := w.put(sheet, 2, r, x.label, w.st.label); err != nil {
			return err
		}
		if err := w.put(sheet, cText, r, x.text, w.st.locked); err != nil {
			return err
		}
		if err := w.setHeight(sheet, r, height(18, sized{x.text, s.Columns[cText-1].Width}, sized{x.label, s.Columns[1].Width})); err != nil {
			return err
		}
		w.content.add(contentKey(SheetHierarchy, x.key, domain.FieldText), x.text)
	}
	if err := w.region(s, 0, sheet, 1, s.HeaderRow+1, len(s.Columns), r); err != nil {
		return err
	}
	return w.page(sheet, s.HeaderRow)
}

// region names an input region and records it in the identity sheet.
func (w *writer) region(s *SheetLayout, n int, sheet string, c1, r1, c2, r2 int) error {
	name := w.lay.RegionName(s, n)
	if err := w.f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: absRef(sheet, c1, r1, c2, r2)}); err != nil {
		return fmt.Errorf("define %s: %w", name, err)
	}
	return nil
}

func (w *writer) unitGoals() error {
	if !w.planning {
		return nil // the follow-up sheet takes its place
	}
	sheet := w.sheet[SheetUnitGoals]
	s := w.lay.Sheet(SheetUnitGoals)
	d := w.data()
	hint := "WorkbookUnitGoalsHint"
	if w.scope == domain.ScopeTeam {
		hint = "WorkbookUnitGoalsHintTeam"
	}
	if err := w.rowsTable(sheet, s, w.l.T("WorkbookUnitGoalsTitle", d), w.l.T(hint, d)); err != nil {
		return err
	}
	slots := unitGoalSlots(w.org, w.unit)
	first := s.HeaderRow + 1
	last := first + slots - 1
	for i := 0; i < slots; i++ {
		r := first + i
		var preset *domain.UnitGoal
		if i < len(w.unit.Goals) {
			preset = &w.unit.Goals[i]
		}
		var cells []sized
		typed := false
		for c, col := range s.Columns {
			style := w.st.input
			text := ""
			switch {
			case col.Key == keySlot:
				style = w.st.label
				text = itoa(i + 1)
			case preset != nil:
				style = w.st.locked
				text = w.shown.value(col.Field(), w.lay.unitForm[col.index].Get(&domain.Entry[domain.UnitGoal]{Goal: *preset}))
				w.content.add(contentKey(SheetUnitGoals, itoa(i+1), col.Key), text)
			case w.scope == domain.ScopeTeam || !col.Input() || !w.usable(col.Field()):
				// The unit's manager sets the unit's goals; a team
				// leader sees them but does not change them.
				style = w.st.locked
			}
			typed = typed || style == w.st.input
			if err := w.put(sheet, c+1, r, text, style); err != nil {
				return err
			}
			cells = append(cells, sized{text, col.Width})
		}
		if err := w.rowHeight(sheet, r, height(s.MinHeight, cells...), typed); err != nil {
			return err
		}
	}
	if w.scope == domain.ScopeUnit {
		for c, col := range s.Columns {
			if !col.Input() || !w.usable(col.Field()) {
				continue
			}
			if err := w.validate(sheet, cell(c+1, first)+":"+cell(c+1, last), col.Validation(), col.List(), col.Label(), col.Hint()); err != nil {
				return err
			}
		}
	}
	if err := w.region(s, 0, sheet, 1, first, len(s.Columns), last); err != nil {
		return err
	}
	if err := w.freeze(sheet, 0, s.HeaderRow); err != nil {
		return err
	}
	return w.page(sheet, s.HeaderRow)
}

// unitFollowUp writes the unit's goals of a follow-up round as columns,
// each with its review: the unit's manager reviews them like the teams'
// goals; a team's own workbook shows them locked.
func (w *writer) unitFollowUp() error {
	if w.planning {
		return nil
	}
	preset := map[int]domain.UnitGoal{}
	for i, g := range w.unit.Goals {
		preset[i+1] = g
	}
	slots := len(w.unit.Goals)
	if w.newGoals() && w.scope == domain.ScopeUnit {
		slots = unitGoalSlots(w.org, w.unit)
	}
	d := w.data()
	hint := "WorkbookUnitFollowUpHint"
	if w.scope == domain.ScopeTeam {
		hint = "WorkbookUnitGoalsHintTeam"
	}
	return writeGoalColumns(w, goalColumns[domain.UnitGoal]{
		s: w.lay.Sheet(SheetUnitFollowUp), form: w.lay.unitForm, sheet: w.sheet[SheetUnitFollowUp],
		content: []string{SheetUnitFollowUp}, slots: max(slots, 1), preset: preset,
		locked: w.scope == domain.ScopeTeam,
		earlier: func(g domain.UnitGoal) (domain.UnitReview, bool) {
			return earlierReview(w, &g, func(g *domain.UnitGoal) []domain.UnitReview { return g.Reviews },
				func(g *domain.UnitGoal) string { return g.Replaces }, w.recordUnitGoal)
		},
		title: w.l.T("WorkbookUnitGoalsTitle", d), hint: w.l.T(hint, d),
	})
}

// recordUnitGoal finds a unit goal of the register's record by ID.
func (w *writer) recordUnitGoal(id string) *domain.UnitGoal {
	if id == "" || w.record == nil {
		return nil
	}
	for i := range w.record.Goals {
		if g := &w.record.Goals[i]; g.ID == id {
			return g
		}
	}
	return nil
}

func (w *writer) teamSheets() error {
	s := w.lay.Sheet(SheetTeam)
	slots := maxTeamGoals(w.org)
	for i, t := range w.teams {
		if err := w.team(s, i+1, t, w.teamSheet[i], slots); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) team(s *SheetLayout, n int, t domain.Team, sheet string, slots int) error {
	d := w.data()
	d["Team"] = t.Name
	return writeGoalColumns(w, goalColumns[domain.TeamGoal]{
		s: s, form: w.lay.teamForm, sheet: sheet, n: n, content: []string{SheetTeam, t.ID}, slots: slots,
		preset: w.teamGoals[t.ID],
		earlier: func(g domain.TeamGoal) (domain.Review, bool) {
			return earlierReview(w, &g, func(g *domain.TeamGoal) []domain.Review { return g.Reviews },
				func(g *domain.TeamGoal) string { return g.Replaces }, w.recordGoal)
		},
		title: w.l.T("WorkbookTeamTitle", d), hint: w.l.T("WorkbookTeamHint", d),
	})
}

// usable reports whether a manager can give field f a valid answer: a
// choice or link whose list is empty (no teams to link a criterion to, no
// unit goals known to a team's own workbook) cannot, so its cells are
// greyed and locked instead of yellow.
func (w *writer) usable(f *domain.FieldInfo) bool {
	if f == nil || f.Kind != domain.KindChoice && f.Kind != domain.KindLink {
		return true
	}
	_, ok := w.listRef[f.List]
	return ok
}

// recordGoal finds a team goal of the register's record by ID.
func (w *writer) recordGoal(id string) *domain.TeamGoal {
	if id == "" || w.record == nil {
		return nil
	}
	for i := range w.record.Teams {
		for j := range w.record.Teams[i].Goals {
			if g := &w.record.Teams[i].Goals[j]; g.ID == id {
				return g
			}
		}
	}
	return nil
}

func (w *writer) criteria() error {
	sheet := w.sheet[SheetCriteria]
	s := w.lay.Sheet(SheetCriteria)
	d := w.data()
	hint := "WorkbookCriteriaHint"
	switch w.scope {
	case domain.ScopeTeam:
		hint = "WorkbookCriteriaHintTeam"
	case domain.ScopeIndividual:
		hint = "WorkbookCriteriaHintIndividual"
	}
	if err := w.rowsTable(sheet, s, w.l.T("WorkbookCriteriaTitle", d), w.l.T(hint, d)); err != nil {
		return err
	}
	first := s.HeaderRow + 1
	r := first
	// In a follow-up round the notes of the register stand in the inputs,
	// to be kept or changed; what is changed becomes the criterion's next
	// version.
	notes := map[string]domain.CriterionNote{}
	ownRows := extraCriteriaRows(w.org)
	if w.individual() {
		ownRows = 0 // a reference: only the unit's own criteria it has
	}
	// An individual workbook shows the notes the unit's manager wrote,
	// from the planning round on.
	if w.record != nil && (!w.planning || w.individual()) {
		for _, n := range w.record.Criteria {
			notes[n.Key()] = n
			ownRows = max(ownRows, n.Own)
		}
	}
	for _, cr := range w.org.Criteria {
		note := notes[cr.ID]
		var cells []sized
		for c, col := range s.Columns {
			text, style := criterionText(w.org, w.l, cr, col.Key), w.st.locked
			switch {
			case col.Key == keyKey:
				text, style = cr.ID, w.st.plain
			case col.Key == domain.FieldName:
				style = w.st.label
			case col.Input() && !w.usable(col.Field()):
				text = ""
			case col.Input():
				text = w.shown.value(col.Field(), w.lay.criterion[col.index].Get(&note))
				if w.scope == domain.ScopeUnit {
					// A team's own workbook shows the unit's notes locked:
					// the unit's manager writes them.
					style = w.st.input
				}
			}
			if col.Key != keyKey && (!col.Input() || w.scope.LocksCriteria()) {
				w.content.add(contentKey(SheetCriteria, cr.ID, col.Key), text)
			}
			if err := w.put(sheet, c+1, r, text, style); err != nil {
				return err
			}
			cells = append(cells, sized{text, col.Width})
		}
		// Locked rows get their height: nobody types in them.
		if err := w.rowHeight(sheet, r, height(s.MinHeight, cells...), !w.scope.LocksCriteria()); err != nil {
			return err
		}
		r++
	}
	for k := 1; k <= ownRows; k++ {
		note := notes[domain.OwnCriterionKey(k)]
		var cells []sized
		for c, col := range s.Columns {
			text, style := "", w.st.input
			switch {
			case col.Key == keyKey:
				text, style = domain.OwnCriterionKey(k), w.st.plain
			case !col.Input() && !col.Own() || !w.usable(col.Field()):
				style = w.st.locked
			default:
				text = w.shown.value(col.Field(), w.lay.criterion[col.index].Get(&note))
				if w.scope.LocksCriteria() {
					style = w.st.locked
				}
			}
			if col.Key != keyKey && w.scope.LocksCriteria() {
				// Locked in a team's own workbook: the reader checks it.
				w.content.add(contentKey(SheetCriteria, domain.OwnCriterionKey(k), col.Key), text)
			}
			if err := w.put(sheet, c+1, r, text, style); err != nil {
				return err
			}
			cells = append(cells, sized{text, col.Width})
		}
		// Locked rows get their height: nobody types in them.
		if err := w.rowHeight(sheet, r, height(s.MinHeight, cells...), !w.scope.LocksCriteria()); err != nil {
			return err
		}
		r++
	}
	last := r - 1
	ownFirst := first + len(w.org.Criteria)
	for c, col := range s.Columns {
		var sqref string
		switch {
		case !w.usable(col.Field()) || w.scope.LocksCriteria():
			continue
		case col.Input():
			sqref = cell(c+1, first) + ":" + cell(c+1, last)
		case col.Own() && ownFirst <= last:
			sqref = cell(c+1, ownFirst) + ":" + cell(c+1, last)
		default:
			continue
		}
		if err := w.validate(sheet, sqref, col.Validation(), col.List(), col.Label(), col.Hint()); err != nil {
			return err
		}
	}
	if err := w.region(s, 0, sheet, 1, first, len(s.Columns), last); err != nil {
		return err
	}
	if err := w.freeze(sheet, 2, s.HeaderRow); err != nil {
		return err
	}
	return w.page(sheet, s.HeaderRow)
}
