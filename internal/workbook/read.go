package workbook

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/zipcheck"
)

// Structural findings of the reader (MB03xx, docs/findings.md); those of
// the archive check before parsing are in archive.go.
var (
	FindingNotOurs          = rule{"MB0301", domain.SeverityError, "WorkbookFindingNotOurs"}
	FindingSheetMissing     = rule{"MB0302", domain.SeverityError, "WorkbookFindingSheetMissing"}
	FindingPrefillChanged   = rule{"MB0303", domain.SeverityWarning, "WorkbookFindingPrefillChanged"}
	FindingPrefillEdited    = rule{"MB0303", domain.SeverityWarning, "WorkbookFindingPrefillEdited"}
	FindingConfigChanged    = rule{"MB0316", domain.SeverityWarning, "WorkbookFindingConfigChanged"}
	FindingNotADate         = rule{"MB0304", domain.SeverityError, "WorkbookFindingNotADate"}
	FindingFormula          = rule{"MB0305", domain.SeverityWarning, "WorkbookFindingFormula"}
	FindingExternalLink     = rule{"MB0306", domain.SeverityError, "WorkbookFindingExternalLink"}
	FindingCorrupt          = rule{"MB0309", domain.SeverityError, "WorkbookFindingCorrupt"}
	FindingIdentityMismatch = rule{"MB0311", domain.SeverityWarning, "WorkbookFindingIdentityMismatch"}
	FindingRegionByKey      = rule{"MB0312", domain.SeverityInfo, "WorkbookFindingRegionByKey"}
	FindingRegionMissing    = rule{"MB0313", domain.SeverityError, "WorkbookFindingRegionMissing"}
)

// rule is a kind of finding: code, severity and message.
type rule struct {
	Code      string
	Severity  domain.Severity
	MessageID string
}

func (r rule) at(file, sheet, cell string, data map[string]any) domain.Finding {
	return domain.Finding{Code: r.Code, Severity: r.Severity, Location: domain.Location{File: file, Sheet: sheet, Cell: cell}, MessageID: r.MessageID, Data: data}
}

// excerptLen is how much of what a person typed a finding may quote.
const excerptLen = 40

// ReadOptions control reading.
type ReadOptions struct {
	// Name is the file name that findings carry.
	Name string
	// Limits bound the file before it is parsed (zipcheck); zero fields
	// mean zipcheck.DefaultLimits. excelize gets the same bounds.
	Limits zipcheck.Limits
	// Catalogue holds the labels of both languages; nil means the
	// embedded catalogues.
	Catalogue *i18n.Catalogue
	// Layout is the layout to follow; nil means DefaultLayout.
	Layout *Layout
}

// ReadFile reads the workbook at path; findings name the file by its base
// name. Its signature is validate's ReadFunc.
func ReadFile(path string, org *domain.Organisation) (*domain.Submission, domain.Findings, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read workbook: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("read workbook: %w", err)
	}
	return Read(f, st.Size(), org, ReadOptions{Name: filepath.Base(path)})
}

