package workbook

import (
	"os"
	"path/filepath"
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
	sub, fs, err := ReadFile(src, org)
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
	// The copy still reads as the same submission.
	again, _, err := ReadFile(dst, org)
	if err != nil || again == nil || len(again.Teams) != 2 {
		t.Errorf("annotated copy does not read: %v", err)
	}
}
