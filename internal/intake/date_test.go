package intake_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/intake"
	"github.com/malarbete/malarbete/internal/testkit"
	"github.com/malarbete/malarbete/internal/workbook"
)

// TestOneFindingPerBadDate: a date typed as "31/12" is one error at its
// cell, from the reader, not a second one from the rules for a date that
// seems missing.
func TestOneFindingPerBadDate(t *testing.T) {
	dir := t.TempDir()
	org := testkit.Org()
	blank, path := filepath.Join(dir, "blank.xlsx"), filepath.Join(dir, "norra.xlsx")
	if _, err := workbook.WriteFile(blank, org, workbook.Options{Unit: "norra"}, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := workbook.FillFile(blank, path, testkit.Plan("norra", "lag-a"), org, atomicfile.Options{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ref := ""
	for r := 1; r < 40 && ref == ""; r++ {
		if k, _ := f.GetCellValue("Lag A", "A"+strconv.Itoa(r)); k == domain.FieldFollowUpWhen {
			ref = "C" + strconv.Itoa(r)
		}
	}
	if ref == "" {
		t.Fatal("no follow-up date row on the sheet Lag A")
	}
	f.SetCellStr("Lag A", ref, "31/12")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	results, err := intake.Check(context.Background(), []string{path}, org, workbook.ReadFile, intake.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, fd := range results[0].Findings {
		if fd.Location.Cell == ref {
			n++
		}
	}
	if n != 1 || !results[0].Findings.HasErrors() {
		t.Errorf("%d findings at %s, want one error: %+v", n, ref, results[0].Findings)
	}
}
