package domain

import (
	"fmt"
	"strings"
)

// The field tables below are the one definition of what a goal, a review
// and a criterion note hold. The workbook writer and reader, the filler,
// the summary workbook, the rules and the register's merge iterate them;
// the workbook template only places them (order, widths, heights). Adding
// a field means a member on the domain type, a line in its table, a place
// in the template and its texts in the locales.

// FieldKind says what a field holds, and so how it is written, read and
// checked.
type FieldKind uint8

// The kinds of field.
const (
	// KindText is free text, within the organisation's text limit.
	KindText FieldKind = iota + 1
	// KindDate is a date; its text form is YYYY-MM-DD.
	KindDate
	// KindChoice is one item of a list the config defines (values,
	// statuses); its text form is the item's ID.
	KindChoice
	// KindLink is another goal (a department, unit or team goal); its text
	// form is that goal's ID.
	KindLink
)

func (k FieldKind) String() string {
	switch k {
	case KindText:
		return "text"
	case KindDate:
		return "date"
	case KindChoice:
		return "choice"
	case KindLink:
		return "link"
	}
	return fmt.Sprintf("FieldKind(%d)", uint8(k))
}

// Section says in which rounds a field is asked for.
type Section string

// The sections of a goal's fields.
const (
	// SectionPlan is the goal itself: set in the planning round, shown
	// locked afterwards.
	SectionPlan Section = "plan"
	// SectionFollowUp is a goal's review of a round: greyed out and locked
	// in the planning round.
	SectionFollowUp Section = "followUp"
	// SectionRevision is a reworded goal: only in follow-up rounds.
	SectionRevision Section = "revision"
	// SectionPrevious is the review of the round before, shown from the
	// register in follow-up rounds and never read back.
	SectionPrevious Section = "previous"
)

// Lists that choice and link fields draw from.
const (
	ListValues          = "values"
	ListStatuses        = "statuses"
	ListDepartmentGoals = "departmentGoals"
	ListUnitGoals       = "unitGoals"
	ListTeamGoals       = "teamGoals"
)

// Lists are every list a field may name; a field naming another fails
// the table test.
var Lists = []string{ListValues, ListStatuses, ListDepartmentGoals, ListUnitGoals, ListTeamGoals}

// FieldInfo describes a field apart from how it is stored.
type FieldInfo struct {
	// Key names the field in workbook layouts, findings and sample
	// answers, e.g. "what".
	Key     string
	Section Section
	Kind    FieldKind
	// List is the list a KindChoice or KindLink field draws from.
	List string
	// Label is the message ID of the field's name: the workbook's header,
	// the summary's column, the report's label.
	Label string
	// Hint is the message ID of the input message shown in the workbook.
	Hint string
	// Own marks a criterion field that is pre-filled from the config on
	// the configured criteria and typed on the unit's own.
	Own bool
	// Revisable marks a goal field that a reworded goal may change in a
	// follow-up round.
	Revisable bool
}

// Limited reports whether the organisation's text limit applies.
func (f FieldInfo) Limited() bool { return f.Kind == KindText }

// Field is one field of values of type T: its description and how to get
// and set it as text (see FieldKind for the text form of each kind).
type Field[T any] struct {
	FieldInfo
	Get func(*T) string
	Set func(*T, string)
}

// Fields is the table of a type's fields, in the order findings and
// summaries list them.
type Fields[T any] []Field[T]

// Field returns the field with key.
func (fs Fields[T]) Field(key string) (Field[T], bool) {
	for _, f := range fs {
		if f.Key == key {
			return f, true
		}
	}
	return Field[T]{}, false
}

// Infos returns the descriptions of the fields.
func (fs Fields[T]) Infos() []FieldInfo {
	out := make([]FieldInfo, len(fs))
	for i, f := range fs {
		out[i] = f.FieldInfo
	}
	return out
}

// Empty reports whether every field of v is empty.
func (fs Fields[T]) Empty(v *T) bool { return fs.Count(v) == 0 }

// Count returns how many fields of v hold something.
func (fs Fields[T]) Count(v *T) int {
	n := 0
	for _, f := range fs {
		if strings.TrimSpace(f.Get(v)) != "" {
			n++
		}
	}
	return n
}

// text makes a field of a string member; a field of no section is the
// goal's own (SectionPlan).
func text[T any](info FieldInfo, ptr func(*T) *string) Field[T] {
	if info.Section == "" {
		info.Section = SectionPlan
	}
	return Field[T]{
		FieldInfo: info,
		Get:       func(v *T) string { return *ptr(v) },
		Set:       func(v *T, s string) { *ptr(v) = s },
	}
}

