package config

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/font"
)

// Keys of the config, in the order the reference documents them.
var (
	topKeys          = []string{"organisation", "document", "vision", "overallGoal", "purpose", "values", "departments", "units", "teams", "criterionLevels", "criteria", "statuses", "rules", "rounds", "mail"}
	organisationKeys = []string{"id", "name", "period", "periodStart", "periodEnd", "language", "deadline", "hr", "logo", "colour"}
	documentKeys     = []string{"title", "recordNumber", "owner", "version", "decided"}
	decisionKeys     = []string{"by", "date", "paragraph"}
	contactKeys      = []string{"name", "email", "phone"}
	valueKeys        = []string{"id", "name", "behaviours"}
	departmentKeys   = []string{"id", "code", "name", "goals"}
	depGoalKeys      = []string{"id", "text"}
	unitKeys         = []string{"id", "code", "formerIds", "name", "department", "manager", "goals"}
	unitGoalKeys     = []string{"id", "text", "departmentGoal", "indicator", "target", "responsible"}
	teamKeys         = []string{"id", "code", "formerIds", "name", "unit", "leader"}
	criterionKeys    = []string{"id", "name", "description", "value", "levels"}
	statusKeys       = []string{"id", "label", "kind"}
	rulesKeys        = []string{"maxTeamGoals", "maxUnitGoals", "extraCriteriaRows", "textLimit"}
	roundKeys        = []string{"id", "name", "deadline", "newGoals", "meeting", "document"}
	meetingKeys      = []string{"date", "time", "place", "note"}
)

// where remembers the nodes of ids, references and dates, parallel to the
// Organisation's slices, for the checks that span the whole file.
type where struct {
	org, periodStart, periodEnd *yaml.Node
	values, departments, units  []*yaml.Node // id nodes
	teams, criteria, rounds     []*yaml.Node // id nodes
	departmentCodes, unitCodes  []*yaml.Node // code nodes
	unitFormer, teamFormer      []*yaml.Node // formerIds nodes
	teamCodes                   []*yaml.Node
	departmentGoals             [][]*yaml.Node
	unitDepartment, teamUnit    []*yaml.Node
	criterionValue              []*yaml.Node
	unitGoalList                []*yaml.Node
	unitGoalRef                 [][]*yaml.Node // departmentGoal nodes
	roundDeadline               []*yaml.Node
	meetingDate                 []*yaml.Node
}

func item(path string, i int) string { return path + "[" + strconv.Itoa(i+1) + "]" }

