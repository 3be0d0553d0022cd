package orgimport

import (
	"strconv"
	"strings"

	"github.com/malarbete/malarbete/internal/domain"
)

// Level is where in the hierarchy a change applies.
type Level string

// The levels import changes.
const (
	LevelDepartment Level = "department"
	LevelUnit       Level = "unit"
	LevelTeam       Level = "team"
)

// ChangeKind says what a change does.
type ChangeKind string

// The kinds of change, in the order the summary lists them.
const (
	Added      ChangeKind = "added"
	Renamed    ChangeKind = "renamed"
	Moved      ChangeKind = "moved"
	NewManager ChangeKind = "new-manager"
	NewEmail   ChangeKind = "new-email"
	NewLeader  ChangeKind = "new-leader"
	Removed    ChangeKind = "removed"
	// Absent: not in the export and kept, since --prune was not given.
	Absent ChangeKind = "absent"
	// KeptGoals: not in the export, and kept although --prune was given,
	// because the register holds goals collected for it.
	KeptGoals ChangeKind = "kept-goals"
)

// ChangeKinds lists the kinds in the summary's order.
var ChangeKinds = []ChangeKind{Added, Renamed, Moved, NewManager, NewEmail, NewLeader, Removed, KeptGoals, Absent}

// Change is one difference between the config and the export. It names
// departments, units and teams, which are not personal data; a change of
// manager or leader names the row and column only.
type Change struct {
	Kind  ChangeKind
	Level Level
	ID    string
	// Name is the name after the change (before it, for Removed and
	// Absent).
	Name string
	// Old is the name before a rename, or the department or unit a move
	// leaves.
	Old string
	// Parent is the department or unit an added or moved entry is in.
	Parent string
	// Row is the export's row the change comes from (0 for Removed and
	// the like).
	Row int
	// Column is the export's column a new manager, address or leader was
	// read from.
	Column string
}

// entry is a department, unit or team of the config after import: an
// existing one (index ≥ 0, its place in the config's list) or a new one.
type entry[T any] struct {
	index int
	value T
	// remove drops the entry from the config.
	remove bool
	// writeID asks for the id to be written out: the id of an existing
	// entry that was derived from a name that now changes, or a new one.
	writeID bool
	// after is the id of the entry a new one is written after; "" for
	// the end of the list.
	after string
	// inExport marks an entry the export names.
	inExport bool
}

// plan is the config's departments, units and teams after import.
type plan struct {
	departments []*entry[domain.Department]
	units       []*entry[domain.Unit]
	teams       []*entry[domain.Team]
	changes     []Change
	codes       int
}

// planner matches an export against the config.
type planner struct {
	org  *domain.Organisation
	ex   *Export
	opts Options
	// explicit tells which entries have their id written in the config,
	// by level and index.
	explicit map[Level][]bool
	file     string
	fs       domain.Findings
	p        plan
	ids      map[string]bool
	// matched entries of the export, to the plan's entries.
	dep  map[*ExportDepartment]*entry[domain.Department]
	unit map[*ExportUnit]*entry[domain.Unit]
}

func (pl *planner) at(row int) domain.Location { return domain.Location{File: pl.file, Line: row} }

func (pl *planner) change(c Change) { pl.p.changes = append(pl.p.changes, c) }

