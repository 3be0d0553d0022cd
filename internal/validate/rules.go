// Package validate checks what a returned workbook holds against the
// organisation it was generated for: identity, goals, follow-up and the
// quality of what managers wrote. It is pure: a Submission and an
// Organisation in, findings out, no I/O. The workbook reader reports the
// structural problems (not our workbook, a missing sheet, a bad date);
// this package reports what is wrong with the content.
package validate

import "github.com/malarbete/malarbete/internal/domain"

// Rule describes one kind of finding that Check produces. Codes are stable
// across versions and documented in docs/findings.md.
type Rule struct {
	Code      string
	Severity  domain.Severity
	MessageID string
}

// The rules, by code. MB20x are identity, MB21x–MB23x content, MB24x
// quality warnings and MB25x follow-up rounds.
var (
	WrongOrganisation     = Rule{"MB201", domain.SeverityError, "FindingWrongOrganisation"}
	WrongPeriod           = Rule{"MB202", domain.SeverityError, "FindingWrongPeriod"}
	WrongRound            = Rule{"MB203", domain.SeverityError, "FindingWrongRound"}
	UnknownRound          = Rule{"MB204", domain.SeverityError, "FindingUnknownRound"}
	UnknownUnit           = Rule{"MB205", domain.SeverityError, "FindingUnknownUnit"}
	OldTemplate           = Rule{"MB206", domain.SeverityError, "FindingOldTemplate"}
	UnknownTeam           = Rule{"MB207", domain.SeverityError, "FindingUnknownTeam"}
	TeamNotInWorkbook     = Rule{"MB208", domain.SeverityWarning, "FindingTeamNotInWorkbook"}
	TeamNoGoals           = Rule{"MB210", domain.SeverityError, "FindingTeamNoGoals"}
	TooManyGoals          = Rule{"MB211", domain.SeverityError, "FindingTooManyGoals"}
	GoalMissingWhat       = Rule{"MB212", domain.SeverityError, "FindingGoalMissingWhat"}
	GoalMissingHow        = Rule{"MB213", domain.SeverityError, "FindingGoalMissingHow"}
	GoalMissingFollowUp   = Rule{"MB214", domain.SeverityError, "FindingGoalMissingFollowUp"}
	FollowUpMissingWhen   = Rule{"MB215", domain.SeverityError, "FindingFollowUpMissingWhen"}
	FollowUpMissingWho    = Rule{"MB216", domain.SeverityError, "FindingFollowUpMissingWho"}
	UnknownUnitGoal       = Rule{"MB217", domain.SeverityError, "FindingUnknownUnitGoal"}
	UnitGoalNoDepartment  = Rule{"MB218", domain.SeverityError, "FindingUnitGoalNoDepartmentGoal"}
	UnknownDepartmentGoal = Rule{"MB219", domain.SeverityError, "FindingUnknownDepartmentGoal"}
	DateOutsidePeriod     = Rule{"MB220", domain.SeverityError, "FindingDateOutsidePeriod"}
	UnknownStatus         = Rule{"MB221", domain.SeverityError, "FindingUnknownStatus"}
	TextTooLong           = Rule{"MB222", domain.SeverityError, "FindingTextTooLong"}
	UnknownValue          = Rule{"MB223", domain.SeverityError, "FindingUnknownValue"}
	UnitNoGoals           = Rule{"MB224", domain.SeverityWarning, "FindingUnitNoGoals"}
	TooManyUnitGoals      = Rule{"MB225", domain.SeverityError, "FindingTooManyUnitGoals"}
	GoalNoUnitGoal        = Rule{"MB226", domain.SeverityWarning, "FindingGoalNoUnitGoal"}
	UnknownCriterion      = Rule{"MB227", domain.SeverityError, "FindingUnknownCriterion"}
	CriterionUnknownGoal  = Rule{"MB228", domain.SeverityError, "FindingCriterionUnknownTeamGoal"}
	GoalNoIndicator       = Rule{"MB240", domain.SeverityWarning, "FindingGoalNoIndicator"}
	GoalNotMeasurable     = Rule{"MB241", domain.SeverityWarning, "FindingGoalNotMeasurable"}
	HowRepeatsWhat        = Rule{"MB242", domain.SeverityWarning, "FindingHowRepeatsWhat"}
	DuplicateTeamGoal     = Rule{"MB243", domain.SeverityWarning, "FindingDuplicateTeamGoal"}
	CriterionNoMeaning    = Rule{"MB244", domain.SeverityWarning, "FindingCriterionNoMeaning"}
	StatusMissing         = Rule{"MB250", domain.SeverityError, "FindingStatusMissing"}
	StatusNeedsAnalysis   = Rule{"MB251", domain.SeverityError, "FindingStatusNeedsAnalysis"}
	RevisedMissingWhat    = Rule{"MB252", domain.SeverityError, "FindingRevisedMissingWhat"}
	RevisedMissingHow     = Rule{"MB253", domain.SeverityError, "FindingRevisedMissingHow"}
	RevisedMissingFollow  = Rule{"MB254", domain.SeverityError, "FindingRevisedMissingFollowUp"}
)

// Rules lists every rule of this package in code order, for the
// documentation and catalogue tests.
func Rules() []Rule {
	return []Rule{
		WrongOrganisation, WrongPeriod, WrongRound, UnknownRound, UnknownUnit,
		OldTemplate, UnknownTeam, TeamNotInWorkbook,
		TeamNoGoals, TooManyGoals, GoalMissingWhat, GoalMissingHow,
		GoalMissingFollowUp, FollowUpMissingWhen, FollowUpMissingWho,
		UnknownUnitGoal, UnitGoalNoDepartment, UnknownDepartmentGoal,
		DateOutsidePeriod, UnknownStatus, TextTooLong, UnknownValue,
		UnitNoGoals, TooManyUnitGoals, GoalNoUnitGoal, UnknownCriterion,
		CriterionUnknownGoal,
		GoalNoIndicator, GoalNotMeasurable, HowRepeatsWhat, DuplicateTeamGoal,
		CriterionNoMeaning,
		StatusMissing, StatusNeedsAnalysis, RevisedMissingWhat,
		RevisedMissingHow, RevisedMissingFollow,
	}
}

// Finding returns a finding of rule r at loc.
func (r Rule) Finding(loc domain.Location, data map[string]any) domain.Finding {
	return domain.Finding{Code: r.Code, Severity: r.Severity, Location: loc, MessageID: r.MessageID, Data: data}
}

// ExcerptLen is how many characters of what a manager typed a finding
// may quote: enough to find the cell, not enough to copy the text.
const ExcerptLen = 40
