package workbook

import (
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	malarbete "github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/domain"
)

// LayoutFile is the layout's file name in malarbete.Templates.
const LayoutFile = "workbook.yaml"

// Sheet keys of the layout. The reader finds sheets by these keys, never by
// their translated titles.
const (
	SheetInstructions = "instructions"
	SheetHierarchy    = "hierarchy"
	SheetUnitGoals    = "unitGoals"
	// SheetUnitFollowUp takes the place of SheetUnitGoals in follow-up
	// rounds: the unit's goals as columns, each with its review.
	SheetUnitFollowUp = "unitFollowUp"
	SheetTeam         = "team"
	SheetCriteria     = "criteria"
	// SheetTeamGoalsShown and SheetContributions are the sheets of an
	// individual goals workbook (domain.ScopeIndividual): the team's
	// goals, locked, and the employee's own goals linked to them.
	SheetTeamGoalsShown = "teamGoalsShown"
	SheetContributions  = "contributions"
)

// The layout's own keys: columns and rows that hold a record's key, its
// label, its place or pre-filled texts, not a field of the sheet's form.
const (
	keyKey    = "key"
	keyLabel  = "label"
	keySlot   = "slot"
	keyGoal   = "goal"
	keyLevels = "levels"
	// keyPreviousStatus and keyPreviousComment are the rows of a follow-up
	// team sheet that show the earlier round's review
	// (domain.SectionPrevious).
	keyPreviousStatus  = "previousStatus"
	keyPreviousComment = "previousComment"
)

// ownKeys are the layout's own keys each sheet may place besides its
// form's fields.
var ownKeys = map[string][]string{
	SheetInstructions:   {keyLabel, domain.FieldText},
	SheetHierarchy:      {keyKey, keyLabel, domain.FieldText},
	SheetUnitGoals:      {keySlot},
	SheetUnitFollowUp:   {keyKey, keyLabel, keyGoal, keyPreviousStatus, keyPreviousComment},
	SheetTeam:           {keyKey, keyLabel, keyGoal, keyPreviousStatus, keyPreviousComment},
	SheetCriteria:       {keyKey, keyLevels},
	SheetTeamGoalsShown: {keyKey, keyLabel},
	SheetContributions:  {keySlot},
}

// Validation kinds of an input column or field.
const (
	ValidateList       = "list"
	ValidateDate       = "date"
	ValidateTextLength = "textLength"
)

// The forms a sheet can place: the field tables of internal/domain.
const (
	FormUnitGoal  = "unitGoal"
	FormTeamGoal  = "teamGoal"
	FormCriterion = "criterion"
	// FormContribution is an employee's own goal (domain.ContributionFields).
	FormContribution = "contribution"
)

// Layout describes the workbook: its sheets, their regions and the field
// each column or row holds. Writer and reader both follow it. What a
// field is (its kind, list, section, texts) comes from the domain's field
// tables; the layout only places it.
type Layout struct {
	Version       string        `yaml:"version"`
	IdentitySheet string        `yaml:"identitySheet"`
	NamePrefix    string        `yaml:"namePrefix"`
	Sheets        []SheetLayout `yaml:"sheets"`

	// The forms, bound when the layout is loaded.
	unitForm  domain.Fields[domain.Entry[domain.UnitGoal]]
	teamForm  domain.Fields[domain.Entry[domain.TeamGoal]]
	criterion domain.Fields[domain.CriterionNote]
	contrib   domain.Fields[domain.Contribution]
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
	MinHeight float64 `yaml:"minHeight"`
	// Form names the field table the sheet's records follow (FormUnitGoal,
	// FormTeamGoal, FormCriterion); empty for sheets without inputs.
	Form string `yaml:"form"`
	// Sections are the sections of the form the sheet places; every field
	// of them must have its place.
	Sections []domain.Section `yaml:"sections"`
	// Reference marks a sheet that shows some fields of its form, locked,
	// and reads none back: the fields it leaves out need no place.
	Reference bool `yaml:"reference"`
	// Records is the number of empty record rows of a sheet that has no
	// other count (the employee's own goals).
	Records int           `yaml:"records"`
	Columns []Column      `yaml:"columns"`
	Fields  []FieldLayout `yaml:"fields"`
}

// Column is a column of a sheet. On "rows" sheets it is a field.
type Column struct {
	Key string `yaml:"key"`
	// Header is the message id of the header of one of the layout's own
	// columns; a field's header is its Label.
	Header string  `yaml:"header"`
	Width  float64 `yaml:"width"`
	Hidden bool    `yaml:"hidden"`
	placed
}

// FieldLayout is a row of a "columns" sheet: one field of every record.
type FieldLayout struct {
	Key string `yaml:"key"`
	// Header is the message id of the label of one of the layout's own
	// rows; a field's label is its Label.
	Header string  `yaml:"header"`
	Height float64 `yaml:"height"`
	placed
}

// placed is what binding a column or row to its field gives it.
type placed struct {
	// field is the field placed here; nil for the layout's own keys.
	field *domain.FieldInfo
	// index is the field's place in the sheet's form.
	index int
	// section is the field's section, or SectionPrevious for the rows
	// that show the previous round.
	section domain.Section
}

// Field returns the field placed here, or nil for the layout's own keys.
func (p placed) Field() *domain.FieldInfo { return p.field }

