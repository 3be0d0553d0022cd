package workbook

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// FillFile writes to out a copy of the generated workbook at in with the
// answers of sub typed in, as a manager would: labels in the workbook's
// language, dates as date serials. in is never modified.
func FillFile(in, out string, sub *domain.Submission, org *domain.Organisation, file atomicfile.Options) error {
	src, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("fill: %w", err)
	}
	defer src.Close()
	st, err := src.Stat()
	if err != nil {
		return fmt.Errorf("fill: %w", err)
	}
	file.Inputs = append(file.Inputs, in)
	return atomicfile.Write(out, file, func(w io.Writer) error {
		return Fill(src, st.Size(), w, sub, org)
	})
}

// Fill reads a generated workbook from r and writes it to w with the
// answers of sub in its input regions, found through the same defined
// names the reader uses. Goals go to their slot, criterion notes to their
// criterion's row, own criteria to the empty rows in order.
func Fill(r io.ReaderAt, size int64, w io.Writer, sub *domain.Submission, org *domain.Organisation) error {
	return FillWith(r, size, w, sub, org, nil)
}

// FillWith is Fill following layout lay; nil means DefaultLayout.
func FillWith(r io.ReaderAt, size int64, w io.Writer, sub *domain.Submission, org *domain.Organisation, lay *Layout) error {
	lay, cat, err := defaults(lay, nil)
	if err != nil {
		return err
	}
	f, err := openChecked(context.Background(), r, size)
	if err != nil {
		return fmt.Errorf("fill: %w", err)
	}
	defer f.Close()
	b := openBook(f, lay, cat)
	if !b.ours() {
		return fmt.Errorf("fill: %w", ErrNotOurs)
	}
	fl := &filler{book: b, org: org, l: cat.Localizer(langOf(b.id.Language)), tc: b.context(org), sub: sub}
	fl.shown = fl.newShown()
	if err := fl.fill(); err != nil {
		return fmt.Errorf("fill: %w", err)
	}
	if err := writeInert(f, w); err != nil {
		return fmt.Errorf("fill: write: %w", err)
	}
	return nil
}

func langOf(l domain.Lang) domain.Lang {
	if l.Valid() {
		return l
	}
	return domain.Swedish
}

type filler struct {
	*book
	org   *domain.Organisation
	l     *i18n.Localizer
	tc    teamContext
	sub   *domain.Submission
	shown *shown
}

func (fl *filler) fill() error {
	if err := fl.unitGoals(); err != nil {
		return err
	}
	for _, tg := range fl.sub.Teams {
		if err := fl.team(tg); err != nil {
			return err
		}
	}
	return fl.criteria()
}

func (fl *filler) set(sheet string, col, row int, v string) error {
	if v == "" {
		return nil
	}
	ref := cell(col, row)
	if err := fl.f.SetCellStr(sheet, ref, v); err != nil {
		return fmt.Errorf("set %s!%s: %w", sheet, ref, err)
	}
	return nil
}

// rowsByKey maps the key-column value of each region row to the row.
func (fl *filler) rowsByKey(rg region) map[string]int {
	m := map[string]int{}
	for _, r := range rg.rows {
		v, _ := fl.f.GetCellValue(rg.sheet, cell(rg.c1, r), excelize.Options{RawCellValue: true})
		if v = strings.TrimSpace(v); m[v] == 0 {
			m[v] = r
		}
	}
	return m
}

// table finds the region of a one-region sheet and its rows by key.
func (fl *filler) table(s *SheetLayout, isKey func(string) bool) (region, map[string]int, error) {
	rg, ok := fl.region(s, 0, s.Key, isKey)
	if !ok {
		return rg, nil, fmt.Errorf("%s: table not found", s.Key)
	}
	return rg, fl.rowsByKey(rg), nil
}

