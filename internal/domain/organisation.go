package domain

import "slices"

// Lang is a language the tool writes: Swedish first, English second.
type Lang string

// The languages every text exists in.
const (
	Swedish Lang = "sv"
	English Lang = "en"
)

// Langs lists the supported languages, Swedish first.
var Langs = []Lang{Swedish, English}

// Valid reports whether l is a supported language.
func (l Lang) Valid() bool { return l == Swedish || l == English }

// Organisation is a municipality's whole goal work for one period: the
// hierarchy from vision to salary criteria and the rules of the cycle.
type Organisation struct {
	// index makes lookups by ID constant time; BuildIndex makes it.
	index *orgIndex
	// ID identifies the organisation in workbooks and registers.
	ID string `json:"id"`
	// Name is the municipality, e.g. "Sorsele kommun".
	Name string `json:"name"`
	// Period is the year or span the goals are for, e.g. "2027".
	Period string `json:"period"`
	// PeriodStart and PeriodEnd bound the dates that workbooks accept.
	PeriodStart Date `json:"periodStart"`
	PeriodEnd   Date `json:"periodEnd"`
	// Language is the default language of workbooks and reports.
	Language Lang `json:"language"`
	// HR is who managers contact with questions.
	HR Contact `json:"hr"`
	// Logo is an optional path to a PNG or JPEG for the report's cover,
	// relative to the config file.
	Logo string `json:"logo,omitempty"`
	// Colour is the organisation's colour for the report, "#RRGGBB", or
	// empty for the report's own.
	Colour string `json:"colour,omitempty"`
	// Document is what every report says about itself; a round's own
	// Document overrides it field by field (DocumentFor).
	Document DocumentInfo `json:"document,omitzero"`

	Vision      string `json:"vision"`
	OverallGoal string `json:"overallGoal"`
	// Purpose lists why the organisation does goal work; shown on the
	// instructions sheet. Empty means the catalogue's default text.
	Purpose []string `json:"purpose,omitempty"`

	Values      []Value      `json:"values"`
	Departments []Department `json:"departments"`
	Units       []Unit       `json:"units"`
	Teams       []Team       `json:"teams"`
	Criteria    []Criterion  `json:"criteria"`
	// CriterionLevels names the levels every criterion describes, lowest
	// first. Empty means the default levels of DefaultCriterionLevels.
	CriterionLevels []Level `json:"criterionLevels"`
	// Statuses is the follow-up scale.
	Statuses []Status `json:"statuses"`
	Rules    Rules    `json:"rules"`
	// Rounds are the planning round followed by the follow-up rounds, in
	// the order they happen.
	Rounds []Round `json:"rounds"`
	// Mail is the SMTP server that mail and remind send through with
	// --send; nil when the config has no mail section.
	Mail *MailServer `json:"mail,omitempty"`
}

// Contact is a person with an e-mail address. Names and addresses are
// personal data: they go into workbooks and manifests, never into logs.
type Contact struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone,omitempty"`
}

// Value is part of the shared värdegrund, such as Mod, with the behaviours
// that show it.
type Value struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Behaviours []string `json:"behaviours"`
}

// Department is a verksamhet with its goals.
type Department struct {
	ID string `json:"id"`
	// Code is the HR system's code for the department (cost centre, org
	// unit); import matches on it before the name.
	Code  string           `json:"code,omitempty"`
	Name  string           `json:"name"`
	Goals []DepartmentGoal `json:"goals"`
}