// date makes a field of a Date member; text that is no date sets the
// zero date (the reader reports it).
func date[T any](info FieldInfo, ptr func(*T) *Date) Field[T] {
	info.Kind = KindDate
	if info.Section == "" {
		info.Section = SectionPlan
	}
	return Field[T]{
		FieldInfo: info,
		Get:       func(v *T) string { return ptr(v).String() },
		Set: func(v *T, s string) {
			d, err := ParseDate(s)
			if err != nil {
				d = Date{}
			}
			*ptr(v) = d
		},
	}
}

// UnitGoalFields are the fields of a unit goal (Enhetens mål).
var UnitGoalFields = Fields[UnitGoal]{
	text(FieldInfo{Key: FieldText, Kind: KindText, Label: "WorkbookFieldUnitGoal", Hint: "WorkbookHintUnitGoal", Revisable: true},
		func(g *UnitGoal) *string { return &g.Text }),
	text(FieldInfo{Key: FieldDepartmentGoal, Kind: KindLink, List: ListDepartmentGoals, Label: "WorkbookFieldDepartmentGoal", Hint: "WorkbookHintDepartmentGoal", Revisable: true},
		func(g *UnitGoal) *string { return &g.DepartmentGoal }),
	text(FieldInfo{Key: FieldIndicator, Kind: KindText, Label: "WorkbookFieldIndicator", Hint: "WorkbookHintIndicator", Revisable: true},
		func(g *UnitGoal) *string { return &g.Indicator }),
	text(FieldInfo{Key: FieldTarget, Kind: KindText, Label: "WorkbookFieldTarget", Hint: "WorkbookHintTarget", Revisable: true},
		func(g *UnitGoal) *string { return &g.Target }),
	text(FieldInfo{Key: FieldResponsible, Kind: KindText, Label: "WorkbookFieldResponsible", Hint: "WorkbookHintResponsible", Revisable: true},
		func(g *UnitGoal) *string { return &g.Responsible }),
}

// TeamGoalFields are the fields of a team goal (Arbetslagets mål): Vad,
// Hur and Uppföljning, and what makes the goal measurable and connected.
var TeamGoalFields = Fields[TeamGoal]{
	text(FieldInfo{Key: FieldWhat, Kind: KindText, Label: "WorkbookFieldWhat", Hint: "WorkbookHintWhat", Revisable: true},
		func(g *TeamGoal) *string { return &g.What }),
	text(FieldInfo{Key: FieldUnitGoal, Kind: KindLink, List: ListUnitGoals, Label: "WorkbookFieldUnitGoalLink", Hint: "WorkbookHintUnitGoalLink", Revisable: true},
		func(g *TeamGoal) *string { return &g.UnitGoal }),
	text(FieldInfo{Key: FieldHow, Kind: KindText, Label: "WorkbookFieldHow", Hint: "WorkbookHintHow", Revisable: true},
		func(g *TeamGoal) *string { return &g.How }),
	text(FieldInfo{Key: FieldFollowUpMethod, Kind: KindText, Label: "WorkbookFieldFollowUpMethod", Hint: "WorkbookHintFollowUpMethod", Revisable: true},
		func(g *TeamGoal) *string { return &g.FollowUp.Method }),
	date(FieldInfo{Key: FieldFollowUpWhen, Label: "WorkbookFieldFollowUpWhen", Hint: "WorkbookHintFollowUpWhen", Revisable: true},
		func(g *TeamGoal) *Date { return &g.FollowUp.When }),
	text(FieldInfo{Key: FieldFollowUpWho, Kind: KindText, Label: "WorkbookFieldFollowUpWho", Hint: "WorkbookHintFollowUpWho", Revisable: true},
		func(g *TeamGoal) *string { return &g.FollowUp.Who }),
	text(FieldInfo{Key: FieldIndicator, Kind: KindText, Label: "WorkbookFieldIndicator", Hint: "WorkbookHintIndicator", Revisable: true},
		func(g *TeamGoal) *string { return &g.Indicator }),
	text(FieldInfo{Key: FieldTarget, Kind: KindText, Label: "WorkbookFieldTarget", Hint: "WorkbookHintTarget", Revisable: true},
		func(g *TeamGoal) *string { return &g.Target }),
	text(FieldInfo{Key: FieldValue, Kind: KindChoice, List: ListValues, Label: "WorkbookFieldValue", Hint: "WorkbookHintValue", Revisable: true},
		func(g *TeamGoal) *string { return &g.Value }),
	text(FieldInfo{Key: FieldCollaboration, Kind: KindText, Label: "WorkbookFieldCollaboration", Hint: "WorkbookHintCollaboration", Revisable: true},
		func(g *TeamGoal) *string { return &g.Collaboration }),
}

