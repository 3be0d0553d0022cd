// Package orgimport brings the organisation from an HR system's export
// (Heroma, Visma, Personec and the like) into the config: it reads the
// export's table (CSV in the encodings Swedish Windows writes, or the
// first sheet of an .xlsx), recognises its columns by their Swedish or
// English names, matches departments, units and teams with the config's by
// HR code and then by name, and edits the config's text in place so that
// all it does not change stays byte for byte as it was.
//
// Import is pure: bytes in, bytes and findings out. Reading and writing
// files, backups and messages are the command's.
package orgimport

import (
	"errors"
	"fmt"
	"reflect"
	"sort"

	"go.yaml.in/yaml/v3"

	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/domain"
)

// Options control an import.
type Options struct {
	// Map names columns the headers do not (--map).
	Map ColumnMap
	// Prune removes what the export no longer has (--prune).
	Prune bool
	// Register, when set, keeps units and teams with collected goals
	// from being pruned.
	Register *domain.Register
	// DepartmentGoal is the goal text a new department gets, in the
	// config's language: the config requires each department to have a
	// goal, and HR writes the real one.
	DepartmentGoal string
}

// Result is what an import found and would write.
type Result struct {
	Table  *Table
	Header *Header
	// Changes lists every difference, in the order of ChangeKinds and
	// then of the config.
	Changes []Change
	// Codes counts the HR codes stored or changed, which the summary
	// gives as one number.
	Codes int
	// Rows counts the rows read below the header.
	Rows int
	// Output is the config after import; equal to the input when
	// nothing changes.
	Output []byte
}

// Changed reports whether the config changes.
func (r *Result) Changed() bool { return r.Codes > 0 || r.changedEntries() }

func (r *Result) changedEntries() bool {
	for _, c := range r.Changes {
		if c.Kind != Absent && c.Kind != KeptGoals {
			return true
		}
	}
	return false
}

// ErrVerify means the edited config did not read back as planned: a bug,
// and nothing is written.
var ErrVerify = errors.New("edited config does not read back as planned")

// Import reads the export tableData into the config configData. Findings
// cover the config (MB01xx, when it has errors nothing is imported), the
// export and its rows (MB07xx); when any is an error the result is nil.
// The error is for configs the editor cannot change in place
// (ErrCannotEdit) and for bugs (ErrVerify).
func Import(configName string, configData []byte, tableName string, tableData []byte, opts Options) (*Result, domain.Findings, error) {
	org, fs := config.Parse(configName, configData)
	if org == nil {
		return nil, fs, nil
	}
	t, fs := ReadTable(tableName, tableData)
	if t == nil {
		return nil, fs, nil
	}
	h, headerIndex, fs := findHeader(t, opts.Map)
	if h == nil || fs.HasErrors() {
		return nil, fs, nil
	}
	ex, rowFindings := parseExport(t, h, headerIndex)
	fs = append(fs, rowFindings...)
	if len(ex.Units) == 0 && !fs.HasErrors() {
		// Nothing to match: a header alone would prune every unit.
		fs = append(fs, NoUnits.Finding(domain.Location{File: tableName, Line: h.Row}, nil))
	}
	ed, err := newEditor(configData)
	if err != nil {
		return nil, nil, err
	}
	explicit, err := ed.explicitIDs()
	if err != nil {
		return nil, nil, err
	}
	p, planFindings := makePlan(org, ex, tableName, explicit, opts)
	fs = append(fs, planFindings...)
	sortFindings(fs)
	if fs.HasErrors() {
		return nil, fs, nil
	}
	if err := ed.apply(org, p); err != nil {
		return nil, nil, err
	}
	out, err := ed.output()
	if err != nil {
		return nil, nil, err
	}
	if err := verify(configName, org, out, p); err != nil {
		return nil, nil, err
	}
	return &Result{Table: t, Header: h, Changes: sortChanges(p.changes), Codes: p.codes, Rows: len(t.Rows) - headerIndex - 1, Output: out}, fs, nil
}

// sortFindings puts a file's findings in row order, as people fix them.
func sortFindings(fs domain.Findings) {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Location.Line < fs[j].Location.Line })
}

func sortChanges(cs []Change) []Change {
	rank := map[ChangeKind]int{}
	for i, k := range ChangeKinds {
		rank[k] = i
	}
	level := map[Level]int{LevelDepartment: 0, LevelUnit: 1, LevelTeam: 2}
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if rank[a.Kind] != rank[b.Kind] {
			return rank[a.Kind] < rank[b.Kind]
		}
		return level[a.Level] < level[b.Level]
	})
	return cs
}

