package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	malarbete "github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/demo"
	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/reporttest"
	"github.com/malarbete/malarbete/internal/sample"
)

// The goal the Sorsele sample answers revise in August, and the id its
// new wording gets.
const (
	revisedGoal = "hemtjanst-ammarnas/2"
	revision    = "hemtjanst-ammarnas/2r1"
)

// TestFollowUpRounds runs the year on the Sorsele example with the real
// binary: planning, follow-up 1 (april) and follow-up 2 (augusti), each
// generated, filled with the sample answers as a manager would, validated
// and collected into one register, then the report. It checks that the
// register keeps every round's review of every goal, that the one goal
// revised in August is a new goal linked to the one it replaces, that the
// August workbooks show April's status beside the new one, and that the
// report's tree lists the goals at risk, the change since April and the
// revision.
func TestFollowUpRounds(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole year with the real binary")
	}
	org, _, err := config.Load(sorsele)
	if err != nil || org == nil {
		t.Fatalf("config: %v", err)
	}
	root := t.TempDir()
	reg := filepath.Join(root, "register.json")
	answers := demo.New(org, demo.Options{})
	rounds := []struct{ id, generated, collected string }{
		{domain.PlanRound, "2027-01-11", "2027-03-01"},
		{"april", "2027-04-01", "2027-05-03"},
		{"augusti", "2027-08-02", "2027-09-06"},
	}
	for _, r := range rounds {
		out, in := filepath.Join(root, r.id, "utskick"), filepath.Join(root, r.id, "inkommet")
		args := []string{"generate", "-o", out, "--date", r.generated}
		if r.id != domain.PlanRound {
			args = append(args, "--round", r.id, "--register", reg)
		}
		mb(t, args...)
		n, err := demo.FillDir(out, in, org, answers)
		if err != nil || n != len(org.Units) {
			t.Fatalf("%s: filled %d of %d workbooks: %v", r.id, n, len(org.Units), err)
		}
		mb(t, "validate", in, "--round", r.id)
		mb(t, "collect", in, "-o", reg, "--date", r.collected)
	}
	pdf := filepath.Join(root, "rapport.pdf")
	mb(t, "report", "--register", reg, "-o", pdf, "--date", "2027-09-10")
	if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
		t.Fatalf("report: %v", err)
	}

	got, err := register.Read(reg)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]domain.Review{} // round → goal → review
	units := map[string]map[string]domain.UnitReview{}
	for _, r := range rounds[1:] {
		path := demo.SorseleReviews[r.id]
		rs, err := sample.LoadReviews(malarbete.Examples, path, r.id)
		if err != nil {
			t.Fatal(err)
		}
		want[r.id], units[r.id] = rs.Team, rs.Unit
	}
	t.Run("unit goals' history", func(t *testing.T) {
		checkUnitHistory(t, got, units)
	})
	t.Run("register history", func(t *testing.T) {
		checkHistory(t, got, want)
	})
	t.Run("previous round in the workbook", func(t *testing.T) {
		checkPreviousRound(t, org, filepath.Join(root, "augusti", "utskick"), want["april"][revisedGoal])
	})
	t.Run("report tree", func(t *testing.T) {
		checkReport(t, org, got, want["april"], want["augusti"], units["augusti"])
	})
	t.Run("next round from a register that lacks a unit", func(t *testing.T) {
		checkLackingUnit(t, org, got, root, want["augusti"][revisedGoal])
	})
}

// checkUnitHistory: every unit goal's review of each round, as the
// manager typed it, is in the register.
func checkUnitHistory(t *testing.T, reg *domain.Register, want map[string]map[string]domain.UnitReview) {
	n := 0
	for _, rec := range reg.Units {
		for _, g := range rec.Goals {
			for round, reviews := range want {
				w, ok := reviews[rec.Unit+"/"+g.ID]
				if !ok {
					continue
				}
				n++
				r, found := g.Review(round)
				if !found || r.Status != w.Status || r.Current != w.Current || r.Analysis != w.Analysis || r.Correction != w.Correction {
					t.Errorf("%s/%s %s: review %+v, want %+v", rec.Unit, g.ID, round, r, w)
				}
			}
		}
	}
	if n == 0 {
		t.Error("no unit goal reviewed")
	}
}

