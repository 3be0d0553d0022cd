package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/filename"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// TestIndividualGoals runs generate --individual on Sorsele after a
// collected planning round with the real binary: one workbook per team
// with the team's goals locked; filled by openpyxl it validates without
// errors, and collect of a folder holding it and unit workbooks refuses
// it alone and stores nothing of it.
func TestIndividualGoals(t *testing.T) {
	py := pythonWithOpenpyxl(t)
	org, reg := reporttest.Sorsele(t, 1)
	dir := t.TempDir()
	regPath := writeRegister(t, filepath.Join(dir, "register.json"), reg)
	gen := filepath.Join(dir, "mina")
	mb(t, "generate", "--individual", "--register", regPath, "-o", gen, "--date", "2027-03-05")
	n := 0
	for _, rec := range reg.Units {
		u, _ := org.Unit(rec.Unit)
		dept, _ := org.Department(u.Department)
		for _, team := range org.TeamsOf(u.ID) {
			n++
			path := filepath.Join(gen, filename.Safe(dept.Name, ""), filename.Safe(u.Name+" – "+team.Name+" – mina mål "+org.Period, ".xlsx"))
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Errorf("%s: %v", path, err)
				continue
			}
			rows, _ := f.GetRows("Arbetslagets mål")
			var shown bytes.Buffer
			for _, row := range rows {
				shown.WriteString(strings.Join(row, "\n") + "\n")
			}
			f.Close()
			for _, tg := range rec.Teams {
				if tg.Team != team.ID {
					continue
				}
				for _, g := range tg.Goals {
					for _, w := range []string{g.What, g.How, g.FollowUp.Method} {
						if !strings.Contains(shown.String(), w) {
							t.Errorf("%s lacks the team goal's %q", filepath.Base(path), w)
						}
					}
				}
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(gen, "*", "*.xlsx"))
	if len(files) != n || n == 0 {
		t.Errorf("%d individual workbooks, want %d (one per team)", len(files), n)
	}

	filled := filepath.Join(dir, "filled")
	fillWithOpenpyxl(t, py, "individ", gen, filled)
	round := org.Rounds[0].ID
	for file, fs := range validate(t, sorsele, filled, round) {
		for _, f := range fs {
			if strings.HasPrefix(f.Code, "MB027") {
				t.Errorf("%s: %s %s", file, f.Code, f.Message)
			}
		}
	}

	// collect: the unit workbooks of the planning round, filled, and one
	// individual workbook among them.
	units := filepath.Join(dir, "units")
	mb(t, "generate", "-o", units, "--date", "2027-01-15")
	batch := filepath.Join(dir, "batch")
	fillWithOpenpyxl(t, py, "enhet", units, batch)
	filledBooks, _ := filepath.Glob(filepath.Join(filled, "*", "*.xlsx"))
	own, err := os.ReadFile(filledBooks[0])
	if err != nil {
		t.Fatal(err)
	}
	stray := filepath.Join(batch, filepath.Base(filledBooks[0]))
	if err := os.WriteFile(stray, own, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "collected.json")
	cmd := command(t, "-c", sorsele, "collect", batch, "-o", out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("collect: %v\n%s", err, stderr.String())
	}
	if strings.Count(stderr.String(), "samlas inte in av HR") != 1 || !strings.Contains(stderr.String(), filepath.Base(stray)) {
		t.Errorf("collect did not refuse the individual workbook once:\n%s", stderr.String())
	}
	stored, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(stored, []byte("individ")) || bytes.Contains(stored, []byte(filepath.Base(stray))) {
		t.Error("the register holds something of the individual workbook")
	}
	got, err := register.ReadFor(out, org)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Units) != len(org.Units) {
		t.Errorf("%d units collected, want %d: the rest of the batch is collected", len(got.Units), len(org.Units))
	}
}
