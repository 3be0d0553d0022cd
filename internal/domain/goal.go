package domain

import (
	"strconv"
	"strings"
)

// UnitGoal is one of a unit's goals (Enhetens mål).
type UnitGoal struct {
	// ID is stable within the unit: "e1", "e2", … by row; a preset goal
	// may give its own. A reworded goal (a review's Revised) has none.
	ID string `json:"id,omitempty"`
	// Text is the goal itself.
	Text string `json:"text"`
	// DepartmentGoal is the ID of the department goal it serves.
	DepartmentGoal string `json:"departmentGoal,omitempty"`
	Indicator      string `json:"indicator,omitempty"`
	Target         string `json:"target,omitempty"`
	Responsible    string `json:"responsible,omitempty"`
	// Preset marks a goal that came from the config, not from the manager.
	Preset bool `json:"preset,omitempty"`
	// Replaces is the ID of the goal this one revises, if any.
	Replaces string `json:"replaces,omitempty"`
	// ReplacedIn is the round in which this goal was replaced by a revision.
	ReplacedIn string `json:"replacedIn,omitempty"`
	// Reviews holds the goal's follow-up per round, in round order.
	Reviews []UnitReview `json:"reviews,omitempty"`
	// Cells tells where each field was read, by Field key; for findings.
	Cells Cells `json:"-"`
}

// Review returns the goal's follow-up in a round.
func (g *UnitGoal) Review(round string) (UnitReview, bool) { return reviewIn(g.Reviews, round) }

// LatestReview returns the goal's last follow-up, if any.
func (g *UnitGoal) LatestReview() (UnitReview, bool) { return latestReview(g.Reviews) }

// UnitGoalID returns the ID of the unit goal in row slot (1-based).
func UnitGoalID(slot int) string { return "e" + strconv.Itoa(slot) }

// TeamGoal is one of a team's goals (Arbetslagets mål): Vad, Hur and
// Uppföljning, with the follow-up of each round.
type TeamGoal struct {
	// ID is stable across rounds: "<team>/<slot>", or for a revised goal
	// "<team>/<slot>r<n>". A reworded goal (a review's Revised) has none.
	ID string `json:"id,omitempty"`
	// Slot is the goal's place on the team sheet, 1-based; 0 in a
	// review's Revised.
	Slot int `json:"slot,omitempty"`
	// What is Vad: the goal.
	What string `json:"what"`
	// UnitGoal is the ID of the unit goal it supports.
	UnitGoal string `json:"unitGoal,omitempty"`
	// How is Hur: how the goal will be reached.
	How string `json:"how"`
	// FollowUp is Uppföljning: how, when and by whom it is followed up.
	FollowUp  FollowUpPlan `json:"followUp"`
	Indicator string       `json:"indicator,omitempty"`
	Target    string       `json:"target,omitempty"`
	// Value is the ID of the value the goal expresses.
	Value string `json:"value,omitempty"`
	// Collaboration is Samverkan med: units or outside partners the goal
	// depends on, as typed.
	Collaboration string `json:"collaboration,omitempty"`
	// Replaces is the ID of the goal this one revises, if any.
	Replaces string `json:"replaces,omitempty"`
	// ReplacedIn is the round in which this goal was replaced by a revision.
	ReplacedIn string `json:"replacedIn,omitempty"`
	// Reviews holds the goal's follow-up per round, in round order.
	Reviews []Review `json:"reviews,omitempty"`
	// Cells tells where each field was read, by Field key; for findings.
	Cells Cells `json:"-"`
}

// TeamGoalID returns the ID of a team's goal in slot (1-based).
func TeamGoalID(team string, slot int) string { return team + "/" + strconv.Itoa(slot) }

// ParseTeamGoalID splits an id made by TeamGoalID into its team and slot;
// ok is false for any other id, such as a revised goal's.
func ParseTeamGoalID(id string) (team string, slot int, ok bool) {
	i := strings.LastIndexByte(id, '/')
	if i <= 0 {
		return "", 0, false
	}
	slot, err := strconv.Atoi(id[i+1:])
	if err != nil || slot < 1 || strconv.Itoa(slot) != id[i+1:] {
		return "", 0, false
	}
	return id[:i], slot, true
}

// Review returns the goal's follow-up in a round.
func (g *TeamGoal) Review(round string) (Review, bool) { return reviewIn(g.Reviews, round) }

// LatestReview returns the goal's last follow-up, if any.
func (g *TeamGoal) LatestReview() (Review, bool) { return latestReview(g.Reviews) }

// reviewIn returns the review of round among rs: the one definition of a
// goal's review in a round.
func reviewIn[G any](rs []GoalReview[G], round string) (GoalReview[G], bool) {
	for _, r := range rs {
		if r.Round == round {
			return r, true
		}
	}
	return GoalReview[G]{}, false
}

func latestReview[G any](rs []GoalReview[G]) (GoalReview[G], bool) {
	if len(rs) == 0 {
		return GoalReview[G]{}, false
	}
	return rs[len(rs)-1], true
}

// FollowUpPlan is the Uppföljning of a goal.
type FollowUpPlan struct {
	// Method is how the goal is followed up.
	Method string `json:"method"`
	// When is the first or next follow-up date.
	When Date `json:"when"`
	// Who follows it up.
	Who string `json:"who"`
}

