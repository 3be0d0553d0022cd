// Package rules checks what a returned workbook holds against the
// organisation it was generated for: identity, goals, follow-up and the
// quality of what managers wrote. It is pure: a Submission and an
// Organisation in, findings out, no I/O. The workbook reader reports the
// structural problems (not our workbook, a missing sheet, a bad date);
// this package reports what is wrong with the content.
package rules

import "github.com/malarbete/malarbete/internal/domain"

// Rule describes one kind of finding that Check produces. Codes are stable
// across versions and documented in docs/findings.md.
type Rule struct {
	Code      string
	Severity  domain.Severity
	MessageID string
}

// The rules, by code. MB020x are identity, MB021x–MB022x content, MB024x
// quality warnings, MB025x follow-up rounds and MB027x the individual
// goals workbook, which the manager checks and HR never collects.
var (
	WrongOrganisation           = Rule{"MB0201", domain.SeverityError, "FindingWrongOrganisation"}
	WrongPeriod                 = Rule{"MB0202", domain.SeverityError, "FindingWrongPeriod"}
	WrongRound                  = Rule{"MB0203", domain.SeverityError, "FindingWrongRound"}
	UnknownRound                = Rule{"MB0204", domain.SeverityError, "FindingUnknownRound"}
	UnknownUnit                 = Rule{"MB0205", domain.SeverityError, "FindingUnknownUnit"}
	OldTemplate                 = Rule{"MB0206", domain.SeverityError, "FindingOldTemplate"}
	UnknownTeam                 = Rule{"MB0207", domain.SeverityWarning, "FindingUnknownTeam"}
	TeamMoved                   = Rule{"MB0209", domain.SeverityWarning, "FindingTeamMoved"}
	TeamNotInWorkbook           = Rule{"MB0208", domain.SeverityWarning, "FindingTeamNotInWorkbook"}
	TeamNoGoals                 = Rule{"MB0210", domain.SeverityError, "FindingTeamNoGoals"}
	TooManyGoals                = Rule{"MB0211", domain.SeverityError, "FindingTooManyGoals"}
	GoalMissingWhat             = Rule{"MB0212", domain.SeverityError, "FindingGoalMissingWhat"}
	GoalMissingHow              = Rule{"MB0213", domain.SeverityError, "FindingGoalMissingHow"}
	GoalMissingFollowUp         = Rule{"MB0214", domain.SeverityError, "FindingGoalMissingFollowUp"}
	FollowUpMissingWhen         = Rule{"MB0215", domain.SeverityError, "FindingFollowUpMissingWhen"}
	FollowUpMissingWho          = Rule{"MB0216", domain.SeverityError, "FindingFollowUpMissingWho"}
	UnknownUnitGoal             = Rule{"MB0217", domain.SeverityError, "FindingUnknownUnitGoal"}
	UnitGoalNoDepartment        = Rule{"MB0218", domain.SeverityError, "FindingUnitGoalNoDepartmentGoal"}
	UnknownDepartmentGoal       = Rule{"MB0219", domain.SeverityError, "FindingUnknownDepartmentGoal"}
	DateOutsidePeriod           = Rule{"MB0220", domain.SeverityError, "FindingDateOutsidePeriod"}
	UnknownStatus               = Rule{"MB0221", domain.SeverityError, "FindingUnknownStatus"}
	TextTooLong                 = Rule{"MB0222", domain.SeverityError, "FindingTextTooLong"}
	UnknownValue                = Rule{"MB0223", domain.SeverityError, "FindingUnknownValue"}
	UnitNoGoals                 = Rule{"MB0224", domain.SeverityWarning, "FindingUnitNoGoals"}
	TooManyUnitGoals            = Rule{"MB0225", domain.SeverityError, "FindingTooManyUnitGoals"}
	GoalNoUnitGoal              = Rule{"MB0226", domain.SeverityWarning, "FindingGoalNoUnitGoal"}
	UnknownCriterion            = Rule{"MB0227", domain.SeverityError, "FindingUnknownCriterion"}
	CriterionUnknownGoal        = Rule{"MB0228", domain.SeverityError, "FindingCriterionUnknownTeamGoal"}
	CriterionEmptyGoal          = Rule{"MB0229", domain.SeverityError, "FindingCriterionEmptyTeamGoal"}
	GoalNoIndicator             = Rule{"MB0240", domain.SeverityWarning, "FindingGoalNoIndicator"}
	GoalNotMeasurable           = Rule{"MB0241", domain.SeverityWarning, "FindingGoalNotMeasurable"}
	HowRepeatsWhat              = Rule{"MB0242", domain.SeverityWarning, "FindingHowRepeatsWhat"}
	DuplicateTeamGoal           = Rule{"MB0243", domain.SeverityWarning, "FindingDuplicateTeamGoal"}
	CriterionNoMeaning          = Rule{"MB0244", domain.SeverityWarning, "FindingCriterionNoMeaning"}
	StatusMissing               = Rule{"MB0250", domain.SeverityError, "FindingStatusMissing"}
	StatusNeedsAnalysis         = Rule{"MB0251", domain.SeverityError, "FindingStatusNeedsAnalysis"}
	RevisedMissingWhat          = Rule{"MB0252", domain.SeverityError, "FindingRevisedMissingWhat"}
	RevisedMissingHow           = Rule{"MB0253", domain.SeverityError, "FindingRevisedMissingHow"}
	RevisedMissingFollow        = Rule{"MB0254", domain.SeverityError, "FindingRevisedMissingFollowUp"}
	UnitStatusMissing           = Rule{"MB0255", domain.SeverityError, "FindingUnitStatusMissing"}
	UnitStatusNeedsAnalysis     = Rule{"MB0256", domain.SeverityError, "FindingUnitStatusNeedsAnalysis"}
	NoContributions             = Rule{"MB0270", domain.SeverityWarning, "FindingNoContributions"}
	ContributionMissingWhat     = Rule{"MB0271", domain.SeverityError, "FindingContributionMissingWhat"}
	ContributionMissingHow      = Rule{"MB0272", domain.SeverityError, "FindingContributionMissingHow"}
	ContributionMissingFollowUp = Rule{"MB0273", domain.SeverityError, "FindingContributionMissingFollowUp"}
	ContributionNoTeamGoal      = Rule{"MB0274", domain.SeverityError, "FindingContributionNoTeamGoal"}
	ContributionUnknownTeamGoal = Rule{"MB0275", domain.SeverityError, "FindingContributionUnknownTeamGoal"}
	ContributionTooLong         = Rule{"MB0276", domain.SeverityError, "FindingContributionTooLong"}
)

