package orgimport

import (
	"fmt"
	"sort"
	"strings"

	"github.com/malarbete/malarbete/internal/domain"
)

// Field is what a column of the export holds.
type Field string

// The fields an export can fill. Names are those --map accepts.
const (
	FieldDepartment     Field = "department"
	FieldDepartmentCode Field = "department.code"
	FieldUnit           Field = "unit"
	FieldUnitCode       Field = "unit.code"
	FieldTeam           Field = "team"
	FieldTeamCode       Field = "team.code"
	FieldManager        Field = "manager.name"
	FieldManagerFirst   Field = "manager.firstName"
	FieldManagerLast    Field = "manager.lastName"
	FieldEmail          Field = "manager.email"
	FieldLeader         Field = "team.leader"
	// FieldIgnore leaves a column out ("--map Ansvar=-").
	FieldIgnore Field = "-"
)

// Fields lists the fields in the order help texts show them.
var Fields = []Field{FieldDepartment, FieldDepartmentCode, FieldUnit, FieldUnitCode, FieldTeam, FieldTeamCode,
	FieldManager, FieldManagerFirst, FieldManagerLast, FieldEmail, FieldLeader, FieldIgnore}

// fieldAliases are shorter names --map accepts for a field.
var fieldAliases = map[string]Field{
	"department.name": FieldDepartment,
	"unit.name":       FieldUnit,
	"team.name":       FieldTeam,
	"manager":         FieldManager,
	"email":           FieldEmail,
	"leader":          FieldLeader,
	"ignore":          FieldIgnore,
}

// headers are the column names HR systems use, Swedish and English, as
// headerKey normalises them. Heroma, Visma and Personec name the same
// things differently; a code column without a level (Kostnadsställe, Kst,
// Org.enhet, Ansvar) is the unit's, since one row per team still carries
// its unit's cost centre.
var headers = map[Field][]string{
	FieldDepartment: {"forvaltning", "forvaltningsnamn", "verksamhet", "verksamhetsnamn", "verksamhetsomrade",
		"sektor", "department", "departmentname", "division"},
	FieldDepartmentCode: {"forvaltningskod", "forvaltningsnr", "forvaltningsnummer", "verksamhetskod", "verksamhetsnr",
		"verksamhetsnummer", "departmentcode", "departmentid", "divisioncode"},
	FieldUnit: {"enhet", "enhetsnamn", "enhetensnamn", "arbetsplats", "arbetsstalle", "orgenhetnamn", "orgenhetsnamn",
		"organisationsenhetnamn", "unit", "unitname"},
	FieldUnitCode: {"enhetskod", "enhetsnr", "enhetsnummer", "kostnadsstalle", "kst", "kstnr", "orgenhet",
		"orgenhetskod", "organisationsenhet", "ansvar", "ansvarskod", "ansvarsnr", "ansvarsnummer",
		"costcentre", "costcenter", "costcentrecode", "costcentercode", "unitcode", "unitid", "orgunit", "orgunitcode"},
	FieldTeam:         {"arbetslag", "arbetslagsnamn", "arbetsgrupp", "arbetsgruppsnamn", "grupp", "team", "teamname", "workgroup"},
	FieldTeamCode:     {"arbetslagskod", "arbetsgruppskod", "teamcode", "teamid"},
	FieldManager:      {"chef", "chefsnamn", "chefensnamn", "enhetschef", "narmastechef", "ansvarigchef", "manager", "managername", "unitmanager"},
	FieldManagerFirst: {"chefsfornamn", "chefensfornamn", "fornamn", "firstname", "givenname", "managerfirstname"},
	FieldManagerLast:  {"chefsefternamn", "chefensefternamn", "efternamn", "lastname", "surname", "familyname", "managerlastname"},
	FieldEmail: {"epost", "epostadress", "mail", "mailadress", "mejl", "mejladress", "email", "emailaddress",
		"chefensepost", "chefsepost", "epostchef", "manageremail", "managersemail"},
	FieldLeader: {"arbetslagsledare", "lagledare", "teamleader", "teamlead"},
}

var headerField = func() map[string]Field {
	m := map[string]Field{}
	for f, keys := range headers {
		for _, k := range keys {
			m[k] = f
		}
	}
	return m
}()

// headerKey normalises a column name for comparison: case, spacing,
// punctuation and Swedish letters do not matter ("E-post", "e post" and
// "EPOST" are one; "Org.enhet" is "orgenhet").
func headerKey(h string) string {
	return strings.ReplaceAll(domain.Slug(h), "-", "")
}