func (fl *filler) unitGoals() error {
	if len(fl.sub.UnitGoals) == 0 {
		return nil
	}
	if fl.followUpBook(fl.org) {
		return fl.unitFollowUp()
	}
	s := fl.lay.Sheet(SheetUnitGoals)
	rg, rows, err := fl.table(s, slotKey)
	if err != nil {
		return err
	}
	ids, presets := fl.book.unitGoals(fl.org, fl.tc.unit)
	for i, g := range fl.sub.UnitGoals {
		slot := slotOf(g.ID, ids, i+1)
		if g.Preset || presets[slot] {
			continue // pre-filled and locked
		}
		r, ok := rows[strconv.Itoa(slot)]
		if !ok {
			return fmt.Errorf("unit goal %s: no row for slot %d", g.ID, slot)
		}
		e := domain.Entry[domain.UnitGoal]{Goal: g}
		for c, col := range s.Columns {
			if f := col.Field(); f != nil {
				if err := fl.set(rg.sheet, rg.c1+c, r, fl.shown.value(f, fl.lay.unitForm[col.index].Get(&e))); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// slotOf returns the slot of a unit goal id ("e3" → 3), or def.
func slotOf(id string, ids []string, def int) int {
	for i, x := range ids {
		if x == id {
			return i + 1
		}
	}
	if n, err := strconv.Atoi(strings.TrimPrefix(id, "e")); err == nil && n > 0 {
		return n
	}
	return def
}

// newShown returns the labels of the workbook's unit: goal texts are the
// submission's, a unit goal's else the config's preset.
func (fl *filler) newShown() *shown {
	ids, _ := fl.book.unitGoals(fl.org, fl.tc.unit)
	dept, _ := fl.org.Department(fl.tc.unit.Department)
	return &shown{
		l: fl.l, org: fl.org, dept: dept, teams: fl.tc.teams, unitGoalIDs: ids,
		unitGoalText: func(id string) string {
			for _, g := range fl.sub.UnitGoals {
				if g.ID == id {
					return g.Text
				}
			}
			if slot := slotOf(id, ids, 0); slot > 0 && slot <= len(fl.tc.unit.Goals) {
				return fl.tc.unit.Goals[slot-1].Text
			}
			return ""
		},
		teamGoalText: func(id string) string {
			for _, tg := range fl.sub.Teams {
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

func (fl *filler) team(tg domain.TeamGoals) error {
	n := 0
	for i, id := range fl.id.Teams {
		if id == tg.Team {
			n = i + 1
		}
	}
	if n == 0 {
		return fmt.Errorf("team %s is not in the workbook", tg.Team)
	}
	var goals []columnEntry[domain.TeamGoal]
	for _, g := range tg.Goals {
		rv, _ := g.Review(fl.id.Round)
		_, preset := fl.teamGoalID(n, g.Slot)
		goals = append(goals, columnEntry[domain.TeamGoal]{slot: g.Slot, preset: preset, entry: domain.Entry[domain.TeamGoal]{Goal: g, Review: rv}})
	}
	if err := fillGoalColumns(fl, fl.lay.Sheet(SheetTeam), n, SheetTeam+":"+strconv.Itoa(n), fl.lay.teamForm, goals); err != nil {
		return fmt.Errorf("team %s: %w", tg.Team, err)
	}
	return nil
}

// unitFollowUp fills the unit's goals of a follow-up round: each goal's
// review in its column.
func (fl *filler) unitFollowUp() error {
	ids, presets := fl.book.unitGoals(fl.org, fl.tc.unit)
	var goals []columnEntry[domain.UnitGoal]
	for i, g := range fl.sub.UnitGoals {
		slot := slotOf(g.ID, ids, i+1)
		rv, _ := g.Review(fl.id.Round)
		goals = append(goals, columnEntry[domain.UnitGoal]{slot: slot, preset: presets[slot], entry: domain.Entry[domain.UnitGoal]{Goal: g, Review: rv}})
	}
	return fillGoalColumns(fl, fl.lay.Sheet(SheetUnitFollowUp), 0, SheetUnitFollowUp, fl.lay.unitForm, goals)
}

// columnEntry is a goal to fill into its slot of a sheet of goals as
// columns; a preset goal's own fields are pre-filled and locked.
type columnEntry[G any] struct {
	slot   int
	preset bool
	entry  domain.Entry[G]
}

// fillGoalColumns types goals into a sheet of goals as columns.
func fillGoalColumns[G any](fl *filler, s *SheetLayout, n int, key string, form domain.Fields[domain.Entry[G]], goals []columnEntry[G]) error {
	rg, ok := fl.region(s, n, key, fieldKey(s))
	if !ok {
		return fmt.Errorf("%s: table not found", key)
	}
	rows := fl.rowsByKey(rg)
	// Sorted keys: the shared strings follow the order cells are set in,
	// and the same answers must give the same bytes.
	fields := slices.SortedFunc(slices.Values(s.Fields), func(a, b FieldLayout) int { return strings.Compare(a.Key, b.Key) })
	for _, g := range goals {
		col := rg.c1 + 1 + g.slot
		if g.slot < 1 || col > rg.c2 {
			return fmt.Errorf("no column for goal slot %d", g.slot)
		}
		for _, date := range []bool{false, true} {
			for _, x := range fields {
				f := x.Field()
				r, ok := rows[x.Key]
				if f == nil || !ok || (f.Kind == domain.KindDate) != date || g.preset && f.Section == domain.SectionPlan {
					continue // the previous round's rows, and pre-filled and locked cells
				}
				v := form[x.index].Get(&g.entry)
				if !date {
					if err := fl.set(rg.sheet, col, r, fl.shown.value(f, v)); err != nil {
						return err
					}
					continue
				}
				if d, err := domain.ParseDate(v); err == nil && !d.IsZero() {
					ref := cell(col, r)
					if err := fl.f.SetCellFloat(rg.sheet, ref, float64(serial(d)), -1, 64); err != nil {
						return fmt.Errorf("set %s!%s: %w", rg.sheet, ref, err)
					}
				}
			}
		}
	}
	return nil
}

func (fl *filler) criteria() error {
	if len(fl.sub.Criteria) == 0 {
		return nil
	}
	s := fl.lay.Sheet(SheetCriteria)
	rg, rows, err := fl.table(s, anyKey)
	if err != nil {
		return err
	}
	own := 0
	for _, n := range fl.sub.Criteria {
		key := n.Key()
		if key == "" {
			// An own criterion without its row goes to the next row.
			own++
			key = domain.OwnCriterionKey(own)
		} else if n.Own > 0 {
			own = n.Own
		}
		r, ok := rows[key]
		if !ok {
			return fmt.Errorf("criterion %q: no row", key)
		}
		for c, col := range s.Columns {
			f := col.Field()
			if f == nil || f.Own && n.Criterion != "" {
				continue // the config's texts, pre-filled and locked
			}
			if err := fl.set(rg.sheet, rg.c1+c, r, fl.shown.value(f, fl.lay.criterion[col.index].Get(&n))); err != nil {
				return err
			}
		}
	}
	return nil
}
