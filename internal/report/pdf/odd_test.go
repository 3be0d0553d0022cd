package pdf_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// oddOrganisation is no bundled example: twelve departments (the matrix
// numbers its columns), one with five goals, a unit without teams, names
// of 90 characters with / : ? [ ] " in them and Sámi letters.
func oddOrganisation() (*domain.Organisation, *domain.Register) {
	org := reporttest.Organisation()
	org.Departments, org.Units, org.Teams = nil, nil, nil
	reg := &domain.Register{SchemaVersion: domain.RegisterSchemaVersion, Organisation: org.ID, Period: org.Period, Rounds: []string{reporttest.RoundPlan}}
	long := `Enheten för "stöd/service": frågor? [alla] – Giellaguovddáš och Áhkká i samverkan med Ådåŋ`
	for d := range 12 {
		dep := domain.Department{ID: fmt.Sprintf("v%d", d), Name: fmt.Sprintf("Verksamhet %d", d+1)}
		for g := range 1 + 4*(d%2) {
			dep.Goals = append(dep.Goals, domain.DepartmentGoal{ID: fmt.Sprintf("v%d-%d", d, g+1), Text: "Vi gör det bättre för invånarna, steg för steg."})
		}
		org.Departments = append(org.Departments, dep)
		unit := domain.Unit{ID: fmt.Sprintf("e%d", d), Name: fmt.Sprintf("Enhet %d", d+1), Department: dep.ID}
		if d == 0 {
			unit.Name = long
		}
		org.Units = append(org.Units, unit)
		rec := domain.UnitRecord{Unit: unit.ID, Department: dep.ID,
			Goals: []domain.UnitGoal{{ID: "e1", Text: "Fler invånare får svar samma dag.", DepartmentGoal: dep.Goals[0].ID, Target: "Minst 90 %"}}}
		if d != 3 { // the fourth unit has no teams
			team := domain.Team{ID: unit.ID + "-lag", Name: fmt.Sprintf("Lag [%d]: ? / \"x\"", d+1), Unit: unit.ID}
			org.Teams = append(org.Teams, team)
			rec.Teams = []domain.TeamGoals{{Team: team.ID, Goals: []domain.TeamGoal{{ID: team.ID + "/1", Slot: 1, What: "Vi svarar samma dag.", UnitGoal: "e1",
				How: "Vi läser inkorgen två gånger om dagen.", Collaboration: fmt.Sprintf("Enhet %d, Áhkká", (d+1)%12+1)}}}}
		}
		reg.Units = append(reg.Units, rec)
	}
	return org, reg
}

// TestRenderOddOrganisation builds and renders the odd organisation's
// report: it must render, with every character drawn and the long name's
// words in the text.
func TestRenderOddOrganisation(t *testing.T) {
	org, reg := oddOrganisation()
	cat, err := reporttest.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := report.Build(t.Context(), org, reg, report.Options{}, cat.Localizer(domain.Swedish))
	if err != nil {
		t.Fatal(err)
	}
	data, res := render(t, doc)
	if *out != "" {
		if err := os.WriteFile(filepath.Join(*out, "odd.pdf"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if len(res.Replacements) > 0 {
		t.Errorf("characters replaced: %v", res.Replacements)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return
	}
	text := strings.Join(wordTexts(words(t, data)), " ")
	for _, w := range strings.Fields(org.Units[0].Name) {
		if !strings.Contains(text, w) {
			t.Errorf("%q of the long name is not in the PDF", w)
		}
	}
}

func wordTexts(ws []wordBox) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.NewReplacer("&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">", "&apos;", "'").Replace(w.text)
	}
	return out
}