// The config's keys in the order new ones are written.
var (
	departmentOrder = []string{"id", "code", "name", "goals"}
	unitOrder       = []string{"id", "code", "name", "department", "manager", "goals"}
	teamOrder       = []string{"id", "code", "name", "unit", "leader"}
	contactOrder    = []string{"name", "email", "phone"}
)

// items returns the mappings of a top-level list, which must be written
// out (no aliases) for the editor to change them.
func (e *editor) items(key string) (*yaml.Node, []*yaml.Node, error) {
	_, seq := get(e.root, key)
	if seq == nil || seq.Kind == yaml.ScalarNode {
		return nil, nil, nil
	}
	if seq.Kind != yaml.SequenceNode {
		return nil, nil, fmt.Errorf("%w: %s is no list", ErrCannotEdit, key)
	}
	for _, it := range seq.Content {
		if it.Kind != yaml.MappingNode || it.Anchor != "" {
			return nil, nil, fmt.Errorf("%w: %s uses YAML aliases or anchors (line %d)", ErrCannotEdit, key, it.Line)
		}
	}
	return seq, seq.Content, nil
}

// explicitIDs tells, for each department, unit and team, whether the
// config writes its id or derives it from the name.
func (e *editor) explicitIDs() (map[Level][]bool, error) {
	out := map[Level][]bool{}
	for key, level := range map[string]Level{"departments": LevelDepartment, "units": LevelUnit, "teams": LevelTeam} {
		_, items, err := e.items(key)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			k, _ := get(it, "id")
			out[level] = append(out[level], k != nil)
		}
	}
	return out, nil
}

// apply turns the plan into edits of the config's text.
func (e *editor) apply(org *domain.Organisation, p *plan) error {
	if err := applyList(e, "departments", "", p.departments, org.Departments, departmentOrder, e.department); err != nil {
		return err
	}
	if err := applyList(e, "units", "departments", p.units, org.Units, unitOrder, e.unit); err != nil {
		return err
	}
	return applyList(e, "teams", "units", p.teams, org.Teams, teamOrder, e.team)
}

// applyList edits one list: removes, changes and adds its entries. change
// edits an existing item from old to new; it returns the fields of a new
// item when old is nil.
func applyList[T any](e *editor, key, afterKey string, entries []*entry[T], old []T, order []string,
	change func(item *yaml.Node, old *T, new T) ([]field, error)) error {
	seq, items, err := e.items(key)
	if err != nil {
		return err
	}
	if len(items) != len(old) {
		return fmt.Errorf("%w: %s has %d items, the config %d", ErrVerify, key, len(items), len(old))
	}
	byID := map[string]*entry[T]{}
	for _, en := range entries {
		byID[idOf(en.value)] = en
	}
	for _, en := range entries {
		if en.index < 0 {
			continue
		}
		item := items[en.index]
		if en.remove {
			if err := e.remove(seq, item); err != nil {
				return err
			}
			continue
		}
		if en.writeID {
			if err := e.set(item, "id", idOf(en.value), order); err != nil {
				return err
			}
		}
		if _, err := change(item, &old[en.index], en.value); err != nil {
			return err
		}
	}
	for _, en := range entries {
		if en.index >= 0 {
			continue
		}
		// After the existing item the new one follows, directly or
		// behind other new ones.
		var prev *yaml.Node
		for after := en.after; after != ""; {
			a := byID[after]
			if a == nil {
				break
			}
			if a.index >= 0 {
				prev = items[a.index]
				break
			}
			after = a.after
		}
		fields, err := change(nil, nil, en.value)
		if err != nil {
			return err
		}
		if err := e.insertAfter(key, afterKey, prev, fields); err != nil {
			return err
		}
	}
	return nil
}

func idOf(v any) string {
	switch x := v.(type) {
	case domain.Department:
		return x.ID
	case domain.Unit:
		return x.ID
	case domain.Team:
		return x.ID
	}
	return ""
}

// setIf sets key when the value changed.
func (e *editor) setIf(item *yaml.Node, key, old, new string, order []string) error {
	if old == new {
		return nil
	}
	return e.set(item, key, new, order)
}

func (e *editor) department(item *yaml.Node, old *domain.Department, d domain.Department) ([]field, error) {
	if old == nil {
		fs := []field{{key: "id", text: d.ID}}
		if d.Code != "" {
			fs = append(fs, field{key: "code", text: d.Code})
		}
		var goals []string
		for _, g := range d.Goals {
			goals = append(goals, g.Text)
		}
		return append(fs, field{key: "name", text: d.Name}, field{key: "goals", list: goals}), nil
	}
	if err := e.setIf(item, "code", old.Code, d.Code, departmentOrder); err != nil {
		return nil, err
	}
	return nil, e.setIf(item, "name", old.Name, d.Name, departmentOrder)
}

