package workbook

import (
	"slices"
	"strings"

	"github.com/malarbete/malarbete/internal/domain"
)

// Nothing a manager types may leave a workbook without reaching the
// register or a finding. The sheets are protected without a password, so
// a manager can unprotect one and type beside the tables; the reader
// reads every cell of every sheet and reports text outside the cells it
// reads (MB0317), and locked instruction texts that differ from what the
// config gives (MB0318).

// area is a rectangle of a sheet: the cells of a table from row 1 (its
// title, hint and headers) to the table's last row.
type area struct{ c1, r1, c2, r2 int }

func (a area) holds(c, r int) bool { return c >= a.c1 && c <= a.c2 && r >= a.r1 && r <= a.r2 }

// known notes region rg and the rows above it as read.
func (rd *reader) known(rg region) {
	if len(rg.rows) == 0 {
		return
	}
	if rd.areas == nil {
		rd.areas = map[string][]area{}
	}
	rd.areas[rg.sheet] = append(rd.areas[rg.sheet], area{1, 1, rg.c2, slices.Max(rg.rows)})
}

// sheetText returns what the locked texts of the workbook depend on, as
// the writer saw it.
func (rd *reader) sheetText() sheetText {
	round, _ := rd.org.Round(rd.id.Round)
	if round.ID == "" {
		round.ID = rd.id.Round
	}
	dept, _ := rd.org.Department(rd.tc.unit.Department)
	team := ""
	individual := rd.id.Scope == domain.ScopeIndividual
	if (rd.id.Scope == domain.ScopeTeam || individual) && len(rd.tc.teams) == 1 {
		team = rd.tc.teams[0].Name
	}
	planning := len(rd.org.Rounds) == 0 || rd.org.IsPlanning(rd.id.Round)
	return sheetText{org: rd.org, unit: rd.tc.unit, dept: dept, round: round, team: team, planning: planning, individual: individual, l: rd.cat.Localizer(langOf(rd.id.Language))}
}

// checkInstructions looks for edits of the instructions sheet's locked
// texts: where the texts no longer match the hash the workbook was made
// with, each cell that differs from what the config gives now is reported
// (MB0318). A workbook as it was made raises nothing, whatever the config
// or the program's wording has become since; one made before the hash
// existed is not compared. The sheet's texts are noted as known.
func (rd *reader) checkInstructions() {
	sheet := rd.sheetName(SheetInstructions)
	if !rd.sheets[sheet] || !rd.sameOrganisation() {
		return
	}
	cells := rd.sheetText().instructions(rd.lay.Sheet(SheetInstructions))
	last := 0
	for _, c := range cells {
		last = max(last, c.row)
	}
	// What the sheet holds in its two columns, a little beyond where the
	// config's instructions end today: a meeting may have been taken out.
	read := content{}
	for r := 1; r <= last+instructionsSlack; r++ {
		for c := 1; c <= 2; c++ {
			if v := rd.text(sheet, c, r); v != "" {
				read.add(cell(c, r), v)
				last = max(last, r)
			}
		}
	}
	if rd.id.InstructionsHash != "" && read.hash() != rd.id.InstructionsHash {
		for _, c := range cells {
			if normText(read[cell(c.col, c.row)]) != normText(c.text) {
				rd.add(FindingInstructionChanged.at(rd.file, sheet, cell(c.col, c.row), map[string]any{"Now": domain.Excerpt(c.text, excerptLen)}))
			}
		}
	}
	if rd.areas == nil {
		rd.areas = map[string][]area{}
	}
	rd.areas[sheet] = append(rd.areas[sheet], area{1, 1, 2, last})
}

// instructionsSlack is how many rows below today's instructions the
// reader still takes for instructions of the workbook's own time.
const instructionsSlack = 4

// checkOutside reports every non-empty cell of the workbook's sheets
// that no table holds, and every sheet the layout does not have.
func (rd *reader) checkOutside() {
	if !rd.sameOrganisation() {
		return // another organisation's or period's workbook: the rules say so
	}
	for _, sheet := range rd.f.GetSheetList() {
		if sheet == rd.lay.IdentitySheet || rd.damaged[sheet] || isFindingsSheet(sheet, rd.cat) {
			continue // ours: the lists, or the findings of a feedback copy
		}
		areas, ours := rd.areas[sheet]
		if !ours && !rd.layoutSheet(sheet) {
			rd.add(FindingSheetNotRead.at(rd.file, sheet, "", map[string]any{"Sheet": sheet}))
			continue
		}
		rows, err := rd.rows(sheet)
		if err != nil {
			rd.cellError(sheet, err)
			continue
		}
		for r, row := range rows {
			for c, v := range row {
				if strings.TrimSpace(v) == "" || slices.ContainsFunc(areas, func(a area) bool { return a.holds(c+1, r+1) }) {
					continue
				}
				// GetRows misplaces the cells of a row written out of
				// order once the sheet is loaded; the cell itself tells.
				if v = rd.text(sheet, c+1, r+1); v == "" {
					continue
				}
				rd.add(FindingOutside.at(rd.file, sheet, cell(c+1, r+1), map[string]any{"Text": domain.Excerpt(v, excerptLen)}))
			}
		}
	}
}

// layoutSheet reports whether sheet is one of the layout's, though the
// reader found no table on it (a missing table is reported already).
func (rd *reader) layoutSheet(sheet string) bool {
	keys := []string{SheetInstructions, SheetHierarchy, SheetUnitGoals, SheetCriteria, SheetTeamGoalsShown, SheetContributions}
	for i := range rd.tc.teams {
		keys = append(keys, SheetTeam+":"+itoa(i+1))
	}
	return slices.ContainsFunc(keys, func(k string) bool { return rd.sheetName(k) == sheet })
}

// sameOrganisation reports whether the workbook is of the config's
// organisation, period and a unit it knows; only then can its texts be
// compared with the config's.
func (rd *reader) sameOrganisation() bool {
	return rd.id.Organisation == rd.org.ID && rd.id.Period == rd.org.Period && rd.tc.unit.ID != ""
}
