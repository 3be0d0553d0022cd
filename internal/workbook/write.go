package workbook

import (
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	malarbete "github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// Options control how a workbook is written.
type Options struct {
	// Unit is the ID of the unit the workbook is for.
	Unit string
	// Team, when set, makes a team workbook (scope team) for that team of
	// Unit; empty makes a unit workbook with every team of the unit.
	Team string
	// Round is the round's ID; empty means the first round.
	Round string
	// Lang is the workbook's language; empty means the organisation's,
	// then Swedish.
	Lang domain.Lang
	// Date fixes every timestamp in the file so that the same inputs give
	// the same bytes; zero means the organisation's PeriodStart.
	Date domain.Date
	// Catalogue holds the texts; nil means the embedded catalogues.
	Catalogue *i18n.Catalogue
	// Layout is the layout to follow; nil means DefaultLayout.
	Layout *Layout
	// Record is the unit's record in the register, for follow-up rounds
	// and team workbooks: its unit goals and current team goals are
	// pre-filled and locked. Nil means only the config's preset goals.
	Record *domain.UnitRecord
}

var (
	catOnce sync.Once
	catVal  *i18n.Catalogue
	catErr  error
)

// DefaultCatalogue returns the catalogues embedded in the binary, loaded
// once.
func DefaultCatalogue() (*i18n.Catalogue, error) {
	catOnce.Do(func() { catVal, catErr = i18n.Load(malarbete.Locales) })
	return catVal, catErr
}

// WriteFile writes the workbook to path atomically; file says whether an
// existing file may be replaced.
func WriteFile(path string, org *domain.Organisation, opts Options, file atomicfile.Options) (domain.Identity, error) {
	var id domain.Identity
	err := atomicfile.Write(path, file, func(w io.Writer) error {
		var err error
		id, err = Write(w, org, opts)
		return err
	})
	return id, err
}

// Write writes the workbook of opts.Unit (or opts.Team) to w and returns
// the identity it carries.
func Write(w io.Writer, org *domain.Organisation, opts Options) (domain.Identity, error) {
	wr, err := newWriter(org, opts)
	if err != nil {
		return domain.Identity{}, err
	}
	defer wr.f.Close()
	if err := wr.build(); err != nil {
		return domain.Identity{}, fmt.Errorf("build workbook for unit %s: %w", opts.Unit, err)
	}
	if _, err := wr.f.WriteTo(w); err != nil {
		return domain.Identity{}, fmt.Errorf("write workbook for unit %s: %w", opts.Unit, err)
	}
	return wr.id, nil
}

// writer builds one workbook.
type writer struct {
	f        *excelize.File
	org      *domain.Organisation
	lay      *Layout
	l        *i18n.Localizer
	unit     domain.Unit
	dept     domain.Department
	teams    []domain.Team
	round    domain.Round
	planning bool
	scope    domain.Scope
	date     domain.Date
	st       styles
	id       domain.Identity
	content  content
	// sheet maps layout keys to sheet names; teamSheet holds the team
	// sheets' names in team order.
	sheet     map[string]string
	teamSheet []string
	// listRef maps a list to the defined name the drop-downs use.
	listRef map[string]string
	// teamGoals holds the pre-filled goals of each team by slot.
	teamGoals map[string]map[int]domain.TeamGoal
}

func newWriter(org *domain.Organisation, opts Options) (*writer, error) {
	lay := opts.Layout
	if lay == nil {
		var err error
		if lay, err = DefaultLayout(); err != nil {
			return nil, err
		}
	}
	cat := opts.Catalogue
	if cat == nil {
		var err error
		if cat, err = DefaultCatalogue(); err != nil {
			return nil, err
		}
	}
	unit, ok := org.Unit(opts.Unit)
	if !ok {
		return nil, fmt.Errorf("unit %q: %w", opts.Unit, ErrUnknownUnit)
	}
	w := &writer{
		org: org, lay: lay, unit: unit, scope: domain.ScopeUnit,
		content: content{}, sheet: map[string]string{}, listRef: map[string]string{},
	}
	w.dept, _ = org.Department(unit.Department)
	w.teamGoals = map[string]map[int]domain.TeamGoal{}
	if rec := opts.Record; rec != nil {
		if len(rec.Goals) > 0 {
			// The register's goals take the place of the config's
			// presets: they are what the unit decided.
			w.unit.Goals = rec.Goals
		}
		for _, tg := range rec.Teams {
			for _, g := range tg.Goals {
				if g.ReplacedIn != "" || g.Slot < 1 {
					continue // replaced by a revision with the same slot
				}
				if w.teamGoals[tg.Team] == nil {
					w.teamGoals[tg.Team] = map[int]domain.TeamGoal{}
				}
				w.teamGoals[tg.Team][g.Slot] = g
			}
		}
	}
	w.teams = org.TeamsOf(unit.ID)
	if opts.Team != "" {
		var team []domain.Team
		for _, t := range w.teams {
			if t.ID == opts.Team {
				team = append(team, t)
			}
		}
		if len(team) == 0 {
			return nil, fmt.Errorf("team %q of unit %q: %w", opts.Team, unit.ID, ErrUnknownTeam)
		}
		w.teams, w.scope = team, domain.ScopeTeam
	}
	switch {
	case opts.Round != "":
		r, ok := org.Round(opts.Round)
		if !ok {
			return nil, fmt.Errorf("round %q: %w", opts.Round, ErrUnknownRound)
		}
		w.round = r
	case len(org.Rounds) > 0:
		w.round = org.Rounds[0]
	default:
		w.round = domain.Round{ID: domain.PlanRound}
	}
	w.planning = len(org.Rounds) == 0 || org.IsPlanning(w.round.ID)
	lang := opts.Lang
	if !lang.Valid() {
		lang = org.Language
	}
	if !lang.Valid() {
		lang = domain.Swedish
	}
	w.l = cat.Localizer(lang)
	w.date = opts.Date
	if w.date.IsZero() {
		w.date = org.PeriodStart
	}
	if w.date.IsZero() {
		w.date = domain.NewDate(2000, time.January, 1)
	}
	w.f = excelize.NewFile()
	return w, nil
}

func (w *writer) build() error {
	var err error
	if w.st, err = newStyles(w.f); err != nil {
		return err
	}
	if err := w.nameSheets(); err != nil {
		return err
	}
	// The lists come first: the drop-downs of the sheets refer to them.
	steps := []func() error{
		w.lists, w.instructions, w.hierarchy, w.unitGoals, w.teamSheets, w.criteria,
		w.identity, w.properties,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	for _, name := range w.visibleSheets() {
		if err := w.protect(name); err != nil {
			return err
		}
	}
	w.f.SetActiveSheet(0)
	return nil
}

// nameSheets creates the sheets in their order: instructions, hierarchy,
// unit goals, one per team, criteria, then the hidden identity sheet.
func (w *writer) nameSheets() error {
	used := map[string]bool{strings.ToLower(w.lay.IdentitySheet): true}
	take := func(name string) string {
		name = sheetName(name)
		base, n := name, 2
		for used[strings.ToLower(name)] {
			suffix := fmt.Sprintf(" (%d)", n)
			name = truncateRunes(base, 31-len(suffix)) + suffix
			n++
		}
		used[strings.ToLower(name)] = true
		return name
	}
	for _, key := range []string{SheetInstructions, SheetHierarchy, SheetUnitGoals, SheetCriteria} {
		w.sheet[key] = take(w.l.T(w.lay.Sheet(key).Title, nil))
	}
	for _, t := range w.teams {
		w.teamSheet = append(w.teamSheet, take(t.Name))
	}
	order := []string{w.sheet[SheetInstructions], w.sheet[SheetHierarchy], w.sheet[SheetUnitGoals]}
	order = append(order, w.teamSheet...)
	order = append(order, w.sheet[SheetCriteria], w.lay.IdentitySheet)
	if err := w.f.SetSheetName("Sheet1", order[0]); err != nil {
		return fmt.Errorf("name sheet: %w", err)
	}
	for _, name := range order[1:] {
		if _, err := w.f.NewSheet(name); err != nil {
			return fmt.Errorf("new sheet %q: %w", name, err)
		}
	}
	return nil
}

func (w *writer) visibleSheets() []string {
	names := []string{w.sheet[SheetInstructions], w.sheet[SheetHierarchy], w.sheet[SheetUnitGoals]}
	names = append(names, w.teamSheet...)
	return append(names, w.sheet[SheetCriteria])
}

// sheetName makes a valid sheet name: no []:*?/\, not empty, at most 31
// characters, no leading or trailing apostrophe.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			return '-'
		}
		if r < ' ' {
			return -1
		}
		return r
	}, s)
	s = strings.Trim(strings.TrimSpace(s), "'")
	if s == "" {
		s = "-"
	}
	return strings.TrimSpace(truncateRunes(s, 31))
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// truncateUTF16 cuts s to n UTF-16 units, the unit Excel counts in.
func truncateUTF16(s string, n int) string {
	if len(utf16.Encode([]rune(s))) <= n {
		return s
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		k := utf16.RuneLen(r)
		if used+k > n-1 {
			break
		}
		used += k
		b.WriteRune(r)
	}
	return b.String() + "…"
}

