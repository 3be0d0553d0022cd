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
	// Changes lists the reorganisations the register has followed: units
	// renamed or merged, teams renamed, moved or gone, each from the round
	// it was first collected in.
	Changes []Change `json:"changes,omitempty"`
}

// ChangeKind says what a reorganisation did.
type ChangeKind string

// The kinds of reorganisation the register follows.
const (
	// UnitRenamed: the unit From has the id To now (formerIds).
	UnitRenamed ChangeKind = "unit-renamed"
	// UnitMerged: the unit From is part of the unit To now.
	UnitMerged ChangeKind = "unit-merged"
	// TeamRenamed: the team From has the id To now.
	TeamRenamed ChangeKind = "team-renamed"
	// TeamMoved: the team Team belongs to the unit To now, not From.
	TeamMoved ChangeKind = "team-moved"
	// TeamLeft: the team Team of the unit From is no longer in the
	// organisation; its goals are kept.
	TeamLeft ChangeKind = "team-left"
)

// Change is one reorganisation the register followed.
type Change struct {
	Kind ChangeKind `json:"kind"`
	// Round is the first round collected after the change.
	Round string `json:"round"`
	// From and To are unit ids for unit changes and team moves, team ids
	// for team renames; FromName is From's name when it changed, as the
	// register knew it.
	From     string `json:"from"`
	To       string `json:"to,omitempty"`
	FromName string `json:"fromName,omitempty"`
	// Team is the team moved or gone.
	Team string `json:"team,omitempty"`
}

// UnitRecord is a unit's goals, its teams' goals and its criteria notes.
type UnitRecord struct {
	Unit string `json:"unit"`
	// Name is the unit's name when it was last collected, kept for when
	// the config no longer has the unit under this id.
	Name string `json:"name,omitempty"`
	// FormerIDs are ids the record had, or of records merged into it.
	FormerIDs  []string        `json:"formerIds,omitempty"`
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
