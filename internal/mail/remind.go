package mail

import (
	"strings"

	"github.com/malarbete/malarbete/internal/domain"
)

// Overdue is a unit whose workbook of a round is not in the register.
type Overdue struct {
	Unit       domain.Unit
	Department domain.Department
	// Invalid is set when its workbook came back but was left out for
	// errors (the register's rejected list); Errors counts them.
	Invalid bool
	Errors  int
}

// FindOverdue returns, in config order, the units to remind for round:
// those with nothing in the register for it, and those whose workbook
// was left out for errors (Invalid). In the planning round every
// unit of the config is expected; in a follow-up round only the units
// the register has, since only they were sent a follow-up workbook. A
// unit counts as returned when any of its workbooks of the round (for
// team workbooks, any team's) was collected.
func FindOverdue(org *domain.Organisation, reg *domain.Register, round string) []Overdue {
	returned := map[string]bool{}
	for _, rec := range reg.Units {
		for _, s := range rec.Sources {
			if s.Round == round {
				returned[rec.Unit] = true
			}
		}
	}
	rejected := map[string]int{}
	for _, p := range reg.Rejected {
		if p.Round == round && p.Unit != "" {
			rejected[p.Unit] = max(rejected[p.Unit], p.Errors, 1)
		}
	}
	var out []Overdue
	for _, u := range org.Units {
		if returned[u.ID] {
			continue
		}
		if _, ok := reg.Unit(u.ID); !ok && !org.IsPlanning(round) {
			continue
		}
		o := Overdue{Unit: u}
		o.Department, _ = org.Department(u.Department)
		if n, ok := rejected[u.ID]; ok {
			o.Invalid, o.Errors = true, n
		}
		out = append(out, o)
	}
	return out
}

// ReminderLetters groups the overdue units into letters, one per
// manager and kind. copies holds annotated copies by unit: a left-out
// workbook's reminder attaches them and lists their findings. A unit
// whose manager has no valid address gets a finding instead.
func ReminderLetters(org *domain.Organisation, round domain.Round, overdue []Overdue, copies map[string][]Workbook) ([]*Letter, domain.Findings) {
	var letters []*Letter
	var fs domain.Findings
	byKey := map[string]*Letter{}
	for _, o := range overdue {
		if f := CheckAddress(o.Unit, domain.Location{File: o.Unit.Name}); f != nil {
			fs = append(fs, *f)
			continue
		}
		kind := Reminder
		if o.Invalid {
			kind = ReminderInvalid
		}
		lang := org.Language
		if cs := copies[o.Unit.ID]; kind == ReminderInvalid && len(cs) > 0 && cs[0].Stamp.Identity.Language.Valid() {
			lang = cs[0].Stamp.Identity.Language
		}
		if !lang.Valid() {
			lang = domain.Swedish
		}
		key := string(kind) + "\x00" + string(lang) + "\x00" + strings.ToLower(o.Unit.Manager.Email)
		lt, ok := byKey[key]
		if !ok {
			lt = &Letter{Kind: kind, Lang: lang, Round: round, To: o.Unit.Manager}
			byKey[key] = lt
			letters = append(letters, lt)
		}
		lt.Units = append(lt.Units, o.Unit.ID)
		lt.Labels = append(lt.Labels, o.Unit.Name)
		lt.Errors += o.Errors
		if kind == ReminderInvalid {
			lt.Workbooks = append(lt.Workbooks, copies[o.Unit.ID]...)
		}
	}
	sortLetters(letters, unitRanks(org))
	return letters, fs
}
