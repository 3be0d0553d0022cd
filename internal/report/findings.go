package report

// Appendix: the open findings of the returned workbooks.

import (
	"slices"
	"strings"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
)

var severityMessages = map[domain.Severity]string{
	domain.SeverityError:   "ReportSeverityError",
	domain.SeverityWarning: "ReportSeverityWarning",
	domain.SeverityInfo:    "ReportSeverityInfo",
}

func severityTone(s domain.Severity) document.Tone {
	switch s {
	case domain.SeverityError:
		return document.ToneBad
	case domain.SeverityWarning:
		return document.ToneWarn
	}
	return document.ToneMuted
}

// findings is the appendix of open findings, grouped by the workbook they
// were found in. A workbook the register knows is named by its unit (and
// team) and comes in the order of the organisation; other files follow in
// the order they were found.
func (b *builder) findings(fs domain.Findings) {
	b.heading(1, b.t("ReportHeadingFindings"), true)
	if len(fs) == 0 {
		b.para(document.StyleNote, b.t("ReportNoFindings"))
		return
	}
	b.para(document.StyleLead, b.n("ReportFindingsIntro", len(fs)))
	var files []string
	byFile := make(map[string][]domain.Finding)
	for _, f := range fs {
		if _, ok := byFile[f.Location.File]; !ok {
			files = append(files, f.Location.File)
		}
		byFile[f.Location.File] = append(byFile[f.Location.File], f)
	}
	owner := b.workbookOwners()
	rank := make(map[string]int, len(b.org.Units))
	for i, u := range b.org.Units {
		rank[u.ID] = i
	}
	order := func(file string) int {
		if p, ok := owner(file); ok {
			if r, ok := rank[p.Unit]; ok {
				return r
			}
		}
		return len(rank)
	}
	slices.SortStableFunc(files, func(a, c string) int { return order(a) - order(c) })
	for _, file := range files {
		name := file
		if name == "" {
			name = b.t("ReportFindingsNoFile")
		}
		if p, ok := owner(file); ok {
			if u, ok := b.units[p.Unit]; ok {
				name = u.Name
				if p.Team != "" {
					name += ", " + b.teamName(p.Team)
				}
			}
		}
		b.heading(2, name, false)
		if name != file && file != "" {
			b.para(document.StyleNote, b.t("ReportFindingsFile", "File", file))
		}
		tbl := document.Table{Columns: []document.Column{
			{Title: b.t("ReportColWhere"), Width: 1.6},
			{Title: b.t("ReportColSeverity"), Width: 1},
			{Title: b.t("ReportColMessage"), Width: 4},
		}}
		for _, f := range byFile[file] {
			where := f.Location.Sheet
			if f.Location.Cell != "" {
				where += " › " + f.Location.Cell
			}
			if f.Location.Line > 0 {
				where = b.t("ReportFindingLine", "Line", f.Location.Line, "Column", f.Location.Column)
			}
			sev := string(f.Severity)
			if id, ok := severityMessages[f.Severity]; ok {
				sev = b.t(id)
			}
			msg := b.l.Finding(f)
			if f.Code != "" {
				msg += " (" + f.Code + ")"
			}
			tbl.Rows = append(tbl.Rows, document.Row{Cells: []string{where, sev, msg}, Tones: []document.Tone{"", severityTone(f.Severity)}})
		}
		b.add(tbl)
	}
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