// cell returns the A1 reference of a 1-based column and row.
func cell(col, row int) string { return colName(col) + itoa(row) }

// colName returns the letters of a 1-based column.
func colName(col int) string {
	var b [4]byte
	i := len(b)
	for col > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// absRef returns 'Sheet'!$A$1:$B$2, quoting the sheet name.
func absRef(sheet string, c1, r1, c2, r2 int) string {
	return quoteSheet(sheet) + "!$" + colName(c1) + "$" + itoa(r1) + ":$" + colName(c2) + "$" + itoa(r2)
}

func quoteSheet(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// put writes a text with a style.
func (w *writer) put(sheet string, col, row int, text string, style int) error {
	ref := cell(col, row)
	if text != "" {
		if err := w.f.SetCellStr(sheet, ref, text); err != nil {
			return fmt.Errorf("set %s!%s: %w", sheet, ref, err)
		}
	}
	if err := w.f.SetCellStyle(sheet, ref, ref, style); err != nil {
		return fmt.Errorf("style %s!%s: %w", sheet, ref, err)
	}
	return nil
}

// styleRange styles the rectangle c1,r1 to c2,r2.
func (w *writer) styleRange(sheet string, c1, r1, c2, r2, style int) error {
	if err := w.f.SetCellStyle(sheet, cell(c1, r1), cell(c2, r2), style); err != nil {
		return fmt.Errorf("style %s: %w", sheet, err)
	}
	return nil
}

func (w *writer) widths(sheet string, cols []Column, repeatLast int) error {
	for i, c := range cols {
		n := 1
		if i == len(cols)-1 && repeatLast > 0 {
			n = repeatLast
		}
		for k := 0; k < n; k++ {
			name := colName(i + 1 + k)
			if err := w.f.SetColWidth(sheet, name, name, c.Width); err != nil {
				return fmt.Errorf("width %s!%s: %w", sheet, name, err)
			}
		}
		if c.Hidden {
			if err := w.f.SetColVisible(sheet, colName(i+1), false); err != nil {
				return fmt.Errorf("hide %s!%s: %w", sheet, colName(i+1), err)
			}
		}
	}
	return nil
}

// height estimates the row height of wrapped texts: excelize cannot fit
// rows, and a printed sheet needs them right.
func height(minimum float64, cells ...struct {
	text  string
	width float64
}) float64 {
	lines := 1
	for _, c := range cells {
		n := 0
		perLine := int(math.Max(c.width*1.15, 1))
		for _, p := range strings.Split(c.text, "\n") {
			n += max(1, (utf8.RuneCountInString(p)+perLine-1)/perLine)
		}
		lines = max(lines, n)
	}
	return math.Max(minimum, float64(lines)*15+3)
}

type sized = struct {
	text  string
	width float64
}

func (w *writer) setHeight(sheet string, row int, h float64) error {
	if err := w.f.SetRowHeight(sheet, row, h); err != nil {
		return fmt.Errorf("height %s row %d: %w", sheet, row, err)
	}
	return nil
}

// title writes the title and a subtitle on rows 1 and 2.
func (w *writer) title(sheet, title, subtitle string) error {
	if err := w.put(sheet, 1, 1, title, w.st.title); err != nil {
		return err
	}
	if err := w.setHeight(sheet, 1, 24); err != nil {
		return err
	}
	return w.put(sheet, 1, 2, subtitle, w.st.subtitle)
}

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

// headers writes the header row of a "rows" sheet.
func (w *writer) headers(sheet string, s *SheetLayout) error {
	for i, c := range s.Columns {
		text := ""
		if c.Header != "" {
			text = w.l.T(c.Header, nil)
		}
		if err := w.put(sheet, i+1, s.HeaderRow, text, w.st.header); err != nil {
			return err
		}
	}
	// Two lines: headers of narrow columns wrap.
	return w.setHeight(sheet, s.HeaderRow, 30)
}

func (w *writer) data() map[string]any {
	deadline := w.round.Deadline.String()
	return map[string]any{
		"Organisation": w.org.Name,
		"Unit":         w.unit.Name,
		"Department":   w.dept.Name,
		"Period":       w.org.Period,
		"Round":        w.round.Name,
		"Deadline":     deadline,
		"Max":          maxTeamGoals(w.org),
		"MaxUnit":      unitGoalSlots(w.org, w.unit),
	}
}

func (w *writer) instructions() error {
	sheet := w.sheet[SheetInstructions]
	s := w.lay.Sheet(SheetInstructions)
	if err := w.widths(sheet, s.Columns, 0); err != nil {
		return err
	}
	d := w.data()
	subtitle := w.org.Name
	if w.dept.Name != "" {
		subtitle += " · " + w.dept.Name
	}
	if w.round.Name != "" {
		subtitle += " · " + w.round.Name
	}
	titleID := "WorkbookInstructionsTitle"
	if w.scope == domain.ScopeTeam {
		titleID = "WorkbookInstructionsTitleTeam"
		d["Team"] = w.teams[0].Name
	}
	if err := w.title(sheet, w.l.T(titleID, d), subtitle); err != nil {
		return err
	}
	purpose := w.org.Purpose
	if len(purpose) == 0 {
		purpose = strings.Split(w.l.T("WorkbookPurposeDefault", nil), "\n")
	}
	stepsID := "WorkbookStepsPlan"
	if !w.planning {
		stepsID = "WorkbookStepsFollowUp"
	}
	contact := w.org.HR.Name
	for _, s := range []string{w.org.HR.Email, w.org.HR.Phone} {
		if s != "" {
			contact += "\n" + s
		}
	}
	type row struct{ label, text string }
	rows := []row{
		{w.l.T("WorkbookInstructionsWhy", nil), bullets(purpose)},
		{w.l.T("WorkbookInstructionsSteps", nil), w.l.T(stepsID, d)},
		{w.l.T("WorkbookInstructionsDeadline", nil), w.l.T("WorkbookInstructionsDeadlineText", d)},
		{w.l.T("WorkbookInstructionsContact", nil), contact},
	}
	if m := w.round.Meeting; m != nil {
		text := m.Date.String()
		if m.Time != "" {
			text += " " + m.Time
		}
		if m.Note != "" {
			text += "\n" + m.Note
		}
		rows = append(rows, row{w.l.T("WorkbookInstructionsMeeting", nil), text})
	}
	rows = append(rows, row{w.l.T("WorkbookInstructionsAbout", nil), w.l.T("WorkbookInstructionsAboutText", d)})
	r := 4
	for _, x := range rows {
		if err := w.put(sheet, 1, r, x.label, w.st.heading); err != nil {
			return err
		}
		if err := w.put(sheet, 2, r, x.text, w.st.text); err != nil {
			return err
		}
		if err := w.setHeight(sheet, r, height(18, sized{x.text, s.Columns[1].Width})); err != nil {
			return err
		}
		r++
	}
	r++
	if err := w.put(sheet, 1, r, w.l.T("WorkbookLegend", nil), w.st.heading); err != nil {
		return err
	}
	legend := []struct {
		sample, text string
		style        int
	}{
		{"WorkbookLegendInput", "WorkbookLegendInputText", w.st.input},
		{"WorkbookLegendLocked", "WorkbookLegendLockedText", w.st.locked},
		{"WorkbookLegendFollowUp", "WorkbookLegendFollowUpText", w.st.followUp},
	}
	for _, x := range legend {
		r++
		if err := w.put(sheet, 1, r, w.l.T(x.sample, nil), x.style); err != nil {
			return err
		}
		if err := w.put(sheet, 2, r, w.l.T(x.text, nil), w.st.text); err != nil {
			return err
		}
	}
	return w.page(sheet, 0, 0)
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
	if err := w.widths(sheet, s.Columns, 0); err != nil {
		return err
	}
	if err := w.tableTitle(sheet, s, w.l.T("WorkbookHierarchyTitle", nil), w.l.T("WorkbookHierarchyHint", w.data())); err != nil {
		return err
	}
	if err := w.headers(sheet, s); err != nil {
		return err
	}
	type row struct{ key, label, text string }
	rows := []row{
		{"vision", w.l.T("WorkbookHierarchyVision", nil), w.org.Vision},
		{"overall", w.l.T("WorkbookHierarchyOverall", nil), w.org.OverallGoal},
	}
	for i, g := range w.dept.Goals {
		label := numberedPrefix(w.l, "WorkbookLabelDepartmentGoal", i+1, nil)
		if i == 0 && w.dept.Name != "" {
			label = w.dept.Name + "\n" + label
		}
		rows = append(rows, row{"department:" + g.ID, label, g.Text})
	}
	for _, v := range w.org.Values {
		rows = append(rows, row{"value:" + v.ID, w.l.T("WorkbookHierarchyValue", map[string]any{"Value": v.Name}), bullets(v.Behaviours)})
	}
	cText := s.ColumnIndex(keyText())
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
	return w.page(sheet, s.HeaderRow, 2)
}

func keyText() string { return domain.FieldText }

// region names an input region and records it in the identity sheet.
func (w *writer) region(s *SheetLayout, n int, sheet string, c1, r1, c2, r2 int) error {
	name := w.lay.RegionName(s, n)
	if err := w.f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: absRef(sheet, c1, r1, c2, r2)}); err != nil {
		return fmt.Errorf("define %s: %w", name, err)
	}
	return nil
}

