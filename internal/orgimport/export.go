package orgimport

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/domain"
)

// MaxName is the longest department, unit, team or person name read: a
// longer cell holds something else (a description, a pasted list).
const MaxName = 200

// Export is the organisation an export describes: its departments, units
// and teams once each, with the row each was first named on.
type Export struct {
	Header      *Header
	Departments []*ExportDepartment
	Units       []*ExportUnit
	Teams       []*ExportTeam
}

// ExportDepartment is a department of the export.
type ExportDepartment struct {
	Name, Code string
	Row        int
}

// ExportUnit is a unit of the export.
type ExportUnit struct {
	Name, Code string
	// Department is nil when the export has no department for it.
	Department *ExportDepartment
	Manager    string
	Email      string
	Row        int
	// ManagerRow and EmailRow are the rows the manager's name and
	// address were read from.
	ManagerRow, EmailRow int
}

// ExportTeam is a team of the export.
type ExportTeam struct {
	Name, Code string
	Unit       *ExportUnit
	Leader     string
	Row        int
}

// record is one row's fields, cleaned.
type record struct {
	row                    int
	dep, depCode           string
	unit, unitCode         string
	team, teamCode         string
	manager, email, leader string
}

// fold makes names compare as people read them: case, Unicode form and
// spacing do not matter.
func fold(s string) string {
	return strings.ToLower(norm.NFC.String(Clean(s)))
}

// parseExport reads the rows below the header into an Export, reporting
// every bad row at once.
func parseExport(t *Table, h *Header, headerIndex int) (*Export, domain.Findings) {
	p := &exportParser{
		file: t.File, h: h, ex: &Export{Header: h},
		depByCode: map[string]*ExportDepartment{}, depByName: map[string]*ExportDepartment{},
		unitByCode: map[string]*ExportUnit{}, unitByName: map[string]*ExportUnit{},
		teamByCode: map[string]*ExportTeam{}, teamByName: map[teamKey]*ExportTeam{},
		unitRows: map[*ExportUnit]int{},
	}
	for _, row := range t.Rows[headerIndex+1:] {
		if r, ok := p.record(row); ok {
			p.add(r)
		}
	}
	return p.ex, p.fs
}

type exportParser struct {
	file string
	h    *Header
	ex   *Export
	fs   domain.Findings

	depByCode, depByName   map[string]*ExportDepartment
	unitByCode, unitByName map[string]*ExportUnit
	teamByCode             map[string]*ExportTeam
	teamByName             map[teamKey]*ExportTeam
	// unitRows remembers a unit's own row (one without a team), to
	// find a unit listed twice in a table of units.
	unitRows map[*ExportUnit]int
}

func (p *exportParser) at(row int) domain.Location { return domain.Location{File: p.file, Line: row} }