// organisation walks the root mapping into an Organisation.
func (w *walker) organisation(root *yaml.Node) *domain.Organisation {
	top := w.mapping(root, "", topKeys...)
	org := &domain.Organisation{}

	o := w.mapping(top.at("organisation"), "organisation", organisationKeys...)
	if !top.has("organisation") {
		top.missing("organisation")
	}
	org.Name = o.str("name", true)
	org.ID = o.id("id", org.Name)
	org.Period = o.str("period", true)
	org.PeriodStart = o.date("periodStart", false)
	org.PeriodEnd = o.date("periodEnd", false)
	if lang := o.str("language", false); lang != "" {
		org.Language = domain.Lang(lang)
		if !org.Language.Valid() {
			w.errorf(o.at("language"), CodeBadLanguage, "ConfigBadLanguage", map[string]any{"Value": domain.Excerpt(lang, 10)})
		}
	} else {
		org.Language = domain.Swedish
	}
	deadline := o.date("deadline", false)
	if o.has("hr") {
		org.HR = w.contact(o.at("hr"), "organisation.hr")
	} else {
		o.missing("hr")
	}
	org.Logo = o.str("logo", false)
	if c := o.str("colour", false); c != "" {
		if !domain.ValidColour(c) {
			w.errorf(o.at("colour"), CodeBadColour, "ConfigBadColour", map[string]any{"Value": domain.Excerpt(c, 20)})
		}
		org.Colour = c
	}
	if top.has("document") {
		org.Document = w.documentInfo(top.at("document"), "document")
	}

	org.Vision = top.str("vision", true)
	org.OverallGoal = top.str("overallGoal", true)
	org.Purpose = top.strings("purpose", false)

	for i, n := range top.list("values", true) {
		p := item("values", i)
		m := w.mapping(n, p, valueKeys...)
		v := domain.Value{Name: m.str("name", true)}
		v.ID = m.id("id", v.Name)
		v.Behaviours = m.strings("behaviours", false)
		org.Values = append(org.Values, v)
		w.at.values = append(w.at.values, m.at("id"))
	}
	for i, n := range top.list("departments", true) {
		org.Departments = append(org.Departments, w.department(n, item("departments", i)))
	}
	for i, n := range top.list("units", true) {
		org.Units = append(org.Units, w.unit(n, item("units", i)))
	}
	for i, n := range top.list("teams", true) {
		p := item("teams", i)
		m := w.mapping(n, p, teamKeys...)
		t := domain.Team{Name: m.str("name", true), Code: m.code(), Unit: m.str("unit", true), Leader: m.str("leader", false)}
		// Team names such as "Arbetslag 1" repeat across units, so a
		// derived id starts with the unit's.
		t.ID = m.id("id", t.Unit+" "+t.Name)
		t.FormerIDs = m.formerIDs()
		w.at.teamFormer = append(w.at.teamFormer, m.at("formerIds"))
		w.at.teamUnit = append(w.at.teamUnit, m.at("unit"))
		w.at.teams = append(w.at.teams, m.at("id"))
		w.at.teamCodes = append(w.at.teamCodes, m.at("code"))
		org.Teams = append(org.Teams, t)
	}

	levels := top.strings("criterionLevels", false)
	for _, l := range levels {
		org.CriterionLevels = append(org.CriterionLevels, domain.Level{ID: domain.Slug(l), Label: l})
	}
	if len(levels) == 0 {
		org.CriterionLevels = domain.DefaultCriterionLevels()
	}
	for i, n := range top.list("criteria", false) {
		p := item("criteria", i)
		m := w.mapping(n, p, criterionKeys...)
		c := domain.Criterion{Name: m.str("name", true), Description: m.str("description", true), Value: m.str("value", false)}
		c.ID = m.id("id", c.Name)
		c.Levels = m.strings("levels", false)
		if len(c.Levels) > 0 && len(c.Levels) != len(org.CriterionLevels) {
			w.errorf(m.at("levels"), CodeLevelsCount, "ConfigLevelsCount", map[string]any{"Path": p, "Count": len(org.CriterionLevels), "Got": len(c.Levels)})
		}
		w.at.criterionValue = append(w.at.criterionValue, m.at("value"))
		w.at.criteria = append(w.at.criteria, m.at("id"))
		org.Criteria = append(org.Criteria, c)
	}

	for i, n := range top.list("statuses", false) {
		p := item("statuses", i)
		m := w.mapping(n, p, statusKeys...)
		s := domain.Status{ID: m.str("id", true), Label: m.str("label", false), Kind: domain.StatusKind(m.str("kind", true))}
		if s.Kind != "" && !validKind(s.Kind) {
			var kinds []string
			for _, k := range domain.StatusKinds {
				kinds = append(kinds, string(k))
			}
			w.errorf(m.at("kind"), CodeBadStatusKind, "ConfigBadStatusKind", map[string]any{"Value": domain.Excerpt(string(s.Kind), 20), "Allowed": strings.Join(kinds, ", ")})
		}
		if missing := font.Missing(s.Label); len(missing) > 0 {
			// The report would print a box for each: warn now, where the
			// label can still be changed.
			var rs []string
			for _, r := range missing {
				rs = append(rs, fmt.Sprintf("%c (U+%04X)", r, r))
			}
			w.add(m.at("label"), domain.SeverityWarning, CodeLabelGlyphs, "ConfigLabelGlyphs", map[string]any{"Label": domain.Excerpt(s.Label, 40), "Runes": strings.Join(rs, ", ")})
		}
		org.Statuses = append(org.Statuses, s)
	}
	if len(org.Statuses) == 0 {
		org.Statuses = domain.DefaultStatuses()
	}

	org.Rules = domain.DefaultRules()
	if top.has("rules") {
		r := w.mapping(top.at("rules"), "rules", rulesKeys...)
		org.Rules.MaxTeamGoals = r.integer("maxTeamGoals", org.Rules.MaxTeamGoals, 1, 10)
		org.Rules.MaxUnitGoals = r.integer("maxUnitGoals", org.Rules.MaxUnitGoals, 1, 20)
		org.Rules.ExtraCriteriaRows = r.integer("extraCriteriaRows", org.Rules.ExtraCriteriaRows, 0, 50)
		org.Rules.TextLimit = r.integer("textLimit", org.Rules.TextLimit, 50, 32000)
	}

	for i, n := range top.list("rounds", false) {
		p := item("rounds", i)
		m := w.mapping(n, p, roundKeys...)
		r := domain.Round{Name: m.str("name", true), Deadline: m.date("deadline", true), NewGoals: m.boolean("newGoals", false)}
		r.ID = m.id("id", r.Name)
		var meeting *yaml.Node
		if m.has("meeting") {
			mm := w.mapping(m.at("meeting"), p+".meeting", meetingKeys...)
			r.Meeting = &domain.Meeting{Date: mm.date("date", true), Time: mm.str("time", false), Place: mm.str("place", false), Note: mm.str("note", false)}
			meeting = mm.at("date")
		}
		if m.has("document") {
			r.Document = w.documentInfo(m.at("document"), p+".document")
		}
		w.at.rounds = append(w.at.rounds, m.at("id"))
		w.at.roundDeadline = append(w.at.roundDeadline, m.at("deadline"))
		w.at.meetingDate = append(w.at.meetingDate, meeting)
		org.Rounds = append(org.Rounds, r)
	}
	if len(org.Rounds) == 0 {
		if deadline.IsZero() && !o.has("deadline") {
			o.missing("deadline")
		}
		org.Rounds = []domain.Round{{ID: domain.PlanRound, Deadline: deadline}}
		w.at.rounds = append(w.at.rounds, o.at("deadline"))
		w.at.roundDeadline = append(w.at.roundDeadline, o.at("deadline"))
		w.at.meetingDate = append(w.at.meetingDate, nil)
	} else if !deadline.IsZero() && deadline != org.Rounds[0].Deadline {
		w.errorf(o.at("deadline"), CodeRoundOrder, "ConfigDeadlineMismatch", map[string]any{"Deadline": deadline.String(), "Round": org.Rounds[0].Deadline.String()})
	}
	if top.has("mail") {
		org.Mail = w.mail(top.at("mail"))
	}
	w.at.periodStart, w.at.periodEnd, w.at.org = o.at("periodStart"), o.at("periodEnd"), o.node
	return org
}