// CriterionFields are the fields of what a unit writes about a salary
// criterion. Name and description are the config's on its criteria and
// typed on the unit's own.
var CriterionFields = Fields[CriterionNote]{
	text(FieldInfo{Key: FieldName, Kind: KindText, Own: true, Label: "WorkbookFieldCriterion", Hint: "WorkbookHintOwnCriterion"},
		func(n *CriterionNote) *string { return &n.Name }),
	text(FieldInfo{Key: FieldDescription, Kind: KindText, Own: true, Label: "WorkbookFieldDescription", Hint: "WorkbookHintOwnDescription"},
		func(n *CriterionNote) *string { return &n.Description }),
	text(FieldInfo{Key: FieldValue, Kind: KindChoice, List: ListValues, Own: true, Label: "WorkbookFieldValue", Hint: "WorkbookHintValue"},
		func(n *CriterionNote) *string { return &n.Value }),
	text(FieldInfo{Key: FieldMeaning, Kind: KindText, Label: "WorkbookFieldMeaning", Hint: "WorkbookHintMeaning"},
		func(n *CriterionNote) *string { return &n.Meaning }),
	text(FieldInfo{Key: FieldTeamGoal, Kind: KindLink, List: ListTeamGoals, Label: "WorkbookFieldTeamGoal", Hint: "WorkbookHintTeamGoal"},
		func(n *CriterionNote) *string { return &n.TeamGoal }),
}

// ContributionFields are the fields of an employee's own goal, "Mitt
// bidrag": Vad, Hur and Uppföljning, and the team goal it serves.
var ContributionFields = Fields[Contribution]{
	text(FieldInfo{Key: FieldWhat, Kind: KindText, Label: "WorkbookFieldContributionWhat", Hint: "WorkbookHintContributionWhat"},
		func(c *Contribution) *string { return &c.What }),
	text(FieldInfo{Key: FieldHow, Kind: KindText, Label: "WorkbookFieldContributionHow", Hint: "WorkbookHintContributionHow"},
		func(c *Contribution) *string { return &c.How }),
	text(FieldInfo{Key: FieldFollowUp, Kind: KindText, Label: "WorkbookFieldContributionFollowUp", Hint: "WorkbookHintContributionFollowUp"},
		func(c *Contribution) *string { return &c.FollowUp }),
	text(FieldInfo{Key: FieldTeamGoal, Kind: KindLink, List: ListTeamGoals, Label: "WorkbookFieldContributionTeamGoal", Hint: "WorkbookHintContributionTeamGoal"},
		func(c *Contribution) *string { return &c.TeamGoal }),
}

// reviewFields returns the fields of a review of a goal of type G.
func reviewFields[G any]() Fields[GoalReview[G]] {
	info := func(key string, kind FieldKind, label, hint string) FieldInfo {
		return FieldInfo{Key: key, Section: SectionFollowUp, Kind: kind, Label: label, Hint: hint}
	}
	status := info(FieldStatus, KindChoice, "WorkbookFieldStatus", "WorkbookHintStatus")
	status.List = ListStatuses
	return Fields[GoalReview[G]]{
		text(status, func(r *GoalReview[G]) *string { return &r.Status }),
		text(info(FieldCurrent, KindText, "WorkbookFieldCurrent", "WorkbookHintCurrent"),
			func(r *GoalReview[G]) *string { return &r.Current }),
		text(info(FieldAnalysis, KindText, "WorkbookFieldAnalysis", "WorkbookHintAnalysis"),
			func(r *GoalReview[G]) *string { return &r.Analysis }),
		text(info(FieldCorrection, KindText, "WorkbookFieldCorrection", "WorkbookHintCorrection"),
			func(r *GoalReview[G]) *string { return &r.Correction }),
	}
}