// DepartmentGoal is one goal statement of a department.
type DepartmentGoal struct {
	// ID is unique within the organisation, e.g. "skola-1".
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Unit is an enhet within a department, led by a manager who fills its
// workbook.
type Unit struct {
	ID string `json:"id"`
	// Code is the HR system's code for the unit, as for Department.
	Code       string  `json:"code,omitempty"`
	Name       string  `json:"name"`
	Department string  `json:"department"`
	Manager    Contact `json:"manager"`
	// Goals are preset unit goals that the workbook shows pre-filled and
	// locked.
	Goals []UnitGoal `json:"goals,omitempty"`
	// FormerIDs are the IDs the unit had before, or of units merged into
	// it: workbooks and register entries under them are the unit's.
	FormerIDs []string `json:"formerIds,omitempty"`
}

// Team is an arbetslag within a unit.
type Team struct {
	ID string `json:"id"`
	// Code is the HR system's code for the team, as for Department.
	Code   string `json:"code,omitempty"`
	Name   string `json:"name"`
	Unit   string `json:"unit"`
	Leader string `json:"leader,omitempty"`
	// FormerIDs are the IDs the team had before.
	FormerIDs []string `json:"formerIds,omitempty"`
}

// Criterion is a salary criterion (lönekriterium). It describes what good
// work looks like; it is never a rating of a named employee.
type Criterion struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// Value is the ID of the value the criterion expresses, if any.
	Value string `json:"value,omitempty"`
	// Levels describes the criterion at each of the organisation's
	// criterion levels, in the same order.
	Levels []string `json:"levels,omitempty"`
}

// Level is a step on the salary-criteria scale. Label empty means the
// catalogue's text for ID in the reader's language.
type Level struct {
	ID    string `json:"id"`
	Label string `json:"label,omitempty"`
}

// Rules bound how many goals units and teams set.
type Rules struct {
	MaxTeamGoals int `json:"maxTeamGoals"`
	MaxUnitGoals int `json:"maxUnitGoals"`
	// ExtraCriteriaRows is how many empty rows the criteria sheet offers
	// for the unit's own criteria.
	ExtraCriteriaRows int `json:"extraCriteriaRows"`
	// TextLimit is the most characters an input cell accepts.
	TextLimit int `json:"textLimit"`
}

// Default rules, from the source document: at most three goals per team.
const (
	DefaultMaxTeamGoals      = 3
	DefaultMaxUnitGoals      = 5
	DefaultExtraCriteriaRows = 5
	DefaultTextLimit         = 1000
)

// DefaultRules returns the rules used where the config is silent.
func DefaultRules() Rules {
	return Rules{
		MaxTeamGoals:      DefaultMaxTeamGoals,
		MaxUnitGoals:      DefaultMaxUnitGoals,
		ExtraCriteriaRows: DefaultExtraCriteriaRows,
		TextLimit:         DefaultTextLimit,
	}
}

// Round is a planning or follow-up round of the cycle.
type Round struct {
	// ID is stable, e.g. "plan", "april", "uppfoljning-november".
	ID   string `json:"id"`
	Name string `json:"name"`
	// Deadline is when workbooks of this round are due back.
	Deadline Date `json:"deadline"`
	// NewGoals lets a follow-up round take new goals in the empty goal
	// slots; otherwise only the goals set before are followed up.
	NewGoals bool `json:"newGoals,omitempty"`
	// Meeting is an optional follow-up meeting, such as 19 November 8–12.
	Meeting *Meeting `json:"meeting,omitempty"`
	// Document is what the round's report says about itself, over the
	// organisation's Document.
	Document DocumentInfo `json:"document,omitzero"`
}

// DocumentInfo is what a report says about itself as an official
// document. Every field is optional.
type DocumentInfo struct {
	// Title replaces the document's name on the cover and in the PDF's
	// title, e.g. "Verksamhetsplan med mål 2027".
	Title string `json:"title,omitempty"`
	// RecordNumber is the diarienummer, e.g. "KS 2027/0012".
	RecordNumber string `json:"recordNumber,omitempty"`
	// Owner is who answers for the document (dokumentägare).
	Owner   string `json:"owner,omitempty"`
	Version string `json:"version,omitempty"`
	// Decided says who adopted the document, when and in which paragraph
	// of the minutes; nil when it is not decided (yet).
	Decided *Decision `json:"decided,omitempty"`
}

// Decision is the adoption of a document: "Fastställd av
// kommunstyrelsen 2027-01-20 § 12".
type Decision struct {
	By   string `json:"by"`
	Date Date   `json:"date"`
	// Paragraph is the paragraph of the minutes, as written ("§ 12").
	Paragraph string `json:"paragraph,omitempty"`
}

