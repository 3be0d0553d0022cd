package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/demo"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/sample"
)

// TestLibreOfficeIntoRegister is the round trip of issue 4 with the real
// binary: generate, fill by code, re-save every workbook with LibreOffice,
// collect; every text the managers typed is in the register unchanged.
func TestLibreOfficeIntoRegister(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not on PATH")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversions are slow")
	}
	org, _, err := config.Load(sorsele)
	if err != nil || org == nil {
		t.Fatal("load the Sorsele config", err)
	}
	units := "hemtjansten,forskolan,gata-park-va"
	dir := t.TempDir()
	gen, filled, saved := filepath.Join(dir, "gen"), filepath.Join(dir, "filled"), filepath.Join(dir, "saved")
	if b, err := command(t, "-c", sorsele, "--quiet", "generate", "-o", gen, "--units", units, "--date", "2027-01-11").CombinedOutput(); err != nil {
		t.Fatalf("generate: %v\n%s", err, b)
	}
	if n, err := demo.FillDir(gen, filled, org, demo.New(org, demo.Options{})); err != nil || n != 3 {
		t.Fatalf("fill: %d %v", n, err)
	}
	files, _ := filepath.Glob(filepath.Join(filled, "*", "*.xlsx"))
	os.MkdirAll(saved, 0o755)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(t.TempDir()), "--headless",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", saved}, files...)
	if b, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	reg := filepath.Join(dir, "register.json")
	if b, err := command(t, "-c", sorsele, "--quiet", "collect", saved, "-o", reg, "--date", "2027-03-01").CombinedOutput(); err != nil && exitCode(err) != 1 {
		t.Fatalf("collect: %v\n%s", err, b)
	}
	got, err := register.Read(reg)
	if err != nil {
		t.Fatal(err)
	}
	want, err := sample.LoadPlan(malarbete.Examples, sample.SorselePlan)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"hemtjansten", "forskolan", "gata-park-va"} {
		rec, ok := got.Unit(u)
		if !ok {
			t.Errorf("%s is not in the register", u)
			continue
		}
		compareUnit(t, u, want[u], rec)
	}
}

// compareUnit checks every typed text of the sample answers against the
// register record.
func compareUnit(t *testing.T, unit string, want *domain.Submission, rec *domain.UnitRecord) {
	t.Helper()
	goals := map[string]domain.UnitGoal{}
	for _, g := range rec.Goals {
		goals[g.ID] = g
	}
	for _, w := range want.UnitGoals {
		g := goals[w.ID]
		if g.Text != w.Text || g.Indicator != w.Indicator || g.Target != w.Target || g.Responsible != w.Responsible || g.DepartmentGoal != w.DepartmentGoal {
			t.Errorf("%s unit goal %s: got %+v, want %+v", unit, w.ID, g, w)
		}
	}
	teams := map[string]domain.TeamGoal{}
	for _, tg := range rec.Teams {
		for _, g := range tg.Goals {
			teams[g.ID] = g
		}
	}
	n := 0
	for _, tg := range want.Teams {
		for _, w := range tg.Goals {
			g, ok := teams[w.ID]
			n++
			if !ok {
				t.Errorf("%s: goal %s missing", unit, w.ID)
				continue
			}
			if g.What != w.What || g.How != w.How || g.FollowUp != w.FollowUp || g.Indicator != w.Indicator ||
				g.Target != w.Target || g.Value != w.Value || g.Collaboration != w.Collaboration || g.UnitGoal != w.UnitGoal {
				t.Errorf("%s goal %s changed:\n got %+v\nwant %+v", unit, w.ID, g, w)
			}
		}
	}
	notes := map[string]domain.CriterionNote{}
	for _, c := range rec.Criteria {
		notes[c.Criterion] = c
	}
	for _, w := range want.Criteria {
		if c := notes[w.Criterion]; c.Meaning != w.Meaning || c.TeamGoal != w.TeamGoal {
			t.Errorf("%s criterion %s: got %+v, want %+v", unit, w.Criterion, c, w)
		}
	}
	if n == 0 {
		t.Errorf("%s: no team goals compared", unit)
	}
}
