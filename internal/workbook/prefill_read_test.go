package workbook

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

// TestReadPrefill checks how the reader tells a workbook made from an
// older config (MB0316) from grey cells edited by hand (MB0303), and that
// goals carried over from the register raise neither on their own.
func TestReadPrefill(t *testing.T) {
	good := filled(t, domain.Swedish)
	newer := testOrg()
	newer.Vision = "Sorsele – en kommun att längta till."
	// A follow-up workbook: unit and team goals come from the register,
	// not from the config's presets.
	plan := answers("")
	rec := &domain.UnitRecord{Unit: "bjorken", Department: "skola", Goals: plan.UnitGoals, Criteria: plan.Criteria}
	for _, tg := range plan.Teams {
		rec.Teams = append(rec.Teams, domain.TeamGoals{Team: tg.Team, Goals: tg.Goals})
	}
	var followUp bytes.Buffer
	if _, err := Write(&followUp, testOrg(), Options{Unit: "bjorken", Round: "november", Record: rec}); err != nil {
		t.Fatal(err)
	}
	type want struct{ message, sheet, cell, now string }
	tests := []struct {
		name string
		data []byte
		org  *domain.Organisation
		want []want
	}{
		{"untouched, same config", good, testOrg(), nil},
		{"untouched, config changed since", good, newer, []want{{"WorkbookFindingConfigChanged", "Målhierarki", "C4", domain.Excerpt(newer.Vision, excerptLen)}}},
		{"vision edited", edit(t, good, func(f *excelize.File) { f.SetCellStr("Målhierarki", "C4", "Ett annat Sorsele") }), testOrg(),
			[]want{{"WorkbookFindingPrefillEdited", "Målhierarki", "C4", domain.Excerpt(testOrg().Vision, excerptLen)}}},
		{"follow-up untouched", followUp.Bytes(), testOrg(), nil},
		{"follow-up, carried-over goal edited", edit(t, followUp.Bytes(), func(f *excelize.File) { f.SetCellStr("Småbarn", "C5", "Ett annat mål") }), testOrg(),
			[]want{{"WorkbookFindingPrefillChanged", "", "", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs, err := Read(context.Background(), bytes.NewReader(tt.data), int64(len(tt.data)), tt.org, ReadOptions{Name: "x.xlsx"})
			if err != nil {
				t.Fatal(err)
			}
			var got []want
			for _, f := range fs {
				if f.Code == "MB0303" || f.Code == "MB0316" {
					now, _ := f.Data["Now"].(string)
					got = append(got, want{f.MessageID, f.Location.Sheet, f.Location.Cell, now})
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("findings %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("finding %+v, want %+v", got[i], tt.want[i])
				}
			}
		})
	}
}
