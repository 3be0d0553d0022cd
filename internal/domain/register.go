package domain

import "time"

// RegisterSchemaVersion is the version of the register's JSON schema
// (docs/register.md). Raise it on any incompatible change.
const RegisterSchemaVersion = 1

// Register collects the valid submissions of every round: the goals of
// every unit and team, their follow-up history and where each came from.
type Register struct {
	SchemaVersion int    `json:"schemaVersion"`
	Organisation  string `json:"organisation"`
	Period        string `json:"period"`
	// Rounds lists the rounds collected so far, in order.
	Rounds []string     `json:"rounds"`
	Units  []UnitRecord `json:"units"`
	// Missing lists, per round, units whose workbook was not returned.
	Missing []MissingUnit `json:"missing,omitempty"`
	// Rejected lists workbooks left out because they had errors.
	Rejected []Provenance `json:"rejected,omitempty"`
}

// UnitRecord is a unit's goals, its teams' goals and its criteria notes.
type UnitRecord struct {
	Unit       string          `json:"unit"`
	Department string          `json:"department"`
	Goals      []UnitGoal      `json:"goals"`
	Teams      []TeamGoals     `json:"teams"`
	Criteria   []CriterionNote `json:"criteria"`
	// EarlierCriteria are the notes that a later round changed, each with
	// the round it was written in and the round that replaced it.
	EarlierCriteria []CriterionNote `json:"earlierCriteria,omitempty"`
	// Sources lists the workbooks the record was built from, one per round
	// (or per team workbook).
	Sources []Provenance `json:"sources"`
	// Invalid marks a record kept with --include-invalid despite errors.
	Invalid bool `json:"invalid,omitempty"`
}

// Provenance says where a submission came from.
type Provenance struct {
	File            string    `json:"file"`
	SHA256          string    `json:"sha256"`
	TemplateVersion string    `json:"templateVersion"`
	Round           string    `json:"round"`
	Unit            string    `json:"unit,omitempty"`
	Team            string    `json:"team,omitempty"`
	ReadAt          time.Time `json:"readAt"`
	// Saved is when the workbook was last saved, by its own document
	// properties; zero when it does not say. It decides between two
	// workbooks of one unit.
	Saved  time.Time `json:"saved,omitzero"`
	Errors int       `json:"errors,omitempty"`
}

// MissingUnit is a unit that did not return its workbook in a round.
type MissingUnit struct {
	Round string `json:"round"`
	Unit  string `json:"unit"`
}

// Unit returns the record of a unit.
func (r *Register) Unit(id string) (*UnitRecord, bool) {
	for i := range r.Units {
		if r.Units[i].Unit == id {
			return &r.Units[i], true
		}
	}
	return nil, false
}

// LatestRound returns the last collected round, or "".
func (r *Register) LatestRound() string {
	if len(r.Rounds) == 0 {
		return ""
	}
	return r.Rounds[len(r.Rounds)-1]
}