// makePlan matches the export's entries with the config's, by code and
// then by name, and decides what is added, changed and removed.
func makePlan(org *domain.Organisation, ex *Export, file string, explicit map[Level][]bool, opts Options) (*plan, domain.Findings) {
	pl := &planner{org: org, ex: ex, opts: opts, explicit: explicit, file: file, ids: map[string]bool{},
		dep: map[*ExportDepartment]*entry[domain.Department]{}, unit: map[*ExportUnit]*entry[domain.Unit]{}}
	for i, d := range org.Departments {
		pl.p.departments = append(pl.p.departments, &entry[domain.Department]{index: i, value: d})
		pl.ids[d.ID] = true
	}
	for i, u := range org.Units {
		pl.p.units = append(pl.p.units, &entry[domain.Unit]{index: i, value: u})
		pl.ids[u.ID] = true
	}
	for i, t := range org.Teams {
		pl.p.teams = append(pl.p.teams, &entry[domain.Team]{index: i, value: t})
		pl.ids[t.ID] = true
	}
	pl.departments()
	pl.units()
	if ex.Header.Has(FieldTeam) || ex.Header.Has(FieldTeamCode) {
		pl.teams()
	}
	pl.absent()
	// The config needs at least one team; --prune must not take the last.
	left := 0
	for _, e := range pl.p.teams {
		if !e.remove {
			left++
		}
	}
	if left == 0 {
		pl.fs = append(pl.fs, NoTeamsLeft.Finding(domain.Location{File: file}, nil))
	}
	return &pl.p, pl.fs
}

// match pairs export items with plan entries: first by code, then by
// folded name among the entries left. within limits which entries a name
// may match; prefer narrows a name found more than once. It returns the
// pairs and the export items left unmatched; a name that stays ambiguous
// is reported and left out of both.
func match[X any, T any](items []X, entries []*entry[T], code, name func(X) string, ecode, ename func(T) string,
	within, prefer func(X, T) bool, ambiguous func(X, []*entry[T])) (map[int]*entry[T], []int) {
	claimed := map[*entry[T]]bool{}
	pairs := map[int]*entry[T]{}
	for i, x := range items {
		if code(x) == "" {
			continue
		}
		for _, e := range entries {
			if e.index >= 0 && !claimed[e] && ecode(e.value) == code(x) {
				pairs[i], claimed[e] = e, true
				break
			}
		}
	}
	var left []int
	for i, x := range items {
		if _, ok := pairs[i]; ok {
			continue
		}
		var cands []*entry[T]
		if name(x) != "" {
			for _, e := range entries {
				if e.index >= 0 && !claimed[e] && fold(ename(e.value)) == fold(name(x)) && (within == nil || within(x, e.value)) {
					cands = append(cands, e)
				}
			}
		}
		if len(cands) > 1 && prefer != nil {
			var in []*entry[T]
			for _, e := range cands {
				if prefer(x, e.value) {
					in = append(in, e)
				}
			}
			if len(in) > 0 {
				cands = in
			}
		}
		switch len(cands) {
		case 0:
			left = append(left, i)
		case 1:
			pairs[i], claimed[cands[0]] = cands[0], true
		default:
			ambiguous(x, cands)
		}
	}
	for _, e := range pairs {
		e.inExport = true
	}
	return pairs, left
}

// added lists a new entry; its code, if any, counts among those stored.
func (pl *planner) added(c Change, code string) {
	pl.change(c)
	if code != "" {
		pl.p.codes++
	}
}

// rename takes a matched entry's name from the export: names that differ
// only in case or spacing stay as the config writes them (an export in
// capitals does not rename everything). The id stays.
func rename[T any](pl *planner, level Level, e *entry[T], id string, name *string, to string, row int) {
	if to == "" || fold(to) == fold(*name) {
		return
	}
	pl.change(Change{Kind: Renamed, Level: level, ID: id, Name: to, Old: *name, Row: row})
	pl.keepID(level, e.index, id, &e.writeID, row)
	*name = to
}

func (pl *planner) ambiguousIDs(row int, name string, ids []string) {
	pl.fs = append(pl.fs, AmbiguousName.Finding(pl.at(row), map[string]any{"Name": domain.Excerpt(name, 40), "IDs": strings.Join(ids, ", ")}))
}

