package workbook

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

func TestAnnotate(t *testing.T) {
	org := testOrg()
	dir := t.TempDir()
	src := filepath.Join(dir, "in.xlsx")
	bad := edit(t, filled(t, domain.Swedish), func(f *excelize.File) { f.SetCellStr("Småbarn", "C9", "snart") })
	if err := os.WriteFile(src, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	sub, fs, err := ReadFile(context.Background(), src, org)
	if err != nil || sub == nil || len(fs) != 1 {
		t.Fatalf("read: %v %+v", err, fs)
	}
	// A finding of the rules (validate) on the same workbook.
	fs = append(fs, domain.Finding{Code: "MB0213", Severity: domain.SeverityError, MessageID: "FindingGoalMissingHow",
		Location: domain.Location{File: "in.xlsx", Sheet: "Småbarn", Cell: "D7"}, Data: map[string]any{"Team": "Småbarn", "Goal": 2}})
	dst := filepath.Join(dir, "out", "in.xlsx")
	os.MkdirAll(filepath.Dir(dst), 0o755)
	if err := AnnotateFile(src, dst, sub, org, fs); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(src)
	if string(after) != string(bad) {
		t.Fatal("source changed")
	}
	f, err := excelize.OpenFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if first := f.GetSheetList()[0]; first != "Att åtgärda" {
		t.Errorf("first sheet %q", first)
	}
	if v, _ := f.GetCellValue("Att åtgärda", "D5"); !strings.Contains(v, "snart") {
		t.Errorf("finding row %q", v)
	}
	cs, _ := f.GetComments("Småbarn")
	if len(cs) != 2 {
		t.Fatalf("comments %+v", cs)
	}
	id, _ := f.GetCellStyle("Småbarn", "C9")
	st, _ := f.GetStyle(id)
	if len(st.Fill.Color) == 0 || !strings.EqualFold(st.Fill.Color[0], colourProblem) || st.Protection == nil || st.Protection.Locked {
		t.Errorf("highlight %+v %+v", st.Fill, st.Protection)
	}
	// The copy still reads as the same submission, with the same findings:
	// the findings sheet is ours, not text outside the tables.
	again, againFs, err := ReadFile(context.Background(), dst, org)
	if err != nil || again == nil || len(again.Teams) != 2 {
		t.Fatalf("annotated copy does not read: %v", err)
	}
	if len(againFs) != 1 || againFs[0].Code != fs[0].Code {
		t.Errorf("annotated copy reads with findings %+v", againFs)
	}
	// A manager returns the copy uncorrected: annotating it again
	// replaces the earlier findings and comments.
	dst2 := filepath.Join(dir, "again", "in.xlsx")
	os.MkdirAll(filepath.Dir(dst2), 0o755)
	if err := AnnotateFile(dst, dst2, again, org, fs); err != nil {
		t.Fatalf("annotate an annotated copy: %v", err)
	}
	f2, err := excelize.OpenFile(dst2)
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	if sheets := f2.GetSheetList(); sheets[0] != "Att åtgärda" || slices.Contains(sheets, "Att åtgärda (2)") {
		t.Errorf("sheets of a copy annotated twice: %q", sheets)
	}
	if cs, _ := f2.GetComments("Småbarn"); len(cs) != 2 {
		t.Errorf("comments of a copy annotated twice: %+v", cs)
	}
}
