package workbook

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

// checkPrefill compares the pre-filled texts with the hash the workbook
// was generated with and with the current config. Where they match the
// hash but not the config, the config changed since the workbook was
// generated (MB0316, at each cell, with the text the config now has);
// where they do not match the hash, someone edited grey cells (MB0303,
// at each cell that differs from the config, or for the file when only
// texts from the register differ, which the config cannot tell).
func (rd *reader) checkPrefill() {
	if rd.id.ContentHash == "" {
		return
	}
	edited := rd.content.hash() != rd.id.ContentHash
	found := false
	if rd.tc.unit.ID != "" {
		diffs, want := rd.prefillDiffs()
		for _, k := range diffs {
			found = true
			if rd.missing[contentRegion(k)] {
				continue // one cause, one finding: the missing sheet or table
			}
			at, ok := rd.contentAt[k]
			if !ok {
				at.Sheet = rd.regionSheet[contentRegion(k)]
			}
			data := map[string]any{"Now": domain.Excerpt(want[k], excerptLen)}
			if edited {
				rd.add(FindingPrefillEdited.at(rd.file, at.Sheet, at.Ref, data))
			} else {
				rd.add(FindingConfigChanged.at(rd.file, at.Sheet, at.Ref, data))
			}
		}
	}
	if edited && !found && len(rd.missing) == 0 {
		rd.add(FindingPrefillChanged.at(rd.file, "", "", nil))
	}
}

// prefillDiffs returns the keys of the pre-filled texts that the config
// decides and that differ from what the workbook holds, in the workbook's
// order: by sheet, then row, texts the workbook lacks last on their sheet;
// and the config's texts.
func (rd *reader) prefillDiffs() ([]string, content) {
	lang := rd.id.Language
	if lang == "" {
		lang = domain.Swedish
	}
	planning := len(rd.org.Rounds) == 0 || rd.org.IsPlanning(rd.id.Round)
	want := configContent(rd.lay, rd.org, rd.tc.unit, rd.cat.Localizer(lang), planning)
	if rd.id.Scope == domain.ScopeIndividual {
		// No unit goals sheet: the team's goals come from the register.
		for k := range want {
			if contentRegion(k) == SheetUnitGoals {
				delete(want, k)
			}
		}
	}
	// A team's own workbook shows the unit's criteria notes locked: they
	// come from the register, which the content hash alone checks.
	notes := map[string]bool{}
	for _, col := range rd.lay.Sheet(SheetCriteria).Columns {
		notes[col.Key] = col.Input() || col.Own()
	}
	fromRegister := func(k string) bool {
		return contentRegion(k) == SheetCriteria && notes[k[strings.LastIndex(k, "/")+1:]]
	}
	var diffs []string
	for k, v := range want {
		if fromRegister(k) {
			continue
		}
		if normText(rd.content[k]) != normText(v) {
			diffs = append(diffs, k)
		}
	}
	for k := range rd.content {
		if _, both := want[k]; !both && fromConfig(k, planning) && !fromRegister(k) {
			diffs = append(diffs, k)
		}
	}
	order := func(k string) (int, int) {
		sheet := slices.Index([]string{SheetHierarchy, SheetUnitGoals, SheetCriteria}, contentRegion(k))
		if at, ok := rd.contentAt[k]; ok {
			if _, row, err := excelize.CellNameToCoordinates(at.Ref); err == nil {
				return sheet, row
			}
		}
		return sheet, math.MaxInt
	}
	slices.SortFunc(diffs, func(a, b string) int {
		sa, ra := order(a)
		sb, rb := order(b)
		return cmp.Or(cmp.Compare(sa, sb), cmp.Compare(ra, rb), strings.Compare(a, b))
	})
	return diffs, want
}

// contentRegion returns the region part of a content key
// ("hierarchy/vision/text").
func contentRegion(key string) string {
	r, _, _ := strings.Cut(key, "/")
	return r
}

// fromConfig reports whether the pre-filled text under key comes from the
// config alone (see configContent), not from the register.
func fromConfig(key string, planning bool) bool {
	r := contentRegion(key)
	return r == SheetHierarchy || r == SheetCriteria || planning && r == SheetUnitGoals
}