func (pl *planner) departments() {
	pairs, left := match(pl.ex.Departments, pl.p.departments,
		func(x *ExportDepartment) string { return x.Code }, func(x *ExportDepartment) string { return x.Name },
		func(d domain.Department) string { return d.Code }, func(d domain.Department) string { return d.Name },
		nil, nil, func(x *ExportDepartment, es []*entry[domain.Department]) {
			pl.ambiguousIDs(x.Row, x.Name, entryIDs(es, func(d domain.Department) string { return d.ID }))
		})
	for i, x := range pl.ex.Departments {
		e, ok := pairs[i]
		if !ok {
			continue
		}
		pl.dep[x] = e
		d := &e.value
		rename(pl, LevelDepartment, e, d.ID, &d.Name, x.Name, x.Row)
		pl.setCode(&d.Code, x.Code)
	}
	for _, i := range left {
		x := pl.ex.Departments[i]
		if x.Name == "" {
			pl.fs = append(pl.fs, NewWithoutName.Finding(pl.at(x.Row), map[string]any{"Code": x.Code}))
			continue
		}
		id, ok := pl.newID(x.Name, x.Code, x.Row)
		if !ok {
			continue
		}
		d := domain.Department{ID: id, Code: x.Code, Name: x.Name,
			Goals: []domain.DepartmentGoal{{ID: id + "-1", Text: pl.opts.DepartmentGoal}}}
		e := &entry[domain.Department]{index: -1, value: d, writeID: true, inExport: true}
		pl.p.departments = append(pl.p.departments, e)
		pl.dep[x] = e
		pl.added(Change{Kind: Added, Level: LevelDepartment, ID: id, Name: x.Name, Row: x.Row}, x.Code)
	}
}

func (pl *planner) units() {
	depID := func(x *ExportUnit) string {
		if e := pl.dep[x.Department]; e != nil {
			return e.value.ID
		}
		return ""
	}
	pairs, left := match(pl.ex.Units, pl.p.units,
		func(x *ExportUnit) string { return x.Code }, func(x *ExportUnit) string { return x.Name },
		func(u domain.Unit) string { return u.Code }, func(u domain.Unit) string { return u.Name },
		nil, func(x *ExportUnit, u domain.Unit) bool { return u.Department == depID(x) },
		func(x *ExportUnit, es []*entry[domain.Unit]) {
			pl.ambiguousIDs(x.Row, x.Name, entryIDs(es, func(u domain.Unit) string { return u.ID }))
		})
	for i, x := range pl.ex.Units {
		e, ok := pairs[i]
		if !ok {
			continue
		}
		pl.unit[x] = e
		u := &e.value
		rename(pl, LevelUnit, e, u.ID, &u.Name, x.Name, x.Row)
		if to := depID(x); to != "" && to != u.Department {
			if hasDepartmentGoalRefs(*u) {
				pl.fs = append(pl.fs, MovedUnitGoals.Finding(pl.at(x.Row), map[string]any{"Unit": domain.Excerpt(u.Name, 40)}))
			}
			pl.change(Change{Kind: Moved, Level: LevelUnit, ID: u.ID, Name: u.Name, Old: pl.departmentName(u.Department), Parent: pl.departmentName(to), Row: x.Row})
			u.Department = to
		}
		pl.setManager(u, x)
		pl.setCode(&u.Code, x.Code)
	}
	for _, i := range left {
		x := pl.ex.Units[i]
		to := depID(x)
		switch {
		case x.Name == "":
			pl.fs = append(pl.fs, NewWithoutName.Finding(pl.at(x.Row), map[string]any{"Code": x.Code}))
			continue
		case to == "":
			pl.fs = append(pl.fs, NewUnitNoDepartment.Finding(pl.at(x.Row), map[string]any{"Unit": domain.Excerpt(x.Name, 40)}))
			continue
		case x.Manager == "" || x.Email == "":
			pl.fs = append(pl.fs, NewUnitNoManager.Finding(pl.at(x.Row), map[string]any{"Unit": domain.Excerpt(x.Name, 40)}))
			continue
		}
		id, ok := pl.newID(x.Name, x.Code, x.Row)
		if !ok {
			continue
		}
		u := domain.Unit{ID: id, Code: x.Code, Name: x.Name, Department: to, Manager: domain.Contact{Name: x.Manager, Email: x.Email}}
		// A new unit goes after the last unit of its department, where a
		// reader of the file looks for it.
		e := &entry[domain.Unit]{index: -1, value: u, writeID: true, after: pl.lastUnitOf(to), inExport: true}
		pl.p.units = append(pl.p.units, e)
		pl.unit[x] = e
		pl.added(Change{Kind: Added, Level: LevelUnit, ID: id, Name: x.Name, Parent: pl.departmentName(to), Row: x.Row}, x.Code)
	}
}

