package workbook

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// The drop-downs show labels in the workbook's language; the reader maps a
// label back to its id in either language, so that a workbook generated in
// English and answered with a Swedish label still reads.

// statusMessage is the catalogue message of each status kind.
var statusMessage = map[domain.StatusKind]string{
	domain.StatusNotStarted:  "WorkbookStatusNotStarted",
	domain.StatusOnTrack:     "WorkbookStatusOnTrack",
	domain.StatusAtRisk:      "WorkbookStatusAtRisk",
	domain.StatusAchieved:    "WorkbookStatusAchieved",
	domain.StatusNotAchieved: "WorkbookStatusNotAchieved",
	domain.StatusNotAssessed: "WorkbookStatusNotAssessed",
}

// levelMessage is the catalogue message of each default criterion level.
var levelMessage = map[string]string{
	"utvecklingsbart": "WorkbookLevelDeveloping",
	"bra":             "WorkbookLevelGood",
	"mycket-bra":      "WorkbookLevelVeryGood",
}

// labelMaxText caps the goal text quoted in a live drop-down label; the
// number before it is what the reader relies on.
const labelMaxText = 100

// statusLabel returns the label of a status in l's language.
func statusLabel(l *i18n.Localizer, s domain.Status) string {
	if s.Label != "" {
		return s.Label
	}
	if id, ok := statusMessage[s.Kind]; ok {
		return l.T(id, nil)
	}
	return s.ID
}

// statusLabelOf returns the label of the status with id in org's scale;
// an id the scale does not have is returned as it is.
func statusLabelOf(l *i18n.Localizer, org *domain.Organisation, id string) string {
	for _, s := range org.Statuses {
		if s.ID == id {
			return statusLabel(l, s)
		}
	}
	return id
}

// levelLabel returns the name of a criterion level in l's language.
func levelLabel(l *i18n.Localizer, lv domain.Level) string {
	if lv.Label != "" {
		return lv.Label
	}
	if id, ok := levelMessage[lv.ID]; ok {
		return l.T(id, nil)
	}
	return lv.ID
}

// levels returns the organisation's criterion levels, or the default ones.
func levels(org *domain.Organisation) []domain.Level {
	if len(org.CriterionLevels) > 0 {
		return org.CriterionLevels
	}
	return domain.DefaultCriterionLevels()
}

// numberedPrefix returns the prefix of a numbered label such as
// "Enhetsmål 2" (message id with N).
func numberedPrefix(l *i18n.Localizer, id string, n int, data map[string]any) string {
	d := map[string]any{"N": n}
	for k, v := range data {
		d[k] = v
	}
	return l.T(id, d)
}

// numberedLabel returns "prefix: text".
func numberedLabel(prefix, text string) string {
	if text == "" {
		return prefix
	}
	return prefix + ": " + text
}

// departmentGoalLabel is the drop-down label of the n-th (1-based) goal of
// the unit's department.
func departmentGoalLabel(l *i18n.Localizer, n int, text string) string {
	return numberedLabel(numberedPrefix(l, "WorkbookLabelDepartmentGoal", n, nil), text)
}

// unitGoalLabel is the drop-down label of the unit goal in slot n.
func unitGoalLabel(l *i18n.Localizer, n int, text string) string {
	return numberedLabel(numberedPrefix(l, "WorkbookLabelUnitGoal", n, nil), domain.Excerpt(text, labelMaxText))
}

// teamGoalLabel is the drop-down label of a team's goal in slot n.
func teamGoalLabel(l *i18n.Localizer, team string, n int, text string) string {
	return numberedLabel(numberedPrefix(l, "WorkbookLabelTeamGoal", n, map[string]any{"Team": team}), domain.Excerpt(text, labelMaxText))
}

// matcher maps drop-down labels back to ids in both languages.
type matcher struct {
	// exact maps a normalized label or name to its id.
	exact map[string]string
	// prefixes maps a normalized numbered prefix ("enhetsmål 2") to its id;
	// a label whose text was edited after choosing still reads.
	prefixes map[string]string
}