// revisionKeys names the field of a reworded goal that rewrites each
// revisable goal field, and its texts.
var revisionKeys = map[string][3]string{
	FieldWhat:           {FieldRevisedWhat, "WorkbookFieldRevisedWhat", "WorkbookHintRevisedWhat"},
	FieldHow:            {FieldRevisedHow, "WorkbookFieldRevisedHow", "WorkbookHintRevisedHow"},
	FieldFollowUpMethod: {FieldRevisedMethod, "WorkbookFieldRevisedMethod", "WorkbookHintFollowUpMethod"},
	FieldFollowUpWhen:   {FieldRevisedWhen, "WorkbookFieldRevisedWhen", "WorkbookHintFollowUpWhen"},
	FieldFollowUpWho:    {FieldRevisedWho, "WorkbookFieldRevisedWho", "WorkbookHintFollowUpWho"},
	FieldText:           {"revisedText", "WorkbookFieldRevisedText", "WorkbookHintRevisedText"},
	FieldDepartmentGoal: {"revisedDepartmentGoal", "WorkbookFieldRevisedDepartmentGoal", "WorkbookHintDepartmentGoal"},
	FieldIndicator:      {"revisedIndicator", "WorkbookFieldRevisedIndicator", "WorkbookHintIndicator"},
	FieldTarget:         {"revisedTarget", "WorkbookFieldRevisedTarget", "WorkbookHintTarget"},
	FieldResponsible:    {"revisedResponsible", "WorkbookFieldRevisedResponsible", "WorkbookHintResponsible"},
	FieldUnitGoal:       {"revisedUnitGoal", "WorkbookFieldRevisedUnitGoal", "WorkbookHintUnitGoalLink"},
	FieldValue:          {"revisedValue", "WorkbookFieldRevisedValue", "WorkbookHintValue"},
	FieldCollaboration:  {"revisedCollaboration", "WorkbookFieldRevisedCollaboration", "WorkbookHintCollaboration"},
}

// RevisionKey returns the key of the field that rewrites goal field key
// in a reworded goal: "revised" and the key, "revisedWhat" for "what".
func RevisionKey(key string) string {
	if k, ok := revisionKeys[key]; ok {
		return k[0]
	}
	if key == "" {
		return ""
	}
	return "revised" + strings.ToUpper(key[:1]) + key[1:]
}

// Entry is a goal as one column or row of a workbook holds it: the goal
// and, in a follow-up round, its review of that round, with a reworded
// goal when the goal changes.
type Entry[G any] struct {
	Goal   G
	Review GoalReview[G]
}

// Form returns the fields of an entry of goals with fields goal: the
// goal's own (SectionPlan), its review (SectionFollowUp) and, for each
// revisable field, the field that rewrites it (SectionRevision), which
// sets the review's Revised goal.
func Form[G any](goal Fields[G]) Fields[Entry[G]] {
	var out Fields[Entry[G]]
	for _, f := range goal {
		out = append(out, Field[Entry[G]]{
			FieldInfo: f.FieldInfo,
			Get:       func(e *Entry[G]) string { return f.Get(&e.Goal) },
			Set:       func(e *Entry[G], s string) { f.Set(&e.Goal, s) },
		})
	}
	for _, f := range reviewFields[G]() {
		out = append(out, Field[Entry[G]]{
			FieldInfo: f.FieldInfo,
			Get:       func(e *Entry[G]) string { return f.Get(&e.Review) },
			Set:       func(e *Entry[G], s string) { f.Set(&e.Review, s) },
		})
	}
	for _, f := range goal {
		if !f.Revisable {
			continue
		}
		info := f.FieldInfo
		info.Section, info.Revisable = SectionRevision, false
		info.Key = RevisionKey(f.Key)
		if k, ok := revisionKeys[f.Key]; ok {
			info.Label, info.Hint = k[1], k[2]
		}
		out = append(out, Field[Entry[G]]{
			FieldInfo: info,
			Get: func(e *Entry[G]) string {
				if e.Review.Revised == nil {
					return ""
				}
				return f.Get(e.Review.Revised)
			},
			Set: func(e *Entry[G], s string) {
				if e.Review.Revised == nil {
					if s == "" {
						return
					}
					e.Review.Revised = new(G)
				}
				f.Set(e.Review.Revised, s)
			},
		})
	}
	return out
}

// Revise returns goal g reworded by rev: each revisable field that rev
// holds replaces g's.
func Revise[G any](fields Fields[G], g G, rev *G) G {
	if rev == nil {
		return g
	}
	for _, f := range fields {
		if v := f.Get(rev); f.Revisable && v != "" {
			f.Set(&g, v)
		}
	}
	return g
}