// setManager takes the manager's name and address from the export where
// it has them; an empty cell keeps what the config says.
func (pl *planner) setManager(u *domain.Unit, x *ExportUnit) {
	h := pl.ex.Header
	column := func(fs ...Field) string {
		for _, f := range fs {
			if c, ok := h.Columns[f]; ok {
				return c.Header
			}
		}
		return ""
	}
	if x.Manager != "" && fold(x.Manager) != fold(u.Manager.Name) {
		u.Manager.Name = x.Manager
		pl.change(Change{Kind: NewManager, Level: LevelUnit, ID: u.ID, Name: u.Name, Row: x.ManagerRow, Column: column(FieldManager, FieldManagerLast, FieldManagerFirst)})
		if x.Email == "" {
			// The old manager's address would receive the workbook.
			pl.fs = append(pl.fs, ManagerNoEmail.Finding(pl.at(x.ManagerRow), map[string]any{"Unit": domain.Excerpt(u.Name, 40)}))
		}
	}
	if x.Email != "" && !strings.EqualFold(x.Email, u.Manager.Email) {
		u.Manager.Email = x.Email
		pl.change(Change{Kind: NewEmail, Level: LevelUnit, ID: u.ID, Name: u.Name, Row: x.EmailRow, Column: column(FieldEmail)})
	}
}

func (pl *planner) teams() {
	unitID := func(x *ExportTeam) string {
		if e := pl.unit[x.Unit]; e != nil {
			return e.value.ID
		}
		return ""
	}
	// Team names repeat across units ("Arbetslag 1"), so a name only
	// matches a team of the same unit; a code matches anywhere.
	pairs, left := match(pl.ex.Teams, pl.p.teams,
		func(x *ExportTeam) string { return x.Code }, func(x *ExportTeam) string { return x.Name },
		func(t domain.Team) string { return t.Code }, func(t domain.Team) string { return t.Name },
		func(x *ExportTeam, t domain.Team) bool { return t.Unit == unitID(x) }, nil,
		func(x *ExportTeam, es []*entry[domain.Team]) {
			pl.ambiguousIDs(x.Row, x.Name, entryIDs(es, func(t domain.Team) string { return t.ID }))
		})
	for i, x := range pl.ex.Teams {
		e, ok := pairs[i]
		to := unitID(x)
		if !ok || to == "" {
			continue
		}
		t := &e.value
		rename(pl, LevelTeam, e, t.ID, &t.Name, x.Name, x.Row)
		if to != t.Unit {
			pl.change(Change{Kind: Moved, Level: LevelTeam, ID: t.ID, Name: t.Name, Old: pl.unitName(t.Unit), Parent: pl.unitName(to), Row: x.Row})
			pl.keepID(LevelTeam, e.index, t.ID, &e.writeID, x.Row)
			t.Unit = to
		}
		if x.Leader != "" && x.Leader != t.Leader {
			t.Leader = x.Leader
			pl.change(Change{Kind: NewLeader, Level: LevelTeam, ID: t.ID, Name: t.Name, Row: x.Row, Column: pl.ex.Header.Columns[FieldLeader].Header})
		}
		pl.setCode(&t.Code, x.Code)
	}
	for _, i := range left {
		x := pl.ex.Teams[i]
		to := unitID(x)
		if to == "" {
			continue // the unit's row has the finding
		}
		if x.Name == "" {
			pl.fs = append(pl.fs, NewWithoutName.Finding(pl.at(x.Row), map[string]any{"Code": x.Code}))
			continue
		}
		// Derived as the config derives a team's id: from its unit's id
		// and its name.
		id, ok := pl.newID(to+" "+x.Name, x.Code, x.Row)
		if !ok {
			continue
		}
		t := domain.Team{ID: id, Code: x.Code, Name: x.Name, Unit: to, Leader: x.Leader}
		e := &entry[domain.Team]{index: -1, value: t, writeID: true, after: pl.lastTeamOf(to), inExport: true}
		pl.p.teams = append(pl.p.teams, e)
		pl.added(Change{Kind: Added, Level: LevelTeam, ID: id, Name: x.Name, Parent: pl.unitName(to), Row: x.Row}, x.Code)
	}
}

