package generate

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/synthetic"
	"github.com/malarbete/malarbete/internal/testkit"
	"github.com/malarbete/malarbete/internal/workbook"
)

func factory(t testing.TB, org *domain.Organisation) (*cmdutil.Factory, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	return testkit.FactoryWith(t, "sv", org)
}

func run(t testing.TB, f *cmdutil.Factory, args ...string) error {
	t.Helper()
	cmd := NewCmdGenerate(f, nil)
	cmd.SetArgs(args)
	cmd.SetOut(f.IO.Out)
	cmd.SetErr(f.IO.ErrOut)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return cmd.Execute()
}

func smallOrg() *domain.Organisation {
	org := synthetic.Organisation(synthetic.Options{Units: 3, TeamsPerUnit: 2, Departments: 2})
	org.Units[0].Manager.Email = "=HYPERLINK(\"x\")"
	return org
}

func TestGenerateUnits(t *testing.T) {
	dir := t.TempDir()
	f, out, _ := factory(t, smallOrg())
	if err := run(t, f, "-o", dir, "--date", "2027-01-10"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"Verksamhet 1/Enhet 1 – mål 2027.xlsx", "Verksamhet 2/Enhet 2 – mål 2027.xlsx", "Verksamhet 1/Enhet 3 – mål 2027.xlsx", ManifestFile} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("missing %s: %v", p, err)
		}
	}
	if !strings.Contains(out.String(), "3 arbetsböcker") {
		t.Errorf("summary %q", out.String())
	}
	data, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	// Semicolons: Swedish Excel opens the file as columns.
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff")))
	cr.Comma = ';'
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || len(rows[0]) != 8 || rows[0][0] != "fil" || rows[1][0] != "Verksamhet 1/Enhet 1 – mål 2027.xlsx" || rows[1][6] != "2027-02-26" {
		t.Errorf("manifest %q", rows)
	}
	if rows[1][5] != `'=HYPERLINK("x")` {
		t.Errorf("e-mail not escaped: %q", rows[1][5])
	}
	first, _ := os.ReadFile(filepath.Join(dir, "Verksamhet 1/Enhet 1 – mål 2027.xlsx"))

	// Existing files are kept without --force, replaced with it, and the
	// same inputs give the same bytes.
	err = run(t, f, "-o", dir, "--date", "2027-01-10")
	var ue *cmdutil.UserError
	if !errors.As(err, &ue) || ue.MessageID != "GenerateExists" {
		t.Fatalf("second run without --force: %v", err)
	}
	if err := run(t, f, "-o", dir, "--date", "2027-01-10", "--force", "--units", "enhet-1"); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(filepath.Join(dir, "Verksamhet 1/Enhet 1 – mål 2027.xlsx"))
	if !bytes.Equal(first, again) {
		t.Error("same inputs gave different bytes")
	}
}

func TestGeneratePerTeam(t *testing.T) {
	dir := t.TempDir()
	f, _, _ := factory(t, smallOrg())
	if err := run(t, f, "-o", dir, "--per", "team", "--units", "enhet-2"); err != nil {
		t.Fatal(err)
	}
	m, _ := filepath.Glob(filepath.Join(dir, "*", "*.xlsx"))
	if len(m) != 2 || filepath.Base(m[0]) != "Enhet 2, Arbetslag 1 – mål 2027.xlsx" {
		t.Errorf("files %q", m)
	}
}

// TestGenerateTeams: --teams writes a team workbook for each team named,
// whatever --per says, and nothing for the other teams and units.
func TestGenerateTeams(t *testing.T) {
	for _, per := range []string{PerUnit, PerTeam} {
		t.Run(per, func(t *testing.T) {
			dir := t.TempDir()
			f, out, _ := factory(t, smallOrg())
			if err := run(t, f, "-o", dir, "--per", per, "--teams", "enhet-2-lag-2, enhet-1-lag-1"); err != nil {
				t.Fatal(err)
			}
			m, _ := filepath.Glob(filepath.Join(dir, "*", "*.xlsx"))
			for i := range m {
				m[i], _ = filepath.Rel(dir, m[i])
			}
			want := []string{"Verksamhet 1/Enhet 1, Arbetslag 1 – mål 2027.xlsx", "Verksamhet 2/Enhet 2, Arbetslag 2 – mål 2027.xlsx"}
			if !slices.Equal(m, want) {
				t.Errorf("files %q, want %q", m, want)
			}
			if !strings.Contains(out.String(), "2 arbetsböcker") {
				t.Errorf("summary %q", out.String())
			}
		})
	}
}

func TestGenerateErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		flag    bool
		message string
	}{
		{"no output", nil, true, ""},
		{"bad per", []string{"-o", "x", "--per", "avdelning"}, true, ""},
		{"bad date", []string{"-o", "x", "--date", "15/1"}, true, ""},
		{"unknown unit", []string{"-o", "x", "--units", "nope"}, false, "GenerateUnknownUnit"},
		{"unknown team", []string{"-o", "x", "--teams", "nope"}, false, "GenerateUnknownTeam"},
		{"units and teams", []string{"-o", "x", "--units", "enhet-1", "--teams", "enhet-1-lag-1"}, true, ""},
		{"unknown round", []string{"-o", "x", "--round", "nope"}, false, "GenerateUnknownRound"},
		{"follow-up round without register", []string{"-o", "x", "--round", "augusti"}, false, "GenerateFollowUpNeedsRegister"},
		{"missing register", []string{"-o", "x", "--round", "augusti", "--register", "/nonexistent/register.json"}, false, "RegisterMissing"},
		{"register with an unknown round", []string{"-o", "x", "--round", "augusti", "--register", "unknown-round.json"}, false, "RegisterUnknownRound"},
		{"register in Latin-1", []string{"-o", "x", "--round", "augusti", "--register", "latin1.json"}, false, "RegisterEncoding"},
	}
	regs := t.TempDir()
	reg := register.New(smallOrg())
	reg.Rounds = []string{"plan", "maj"}
	if err := register.Write(filepath.Join(regs, "unknown-round.json"), reg, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(regs, "latin1.json"), []byte("{\"organisation\": \"G\xe4llivare\"}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := factory(t, smallOrg())
			args := tt.args
			for i := range args {
				switch {
				case args[i] == "x":
					args[i] = t.TempDir()
				case strings.HasSuffix(args[i], ".json") && !filepath.IsAbs(args[i]):
					args[i] = filepath.Join(regs, args[i])
				}
			}
			err := run(t, f, args...)
			var fe *cmdutil.FlagError
			var ue *cmdutil.UserError
			switch {
			case tt.flag && !errors.As(err, &fe):
				t.Errorf("want a usage error, got %v", err)
			case !tt.flag && (!errors.As(err, &ue) || ue.MessageID != tt.message):
				t.Errorf("want %s, got %v", tt.message, err)
			}
		})
	}
}

func TestGenerateFollowUp(t *testing.T) {
	org := smallOrg()
	dir := t.TempDir()
	reg := register.New(org)
	reg.Rounds = []string{"plan"}
	reg.Units = append(reg.Units, domain.UnitRecord{Unit: "enhet-1", Department: "verksamhet-1",
		Goals: []domain.UnitGoal{{ID: "e1", Text: "Nöjdare invånare.", DepartmentGoal: "verksamhet-1-1"}},
		Teams: []domain.TeamGoals{{Team: "enhet-1-lag-1", Goals: []domain.TeamGoal{{ID: "enhet-1-lag-1/1", Slot: 1, What: "Svara inom en dag.", How: "Delad inkorg.", UnitGoal: "e1"}}}}})
	regPath := filepath.Join(dir, "register.json")
	if err := register.Write(regPath, reg, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	f, _, _ := factory(t, org)
	out := filepath.Join(dir, "ut")
	if err := run(t, f, "-o", out, "--round", "augusti", "--register", regPath, "--units", "enhet-1"); err != nil {
		t.Fatal(err)
	}
	sub, fs, err := workbook.ReadFile(context.Background(), filepath.Join(out, "Verksamhet 1", "Enhet 1 – uppföljning augusti 2027.xlsx"), org) // named by its round
	if err != nil || len(fs) > 0 || sub == nil {
		t.Fatalf("read: %v %+v", err, fs)
	}
	if sub.Identity.Round != "augusti" || len(sub.Teams[0].Goals) != 1 || sub.Teams[0].Goals[0].What != "Svara inom en dag." {
		t.Errorf("follow-up workbook %+v", sub)
	}
}

// TestGenerateInterrupted runs generate under a context that Ctrl-C has
// ended: it stops with the context's error and leaves nothing, neither
// the output folder nor its staging folder.
func TestGenerateInterrupted(t *testing.T) {
	root := t.TempDir()
	f, _, _ := factory(t, smallOrg())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cmd := NewCmdGenerate(f, nil)
	cmd.SetArgs([]string{"-o", filepath.Join(root, "utskick"), "--date", "2027-01-10"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.ExecuteContext(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("an interrupted generate left %v", entries)
	}
}
