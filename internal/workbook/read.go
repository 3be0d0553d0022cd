package workbook

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/signature"
	"github.com/malarbete/malarbete/internal/zipcheck"
)

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
	// Key verifies the identity's signature (sign.go): a workbook that is
	// unsigned, or whose signature does not hold, is refused. The zero
	// Key checks nothing; the commands always pass the organisation's.
	Key signature.Key
}

// ReadFile reads the workbook at path; findings name the file by its base
// name. Its signature is intake's ReadFunc. It checks no signature: the
// commands read through Reader.
func ReadFile(ctx context.Context, path string, org *domain.Organisation) (*domain.Submission, domain.Findings, error) {
	return readPath(ctx, path, org, ReadOptions{})
}

// readPath reads the workbook at path with opts, Name set to its base name.
func readPath(ctx context.Context, path string, org *domain.Organisation, opts ReadOptions) (*domain.Submission, domain.Findings, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read workbook: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("read workbook: %w", err)
	}
	opts.Name = filepath.Base(path)
	return Read(ctx, f, st.Size(), org, opts)
}

// Read reads a returned workbook: its identity, then every input region
// through the layout. A workbook that cannot be used gives a nil
// submission and findings saying why; the error is only for failures to
// read r or to load the embedded layout, or ctx's error when ctx ended
// the read, which stops at its next sheet or region. Read never panics
// on bad input.
func Read(ctx context.Context, r io.ReaderAt, size int64, org *domain.Organisation, opts ReadOptions) (sub *domain.Submission, fs domain.Findings, err error) {
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
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("read workbook: %w", err)
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
	shape := inspect(f, opts.Name)
	if shape.refused != nil {
		return finishRefused(shape.refused, nil)
	}
	if org == nil {
		org = &domain.Organisation{}
	}
	rd := &reader{ctx: ctx, book: readBook(f, lay, cat), org: org, file: opts.Name}
	if !rd.ours() {
		return nil, append(fs, FindingNotOurs.at(opts.Name, "", "", nil)), nil
	}
	if f := cmp.Or(rd.checkSignature(opts.Key, org, opts.Name), rd.checkFit(opts.Name)); f != nil {
		return nil, append(fs, *f), nil
	}
	rd.note(shape)
	if hasExternalLinks(f) {
		rd.add(FindingExternalLink.at(opts.Name, "", "", nil))
	}
	rd.date1904 = workbookDate1904(f)
	sub = rd.read()
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("read workbook: %w", err)
	}
	sub.Saved = savedAt(f)
	return sub, append(fs, capped(rd.fs, opts.Name)...), nil
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