// Rules lists every rule of this package in code order, for the
// documentation and catalogue tests.
func Rules() []Rule {
	return []Rule{
		WrongOrganisation, WrongPeriod, WrongRound, UnknownRound, UnknownUnit,
		OldTemplate, UnknownTeam, TeamNotInWorkbook, TeamMoved,
		TeamNoGoals, TooManyGoals, GoalMissingWhat, GoalMissingHow,
		GoalMissingFollowUp, FollowUpMissingWhen, FollowUpMissingWho,
		UnknownUnitGoal, UnitGoalNoDepartment, UnknownDepartmentGoal,
		DateOutsidePeriod, UnknownStatus, TextTooLong, UnknownValue,
		UnitNoGoals, TooManyUnitGoals, GoalNoUnitGoal, UnknownCriterion,
		CriterionUnknownGoal, CriterionEmptyGoal,
		GoalNoIndicator, GoalNotMeasurable, HowRepeatsWhat, DuplicateTeamGoal,
		CriterionNoMeaning,
		StatusMissing, StatusNeedsAnalysis, RevisedMissingWhat,
		RevisedMissingHow, RevisedMissingFollow, UnitStatusMissing,
		UnitStatusNeedsAnalysis,
		NoContributions, ContributionMissingWhat, ContributionMissingHow,
		ContributionMissingFollowUp, ContributionNoTeamGoal,
		ContributionUnknownTeamGoal, ContributionTooLong,
	}
}

// Finding returns a finding of rule r at loc.
func (r Rule) Finding(loc domain.Location, data map[string]any) domain.Finding {
	return domain.Finding{Code: r.Code, Severity: r.Severity, Location: loc, MessageID: r.MessageID, Data: data}
}

// ExcerptLen is how many characters of what a manager typed a finding
// may quote: enough to find the cell, not enough to copy the text.
const ExcerptLen = 40