// absent decides about what the config has and the export does not:
// listed, and with --prune removed unless the register holds goals for
// it. Levels the export has no column for are left alone.
func (pl *planner) absent() {
	h := pl.ex.Header
	removed := map[string]bool{}
	for _, e := range pl.p.units {
		if e.inExport {
			continue
		}
		u := e.value
		switch {
		case !pl.opts.Prune:
			pl.change(Change{Kind: Absent, Level: LevelUnit, ID: u.ID, Name: u.Name})
		case pl.unitHasGoals(u.ID):
			pl.change(Change{Kind: KeptGoals, Level: LevelUnit, ID: u.ID, Name: u.Name})
		default:
			e.remove, removed[u.ID] = true, true
			pl.change(Change{Kind: Removed, Level: LevelUnit, ID: u.ID, Name: u.Name})
		}
	}
	teamsRead := h.Has(FieldTeam) || h.Has(FieldTeamCode)
	for _, e := range pl.p.teams {
		t := e.value
		switch {
		case e.inExport:
		case removed[t.Unit]:
			// A team goes with its unit.
			e.remove = true
			pl.change(Change{Kind: Removed, Level: LevelTeam, ID: t.ID, Name: t.Name, Parent: pl.unitName(t.Unit)})
		case !teamsRead || !pl.unitInExport(t.Unit):
			// The export says nothing about this unit's teams.
		case !pl.opts.Prune:
			pl.change(Change{Kind: Absent, Level: LevelTeam, ID: t.ID, Name: t.Name, Parent: pl.unitName(t.Unit)})
		case pl.teamHasGoals(t.Unit, t.ID):
			pl.change(Change{Kind: KeptGoals, Level: LevelTeam, ID: t.ID, Name: t.Name, Parent: pl.unitName(t.Unit)})
		default:
			e.remove = true
			pl.change(Change{Kind: Removed, Level: LevelTeam, ID: t.ID, Name: t.Name, Parent: pl.unitName(t.Unit)})
		}
	}
	if !h.Has(FieldDepartment) && !h.Has(FieldDepartmentCode) {
		return
	}
	for _, e := range pl.p.departments {
		if e.inExport {
			continue
		}
		d := e.value
		if pl.opts.Prune && !pl.hasUnits(d.ID) {
			e.remove = true
			pl.change(Change{Kind: Removed, Level: LevelDepartment, ID: d.ID, Name: d.Name})
			continue
		}
		pl.change(Change{Kind: Absent, Level: LevelDepartment, ID: d.ID, Name: d.Name})
	}
}

func (pl *planner) unitInExport(id string) bool {
	for _, e := range pl.p.units {
		if e.value.ID == id {
			return e.inExport
		}
	}
	return false
}

func (pl *planner) hasUnits(depID string) bool {
	for _, e := range pl.p.units {
		if !e.remove && e.value.Department == depID {
			return true
		}
	}
	return false
}

// unitHasGoals reports whether the register holds goals collected from
// the unit, its own or its teams'.
func (pl *planner) unitHasGoals(id string) bool {
	if pl.opts.Register == nil {
		return false
	}
	rec, ok := pl.opts.Register.Unit(id)
	if !ok {
		return false
	}
	if len(rec.Goals) > 0 {
		return true
	}
	for _, t := range rec.Teams {
		if len(t.Goals) > 0 {
			return true
		}
	}
	return false
}

