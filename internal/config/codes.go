package config

// Finding codes of the config loader, stable across versions and listed in
// docs/findings.md.
const (
	CodeCannotRead    = "MB0101"
	CodeTooLarge      = "MB0102"
	CodeNotUTF8       = "MB0103"
	CodeEmpty         = "MB0104"
	CodeSyntax        = "MB0105"
	CodeTabIndent     = "MB0106"
	CodeSeveralDocs   = "MB0107"
	CodeTooComplex    = "MB0108"
	CodeUnknownKey    = "MB0110"
	CodeDuplicateKey  = "MB0111"
	CodeWrongType     = "MB0112"
	CodeMissingField  = "MB0113"
	CodeBadNumber     = "MB0114"
	CodeBadDate       = "MB0115"
	CodeBadEmail      = "MB0116"
	CodeBadLanguage   = "MB0117"
	CodeBadID         = "MB0118"
	CodeDuplicateID   = "MB0120"
	CodeUnknownRef    = "MB0121"
	CodeTooManyGoals  = "MB0122"
	CodeLevelsCount   = "MB0123"
	CodePeriodOrder   = "MB0124"
	CodeOutsidePeriod = "MB0125"
	CodeBadStatusKind = "MB0126"
	CodeRoundOrder    = "MB0127"
	CodeUnitNoTeams   = "MB0130"
	CodeLogoMissing   = "MB0131"
)