// id returns the ID given under key, or one derived from name. It checks
// that a given ID is well formed.
func (o *object) id(key, name string) string {
	if s := o.str(key, false); s != "" {
		if !domain.ValidID(s) {
			o.w.errorf(o.at(key), CodeBadID, "ConfigBadID", map[string]any{"Value": domain.Excerpt(s, 30), "Suggestion": domain.Slug(s)})
		}
		return s
	}
	return domain.Slug(name)
}

// formerIDs returns the ids an entry had before (formerIds), each a
// valid id.
func (o *object) formerIDs() []string {
	ids := o.strings("formerIds", false)
	for _, id := range ids {
		if !domain.ValidID(id) {
			o.w.errorf(o.at("formerIds"), CodeBadID, "ConfigBadID", map[string]any{"Value": domain.Excerpt(id, 30), "Suggestion": domain.Slug(id)})
		}
	}
	return ids
}

// MaxCodeLength is the longest HR code accepted: cost centres and org
// unit codes are a few characters; anything longer is another column.
const MaxCodeLength = 40

// code returns the optional HR code, checking that it is short text
// without control characters.
func (o *object) code() string {
	s := o.str("code", false)
	if s == "" {
		return ""
	}
	if !ValidCode(s) {
		o.w.errorf(o.at("code"), CodeBadCode, "ConfigBadCode", map[string]any{"Path": o.sub("code"), "Max": MaxCodeLength})
	}
	return s
}