// checkLackingUnit generates November's workbooks from the register with
// one unit taken out: that unit is named once on stderr and gets no
// workbook, the others are written and the run succeeds. The revised
// goal's workbook shows the new wording with August's review of the goal
// it replaced as the previous round.
func checkLackingUnit(t *testing.T, org *domain.Organisation, reg *domain.Register, root string, august domain.Review) {
	lacking := org.Units[len(org.Units)-1]
	cut := *reg
	cut.Units = slices.DeleteFunc(slices.Clone(reg.Units), func(u domain.UnitRecord) bool { return u.Unit == lacking.ID })
	path := filepath.Join(root, "utan-en-enhet.json")
	if err := register.Write(path, &cut, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(root, "november")
	cmd := command(t, "-c", sorsele, "--quiet", "generate", "-o", out, "--round", "uppfoljning-november", "--register", path, "--date", "2027-10-01")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("generate: %v\n%s", err, stderr.String())
	}
	if strings.Count(stderr.String(), lacking.Name) != 1 || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("stderr %q, want one line naming %s", stderr.String(), lacking.Name)
	}
	written, _ := filepath.Glob(filepath.Join(out, "*", "*.xlsx"))
	if len(written) != len(org.Units)-1 {
		t.Errorf("%d workbooks, want %d", len(written), len(org.Units)-1)
	}
	cells := goalColumn(t, org, out, revisedGoal)
	if cells["what"] != august.Revised.What || cells["previousStatus"] != "Risk att målet inte nås" ||
		!strings.HasPrefix(cells["previousComment"], august.Analysis) {
		t.Errorf("November, revised goal: %q", cells)
	}
}

// mb runs the binary on the Sorsele config and fails on any exit status
// but 0.
func mb(t *testing.T, args ...string) {
	t.Helper()
	runOn(t, sorsele, args...)
}

// checkHistory compares every goal's reviews in the register with the
// sample answers of each round, and checks the revision's links.
func checkHistory(t *testing.T, reg *domain.Register, want map[string]map[string]domain.Review) {
	if !slices.Equal(reg.Rounds, []string{domain.PlanRound, "april", "augusti"}) {
		t.Errorf("rounds %v", reg.Rounds)
	}
	goals := map[string]domain.TeamGoal{}
	for _, u := range reg.Units {
		var sourced []string
		for _, p := range u.Sources {
			sourced = append(sourced, p.Round)
		}
		if !slices.Equal(sourced, reg.Rounds) {
			t.Errorf("%s: sources of rounds %v", u.Unit, sourced)
		}
		for _, tg := range u.Teams {
			for _, g := range tg.Goals {
				goals[g.ID] = g
			}
		}
	}
	changed := 0
	for id, g := range goals {
		if id == revision {
			continue
		}
		var rounds []string
		for _, round := range []string{"april", "augusti"} {
			w, ok := want[round][id]
			if !ok {
				continue
			}
			rounds = append(rounds, round)
			r, _ := g.Review(round)
			if !reflect.DeepEqual(r, w) {
				t.Errorf("%s %s: review %+v, want %+v", id, round, r, w)
			}
		}
		var have []string
		for _, r := range g.Reviews {
			have = append(have, r.Round)
		}
		if !slices.Equal(have, rounds) {
			t.Errorf("%s: reviews of %v, want %v", id, have, rounds)
		}
		if want["april"][id].Status != want["augusti"][id].Status {
			changed++
		}
	}
	if changed == 0 {
		t.Error("no goal changed status between April and August")
	}

	old, rev := goals[revisedGoal], goals[revision]
	w := want["augusti"][revisedGoal].Revised
	if w == nil {
		t.Fatalf("the sample answers revise no goal %s", revisedGoal)
	}
	if old.ReplacedIn != "augusti" || old.Replaces != "" {
		t.Errorf("old goal: replacedIn %q replaces %q", old.ReplacedIn, old.Replaces)
	}
	if rev.Replaces != revisedGoal || rev.ReplacedIn != "" || rev.Slot != old.Slot ||
		rev.What != w.What || rev.How != w.How || rev.FollowUp != w.FollowUp ||
		rev.UnitGoal != old.UnitGoal || len(rev.Reviews) != 0 {
		t.Errorf("revision %+v", rev)
	}
	n := 0
	for _, g := range goals {
		if g.Replaces != "" || g.ReplacedIn != "" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d goals take part in revisions, want the old one and its revision", n)
	}
}

// checkPreviousRound reads the generated August workbook of the revised
// goal's team: April's status and analysis stand beside the open follow-up.
func checkPreviousRound(t *testing.T, org *domain.Organisation, dir string, april domain.Review) {
	cells := goalColumn(t, org, dir, revisedGoal)
	if cells["previousStatus"] != "Risk att målet inte nås" || !strings.HasPrefix(cells["previousComment"], april.Analysis) {
		t.Errorf("previous round: status %q comment %q", cells["previousStatus"], cells["previousComment"])
	}
	if cells["status"] != "" {
		t.Errorf("status pre-filled: %q", cells["status"])
	}
}