// Input reports whether managers fill this place on every record.
func (p placed) Input() bool {
	return p.field != nil && !p.field.Own && p.field.Section != domain.SectionPrevious
}

// Own reports whether the place is typed on the unit's own records and
// pre-filled on the config's.
func (p placed) Own() bool { return p.field != nil && p.field.Own }

// Section is the section of the field placed here; the layout's own
// previous-round rows are domain.SectionPrevious, other own keys none.
func (p placed) Section() domain.Section { return p.section }

// Validation is the kind of data validation the field gets.
func (p placed) Validation() string {
	if p.field == nil {
		return ""
	}
	switch p.field.Kind {
	case domain.KindText:
		return ValidateTextLength
	case domain.KindDate:
		return ValidateDate
	case domain.KindChoice, domain.KindLink:
		return ValidateList
	}
	panic(fmt.Sprintf("field %q: kind %v has no validation", p.field.Key, p.field.Kind))
}

// List is the list a choice or link field draws from.
func (p placed) List() string {
	if p.field == nil {
		return ""
	}
	return p.field.List
}

// Hint is the message id of the input message, or "".
func (p placed) Hint() string {
	if p.field == nil {
		return ""
	}
	return p.field.Hint
}

// Label returns the message id of a column's header.
func (c Column) Label() string {
	if c.field != nil {
		return c.field.Label
	}
	return c.Header
}

// Label returns the message id of a row's label.
func (f FieldLayout) Label() string {
	if f.field != nil {
		return f.field.Label
	}
	return f.Header
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
// misplaced cells, and binds every column and row to its field.
func (l *Layout) check() error {
	if l.Version == "" || l.IdentitySheet == "" || l.NamePrefix == "" {
		return fmt.Errorf("version, identitySheet and namePrefix are required")
	}
	for _, key := range []string{SheetInstructions, SheetHierarchy, SheetUnitGoals, SheetUnitFollowUp, SheetTeam, SheetCriteria, SheetTeamGoalsShown, SheetContributions} {
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
	l.unitForm = domain.Form(domain.UnitGoalFields)
	l.teamForm = domain.Form(domain.TeamGoalFields)
	l.criterion = domain.CriterionFields
	l.contrib = domain.ContributionFields
	forms := map[string][]domain.FieldInfo{
		FormUnitGoal:     l.unitForm.Infos(),
		FormTeamGoal:     l.teamForm.Infos(),
		FormCriterion:    l.criterion.Infos(),
		FormContribution: l.contrib.Infos(),
	}
	want := map[string]string{
		SheetUnitGoals: FormUnitGoal, SheetUnitFollowUp: FormUnitGoal, SheetTeam: FormTeamGoal, SheetCriteria: FormCriterion,
		SheetTeamGoalsShown: FormTeamGoal, SheetContributions: FormContribution,
	}
	for i := range l.Sheets {
		s := &l.Sheets[i]
		if s.Form != want[s.Key] {
			return fmt.Errorf("sheet %q: form %q, want %q", s.Key, s.Form, want[s.Key])
		}
		var places []*placed
		var keys []string
		for j := range s.Columns {
			places, keys = append(places, &s.Columns[j].placed), append(keys, s.Columns[j].Key)
		}
		for j := range s.Fields {
			places, keys = append(places, &s.Fields[j].placed), append(keys, s.Fields[j].Key)
		}
		if err := bind(s, forms[s.Form], places, keys); err != nil {
			return fmt.Errorf("sheet %q: %w", s.Key, err)
		}
	}
	return nil
}

// bind binds each place of sheet s to the field of its key in form, and
// fails on a key that is neither a field of the form's sections nor one of
// the sheet's own keys, and on a field of those sections without a place:
// a field added to the template but not to the table would be written and
// never read, one added to the table but not placed never asked for.
func bind(s *SheetLayout, form []domain.FieldInfo, places []*placed, keys []string) error {
	shown := map[domain.Section]bool{}
	for _, sec := range s.Sections {
		shown[sec] = true
	}
	placedAt := map[string]bool{}
	for i, key := range keys {
		places[i].index = -1
		if placedAt[key] {
			return fmt.Errorf("key %q placed twice", key)
		}
		placedAt[key] = true
		if slices.Contains(ownKeys[s.Key], key) {
			if key == keyPreviousStatus || key == keyPreviousComment {
				if !shown[domain.SectionPrevious] {
					return fmt.Errorf("row %q shows the previous round, which the sheet does not list", key)
				}
				places[i].section = domain.SectionPrevious
			}
			continue
		}
		j := slices.IndexFunc(form, func(f domain.FieldInfo) bool { return f.Key == key })
		if j < 0 {
			return fmt.Errorf("key %q is no field of the %s form and not one of the sheet's own columns", key, s.Form)
		}
		if !shown[form[j].Section] {
			return fmt.Errorf("field %q is of section %q, which the sheet does not list", key, form[j].Section)
		}
		places[i].field, places[i].index, places[i].section = &form[j], j, form[j].Section
	}
	for _, f := range form {
		if shown[f.Section] && !placedAt[f.Key] && !s.Reference {
			return fmt.Errorf("field %q of section %q has no place", f.Key, f.Section)
		}
	}
	return nil
}
