package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"
	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	malarbete "github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/register"
)

// The end-to-end test of issues 12 and 14: workbooks filled by a writer
// that shares no code with the project (openpyxl, driven by
// testdata/fill_workbook.py), every unlocked cell of every visible sheet,
// round after round. Every book must validate without errors, and every
// typed text must reach the register at its place (or, typed outside the
// inputs, get a finding that names its cell).

// pythonWithOpenpyxl returns Debian's Python with python3-openpyxl, or
// skips the test.
func pythonWithOpenpyxl(t *testing.T) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import openpyxl").Run(); err != nil {
		t.Skipf("%s with openpyxl (python3-openpyxl) is not available: %v", py, err)
	}
	return py
}

// aYear is a config and how its year is run.
type aYear struct {
	name, config string
	// per is generate's --per ("" for the default, one per unit).
	per string
	// meetingStart is the local start of the last round's meeting, as an
	// iCalendar date-time; "" when the config has no meeting.
	meetingStart string
	// customScale: the report must not use the default status labels.
	customScale bool
}

// ownConfig is the organisation written for this test: units without
// teams, a custom status scale, names with / : ? [ ] " and Sámi letters,
// a 90-character unit name, four rounds with newGoals and a meeting.
const ownConfig = "testdata/e2e/organisation.yaml"

// TestIndependentWriter runs whole years with workbooks filled by openpyxl.
func TestIndependentWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("runs whole years with the real binary and openpyxl")
	}
	py := pythonWithOpenpyxl(t)
	for _, y := range []aYear{
		{name: "sorsele", config: sorsele, meetingStart: "20271119T080000"},
		{name: "example-town", config: "../../examples/example-town/organisation.yaml", meetingStart: "20271119T080000"},
		{name: "own", config: ownConfig, meetingStart: "20271119T130000", customScale: true},
		{name: "own per team", config: ownConfig, per: "team", meetingStart: "20271119T130000", customScale: true},
	} {
		t.Run(y.name, func(t *testing.T) { runYear(t, py, y) })
	}
}

// configCopy copies the config at src into dir and returns the copy's
// path: generate makes the signing key beside the config, and one beside a
// bundled example would be embedded in the binary.
func configCopy(t *testing.T, dir, src string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "organisation.yaml")
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// runYear generates, fills, validates and collects every round of the
// config, checks the register after each collect, and writes the report.
func runYear(t *testing.T, py string, y aYear) {
	org, _, err := config.Load(y.config)
	if err != nil || org == nil {
		t.Fatalf("config %s: %v", y.config, err)
	}
	root := t.TempDir()
	y.config = configCopy(t, root, y.config)
	reg := filepath.Join(root, "register.json")
	ck := newChecker(t, org)
	for i, r := range org.Rounds {
		gen, in := filepath.Join(root, r.ID, "utskick"), filepath.Join(root, r.ID, "inkommet")
		date := fmt.Sprintf("2027-%02d-01", 1+i*3)
		args := []string{"generate", "-o", gen, "--date", date}
		if i > 0 {
			args = append(args, "--round", r.ID, "--register", reg)
		}
		if y.per != "" {
			args = append(args, "--per", y.per)
		}
		runOn(t, y.config, args...)
		books := fillWithOpenpyxl(t, py, r.ID, gen, in)
		everyUnit(t, org, r.ID, gen, books, y.per)
		findings := validate(t, y.config, in, r.ID)
		runOn(t, y.config, "collect", in, "-o", reg, "--round", r.ID, "--date", fmt.Sprintf("2027-%02d-15", 1+i*3))
		got, err := register.Read(reg)
		if err != nil {
			t.Fatal(err)
		}
		ck.arrived(r.ID, gen, books, findings, got)
		if r.Meeting != nil {
			t.Run(r.ID+" invitation", func(t *testing.T) { checkInvitation(t, gen, y.meetingStart, r.Meeting.Place) })
		}
	}
	pdf := filepath.Join(root, "rapport.pdf")
	runOn(t, y.config, "report", "--register", reg, "-o", pdf, "--date", "2027-12-01")
	if y.customScale {
		t.Run("report speaks the config's scale", func(t *testing.T) { checkReportScale(t, org, pdf) })
	}
}