// Read reads a returned workbook: its identity, then every input region
// through the layout. A workbook that cannot be used gives a nil
// submission and findings saying why; the error is only for failures to
// read r or to load the embedded layout. Read never panics on bad input.
func Read(r io.ReaderAt, size int64, org *domain.Organisation, opts ReadOptions) (sub *domain.Submission, fs domain.Findings, err error) {
	defer func() {
		if p := recover(); p != nil {
			// A crafted file can still trip excelize; it is a damaged
			// workbook, not a crash of the batch. Its data are checked
			// after excelize has unpacked them, so the damage may be one
			// zipcheck names.
			sub, fs, err = finishRefused(damaged(r, size, opts))
		}
	}()
	lay, cat, err := defaults(opts.Layout, opts.Catalogue)
	if err != nil {
		return nil, nil, err
	}
	// zipcheck looks at the archive first, in bounded memory and time:
	// excelize keeps names such as "../x" and unpacks as much as the
	// entries declare, so the declared sizes must be within the limits.
	// excelize also ignores CRC and length errors: once it has unpacked
	// the entries, verifyArchive checks them.
	entries, refused, err := checkArchive(r, size, opts.Name, opts.Limits)
	if err != nil {
		return nil, nil, fmt.Errorf("read workbook: %w", err)
	}
	if refused != nil {
		return nil, domain.Findings{*refused}, nil
	}
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), openOptions(opts.Limits))
	if f != nil {
		defer f.Close()
	}
	if err != nil {
		// Damaged data fail the parser before verifyArchive sees them.
		return finishRefused(damaged(r, size, opts))
	}
	if refused, err = verifyArchive(f, entries, r, size, opts.Name, opts.Limits); refused != nil || err != nil {
		return finishRefused(refused, err)
	}
	if org == nil {
		org = &domain.Organisation{}
	}
	rd := &reader{book: openBook(f, lay, cat), org: org, file: opts.Name}
	if !rd.ours() {
		return nil, append(fs, FindingNotOurs.at(opts.Name, "", "", nil)), nil
	}
	if hasExternalLinks(f) {
		rd.add(FindingExternalLink.at(opts.Name, "", "", nil))
	}
	rd.date1904 = workbookDate1904(f)
	sub = rd.read()
	return sub, append(fs, rd.fs...), nil
}

// damaged returns the finding for a file excelize could not read: the
// archive check's, which says how the file is damaged, or else MB0309 for
// damage only the parser sees.
func damaged(r io.ReaderAt, size int64, opts ReadOptions) (*domain.Finding, error) {
	f, err := archiveFinding(zipcheck.Check(r, size, opts.Limits), opts.Name)
	if f == nil && err == nil {
		fd := FindingCorrupt.at(opts.Name, "", "", nil)
		f = &fd
	}
	return f, err
}

// finishRefused returns Read's results for a file refused with finding f,
// or that could not be read (err).
func finishRefused(f *domain.Finding, err error) (*domain.Submission, domain.Findings, error) {
	if err != nil {
		return nil, nil, fmt.Errorf("read workbook: %w", err)
	}
	return nil, domain.Findings{*f}, nil
}

func defaults(lay *Layout, cat *i18n.Catalogue) (*Layout, *i18n.Catalogue, error) {
	var err error
	if lay == nil {
		if lay, err = DefaultLayout(); err != nil {
			return nil, nil, err
		}
	}
	if cat == nil {
		if cat, err = DefaultCatalogue(); err != nil {
			return nil, nil, err
		}
	}
	return lay, cat, nil
}

func workbookDate1904(f *excelize.File) bool {
	p, err := f.GetWorkbookProps()
	return err == nil && p.Date1904 != nil && *p.Date1904
}

// reader reads one opened workbook.
type reader struct {
	*book
	org      *domain.Organisation
	file     string
	date1904 bool
	fs       domain.Findings
	tc       teamContext
	m        labelMatchers
	content  content
	// contentAt tells where each pre-filled text was read, and
	// regionSheet the sheet each region was found on, for findings.
	contentAt   map[string]domain.Cell
	regionSheet map[string]string
	// damaged holds the sheets already reported as unreadable.
	damaged map[string]bool
}

func (rd *reader) add(f domain.Finding) { rd.fs = append(rd.fs, f) }

// cellError reports, once per sheet, that excelize could not read a
// sheet that exists: its XML is cut off, or a row number is out of range
// (the shapes of recent excelize advisories). Without it such a sheet
// reads as empty and the manager is told to write goals that are there.
// A missing sheet is reported where the region is looked for.
func (rd *reader) cellError(sheet string, err error) {
	var missing excelize.ErrSheetNotExist
	if err == nil || errors.As(err, &missing) || rd.damaged[sheet] {
		return
	}
	if rd.damaged == nil {
		rd.damaged = map[string]bool{}
	}
	rd.damaged[sheet] = true
	// The error is not quoted: it may carry bytes of the file.
	rd.add(FindingCorrupt.at(rd.file, sheet, "", nil))
}

