package register

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
)

func testOrg() *domain.Organisation {
	return &domain.Organisation{
		ID: "sorsele", Period: "2027",
		Departments: []domain.Department{{ID: "skola", Goals: []domain.DepartmentGoal{{ID: "skola-1"}}}},
		Units: []domain.Unit{
			{ID: "norra", Department: "skola"},
			{ID: "centralskolan", Department: "skola"},
			{ID: "hemtjanst", Department: "vard"},
		},
		Teams: []domain.Team{
			{ID: "ak1-3", Unit: "centralskolan"}, {ID: "ak4-6", Unit: "centralskolan"},
			{ID: "lag-a", Unit: "norra"},
		},
		Statuses: domain.DefaultStatuses(),
		Rounds:   []domain.Round{{ID: "plan"}, {ID: "april"}, {ID: "november"}},
	}
}

var readAt = time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)

func plan(unit, sha string, teams ...string) Accepted {
	s := &domain.Submission{Identity: domain.Identity{TemplateVersion: "1", Organisation: "sorsele", Period: "2027",
		Round: "plan", Scope: domain.ScopeUnit, Unit: unit, Teams: teams},
		UnitGoals: []domain.UnitGoal{{ID: "e1", Text: "Läsa mer", DepartmentGoal: "skola-1",
			Cells: domain.Cells{domain.FieldText: {Sheet: "Enhet", Ref: "B5"}}}},
		Criteria: []domain.CriterionNote{{Criterion: "ansvar", Meaning: "Tar ansvar för lässtunden"}},
	}
	for _, t := range teams {
		s.Teams = append(s.Teams, domain.TeamGoals{Team: t, Goals: []domain.TeamGoal{
			{Slot: 1, What: "Läsa 20 minuter om dagen", How: "Lässtund", UnitGoal: "e1",
				FollowUp: domain.FollowUpPlan{Method: "Logg", When: domain.NewDate(2027, 4, 1), Who: "Rektor"}},
			{Slot: 2, What: "Skriva berättelser", How: "Skrivverkstad", UnitGoal: "e1"},
		}})
	}
	return Accepted{Submission: s, Source: domain.Provenance{File: unit + ".xlsx", SHA256: sha, ReadAt: readAt}}
}

func followUpRound(unit, round, sha string, status string, revised *domain.RevisedGoal, teams ...string) Accepted {
	a := plan(unit, sha, teams...)
	a.Submission.Identity.Round = round
	for i := range a.Submission.Teams {
		for j := range a.Submission.Teams[i].Goals {
			g := &a.Submission.Teams[i].Goals[j]
			g.ID = domain.TeamGoalID(a.Submission.Teams[i].Team, g.Slot)
			g.Reviews = []domain.Review{{Round: round, Status: status, Analysis: "Går bra"}}
		}
	}
	if revised != nil {
		a.Submission.Teams[0].Goals[0].Reviews[0].Revised = revised
	}
	a.Source.File = unit + "-" + round + ".xlsx"
	return a
}