func (w *writer) unitGoals() error {
	sheet := w.sheet[SheetUnitGoals]
	s := w.lay.Sheet(SheetUnitGoals)
	if err := w.widths(sheet, s.Columns, 0); err != nil {
		return err
	}
	d := w.data()
	hint := "WorkbookUnitGoalsHint"
	if w.scope == domain.ScopeTeam {
		hint = "WorkbookUnitGoalsHintTeam"
	}
	if err := w.tableTitle(sheet, s, w.l.T("WorkbookUnitGoalsTitle", d), w.l.T(hint, d)); err != nil {
		return err
	}
	if err := w.headers(sheet, s); err != nil {
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
		for c, col := range s.Columns {
			style := w.st.input
			text := ""
			switch {
			case col.Key == keySlot:
				style = w.st.label
				text = itoa(i + 1)
			case preset != nil:
				style = w.st.locked
				text = w.unitGoalValue(*preset, col.Key)
				w.content.add(contentKey(SheetUnitGoals, itoa(i+1), col.Key), text)
			case w.scope == domain.ScopeTeam || !col.Input:
				// The unit's manager sets the unit's goals; a team
				// leader sees them but does not change them.
				style = w.st.locked
			}
			if err := w.put(sheet, c+1, r, text, style); err != nil {
				return err
			}
			cells = append(cells, sized{text, col.Width})
		}
		if err := w.setHeight(sheet, r, height(s.MinHeight, cells...)); err != nil {
			return err
		}
	}
	if w.scope == domain.ScopeUnit {
		for c, col := range s.Columns {
			if !col.Input {
				continue
			}
			if err := w.validate(sheet, cell(c+1, first)+":"+cell(c+1, last), col.Validation, col.List, col.Header, col.Hint); err != nil {
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
	return w.page(sheet, s.HeaderRow, 1)
}

// unitGoalValue returns the text of a preset unit goal for a column.
func (w *writer) unitGoalValue(g domain.UnitGoal, key string) string {
	switch key {
	case domain.FieldText:
		return g.Text
	case domain.FieldDepartmentGoal:
		for i, dg := range w.dept.Goals {
			if dg.ID == g.DepartmentGoal {
				return departmentGoalLabel(w.l, i+1, dg.Text)
			}
		}
		return g.DepartmentGoal
	case domain.FieldIndicator:
		return g.Indicator
	case domain.FieldTarget:
		return g.Target
	case domain.FieldResponsible:
		return g.Responsible
	}
	return ""
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
	if err := w.widths(sheet, s.Columns, slots); err != nil {
		return err
	}
	d := w.data()
	d["Team"] = t.Name
	if err := w.tableTitle(sheet, s, w.l.T("WorkbookTeamTitle", d), w.l.T("WorkbookTeamHint", d)); err != nil {
		return err
	}
	if err := w.put(sheet, 1, s.HeaderRow, "", w.st.header); err != nil {
		return err
	}
	if err := w.put(sheet, 2, s.HeaderRow, w.l.T(s.Columns[1].Header, nil), w.st.header); err != nil {
		return err
	}
	for k := 1; k <= slots; k++ {
		if err := w.put(sheet, 2+k, s.HeaderRow, w.l.T(s.Columns[2].Header, map[string]any{"N": k}), w.st.header); err != nil {
			return err
		}
	}
	first := s.HeaderRow + 1
	c1, c2 := 3, 2+slots
	preset := w.teamGoals[t.ID]
	fields := w.teamFields(s)
	for i, fl := range fields {
		r := first + i
		if err := w.put(sheet, 1, r, fl.Key, w.st.plain); err != nil {
			return err
		}
		label := w.l.T(fl.Header, nil)
		if err := w.put(sheet, 2, r, label, w.st.label); err != nil {
			return err
		}
		greyed := fl.Section == SectionFollowUp && w.planning
		var inputs []string
		lines := []sized{{label, s.Columns[1].Width}}
		for c := c1; c <= c2; c++ {
			g, ok := preset[c-2]
			if ok && fl.Section == "" {
				// A goal decided in an earlier round: shown, locked.
				text, err := w.presetTeamField(sheet, c, r, fl, g)
				if err != nil {
					return err
				}
				w.content.add(contentKey(SheetTeam, t.ID, itoa(c-2), fl.Key), text)
				lines = append(lines, sized{text, s.Columns[2].Width})
				continue
			}
			style := w.st.input
			switch {
			case greyed:
				style = w.st.followUp
			case fl.Validation == ValidateDate:
				style = w.st.inputDate
			}
			if err := w.styleRange(sheet, c, r, c, r, style); err != nil {
				return err
			}
			inputs = append(inputs, cell(c, r))
		}
		if err := w.setHeight(sheet, r, height(fl.Height, lines...)); err != nil {
			return err
		}
		if fl.Input && !greyed && len(inputs) > 0 {
			sqref := strings.Join(inputs, " ")
			if len(inputs) == c2-c1+1 {
				sqref = cell(c1, r) + ":" + cell(c2, r)
			}
			if err := w.validate(sheet, sqref, fl.Validation, fl.List, fl.Header, fl.Hint); err != nil {
				return err
			}
		}
	}
	if err := w.region(s, n, sheet, 1, first, c2, first+len(fields)-1); err != nil {
		return err
	}
	if err := w.freeze(sheet, 2, s.HeaderRow); err != nil {
		return err
	}
	return w.page(sheet, s.HeaderRow, 2)
}

// teamFields returns the rows of a team sheet: the revision rows only in
// follow-up rounds.
func (w *writer) teamFields(s *SheetLayout) []FieldLayout {
	var fs []FieldLayout
	for _, fl := range s.Fields {
		if fl.Section == SectionRevision && w.planning {
			continue
		}
		fs = append(fs, fl)
	}
	return fs
}

// presetTeamField writes one field of a pre-filled team goal, locked, and
// returns its text as the reader will see it.
func (w *writer) presetTeamField(sheet string, c, r int, fl FieldLayout, g domain.TeamGoal) (string, error) {
	ref := cell(c, r)
	if fl.Key == domain.FieldFollowUpWhen {
		if g.FollowUp.When.IsZero() {
			return "", w.put(sheet, c, r, "", w.st.lockedDate)
		}
		n := serial(g.FollowUp.When)
		if err := w.f.SetCellInt(sheet, ref, int64(n)); err != nil {
			return "", fmt.Errorf("set %s!%s: %w", sheet, ref, err)
		}
		return itoa(n), w.put(sheet, c, r, "", w.st.lockedDate)
	}
	text := ""
	switch fl.Key {
	case domain.FieldWhat:
		text = g.What
	case domain.FieldUnitGoal:
		text = g.UnitGoal
		for i, id := range unitGoalIDs(w.org, w.unit) {
			if id == g.UnitGoal {
				goal := ""
				if i < len(w.unit.Goals) {
					goal = w.unit.Goals[i].Text
				}
				text = unitGoalLabel(w.l, i+1, goal)
			}
		}
	case domain.FieldHow:
		text = g.How
	case domain.FieldFollowUpMethod:
		text = g.FollowUp.Method
	case domain.FieldFollowUpWho:
		text = g.FollowUp.Who
	case domain.FieldIndicator:
		text = g.Indicator
	case domain.FieldTarget:
		text = g.Target
	case domain.FieldValue:
		text = g.Value
		if v, ok := w.org.Value(g.Value); ok {
			text = v.Name
		}
	case domain.FieldCollaboration:
		text = g.Collaboration
	}
	return text, w.put(sheet, c, r, text, w.st.locked)
}

func (w *writer) criteria() error {
	sheet := w.sheet[SheetCriteria]
	s := w.lay.Sheet(SheetCriteria)
	if err := w.widths(sheet, s.Columns, 0); err != nil {
		return err
	}
	d := w.data()
	if err := w.tableTitle(sheet, s, w.l.T("WorkbookCriteriaTitle", d), w.l.T("WorkbookCriteriaHint", d)); err != nil {
		return err
	}
	if err := w.headers(sheet, s); err != nil {
		return err
	}
	first := s.HeaderRow + 1
	r := first
	lvls := levels(w.org)
	for _, cr := range w.org.Criteria {
		var cells []sized
		for c, col := range s.Columns {
			text, style := "", w.st.locked
			switch col.Key {
			case keyKey:
				text, style = cr.ID, w.st.plain
			case domain.FieldName:
				text, style = cr.Name, w.st.label
			case domain.FieldDescription:
				text = cr.Description
			case domain.FieldValue:
				if v, ok := w.org.Value(cr.Value); ok {
					text = v.Name
				}
			case keyLevels:
				var parts []string
				for i, lv := range lvls {
					if i < len(cr.Levels) && cr.Levels[i] != "" {
						parts = append(parts, levelLabel(w.l, lv)+": "+cr.Levels[i])
					}
				}
				text = strings.Join(parts, "\n")
			default:
				if col.Input {
					style = w.st.input
				}
			}
			if col.Key != keyKey {
				w.content.add(contentKey(SheetCriteria, cr.ID, col.Key), text)
			}
			if err := w.put(sheet, c+1, r, text, style); err != nil {
				return err
			}
			cells = append(cells, sized{text, col.Width})
		}
		if err := w.setHeight(sheet, r, height(s.MinHeight, cells...)); err != nil {
			return err
		}
		r++
	}
	for k := 1; k <= extraCriteriaRows(w.org); k++ {
		for c, col := range s.Columns {
			text, style := "", w.st.input
			switch {
			case col.Key == keyKey:
				text, style = ownKey(k), w.st.plain
			case !col.Input && !col.Own:
				style = w.st.locked
			}
			if err := w.put(sheet, c+1, r, text, style); err != nil {
				return err
			}
		}
		if err := w.setHeight(sheet, r, s.MinHeight); err != nil {
			return err
		}
		r++
	}
	last := r - 1
	ownFirst := first + len(w.org.Criteria)
	for c, col := range s.Columns {
		var sqref string
		switch {
		case col.Input:
			sqref = cell(c+1, first) + ":" + cell(c+1, last)
		case col.Own && ownFirst <= last:
			sqref = cell(c+1, ownFirst) + ":" + cell(c+1, last)
		default:
			continue
		}
		if err := w.validate(sheet, sqref, col.Validation, col.List, col.Header, col.Hint); err != nil {
			return err
		}
	}
	if err := w.region(s, 0, sheet, 1, first, len(s.Columns), last); err != nil {
		return err
	}
	if err := w.freeze(sheet, 2, s.HeaderRow); err != nil {
		return err
	}
	return w.page(sheet, s.HeaderRow, 2)
}

// ownKey is the key-column value of the k-th row for the unit's own
// criteria.
func ownKey(k int) string { return "own:" + itoa(k) }

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
	ls = append(ls, list{key: ListValues, items: values})
	var sts []string
	for _, s := range statuses(w.org) {
		sts = append(sts, statusLabel(w.l, s))
	}
	ls = append(ls, list{key: ListStatuses, items: sts})
	var dgs []string
	for i, g := range w.dept.Goals {
		dgs = append(dgs, departmentGoalLabel(w.l, i+1, g.Text))
	}
	ls = append(ls, list{key: ListDepartmentGoals, items: dgs})

	ug := w.lay.Sheet(SheetUnitGoals)
	textCol := ug.ColumnIndex(domain.FieldText)
	var ugf []string
	for i := 0; i < unitGoalSlots(w.org, w.unit); i++ {
		ref := quoteSheet(w.sheet[SheetUnitGoals]) + "!$" + colName(textCol) + "$" + itoa(ug.HeaderRow+1+i)
		ugf = append(ugf, liveLabel(ref, numberedPrefix(w.l, "WorkbookLabelUnitGoal", i+1, nil)))
	}
	ls = append(ls, list{key: ListUnitGoals, formulas: ugf})

	ts := w.lay.Sheet(SheetTeam)
	whatRow := ts.HeaderRow + 1 + ts.FieldIndex(domain.FieldWhat)
	var tgf []string
	for i, t := range w.teams {
		for k := 1; k <= maxTeamGoals(w.org); k++ {
			ref := quoteSheet(w.teamSheet[i]) + "!$" + colName(2+k) + "$" + itoa(whatRow)
			tgf = append(tgf, liveLabel(ref, numberedPrefix(w.l, "WorkbookLabelTeamGoal", k, map[string]any{"Team": t.Name})))
		}
	}
	ls = append(ls, list{key: ListTeamGoals, formulas: tgf})

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
		dv.SetError(excelize.DataValidationErrorStyleStop, truncateRunes(w.l.T("WorkbookErrorTitle", nil), 32), truncateUTF16(w.l.T("WorkbookErrorList", nil), 255))
	case ValidateDate:
		from, to := w.org.PeriodStart, w.org.PeriodEnd
		if from.IsZero() || to.IsZero() {
			from, to = domain.NewDate(1990, 1, 1), domain.NewDate(2199, 12, 31)
		}
		if err := dv.SetRange(serial(from), serial(to), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
			return fmt.Errorf("date validation %s: %w", sqref, err)
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, truncateRunes(w.l.T("WorkbookErrorTitle", nil), 32),
			truncateUTF16(w.l.T("WorkbookErrorDate", map[string]any{"From": from.String(), "To": to.String()}), 255))
	case ValidateTextLength:
		if err := dv.SetRange(0, lim, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween); err != nil {
			return fmt.Errorf("length validation %s: %w", sqref, err)
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, truncateRunes(w.l.T("WorkbookErrorTitle", nil), 32),
			truncateUTF16(w.l.N("WorkbookErrorTextLength", lim, nil), 255))
	default:
		return nil
	}
	if hint != "" {
		dv.SetInput(title, truncateUTF16(w.l.T(hint, map[string]any{"Max": lim, "From": w.org.PeriodStart.String(), "To": w.org.PeriodEnd.String()}), 255))
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

// freeze keeps the first cols columns and rows rows in view.
func (w *writer) freeze(sheet string, cols, rows int) error {
	top := cell(cols+1, rows+1)
	err := w.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: top, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomRight"}},
	})
	if err != nil {
		return fmt.Errorf("freeze %s: %w", sheet, err)
	}
	return nil
}

// page sets A4 landscape fit to width, repeated header rows (headerRow >
// 0), and a header and footer with municipality, unit and page number.
func (w *writer) page(sheet string, headerRow, _ int) error {
	size, orient, one, zero := 9, "landscape", 1, 0
	if err := w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return fmt.Errorf("page layout %s: %w", sheet, err)
	}
	t := true
	if err := w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &t}); err != nil {
		return fmt.Errorf("sheet props %s: %w", sheet, err)
	}
	m := 0.5
	if err := w.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &[]float64{0.75}[0], Bottom: &[]float64{0.75}[0]}); err != nil {
		return fmt.Errorf("margins %s: %w", sheet, err)
	}
	unit := w.unit.Name
	if w.scope == domain.ScopeTeam {
		unit += " · " + w.teams[0].Name
	}
	page := w.l.T("WorkbookFooterPage", map[string]any{"Page": "&P", "Pages": "&N"})
	err := w.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&8" + hfEscape(w.org.Name) + "&C&8" + hfEscape(unit) + "&R&8&A",
		OddFooter: "&L&8" + hfEscape(w.l.T("WorkbookFooterPeriod", w.data())) + "&R&8" + page,
	})
	if err != nil {
		return fmt.Errorf("header and footer %s: %w", sheet, err)
	}
	if headerRow > 0 {
		err := w.f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: quoteSheet(sheet) + "!$" + itoa(headerRow) + ":$" + itoa(headerRow),
		})
		if err != nil {
			return fmt.Errorf("print titles %s: %w", sheet, err)
		}
	}
	return nil
}

// hfEscape doubles & so that names are not read as header codes.
func hfEscape(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// protect locks a sheet without a password: it prevents accidents, it is
// not security. Users can still select cells and resize rows.
func (w *writer) protect(sheet string) error {
	err := w.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatRows: true,
	})
	if err != nil {
		return fmt.Errorf("protect %s: %w", sheet, err)
	}
	return nil
}
