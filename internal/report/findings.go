package report

// Appendix: the open findings of the returned workbooks, written for
// leadership: per unit, in words, without file names or codes.

import (
	"strings"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
)

// Findings are the open findings of the returned workbooks, as validate
// reported them, for the appendix.
type Findings struct {
	Files []FindingsFile
}

// FindingsFile is one file that validate read, with its findings. Unit
// (and Team) are set when validate knew whose workbook it was; otherwise
// the report looks the file up in the register.
type FindingsFile struct {
	File     string
	Unit     string
	Team     string
	Findings domain.Findings
}

// FindingsOf groups a plain list of findings by the file they name, in
// the order the files first appear.
func FindingsOf(fs domain.Findings) *Findings {
	out := &Findings{Files: []FindingsFile{}}
	at := make(map[string]int)
	for _, f := range fs {
		i, ok := at[f.Location.File]
		if !ok {
			i = len(out.Files)
			at[f.Location.File] = i
			out.Files = append(out.Files, FindingsFile{File: f.Location.File})
		}
		out.Files[i].Findings = append(out.Files[i].Findings, f)
	}
	return out
}

// findingSums are the leadership's words for each kind of finding: a
// sentence with a count, per message ID. Several IDs that mean the same
// to a reader share one.
var findingSums = map[string]string{
	"FindingTeamNoGoals":              "ReportFindingSumTeamNoGoals",
	"FindingTooManyGoals":             "ReportFindingSumTooManyGoals",
	"FindingGoalMissingWhat":          "ReportFindingSumMissingWhat",
	"FindingGoalMissingHow":           "ReportFindingSumMissingHow",
	"FindingGoalMissingFollowUp":      "ReportFindingSumMissingFollowUp",
	"FindingFollowUpMissingWhen":      "ReportFindingSumMissingWhen",
	"FindingFollowUpMissingWho":       "ReportFindingSumMissingWho",
	"FindingUnknownUnitGoal":          "ReportFindingSumNoUnitGoal",
	"FindingGoalNoUnitGoal":           "ReportFindingSumNoUnitGoal",
	"FindingUnitGoalNoDepartmentGoal": "ReportFindingSumNoDepartmentGoal",
	"FindingUnknownDepartmentGoal":    "ReportFindingSumNoDepartmentGoal",
	"FindingDateOutsidePeriod":        "ReportFindingSumDateOutside",
	"FindingUnknownStatus":            "ReportFindingSumNoStatus",
	"FindingStatusMissing":            "ReportFindingSumNoStatus",
	"FindingStatusNeedsAnalysis":      "ReportFindingSumNeedsAnalysis",
	"FindingTextTooLong":              "ReportFindingSumTooLong",
	"FindingUnknownValue":             "ReportFindingSumUnknownValue",
	"FindingUnitNoGoals":              "ReportFindingSumUnitNoGoals",
	"FindingTooManyUnitGoals":         "ReportFindingSumTooManyUnitGoals",
	"FindingGoalNoIndicator":          "ReportFindingSumNoIndicator",
	"FindingGoalNotMeasurable":        "ReportFindingSumNotMeasurable",
	"FindingHowRepeatsWhat":           "ReportFindingSumHowRepeatsWhat",
	"FindingDuplicateTeamGoal":        "ReportFindingSumDuplicateGoal",
	"FindingCriterionNoMeaning":       "ReportFindingSumCriterionNoMeaning",
	"FindingUnknownCriterion":         "ReportFindingSumCriterionLink",
	"FindingCriterionUnknownTeamGoal": "ReportFindingSumCriterionLink",
	"FindingCriterionEmptyTeamGoal":   "ReportFindingSumCriterionLink",
	"FindingRevisedMissingWhat":       "ReportFindingSumRevisedIncomplete",
	"FindingRevisedMissingHow":        "ReportFindingSumRevisedIncomplete",
	"FindingRevisedMissingFollowUp":   "ReportFindingSumRevisedIncomplete",
	"FindingTeamNotInWorkbook":        "ReportFindingSumTeamMissing",
	"FindingUnknownTeam":              "ReportFindingSumUnknownTeam",
	"WorkbookFindingPrefillEdited":    "ReportFindingSumPrefillEdited",
	"WorkbookFindingPrefillChanged":   "ReportFindingSumPrefillEdited",
	"WorkbookFindingConfigChanged":    "ReportFindingSumConfigChanged",
}