func mustMerge(t *testing.T, reg *domain.Register, subs []Accepted, opts MergeOptions) *Result {
	t.Helper()
	res, err := Merge(reg, testOrg(), subs, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func encode(t *testing.T, reg *domain.Register) []byte {
	t.Helper()
	b, err := Encode(reg)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestMergePlan(t *testing.T) {
	reg := New(testOrg())
	bad := plan("norra", "bbbb", "lag-a")
	bad.Findings = domain.Findings{{Code: "MB0213", Severity: domain.SeverityError}}
	res := mustMerge(t, reg, []Accepted{plan("centralskolan", "aaaa", "ak4-6", "ak1-3"), bad, {Source: domain.Provenance{File: "trasig.xlsx", SHA256: "cccc"}}},
		MergeOptions{Round: "plan"})
	if len(reg.Units) != 1 || reg.Units[0].Unit != "centralskolan" || reg.Units[0].Department != "skola" {
		t.Fatalf("units %+v", reg.Units)
	}
	u := reg.Units[0]
	if u.Teams[0].Team != "ak1-3" || u.Teams[1].Team != "ak4-6" {
		t.Errorf("teams not in config order: %s, %s", u.Teams[0].Team, u.Teams[1].Team)
	}
	if u.Teams[0].Goals[0].ID != "ak1-3/1" || u.Goals[0].Cells != nil {
		t.Errorf("goal ID %q, cells %v", u.Teams[0].Goals[0].ID, u.Goals[0].Cells)
	}
	if len(res.Rejected) != 2 || len(reg.Rejected) != 2 || reg.Rejected[0].File != "norra.xlsx" || reg.Rejected[0].Errors != 1 {
		t.Errorf("rejected %+v", reg.Rejected)
	}
	if want := []string{"norra", "hemtjanst"}; strings.Join(res.Missing, ",") != strings.Join(want, ",") {
		t.Errorf("missing %v, want %v", res.Missing, want)
	}
	if reg.Rounds[0] != "plan" || u.Sources[0].Round != "plan" || u.Sources[0].Unit != "centralskolan" {
		t.Errorf("rounds %v, sources %+v", reg.Rounds, u.Sources)
	}
}

func TestMergeIncludeInvalid(t *testing.T) {
	reg := New(testOrg())
	bad := plan("norra", "bbbb", "lag-a")
	bad.Findings = domain.Findings{{Code: "MB0213", Severity: domain.SeverityError}}
	mustMerge(t, reg, []Accepted{bad}, MergeOptions{Round: "plan", IncludeInvalid: true})
	if len(reg.Units) != 1 || !reg.Units[0].Invalid || reg.Units[0].Sources[0].Errors != 1 || len(reg.Rejected) != 0 {
		t.Fatalf("want the record kept and marked invalid: %+v, rejected %+v", reg.Units, reg.Rejected)
	}
}

func TestMergeDuplicates(t *testing.T) {
	saved := func(a Accepted, t time.Time) Accepted {
		a.Submission.Saved = t
		return a
	}
	march, april := time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC), time.Date(2027, 4, 1, 10, 0, 0, 0, time.UTC)
	// The corrected version deleted a goal: fewer answers, saved later.
	first := saved(plan("centralskolan", "0000", "ak1-3", "ak4-6"), march)
	corrected := saved(plan("centralskolan", "ffff", "ak1-3"), april)
	invalid := saved(plan("centralskolan", "0001", "ak1-3", "ak4-6"), april)
	invalid.Findings = domain.Findings{{Severity: domain.SeverityError}}
	tests := []struct {
		name string
		subs []Accepted
		want string // SHA-256 kept
		// ordered: the kept one depends on the order given.
		ordered bool
	}{
		{"valid beats invalid", []Accepted{invalid, saved(plan("centralskolan", "ffff", "ak1-3"), march)}, "ffff", false},
		{"the one saved last wins", []Accepted{corrected, first}, "ffff", false},
		{"saved later beats saved never", []Accepted{plan("centralskolan", "0000", "ak1-3"), corrected}, "ffff", false},
		{"the one given last decides a tie", []Accepted{plan("centralskolan", "ffff", "ak1-3"), plan("centralskolan", "eeee", "ak1-3")}, "eeee", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i, order := range [][]Accepted{tt.subs, {tt.subs[1], tt.subs[0]}} {
				want := tt.want
				if tt.ordered && i == 1 {
					want = order[1].Source.SHA256
				}
				reg := New(testOrg())
				res := mustMerge(t, reg, order, MergeOptions{Round: "plan", IncludeInvalid: true})
				if got := reg.Units[0].Sources[0].SHA256; got != want {
					t.Errorf("kept %s, want %s", got, want)
				}
				if len(res.Duplicates) != 1 || res.Duplicates[0].Kept.SHA256 != want {
					t.Errorf("duplicates %+v", res.Duplicates)
				}
			}
		})
	}
}

func TestMergeFollowUpKeepsHistory(t *testing.T) {
	reg := New(testOrg())
	mustMerge(t, reg, []Accepted{plan("centralskolan", "aaaa", "ak1-3", "ak4-6")}, MergeOptions{Round: "plan"})
	rv := &domain.RevisedGoal{What: "Läsa 30 minuter", How: "Högläsning", FollowUp: domain.FollowUpPlan{Method: "Logg", Who: "Rektor"}}
	mustMerge(t, reg, []Accepted{followUpRound("centralskolan", "april", "bbbb", "at-risk", rv, "ak1-3", "ak4-6")}, MergeOptions{Round: "april"})
	mustMerge(t, reg, []Accepted{followUpRound("centralskolan", "november", "cccc", "achieved", nil, "ak1-3", "ak4-6")}, MergeOptions{Round: "november"})

	if strings.Join(reg.Rounds, ",") != "plan,april,november" {
		t.Fatalf("rounds %v", reg.Rounds)
	}
	gs := reg.Units[0].Teams[0].Goals
	ids := []string{}
	for _, g := range gs {
		ids = append(ids, g.ID)
	}
	if strings.Join(ids, ",") != "ak1-3/1,ak1-3/1r1,ak1-3/2" {
		t.Fatalf("goals %v", ids)
	}
	old, rev := gs[0], gs[1]
	if old.ReplacedIn != "april" || rev.Replaces != "ak1-3/1" || rev.What != "Läsa 30 minuter" || rev.UnitGoal != "e1" {
		t.Errorf("revision links: old %+v, new %+v", old, rev)
	}
	if len(old.Reviews) != 2 || old.Reviews[0].Round != "april" || old.Reviews[0].Status != "at-risk" || old.Reviews[1].Status != "achieved" {
		t.Errorf("history of the old goal: %+v", old.Reviews)
	}
	if n := len(reg.Units[0].Sources); n != 3 {
		t.Errorf("sources %d, want one per round", n)
	}
	if _, err := Merge(reg, testOrg(), nil, MergeOptions{Round: "april"}); !errors.Is(err, ErrRoundOrder) {
		t.Errorf("collecting an earlier round: %v, want ErrRoundOrder", err)
	}
}

func TestMergeIdempotent(t *testing.T) {
	rv := &domain.RevisedGoal{What: "Läsa 30 minuter", How: "Högläsning"}
	batches := []struct {
		round string
		subs  []Accepted
	}{
		{"plan", []Accepted{plan("centralskolan", "aaaa", "ak1-3", "ak4-6"), plan("norra", "dddd", "lag-a")}},
		{"april", []Accepted{followUpRound("centralskolan", "april", "bbbb", "at-risk", rv, "ak1-3", "ak4-6"), {Source: domain.Provenance{File: "x.xlsx", SHA256: "eeee"}}}},
	}
	reg := New(testOrg())
	for _, b := range batches {
		mustMerge(t, reg, b.subs, MergeOptions{Round: b.round})
		first := encode(t, reg)
		// Again, later, with the files in another order: nothing changes.
		later := append([]Accepted{}, b.subs...)
		for i := range later {
			later[i].Source.ReadAt = readAt.Add(48 * time.Hour)
		}
		later[0], later[len(later)-1] = later[len(later)-1], later[0]
		mustMerge(t, reg, later, MergeOptions{Round: b.round})
		if again := encode(t, reg); !bytes.Equal(first, again) {
			t.Fatalf("round %s: second collection differs:\n%s\n---\n%s", b.round, first, again)
		}
		// And from scratch, the same files give the same register.
	}
	fresh := New(testOrg())
	for _, b := range batches {
		mustMerge(t, fresh, b.subs, MergeOptions{Round: b.round})
	}
	if !bytes.Equal(encode(t, fresh), encode(t, reg)) {
		t.Fatal("collecting from scratch gives another register")
	}
}

func TestMergeRefusesOtherOrganisation(t *testing.T) {
	reg := New(testOrg())
	reg.Period = "2026"
	if _, err := Merge(reg, testOrg(), nil, MergeOptions{Round: "plan"}); !errors.Is(err, ErrOtherOrganisation) {
		t.Fatalf("got %v, want ErrOtherOrganisation", err)
	}
	if _, err := Merge(New(testOrg()), testOrg(), nil, MergeOptions{Round: "maj"}); !errors.Is(err, ErrUnknownRound) {
		t.Fatalf("got %v, want ErrUnknownRound", err)
	}
}

func TestMergeTeamWorkbooks(t *testing.T) {
	reg := New(testOrg())
	mustMerge(t, reg, []Accepted{plan("centralskolan", "aaaa", "ak1-3", "ak4-6")}, MergeOptions{Round: "plan"})
	team := plan("centralskolan", "bbbb", "ak4-6")
	team.Submission.Identity.Scope = domain.ScopeTeam
	team.Submission.Teams[0].Goals = team.Submission.Teams[0].Goals[:1]
	mustMerge(t, reg, []Accepted{team}, MergeOptions{Round: "plan"})
	u := reg.Units[0]
	if len(u.Teams) != 2 || len(u.Teams[0].Goals) != 2 || len(u.Teams[1].Goals) != 1 {
		t.Fatalf("a team workbook must replace only its team: %+v", u.Teams)
	}
	if len(u.Sources) != 2 || u.Sources[1].Team != "ak4-6" {
		t.Fatalf("sources %+v", u.Sources)
	}
}

func TestRoundTrip(t *testing.T) {
	reg := New(testOrg())
	mustMerge(t, reg, []Accepted{plan("centralskolan", "aaaa", "ak1-3", "ak4-6")}, MergeOptions{Round: "plan"})
	mustMerge(t, reg, []Accepted{followUpRound("centralskolan", "april", "bbbb", "at-risk",
		&domain.RevisedGoal{What: "Ny <formulering> & mer", How: "Så"}, "ak1-3", "ak4-6")}, MergeOptions{Round: "april"})
	path := filepath.Join(t.TempDir(), "register.json")
	if err := Write(path, reg, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := encode(t, reg), encode(t, got); !bytes.Equal(a, b) {
		t.Fatalf("round trip differs:\n%s\n---\n%s", a, b)
	}
	data, _ := os.ReadFile(path)
	if !bytes.Contains(data, []byte(`"schemaVersion": 1`)) || !bytes.Contains(data, []byte("<formulering> &")) {
		t.Errorf("register lacks the version or escapes text:\n%s", data)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, data string
		is         error
		want       string
	}{
		{"bad json", "{\n  \"schemaVersion\": 1,\n  \"units\": [}\n", nil, "r.json:3:13:"},
		{"wrong type", "{\n  \"schemaVersion\": 1,\n  \"organisation\": 5\n}", nil, "r.json:3:"},
		{"truncated", "{\"schemaVersion\": 1,", nil, "r.json:1:"},
		{"no version", `{"organisation": "x"}`, ErrSchemaVersion, "no schemaVersion"},
		{"newer version", `{"schemaVersion": 2}`, ErrSchemaVersion, "version 2"},
		{"unknown field", `{"schemaVersion": 1, "organisation": "x", "extra": 1}`, nil, "extra"},
		{"no organisation", `{"schemaVersion": 1}`, ErrInvalid, "no-organisation"},
		{"unit twice", `{"schemaVersion": 1, "organisation": "x", "units": [{"unit": "a"}, {"unit": "a"}]}`, ErrInvalid, "repeated-unit \"a\""},
		{"round twice", `{"schemaVersion": 1, "organisation": "x", "rounds": ["plan", "plan"]}`, ErrInvalid, "repeated-round"},
		{"trailing data", `{"schemaVersion": 1, "organisation": "x"} {}`, nil, "r.json:1:43: invalid character '{' after top-level value"},
		{"bad date", `{"schemaVersion": 1, "organisation": "x", "units": [{"unit": "a", "teams": [{"team": "t", "goals": [{"followUp": {"when": "2027-02-30"}}]}]}]}`, nil, "2027-02-30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.data), "r.json")
			if err == nil {
				t.Fatal("no error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "r.json") {
				t.Errorf("error %q, want it to name the file and contain %q", err, tt.want)
			}
		})
	}
}

// TestReadRefuses covers the registers that are refused before their
// content is looked at: bytes that are not UTF-8 (the JSON decoder would
// turn them into U+FFFD and the next write would keep that), a file over
// MaxSize, and what is not a regular file.
func TestReadRefuses(t *testing.T) {
	dir := t.TempDir()
	latin1 := filepath.Join(dir, "latin1.json")
	os.WriteFile(latin1, []byte("{\n  \"schemaVersion\": 1,\n  \"organisation\": \"G\xe4llivare\"\n}\n"), 0o644)
	var enc *EncodingError
	if _, err := Read(latin1); !errors.As(err, &enc) || enc.Line != 3 || enc.Column != 21 {
		t.Errorf("Latin-1 register: %v, want an EncodingError at 3:21", err)
	}

	big := filepath.Join(dir, "big.json")
	fh, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: the size is what counts, not the bytes.
	if err := fh.Truncate(MaxSize + 1); err != nil {
		t.Fatal(err)
	}
	fh.Close()
	var tooLarge *TooLargeError
	if _, err := Read(big); !errors.As(err, &tooLarge) || tooLarge.Size != MaxSize+1 {
		t.Errorf("register over MaxSize: %v, want a TooLargeError", err)
	}

	if _, err := Read(dir); !errors.Is(err, atomicfile.ErrNotRegular) {
		t.Errorf("a folder as register: %v, want ErrNotRegular", err)
	}
}

// TestReadFor checks a register against the config: another organisation
// or period, and units or rounds the config lacks, are refused with the
// value; a rejected workbook may name anything.
func TestReadFor(t *testing.T) {
	org := testOrg()
	long := strings.Repeat("x", 100_000)
	tests := []struct {
		name    string
		change  func(*domain.Register)
		problem Problem // "" for an OtherError
		value   string
		ok      bool
	}{
		{"fits", func(r *domain.Register) {
			r.Rounds = []string{"plan"}
			r.Units = []domain.UnitRecord{{Unit: "norra"}}
			r.Rejected = []domain.Provenance{{Unit: long}}
		}, "", "", true},
		{"other period", func(r *domain.Register) { r.Period = "2026" }, "", "", false},
		{"other organisation", func(r *domain.Register) { r.Organisation = long }, "", "", false},
		{"unknown round", func(r *domain.Register) { r.Rounds = []string{"plan", "maj"} }, ProblemUnknownRound, "maj", false},
		{"unknown unit", func(r *domain.Register) { r.Units = []domain.UnitRecord{{Unit: long}} }, ProblemUnknownUnit, long, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "r.json")
			reg := New(org)
			tt.change(reg)
			if err := Write(path, reg, atomicfile.Options{}); err != nil {
				t.Fatal(err)
			}
			_, err := ReadFor(path, org)
			var inv *InvalidError
			var other *OtherError
			switch {
			case tt.ok:
				if err != nil {
					t.Fatal(err)
				}
			case tt.problem == "":
				if !errors.As(err, &other) || !errors.Is(err, ErrOtherOrganisation) {
					t.Fatalf("%v, want an OtherError", err)
				}
			default:
				if !errors.As(err, &inv) || inv.Problem != tt.problem || inv.Value != tt.value || !errors.Is(err, ErrInvalid) {
					t.Fatalf("%v, want an InvalidError %s", err, tt.problem)
				}
			}
			if err != nil && len(err.Error()) > 200 {
				t.Errorf("the error quotes more than an excerpt: %d characters", len(err.Error()))
			}
		})
	}
}

