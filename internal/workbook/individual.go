package workbook

import (
	"slices"
	"strconv"

	"github.com/malarbete/malarbete/internal/domain"
)

// The individual goals workbook (domain.ScopeIndividual) is a team's
// workbook for the development talk: the hierarchy and the team's goals
// locked, rows for the employee's own goals ("Mitt bidrag") each linked to
// a team goal, and the salary criteria as a reference. It names nobody and
// stays between employee and manager: validate checks it, collect refuses
// it.

// individual reports whether the writer makes an individual goals workbook.
func (w *writer) individual() bool { return w.scope == domain.ScopeIndividual }

// sheetKeys returns the layout keys of the visible sheets but the team
// sheets, in their order; the team sheets stand before the last.
func (w *writer) sheetKeys() []string {
	if w.individual() {
		return []string{SheetInstructions, SheetHierarchy, SheetTeamGoalsShown, SheetContributions, SheetCriteria}
	}
	return []string{SheetInstructions, SheetHierarchy, w.unitSheet(), SheetCriteria}
}

// teamSlots returns the slots of the team's pre-filled goals in order.
func (w *writer) teamSlots() []int {
	var slots []int
	for slot := range w.teamGoals[w.teams[0].ID] {
		slots = append(slots, slot)
	}
	slices.Sort(slots)
	return slots
}

// teamGoalItems returns the drop-down labels of the team's goals.
func (w *writer) teamGoalItems() []string {
	var items []string
	t := w.teams[0]
	for _, slot := range w.teamSlots() {
		items = append(items, teamGoalLabel(w.l, t.Name, slot, w.teamGoals[t.ID][slot].What))
	}
	return items
}

// teamGoalsShown writes the team's goals, locked: what the employee's own
// goals link to.
func (w *writer) teamGoalsShown() error {
	sheet := w.sheet[SheetTeamGoalsShown]
	s := w.lay.Sheet(SheetTeamGoalsShown)
	d := w.data()
	hint := "WorkbookTeamGoalsShownHint"
	slots := w.teamSlots()
	if len(slots) == 0 {
		hint = "WorkbookTeamGoalsShownNone"
	}
	if err := w.rowsTable(sheet, s, w.l.T("WorkbookTeamGoalsShownTitle", d), w.l.T(hint, d)); err != nil {
		return err
	}
	t := w.teams[0]
	r := s.HeaderRow
	for _, slot := range slots {
		r++
		e := domain.Entry[domain.TeamGoal]{Goal: w.teamGoals[t.ID][slot]}
		var cells []sized
		for c, col := range s.Columns {
			text, style := "", w.st.locked
			switch {
			case col.Key == keyKey:
				text, style = e.Goal.ID, w.st.plain
			case col.Key == keyLabel:
				text, style = w.l.T("WorkbookColGoal", map[string]any{"N": slot}), w.st.label
			default:
				text = w.shown.value(col.Field(), w.lay.teamForm[col.index].Get(&e))
			}
			if col.Key != keyKey {
				w.content.add(contentKey(SheetTeamGoalsShown, e.Goal.ID, col.Key), text)
			}
			if err := w.put(sheet, c+1, r, text, style); err != nil {
				return err
			}
			cells = append(cells, sized{text, col.Width})
		}
		if err := w.rowHeight(sheet, r, height(s.MinHeight, cells...), false); err != nil {
			return err
		}
	}
	if r == s.HeaderRow {
		// No goals: one locked empty row keeps the table's region.
		r++
		if err := w.styleRange(sheet, 2, r, len(s.Columns), r, w.st.locked); err != nil {
			return err
		}
	}
	if err := w.region(s, 0, sheet, 1, s.HeaderRow+1, len(s.Columns), r); err != nil {
		return err
	}
	if err := w.freeze(sheet, 2, s.HeaderRow); err != nil {
		return err
	}
	return w.page(sheet, s.HeaderRow)
}

