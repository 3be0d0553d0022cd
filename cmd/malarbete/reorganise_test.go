package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/workbook"
)

// The organisation before the reorganisations: Fritidsgården with two
// teams, Biblioteket with one, Skolan with one.
const reorgConfig = `organisation:
  id: kommun
  name: Testkommun
  period: "2027"
  hr: {name: HR, email: hr@example.org}
vision: Ett gott liv för alla.
overallGoal: Vi samverkar för invånarnas bästa.
values:
  - {id: mod, name: Mod, behaviours: [att ta ansvar]}
departments:
  - id: kultur
    name: Kultur och fritid
    goals: [Fler deltar i kulturlivet.]
units:
  - id: fritidsgarden
    name: Fritidsgården
    department: kultur
    manager: {name: Chef F, email: f@example.org}
  - id: biblioteket
    name: Biblioteket
    department: kultur
    manager: {name: Chef B, email: b@example.org}
  - id: skolan
    name: Skolan
    department: kultur
    manager: {name: Chef S, email: s@example.org}
teams:
  - {id: ungdom, name: Ungdom, unit: fritidsgarden}
  - {id: musik, name: Musik, unit: fritidsgarden}
  - {id: lasning, name: Läsfrämjande, unit: biblioteket}
  - {id: klass, name: Klass 1, unit: skolan}
rounds:
  - {id: plan, name: Planering, deadline: 2027-02-26}
  - {id: april, name: Uppföljning april, deadline: 2027-04-30}
  - {id: augusti, name: Uppföljning augusti, deadline: 2027-08-31}
`