// record reads and checks one row's cells. A cell in error is reported
// and read as empty, so that the row still counts in the checks across
// rows (every problem shows in one run); ok is false when the row has no
// unit and is left out.
func (p *exportParser) record(row Row) (record, bool) {
	r := record{row: row.Line}
	ok := true
	get := func(f Field, limit int, check func(string) bool, rule func(col Column) bool) string {
		c, has := p.h.Columns[f]
		if !has {
			return ""
		}
		v := row.Cell(c.Index)
		if v == "" {
			return ""
		}
		if utf8.RuneCountInString(v) > limit {
			p.fs = append(p.fs, TooLong.Finding(p.at(row.Line), map[string]any{"Column": c.Header, "Max": limit}))
			ok = false
			return ""
		}
		if check != nil && !check(v) {
			ok = rule(c) && ok
			return ""
		}
		return v
	}
	badCode := func(c Column) bool {
		p.fs = append(p.fs, BadCode.Finding(p.at(row.Line), map[string]any{"Column": c.Header, "Max": config.MaxCodeLength}))
		return false
	}
	r.dep = get(FieldDepartment, MaxName, nil, nil)
	r.depCode = get(FieldDepartmentCode, maxCell, config.ValidCode, badCode)
	r.unit = get(FieldUnit, MaxName, nil, nil)
	r.unitCode = get(FieldUnitCode, maxCell, config.ValidCode, badCode)
	r.team = get(FieldTeam, MaxName, nil, nil)
	r.teamCode = get(FieldTeamCode, maxCell, config.ValidCode, badCode)
	r.manager = get(FieldManager, MaxName, nil, nil)
	if !p.h.Has(FieldManager) {
		first, last := get(FieldManagerFirst, MaxName, nil, nil), get(FieldManagerLast, MaxName, nil, nil)
		r.manager = strings.TrimSpace(first + " " + last)
	}
	r.email = get(FieldEmail, MaxName, domain.ValidEmail, func(c Column) bool {
		// The address is personal data: the message names the row and
		// the column, not the text.
		p.fs = append(p.fs, BadEmail.Finding(p.at(row.Line), map[string]any{"Column": c.Header}))
		return false
	})
	r.leader = get(FieldLeader, MaxName, nil, nil)

	if r.unit == "" && r.unitCode == "" {
		switch {
		case !ok:
			// The unit's cell was in error and is reported.
		case r.team != "" || r.teamCode != "":
			p.fs = append(p.fs, TeamWithoutUnit.Finding(p.at(row.Line), map[string]any{"Team": domain.Excerpt(r.team+r.teamCode, 40)}))
		case r.dep != "" || r.depCode != "" || r.manager != "" || r.email != "" || r.leader != "":
			p.fs = append(p.fs, RowWithoutUnit.Finding(p.at(row.Line), nil))
		}
		return r, false
	}
	return r, true
}

func (p *exportParser) add(r record) {
	dep, ok := p.department(r)
	if !ok {
		return
	}
	u, ok := p.unit(r, dep)
	if !ok {
		return
	}
	if r.team == "" && r.teamCode == "" {
		return // a unit's own row: a leader on it has no team to lead
	}
	p.team(r, u)
}

// teamKey finds a team by name within its unit: team names such as
// "Arbetslag 1" repeat across units.
type teamKey struct {
	unit *ExportUnit
	name string
}

func (p *exportParser) department(r record) (*ExportDepartment, bool) {
	if r.dep == "" && r.depCode == "" {
		return nil, true
	}
	d := p.depByCode[r.depCode]
	if r.depCode == "" || d == nil {
		d = p.depByName[fold(r.dep)]
	}
	switch {
	case d == nil:
		d = &ExportDepartment{Name: r.dep, Code: r.depCode, Row: r.row}
		p.ex.Departments = append(p.ex.Departments, d)
	case r.depCode != "" && d.Code != "" && r.depCode != d.Code:
		p.fs = append(p.fs, DuplicateDepartment.Finding(p.at(r.row), map[string]any{"Name": domain.Excerpt(r.dep, 40), "Other": d.Row}))
		return nil, false
	case r.dep != "" && d.Name != "" && fold(r.dep) != fold(d.Name):
		p.fs = append(p.fs, CodeTwoNames.Finding(p.at(r.row), map[string]any{"Code": r.depCode, "Other": d.Row}))
		return nil, false
	}
	if d.Code == "" {
		d.Code = r.depCode
	}
	if d.Name == "" {
		d.Name = r.dep
	}
	if d.Code != "" {
		p.depByCode[d.Code] = d
	}
	if d.Name != "" {
		p.depByName[fold(d.Name)] = d
	}
	return d, true
}

