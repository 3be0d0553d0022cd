package workbook

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// region is an input region found in a workbook: the sheet, the columns
// it spans and its rows in order. Rows need not be contiguous when the
// region was found by its key column.
type region struct {
	sheet  string
	c1, c2 int
	rows   []int
	// byKey is set when the defined name was missing or broken.
	byKey bool
}

// book is an opened workbook with what reader and filler share: its
// identity, defined names and the sheets that exist.
type book struct {
	f      *excelize.File
	lay    *Layout
	cat    *i18n.Catalogue
	id     domain.Identity
	sheets map[string]bool
	names  map[string]string
	// idSheet holds the identity sheet's key/value pairs; props the
	// custom properties'.
	idSheet, props map[string]string
	// streamed is set when the book is only read: its sheets are then
	// read from their XML into grids (grid.go), which a workbook being
	// changed (the filler's) would not show.
	streamed bool
	// grids holds the sheets read so far, nil for one the grid could not
	// read; parts names each sheet's part, sst the shared strings.
	grids map[string]*grid
	parts map[string]string
	sst   []string
	sstOK bool
}

func openBook(f *excelize.File, lay *Layout, cat *i18n.Catalogue) *book {
	return newBook(f, lay, cat, false)
}

// readBook opens a workbook that is only read: its sheets are read as
// grids.
func readBook(f *excelize.File, lay *Layout, cat *i18n.Catalogue) *book {
	return newBook(f, lay, cat, true)
}

func newBook(f *excelize.File, lay *Layout, cat *i18n.Catalogue, streamed bool) *book {
	b := &book{f: f, lay: lay, cat: cat, sheets: map[string]bool{}, names: map[string]string{}, idSheet: map[string]string{}, props: map[string]string{}, streamed: streamed}
	for _, s := range f.GetSheetList() {
		b.sheets[s] = true
	}
	for _, dn := range f.GetDefinedName() {
		if dn.Scope == "" || dn.Scope == "Workbook" {
			b.names[strings.ToLower(dn.Name)] = dn.RefersTo
		}
	}
	if props, err := f.GetCustomProps(); err == nil {
		for _, p := range props {
			if k, ok := strings.CutPrefix(p.Name, propPrefix); ok {
				b.props[k] = propString(p.Value)
			}
		}
	}
	if b.sheets[lay.IdentitySheet] {
		if rows, err := b.rows(lay.IdentitySheet); err == nil {
			for _, r := range rows {
				if len(r) >= 2 && r[0] != "" {
					b.idSheet[r[0]] = r[1]
				}
			}
		}
	}
	for _, p := range identityPairs(domain.Identity{}) {
		k := p[0]
		v, ok := b.idSheet[k]
		if !ok {
			v = b.props[k]
		}
		setIdentity(&b.id, k, v)
	}
	return b
}

// propString turns a custom property value into text: programs may save
// a string property back as a number.
func propString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int32:
		return strconv.Itoa(int(x))
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

// ours reports whether the workbook carries an identity of ours.
func (b *book) ours() bool { return b.id.TemplateVersion != "" && b.id.Unit != "" }

// sheetName returns the name of a layout sheet ("unitGoals", "team:2"): from
// the identity sheet, else the title in either language.
func (b *book) sheetName(key string) string {
	if n, ok := b.idSheet[idSheetPrefix+key]; ok && b.sheets[n] {
		return n
	}
	if s := b.lay.Sheet(key); s != nil && s.Title != "" {
		for _, lang := range domain.Langs {
			if n := sheetName(b.cat.Localizer(lang).T(s.Title, nil)); b.sheets[n] {
				return n
			}
		}
	}
	if n, ok := b.idSheet[idSheetPrefix+key]; ok {
		return n // missing; named in findings
	}
	return key
}

// region finds the input region of layout sheet s (team n): by its defined
// name, else by the key column of the sheet named in the identity. isKey
// tells which key-column values belong to the region.
func (b *book) region(s *SheetLayout, n int, sheetKey string, isKey func(string) bool) (region, bool) {
	name := b.lay.RegionName(s, n)
	if ref, ok := b.names[strings.ToLower(name)]; ok {
		if sheet, c1, r1, c2, r2, ok := parseRef(ref); ok && b.sheets[sheet] {
			rg := region{sheet: sheet, c1: c1, c2: min(c2, c1+maxRegionCols)}
			for r := r1; r <= r2 && r-r1 < maxRegionRows; r++ {
				rg.rows = append(rg.rows, r)
			}
			return rg, true
		}
	}
	sheet := b.sheetName(sheetKey)
	if !b.sheets[sheet] {
		return region{sheet: sheet}, false
	}
	rows, err := b.rows(sheet)
	if err != nil {
		return region{sheet: sheet}, false
	}
	rg := region{sheet: sheet, c1: 1, c2: len(s.Columns), byKey: true}
	if s.Orientation == "columns" {
		rg.c2 = 2 + maxTeamSlots(rows)
	}
	for i, r := range rows {
		if i >= s.HeaderRow && len(r) > 0 && isKey(strings.TrimSpace(r[0])) {
			rg.rows = append(rg.rows, i+1)
		}
	}
	return rg, len(rg.rows) > 0
}

// maxRegionRows bounds a region, so that a name pointing at a whole column
// does not make the reader walk a million rows.
const maxRegionRows = 1000

// maxRegionCols bounds a region's columns the same way.
const maxRegionCols = 64

// maxTeamSlots guesses the goal columns of a team sheet from its widest
// row, for the fallback without a defined name.
func maxTeamSlots(rows [][]string) int {
	w := 0
	for _, r := range rows {
		w = max(w, len(r))
	}
	return max(w-2, 1)
}