func (rd *reader) read() *domain.Submission {
	rd.checkIdentity()
	rd.tc = rd.context(rd.org)
	ids, _ := rd.unitGoals(rd.org, rd.tc.unit)
	rd.m = newLabelMatchers(rd.cat, rd.org, rd.tc.unit, rd.tc.teams, ids)
	rd.content, rd.contentAt, rd.regionSheet = content{}, map[string]domain.Cell{}, map[string]string{}
	sub := &domain.Submission{Identity: rd.id}
	rd.readHierarchy()
	sub.UnitGoals, sub.UnitGoalCells = rd.readUnitGoals()
	for i, team := range rd.tc.teams {
		if tg, ok := rd.readTeam(i+1, team); ok {
			sub.Teams = append(sub.Teams, tg)
		}
	}
	sub.Criteria = rd.readCriteria()
	rd.checkPrefill()
	return sub
}

// prefilled notes a pre-filled text read at col, row of sheet.
func (rd *reader) prefilled(key, sheet string, col, row int, v string) {
	rd.content.add(key, v)
	rd.contentAt[key] = domain.Cell{Sheet: sheet, Ref: cell(col, row)}
	rd.regionSheet[contentRegion(key)] = sheet
}

// checkPrefill compares the pre-filled texts with the hash the workbook
// was generated with and with the current config. Where they match the
// hash but not the config, the config changed since the workbook was
// generated (MB0316, at each cell, with the text the config now has);
// where they do not match the hash, someone edited grey cells (MB0303,
// at each cell that differs from the config, or for the file when only
// texts from the register differ, which the config cannot tell).
func (rd *reader) checkPrefill() {
	if rd.id.ContentHash == "" {
		return
	}
	edited := rd.content.hash() != rd.id.ContentHash
	found := false
	if rd.tc.unit.ID != "" {
		diffs, want := rd.prefillDiffs()
		for _, k := range diffs {
			found = true
			at, ok := rd.contentAt[k]
			if !ok {
				at.Sheet = rd.regionSheet[contentRegion(k)]
			}
			data := map[string]any{"Now": domain.Excerpt(want[k], excerptLen)}
			if edited {
				rd.add(FindingPrefillEdited.at(rd.file, at.Sheet, at.Ref, data))
			} else {
				rd.add(FindingConfigChanged.at(rd.file, at.Sheet, at.Ref, data))
			}
		}
	}
	if edited && !found {
		rd.add(FindingPrefillChanged.at(rd.file, "", "", nil))
	}
}

// prefillDiffs returns the keys of the pre-filled texts that the config
// decides and that differ from what the workbook holds, in the workbook's
// order: by sheet, then row, texts the workbook lacks last on their sheet;
// and the config's texts.
func (rd *reader) prefillDiffs() ([]string, content) {
	lang := rd.id.Language
	if lang == "" {
		lang = domain.Swedish
	}
	planning := len(rd.org.Rounds) == 0 || rd.org.IsPlanning(rd.id.Round)
	want := configContent(rd.lay, rd.org, rd.tc.unit, rd.cat.Localizer(lang), planning)
	var diffs []string
	for k, v := range want {
		if normText(rd.content[k]) != normText(v) {
			diffs = append(diffs, k)
		}
	}
	for k := range rd.content {
		if _, both := want[k]; !both && fromConfig(k, planning) {
			diffs = append(diffs, k)
		}
	}
	order := func(k string) (int, int) {
		sheet := slices.Index([]string{SheetHierarchy, SheetUnitGoals, SheetCriteria}, contentRegion(k))
		if at, ok := rd.contentAt[k]; ok {
			if _, row, err := excelize.CellNameToCoordinates(at.Ref); err == nil {
				return sheet, row
			}
		}
		return sheet, math.MaxInt
	}
	slices.SortFunc(diffs, func(a, b string) int {
		sa, ra := order(a)
		sb, rb := order(b)
		return cmp.Or(cmp.Compare(sa, sb), cmp.Compare(ra, rb), strings.Compare(a, b))
	})
	return diffs, want
}