func (p *exportParser) unit(r record, dep *ExportDepartment) (*ExportUnit, bool) {
	u := p.unitByCode[r.unitCode]
	if r.unitCode == "" || u == nil {
		u = p.unitByName[fold(r.unit)]
		if r.unit == "" {
			u = nil
		}
	}
	switch {
	case u == nil:
		u = &ExportUnit{Name: r.unit, Code: r.unitCode, Department: dep, Row: r.row}
		p.ex.Units = append(p.ex.Units, u)
	case r.unitCode != "" && u.Code != "" && r.unitCode != u.Code:
		p.fs = append(p.fs, DuplicateUnit.Finding(p.at(r.row), map[string]any{"Name": domain.Excerpt(r.unit, 40), "Other": u.Row}))
		return nil, false
	case r.unit != "" && u.Name != "" && fold(r.unit) != fold(u.Name):
		p.fs = append(p.fs, CodeTwoNames.Finding(p.at(r.row), map[string]any{"Code": r.unitCode, "Other": u.Row}))
		return nil, false
	case dep != nil && u.Department != nil && dep != u.Department:
		p.fs = append(p.fs, UnitTwoDepartments.Finding(p.at(r.row), map[string]any{"Unit": domain.Excerpt(u.Name, 40), "Other": u.Row}))
		return nil, false
	}
	if u.Code == "" {
		u.Code = r.unitCode
	}
	if u.Name == "" {
		u.Name = r.unit
	}
	if u.Department == nil {
		u.Department = dep
	}
	if !p.setManager(r, u) {
		return nil, false
	}
	if u.Code != "" {
		p.unitByCode[u.Code] = u
	}
	if u.Name != "" {
		p.unitByName[fold(u.Name)] = u
	}
	if r.team == "" && r.teamCode == "" {
		if prev, seen := p.unitRows[u]; seen && !p.h.Has(FieldTeam) {
			p.fs = append(p.fs, DuplicateUnit.Finding(p.at(r.row), map[string]any{"Name": domain.Excerpt(u.Name, 40), "Other": prev}))
			return nil, false
		}
		p.unitRows[u] = r.row
	}
	return u, true
}

// setManager takes the manager from a row; rows of one unit must agree.
func (p *exportParser) setManager(r record, u *ExportUnit) bool {
	conflict := func(f Field, other int) bool {
		p.fs = append(p.fs, UnitTwoManagers.Finding(p.at(r.row), map[string]any{
			"Unit": domain.Excerpt(u.Name, 40), "Column": p.h.Columns[f].Header, "Other": other}))
		return false
	}
	if r.manager != "" {
		switch {
		case u.Manager == "":
			u.Manager, u.ManagerRow = r.manager, r.row
		case fold(u.Manager) != fold(r.manager):
			f := FieldManager
			if !p.h.Has(f) {
				f = FieldManagerLast
			}
			return conflict(f, u.ManagerRow)
		}
	}
	if r.email != "" {
		switch {
		case u.Email == "":
			u.Email, u.EmailRow = r.email, r.row
		case !strings.EqualFold(u.Email, r.email):
			return conflict(FieldEmail, u.EmailRow)
		}
	}
	return true
}

func (p *exportParser) team(r record, u *ExportUnit) {
	byName := teamKey{u, fold(r.team)}
	t := p.teamByCode[r.teamCode]
	if r.teamCode == "" || t == nil {
		t = p.teamByName[byName]
		if r.team == "" {
			t = nil
		}
	}
	switch {
	case t == nil:
	case r.team != "" && t.Name != "" && fold(r.team) != fold(t.Name):
		p.fs = append(p.fs, CodeTwoNames.Finding(p.at(r.row), map[string]any{"Code": r.teamCode, "Other": t.Row}))
		return
	default:
		// The same team twice, in one unit or in two.
		p.fs = append(p.fs, DuplicateTeam.Finding(p.at(r.row), map[string]any{"Name": domain.Excerpt(r.team, 40), "Other": t.Row}))
		return
	}
	t = &ExportTeam{Name: r.team, Code: r.teamCode, Unit: u, Leader: r.leader, Row: r.row}
	p.ex.Teams = append(p.ex.Teams, t)
	if t.Code != "" {
		p.teamByCode[t.Code] = t
	}
	if t.Name != "" {
		p.teamByName[byName] = t
	}
}