// parseRef parses 'Sheet'!$A$1:$B$2, Sheet!A1:B2 or Sheet!$A$1 as
// LibreOffice and Excel write them.
func parseRef(ref string) (sheet string, c1, r1, c2, r2 int, ok bool) {
	ref = strings.TrimPrefix(strings.TrimSpace(ref), "=")
	i := strings.LastIndex(ref, "!")
	if i <= 0 {
		return "", 0, 0, 0, 0, false
	}
	sheet, cells := ref[:i], ref[i+1:]
	if len(sheet) >= 2 && sheet[0] == '\'' && sheet[len(sheet)-1] == '\'' {
		sheet = strings.ReplaceAll(sheet[1:len(sheet)-1], "''", "'")
	}
	from, to, found := strings.Cut(strings.ReplaceAll(cells, "$", ""), ":")
	if !found {
		to = from
	}
	var err error
	if c1, r1, err = excelize.CellNameToCoordinates(from); err != nil {
		return "", 0, 0, 0, 0, false
	}
	if c2, r2, err = excelize.CellNameToCoordinates(to); err != nil {
		return "", 0, 0, 0, 0, false
	}
	if c2 < c1 || r2 < r1 {
		return "", 0, 0, 0, 0, false
	}
	return sheet, c1, r1, c2, r2, true
}

// slotKey reports whether s is a slot number, the key of unit goal rows.
func slotKey(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n > 0 && n < 1000
}

// fieldKey returns a key test for the fields of a "columns" sheet.
func fieldKey(s *SheetLayout) func(string) bool {
	return func(k string) bool { return s.FieldIndex(k) >= 0 }
}

// anyKey accepts any non-empty key (hierarchy, criteria).
func anyKey(k string) bool { return k != "" }

// unitGoals returns the id of the unit goal in every slot and which slots
// were pre-filled: the identity's record where the writer left one, else
// the config's presets.
func (b *book) unitGoals(org *domain.Organisation, unit domain.Unit) ([]string, map[int]bool) {
	ids := unitGoalIDs(org, unit)
	preset := map[int]bool{}
	fromIdentity := false
	for slot := 1; slot < 1000; slot++ {
		id, ok := b.idSheet[unitGoalKey(slot)]
		if !ok {
			break
		}
		fromIdentity = true
		for len(ids) < slot {
			ids = append(ids, domain.UnitGoalID(len(ids)+1))
		}
		ids[slot-1], preset[slot] = id, true
	}
	if !fromIdentity {
		for i := range unit.Goals {
			preset[i+1] = true
		}
	}
	return ids, preset
}

// teamGoalID returns the id of a pre-filled goal in slot of the n-th team.
func (b *book) teamGoalID(n, slot int) (string, bool) {
	id, ok := b.idSheet[teamGoalKey(n, slot)]
	return id, ok
}

// teamContext is what labels need to know about the unit and its teams.
type teamContext struct {
	unit  domain.Unit
	teams []domain.Team
}

// context resolves the identity's unit and teams in org; names of teams
// the config does not know stay empty.
func (b *book) context(org *domain.Organisation) teamContext {
	var tc teamContext
	if org == nil {
		org = &domain.Organisation{}
	}
	// Under the ids the config has now: a workbook made before a unit or
	// team got a new id (formerIds) is read as the unit's or team's.
	tc.unit, _ = org.CurrentUnit(b.id.Unit)
	for i, id := range b.id.Teams {
		t, ok := org.CurrentTeam(id)
		if !ok {
			// A team that has left since the workbook was made: read all
			// the same, its goals kept, under the name of its sheet.
			t = domain.Team{ID: id, Unit: b.id.Unit}
			if name, ok := b.idSheet[idSheetPrefix+SheetTeam+":"+strconv.Itoa(i+1)]; ok {
				t.Name = name
			}
		}
		tc.teams = append(tc.teams, t)
	}
	return tc
}

// grid returns the sheet read as a grid, or nil where the book is not
// only read or the grid could not read the sheet's XML: excelize is then
// asked.
func (b *book) grid(sheet string) *grid {
	if !b.streamed {
		return nil
	}
	if g, ok := b.grids[sheet]; ok {
		return g
	}
	if b.grids == nil {
		b.grids = map[string]*grid{}
		b.parts = map[string]string{}
		for _, sp := range sheetParts(b.f) {
			if _, dup := b.parts[sp.name]; !dup {
				b.parts[sp.name] = sp.part
			}
		}
		v, _ := b.f.Pkg.Load("xl/sharedStrings.xml")
		data, _ := v.([]byte)
		b.sst, b.sstOK = sharedStrings(data)
	}
	var g *grid
	if part, ok := b.parts[sheet]; ok && b.sstOK && !b.parsed(part) {
		v, _ := b.f.Pkg.Load(part)
		if data, ok := v.([]byte); ok {
			if gr, ok := readGrid(data, b.sst); ok {
				g = gr
			}
		}
	}
	b.grids[sheet] = g
	return g
}

// parsed reports whether excelize holds the sheet's part decoded, where
// it may differ from the part's bytes.
func (b *book) parsed(part string) bool {
	_, ok := b.f.Sheet.Load(part)
	return ok
}

// rows returns the sheet's values as GetRows gives them with
// RawCellValue.
func (b *book) rows(sheet string) ([][]string, error) {
	if g := b.grid(sheet); g != nil {
		return g.table(), nil
	}
	return b.f.GetRows(sheet, excelize.Options{RawCellValue: true})
}
