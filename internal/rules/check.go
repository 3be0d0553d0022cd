package rules

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/malarbete/malarbete/internal/domain"
)

// Options tune a check.
type Options struct {
	// Round is the round the caller expects (collect --round); a workbook
	// of another round gets WrongRound. Empty accepts any round of the
	// config.
	Round string
}

// Check returns the findings of sub, read from file, against org. file is
// only used in locations. Identity problems that make the content
// meaningless (another organisation, period or an unknown unit) end the
// check early, so that HR sees the one finding that matters.
func Check(file string, sub *domain.Submission, org *domain.Organisation, opts Options) domain.Findings {
	c := &checker{file: file, org: org, sub: sub, opts: opts}
	if !c.identity() {
		return c.out
	}
	if c.opts.Round != "" && sub.Identity.Round != c.opts.Round {
		// A workbook of another round is refused as such: what it says
		// about that round is for that round's collection.
		return c.out
	}
	if sub.Identity.Scope == domain.ScopeIndividual {
		c.contributions()
		return c.out
	}
	c.textLimits()
	if org.IsPlanning(sub.Identity.Round) {
		c.unitGoals()
		c.teamGoals()
		c.criteria()
		c.quality()
	} else if _, ok := org.Round(sub.Identity.Round); ok {
		c.reviews()
		c.criteria() // the notes can be changed in every round
	}
	return c.out
}

type checker struct {
	file string
	org  *domain.Organisation
	sub  *domain.Submission
	opts Options
	out  domain.Findings
}

func (c *checker) add(r Rule, loc domain.Location, data map[string]any) {
	if c.sub.Unread[domain.Cell{Sheet: loc.Sheet, Ref: loc.Cell}] {
		return // the reader has said why the cell has no value
	}
	c.out = append(c.out, r.Finding(loc, data))
}

// whole is the location of a problem with the workbook as a whole.
func (c *checker) whole() domain.Location { return domain.Location{File: c.file} }

