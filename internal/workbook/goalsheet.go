package workbook

import (
	"fmt"
	"strings"

	"github.com/malarbete/malarbete/internal/domain"
)

// goalColumns is a sheet of goals as columns, a row per field of the
// form: a team's sheet, and in a follow-up round the unit's. G is the kind
// of goal.
type goalColumns[G any] struct {
	s     *SheetLayout
	form  domain.Fields[domain.Entry[G]]
	sheet string
	// n is the team's place in the workbook, for the region's name; 0 for
	// the unit's sheet.
	n int
	// content is the start of the content keys of the pre-filled goals:
	// the sheet key and, on a team sheet, the team's ID.
	content []string
	slots   int
	// preset holds the goals decided in earlier rounds, by slot.
	preset map[int]G
	// earlier returns a goal's latest review before the workbook's round,
	// for the rows that show the previous round.
	earlier     func(G) (domain.GoalReview[G], bool)
	title, hint string
	// locked shows the goals with nothing to fill in: the unit's goals in
	// a team's own workbook.
	locked bool
}

// goalColumns writes gc: headers, a row per field, the pre-filled goals
// locked, inputs in the other slots, drop-downs and the region's name.
func writeGoalColumns[G any](w *writer, gc goalColumns[G]) error {
	s, sheet, slots := gc.s, gc.sheet, gc.slots
	if err := w.widths(sheet, s.Columns, slots); err != nil {
		return err
	}
	if err := w.tableTitle(sheet, s, gc.title, gc.hint); err != nil {
		return err
	}
	if err := w.put(sheet, 1, s.HeaderRow, "", w.st.header); err != nil {
		return err
	}
	if err := w.put(sheet, 2, s.HeaderRow, w.t(s.Columns[1].Label()), w.st.header); err != nil {
		return err
	}
	for k := 1; k <= slots; k++ {
		if err := w.put(sheet, 2+k, s.HeaderRow, w.l.T(s.Columns[2].Label(), map[string]any{"N": k}), w.st.header); err != nil {
			return err
		}
	}
	first := s.HeaderRow + 1
	c1, c2 := 3, 2+slots
	fields := w.shownFields(s)
	for i, fl := range fields {
		r := first + i
		if err := w.put(sheet, 1, r, fl.Key, w.st.plain); err != nil {
			return err
		}
		label := w.t(fl.Label())
		if err := w.put(sheet, 2, r, label, w.st.label); err != nil {
			return err
		}
		lines := []sized{{label, s.Columns[1].Width}}
		if fl.Section() == domain.SectionPrevious {
			if err := previousRow(w, gc, r, c1, c2, fl, &lines); err != nil {
				return err
			}
			if err := w.setHeight(sheet, r, height(fl.Height, lines...)); err != nil {
				return err
			}
			continue
		}
		greyed := fl.Section() == domain.SectionFollowUp && w.planning
		unusable := !w.usable(fl.Field())
		var inputs []string
		for c := c1; c <= c2; c++ {
			g, ok := gc.preset[c-2]
			if ok && fl.Section() == domain.SectionPlan {
				// A goal decided in an earlier round: shown, locked.
				text, err := presetField(w, gc.form, sheet, c, r, fl, g)
				if err != nil {
					return err
				}
				w.content.add(contentKey(append(append([]string{}, gc.content...), itoa(c-2), fl.Key)...), text)
				lines = append(lines, sized{text, s.Columns[2].Width})
				continue
			}
			style := w.st.input
			switch {
			case greyed:
				style = w.st.followUp
			case unusable || gc.locked || !ok && !w.newGoals():
				// Nothing to choose from, or a slot without a goal in a
				// round that takes no new goals: grey and locked.
				style = w.st.locked
			case fl.Validation() == ValidateDate:
				style = w.st.inputDate
			}
			if err := w.styleRange(sheet, c, r, c, r, style); err != nil {
				return err
			}
			if style != w.st.locked {
				inputs = append(inputs, cell(c, r))
			}
		}
		if err := w.rowHeight(sheet, r, height(fl.Height, lines...), len(inputs) > 0); err != nil {
			return err
		}
		if fl.Input() && !greyed && !unusable && len(inputs) > 0 {
			sqref := strings.Join(inputs, " ")
			if len(inputs) == c2-c1+1 {
				sqref = cell(c1, r) + ":" + cell(c2, r)
			}
			if err := w.validate(sheet, sqref, fl.Validation(), fl.List(), fl.Label(), fl.Hint()); err != nil {
				return err
			}
		}
	}
	if err := w.region(s, gc.n, sheet, 1, first, c2, first+len(fields)-1); err != nil {
		return err
	}
	if err := w.freeze(sheet, 2, s.HeaderRow); err != nil {
		return err
	}
	if !w.planning {
		return w.onePage(sheet, s.HeaderRow)
	}
	return w.page(sheet, s.HeaderRow)
}

