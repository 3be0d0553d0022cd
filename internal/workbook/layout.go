package workbook

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	malarbete "github.com/malarbete/malarbete"
)

// LayoutFile is the layout's file name in malarbete.Templates.
const LayoutFile = "workbook.yaml"

// Sheet keys of the layout. The reader finds sheets by these keys, never by
// their translated titles.
const (
	SheetInstructions = "instructions"
	SheetHierarchy    = "hierarchy"
	SheetUnitGoals    = "unitGoals"
	SheetTeam         = "team"
	SheetCriteria     = "criteria"
)

// Column and field keys that are not domain Field* keys: they hold the
// record's key, its label or its place.
const (
	keyKey    = "key"
	keyLabel  = "label"
	keySlot   = "slot"
	keyGoal   = "goal"
	keyLevels = "levels"
	// keyPreviousStatus and keyPreviousComment are the rows of a follow-up
	// team sheet that show the earlier round's review (SectionPrevious).
	keyPreviousStatus  = "previousStatus"
	keyPreviousComment = "previousComment"
)

// Validation kinds of an input column or field.
const (
	ValidateList       = "list"
	ValidateDate       = "date"
	ValidateTextLength = "textLength"
)

// Lists that drop-downs draw from.
const (
	ListValues          = "values"
	ListStatuses        = "statuses"
	ListDepartmentGoals = "departmentGoals"
	ListUnitGoals       = "unitGoals"
	ListTeamGoals       = "teamGoals"
)

// SectionFollowUp marks the fields of a goal's follow-up, greyed out and
// locked in the planning round.
const SectionFollowUp = "followUp"

// SectionRevision marks the fields of a reworded goal; they appear only in
// follow-up rounds.
const SectionRevision = "revision"

// SectionPrevious marks the read-only fields that show a goal's review of
// the round before, from the register: greyed and locked, only in
// follow-up rounds, never read back.
const SectionPrevious = "previous"

// Layout describes the workbook: its sheets, their regions and the field
// each column or row holds. Writer and reader both follow it.
type Layout struct {
	Version       string        `yaml:"version"`
	IdentitySheet string        `yaml:"identitySheet"`
	NamePrefix    string        `yaml:"namePrefix"`
	Sheets        []SheetLayout `yaml:"sheets"`
}

// SheetLayout describes one sheet.
type SheetLayout struct {
	Key string `yaml:"key"`
	// Title is the message id of the sheet's name; team sheets are named
	// after the team.
	Title string `yaml:"title"`
	// Region is the defined name of the sheet's input region without the
	// prefix; "{n}" stands for the team's 1-based place in the workbook.
	Region string `yaml:"region"`
	// Orientation is "rows" when each record (a goal, a criterion) is a
	// row, "columns" when each record is a column and fields are rows.
	Orientation string `yaml:"orientation"`
	// HeaderRow is the 1-based row of the column headers; the region
	// starts on the row below.
	HeaderRow int `yaml:"headerRow"`
	// MinHeight is the height in points of an empty record row.
	MinHeight float64       `yaml:"minHeight"`
	Columns   []Column      `yaml:"columns"`
	Fields    []FieldLayout `yaml:"fields"`
}

// Column is a column of a sheet. On "rows" sheets it is a field.
type Column struct {
	Key    string  `yaml:"key"`
	Header string  `yaml:"header"`
	Hint   string  `yaml:"hint"`
	Width  float64 `yaml:"width"`
	Hidden bool    `yaml:"hidden"`
	// Input marks a column that managers fill.
	Input bool `yaml:"input"`
	// Own marks a column that is pre-filled on the config's rows and an
	// input on the rows left for the unit's own records.
	Own        bool   `yaml:"own"`
	Validation string `yaml:"validation"`
	List       string `yaml:"list"`
}

// FieldLayout is a row of a "columns" sheet: one field of every record.
type FieldLayout struct {
	Key        string  `yaml:"key"`
	Header     string  `yaml:"header"`
	Hint       string  `yaml:"hint"`
	Input      bool    `yaml:"input"`
	Section    string  `yaml:"section"`
	Validation string  `yaml:"validation"`
	List       string  `yaml:"list"`
	Height     float64 `yaml:"height"`
}

// Sheet returns the sheet with key.
func (l *Layout) Sheet(key string) *SheetLayout {
	for i := range l.Sheets {
		if l.Sheets[i].Key == key {
			return &l.Sheets[i]
		}
	}
	return nil
}

// RegionName returns the defined name of a sheet's region; n is the team's
// 1-based place, ignored elsewhere.
func (l *Layout) RegionName(s *SheetLayout, n int) string {
	return l.NamePrefix + strings.ReplaceAll(s.Region, "{n}", strconv.Itoa(n))
}

// ColumnIndex returns the 1-based column of key on a "rows" sheet, or 0.
func (s *SheetLayout) ColumnIndex(key string) int {
	for i, c := range s.Columns {
		if c.Key == key {
			return i + 1
		}
	}
	return 0
}

// FieldIndex returns the 0-based place of field key on a "columns" sheet,
// or -1.
func (s *SheetLayout) FieldIndex(key string) int {
	for i, f := range s.Fields {
		if f.Key == key {
			return i
		}
	}
	return -1
}

var (
	layoutOnce sync.Once
	layoutVal  *Layout
	layoutErr  error
)

// DefaultLayout returns the layout embedded in the binary, parsed once.
func DefaultLayout() (*Layout, error) {
	layoutOnce.Do(func() {
		layoutVal, layoutErr = LoadLayout(malarbete.Templates, LayoutFile)
	})
	return layoutVal, layoutErr
}

// LoadLayout reads and checks a layout file.
func LoadLayout(fsys fs.FS, name string) (*Layout, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read layout: %w", err)
	}
	var l Layout
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("parse layout %s: %w", name, err)
	}
	if err := l.check(); err != nil {
		return nil, fmt.Errorf("layout %s: %w", name, err)
	}
	return &l, nil
}

// check catches the layout mistakes that would otherwise surface as
// misplaced cells.
func (l *Layout) check() error {
	if l.Version == "" || l.IdentitySheet == "" || l.NamePrefix == "" {
		return fmt.Errorf("version, identitySheet and namePrefix are required")
	}
	for _, key := range []string{SheetInstructions, SheetHierarchy, SheetUnitGoals, SheetTeam, SheetCriteria} {
		s := l.Sheet(key)
		if s == nil {
			return fmt.Errorf("sheet %q missing", key)
		}
		if key != SheetInstructions && (s.Region == "" || s.HeaderRow < 1) {
			return fmt.Errorf("sheet %q: region and headerRow are required", key)
		}
		if s.Columns[0].Key != keyKey && s.Columns[0].Key != keySlot && key != SheetInstructions {
			return fmt.Errorf("sheet %q: the first column must be the key column", key)
		}
	}
	for _, f := range l.Sheet(SheetTeam).Fields {
		// The previous round's rows are shown, never answered: the
		// reader ignores them, so an input there would be lost.
		if f.Section == SectionPrevious && (f.Input || f.Validation != "") {
			return fmt.Errorf("field %q: the previous round's rows are read-only", f.Key)
		}
	}
	for _, c := range l.Sheet(SheetUnitGoals).Columns {
		if c.Validation == ValidateList && c.List == "" {
			return fmt.Errorf("column %q: list validation without a list", c.Key)
		}
	}
	return nil
}