// contentRegion returns the region part of a content key
// ("hierarchy/vision/text").
func contentRegion(key string) string {
	r, _, _ := strings.Cut(key, "/")
	return r
}

// fromConfig reports whether the pre-filled text under key comes from the
// config alone (see configContent), not from the register.
func fromConfig(key string, planning bool) bool {
	r := contentRegion(key)
	return r == SheetHierarchy || r == SheetCriteria || planning && r == SheetUnitGoals
}

// checkIdentity reports keys on which the document properties and the
// identity sheet disagree; the sheet wins because it is what the reader
// used.
func (rd *reader) checkIdentity() {
	if len(rd.props) == 0 || len(rd.idSheet) == 0 {
		return
	}
	for _, p := range identityPairs(domain.Identity{}) {
		a, okA := rd.idSheet[p[0]]
		b, okB := rd.props[p[0]]
		if okA && okB && a != b {
			rd.add(FindingIdentityMismatch.at(rd.file, "", "", map[string]any{"Key": p[0]}))
		}
	}
}

// findRegion finds a region and reports how: missing sheet, missing
// table, or found by the key column.
func (rd *reader) findRegion(s *SheetLayout, n int, sheetKey string, isKey func(string) bool) (region, bool) {
	rg, ok := rd.region(s, n, sheetKey, isKey)
	name := rd.lay.RegionName(s, n)
	switch {
	case !ok && !rd.sheets[rg.sheet]:
		rd.add(FindingSheetMissing.at(rd.file, rg.sheet, "", map[string]any{"Sheet": rg.sheet}))
	case !ok:
		rd.add(FindingRegionMissing.at(rd.file, rg.sheet, "", map[string]any{"Name": name}))
	case rg.byKey:
		rd.add(FindingRegionByKey.at(rd.file, rg.sheet, "", map[string]any{"Name": name}))
	}
	return rg, ok
}

func (rd *reader) readHierarchy() {
	s := rd.lay.Sheet(SheetHierarchy)
	rg, ok := rd.region(s, 0, SheetHierarchy, anyKey)
	if !ok {
		return // read-only; its absence only shows in the hash
	}
	tc := rg.c1 + s.ColumnIndex(domain.FieldText) - 1
	for _, r := range rg.rows {
		key := rd.text(rg.sheet, rg.c1, r)
		if key == "" {
			continue
		}
		rd.prefilled(contentKey(SheetHierarchy, key, domain.FieldText), rg.sheet, tc, r, rd.text(rg.sheet, tc, r))
	}
}

// field reads the cell of field f at col, row: its text form (see
// domain.FieldKind) and the text as typed, which tells whether the cell
// is empty and is what pre-filled cells are compared by.
func (rd *reader) field(f *domain.FieldInfo, sheet string, col, row int) (value, typed string) {
	switch f.Kind {
	case domain.KindDate:
		d, raw := rd.date(sheet, col, row)
		return d.String(), raw
	case domain.KindChoice, domain.KindLink:
		v := rd.input(sheet, col, row, f.Key)
		return rd.choice(rd.m.list(f.List), v), v
	}
	v := rd.input(sheet, col, row, f.Key)
	return v, v
}

