package orgimport

import (
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/rules"
)

// Findings of import, MB07xx, documented in docs/findings.md. A row's
// finding is located at the file and the row (Location.Line); its data
// name the column and quote at most an excerpt of a department, unit or
// team name, never a person's name or address.
var (
	// The file as a whole.
	TableEmpty        = rules.Rule{Code: "MB0701", Severity: domain.SeverityError, MessageID: "ImportTableEmpty"}
	TableTooLarge     = rules.Rule{Code: "MB0702", Severity: domain.SeverityError, MessageID: "ImportTableTooLarge"}
	TableNotText      = rules.Rule{Code: "MB0703", Severity: domain.SeverityError, MessageID: "ImportTableNotText"}
	TableSyntax       = rules.Rule{Code: "MB0704", Severity: domain.SeverityError, MessageID: "ImportTableSyntax"}
	TableTooManyRows  = rules.Rule{Code: "MB0705", Severity: domain.SeverityError, MessageID: "ImportTableTooManyRows"}
	WorkbookOldXLS    = rules.Rule{Code: "MB0706", Severity: domain.SeverityError, MessageID: "ImportWorkbookOldXLS"}
	WorkbookEncrypted = rules.Rule{Code: "MB0707", Severity: domain.SeverityError, MessageID: "ImportWorkbookEncrypted"}
	WorkbookDamaged   = rules.Rule{Code: "MB0708", Severity: domain.SeverityError, MessageID: "ImportWorkbookDamaged"}

	// The header row.
	NoHeader         = rules.Rule{Code: "MB0710", Severity: domain.SeverityError, MessageID: "ImportNoHeader"}
	DuplicateColumn  = rules.Rule{Code: "MB0711", Severity: domain.SeverityError, MessageID: "ImportDuplicateColumn"}
	MapColumnMissing = rules.Rule{Code: "MB0712", Severity: domain.SeverityError, MessageID: "ImportMapColumnMissing"}
	NoUnits          = rules.Rule{Code: "MB0713", Severity: domain.SeverityError, MessageID: "ImportNoUnits"}
	NoTeamsLeft      = rules.Rule{Code: "MB0714", Severity: domain.SeverityError, MessageID: "ImportNoTeamsLeft"}

	// One row, or rows that contradict each other.
	TeamWithoutUnit     = rules.Rule{Code: "MB0720", Severity: domain.SeverityError, MessageID: "ImportTeamWithoutUnit"}
	RowWithoutUnit      = rules.Rule{Code: "MB0721", Severity: domain.SeverityError, MessageID: "ImportRowWithoutUnit"}
	BadEmail            = rules.Rule{Code: "MB0722", Severity: domain.SeverityError, MessageID: "ImportBadEmail"}
	TooLong             = rules.Rule{Code: "MB0723", Severity: domain.SeverityError, MessageID: "ImportTooLong"}
	BadCode             = rules.Rule{Code: "MB0724", Severity: domain.SeverityError, MessageID: "ImportBadCode"}
	UnitTwoDepartments  = rules.Rule{Code: "MB0725", Severity: domain.SeverityError, MessageID: "ImportUnitTwoDepartments"}
	UnitTwoManagers     = rules.Rule{Code: "MB0726", Severity: domain.SeverityError, MessageID: "ImportUnitTwoManagers"}
	DuplicateDepartment = rules.Rule{Code: "MB0727", Severity: domain.SeverityError, MessageID: "ImportDuplicateDepartment"}
	DuplicateUnit       = rules.Rule{Code: "MB0727", Severity: domain.SeverityError, MessageID: "ImportDuplicateUnit"}
	DuplicateTeam       = rules.Rule{Code: "MB0727", Severity: domain.SeverityError, MessageID: "ImportDuplicateTeam"}
	CodeTwoNames        = rules.Rule{Code: "MB0728", Severity: domain.SeverityError, MessageID: "ImportCodeTwoNames"}

	// Rows against the config.
	NewUnitNoDepartment = rules.Rule{Code: "MB0730", Severity: domain.SeverityError, MessageID: "ImportNewUnitNoDepartment"}
	NewUnitNoManager    = rules.Rule{Code: "MB0731", Severity: domain.SeverityError, MessageID: "ImportNewUnitNoManager"}
	NewWithoutName      = rules.Rule{Code: "MB0732", Severity: domain.SeverityError, MessageID: "ImportNewWithoutName"}
	AmbiguousName       = rules.Rule{Code: "MB0733", Severity: domain.SeverityError, MessageID: "ImportAmbiguousName"}
	NoID                = rules.Rule{Code: "MB0734", Severity: domain.SeverityError, MessageID: "ImportNoID"}
	IDNotKept           = rules.Rule{Code: "MB0735", Severity: domain.SeverityError, MessageID: "ImportIDNotKept"}
	ManagerNoEmail      = rules.Rule{Code: "MB0736", Severity: domain.SeverityWarning, MessageID: "ImportManagerNoEmail"}
	MovedUnitGoals      = rules.Rule{Code: "MB0737", Severity: domain.SeverityError, MessageID: "ImportMovedUnitGoals"}
)

// Rules lists the findings of import, for the documentation and
// catalogue tests.
func Rules() []rules.Rule {
	return []rules.Rule{TableEmpty, TableTooLarge, TableNotText, TableSyntax, TableTooManyRows, WorkbookOldXLS,
		WorkbookEncrypted, WorkbookDamaged, NoHeader, DuplicateColumn, MapColumnMissing, NoUnits, NoTeamsLeft, TeamWithoutUnit,
		RowWithoutUnit, BadEmail, TooLong, BadCode, UnitTwoDepartments, UnitTwoManagers, DuplicateDepartment,
		DuplicateUnit, DuplicateTeam, CodeTwoNames, NewUnitNoDepartment, NewUnitNoManager, NewWithoutName,
		AmbiguousName, NoID, IDNotKept, ManagerNoEmail, MovedUnitGoals}
}