// DocumentFor returns the document information of the report of a round:
// the round's own fields over the organisation's.
func (o *Organisation) DocumentFor(roundID string) DocumentInfo {
	d := o.Document
	r, ok := o.Round(roundID)
	if !ok {
		return d
	}
	over := r.Document
	for _, f := range []struct{ to, from *string }{
		{&d.Title, &over.Title}, {&d.RecordNumber, &over.RecordNumber}, {&d.Owner, &over.Owner}, {&d.Version, &over.Version},
	} {
		if *f.from != "" {
			*f.to = *f.from
		}
	}
	if over.Decided != nil {
		d.Decided = over.Decided
	}
	return d
}

// Meeting is a scheduled follow-up meeting.
type Meeting struct {
	Date Date   `json:"date"`
	Time string `json:"time,omitempty"`
	// Place is where the meeting is held.
	Place string `json:"place,omitempty"`
	Note  string `json:"note,omitempty"`
}

// PlanRound is the ID of the first round, where goals are set.
const PlanRound = "plan"

// IsPlanning reports whether r is the round where goals are set.
func (o *Organisation) IsPlanning(roundID string) bool {
	return len(o.Rounds) > 0 && o.Rounds[0].ID == roundID
}

// Round returns the round with the given ID.
func (o *Organisation) Round(id string) (Round, bool) {
	for _, r := range o.Rounds {
		if r.ID == id {
			return r, true
		}
	}
	return Round{}, false
}

// PreviousRound returns the round before id, if any.
func (o *Organisation) PreviousRound(id string) (Round, bool) {
	for i, r := range o.Rounds {
		if r.ID == id && i > 0 {
			return o.Rounds[i-1], true
		}
	}
	return Round{}, false
}

// Department returns the department with the given ID.
func (o *Organisation) Department(id string) (Department, bool) {
	for _, d := range o.Departments {
		if d.ID == id {
			return d, true
		}
	}
	return Department{}, false
}

// Unit returns the unit with the given ID.
func (o *Organisation) Unit(id string) (Unit, bool) {
	if i, ok := o.index.unit(o, id); ok {
		return o.Units[i], true
	}
	return Unit{}, false
}

// CurrentUnit returns the unit with the given ID, or the one that has it
// among its former IDs: the unit as it is now.
func (o *Organisation) CurrentUnit(id string) (Unit, bool) {
	if u, ok := o.Unit(id); ok {
		return u, true
	}
	for _, u := range o.Units {
		if slices.Contains(u.FormerIDs, id) {
			return u, true
		}
	}
	return Unit{}, false
}

// Value returns the value with the given ID.
func (o *Organisation) Value(id string) (Value, bool) {
	for _, v := range o.Values {
		if v.ID == id {
			return v, true
		}
	}
	return Value{}, false
}

// Criterion returns the salary criterion with the given ID.
func (o *Organisation) Criterion(id string) (Criterion, bool) {
	for _, c := range o.Criteria {
		if c.ID == id {
			return c, true
		}
	}
	return Criterion{}, false
}

// Team returns the team with the given ID.
func (o *Organisation) Team(id string) (Team, bool) {
	if i, ok := o.index.team(o, id); ok {
		return o.Teams[i], true
	}
	return Team{}, false
}

// CurrentTeam returns the team with the given ID, or the one that has it
// among its former IDs.
func (o *Organisation) CurrentTeam(id string) (Team, bool) {
	if t, ok := o.Team(id); ok {
		return t, true
	}
	for _, t := range o.Teams {
		if slices.Contains(t.FormerIDs, id) {
			return t, true
		}
	}
	return Team{}, false
}

// TeamsOf returns the teams of a unit in config order.
func (o *Organisation) TeamsOf(unitID string) []Team {
	var ts []Team
	for _, i := range o.index.teamsOf(o, unitID) {
		ts = append(ts, o.Teams[i])
	}
	return ts
}

// UnitsOf returns the units of a department in config order.
func (o *Organisation) UnitsOf(departmentID string) []Unit {
	var us []Unit
	for _, u := range o.Units {
		if u.Department == departmentID {
			us = append(us, u)
		}
	}
	return us
}

// Status returns the status with the given ID.
func (o *Organisation) Status(id string) (Status, bool) {
	for _, s := range o.Statuses {
		if s.ID == id {
			return s, true
		}
	}
	return Status{}, false
}

// ValidColour reports whether s is a colour written as "#RRGGBB".
func ValidColour(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