// savedAt returns when the workbook was last saved, by its document
// properties (dcterms:modified, which Excel, LibreOffice and the writer set);
// zero when they do not say.
func savedAt(f *excelize.File) time.Time {
	p, err := f.GetDocProps()
	if err != nil || p == nil {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(p.Modified))
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

func workbookDate1904(f *excelize.File) bool {
	p, err := f.GetWorkbookProps()
	return err == nil && p.Date1904 != nil && *p.Date1904
}

// reader reads one opened workbook.
type reader struct {
	// ctx ends the read at the next sheet or region when it is done.
	ctx context.Context
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
	// areas holds, per sheet, the cells the writer fills and the reader
	// reads; text elsewhere is reported (outside.go).
	areas map[string][]area
	// missing holds the layout sheets (keys) whose table was not found,
	// reported once; their texts raise nothing more.
	missing map[string]bool
	// unread holds the cells reported as unreadable (not a date); the
	// rules say nothing more about them.
	unread map[domain.Cell]bool
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
	rd.id = currentIDs(rd.id, rd.tc)
	ids, _ := rd.unitGoals(rd.org, rd.tc.unit)
	rd.m = newLabelMatchers(rd.cat, rd.org, rd.tc.unit, rd.tc.teams, ids, func(n, slot int) string {
		if id, ok := rd.teamGoalID(n, slot); ok {
			return id
		}
		return domain.TeamGoalID(rd.tc.teams[n-1].ID, slot)
	})
	rd.content, rd.contentAt, rd.regionSheet = content{}, map[string]domain.Cell{}, map[string]string{}
	if rd.id.Scope == domain.ScopeIndividual {
		return rd.readIndividual()
	}
	sub := &domain.Submission{Identity: rd.id}
	rd.readHierarchy()
	if rd.ctx.Err() != nil {
		return nil
	}
	if rd.followUpBook(rd.org) {
		sub.UnitGoals, sub.UnitGoalCells = rd.readUnitFollowUp()
	} else {
		sub.UnitGoals, sub.UnitGoalCells = rd.readUnitGoals()
	}
	for i, team := range rd.tc.teams {
		if rd.ctx.Err() != nil {
			return nil
		}
		if tg, ok := rd.readTeam(i+1, team); ok {
			sub.Teams = append(sub.Teams, tg)
		}
	}
	if rd.ctx.Err() != nil {
		return nil
	}
	sub.Criteria = rd.readCriteria(sub.Identity.Scope)
	sub.Unread = rd.unread
	rd.checkPrefill()
	rd.checkInstructions()
	rd.checkOutside()
	return sub
}

// prefilled notes a pre-filled text read at col, row of sheet.
func (rd *reader) prefilled(key, sheet string, col, row int, v string) {
	rd.content.add(key, v)
	rd.contentAt[key] = domain.Cell{Sheet: sheet, Ref: cell(col, row)}
	rd.regionSheet[contentRegion(key)] = sheet
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
	if ok {
		rd.known(rg)
	} else {
		if rd.missing == nil {
			rd.missing = map[string]bool{}
		}
		rd.missing[s.Key] = true
	}
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
	rg, ok := rd.findRegion(s, 0, SheetHierarchy, anyKey)
	if !ok {
		return
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

// currentIDs returns the identity with the unit's and teams' ids as the
// config has them now, so that what follows reads a workbook made before a
// reorganisation as one of today's units and teams.
func currentIDs(id domain.Identity, tc teamContext) domain.Identity {
	if tc.unit.ID != "" {
		id.Unit = tc.unit.ID
	}
	id.Teams = nil
	for _, t := range tc.teams {
		id.Teams = append(id.Teams, t.ID)
	}
	return id
}

// followUpBook reports whether the workbook is of a follow-up round, with
// the unit's goals as columns: by its identity sheet, else by its round.
func (b *book) followUpBook(org *domain.Organisation) bool {
	if _, ok := b.idSheet[idSheetPrefix+SheetUnitFollowUp]; ok {
		return true
	}
	if _, ok := b.idSheet[idSheetPrefix+SheetUnitGoals]; ok {
		return false
	}
	_, known := org.Round(b.id.Round)
	return known && !org.IsPlanning(b.id.Round)
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
	tg := domain.TeamGoals{Team: team.ID}
	if _, known := rd.org.Team(team.ID); !known {
		tg.Name = team.Name // a team that has left: its name, for the register
	}
	key := SheetTeam + ":" + strconv.Itoa(n)
	if _, ok := rd.idSheet[idSheetPrefix+key]; !ok && team.Name != "" {
		// Without the identity sheet, the sheet is named after the team
		// as the writer would have named it.
		rd.idSheet[idSheetPrefix+key] = sheetName(team.Name)
	}
	read, cells, ok := readGoalColumns(rd, rd.lay.Sheet(SheetTeam), n, key, rd.lay.teamForm,
		[]string{SheetTeam, team.ID}, func(slot int) (string, bool) { return rd.teamGoalID(n, slot) })
	if !ok {
		return tg, false
	}
	tg.Cells = cells
	for _, cg := range read {
		g := cg.entry.Goal
		g.ID, g.Slot, g.Cells, g.Reviews = domain.TeamGoalID(team.ID, cg.slot), cg.slot, cg.cells, cg.reviews()
		if cg.preset {
			g.ID = cg.id
		}
		tg.Goals = append(tg.Goals, g)
	}
	return tg, true
}

// readUnitFollowUp reads the unit's goals of a follow-up round, each with
// its review, and where the first goal's fields are.
func (rd *reader) readUnitFollowUp() ([]domain.UnitGoal, domain.Cells) {
	ids, _ := rd.unitGoals(rd.org, rd.tc.unit)
	read, cells, ok := readGoalColumns(rd, rd.lay.Sheet(SheetUnitFollowUp), 0, SheetUnitFollowUp, rd.lay.unitForm,
		[]string{SheetUnitFollowUp}, func(slot int) (string, bool) {
			id, ok := rd.idSheet[unitGoalKey(slot)]
			return id, ok
		})
	if !ok {
		return nil, nil
	}
	var goals []domain.UnitGoal
	for _, cg := range read {
		g := cg.entry.Goal
		g.ID, g.Cells, g.Reviews = domain.UnitGoalID(cg.slot), cg.cells, cg.reviews()
		if cg.preset {
			g.ID = cg.id
		} else if cg.slot <= len(ids) {
			g.ID = ids[cg.slot-1]
		}
		goals = append(goals, g)
	}
	return goals, cells
}

// columnGoal is one goal read from a sheet of goals as columns.
type columnGoal[G any] struct {
	entry domain.Entry[G]
	slot  int
	cells domain.Cells
	// id is the identity's ID of a pre-filled goal (preset).
	id       string
	preset   bool
	reviewed bool
	round    string
}

// reviews returns the goal's review of the workbook's round, if any was
// typed.
func (cg columnGoal[G]) reviews() []domain.GoalReview[G] {
	if !cg.reviewed {
		return nil
	}
	r := cg.entry.Review
	r.Round = cg.round
	return []domain.GoalReview[G]{r}
}

// readGoalColumns reads a sheet of goals as columns: each slot's goal with
// its review, and where the first slot's fields are. presetID gives the
// identity's ID of a slot's pre-filled goal; content starts the content
// keys of their texts.
func readGoalColumns[G any](rd *reader, s *SheetLayout, n int, key string, form domain.Fields[domain.Entry[G]], content []string, presetID func(int) (string, bool)) ([]columnGoal[G], domain.Cells, bool) {
	rg, ok := rd.findRegion(s, n, key, fieldKey(s))
	if !ok {
		return nil, nil, false
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
	first := domain.Cells{}
	for k, r := range rowOf {
		first[k] = domain.Cell{Sheet: rg.sheet, Ref: cell(rg.c1+2, r)}
	}
	var goals []columnGoal[G]
	for c := rg.c1 + 2; c <= rg.c2; c++ {
		cg := columnGoal[G]{slot: c - rg.c1 - 1, cells: domain.Cells{}, round: rd.id.Round}
		cg.id, cg.preset = presetID(cg.slot)
		empty := true
		for _, fl := range s.Fields {
			f := fl.Field()
			r, ok := rowOf[fl.Key]
			if f == nil || !ok {
				continue // the previous round's rows are shown, never read
			}
			cg.cells[fl.Key] = domain.Cell{Sheet: rg.sheet, Ref: cell(c, r)}
			v, typed := rd.field(f, rg.sheet, c, r)
			if cg.preset && f.Section == domain.SectionPlan {
				rd.prefilled(contentKey(append(append([]string{}, content...), strconv.Itoa(cg.slot), fl.Key)...), rg.sheet, c, r, typed)
			}
			if typed == "" {
				continue
			}
			empty = false
			cg.reviewed = cg.reviewed || f.Section != domain.SectionPlan
			form[fl.index].Set(&cg.entry, v)
		}
		if !empty {
			goals = append(goals, cg)
		}
	}
	return goals, first, true
}

func (rd *reader) readCriteria(scope domain.Scope) []domain.CriterionNote {
	s := rd.lay.Sheet(SheetCriteria)
	rg, ok := rd.findRegion(s, 0, SheetCriteria, anyKey)
	if !ok {
		return nil
	}
	if scope.LocksCriteria() {
		// A team's own workbook (and an individual one) shows the unit's criteria locked: the
		// unit's manager writes them in the unit's workbook, which collect
		// keeps. Every cell is pre-filled, so an edit is a finding.
		for _, r := range rg.rows {
			key := rd.text(rg.sheet, rg.c1, r)
			for i, col := range s.Columns {
				if col.Key != keyKey {
					c := rg.c1 + i
					rd.prefilled(contentKey(SheetCriteria, key, col.Key), rg.sheet, c, r, rd.input(rg.sheet, c, r, col.Key))
				}
			}
		}
		return nil
	}
	var notes []domain.CriterionNote
	for _, r := range rg.rows {
		key := rd.text(rg.sheet, rg.c1, r)
		ownRow, isOwn := strings.CutPrefix(key, "own:")
		own := key == "" || isOwn
		n := domain.CriterionNote{Cells: domain.Cells{}}
		if !own {
			n.Criterion = key
		} else if k, err := strconv.Atoi(ownRow); err == nil && k > 0 && k < 1000 {
			n.Own = k
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
