package rules

import (
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
	c.textLimits()
	if org.IsPlanning(sub.Identity.Round) {
		c.unitGoals()
		c.teamGoals()
		c.criteria()
		c.quality()
	} else if _, ok := org.Round(sub.Identity.Round); ok {
		c.reviews()
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
	seen := map[string]bool{}
	for _, t := range id.Teams {
		seen[t] = true
		if !ofUnit[t] {
			c.add(UnknownTeam, c.whole(), map[string]any{"Team": domain.Excerpt(t, ExcerptLen), "Unit": unit.Name})
		}
	}
	for _, tg := range c.sub.Teams {
		if !ofUnit[tg.Team] && !seen[tg.Team] {
			seen[tg.Team] = true
			c.add(UnknownTeam, c.whole(), map[string]any{"Team": domain.Excerpt(tg.Team, ExcerptLen), "Unit": unit.Name})
		}
	}
	// A unit workbook covers all the unit's teams; a team the config has
	// gained since the workbook was generated is not in it.
	if id.Scope != domain.ScopeTeam {
		for _, t := range c.org.TeamsOf(unit.ID) {
			if !seen[t.ID] {
				c.add(TeamNotInWorkbook, c.whole(), map[string]any{"Team": t.Name})
			}
		}
	}
	return true
}

// textFields lists the free-text fields of a goal with their values.
type textField struct{ key, value string }

func (c *checker) textLimits() {
	limit := c.org.Rules.TextLimit
	if limit <= 0 {
		limit = domain.DefaultTextLimit
	}
	check := func(cells domain.Cells, fs []textField) {
		for _, f := range fs {
			if n := utf8.RuneCountInString(f.value); n > limit {
				c.add(TextTooLong, c.at(cells, f.key), map[string]any{"Count": limit, "Length": n})
			}
		}
	}
	for _, g := range c.sub.UnitGoals {
		check(g.Cells, []textField{{domain.FieldText, g.Text}, {domain.FieldIndicator, g.Indicator},
			{domain.FieldTarget, g.Target}, {domain.FieldResponsible, g.Responsible}})
	}
	for _, tg := range c.sub.Teams {
		for _, g := range tg.Goals {
			fs := []textField{{domain.FieldWhat, g.What}, {domain.FieldHow, g.How},
				{domain.FieldFollowUpMethod, g.FollowUp.Method}, {domain.FieldFollowUpWho, g.FollowUp.Who},
				{domain.FieldIndicator, g.Indicator}, {domain.FieldTarget, g.Target},
				{domain.FieldCollaboration, g.Collaboration}}
			for _, r := range g.Reviews {
				fs = append(fs, textField{domain.FieldCurrent, r.Current}, textField{domain.FieldAnalysis, r.Analysis},
					textField{domain.FieldCorrection, r.Correction})
				if r.Revised != nil {
					fs = append(fs, textField{domain.FieldRevisedWhat, r.Revised.What}, textField{domain.FieldRevisedHow, r.Revised.How},
						textField{domain.FieldRevisedMethod, r.Revised.FollowUp.Method}, textField{domain.FieldRevisedWho, r.Revised.FollowUp.Who})
				}
			}
			check(g.Cells, fs)
		}
	}
	for _, n := range c.sub.Criteria {
		check(n.Cells, []textField{{domain.FieldName, n.Name}, {domain.FieldDescription, n.Description}, {domain.FieldMeaning, n.Meaning}})
	}
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
		data := map[string]any{"Goal": unitGoalNumber(g, i), "Text": domain.Excerpt(g.Text, ExcerptLen)}
		switch {
		case g.DepartmentGoal == "":
			c.add(UnitGoalNoDepartment, c.at(g.Cells, domain.FieldDepartmentGoal, domain.FieldText), data)
		case !c.departmentGoal(g.DepartmentGoal):
			data["DepartmentGoal"] = domain.Excerpt(g.DepartmentGoal, ExcerptLen)
			c.add(UnknownDepartmentGoal, c.at(g.Cells, domain.FieldDepartmentGoal), data)
		}
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
	unitGoals := c.unitGoalIDs()
	// A reader may leave out a team whose rows are all empty; the identity
	// still lists it, and it still has no goals.
	read := map[string]bool{}
	for _, tg := range c.sub.Teams {
		read[tg.Team] = true
	}
	for _, t := range c.sub.Identity.Teams {
		if !read[t] {
			if _, ok := c.org.Team(t); ok {
				c.add(TeamNoGoals, c.whole(), map[string]any{"Team": c.teamName(t)})
			}
		}
	}
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
			switch {
			case g.UnitGoal == "":
				c.add(GoalNoUnitGoal, c.at(g.Cells, domain.FieldUnitGoal, domain.FieldWhat), data())
			case !unitGoals[g.UnitGoal]:
				d := data()
				d["UnitGoal"] = domain.Excerpt(g.UnitGoal, ExcerptLen)
				c.add(UnknownUnitGoal, c.at(g.Cells, domain.FieldUnitGoal), d)
			}
			if g.Value != "" {
				if _, ok := c.org.Value(g.Value); !ok {
					d := data()
					d["Value"] = domain.Excerpt(g.Value, ExcerptLen)
					c.add(UnknownValue, c.at(g.Cells, domain.FieldValue), d)
				}
			}
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

func (c *checker) criteria() {
	goals := map[string]bool{}
	for _, tg := range c.sub.Teams {
		for _, g := range tg.Goals {
			goals[goalID(tg.Team, g)] = true
		}
	}
	for _, n := range c.sub.Criteria {
		name := n.Name
		if n.Criterion != "" {
			crit, ok := criterion(c.org, n.Criterion)
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

func criterion(org *domain.Organisation, id string) (domain.Criterion, bool) {
	for _, cr := range org.Criteria {
		if cr.ID == id {
			return cr, true
		}
	}
	return domain.Criterion{}, false
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
	scale := c.org.Statuses
	if len(scale) == 0 {
		scale = domain.DefaultStatuses()
	}
	for _, tg := range c.sub.Teams {
		team := c.teamName(tg.Team)
		for _, g := range tg.Goals {
			if g.ReplacedIn != "" {
				continue // an earlier wording, shown for history only
			}
			data := func() map[string]any { return map[string]any{"Team": team, "Slot": g.Slot} }
			r, ok := ReviewOf(g, round)
			if !ok || r.Status == "" {
				c.add(StatusMissing, c.at(g.Cells, domain.FieldStatus), data())
			} else if st, ok := status(scale, r.Status); !ok {
				d := data()
				d["Status"] = domain.Excerpt(r.Status, ExcerptLen)
				c.add(UnknownStatus, c.at(g.Cells, domain.FieldStatus), d)
			} else if st.Kind.NeedsAnalysis() && r.Analysis == "" && r.Correction == "" && r.Revised == nil {
				c.add(StatusNeedsAnalysis, c.at(g.Cells, domain.FieldAnalysis, domain.FieldCorrection, domain.FieldStatus), data())
			}
			if r.Revised == nil {
				continue
			}
			if r.Revised.What == "" {
				c.add(RevisedMissingWhat, c.at(g.Cells, domain.FieldRevisedWhat), data())
			}
			if r.Revised.How == "" {
				c.add(RevisedMissingHow, c.at(g.Cells, domain.FieldRevisedHow), data())
			}
			c.followUp(g.Cells, r.Revised.FollowUp, RevisedMissingFollow, domain.FieldRevisedMethod, domain.FieldRevisedWhen, domain.FieldRevisedWho, data)
		}
	}
}

// ReviewOf returns the goal's review of round. A reader may leave the
// round of the one review it read empty: it is the workbook's round.
func ReviewOf(g domain.TeamGoal, round string) (domain.Review, bool) {
	if r, ok := g.Review(round); ok {
		return r, true
	}
	for _, r := range g.Reviews {
		if r.Round == "" {
			return r, true
		}
	}
	return domain.Review{}, false
}

func status(scale []domain.Status, id string) (domain.Status, bool) {
	for _, s := range scale {
		if s.ID == id {
			return s, true
		}
	}
	return domain.Status{}, false
}
