package domain

import "time"

// TemplateVersion is the version of the workbook layout. Raise it when a
// change makes older workbooks read differently.
const TemplateVersion = "1"

// Scope says whether a workbook covers a unit with all its teams or one
// team, or holds a team's employees' own goals.
type Scope string

// The scopes of a workbook.
const (
	ScopeUnit Scope = "unit"
	ScopeTeam Scope = "team"
	// ScopeIndividual is the workbook of an employee's own goals in the
	// development talk: it stays between employee and manager, validate
	// checks it and collect refuses it.
	ScopeIndividual Scope = "individual"
)

// LocksCriteria reports whether a workbook of this scope shows the
// unit's criteria notes locked: the unit's manager writes them in the
// unit's workbook.
func (s Scope) LocksCriteria() bool { return s == ScopeTeam || s == ScopeIndividual }

// Identity ties a workbook to the config it was generated from. It is
// written into every workbook and read back first.
type Identity struct {
	TemplateVersion string   `json:"templateVersion"`
	Organisation    string   `json:"organisation"`
	Period          string   `json:"period"`
	Round           string   `json:"round"`
	Scope           Scope    `json:"scope"`
	Unit            string   `json:"unit"`
	Teams           []string `json:"teams"`
	Language        Lang     `json:"language"`
	// ContentHash is a hash of the pre-filled content; a different hash on
	// return means the config changed or someone edited locked cells.
	ContentHash string `json:"contentHash"`
	// InstructionsHash is a hash of the instructions sheet's texts, so
	// that an edit there can be told from a change of the config or of
	// the program's wording since; empty in workbooks made before it.
	InstructionsHash string `json:"instructionsHash,omitempty"`
}

// Submission is what one returned workbook holds.
type Submission struct {
	Identity  Identity        `json:"identity"`
	UnitGoals []UnitGoal      `json:"unitGoals"`
	Teams     []TeamGoals     `json:"teams"`
	Criteria  []CriterionNote `json:"criteria"`
	// Contributions are an employee's own goals, read only from a
	// workbook of ScopeIndividual and never stored in the register.
	Contributions []Contribution `json:"contributions,omitempty"`
	// LinkableTeamGoals are the IDs of the team goals an individual
	// workbook shows, which its contributions may link to.
	LinkableTeamGoals []string `json:"-"`
	// Saved is when the workbook was last saved, from its document
	// properties; zero when they do not say.
	Saved time.Time `json:"-"`
	// Unread holds the cells the reader reported as unreadable (a date
	// that is none); the rules say nothing more about them, so that one
	// cause gives one finding.
	Unread map[Cell]bool `json:"-"`
	// UnitGoalCells tells where the first unit goal's fields are, so that
	// a finding about the unit goals as a whole (none at all) points at
	// the place to write one.
	UnitGoalCells Cells `json:"-"`
}

// TeamGoals are one team's goals.
type TeamGoals struct {
	Team string `json:"team"`
	// Name is the team's name when it was last collected.
	Name string `json:"name,omitempty"`
	// Left is the round from which the team is no longer in the
	// organisation; its goals are kept.
	Left  string     `json:"left,omitempty"`
	Goals []TeamGoal `json:"goals"`
	// Cells tells where the team's first goal's fields are, so that a
	// finding about the team as a whole (no goals) points at its sheet.
	Cells Cells `json:"-"`
}

// Head is the submission without what the workbook says: its identity
// and when it was saved, all a batch needs of a workbook once its
// findings are made, until (for collect) it is merged.
func (s *Submission) Head() *Submission {
	return &Submission{Identity: s.Identity, Saved: s.Saved}
}

// DropCells forgets where each field was read. The locations serve the
// rules, whose findings carry them on; a batch that holds hundreds of
// submissions until they are merged need not keep them.
func (s *Submission) DropCells() {
	s.UnitGoalCells, s.Unread = nil, nil
	for i := range s.UnitGoals {
		s.UnitGoals[i].Cells = nil
	}
	for i := range s.Teams {
		s.Teams[i].Cells = nil
		for j := range s.Teams[i].Goals {
			s.Teams[i].Goals[j].Cells = nil
		}
	}
	for i := range s.Criteria {
		s.Criteria[i].Cells = nil
	}
}