// goalColumn returns the cells of a goal's column on its team's sheet in
// the generated workbook below dir, by the row's field key.
func goalColumn(t *testing.T, org *domain.Organisation, dir, goal string) map[string]string {
	t.Helper()
	team, slot, _ := strings.Cut(goal, "/")
	var name, unit string
	for _, tm := range org.Teams {
		if tm.ID == team {
			name, unit = tm.Name, tm.Unit
		}
	}
	u, _ := org.Unit(unit)
	paths, _ := filepath.Glob(filepath.Join(dir, "*", u.Name+" – *.xlsx"))
	if len(paths) != 1 {
		t.Fatalf("workbook of %s: %v", u.Name, paths)
	}
	f, err := excelize.OpenFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(name)
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.Atoi(slot)
	if err != nil {
		t.Fatal(err)
	}
	col := 1 + n // 0: A key, 1: B label, 2: C slot 1, …
	cells := map[string]string{}
	for _, r := range rows {
		if len(r) > col {
			cells[r[0]] = r[col]
		}
	}
	return cells
}

// checkReport builds the report's tree from the final register and checks
// its follow-up chapter against the sample answers.
func checkReport(t *testing.T, org *domain.Organisation, reg *domain.Register, april, august map[string]domain.Review, augustUnits map[string]domain.UnitReview) {
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	l := cat.Localizer(domain.Swedish)
	doc, err := report.Build(t.Context(), org, reg, report.Options{Date: domain.NewDate(2027, time.September, 10)}, l)
	if err != nil {
		t.Fatal(err)
	}

	kind := func(rs map[string]domain.Review, id string) domain.StatusKind {
		if r, ok := rs[id]; ok {
			return domain.StatusKind(r.Status) // the default scale: ids are kinds
		}
		return domain.StatusNotAssessed
	}
	var atRisk []string
	before, now := map[domain.StatusKind]int{}, map[domain.StatusKind]int{}
	changed := 0
	for id := range august {
		if kind(august, id).NeedsAnalysis() {
			atRisk = append(atRisk, id)
		}
		before[kind(april, id)]++
		now[kind(august, id)]++
		if kind(april, id) != kind(august, id) {
			changed++
		}
	}

	// Goals at risk: one card per goal at risk or not reached in August,
	// with its analysis and correction.
	var cards []document.KeyValues
	for _, b := range section(t, doc, l.T("ReportHeadingAtRisk", nil)) {
		if kv, ok := b.(document.KeyValues); ok {
			cards = append(cards, kv)
		}
	}
	unitsAtRisk := 0 // unit goals have their cards too
	for _, r := range augustUnits {
		if domain.StatusKind(r.Status).NeedsAnalysis() {
			unitsAtRisk++
		}
	}
	if len(cards) != len(atRisk)+unitsAtRisk || len(cards) == 0 {
		t.Errorf("%d goals at risk in the report, want %d team goals and %d unit goals", len(cards), len(atRisk), unitsAtRisk)
	}
	analysis := l.T("ReportKeyAnalysis", nil)
	for _, id := range atRisk {
		found := false
		for _, c := range cards {
			for _, it := range c.Items {
				found = found || it.Key == analysis && it.Value == august[id].Analysis
			}
		}
		if !found {
			t.Errorf("goal at risk %s: no card with its analysis", id)
		}
	}

	// The change since April: counts per status and the goals that moved.
	change := section(t, doc, l.T("ReportHeadingChange", map[string]any{"Round": "Uppföljning april"}))
	var tables []document.Table
	for _, b := range change {
		if tb, ok := b.(document.Table); ok {
			tables = append(tables, tb)
		}
	}
	if len(tables) != 2 {
		t.Fatalf("change since April: %d tables, want counts and changed goals", len(tables))
	}
	for i, k := range domain.StatusKinds {
		row := tables[0].Rows[i].Cells
		if row[1] != strconv.Itoa(before[k]) || row[2] != strconv.Itoa(now[k]) {
			t.Errorf("%s: April %s August %s, want %d and %d", k, row[1], row[2], before[k], now[k])
		}
	}
	if len(tables[1].Rows) != changed || changed == 0 {
		t.Errorf("%d goals changed status in the report, want %d", len(tables[1].Rows), changed)
	}

	// The history of revised goals: the one revision, in August.
	var history []document.Row
	for _, b := range section(t, doc, l.T("ReportHeadingRevised", nil)) {
		if tb, ok := b.(document.Table); ok {
			history = append(history, tb.Rows...)
		}
	}
	w := august[revisedGoal].Revised
	if len(history) != 1 || history[0].Cells[2] != w.What || history[0].Cells[3] != "Uppföljning augusti" {
		t.Errorf("revision history %+v", history)
	}
}

// section returns the blocks under the heading with text, up to the next
// heading of the same or a higher level.
func section(t *testing.T, doc *document.Document, text string) []document.Block {
	t.Helper()
	blocks, ok := reporttest.Section(doc, text)
	if !ok {
		t.Fatalf("no heading %q in the report", text)
	}
	return blocks
}