func TestLineCol(t *testing.T) {
	data := []byte("ab\nåäö\nx")
	for _, tt := range []struct {
		off       int64
		line, col int
	}{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {9, 2, 4}, {10, 3, 1}, {99, 3, 2}} {
		if l, c := lineCol(data, tt.off); l != tt.line || c != tt.col {
			t.Errorf("lineCol(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}

func FuzzReadRegister(f *testing.F) {
	reg := New(testOrg())
	if _, err := Merge(reg, testOrg(), []Accepted{plan("centralskolan", "aaaa", "ak1-3")}, MergeOptions{Round: "plan"}); err != nil {
		f.Fatal(err)
	}
	seed, _ := Encode(reg)
	f.Add(seed)
	f.Add([]byte(`{"schemaVersion": 1, "organisation": "x"}`))
	f.Add([]byte(`{"schemaVersion": 2}`))
	f.Add([]byte(`[]`))
	// The collect command's golden register: a planning and a follow-up
	// round with a revision.
	if b, err := os.ReadFile("../cli/collect/testdata/register.json"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		reg, err := Decode(data, "f.json")
		if err != nil {
			return
		}
		// Whatever was accepted must write and read back to the same bytes.
		a, err := Encode(reg)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Decode(a, "f.json")
		if err != nil {
			t.Fatalf("re-reading a written register: %v\n%s", err, a)
		}
		if b, _ := Encode(again); !bytes.Equal(a, b) {
			t.Fatalf("not stable:\n%s\n---\n%s", a, b)
		}
	})
}

// TestMergeCriteriaHistory: what a follow-up round changes in the
// criteria becomes the current note, the earlier one is kept with the
// round that replaced it, an emptied own criterion is kept there too, and
// collecting the round again, or without changes, adds nothing.
func TestMergeCriteriaHistory(t *testing.T) {
	reg := New(testOrg())
	p := plan("norra", "p1", "lag-a")
	p.Submission.Criteria = append(p.Submission.Criteria, domain.CriterionNote{Own: 1, Name: "Eget", Meaning: "Som planerat", Value: "mod"})
	mustMerge(t, reg, []Accepted{p}, MergeOptions{Round: "plan"})
	rec, _ := reg.Unit("norra")
	if len(rec.Criteria) != 2 || rec.Criteria[0].Round != "plan" || rec.Criteria[1].Own != 1 {
		t.Fatalf("plan criteria %+v", rec.Criteria)
	}

	unchanged := followUpRound("norra", "april", "a0", "on-track", nil, "lag-a")
	unchanged.Submission.Criteria = append([]domain.CriterionNote(nil), p.Submission.Criteria...)
	mustMerge(t, reg, []Accepted{unchanged}, MergeOptions{Round: "april"})
	rec, _ = reg.Unit("norra")
	if len(rec.EarlierCriteria) != 0 || rec.Criteria[0].Round != "plan" {
		t.Fatalf("an unchanged note became a new version: %+v %+v", rec.Criteria, rec.EarlierCriteria)
	}

	changed := followUpRound("norra", "april", "a1", "on-track", nil, "lag-a")
	changed.Submission.Criteria = []domain.CriterionNote{{Criterion: "ansvar", Meaning: "Tar ansvar även för utflykterna"}}
	for range 2 { // the second time, as collecting the same round again
		mustMerge(t, reg, []Accepted{changed}, MergeOptions{Round: "april"})
		rec, _ = reg.Unit("norra")
		if len(rec.Criteria) != 1 || rec.Criteria[0].Meaning != "Tar ansvar även för utflykterna" || rec.Criteria[0].Round != "april" {
			t.Fatalf("current criteria %+v", rec.Criteria)
		}
		if len(rec.EarlierCriteria) != 2 || rec.EarlierCriteria[0].Meaning != "Tar ansvar för lässtunden" ||
			rec.EarlierCriteria[0].ReplacedIn != "april" || rec.EarlierCriteria[1].Name != "Eget" || rec.EarlierCriteria[1].ReplacedIn != "april" {
			t.Fatalf("earlier criteria %+v", rec.EarlierCriteria)
		}
	}

	mustMerge(t, reg, []Accepted{unchanged}, MergeOptions{Round: "april"})
	rec, _ = reg.Unit("norra")
	if len(rec.EarlierCriteria) != 0 || len(rec.Criteria) != 2 || rec.Criteria[0].Round != "plan" {
		t.Fatalf("collecting april again did not undo its changes: %+v %+v", rec.Criteria, rec.EarlierCriteria)
	}
}

// TestMergeUnitGoalFollowUp: unit goals are followed up like team goals:
// a review per round, a revised goal of its own that replaces the old one
// and keeps what the revision leaves as it was, the same again when a
// round is collected twice.
func TestMergeUnitGoalFollowUp(t *testing.T) {
	reg := New(testOrg())
	p := plan("norra", "p1", "lag-a")
	p.Submission.UnitGoals[0].Indicator, p.Submission.UnitGoals[0].Target = "Utlånade böcker", "500"
	mustMerge(t, reg, []Accepted{p}, MergeOptions{Round: "plan"})

	april := followUpRound("norra", "april", "a1", "on-track", nil, "lag-a")
	april.Submission.UnitGoals[0].Reviews = []domain.UnitReview{{Round: "april", Status: "at-risk", Analysis: "Biblioteket stängt",
		Revised: &domain.UnitGoal{Text: "Läsa mer i alla åldrar", Target: "400"}}}
	for range 2 {
		mustMerge(t, reg, []Accepted{april}, MergeOptions{Round: "april"})
		rec, _ := reg.Unit("norra")
		if len(rec.Goals) != 2 {
			t.Fatalf("unit goals %+v", rec.Goals)
		}
		old, cur := rec.Goals[0], rec.Goals[1]
		if old.ID != "e1" || old.ReplacedIn != "april" || len(old.Reviews) != 1 || old.Reviews[0].Status != "at-risk" {
			t.Errorf("replaced goal %+v", old)
		}
		if cur.ID != "e1r1" || cur.Replaces != "e1" || cur.Text != "Läsa mer i alla åldrar" || cur.Target != "400" ||
			cur.Indicator != "Utlånade böcker" || cur.DepartmentGoal != "skola-1" || len(cur.Reviews) != 0 {
			t.Errorf("revised goal %+v", cur)
		}
	}

	nov := followUpRound("norra", "november", "n1", "on-track", nil, "lag-a")
	nov.Submission.UnitGoals = []domain.UnitGoal{{ID: "e1r1", Reviews: []domain.UnitReview{{Round: "november", Status: "achieved", Current: "430"}}}}
	mustMerge(t, reg, []Accepted{nov}, MergeOptions{Round: "november"})
	rec, _ := reg.Unit("norra")
	if r, ok := rec.Goals[1].Review("november"); !ok || r.Current != "430" {
		t.Errorf("review of the revised goal %+v", rec.Goals[1])
	}
	if _, ok := rec.Goals[0].Review("november"); ok {
		t.Error("the replaced goal got a review")
	}
}

// TestWriteAsEncode checks that the register written a unit at a time
// has Encode's bytes, for none, one and several units.
func TestWriteAsEncode(t *testing.T) {
	reg := &domain.Register{SchemaVersion: domain.RegisterSchemaVersion, Organisation: "o", Period: "2027", Rounds: []string{"plan"},
		Rejected: []domain.Provenance{{File: "x <&> y.xlsx"}}}
	for _, id := range []string{"a", "b", "c"} {
		reg.Units = append(reg.Units, domain.UnitRecord{Unit: id, Goals: []domain.UnitGoal{{ID: id + "-1", Text: "Mål <1> & \"mer\""}},
			Teams: []domain.TeamGoals{{Team: id + "-lag"}}})
	}
	for _, n := range []int{0, 1, 3, -1} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			r := *reg
			if n < 0 {
				n, r.Rejected = 3, nil // units the last list written
			}
			r.Units = reg.Units[:n]
			want, err := Encode(&r)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "register.json")
			if err := Write(path, &r, atomicfile.Options{}); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("written\n%s\nwant\n%s", got, want)
			}
		})
	}
}