// readUnitGoals returns the goals typed and where the first row's fields
// are.
func (rd *reader) readUnitGoals() ([]domain.UnitGoal, domain.Cells) {
	s := rd.lay.Sheet(SheetUnitGoals)
	rg, ok := rd.findRegion(s, 0, SheetUnitGoals, slotKey)
	if !ok {
		return nil, nil
	}
	ids, presets := rd.unitGoals(rd.org, rd.tc.unit)
	// Rows inserted inside the table have no slot number: they get the
	// slots after the highest one, so that no two goals share an id.
	slots := make([]int, len(rg.rows))
	last := 0
	for i, r := range rg.rows {
		if n, err := strconv.Atoi(rd.text(rg.sheet, rg.c1, r)); err == nil && n > 0 && n < 1000 {
			slots[i] = n
			last = max(last, n)
		}
	}
	for i := range slots {
		if slots[i] == 0 {
			last++
			slots[i] = last
		}
	}
	var goals []domain.UnitGoal
	var first domain.Cells
	for i, r := range rg.rows {
		slot := slots[i]
		var e domain.Entry[domain.UnitGoal]
		cells := domain.Cells{}
		if i == 0 {
			first = cells
		}
		preset := presets[slot]
		empty := true
		for i, col := range s.Columns {
			f := col.Field()
			if f == nil {
				continue
			}
			c := rg.c1 + i
			cells[col.Key] = domain.Cell{Sheet: rg.sheet, Ref: cell(c, r)}
			v, typed := rd.field(f, rg.sheet, c, r)
			if preset {
				rd.prefilled(contentKey(SheetUnitGoals, strconv.Itoa(slot), col.Key), rg.sheet, c, r, typed)
			}
			if typed != "" {
				empty = false
				rd.lay.unitForm[col.index].Set(&e, v)
			}
		}
		if empty {
			continue
		}
		g := e.Goal
		g.ID, g.Cells, g.Preset = domain.UnitGoalID(slot), cells, preset
		if slot <= len(ids) {
			g.ID = ids[slot-1]
		}
		goals = append(goals, g)
	}
	return goals, first
}

func (rd *reader) readTeam(n int, team domain.Team) (domain.TeamGoals, bool) {
	s := rd.lay.Sheet(SheetTeam)
	tg := domain.TeamGoals{Team: team.ID}
	key := SheetTeam + ":" + strconv.Itoa(n)
	if _, ok := rd.idSheet[idSheetPrefix+key]; !ok && team.Name != "" {
		// Without the identity sheet, the sheet is named after the team
		// as the writer would have named it.
		rd.idSheet[idSheetPrefix+key] = sheetName(team.Name)
	}
	rg, ok := rd.findRegion(s, n, key, fieldKey(s))
	if !ok {
		return tg, false
	}
	// Field rows by key; by place when the key column was cleared.
	rowOf := map[string]int{}
	for i, r := range rg.rows {
		k := rd.text(rg.sheet, 1, r)
		if s.FieldIndex(k) < 0 && i < len(s.Fields) && len(rg.rows) == len(s.Fields) {
			k = s.Fields[i].Key
		}
		if _, dup := rowOf[k]; !dup && s.FieldIndex(k) >= 0 {
			rowOf[k] = r
		}
	}
	tg.Cells = domain.Cells{}
	for k, r := range rowOf {
		tg.Cells[k] = domain.Cell{Sheet: rg.sheet, Ref: cell(rg.c1+2, r)}
	}
	for c := rg.c1 + 2; c <= rg.c2; c++ {
		slot := c - rg.c1 - 1
		var e domain.Entry[domain.TeamGoal]
		cells := domain.Cells{}
		id, preset := rd.teamGoalID(n, slot)
		empty, reviewed := true, false
		for _, fl := range s.Fields {
			f := fl.Field()
			r, ok := rowOf[fl.Key]
			if f == nil || !ok {
				continue // the previous round's rows are shown, never read
			}
			cells[fl.Key] = domain.Cell{Sheet: rg.sheet, Ref: cell(c, r)}
			v, typed := rd.field(f, rg.sheet, c, r)
			if preset && f.Section == domain.SectionPlan {
				rd.prefilled(contentKey(SheetTeam, team.ID, strconv.Itoa(slot), fl.Key), rg.sheet, c, r, typed)
			}
			if typed == "" {
				continue
			}
			empty = false
			reviewed = reviewed || f.Section != domain.SectionPlan
			rd.lay.teamForm[fl.index].Set(&e, v)
		}
		if empty {
			continue
		}
		g := e.Goal
		g.ID, g.Slot, g.Cells = domain.TeamGoalID(team.ID, slot), slot, cells
		if preset {
			g.ID = id
		}
		if reviewed {
			e.Review.Round = rd.id.Round
			g.Reviews = []domain.Review{e.Review}
		}
		tg.Goals = append(tg.Goals, g)
	}
	return tg, true
}