func (pl *planner) teamHasGoals(unit, team string) bool {
	if pl.opts.Register == nil {
		return false
	}
	rec, ok := pl.opts.Register.Unit(unit)
	if !ok {
		return false
	}
	for _, t := range rec.Teams {
		if t.Team == team && len(t.Goals) > 0 {
			return true
		}
	}
	return false
}

// keepID makes sure an existing entry keeps its id when its name (or a
// team's unit) changes: an id derived from them is written out first. An
// id derived from a name too long to be written as an id cannot be kept.
func (pl *planner) keepID(level Level, index int, id string, writeID *bool, row int) {
	if index < 0 || pl.explicit[level][index] {
		return
	}
	if !domain.ValidID(id) {
		pl.fs = append(pl.fs, IDNotKept.Finding(pl.at(row), map[string]any{"ID": domain.Excerpt(id, 40)}))
		return
	}
	*writeID = true
}

// setCode stores the export's code, so that the next import matches by
// it; an empty cell keeps the config's.
func (pl *planner) setCode(code *string, from string) {
	if from != "" && from != *code {
		*code = from
		pl.p.codes++
	}
}

// newID derives a new entry's id as the config does (domain.Slug of the
// name), shortened to what an id may be and made unique with -2, -3, …;
// from the code when the name has no letters or digits.
func (pl *planner) newID(name, code string, row int) (string, bool) {
	base := shorten(domain.Slug(name))
	if base == "" {
		base = shorten(domain.Slug(code))
	}
	if base == "" {
		pl.fs = append(pl.fs, NoID.Finding(pl.at(row), map[string]any{"Name": domain.Excerpt(name, 40)}))
		return "", false
	}
	id := base
	for n := 2; pl.ids[id]; n++ {
		suffix := "-" + strconv.Itoa(n)
		id = shorten(base[:min(len(base), maxID-len(suffix))]) + suffix
	}
	pl.ids[id] = true
	return id, true
}

// maxID is the longest id domain.ValidID accepts.
const maxID = 64

// shorten cuts a slug to maxID bytes, at a hyphen where there is one.
func shorten(s string) string {
	if len(s) <= maxID {
		return s
	}
	s = s[:maxID]
	if i := strings.LastIndexByte(s, '-'); i > maxID/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, "-")
}

// lastOf returns the id of the last entry that in accepts: where a new
// unit or team goes, after its department's or unit's last.
func lastOf[T any](es []*entry[T], in func(T) bool) string {
	last := ""
	for _, e := range es {
		if in(e.value) {
			last = idOf(e.value)
		}
	}
	return last
}

func (pl *planner) lastUnitOf(dep string) string {
	return lastOf(pl.p.units, func(u domain.Unit) bool { return u.Department == dep })
}

func (pl *planner) lastTeamOf(unit string) string {
	return lastOf(pl.p.teams, func(t domain.Team) bool { return t.Unit == unit })
}

// nameOf returns the name of the entry with the given id, for messages.
func nameOf[T any](es []*entry[T], id string, name func(T) string) string {
	for _, e := range es {
		if idOf(e.value) == id {
			return name(e.value)
		}
	}
	return id
}

func (pl *planner) departmentName(id string) string {
	return nameOf(pl.p.departments, id, func(d domain.Department) string { return d.Name })
}

func (pl *planner) unitName(id string) string {
	return nameOf(pl.p.units, id, func(u domain.Unit) string { return u.Name })
}

func entryIDs[T any](es []*entry[T], id func(T) string) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = id(e.value)
	}
	return out
}

// hasDepartmentGoalRefs reports whether a unit's preset goals refer to
// its department's goals, which a move to another department breaks.
func hasDepartmentGoalRefs(u domain.Unit) bool {
	for _, g := range u.Goals {
		if g.DepartmentGoal != "" {
			return true
		}
	}
	return false
}
