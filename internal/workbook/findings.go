package workbook

import "github.com/malarbete/malarbete/internal/domain"

// Structural findings of the reader (MB03xx, docs/findings.md); those of
// the archive check before parsing are in archive.go.
var (
	FindingNotOurs          = rule{"MB0301", domain.SeverityError, "WorkbookFindingNotOurs"}
	FindingSheetMissing     = rule{"MB0302", domain.SeverityError, "WorkbookFindingSheetMissing"}
	FindingPrefillChanged   = rule{"MB0303", domain.SeverityWarning, "WorkbookFindingPrefillChanged"}
	FindingPrefillEdited    = rule{"MB0303", domain.SeverityWarning, "WorkbookFindingPrefillEdited"}
	FindingConfigChanged    = rule{"MB0316", domain.SeverityWarning, "WorkbookFindingConfigChanged"}
	FindingNotADate         = rule{"MB0304", domain.SeverityError, "WorkbookFindingNotADate"}
	FindingFormula          = rule{"MB0305", domain.SeverityWarning, "WorkbookFindingFormula"}
	FindingExternalLink     = rule{"MB0306", domain.SeverityError, "WorkbookFindingExternalLink"}
	FindingCorrupt          = rule{"MB0309", domain.SeverityError, "WorkbookFindingCorrupt"}
	FindingIdentityMismatch = rule{"MB0311", domain.SeverityWarning, "WorkbookFindingIdentityMismatch"}
	FindingRegionByKey      = rule{"MB0312", domain.SeverityInfo, "WorkbookFindingRegionByKey"}
	FindingRegionMissing    = rule{"MB0313", domain.SeverityError, "WorkbookFindingRegionMissing"}
	// FindingOutside and FindingSheetNotRead are text the reader does not
	// read: beside or below the tables, or on a sheet of its own.
	FindingOutside            = rule{"MB0317", domain.SeverityWarning, "WorkbookFindingOutside"}
	FindingSheetNotRead       = rule{"MB0317", domain.SeverityWarning, "WorkbookFindingSheetNotRead"}
	FindingInstructionChanged = rule{"MB0318", domain.SeverityWarning, "WorkbookFindingInstructionChanged"}
)

// rule is a kind of finding: code, severity and message.
type rule struct {
	Code      string
	Severity  domain.Severity
	MessageID string
}

func (r rule) at(file, sheet, cell string, data map[string]any) domain.Finding {
	return domain.Finding{Code: r.Code, Severity: r.Severity, Location: domain.Location{File: file, Sheet: sheet, Cell: cell}, MessageID: r.MessageID, Data: data}
}

// excerptLen is how much of what a person typed a finding may quote.
const excerptLen = 40