// GoalReview is a goal's follow-up in one round: where it stands and what
// the team or unit does about it (följa upp och korrigera). G is the kind
// of goal reviewed.
type GoalReview[G any] struct {
	Round string `json:"round"`
	// Status is the ID of a status of the organisation's scale.
	Status string `json:"status"`
	// Current is the indicator's current value, as typed.
	Current  string `json:"current,omitempty"`
	Analysis string `json:"analysis,omitempty"`
	// Correction is what the team changes to reach the goal.
	Correction string `json:"correction,omitempty"`
	// Revised is the goal reworded, when the goal itself changes: the
	// revisable fields it holds replace the goal's (see Revise).
	Revised *G `json:"revised,omitempty"`
}

// Review is a team goal's follow-up in one round.
type Review = GoalReview[TeamGoal]

// UnitReview is a unit goal's follow-up in one round.
type UnitReview = GoalReview[UnitGoal]

// RevisionID returns the ID of the n-th revision of the goal with ID
// base: "e1r1", "skola-lag/2r2".
func RevisionID(base string, n int) string { return base + "r" + strconv.Itoa(n) }

// RevisionBase returns the ID of the original goal of a revised goal's
// ID: "e1" for "e1r2"; an original's ID as it is.
func RevisionBase(id string) string {
	if n := Revision(id); n > 0 {
		return strings.TrimSuffix(id, "r"+strconv.Itoa(n))
	}
	return id
}

// Revision returns n of a revised goal's ID ("…r<n>"), 0 for an original.
func Revision(id string) int {
	i := strings.LastIndexByte(id, 'r')
	if i < 0 || strings.LastIndexByte(id, '/') > i {
		return 0
	}
	n, err := strconv.Atoi(id[i+1:])
	if err != nil || n < 1 {
		return 0
	}
	return n
}

// RevisedGoal is a team goal reworded during follow-up. It needs Vad, Hur
// and Uppföljning like any goal.
type RevisedGoal = TeamGoal

// CriterionNote is what a unit writes about a salary criterion: what it
// means concretely here and which team goal it connects to. A note with an
// empty Criterion is the unit's own criterion, named in Name, on the
// unit's Own-th row for its own criteria.
type CriterionNote struct {
	Criterion string `json:"criterion,omitempty"`
	// Own is the note's row among the unit's own criteria, 1-based; 0 for
	// a criterion of the config.
	Own         int    `json:"own,omitempty"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	// Value is the ID of the value an own criterion expresses.
	Value string `json:"value,omitempty"`
	// Meaning is what the criterion means concretely in this unit.
	Meaning string `json:"meaning"`
	// TeamGoal is the ID of the team goal it connects to.
	TeamGoal string `json:"teamGoal,omitempty"`
	// Round is the round the note was written in: the planning round, or
	// the follow-up round that changed it.
	Round string `json:"round,omitempty"`
	// ReplacedIn is, on an earlier version kept in the register, the round
	// whose note replaced it.
	ReplacedIn string `json:"replacedIn,omitempty"`
	Cells      Cells  `json:"-"`
}

// Contribution is an employee's own goal for the year, "Mitt bidrag",
// written in the development talk and linked to one of the team's goals.
// It stays between employee and manager: it is checked, never collected.
type Contribution struct {
	// Row is the contribution's 1-based row among the workbook's.
	Row      int    `json:"row"`
	What     string `json:"what"`
	How      string `json:"how"`
	FollowUp string `json:"followUp"`
	// TeamGoal is the ID of the team goal the contribution serves.
	TeamGoal string `json:"teamGoal"`
	Cells    Cells  `json:"-"`
}

// Key identifies the note's criterion within its unit: the config's
// criterion ID, or "own:<n>" for the unit's own n-th.
func (n *CriterionNote) Key() string {
	if n.Criterion != "" || n.Own == 0 {
		return n.Criterion
	}
	return OwnCriterionKey(n.Own)
}

// OwnCriterionKey is the key of the unit's own n-th criterion (1-based).
func OwnCriterionKey(n int) string { return "own:" + strconv.Itoa(n) }

// Field keys name the fields of goals and notes; workbook layouts and
// findings use them.
const (
	FieldText           = "text"
	FieldDepartmentGoal = "departmentGoal"
	FieldIndicator      = "indicator"
	FieldTarget         = "target"
	FieldResponsible    = "responsible"
	FieldWhat           = "what"
	FieldUnitGoal       = "unitGoal"
	FieldHow            = "how"
	FieldFollowUpMethod = "followUpMethod"
	FieldFollowUp       = "followUp"
	FieldFollowUpWhen   = "followUpWhen"
	FieldFollowUpWho    = "followUpWho"
	FieldValue          = "value"
	FieldCollaboration  = "collaboration"
	FieldStatus         = "status"
	FieldCurrent        = "current"
	FieldComment        = "comment"
	FieldAnalysis       = "analysis"
	FieldCorrection     = "correction"
	FieldRevisedWhat    = "revisedWhat"
	FieldRevisedHow     = "revisedHow"
	FieldRevisedMethod  = "revisedFollowUpMethod"
	FieldRevisedWhen    = "revisedFollowUpWhen"
	FieldRevisedWho     = "revisedFollowUpWho"
	FieldMeaning        = "meaning"
	FieldTeamGoal       = "teamGoal"
	FieldName           = "name"
	FieldDescription    = "description"
)

// Cell is a place in a workbook.
type Cell struct {
	Sheet string `json:"sheet"`
	// Ref is the A1 reference, e.g. "C7".
	Ref string `json:"cell"`
}

// Cells maps Field keys to where their values were read.
type Cells map[string]Cell