func (rd *reader) readCriteria() []domain.CriterionNote {
	s := rd.lay.Sheet(SheetCriteria)
	rg, ok := rd.findRegion(s, 0, SheetCriteria, anyKey)
	if !ok {
		return nil
	}
	var notes []domain.CriterionNote
	for _, r := range rg.rows {
		key := rd.text(rg.sheet, rg.c1, r)
		own := key == "" || strings.HasPrefix(key, "own:")
		n := domain.CriterionNote{Cells: domain.Cells{}}
		if !own {
			n.Criterion = key
		}
		empty := true
		for i, col := range s.Columns {
			if col.Key == keyKey {
				continue
			}
			c := rg.c1 + i
			f := col.Field()
			if !own && !col.Input() {
				rd.prefilled(contentKey(SheetCriteria, key, col.Key), rg.sheet, c, r, rd.input(rg.sheet, c, r, col.Key))
				continue
			}
			if f == nil {
				continue
			}
			n.Cells[col.Key] = domain.Cell{Sheet: rg.sheet, Ref: cell(c, r)}
			v, typed := rd.field(f, rg.sheet, c, r)
			if typed != "" {
				empty = false
				rd.lay.criterion[col.index].Set(&n, v)
			}
		}
		// Every configured criterion is kept, so that a missing meaning
		// can be reported; empty rows for own criteria are not.
		if own && empty {
			continue
		}
		notes = append(notes, n)
	}
	return notes
}

// choice maps a drop-down label to its id; an unknown label is kept as
// typed so that the rules can report it.
func (rd *reader) choice(m *matcher, v string) string {
	if id, ok := m.match(v); ok {
		return id
	}
	return v
}

// text returns a cell's raw text, trimmed; for keys and pre-filled cells.
func (rd *reader) text(sheet string, col, row int) string {
	v, err := rd.f.GetCellValue(sheet, cell(col, row), excelize.Options{RawCellValue: true})
	if err != nil {
		rd.cellError(sheet, err)
		return ""
	}
	return strings.TrimSpace(v)
}

// externalRef matches references to other workbooks in formulas:
// [1]Sheet!A1 or '[Book.xlsx]Sheet'!A1.
var externalRef = regexp.MustCompile(`\[[^\]]*\]`)

// input returns what a person typed in a cell: text as it was typed,
// numbers as shown (decimal comma in Swedish workbooks). A formula gives
// its cached value and a finding.
func (rd *reader) input(sheet string, col, row int, field string) string {
	ref := cell(col, row)
	raw, err := rd.f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		rd.cellError(sheet, err)
		return ""
	}
	v := raw
	if typ, _ := rd.f.GetCellType(sheet, ref); typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset && isNumber(raw) {
		v = rd.number(sheet, ref, raw)
	}
	v = strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n"))
	if fm, _ := rd.f.GetCellFormula(sheet, ref); fm != "" {
		if externalRef.MatchString(fm) {
			rd.add(FindingExternalLink.at(rd.file, sheet, ref, nil))
		} else {
			rd.add(FindingFormula.at(rd.file, sheet, ref, map[string]any{"Text": domain.Excerpt(v, excerptLen)}))
		}
	}
	return v
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && s != ""
}

// number returns a number as it was shown: the cell's format where it
// has one (a percentage typed as 90 %), with a decimal comma in Swedish
// workbooks.
func (rd *reader) number(sheet, ref, raw string) string {
	shown, err := rd.f.GetCellValue(sheet, ref)
	if err != nil || shown == "" {
		shown = raw
	}
	if rd.id.Language == domain.Swedish && isNumber(strings.TrimSuffix(shown, "%")) {
		shown = strings.Replace(shown, ".", ",", 1)
	}
	return shown
}