func newMatcher() *matcher {
	return &matcher{exact: map[string]string{}, prefixes: map[string]string{}}
}

func (m *matcher) add(label, id string) {
	if k := normLabel(label); k != "" {
		if _, dup := m.exact[k]; !dup {
			m.exact[k] = id
		}
	}
}

func (m *matcher) addPrefix(prefix, id string) { m.prefixes[normLabel(prefix)] = id }

// match returns the id of label; ok is false when nothing matches.
func (m *matcher) match(label string) (string, bool) {
	k := normLabel(label)
	if k == "" {
		return "", false
	}
	if id, ok := m.exact[k]; ok {
		return id, true
	}
	// "Enhetsmål 2: …" or "Enhetsmål 2" typed by hand.
	head := k
	if i := strings.IndexAny(k, ":–-"); i > 0 {
		head = strings.TrimSpace(k[:i])
	}
	if id, ok := m.prefixes[head]; ok {
		return id, true
	}
	for p, id := range m.prefixes {
		if strings.HasPrefix(k, p) && (len(k) == len(p) || !unicode.IsDigit(rune(k[len(p)]))) {
			return id, true
		}
	}
	return "", false
}

// normLabel folds case and spaces so that "  mod " matches "Mod".
func normLabel(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// labelMatchers maps the labels of each list (domain.List*) back to ids
// for one unit, in every language.
type labelMatchers map[string]*matcher

// list returns the matcher of a list; a list without one is a bug in the
// field tables, not in the workbook.
func (m labelMatchers) list(name string) *matcher {
	mm, ok := m[name]
	if !ok {
		panic(fmt.Sprintf("no labels for list %q", name))
	}
	return mm
}

// newLabelMatchers builds the matchers for unit and teams in every language.
// teamGoalID gives the id of the goal in slot of the n-th team (1-based):
// after a revision that is the revision's id, not the slot's first.
func newLabelMatchers(cat *i18n.Catalogue, org *domain.Organisation, unit domain.Unit, teams []domain.Team, unitGoalIDs []string, teamGoalID func(n, slot int) string) labelMatchers {
	values, sts, dgs, ugs, tgs := newMatcher(), newMatcher(), newMatcher(), newMatcher(), newMatcher()
	m := labelMatchers{
		domain.ListValues: values, domain.ListStatuses: sts, domain.ListDepartmentGoals: dgs,
		domain.ListUnitGoals: ugs, domain.ListTeamGoals: tgs,
	}
	for _, v := range org.Values {
		values.add(v.Name, v.ID)
		values.add(v.ID, v.ID)
	}
	dept, _ := org.Department(unit.Department)
	for _, lang := range domain.Langs {
		l := cat.Localizer(lang)
		for _, s := range org.Statuses {
			sts.add(statusLabel(l, s), s.ID)
			if id, ok := statusMessage[s.Kind]; ok {
				sts.add(l.T(id, nil), s.ID)
			}
			sts.add(s.ID, s.ID)
		}
		for i, g := range dept.Goals {
			dgs.add(departmentGoalLabel(l, i+1, g.Text), g.ID)
			dgs.addPrefix(numberedPrefix(l, "WorkbookLabelDepartmentGoal", i+1, nil), g.ID)
		}
		for i, id := range unitGoalIDs {
			ugs.addPrefix(numberedPrefix(l, "WorkbookLabelUnitGoal", i+1, nil), id)
		}
		for n, t := range teams {
			for s := 1; s <= maxTeamGoals(org); s++ {
				tgs.addPrefix(numberedPrefix(l, "WorkbookLabelTeamGoal", s, map[string]any{"Team": t.Name}), teamGoalID(n+1, s))
			}
		}
	}
	for _, g := range dept.Goals {
		dgs.add(g.Text, g.ID)
		dgs.add(g.ID, g.ID)
	}
	for _, id := range unitGoalIDs {
		ugs.add(id, id)
	}
	return m
}

// shown turns the ids of choice and link fields into the labels a
// workbook shows, the inverse of labelMatchers. The writer and the filler
// each know the goals' texts from their own source.
type shown struct {
	l    *i18n.Localizer
	org  *domain.Organisation
	dept domain.Department
	// unitGoalIDs is the id of the unit goal in each slot; unitGoalText
	// and teamGoalText give a goal's text by id.
	unitGoalIDs  []string
	unitGoalText func(id string) string
	teams        []domain.Team
	teamGoalText func(id string) string
}

// label returns what a field of list shows for id: the value's name, the
// status's label, a numbered goal label; an id that matches nothing is
// shown as it is.
func (s *shown) label(list, id string) string {
	if id == "" {
		return ""
	}
	switch list {
	case domain.ListValues:
		if v, ok := s.org.Value(id); ok {
			return v.Name
		}
	case domain.ListStatuses:
		return statusLabelOf(s.l, s.org, id)
	case domain.ListDepartmentGoals:
		for i, g := range s.dept.Goals {
			if g.ID == id {
				return departmentGoalLabel(s.l, i+1, g.Text)
			}
		}
	case domain.ListUnitGoals:
		if i := slices.Index(s.unitGoalIDs, id); i >= 0 {
			return unitGoalLabel(s.l, i+1, s.unitGoalText(id))
		}
	case domain.ListTeamGoals:
		// A revision ("lag/1r1") stands in its original's slot.
		team, slot, ok := domain.ParseTeamGoalID(domain.RevisionBase(id))
		if !ok {
			break
		}
		for _, t := range s.teams {
			if t.ID == team {
				return teamGoalLabel(s.l, t.Name, slot, s.teamGoalText(id))
			}
		}
	default:
		panic(fmt.Sprintf("no labels for list %q", list))
	}
	return id
}

// value returns what field f shows for text v, its text form (see
// domain.FieldKind): a label for choices and links, else v.
func (s *shown) value(f *domain.FieldInfo, v string) string {
	if f.Kind == domain.KindChoice || f.Kind == domain.KindLink {
		return s.label(f.List, v)
	}
	return v
}

// maxTeamGoals returns the number of goal slots on a team sheet.
func maxTeamGoals(org *domain.Organisation) int {
	if org.Rules.MaxTeamGoals > 0 {
		return org.Rules.MaxTeamGoals
	}
	return domain.DefaultMaxTeamGoals
}

// unitGoalSlots returns the number of rows on the unit goal sheet.
func unitGoalSlots(org *domain.Organisation, unit domain.Unit) int {
	n := org.Rules.MaxUnitGoals
	if n <= 0 {
		n = domain.DefaultMaxUnitGoals
	}
	return max(n, len(unit.Goals))
}

// extraCriteriaRows returns the number of rows for the unit's own criteria.
func extraCriteriaRows(org *domain.Organisation) int {
	if org.Rules.ExtraCriteriaRows > 0 {
		return org.Rules.ExtraCriteriaRows
	}
	return domain.DefaultExtraCriteriaRows
}

// textLimit returns the most characters an input accepts.
func textLimit(org *domain.Organisation) int {
	if org.Rules.TextLimit > 0 {
		return org.Rules.TextLimit
	}
	return domain.DefaultTextLimit
}

// unitGoalIDs returns the id of the unit goal in every slot: a preset's own
// id where it has one, else e1, e2, ….
func unitGoalIDs(org *domain.Organisation, unit domain.Unit) []string {
	ids := make([]string, unitGoalSlots(org, unit))
	for i := range ids {
		ids[i] = domain.UnitGoalID(i + 1)
		if i < len(unit.Goals) && unit.Goals[i].ID != "" {
			ids[i] = unit.Goals[i].ID
		}
	}
	return ids
}

// itoa is strconv.Itoa, short for cell references.
func itoa(n int) string { return strconv.Itoa(n) }
