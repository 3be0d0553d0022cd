package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/domain"
)

// forge edits the hidden identity of the workbook at src, sheet and
// document properties alike, as someone with Excel and a little patience
// could: set holds the identity keys to change ("unit", "teams").
func forge(t *testing.T, src, dst string, set map[string]string) {
	t.Helper()
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("_malarbete")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if v, ok := set[firstOf(r)]; ok {
			if err := f.SetCellStr("_malarbete", "B"+strconv.Itoa(i+1), v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for k, v := range set {
		if err := f.SetCustomProps(excelize.CustomProperty{Name: "malarbete." + k, Value: v}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(dst); err != nil {
		t.Fatal(err)
	}
}

func firstOf(r []string) string {
	if len(r) == 0 {
		return ""
	}
	return r[0]
}

// TestForgedIdentity: the workbook of one unit, its hidden identity
// edited to claim another unit with an empty team list, was accepted as
// that unit (0 errors), beat that unit's genuine workbook in one batch
// and deleted its teams from the register. With the real binary: validate
// refuses it, and collect never lets it replace the genuine workbook, in
// one batch or later, even with --include-invalid.
func TestForgedIdentity(t *testing.T) {
	org, _, err := config.Load(sorsele)
	if err != nil || org == nil {
		t.Fatalf("config: %v", err)
	}
	// The victim has teams; the forger's own workbook is another unit's.
	var victim, forger string
	for _, u := range org.Units {
		switch {
		case victim == "" && len(org.TeamsOf(u.ID)) > 0:
			victim = u.ID
		case forger == "":
			forger = u.ID
		}
	}
	src := filledInbox(t)
	root := t.TempDir()
	genuine := filepath.Join(root, "inkommet", victim+".xlsx")
	forged := filepath.Join(root, "inkommet", "zz-"+forger+".xlsx")
	copyFiles(t, src, filepath.Dir(genuine), []string{victim + ".xlsx"})
	forge(t, filepath.Join(src, forger+".xlsx"), forged, map[string]string{"unit": victim, "teams": ""})

	out, err := command(t, "-c", sorsele, "validate", forged).CombinedOutput()
	if code := exitCode(err); code != 1 || !strings.Contains(string(out), "identitet") || !strings.Contains(string(out), "ändrats") {
		t.Fatalf("validate of the forged workbook: exit %d, want 1 naming the altered identity\n%s", code, out)
	}

	reg := filepath.Join(root, "register.json")
	out, err = command(t, "-c", sorsele, "collect", filepath.Dir(genuine), "-o", reg, "--date", "2027-03-01").CombinedOutput()
	if exitCode(err) != 1 {
		t.Fatalf("collect of the genuine and the forged workbook: %v, want exit 1 for the forged one\n%s", err, out)
	}
	want := unitRecord(t, reg, victim)
	if len(want.Teams) == 0 || len(want.Sources) != 1 || filepath.Base(want.Sources[0].File) != victim+".xlsx" {
		t.Fatalf("the register's %s after collecting both: %d teams, sources %v; want the genuine workbook's", victim, len(want.Teams), want.Sources)
	}

	// Later, alone, and asked to include invalid workbooks.
	alone := filepath.Join(root, "sent")
	copyFiles(t, filepath.Dir(forged), alone, []string{filepath.Base(forged)})
	out, err = command(t, "-c", sorsele, "collect", alone, "-o", reg, "--date", "2027-03-02", "--include-invalid").CombinedOutput()
	if exitCode(err) != 1 {
		t.Fatalf("collect of the forged workbook alone: %v, want exit 1\n%s", err, out)
	}
	if got := unitRecord(t, reg, victim); !reflect.DeepEqual(got, want) {
		t.Fatalf("the forged workbook changed %s in the register:\n got %+v\nwant %+v", victim, got, want)
	}
}

// unitRecord reads unit's record from the register at path.
func unitRecord(t *testing.T, path, unit string) domain.UnitRecord {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var reg domain.Register
	if err := json.Unmarshal(b, &reg); err != nil {
		t.Fatal(err)
	}
	rec, ok := reg.Unit(unit)
	if !ok {
		t.Fatalf("the register has no %s", unit)
	}
	return *rec
}