// date reads a date cell: a serial number in the workbook's date system,
// or a text date. A cell that holds no date gives a finding; the text is
// returned either way so that the goal is not taken for empty.
func (rd *reader) date(sheet string, col, row int) (domain.Date, string) {
	ref := cell(col, row)
	raw, err := rd.f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	raw = strings.TrimSpace(raw)
	rd.cellError(sheet, err)
	if err != nil || raw == "" {
		return domain.Date{}, ""
	}
	if fm, _ := rd.f.GetCellFormula(sheet, ref); fm != "" {
		rd.add(FindingFormula.at(rd.file, sheet, ref, map[string]any{"Text": domain.Excerpt(raw, excerptLen)}))
	}
	if f, err := strconv.ParseFloat(raw, 64); err == nil {
		if f >= 1 && f < 2958466 { // 9999-12-31
			if t, err := excelize.ExcelDateToTime(f, rd.date1904); err == nil {
				return domain.DateOf(t), raw
			}
		}
	} else if d, ok := ParseTextDate(raw); ok {
		return d, raw
	}
	example := rd.org.PeriodStart
	if example.IsZero() {
		example = domain.NewDate(2027, time.March, 15)
	}
	rd.add(FindingNotADate.at(rd.file, sheet, ref, map[string]any{"Text": domain.Excerpt(raw, excerptLen), "Example": example.String()}))
	return domain.Date{}, raw
}

// months maps Swedish and English month names and abbreviations.
var months = map[string]time.Month{}

func init() {
	names := [][]string{
		{"januari", "january", "jan"}, {"februari", "february", "feb"}, {"mars", "march", "mar"},
		{"april", "apr"}, {"maj", "may"}, {"juni", "june", "jun"}, {"juli", "july", "jul"},
		{"augusti", "august", "aug"}, {"september", "sept", "sep"}, {"oktober", "october", "okt", "oct"},
		{"november", "nov"}, {"december", "dec"},
	}
	for i, ns := range names {
		for _, n := range ns {
			months[n] = time.Month(i + 1)
		}
	}
}

var (
	isoDate   = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ].*)?$`)
	dmyDate   = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$`)
	wordDate  = regexp.MustCompile(`^(\d{1,2})\.?\s+([a-zåäö]+)\.?\s+(\d{4})$`)
	wordDateE = regexp.MustCompile(`^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$`)
)

// ParseTextDate reads the dates people type: 2027-03-15, 2027/3/15,
// 15/3/2027 and 15.3.2027 (day first, as in Sweden), 15 mars 2027 and
// March 15, 2027.
func ParseTextDate(s string) (domain.Date, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	var y, d int
	var m time.Month
	switch {
	case isoDate.MatchString(s):
		p := isoDate.FindStringSubmatch(s)
		y, m, d = atoi(p[1]), time.Month(atoi(p[2])), atoi(p[3])
	case dmyDate.MatchString(s):
		p := dmyDate.FindStringSubmatch(s)
		d, m, y = atoi(p[1]), time.Month(atoi(p[2])), atoi(p[3])
	case wordDate.MatchString(s):
		p := wordDate.FindStringSubmatch(s)
		mm, ok := months[p[2]]
		if !ok {
			return domain.Date{}, false
		}
		d, m, y = atoi(p[1]), mm, atoi(p[3])
	case wordDateE.MatchString(s):
		p := wordDateE.FindStringSubmatch(s)
		mm, ok := months[p[1]]
		if !ok {
			return domain.Date{}, false
		}
		m, d, y = mm, atoi(p[2]), atoi(p[3])
	default:
		return domain.Date{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || t.Day() != d || t.Month() != m {
		return domain.Date{}, false
	}
	return domain.NewDate(y, m, d), true
}