// runOn runs the binary on config and fails on any exit status but 0.
func runOn(t *testing.T, config string, args ...string) {
	t.Helper()
	cmd := command(t, append([]string{"-c", config, "--quiet"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("malarbete %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
}

// typedCell is a cell the script typed into.
type typedCell struct {
	Sheet string `json:"sheet"`
	Cell  string `json:"cell"`
	// Kind is text, date, choice or free (an unlocked cell without
	// validation).
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// filledBook is one workbook the script filled: its path below the
// folders, what it typed, and the cells it could not fill validly.
type filledBook struct {
	File     string      `json:"file"`
	Typed    []typedCell `json:"typed"`
	Problems []struct {
		Sheet   string `json:"sheet"`
		Cell    string `json:"cell"`
		Problem string `json:"problem"`
	} `json:"problems"`
}

// fillWithOpenpyxl fills every workbook below gen into in with the
// script; tag starts every text it types. A cell that can take no valid
// value is an error.
func fillWithOpenpyxl(t *testing.T, py, tag, gen, in string) []filledBook {
	t.Helper()
	typed := in + ".typed.json"
	if b, err := exec.Command(py, "testdata/fill_workbook.py", tag, gen, in, typed).CombinedOutput(); err != nil {
		t.Fatalf("fill_workbook.py: %v\n%s", err, b)
	}
	b, err := os.ReadFile(typed)
	if err != nil {
		t.Fatal(err)
	}
	var out struct{ Books []filledBook }
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Books) == 0 {
		t.Fatalf("no workbook below %s", gen)
	}
	for _, bk := range out.Books {
		for _, p := range bk.Problems {
			t.Errorf("%s › %s › %s: %s", bk.File, p.Sheet, p.Cell, p.Problem)
		}
	}
	return out.Books
}

// finding is a finding of validate --format json.
type finding struct {
	Code     string
	Severity string
	Location struct{ Sheet, Cell string }
	Message  string
}

// validate validates the round's workbooks below dir: none may have an
// error. It returns the findings of each workbook by its path below dir.
func validate(t *testing.T, config, dir, round string) map[string][]finding {
	t.Helper()
	cmd := command(t, "-c", config, "validate", dir, "--round", round, "--format", "json")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil && exitCode(err) != 1 {
		t.Fatalf("validate: %v\n%s", err, stderr.String())
	}
	var out struct {
		Files []struct {
			File     string
			Status   string
			Findings []finding
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("validate --format json: %v\n%s", err, stdout.String())
	}
	byFile := map[string][]finding{}
	for _, f := range out.Files {
		rel, err := filepath.Rel(dir, f.File)
		if err != nil {
			t.Fatal(err)
		}
		byFile[filepath.ToSlash(rel)] = f.Findings
		for _, x := range f.Findings {
			if x.Severity == "error" {
				t.Errorf("%s, round %s › %s › %s: %s %s", rel, round, x.Location.Sheet, x.Location.Cell, x.Code, x.Message)
			}
		}
	}
	return byFile
}

// checker checks that typed cells arrived in the register.
type checker struct {
	t   *testing.T
	org *domain.Organisation
	// columns are the field keys of the columns of the sheets whose goals
	// are rows, by layout sheet key (A first).
	columns map[string][]string
	// statusLabels gives the labels of each status id, in both languages.
	statusLabels map[string][]string
}

func newChecker(t *testing.T, org *domain.Organisation) *checker {
	ck := &checker{t: t, org: org, columns: map[string][]string{}, statusLabels: map[string][]string{}}
	b, err := fs.ReadFile(malarbete.Templates, "workbook.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var lay struct {
		Sheets []struct {
			Key         string
			Orientation string
			Columns     []struct{ Key string }
		}
	}
	if err := yaml.Unmarshal(b, &lay); err != nil {
		t.Fatal(err)
	}
	for _, s := range lay.Sheets {
		if s.Orientation == "rows" {
			for _, c := range s.Columns {
				ck.columns[s.Key] = append(ck.columns[s.Key], c.Key)
			}
		}
	}
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	// The default labels of the status kinds: the catalogue's messages.
	message := map[domain.StatusKind]string{
		domain.StatusNotStarted: "WorkbookStatusNotStarted", domain.StatusOnTrack: "WorkbookStatusOnTrack",
		domain.StatusAtRisk: "WorkbookStatusAtRisk", domain.StatusAchieved: "WorkbookStatusAchieved",
		domain.StatusNotAchieved: "WorkbookStatusNotAchieved", domain.StatusNotAssessed: "WorkbookStatusNotAssessed",
	}
	for _, s := range org.Statuses {
		if s.Label != "" {
			ck.statusLabels[s.ID] = []string{s.Label}
			continue
		}
		for _, lang := range domain.Langs {
			ck.statusLabels[s.ID] = append(ck.statusLabels[s.ID], cat.Localizer(lang).T(message[s.Kind], nil))
		}
	}
	return ck
}

// generated is what the checker reads of a generated workbook: its
// identity and the key column of each sheet.
type generated struct {
	id map[string]string
	// role maps a sheet name to its layout key ("unitGoals", "team:2").
	role map[string]string
	rows map[string][][]string
}

func readGenerated(t *testing.T, path string) *generated {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g := &generated{id: map[string]string{}, role: map[string]string{}, rows: map[string][][]string{}}
	rows, err := f.GetRows("_malarbete")
	if err != nil {
		t.Fatalf("%s: the identity sheet: %v", path, err)
	}
	for _, r := range rows {
		if len(r) >= 2 {
			g.id[r[0]] = r[1]
			if k, ok := strings.CutPrefix(r[0], "sheet:"); ok {
				g.role[r[1]] = k
			}
		}
	}
	for _, name := range f.GetSheetList() {
		if g.rows[name], err = f.GetRows(name); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

// cellAt returns the text of the generated cell at col, row (1-based).
func (g *generated) cellAt(sheet string, col, row int) string {
	rows := g.rows[sheet]
	if row > len(rows) || col > len(rows[row-1]) {
		return ""
	}
	return rows[row-1][col-1]
}

// rowOf returns the row whose key column (A) holds key.
func (g *generated) rowOf(sheet, key string) int {
	for i, r := range g.rows[sheet] {
		if len(r) > 0 && r[0] == key {
			return i + 1
		}
	}
	return 0
}

// place is where a typed cell belongs in the register.
type place struct {
	// what: "unit" for a unit goal, "team" for a team goal, "criterion",
	// or "" for a cell outside the inputs.
	what string
	team string
	// goal is the goal's id; for criteria the criterion's key.
	goal string
	// slot is the column of a goal on a sheet of goals as columns.
	slot int
	// key is the field's key as the workbook names it.
	key string
}

// placeOf says where a typed cell belongs, from the generated workbook.
func (ck *checker) placeOf(g *generated, c typedCell) place {
	col, row, err := excelize.CellNameToCoordinates(c.Cell)
	if err != nil {
		ck.t.Fatalf("cell %q: %v", c.Cell, err)
	}
	role := g.role[c.Sheet]
	key := g.cellAt(c.Sheet, 1, row)
	switch {
	case role == "unitGoals":
		cols := ck.columns["unitGoals"]
		if col > len(cols) || key == "" {
			return place{}
		}
		slot, _ := strconv.Atoi(key)
		id := g.id["goal:unit:"+key]
		if id == "" {
			id = domain.UnitGoalID(slot)
		}
		return place{what: "unit", goal: id, key: cols[col-1]}
	case role == "unitFollowUp":
		slot := col - 2
		id := g.id["goal:unit:"+strconv.Itoa(slot)]
		if id == "" {
			id = domain.UnitGoalID(slot)
		}
		return place{what: "unit", goal: id, slot: slot, key: key}
	case strings.HasPrefix(role, "team:"):
		n, _ := strconv.Atoi(strings.TrimPrefix(role, "team:"))
		teams := strings.Split(g.id["teams"], ",")
		if n < 1 || n > len(teams) {
			ck.t.Fatalf("sheet %s: team %d of %v", c.Sheet, n, teams)
		}
		slot := col - 2
		id := g.id["goal:"+strconv.Itoa(n)+":"+strconv.Itoa(slot)]
		if id == "" {
			id = domain.TeamGoalID(teams[n-1], slot)
		}
		return place{what: "team", team: teams[n-1], goal: id, slot: slot, key: key}
	case role == "criteria":
		cols := ck.columns["criteria"]
		if col > len(cols) || key == "" {
			return place{}
		}
		return place{what: "criterion", goal: key, key: cols[col-1]}
	}
	return place{}
}

// arrived checks every typed cell of the round against the register.
func (ck *checker) arrived(round, gen string, books []filledBook, findings map[string][]finding, reg *domain.Register) {
	t := ck.t
	t.Helper()
	n := 0
	for _, bk := range books {
		g := readGenerated(t, filepath.Join(gen, bk.File))
		unit := g.id["unit"]
		rec, ok := reg.Unit(unit)
		if !ok {
			t.Errorf("%s, round %s: unit %s is not in the register", bk.File, round, unit)
			continue
		}
		team := ""
		if g.id["scope"] == string(domain.ScopeTeam) {
			team = g.id["teams"]
		}
		if !slices.ContainsFunc(rec.Sources, func(p domain.Provenance) bool { return p.Round == round && p.Team == team }) {
			t.Errorf("%s: the register has no source of round %s for unit %s %s", bk.File, round, unit, team)
		}
		var lost []string
		for _, c := range bk.Typed {
			n++
			p := ck.placeOf(g, c)
			where := fmt.Sprintf("%s, round %s › %s › %s (%s %s)", bk.File, round, c.Sheet, c.Cell, p.what, p.key)
			if p.what == "" {
				if !slices.ContainsFunc(findings[bk.File], func(f finding) bool {
					return f.Location.Sheet == c.Sheet && f.Location.Cell == c.Cell
				}) {
					lost = append(lost, fmt.Sprintf("%s: %q was typed outside the inputs and has no finding", where, c.Value))
				}
				continue
			}
			if err := ck.stored(round, g, c, p, rec); err != nil {
				lost = append(lost, fmt.Sprintf("%s: %q: %v", where, c.Value, err))
			}
		}
		// The first few of a workbook in full, then how many more.
		const shown = 6
		for i, l := range lost {
			if i == shown {
				t.Errorf("%s, round %s: and %d more typed cells lost or misread", bk.File, round, len(lost)-shown)
				break
			}
			t.Error(l)
		}
	}
	if n == 0 {
		t.Errorf("round %s: nothing typed", round)
	}
	t.Logf("round %s: %d cells typed in %d workbooks", round, n, len(books))
}

// everyUnit checks that every unit of the config got a workbook of the
// round. With --per team a unit without teams gets none: generate says so
// on stderr (GenerateNoTeams), and it is missing from the round.
func everyUnit(t *testing.T, org *domain.Organisation, round, gen string, books []filledBook, per string) {
	t.Helper()
	got := map[string]bool{}
	for _, bk := range books {
		got[readGenerated(t, filepath.Join(gen, bk.File)).id["unit"]] = true
	}
	for _, u := range org.Units {
		switch {
		case got[u.ID]:
		case per == "team" && len(org.TeamsOf(u.ID)) == 0:
			t.Logf("round %s: %s has no teams and gets no workbook with --per team", round, u.ID)
		default:
			t.Errorf("round %s: no workbook for unit %s", round, u.ID)
		}
	}
}

// revised returns the field a revision key rewrites: "what" for
// "revisedWhat", "" for a key that is no revision.
func revised(key string) string {
	rest, ok := strings.CutPrefix(key, "revised")
	if !ok || rest == "" {
		return ""
	}
	return strings.ToLower(rest[:1]) + rest[1:]
}

// stored checks one typed cell at its place in the register.
func (ck *checker) stored(round string, g *generated, c typedCell, p place, rec *domain.UnitRecord) error {
	switch p.what {
	case "unit":
		if err := ck.shown(g, c.Sheet, p.slot, "text", textOf(rec.Goals, p.goal, unitGoalAccess)); err != nil {
			return err
		}
		return goalStored(ck, round, c, p, rec, rec.Goals, unitGoalAccess)
	case "team":
		goals := teamGoals(rec, p.team)
		if err := ck.shown(g, c.Sheet, p.slot, "what", textOf(goals, p.goal, teamGoalAccess)); err != nil {
			return err
		}
		return goalStored(ck, round, c, p, rec, goals, teamGoalAccess)
	case "criterion":
		for i := range rec.Criteria {
			n := &rec.Criteria[i]
			if n.Key() == p.goal {
				return ck.value(rec, p.key, criterionField(n, p.key), c)
			}
		}
		return fmt.Errorf("no criterion note %s in the register", p.goal)
	}
	return fmt.Errorf("no place")
}

// goalAccess reads a kind of goal the way the register's schema stores
// it (docs/register.md).
type goalAccess[G any] struct {
	id, replaces, text func(*G) string
	reviews            func(*G) []domain.GoalReview[G]
	// field returns the field of a workbook key, nil for another key.
	field func(*G, string) *string
}

var unitGoalAccess = goalAccess[domain.UnitGoal]{
	id:       func(g *domain.UnitGoal) string { return g.ID },
	replaces: func(g *domain.UnitGoal) string { return g.Replaces },
	text:     func(g *domain.UnitGoal) string { return g.Text },
	reviews:  func(g *domain.UnitGoal) []domain.UnitReview { return g.Reviews },
	field:    unitGoalField,
}

var teamGoalAccess = goalAccess[domain.TeamGoal]{
	id:       func(g *domain.TeamGoal) string { return g.ID },
	replaces: func(g *domain.TeamGoal) string { return g.Replaces },
	text:     func(g *domain.TeamGoal) string { return g.What },
	reviews:  func(g *domain.TeamGoal) []domain.Review { return g.Reviews },
	field:    teamGoalField,
}

// find returns the goal with id among goals, or nil.
func (a goalAccess[G]) find(goals []G, id string) *G {
	for i := range goals {
		if a.id(&goals[i]) == id {
			return &goals[i]
		}
	}
	return nil
}

// textOf returns the text of the goal with id, "" when there is none.
func textOf[G any](goals []G, id string, a goalAccess[G]) string {
	if g := a.find(goals, id); g != nil {
		return a.text(g)
	}
	return ""
}

// goalStored checks a typed cell of a goal: one of the goal's own fields,
// a field of its review of the round, or a field of its revision, which
// both the review and the new goal that replaces it must hold.
func goalStored[G any](ck *checker, round string, c typedCell, p place, rec *domain.UnitRecord, goals []G, a goalAccess[G]) error {
	goal := a.find(goals, p.goal)
	if goal == nil {
		return fmt.Errorf("no goal %s in the register", p.goal)
	}
	reviews := a.reviews(goal)
	i := slices.IndexFunc(reviews, func(r domain.GoalReview[G]) bool { return r.Round == round })
	if f := revised(p.key); f != "" {
		if i < 0 || reviews[i].Revised == nil {
			return fmt.Errorf("goal %s has no revision in round %s", p.goal, round)
		}
		if err := ck.value(rec, f, a.field(reviews[i].Revised, f), c); err != nil {
			return fmt.Errorf("the review's revised goal: %w", err)
		}
		next := slices.IndexFunc(goals, func(g G) bool { return a.replaces(&g) == p.goal })
		if next < 0 {
			return fmt.Errorf("no goal replaces %s", p.goal)
		}
		return ck.value(rec, f, a.field(&goals[next], f), c)
	}
	if v := reviewField(reviews, i, p.key); v != nil {
		if i < 0 {
			return fmt.Errorf("goal %s has no review in round %s", p.goal, round)
		}
		return ck.value(rec, p.key, v, c)
	}
	return ck.value(rec, p.key, a.field(goal, p.key), c)
}

// shown checks that the generated column of slot shows the goal the
// identity gives for it: its text in the row of key.
func (ck *checker) shown(g *generated, sheet string, slot int, key, text string) error {
	row := g.rowOf(sheet, key)
	if row == 0 {
		return nil
	}
	if got := g.cellAt(sheet, slot+2, row); got != "" && got != text {
		return fmt.Errorf("the column shows %q, the register's goal has %q", got, text)
	}
	return nil
}

func teamGoals(rec *domain.UnitRecord, team string) []domain.TeamGoal {
	for _, tg := range rec.Teams {
		if tg.Team == team {
			return tg.Goals
		}
	}
	return nil
}

// findAnyTeamGoal finds a team goal of the unit by id.
func findAnyTeamGoal(rec *domain.UnitRecord, id string) *domain.TeamGoal {
	for _, tg := range rec.Teams {
		if g := teamGoalAccess.find(tg.Goals, id); g != nil {
			return g
		}
	}
	return nil
}

// The fields as the register's schema stores them (docs/register.md),
// by the workbook's keys; nil for a key that is not the kind's.
func unitGoalField(g *domain.UnitGoal, key string) *string {
	switch key {
	case "text":
		return &g.Text
	case "departmentGoal":
		return &g.DepartmentGoal
	case "indicator":
		return &g.Indicator
	case "target":
		return &g.Target
	case "responsible":
		return &g.Responsible
	}
	return nil
}

func teamGoalField(g *domain.TeamGoal, key string) *string {
	switch key {
	case "what":
		return &g.What
	case "unitGoal":
		return &g.UnitGoal
	case "how":
		return &g.How
	case "followUpMethod":
		return &g.FollowUp.Method
	case "followUpWhen":
		s := g.FollowUp.When.String()
		return &s
	case "followUpWho":
		return &g.FollowUp.Who
	case "indicator":
		return &g.Indicator
	case "target":
		return &g.Target
	case "value":
		return &g.Value
	case "collaboration":
		return &g.Collaboration
	}
	return nil
}

func criterionField(n *domain.CriterionNote, key string) *string {
	switch key {
	case "name":
		return &n.Name
	case "description":
		return &n.Description
	case "value":
		return &n.Value
	case "meaning":
		return &n.Meaning
	case "teamGoal":
		return &n.TeamGoal
	}
	return nil
}

// reviewField returns the field of key of the i-th review (an empty one
// when i < 0), nil for a key that is no review field.
func reviewField[G any](rs []domain.GoalReview[G], i int, key string) *string {
	r := &domain.GoalReview[G]{}
	if i >= 0 {
		r = &rs[i]
	}
	switch key {
	case "status":
		return &r.Status
	case "current":
		return &r.Current
	case "analysis":
		return &r.Analysis
	case "correction":
		return &r.Correction
	}
	return nil
}

// value compares what the register holds for field key with what was
// typed: texts and dates as typed, choices and links as the id of the
// label picked.
func (ck *checker) value(rec *domain.UnitRecord, key string, got *string, c typedCell) error {
	if got == nil {
		return fmt.Errorf("the register has no field %q here", key)
	}
	switch c.Kind {
	case "text", "free", "date":
		if *got != c.Value {
			return fmt.Errorf("the register has %q", *got)
		}
		return nil
	case "choice":
		return ck.label(rec, key, *got, c.Value)
	}
	return fmt.Errorf("unknown kind %q", c.Kind)
}

// label checks that id is what label names in the list of field key.
func (ck *checker) label(rec *domain.UnitRecord, key, id, label string) error {
	if id == "" {
		return fmt.Errorf("the register has no choice")
	}
	bad := fmt.Errorf("the register has %q, which is not what the label names", id)
	switch key {
	case "value":
		if v, ok := ck.org.Value(id); !ok || v.Name != label {
			return bad
		}
	case "status":
		if !slices.Contains(ck.statusLabels[id], label) {
			return bad
		}
	case "departmentGoal":
		u, _ := ck.org.Unit(rec.Unit)
		d, _ := ck.org.Department(u.Department)
		i := slices.IndexFunc(d.Goals, func(g domain.DepartmentGoal) bool { return g.ID == id })
		if i < 0 || !strings.Contains(label, d.Goals[i].Text) {
			return bad
		}
	case "unitGoal":
		// The label quotes the goal's text as the workbook showed it; a
		// link may also name the revision of that goal.
		for g := unitGoalAccess.find(rec.Goals, id); g != nil; g = unitGoalAccess.find(rec.Goals, g.Replaces) {
			if strings.Contains(label, head(g.Text)) {
				return nil
			}
		}
		return bad
	case "teamGoal":
		for g := findAnyTeamGoal(rec, id); g != nil; g = findAnyTeamGoal(rec, g.Replaces) {
			if strings.Contains(label, head(g.What)) {
				return nil
			}
		}
		return bad
	default:
		return fmt.Errorf("a choice in field %q", key)
	}
	return nil
}

// head is the start of a goal's text that a drop-down label quotes.
func head(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		r = r[:60]
	}
	return string(r)
}

// checkInvitation: the round's generate wrote one .ics in its folder,
// with one event starting at the meeting's local time, at its place.
func checkInvitation(t *testing.T, dir, start, place string) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.ics"))
	if len(files) != 1 {
		all, _ := filepath.Glob(filepath.Join(dir, "*"))
		t.Fatalf("%d .ics files in the output folder, want 1; it holds %v", len(files), all)
	}
	f, err := os.Open(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cal, err := ical.ParseCalendar(f)
	if err != nil {
		t.Fatalf("%s: %v", files[0], err)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want 1", len(events))
	}
	if l := events[0].GetProperty(ical.ComponentPropertyLocation); place != "" && (l == nil || l.Value != place) {
		t.Errorf("LOCATION %v, want %q", l, place)
	}
	p := events[0].GetProperty(ical.ComponentPropertyDtStart)
	if p == nil {
		t.Fatal("the event has no DTSTART")
	}
	if tz := p.ICalParameters["TZID"]; len(tz) == 1 && tz[0] == "Europe/Stockholm" {
		if p.Value != start {
			t.Errorf("DTSTART %s in Europe/Stockholm, want %s", p.Value, start)
		}
		return
	}
	// In UTC: November is CET, an hour ahead of UTC.
	local, err := time.Parse("20060102T150405", start)
	if err != nil {
		t.Fatal(err)
	}
	if want := local.Add(-time.Hour).Format("20060102T150405Z"); p.Value != want {
		t.Errorf("DTSTART %s %v, want %s in Europe/Stockholm (%s)", p.Value, p.ICalParameters, start, want)
	}
}

// checkReportScale: a report of a config with its own status scale shows
// none of the default labels.
func checkReportScale(t *testing.T, org *domain.Organisation, pdf string) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, l := range []string{"Pågår enligt plan", "Bedömning saknas", "Risk att målet inte nås", "Ej påbörjat", "Uppnått", "Ej uppnått"} {
		if strings.Contains(text, l) {
			i := strings.Index(text, l)
			t.Errorf("the report says %q: …%s…", l, text[max(0, i-80):min(len(text), i+80)])
		}
	}
	for _, s := range org.Statuses {
		if !strings.Contains(text, s.Label) {
			t.Errorf("the report never names the status %q", s.Label)
		}
	}
}

// TestIndependentWriterLibreOffice: workbooks filled by openpyxl and then
// saved by LibreOffice still bring every typed text into the register, in
// planning and in a follow-up round.
func TestIndependentWriterLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice conversions are slow")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not on PATH")
	}
	py := pythonWithOpenpyxl(t)
	org, _, err := config.Load(ownConfig)
	if err != nil || org == nil {
		t.Fatalf("config: %v", err)
	}
	root := t.TempDir()
	own := configCopy(t, root, ownConfig)
	reg := filepath.Join(root, "register.json")
	ck := newChecker(t, org)
	for i, r := range org.Rounds[:2] {
		gen, filled, in := filepath.Join(root, r.ID, "utskick"), filepath.Join(root, r.ID, "ifyllt"), filepath.Join(root, r.ID, "inkommet")
		args := []string{"generate", "-o", gen, "--date", fmt.Sprintf("2027-%02d-01", 1+i*3)}
		if i > 0 {
			args = append(args, "--round", r.ID, "--register", reg)
		}
		runOn(t, own, args...)
		books := fillWithOpenpyxl(t, py, r.ID, gen, filled)
		resave(t, soffice, filled, in, books)
		saved := validate(t, own, in, r.ID)
		findings := map[string][]finding{}
		for _, bk := range books {
			findings[bk.File] = saved[filepath.Base(bk.File)]
		}
		runOn(t, own, "collect", in, "-o", reg, "--round", r.ID, "--date", fmt.Sprintf("2027-%02d-15", 1+i*3))
		got, err := register.Read(reg)
		if err != nil {
			t.Fatal(err)
		}
		ck.arrived(r.ID, gen, books, findings, got)
	}
}

// resave saves every filled workbook below src with LibreOffice into
// dst, in one run of soffice: the folders are flattened.
func resave(t *testing.T, soffice, src, dst string, books []filledBook) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(t.TempDir()), "--headless",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dst}
	seen := map[string]bool{}
	for _, bk := range books {
		if seen[filepath.Base(bk.File)] {
			t.Fatalf("two workbooks named %s", filepath.Base(bk.File))
		}
		seen[filepath.Base(bk.File)] = true
		args = append(args, filepath.Join(src, bk.File))
	}
	if b, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for name := range seen {
		if _, err := os.Stat(filepath.Join(dst, name)); err != nil {
			t.Fatalf("soffice did not save %s: %v", name, err)
		}
	}
}