func (e *editor) unit(item *yaml.Node, old *domain.Unit, u domain.Unit) ([]field, error) {
	if old == nil {
		fs := []field{{key: "id", text: u.ID}}
		if u.Code != "" {
			fs = append(fs, field{key: "code", text: u.Code})
		}
		return append(fs, field{key: "name", text: u.Name}, field{key: "department", text: u.Department},
			field{key: "manager", fields: []field{{key: "name", text: u.Manager.Name}, {key: "email", text: u.Manager.Email}}}), nil
	}
	for _, f := range []struct{ key, old, new string }{
		{"code", old.Code, u.Code}, {"name", old.Name, u.Name}, {"department", old.Department, u.Department},
	} {
		if err := e.setIf(item, f.key, f.old, f.new, unitOrder); err != nil {
			return nil, err
		}
	}
	if old.Manager == u.Manager {
		return nil, nil
	}
	_, m := get(item, "manager")
	if m == nil || m.Kind != yaml.MappingNode || m.Anchor != "" {
		return nil, fmt.Errorf("%w: the manager of unit %s is no plain mapping (line %d)", ErrCannotEdit, u.ID, item.Line)
	}
	if err := e.setIf(m, "name", old.Manager.Name, u.Manager.Name, contactOrder); err != nil {
		return nil, err
	}
	return nil, e.setIf(m, "email", old.Manager.Email, u.Manager.Email, contactOrder)
}

func (e *editor) team(item *yaml.Node, old *domain.Team, t domain.Team) ([]field, error) {
	if old == nil {
		fs := []field{{key: "id", text: t.ID}}
		if t.Code != "" {
			fs = append(fs, field{key: "code", text: t.Code})
		}
		fs = append(fs, field{key: "name", text: t.Name}, field{key: "unit", text: t.Unit})
		if t.Leader != "" {
			fs = append(fs, field{key: "leader", text: t.Leader})
		}
		return fs, nil
	}
	for _, f := range []struct{ key, old, new string }{
		{"code", old.Code, t.Code}, {"name", old.Name, t.Name}, {"unit", old.Unit, t.Unit}, {"leader", old.Leader, t.Leader},
	} {
		if err := e.setIf(item, f.key, f.old, f.new, teamOrder); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// verify reads the edited config back and compares it with the plan:
// the departments, units and teams as planned, everything else as it was.
// It is the guard that no edit of the text went astray.
func verify(name string, org *domain.Organisation, out []byte, p *plan) error {
	got, fs := config.Parse(name, out)
	if got == nil {
		for _, f := range fs {
			if f.Severity == domain.SeverityError {
				return fmt.Errorf("%w: %s at line %d:%d", ErrVerify, f.MessageID, f.Location.Line, f.Location.Column)
			}
		}
		return ErrVerify
	}
	if err := sameEntries("department", got.Departments, p.departments, func(d domain.Department) string { return d.ID }); err != nil {
		return err
	}
	if err := sameEntries("unit", got.Units, p.units, func(u domain.Unit) string { return u.ID }); err != nil {
		return err
	}
	if err := sameEntries("team", got.Teams, p.teams, func(t domain.Team) string { return t.ID }); err != nil {
		return err
	}
	a, b := *org, *got
	a.Departments, a.Units, a.Teams = nil, nil, nil
	b.Departments, b.Units, b.Teams = nil, nil, nil
	a.BuildIndex() // of the lists just emptied, like b's
	b.BuildIndex()
	if !reflect.DeepEqual(a, b) {
		return fmt.Errorf("%w: more than the organisation changed", ErrVerify)
	}
	return nil
}

func sameEntries[T any](what string, got []T, want []*entry[T], id func(T) string) error {
	w := map[string]T{}
	for _, e := range want {
		if !e.remove {
			w[id(e.value)] = e.value
		}
	}
	if len(got) != len(w) {
		return fmt.Errorf("%w: %d %ss, want %d", ErrVerify, len(got), what, len(w))
	}
	for _, g := range got {
		x, ok := w[id(g)]
		if !ok || !reflect.DeepEqual(g, x) {
			return fmt.Errorf("%w: %s %s differs", ErrVerify, what, id(g))
		}
	}
	return nil
}