// newGoals reports whether empty goal slots take new goals: always in the
// planning round, in a follow-up round when the config says so.
func (w *writer) newGoals() bool { return w.planning || w.round.NewGoals }

// shownFields returns the rows of a goal sheet: the revision rows and the
// previous round's rows only in follow-up rounds.
func (w *writer) shownFields(s *SheetLayout) []FieldLayout {
	var fs []FieldLayout
	for _, fl := range s.Fields {
		if sec := fl.Section(); (sec == domain.SectionRevision || sec == domain.SectionPrevious) && w.planning {
			continue
		}
		fs = append(fs, fl)
	}
	return fs
}

// previousRow writes one row of the previous round's review: for each
// pre-filled goal its status or comment, greyed and locked like every
// cell of the row. The texts stay out of the content hash: they are shown
// for reference and never read back, so a program that rewrites them
// changes nothing.
func previousRow[G any](w *writer, gc goalColumns[G], r, c1, c2 int, fl FieldLayout, lines *[]sized) error {
	for c := c1; c <= c2; c++ {
		text := ""
		if g, ok := gc.preset[c-2]; ok {
			rv, found := gc.earlier(g)
			switch {
			case fl.Key == keyPreviousStatus && !found:
				text = w.t("WorkbookPreviousNone")
			case fl.Key == keyPreviousStatus:
				text = statusLabelOf(w.l, w.org, rv.Status)
			case fl.Key == keyPreviousComment:
				text = rv.Analysis
				if rv.Correction != "" {
					if text != "" {
						text += "\n"
					}
					text += w.t("WorkbookFieldCorrection") + ": " + rv.Correction
				}
			}
		}
		if err := w.put(gc.sheet, c, r, text, w.st.followUp); err != nil {
			return err
		}
		*lines = append(*lines, sized{text, gc.s.Columns[2].Width})
	}
	return nil
}

// presetField writes one field of a pre-filled goal, locked, and returns
// its text as the reader will see it.
func presetField[G any](w *writer, form domain.Fields[domain.Entry[G]], sheet string, c, r int, fl FieldLayout, g G) (string, error) {
	v := form[fl.index].Get(&domain.Entry[G]{Goal: g})
	if fl.Field().Kind == domain.KindDate {
		d, err := domain.ParseDate(v)
		if err != nil || d.IsZero() {
			return "", w.put(sheet, c, r, "", w.st.lockedDate)
		}
		ref := cell(c, r)
		n := serial(d)
		if err := w.f.SetCellInt(sheet, ref, int64(n)); err != nil {
			return "", fmt.Errorf("set %s!%s: %w", sheet, ref, err)
		}
		return itoa(n), w.put(sheet, c, r, "", w.st.lockedDate)
	}
	text := w.shown.value(fl.Field(), v)
	return text, w.put(sheet, c, r, text, w.st.locked)
}

// earlierReview returns a goal's latest review of a round before the
// workbook's, following Replaces: a revised goal has none of its own yet,
// and the review that revised it, on the goal it replaces, is the one
// last given. byID finds a goal of the register's record.
func earlierReview[G any](w *writer, g *G, reviews func(*G) []domain.GoalReview[G], replaces func(*G) string, byID func(string) *G) (domain.GoalReview[G], bool) {
	cur := w.roundIndex(w.round.ID)
	// Bounded, so that a register whose Replaces links form a loop
	// cannot hang the writer.
	for range 16 {
		rs := reviews(g)
		for i := len(rs) - 1; i >= 0; i-- {
			if w.roundIndex(rs[i].Round) < cur {
				return rs[i], true
			}
		}
		if g = byID(replaces(g)); g == nil {
			break
		}
	}
	return domain.GoalReview[G]{}, false
}

// roundIndex is a round's place in the config; a round the config no
// longer has counts as earlier than any.
func (w *writer) roundIndex(id string) int {
	for i, r := range w.org.Rounds {
		if r.ID == id {
			return i
		}
	}
	return -1
}