// MapError is ParseMap's error: a part of --map that is no
// "Column=field" pair or names no field.
type MapError struct {
	Part string
}

func (e *MapError) Error() string {
	return fmt.Sprintf("--map: %q is not Column=field with a field of %s", e.Part, FieldList())
}

// ColumnMap is a parsed --map: which field each named column holds.
type ColumnMap struct {
	fields map[string]Field  // by headerKey
	names  map[string]string // the column as given, by headerKey
}

// ParseMap reads --map: comma-separated "Column=field" pairs, where field
// is one of Fields or its alias. Columns are compared as headers are.
func ParseMap(spec string) (ColumnMap, error) {
	m := ColumnMap{fields: map[string]Field{}, names: map[string]string{}}
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		col, target, ok := strings.Cut(part, "=")
		col, target = strings.TrimSpace(col), strings.TrimSpace(target)
		if !ok || headerKey(col) == "" {
			return ColumnMap{}, &MapError{Part: part}
		}
		f, ok := fieldNamed(target)
		if !ok {
			return ColumnMap{}, &MapError{Part: part}
		}
		m.fields[headerKey(col)] = f
		m.names[headerKey(col)] = col
	}
	return m, nil
}

// FieldList returns the field names --map accepts, comma-separated.
func FieldList() string {
	names := make([]string, len(Fields))
	for i, f := range Fields {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

func fieldNamed(s string) (Field, bool) {
	for _, f := range Fields {
		if strings.EqualFold(s, string(f)) {
			return f, true
		}
	}
	f, ok := fieldAliases[strings.ToLower(s)]
	return f, ok
}

// Column is a column of the export that is used.
type Column struct {
	Index  int
	Header string
	Field  Field
}

// Header is the recognised header row of an export.
type Header struct {
	// Row is the header's row number.
	Row     int
	Columns map[Field]Column
	// Unused names the columns that are not read, in file order.
	Unused []string
}

// Has reports whether the export has a column for f.
func (h *Header) Has(f Field) bool { _, ok := h.Columns[f]; return ok }

// headerSearch is how many rows may precede the header: exports often
// start with a title and a date.
const headerSearch = 10

// findHeader finds the header row: the first of the first rows that has
// a column for the unit's name or code. Columns are known by their
// names or by --map.
func findHeader(t *Table, mapped ColumnMap) (*Header, int, domain.Findings) {
	at := domain.Location{File: t.File}
	for i, row := range t.Rows {
		if i == headerSearch {
			break
		}
		h, fs := readHeader(t.File, row, mapped)
		if !h.Has(FieldUnit) && !h.Has(FieldUnitCode) {
			continue
		}
		return h, i, fs
	}
	return nil, 0, domain.Findings{NoHeader.Finding(at, map[string]any{"Max": headerSearch})}
}

func readHeader(file string, row Row, mapped ColumnMap) (*Header, domain.Findings) {
	h := &Header{Row: row.Line, Columns: map[Field]Column{}}
	var fs domain.Findings
	seen := map[string]bool{}
	for i, name := range row.Cells {
		key := headerKey(name)
		if key == "" {
			continue
		}
		seen[key] = true
		f, ok := mapped.fields[key]
		if !ok {
			f, ok = headerField[key]
		}
		if !ok || f == FieldIgnore {
			h.Unused = append(h.Unused, domain.Excerpt(name, 40))
			continue
		}
		if prev, dup := h.Columns[f]; dup {
			fs = append(fs, DuplicateColumn.Finding(domain.Location{File: file, Line: row.Line},
				map[string]any{"Field": string(f), "Column": domain.Excerpt(name, 40), "Other": prev.Header}))
			continue
		}
		h.Columns[f] = Column{Index: i, Header: domain.Excerpt(name, 40), Field: f}
	}
	// A full name wins over its parts.
	if h.Has(FieldManager) {
		for _, f := range []Field{FieldManagerFirst, FieldManagerLast} {
			if c, ok := h.Columns[f]; ok {
				h.Unused = append(h.Unused, c.Header)
				delete(h.Columns, f)
			}
		}
	}
	var missing []string
	for key, name := range mapped.names {
		if !seen[key] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	for _, name := range missing {
		fs = append(fs, MapColumnMissing.Finding(domain.Location{File: file, Line: row.Line}, map[string]any{"Column": domain.Excerpt(name, 40)}))
	}
	return h, fs
}