// ValidCode reports whether s is usable as an HR code: at most
// MaxCodeLength characters, none of them a control character.
func ValidCode(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > MaxCodeLength {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

func (w *walker) contact(n *yaml.Node, path string) domain.Contact {
	m := w.mapping(n, path, contactKeys...)
	c := domain.Contact{Name: m.str("name", true), Email: m.str("email", true), Phone: m.str("phone", false)}
	if c.Email != "" && !domain.ValidEmail(c.Email) {
		// The address is personal data: the message names the place, not it.
		w.errorf(m.at("email"), CodeBadEmail, "ConfigBadEmail", map[string]any{"Path": path + ".email"})
	}
	return c
}

// documentInfo reads what a report says about itself.
func (w *walker) documentInfo(n *yaml.Node, path string) domain.DocumentInfo {
	m := w.mapping(n, path, documentKeys...)
	d := domain.DocumentInfo{
		Title:        m.str("title", false),
		RecordNumber: m.str("recordNumber", false),
		Owner:        m.str("owner", false),
		Version:      m.str("version", false),
	}
	if m.has("decided") {
		dm := w.mapping(m.at("decided"), path+".decided", decisionKeys...)
		d.Decided = &domain.Decision{By: dm.str("by", true), Date: dm.date("date", true), Paragraph: dm.str("paragraph", false)}
	}
	return d
}

func (w *walker) department(n *yaml.Node, path string) domain.Department {
	m := w.mapping(n, path, departmentKeys...)
	d := domain.Department{Name: m.str("name", true), Code: m.code()}
	d.ID = m.id("id", d.Name)
	w.at.departments = append(w.at.departments, m.at("id"))
	w.at.departmentCodes = append(w.at.departmentCodes, m.at("code"))
	var goalNodes []*yaml.Node
	for i, g := range m.list("goals", true) {
		p := item(path+".goals", i)
		g = w.resolve(g)
		var dg domain.DepartmentGoal
		at := g
		switch g.Kind {
		case yaml.ScalarNode:
			dg.Text = strings.TrimSpace(g.Value)
			if dg.Text == "" {
				w.errorf(g, CodeMissingField, "ConfigMissingField", map[string]any{"Key": "text", "Path": p})
			}
			w.checkLength(g, p, "text", dg.Text)
		default:
			gm := w.mapping(g, p, depGoalKeys...)
			dg.Text = gm.str("text", true)
			dg.ID = gm.id("id", "")
			at = gm.at("id")
		}
		if dg.ID == "" {
			dg.ID = d.ID + "-" + strconv.Itoa(i+1)
		}
		goalNodes = append(goalNodes, at)
		d.Goals = append(d.Goals, dg)
	}
	w.at.departmentGoals = append(w.at.departmentGoals, goalNodes)
	return d
}

func (w *walker) unit(n *yaml.Node, path string) domain.Unit {
	m := w.mapping(n, path, unitKeys...)
	u := domain.Unit{Name: m.str("name", true), Code: m.code(), Department: m.str("department", true)}
	u.ID = m.id("id", u.Name)
	u.FormerIDs = m.formerIDs()
	w.at.unitFormer = append(w.at.unitFormer, m.at("formerIds"))
	w.at.units = append(w.at.units, m.at("id"))
	w.at.unitCodes = append(w.at.unitCodes, m.at("code"))
	w.at.unitDepartment = append(w.at.unitDepartment, m.at("department"))
	if m.has("manager") {
		u.Manager = w.contact(m.at("manager"), path+".manager")
	} else {
		m.missing("manager")
	}
	goals := m.list("goals", false)
	w.at.unitGoalList = append(w.at.unitGoalList, m.at("goals"))
	var refs []*yaml.Node
	for i, g := range goals {
		p := item(path+".goals", i)
		gm := w.mapping(g, p, unitGoalKeys...)
		ug := domain.UnitGoal{
			Text:           gm.str("text", true),
			DepartmentGoal: gm.str("departmentGoal", false),
			Indicator:      gm.str("indicator", false),
			Target:         gm.str("target", false),
			Responsible:    gm.str("responsible", false),
			Preset:         true,
		}
		ug.ID = gm.id("id", "")
		if ug.ID == "" {
			ug.ID = domain.UnitGoalID(i + 1)
		}
		refs = append(refs, gm.at("departmentGoal"))
		u.Goals = append(u.Goals, ug)
	}
	w.at.unitGoalRef = append(w.at.unitGoalRef, refs)
	return u
}

func validKind(k domain.StatusKind) bool {
	for _, x := range domain.StatusKinds {
		if x == k {
			return true
		}
	}
	return false
}