// TestReorganisations runs a year of reorganisations through the real
// binary: a team removed after the send-out, a unit given a new id, two
// units merged between planning and April, a team moved between April and
// August. Nothing typed is lost.
func TestReorganisations(t *testing.T) {
	root := t.TempDir()
	cfg := filepath.Join(root, "organisation.yaml")
	write := func(text string) *domain.Organisation {
		t.Helper()
		if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		org, fs, err := config.Load(cfg)
		if err != nil || org == nil || fs.HasErrors() {
			t.Fatalf("config: %v %v", fs, err)
		}
		return org
	}
	run := func(args ...string) string {
		t.Helper()
		out, err := command(t, append([]string{"-c", cfg}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	reg := filepath.Join(root, "register.json")

	// Planning: workbooks made with the first config.
	org := write(reorgConfig)
	run("generate", "-o", filepath.Join(root, "plan"), "--date", "2027-01-10")
	filled := filepath.Join(root, "plan-in")
	plans := map[string]*domain.Submission{}
	for _, u := range org.Units {
		sub := planAnswers(org, u.ID)
		plans[u.ID] = sub
		fill(t, org, filepath.Join(root, "plan", "Kultur och fritid", u.Name+" – mål 2027.xlsx"), filepath.Join(filled, u.ID+".xlsx"), sub)
	}

	// Before the workbooks come back, Ungdom is dissolved and Biblioteket
	// gets the id "bibl" (formerIds keeps the old one).
	v2 := strings.Replace(reorgConfig, "  - {id: ungdom, name: Ungdom, unit: fritidsgarden}\n", "", 1)
	v2 = strings.Replace(v2, "  - id: biblioteket\n", "  - id: bibl\n    formerIds: [biblioteket]\n", 1)
	v2 = strings.Replace(v2, "unit: biblioteket}", "unit: bibl}", 1)
	// Skolan gets a team, Klass 2, that the workbook sent out lacks: it
	// gets a workbook of its own with generate --teams.
	v2 = strings.Replace(v2, "  - {id: klass, name: Klass 1, unit: skolan}\n", "  - {id: klass, name: Klass 1, unit: skolan}\n  - {id: klass2, name: Klass 2, unit: skolan}\n", 1)
	org = write(v2)
	run("generate", "-o", filepath.Join(root, "plan-klass2"), "--teams", "klass2", "--date", "2027-01-20")
	if books, _ := filepath.Glob(filepath.Join(root, "plan-klass2", "*", "*.xlsx")); len(books) != 1 || !strings.Contains(books[0], "Skolan, Klass 2") {
		t.Errorf("generate --teams klass2 wrote %v", books)
	}
	out := run("check", "--register", writeEmptyRegister(t, org, reg))
	if !strings.Contains(out, "följer organisationsfilen") {
		t.Errorf("check --register: %s", out)
	}
	os.Remove(reg)
	out = run("validate", filled)
	if strings.Contains(out, ": fel:") {
		t.Fatalf("validate after the change: %s", out)
	}
	if !strings.Contains(out, `Arbetslaget "Ungdom" finns inte längre`) {
		t.Errorf("no word of the team that left: %s", out)
	}
	if !strings.Contains(out, "generate --teams klass2") {
		t.Errorf("no word of the team added since the send-out: %s", out)
	}
	run("collect", filled, "-o", reg, "--date", "2027-03-01")
	r := readReg(t, reg)
	fr, ok := r.Unit("fritidsgarden")
	if !ok || len(fr.Goals) != 1 || len(fr.Criteria) == 0 {
		t.Fatalf("Fritidsgården's record %+v", fr)
	}
	teams := map[string]domain.TeamGoals{}
	for _, tg := range fr.Teams {
		teams[tg.Team] = tg
	}
	if tg := teams["ungdom"]; tg.Left != "plan" || len(tg.Goals) != 1 || tg.Goals[0].What != plans["fritidsgarden"].Teams[0].Goals[0].What {
		t.Errorf("the removed team's goals: %+v", tg)
	}
	if tg := teams["musik"]; len(tg.Goals) != 1 || tg.Left != "" {
		t.Errorf("the other team's goals: %+v", tg)
	}
	if b, ok := r.Unit("bibl"); !ok || len(b.Goals) != 1 || len(b.Teams) != 1 {
		t.Errorf("the renamed unit's record: %+v (units %v)", b, unitIDs(r))
	}

	// Between planning and April Fritidsgården and Biblioteket become one
	// unit, Kultur och fritid.
	v3 := strings.Replace(v2, "  - id: fritidsgarden\n    name: Fritidsgården\n", "  - id: kof\n    formerIds: [fritidsgarden, bibl, biblioteket]\n    name: Kultur och fritid\n", 1)
	i := strings.Index(v3, "  - id: bibl\n")
	j := strings.Index(v3, "  - id: skolan\n")
	v3 = v3[:i] + v3[j:]
	v3 = strings.ReplaceAll(v3, "unit: fritidsgarden}", "unit: kof}")
	v3 = strings.ReplaceAll(v3, "unit: bibl}", "unit: kof}")
	org = write(v3)
	out = run("check", "--register", reg)
	if !strings.Contains(out, "heter Fritidsgården Kultur och fritid") || !strings.Contains(out, "ingår Biblioteket i Kultur och fritid") {
		t.Errorf("check --register before April: %s", out)
	}
	if after := readReg(t, reg); len(after.Changes) != len(r.Changes) {
		t.Error("check --register wrote the register")
	}
	run("generate", "-o", filepath.Join(root, "april"), "--round", "april", "--register", reg, "--date", "2027-04-01")
	aprilIn := filepath.Join(root, "april-in")
	books, _ := filepath.Glob(filepath.Join(root, "april", "*", "*.xlsx"))
	if len(books) != 2 {
		t.Fatalf("April workbooks %v", books)
	}
	var kof string
	for _, b := range books {
		if strings.Contains(b, "Kultur och fritid –") {
			kof = b
		}
	}
	sub := readBook(t, org, kof)
	if len(sub.UnitGoals) != 2 || len(sub.Identity.Teams) != 2 {
		t.Fatalf("the merged unit's April workbook: %d unit goals, teams %v", len(sub.UnitGoals), sub.Identity.Teams)
	}
	answers := reviewEverything(sub, "april")
	fill(t, org, kof, filepath.Join(aprilIn, "kof.xlsx"), answers)
	skolanBook := ""
	for _, b := range books {
		if b != kof {
			skolanBook = b
		}
	}
	fill(t, org, skolanBook, filepath.Join(aprilIn, "skolan.xlsx"), reviewEverything(readBook(t, org, skolanBook), "april"))
	out = run("validate", aprilIn, "--round", "april")
	if strings.Contains(out, ": fel:") {
		t.Fatalf("validate April: %s", out)
	}
	run("collect", aprilIn, "-o", reg, "--date", "2027-04-30")
	r = readReg(t, reg)
	k, ok := r.Unit("kof")
	if !ok || len(unitIDs(r)) != 2 {
		t.Fatalf("units after the merge: %v", unitIDs(r))
	}
	for _, g := range answers.UnitGoals {
		found := false
		for _, rg := range k.Goals {
			if rv, ok := rg.Review("april"); ok && rg.ID == g.ID && rv.Analysis == g.Reviews[0].Analysis {
				found = true
			}
		}
		if !found {
			t.Errorf("April review of unit goal %s lost: %+v", g.ID, k.Goals)
		}
	}
	for _, tg := range answers.Teams {
		for _, g := range tg.Goals {
			found := false
			for _, rt := range k.Teams {
				for _, rg := range rt.Goals {
					if rv, ok := rg.Review("april"); ok && rg.ID == g.ID && rv.Analysis == g.Reviews[0].Analysis {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("April review of team goal %s lost", g.ID)
			}
		}
	}

	// Between April and August Musik moves to Skolan.
	org = write(strings.Replace(v3, "{id: musik, name: Musik, unit: kof}", "{id: musik, name: Musik, unit: skolan}", 1))
	run("generate", "-o", filepath.Join(root, "augusti"), "--round", "augusti", "--register", reg, "--date", "2027-08-01")
	books, _ = filepath.Glob(filepath.Join(root, "augusti", "*", "Skolan*.xlsx"))
	if len(books) != 1 {
		t.Fatalf("August workbooks of Skolan %v", books)
	}
	aug := readBook(t, org, books[0])
	hasMusik := false
	for _, tg := range aug.Teams {
		hasMusik = hasMusik || tg.Team == "musik" && len(tg.Goals) == 1
	}
	if !hasMusik {
		t.Errorf("Skolan's August workbook lacks Musik's goal: %+v", aug.Teams)
	}
	pdf := filepath.Join(root, "rapport.pdf")
	run("report", "--register", reg, "-o", pdf, "--date", "2027-09-01")
}

func planAnswers(org *domain.Organisation, unit string) *domain.Submission {
	dept := org.Departments[0].Goals[0].ID
	sub := &domain.Submission{
		UnitGoals: []domain.UnitGoal{{ID: "e1", Text: "Mål för " + unit, DepartmentGoal: dept, Indicator: "Antal", Target: "10"}},
		Criteria:  []domain.CriterionNote{{Own: 1, Name: "Eget " + unit, Description: "Beskrivning", Meaning: "Betyder för " + unit}},
	}
	for _, t := range org.TeamsOf(unit) {
		sub.Teams = append(sub.Teams, domain.TeamGoals{Team: t.ID, Goals: []domain.TeamGoal{{
			ID: domain.TeamGoalID(t.ID, 1), Slot: 1, What: "Vad för " + t.Name, UnitGoal: "e1", How: "Hur för " + t.Name,
			FollowUp:  domain.FollowUpPlan{Method: "Logg", When: domain.NewDate(2027, 6, 1), Who: "Lagledaren"},
			Indicator: "Antal", Target: "5", Value: "mod",
		}}})
	}
	return sub
}

// reviewEverything gives every goal of a follow-up workbook a review of
// its own words.
func reviewEverything(sub *domain.Submission, round string) *domain.Submission {
	out := &domain.Submission{}
	for _, g := range sub.UnitGoals {
		out.UnitGoals = append(out.UnitGoals, domain.UnitGoal{ID: g.ID, Reviews: []domain.UnitReview{{Round: round, Status: "on-track", Current: "7", Analysis: "Läget för " + g.ID}}})
	}
	for _, tg := range sub.Teams {
		t := domain.TeamGoals{Team: tg.Team}
		for _, g := range tg.Goals {
			t.Goals = append(t.Goals, domain.TeamGoal{ID: g.ID, Slot: g.Slot, Reviews: []domain.Review{{Round: round, Status: "on-track", Current: "3", Analysis: "Läget för " + g.ID}}})
		}
		out.Teams = append(out.Teams, t)
	}
	return out
}

func fill(t *testing.T, org *domain.Organisation, in, out string, sub *domain.Submission) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := workbook.FillFile(in, out, sub, org, atomicfile.Options{Overwrite: true}); err != nil {
		t.Fatalf("fill %s: %v", in, err)
	}
}

func readBook(t *testing.T, org *domain.Organisation, path string) *domain.Submission {
	t.Helper()
	sub, fs, err := workbook.ReadFile(context.Background(), path, org)
	if err != nil || sub == nil {
		t.Fatalf("read %s: %v %v", path, err, fs)
	}
	return sub
}

func readReg(t *testing.T, path string) *domain.Register {
	t.Helper()
	r, err := register.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func writeEmptyRegister(t *testing.T, org *domain.Organisation, path string) string {
	t.Helper()
	return writeRegister(t, path, register.New(org))
}

// writeRegister writes reg to path and returns path.
func writeRegister(t *testing.T, path string, reg *domain.Register) string {
	t.Helper()
	if err := register.Write(path, reg, atomicfile.Options{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	return path
}

func unitIDs(r *domain.Register) []string {
	var ids []string
	for _, u := range r.Units {
		ids = append(ids, u.Unit)
	}
	return ids
}