// contributions writes the rows of the employee's own goals.
func (w *writer) contributions() error {
	sheet := w.sheet[SheetContributions]
	s := w.lay.Sheet(SheetContributions)
	d := w.data()
	if err := w.rowsTable(sheet, s, w.l.T("WorkbookContributionsTitle", d), w.l.T("WorkbookContributionsHint", d)); err != nil {
		return err
	}
	first := s.HeaderRow + 1
	last := first + max(s.Records, 1) - 1
	for r := first; r <= last; r++ {
		for c, col := range s.Columns {
			text, style := "", w.st.input
			switch {
			case col.Key == keySlot:
				text, style = itoa(r-first+1), w.st.label
			case !w.usable(col.Field()):
				style = w.st.locked
			}
			if err := w.put(sheet, c+1, r, text, style); err != nil {
				return err
			}
		}
		if err := w.setHeight(sheet, r, s.MinHeight); err != nil {
			return err
		}
	}
	for c, col := range s.Columns {
		if col.Field() == nil || !w.usable(col.Field()) {
			continue
		}
		if err := w.validate(sheet, cell(c+1, first)+":"+cell(c+1, last), col.Validation(), col.List(), col.Label(), col.Hint()); err != nil {
			return err
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

// readIndividual reads an individual goals workbook: the locked texts
// are compared like every workbook's, the employee's own goals are read.
func (rd *reader) readIndividual() *domain.Submission {
	sub := &domain.Submission{Identity: rd.id}
	rd.readHierarchy()
	rd.readTeamGoalsShown()
	if rd.ctx.Err() != nil {
		return nil
	}
	sub.Contributions = rd.readContributions()
	for slot := 1; slot < 1000; slot++ {
		id, ok := rd.teamGoalID(1, slot)
		if ok {
			sub.LinkableTeamGoals = append(sub.LinkableTeamGoals, id)
		} else if slot > maxTeamGoals(rd.org) {
			break
		}
	}
	sub.Criteria = rd.readCriteria(sub.Identity.Scope)
	sub.Unread = rd.unread
	rd.checkPrefill()
	rd.checkInstructions()
	rd.checkOutside()
	return sub
}

// readTeamGoalsShown notes the team's goals as pre-filled texts, keyed by
// the goal's ID in the hidden key column.
func (rd *reader) readTeamGoalsShown() {
	s := rd.lay.Sheet(SheetTeamGoalsShown)
	rg, ok := rd.findRegion(s, 0, SheetTeamGoalsShown, anyKey)
	if !ok {
		return
	}
	for _, r := range rg.rows {
		key := rd.text(rg.sheet, rg.c1, r)
		if key == "" {
			continue
		}
		for i, col := range s.Columns {
			if col.Key != keyKey {
				c := rg.c1 + i
				rd.prefilled(contentKey(SheetTeamGoalsShown, key, col.Key), rg.sheet, c, r, rd.input(rg.sheet, c, r, col.Key))
			}
		}
	}
}

// readContributions returns the employee's own goals that hold anything.
func (rd *reader) readContributions() []domain.Contribution {
	s := rd.lay.Sheet(SheetContributions)
	rg, ok := rd.findRegion(s, 0, SheetContributions, slotKey)
	if !ok {
		return nil
	}
	var out []domain.Contribution
	for i, r := range rg.rows {
		c := domain.Contribution{Row: i + 1, Cells: domain.Cells{}}
		if n, err := strconv.Atoi(rd.text(rg.sheet, rg.c1, r)); err == nil && n > 0 && n < 1000 {
			c.Row = n
		}
		empty := true
		for j, col := range s.Columns {
			f := col.Field()
			if f == nil {
				continue
			}
			at := rg.c1 + j
			c.Cells[col.Key] = domain.Cell{Sheet: rg.sheet, Ref: cell(at, r)}
			v, typed := rd.field(f, rg.sheet, at, r)
			if typed != "" {
				empty = false
				rd.lay.contrib[col.index].Set(&c, v)
			}
		}
		if !empty {
			out = append(out, c)
		}
	}
	return out
}