// sentences sums up findings in words: one sentence per kind, with how
// many there are, in the order the kinds first occur. Information is left
// out: it asks nothing of anyone.
func (b *builder) sentences(fs domain.Findings, sev domain.Severity) []string {
	var order []string
	count := make(map[string]int)
	for _, f := range fs {
		if f.Severity != sev {
			continue
		}
		id, ok := findingSums[f.MessageID]
		if !ok {
			id = "ReportFindingSumOtherWarning"
			if sev == domain.SeverityError {
				id = "ReportFindingSumOtherError"
			}
		}
		if count[id] == 0 {
			order = append(order, id)
		}
		count[id]++
	}
	out := make([]string, len(order))
	for i, id := range order {
		out[i] = b.n(id, count[id])
	}
	return out
}

// findings is the appendix of open findings, one row per unit in the
// organisation's order; workbooks the report cannot tie to a unit come
// last, in one row.
func (b *builder) findings(in *Findings) {
	b.appendix(b.t("ReportHeadingFindings"))
	owner := b.workbookOwners()
	byUnit := make(map[string]domain.Findings)
	var unknown domain.Findings
	open := 0
	for _, f := range in.Files {
		unit := f.Unit
		if unit == "" {
			if p, ok := owner(f.File); ok {
				unit = p.Unit
			}
		}
		for _, x := range f.Findings {
			if x.Severity != domain.SeverityInfo {
				open++
			}
		}
		if _, ok := b.units[unit]; ok {
			byUnit[unit] = append(byUnit[unit], f.Findings...)
		} else {
			unknown = append(unknown, f.Findings...)
		}
	}
	if open == 0 {
		b.para(document.StyleNote, b.t("ReportNoFindings"))
		return
	}
	tbl := document.Table{Columns: []document.Column{
		{Title: b.t("ReportColUnit"), Width: 1.8},
		{Title: b.t("ReportColToCorrect"), Width: 3},
		{Title: b.t("ReportColToReview"), Width: 3},
	}, RowHeaders: true}
	bullets := func(ss []string) string {
		for i := range ss {
			ss[i] = "• " + ss[i]
		}
		return strings.Join(ss, "\n")
	}
	row := func(name string, fs domain.Findings) {
		errs, warns := b.sentences(fs, domain.SeverityError), b.sentences(fs, domain.SeverityWarning)
		if len(errs)+len(warns) > 0 {
			tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{name, bullets(errs), bullets(warns)}})
		}
	}
	units := 0
	for _, d := range b.org.Departments {
		for _, u := range b.unitsOf[d.ID] {
			if fs := byUnit[u.ID]; len(fs) > 0 {
				units++
				row(b.t("ReportUnitOfDepartment", "Unit", u.Name, "Department", d.Name), fs)
			}
		}
	}
	row(b.t("ReportFindingsNoUnit"), unknown)
	b.para(document.StyleLead, b.n("ReportFindingsIntro", open, "Units", b.n("ReportCountUnits", units)))
	b.add(tbl)
	b.para(document.StyleNote, b.t("ReportFindingsNote"))
}

// workbookOwners returns a lookup from a file named in a finding to the
// register's record of that workbook: by its path as collect recorded it,
// else by its base name where only one workbook has it (validate and
// collect may have been given the inbox by different paths).
func (b *builder) workbookOwners() func(file string) (domain.Provenance, bool) {
	byPath := map[string]domain.Provenance{}
	byBase := map[string][]domain.Provenance{}
	for _, rec := range b.reg.Units {
		for _, p := range rec.Sources {
			file := strings.ReplaceAll(p.File, "\\", "/")
			byPath[file] = p
			base := file[strings.LastIndex(file, "/")+1:]
			byBase[base] = append(byBase[base], p)
		}
	}
	return func(file string) (domain.Provenance, bool) {
		file = strings.ReplaceAll(file, "\\", "/")
		if p, ok := byPath[file]; ok {
			return p, true
		}
		if ps := byBase[file[strings.LastIndex(file, "/")+1:]]; len(ps) == 1 {
			return ps[0], true
		}
		return domain.Provenance{}, false
	}
}