// at returns the location of the first of fields that the reader placed;
// failing that, the sheet of any field, so that the finding still points
// at the right sheet.
func (c *checker) at(cells domain.Cells, fields ...string) domain.Location {
	for _, f := range fields {
		if cell, ok := cells[f]; ok {
			return domain.Location{File: c.file, Sheet: cell.Sheet, Cell: cell.Ref}
		}
	}
	keys := make([]string, 0, len(cells))
	for k := range cells {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 0 {
		return domain.Location{File: c.file, Sheet: cells[keys[0]].Sheet}
	}
	return c.whole()
}

func (c *checker) teamName(id string) string {
	if t, ok := c.org.Team(id); ok {
		return t.Name
	}
	return domain.Excerpt(id, ExcerptLen)
}

func (c *checker) identity() bool {
	id := c.sub.Identity
	if id.Organisation != c.org.ID {
		c.add(WrongOrganisation, c.whole(), map[string]any{"Got": domain.Excerpt(id.Organisation, ExcerptLen), "Want": c.org.ID})
		return false
	}
	if id.Period != c.org.Period {
		c.add(WrongPeriod, c.whole(), map[string]any{"Got": domain.Excerpt(id.Period, ExcerptLen), "Want": c.org.Period})
		return false
	}
	unit, ok := c.org.Unit(id.Unit)
	if !ok {
		c.add(UnknownUnit, c.whole(), map[string]any{"Unit": domain.Excerpt(id.Unit, ExcerptLen)})
		return false
	}
	if id.TemplateVersion != domain.TemplateVersion {
		c.add(OldTemplate, c.whole(), map[string]any{"Got": domain.Excerpt(id.TemplateVersion, ExcerptLen), "Want": domain.TemplateVersion})
	}
	if _, ok := c.org.Round(id.Round); !ok {
		c.add(UnknownRound, c.whole(), map[string]any{"Round": domain.Excerpt(id.Round, ExcerptLen)})
	} else if c.opts.Round != "" && id.Round != c.opts.Round {
		c.add(WrongRound, c.whole(), map[string]any{"Got": domain.Excerpt(id.Round, ExcerptLen), "Want": c.opts.Round})
	}
	ofUnit := map[string]bool{}
	for _, t := range c.org.TeamsOf(unit.ID) {
		ofUnit[t.ID] = true
	}
	// A team of the workbook that is not the unit's is read all the same:
	// it has moved to another unit, whose record its goals follow, or left
	// the organisation, whose goals the register keeps.
	seen := map[string]bool{}
	other := func(id string) {
		if seen[id] || ofUnit[id] {
			seen[id] = true
			return
		}
		seen[id] = true
		if t, ok := c.org.Team(id); ok {
			to, _ := c.org.Unit(t.Unit)
			c.add(TeamMoved, c.whole(), map[string]any{"Team": t.Name, "Unit": unit.Name, "To": to.Name})
			return
		}
		name := id
		for _, tg := range c.sub.Teams {
			if tg.Team == id && tg.Name != "" {
				name = tg.Name
			}
		}
		c.add(UnknownTeam, c.whole(), map[string]any{"Team": domain.Excerpt(name, ExcerptLen), "Unit": unit.Name})
	}
	for _, t := range id.Teams {
		other(t)
	}
	for _, tg := range c.sub.Teams {
		other(tg.Team)
	}
	// A unit workbook covers all the unit's teams; a team the config has
	// gained since the workbook was generated is not in it.
	if id.Scope == domain.ScopeUnit || id.Scope == "" {
		for _, t := range c.org.TeamsOf(unit.ID) {
			if !seen[t.ID] {
				c.add(TeamNotInWorkbook, c.whole(), map[string]any{"Team": t.Name, "TeamID": t.ID})
			}
		}
	}
	return true
}

// textLimits reports every text field over the organisation's limit,
// iterating the field tables: a text field added to a table is checked
// without an edit here.
func (c *checker) textLimits() {
	limit := c.org.Rules.TextLimit
	if limit <= 0 {
		limit = domain.DefaultTextLimit
	}
	unitForm, teamForm := domain.Form(domain.UnitGoalFields), domain.Form(domain.TeamGoalFields)
	for _, g := range c.sub.UnitGoals {
		limited(c, limit, g.Cells, unitForm, &domain.Entry[domain.UnitGoal]{Goal: g}, nil)
	}
	for _, tg := range c.sub.Teams {
		for _, g := range tg.Goals {
			limited(c, limit, g.Cells, teamForm, &domain.Entry[domain.TeamGoal]{Goal: g}, func(f domain.FieldInfo) bool { return f.Section == domain.SectionPlan })
			for _, r := range g.Reviews {
				limited(c, limit, g.Cells, teamForm, &domain.Entry[domain.TeamGoal]{Review: r}, func(f domain.FieldInfo) bool { return f.Section != domain.SectionPlan })
			}
		}
	}
	for _, n := range c.sub.Criteria {
		limited(c, limit, n.Cells, domain.CriterionFields, &n, nil)
	}
}

// limited reports the text fields of v, those of which is holds when it
// is given, that are longer than limit.
func limited[T any](c *checker, limit int, cells domain.Cells, fields domain.Fields[T], v *T, is func(domain.FieldInfo) bool) {
	for _, f := range fields {
		if !f.Limited() || is != nil && !is(f.FieldInfo) {
			continue
		}
		if n := utf8.RuneCountInString(f.Get(v)); n > limit {
			c.add(TextTooLong, c.at(cells, f.Key), map[string]any{"Count": limit, "Length": n})
		}
	}
}

// choiceRules are, per list, the rule for an id the list lacks and the
// key under which the finding's data quote it.
var choiceRules = map[string]struct {
	rule Rule
	key  string
}{
	domain.ListValues:          {UnknownValue, "Value"},
	domain.ListStatuses:        {UnknownStatus, "Status"},
	domain.ListDepartmentGoals: {UnknownDepartmentGoal, "DepartmentGoal"},
	domain.ListUnitGoals:       {UnknownUnitGoal, "UnitGoal"},
	domain.ListTeamGoals:       {CriterionUnknownGoal, "TeamGoal"},
}

// choices reports each choice or link field of v, of the sections in
// sections, whose id the list does not hold; data gives the finding's
// data naming the record. A list without a rule is a bug of the tables.
func choices[T any](c *checker, cells domain.Cells, fields domain.Fields[T], v *T, data func() map[string]any, sections ...domain.Section) {
	for _, f := range fields {
		if f.Kind != domain.KindChoice && f.Kind != domain.KindLink || !slices.Contains(sections, f.Section) {
			continue
		}
		id := f.Get(v)
		if id == "" || c.known(f.List, id) {
			continue
		}
		cr, ok := choiceRules[f.List]
		if !ok {
			panic(fmt.Sprintf("rules: no rule for list %q", f.List))
		}
		d := data()
		d[cr.key] = domain.Excerpt(id, ExcerptLen)
		c.add(cr.rule, c.at(cells, f.Key), d)
	}
}

// known reports whether list holds id for this workbook.
func (c *checker) known(list, id string) bool {
	switch list {
	case domain.ListValues:
		_, ok := c.org.Value(id)
		return ok
	case domain.ListStatuses:
		_, ok := c.org.Status(id)
		return ok
	case domain.ListDepartmentGoals:
		return c.departmentGoal(id)
	case domain.ListUnitGoals:
		return c.unitGoalIDs()[id]
	case domain.ListTeamGoals:
		return c.teamGoalIDs()[id]
	}
	panic(fmt.Sprintf("rules: no ids for list %q", list))
}

// unitGoalIDs returns the IDs a team goal may link to: the goals in the
// workbook and the unit's preset goals of the config.
func (c *checker) unitGoalIDs() map[string]bool {
	ids := map[string]bool{}
	for _, g := range c.sub.UnitGoals {
		ids[g.ID] = true
	}
	if u, ok := c.org.Unit(c.sub.Identity.Unit); ok {
		for _, g := range u.Goals {
			ids[g.ID] = true
		}
	}
	return ids
}

func (c *checker) departmentGoal(id string) bool {
	for _, d := range c.org.Departments {
		for _, g := range d.Goals {
			if g.ID == id {
				return true
			}
		}
	}
	return false
}

func (c *checker) unitGoals() {
	if c.sub.Identity.Scope == domain.ScopeTeam {
		return // a team workbook shows the unit's goals read-only
	}
	if len(c.sub.UnitGoals) == 0 {
		c.add(UnitNoGoals, c.at(c.sub.UnitGoalCells, domain.FieldText), nil)
	}
	max := c.org.Rules.MaxUnitGoals
	if max <= 0 {
		max = domain.DefaultMaxUnitGoals
	}
	if len(c.sub.UnitGoals) > max {
		c.add(TooManyUnitGoals, c.at(c.sub.UnitGoals[max].Cells, domain.FieldText), map[string]any{"Count": max, "Got": len(c.sub.UnitGoals)})
	}
	for i, g := range c.sub.UnitGoals {
		data := func() map[string]any {
			return map[string]any{"Goal": unitGoalNumber(g, i), "Text": domain.Excerpt(g.Text, ExcerptLen)}
		}
		if g.DepartmentGoal == "" {
			c.add(UnitGoalNoDepartment, c.at(g.Cells, domain.FieldDepartmentGoal, domain.FieldText), data())
		}
		choices(c, g.Cells, domain.UnitGoalFields, &g, data, domain.SectionPlan)
	}
}

// unitGoalNumber is how a manager finds a unit goal on the sheet: its
// row slot, from its ID "e<n>" or its position.
func unitGoalNumber(g domain.UnitGoal, i int) string {
	if len(g.ID) > 1 && g.ID[0] == 'e' {
		if _, err := strconv.Atoi(g.ID[1:]); err == nil {
			return g.ID[1:]
		}
	}
	return strconv.Itoa(i + 1)
}

// unknownTeamGoal reports a criterion linked to a team goal that does not
// exist. Mostly a goal chosen in the list and then left empty: that one
// is named as the sheet shows it, team and goal number.
func (c *checker) unknownTeamGoal(n domain.CriterionNote, name string) {
	data := map[string]any{"Criterion": domain.Excerpt(name, ExcerptLen)}
	if team, slot, ok := domain.ParseTeamGoalID(n.TeamGoal); ok {
		if t, known := c.org.Team(team); known {
			data["Team"], data["Slot"] = t.Name, slot
			c.add(CriterionEmptyGoal, c.at(n.Cells, domain.FieldTeamGoal), data)
			return
		}
	}
	data["TeamGoal"] = domain.Excerpt(n.TeamGoal, ExcerptLen)
	c.add(CriterionUnknownGoal, c.at(n.Cells, domain.FieldTeamGoal), data)
}

func (c *checker) teamGoals() {
	max := c.org.Rules.MaxTeamGoals
	if max <= 0 {
		max = domain.DefaultMaxTeamGoals
	}
	// A team of the identity that the reader did not return has a sheet
	// or table missing, which the reader has reported: one cause, one
	// finding.
	for _, tg := range c.sub.Teams {
		team := c.teamName(tg.Team)
		if len(tg.Goals) == 0 {
			c.add(TeamNoGoals, c.at(tg.Cells, domain.FieldWhat), map[string]any{"Team": team})
			continue
		}
		if len(tg.Goals) > max {
			c.add(TooManyGoals, c.at(tg.Goals[max].Cells, domain.FieldWhat), map[string]any{"Team": team, "Count": max, "Got": len(tg.Goals)})
		}
		for _, g := range tg.Goals {
			data := func() map[string]any { return map[string]any{"Team": team, "Slot": g.Slot} }
			if g.What == "" {
				c.add(GoalMissingWhat, c.at(g.Cells, domain.FieldWhat), data())
			}
			if g.How == "" {
				c.add(GoalMissingHow, c.at(g.Cells, domain.FieldHow), data())
			}
			c.followUp(g.Cells, g.FollowUp, GoalMissingFollowUp, domain.FieldFollowUpMethod, domain.FieldFollowUpWhen, domain.FieldFollowUpWho, data)
			// A team's own workbook without known unit goals has nothing to
			// link to: the cell is grey and locked.
			if g.UnitGoal == "" && len(c.unitGoalIDs()) > 0 {
				c.add(GoalNoUnitGoal, c.at(g.Cells, domain.FieldUnitGoal, domain.FieldWhat), data())
			}
			choices(c, g.Cells, domain.TeamGoalFields, &g, data, domain.SectionPlan)
		}
	}
}

// followUp checks an Uppföljning: method, when (inside the period) and who.
// It serves both goals and revised goals, which differ only in the rule
// for a missing method and in their cells.
func (c *checker) followUp(cells domain.Cells, p domain.FollowUpPlan, missing Rule, method, when, who string, data func() map[string]any) {
	if p.Method == "" {
		c.add(missing, c.at(cells, method), data())
	}
	if p.When.IsZero() {
		c.add(FollowUpMissingWhen, c.at(cells, when), data())
	} else if !p.When.Within(c.org.PeriodStart, c.org.PeriodEnd) {
		d := data()
		d["Date"], d["From"], d["To"] = p.When.String(), c.org.PeriodStart.String(), c.org.PeriodEnd.String()
		c.add(DateOutsidePeriod, c.at(cells, when), d)
	}
	if p.Who == "" {
		c.add(FollowUpMissingWho, c.at(cells, who), data())
	}
}

// teamGoalIDs returns the IDs of the team goals in the workbook, which
// criteria may link to.
func (c *checker) teamGoalIDs() map[string]bool {
	goals := map[string]bool{}
	for _, tg := range c.sub.Teams {
		for _, g := range tg.Goals {
			goals[goalID(tg.Team, g)] = true
		}
	}
	return goals
}

func (c *checker) criteria() {
	goals := c.teamGoalIDs()
	for _, n := range c.sub.Criteria {
		name := n.Name
		if n.Criterion != "" {
			crit, ok := c.org.Criterion(n.Criterion)
			if !ok {
				c.add(UnknownCriterion, c.at(n.Cells, domain.FieldName, domain.FieldMeaning), map[string]any{"Criterion": domain.Excerpt(n.Criterion, ExcerptLen)})
				continue
			}
			name = crit.Name
		}
		data := map[string]any{"Criterion": domain.Excerpt(name, ExcerptLen)}
		if n.Meaning == "" {
			c.add(CriterionNoMeaning, c.at(n.Cells, domain.FieldMeaning), data)
		}
		if n.TeamGoal != "" && !goals[n.TeamGoal] {
			c.unknownTeamGoal(n, name)
		}
	}
}

// goalID is the goal's ID, or the one the register will give it.
func goalID(team string, g domain.TeamGoal) string {
	if g.ID != "" {
		return g.ID
	}
	return domain.TeamGoalID(team, g.Slot)
}

func (c *checker) quality() {
	type first struct {
		team string
		slot int
	}
	seen := map[string]first{}
	for _, tg := range c.sub.Teams {
		team := c.teamName(tg.Team)
		for _, g := range tg.Goals {
			data := map[string]any{"Team": team, "Slot": g.Slot}
			if g.What == "" {
				continue // already an error; quality comes after
			}
			c.measurable(g.Cells, g.Indicator, g.Target, data)
			if g.How != "" && similar(g.What, g.How) {
				c.add(HowRepeatsWhat, c.at(g.Cells, domain.FieldHow), map[string]any{"Team": team, "Slot": g.Slot})
			}
			key := normalize(g.What)
			if f, ok := seen[key]; ok && f.team != tg.Team {
				c.add(DuplicateTeamGoal, c.at(g.Cells, domain.FieldWhat), map[string]any{
					"Team": team, "Slot": g.Slot, "OtherTeam": c.teamName(f.team), "OtherSlot": f.slot})
			} else if !ok {
				seen[key] = first{tg.Team, g.Slot}
			}
		}
	}
}

// measurable warns about a goal that cannot be measured: no indicator or
// target at all, or neither holds a number.
func (c *checker) measurable(cells domain.Cells, indicator, target string, data map[string]any) {
	switch {
	case indicator == "" && target == "":
		c.add(GoalNoIndicator, c.at(cells, domain.FieldIndicator, domain.FieldTarget, domain.FieldWhat, domain.FieldText), data)
	case !hasDigit(indicator) && !hasDigit(target):
		c.add(GoalNotMeasurable, c.at(cells, domain.FieldTarget, domain.FieldIndicator), data)
	}
}

func (c *checker) reviews() {
	round := c.sub.Identity.Round
	if c.sub.Identity.Scope != domain.ScopeTeam {
		form := domain.Form(domain.UnitGoalFields)
		for i, g := range c.sub.UnitGoals {
			if _, offered := g.Cells[domain.FieldStatus]; g.ReplacedIn != "" || !offered {
				// Replaced, or read from a workbook of the earlier layout
				// that had no place for a unit goal's review.
				continue
			}
			data := func() map[string]any {
				return map[string]any{"Goal": unitGoalNumber(g, i), "Text": domain.Excerpt(g.Text, ExcerptLen)}
			}
			r, _ := g.Review(round)
			choices(c, g.Cells, form, &domain.Entry[domain.UnitGoal]{Goal: g, Review: r}, data, domain.SectionFollowUp, domain.SectionRevision)
			c.status(UnitStatusMissing, UnitStatusNeedsAnalysis, g.Cells, r.Status, r.Analysis+r.Correction, r.Revised != nil, data)
		}
	}
	form := domain.Form(domain.TeamGoalFields)
	for _, tg := range c.sub.Teams {
		team := c.teamName(tg.Team)
		for _, g := range tg.Goals {
			if g.ReplacedIn != "" {
				continue // an earlier wording, shown for history only
			}
			data := func() map[string]any { return map[string]any{"Team": team, "Slot": g.Slot} }
			r, _ := g.Review(round)
			choices(c, g.Cells, form, &domain.Entry[domain.TeamGoal]{Goal: g, Review: r}, data, domain.SectionFollowUp, domain.SectionRevision)
			c.status(StatusMissing, StatusNeedsAnalysis, g.Cells, r.Status, r.Analysis+r.Correction, r.Revised != nil, data)
			if r.Revised == nil {
				continue
			}
			// A revision sets what changes; the new goal keeps the rest of
			// the old one, and as a whole needs Vad, Hur and Uppföljning.
			rev := domain.Revise(domain.TeamGoalFields, g, r.Revised)
			if rev.What == "" {
				c.add(RevisedMissingWhat, c.at(g.Cells, domain.FieldRevisedWhat), data())
			}
			if rev.How == "" {
				c.add(RevisedMissingHow, c.at(g.Cells, domain.FieldRevisedHow), data())
			}
			c.followUp(g.Cells, rev.FollowUp, RevisedMissingFollow, domain.FieldRevisedMethod, domain.FieldRevisedWhen, domain.FieldRevisedWho, data)
		}
	}
}

// status checks a review's status: given, and explained (an analysis or a
// correction, or a revised goal) where the status needs it. The data of
// a missing status name the scale's "not assessed" status to choose.
func (c *checker) status(missing, unexplained Rule, cells domain.Cells, status, explained string, revised bool, data func() map[string]any) {
	if status == "" {
		d := data()
		for _, s := range c.org.Statuses {
			if s.Kind == domain.StatusNotAssessed {
				d["NotAssessed"], d["DefaultNotAssessed"] = s.Label, s.Label == ""
				break
			}
		}
		c.add(missing, c.at(cells, domain.FieldStatus), d)
		return
	}
	if st, ok := c.org.Status(status); ok && st.Kind.NeedsAnalysis() && explained == "" && !revised {
		c.add(unexplained, c.at(cells, domain.FieldAnalysis, domain.FieldCorrection, domain.FieldStatus), data())
	}
}
