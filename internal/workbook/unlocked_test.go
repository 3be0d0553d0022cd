package workbook

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

// TestUnlockedCellsAreRead: a manager can type only in unlocked cells,
// and every one of them lies in an input region that the reader reads.
// An unlocked cell anywhere else (the colour legend's yellow sample was
// one) takes text that is never stored.
func TestUnlockedCellsAreRead(t *testing.T) {
	org := testOrg()
	plan := answers("")
	rec := &domain.UnitRecord{Unit: "bjorken", Department: "skola", Goals: plan.UnitGoals, Teams: plan.Teams, Criteria: plan.Criteria}
	for _, opts := range []Options{
		{Unit: "bjorken"},
		{Unit: "bjorken", Lang: domain.English},
		{Unit: "bjorken", Team: "bjorken-sma"},
		{Unit: "forradet"},
		{Unit: "bjorken", Round: "november", Record: rec},
		{Unit: "bjorken", Team: "bjorken-sma", Individual: true, Record: rec},
	} {
		t.Run(opts.Unit+opts.Team+opts.Round+string(opts.Lang), func(t *testing.T) {
			f, _ := open(t, org, opts)
			regions := map[string][][4]int{} // sheet → column and row spans
			for _, dn := range f.GetDefinedName() {
				sheet, ref, ok := strings.Cut(dn.RefersTo, "!")
				if !ok || !strings.HasPrefix(dn.Name, "MB_") || strings.HasPrefix(dn.Name, "MB_List_") {
					continue
				}
				from, to, _ := strings.Cut(strings.ReplaceAll(ref, "$", ""), ":")
				c1, r1, err1 := excelize.CellNameToCoordinates(from)
				c2, r2, err2 := excelize.CellNameToCoordinates(to)
				if err1 != nil || err2 != nil {
					t.Fatalf("defined name %s: %s", dn.Name, dn.RefersTo)
				}
				sheet = strings.Trim(sheet, "'")
				regions[sheet] = append(regions[sheet], [4]int{c1, r1, c2, r2})
			}
			n := 0
			for _, sheet := range f.GetSheetList() {
				if v, _ := f.GetSheetVisible(sheet); !v {
					continue
				}
				// Well beyond every sheet's content: excelize leaves the
				// dimension at A1.
				for r := 1; r <= 120; r++ {
					for c := 1; c <= 26; c++ {
						ref, _ := excelize.CoordinatesToCellName(c, r)
						id, _ := f.GetCellStyle(sheet, ref)
						st, err := f.GetStyle(id)
						if err != nil || st.Protection == nil || st.Protection.Locked {
							continue
						}
						n++
						inside := false
						for _, g := range regions[sheet] {
							inside = inside || g[0] <= c && c <= g[2] && g[1] <= r && r <= g[3]
						}
						if !inside {
							v, _ := f.GetCellValue(sheet, ref)
							t.Errorf("%s › %s (%q) is unlocked outside every input region", sheet, ref, v)
						}
					}
				}
			}
			if n == 0 {
				t.Error("no unlocked cell at all")
			}
		})
	}
}
