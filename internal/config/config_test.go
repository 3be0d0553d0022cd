package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
)

// base is a small valid config; cases edit it with strings.Replace.
const base = `organisation:
  name: Testkommun
  period: "2027"
  deadline: 2027-02-26
  hr:
    name: Test Person
    email: hr@test.example
vision: En vision.
overallGoal: Ett mål.
values:
  - name: Mod
    behaviours: [att ta ansvar]
departments:
  - id: skola
    name: Skolan
    goals:
      - Hög kvalitet.
units:
  - id: bjorken
    name: Björken
    department: skola
    manager:
      name: Chef Ett
      email: chef@test.example
teams:
  - name: Lag 1
    unit: bjorken
criteria:
  - id: ansvar
    name: Ansvar
    description: Tar ansvar.
    value: mod
`

func TestParseValid(t *testing.T) {
	org, fs := Parse("o.yaml", []byte(base))
	if org == nil || len(fs) != 0 {
		t.Fatalf("valid config: org=%v findings=%v", org, fs)
	}
	if got := org.Teams[0].ID; got != "bjorken-lag-1" {
		t.Errorf("derived team id = %q, want bjorken-lag-1", got)
	}
	if got := org.Departments[0].Goals[0].ID; got != "skola-1" {
		t.Errorf("derived department goal id = %q, want skola-1", got)
	}
	if org.PeriodStart != domain.NewDate(2027, 1, 1) || org.PeriodEnd != domain.NewDate(2027, 12, 31) {
		t.Errorf("period from year: %v–%v", org.PeriodStart, org.PeriodEnd)
	}
	if len(org.Rounds) != 1 || org.Rounds[0].ID != domain.PlanRound || org.Rounds[0].Deadline.String() != "2027-02-26" {
		t.Errorf("default round: %+v", org.Rounds)
	}
	if org.Rules != domain.DefaultRules() || len(org.Statuses) != 6 || len(org.CriterionLevels) != 3 {
		t.Errorf("defaults not applied: %+v %v %v", org.Rules, org.Statuses, org.CriterionLevels)
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name      string
		from, to  string
		code      string
		messageID string
		line, col int
	}{
		{"unknown key with suggestion", "  period: \"2027\"\n", "  period: \"2027\"\n  perod: x\n", CodeUnknownKey, "ConfigUnknownKeySuggest", 4, 3},
		{"unknown key far from any", "vision:", "zzzzzzzzzz: 1\nvision:", CodeUnknownKey, "ConfigUnknownKey", 8, 1},
		{"duplicate key", "    name: Björken\n", "    name: Björken\n    name: Björk\n", CodeDuplicateKey, "ConfigDuplicateKey", 21, 5},
		{"wrong type list", "behaviours: [att ta ansvar]", "behaviours: {a: b}", CodeWrongType, "ConfigWantList", 12, 17},
		{"wrong type text", "vision: En vision.", "vision: [a, b]", CodeWrongType, "ConfigWantText", 8, 9},
		{"missing field", "    description: Tar ansvar.\n", "", CodeMissingField, "ConfigMissingField", 29, 5},
		{"duplicate id", "  - name: Lag 1\n    unit: bjorken\n", "  - id: bjorken\n    name: Lag 1\n    unit: bjorken\n", CodeDuplicateID, "ConfigDuplicateID", 26, 9},
		{"dangling unit", "    unit: bjorken\n", "    unit: bjorkan\n", CodeUnknownRef, "ConfigUnknownUnitSuggest", 27, 11},
		{"dangling department", "    department: skola\n", "    department: vard\n", CodeUnknownRef, "ConfigUnknownDepartment", 21, 17},
		{"dangling value", "    value: mod\n", "    value: glädje\n", CodeUnknownRef, "ConfigUnknownValue", 32, 12},
		{"bad e-mail", "chef@test.example", "chef at test", CodeBadEmail, "ConfigBadEmail", 24, 14},
		{"bad date", "2027-02-26", "2027-02-30", CodeBadDate, "ConfigBadDate", 4, 13},
		{"bad language", "  period: \"2027\"\n", "  period: \"2027\"\n  language: fi\n", CodeBadLanguage, "ConfigBadLanguage", 4, 13},
		{"bad id", "  - id: skola\n", "  - id: Skola!\n", CodeBadID, "ConfigBadID", 14, 9},
		{"bad number", "criteria:", "rules:\n  maxTeamGoals: tre\ncriteria:", CodeBadNumber, "ConfigBadNumber", 29, 17},
		{"too many preset goals", "    department: skola\n", "    department: skola\n    goals:\n      - text: A\n      - text: B\n", CodeTooManyGoals, "ConfigTooManyUnitGoals", 23, 7},
		{"preset goal of another department", "    department: skola\n", "    department: skola\n    goals:\n      - text: A\n        departmentGoal: vard-1\n", CodeUnknownRef, "ConfigUnknownDepartmentGoal", 24, 25},
		{"period order", "  period: \"2027\"\n", "  period: \"2027\"\n  periodStart: 2027-12-01\n  periodEnd: 2027-01-01\n", CodePeriodOrder, "ConfigPeriodOrder", 5, 14},
		{"code too long", "    name: Skolan\n", "    name: Skolan\n    code: " + strings.Repeat("9", 41) + "\n", CodeBadCode, "ConfigBadCode", 16, 11},
		{"code twice", "    unit: bjorken\n", "    unit: bjorken\n    code: \"42\"\n  - name: Lag 2\n    unit: bjorken\n    code: 42\n", CodeDuplicateCode, "ConfigDuplicateCode", 31, 11},
		{"levels count", "    value: mod\n", "    value: mod\n    levels: [a, b]\n", CodeLevelsCount, "ConfigLevelsCount", 33, 13},
		{"bad colour", "  period: \"2027\"\n", "  period: \"2027\"\n  colour: blå\n", CodeBadColour, "ConfigBadColour", 4, 11},
		{"unknown document key", "vision:", "document:\n  owner: HR\n  vesion: 1\nvision:", CodeUnknownKey, "ConfigUnknownKeySuggest", 10, 3},
		{"decision without date", "vision:", "document:\n  decided: {by: kommunstyrelsen}\nvision:", CodeMissingField, "ConfigMissingField", 9, 12},
		{"bad decision date", "vision:", "document:\n  decided: {by: KS, date: 2027-13-01}\nvision:", CodeBadDate, "ConfigBadDate", 9, 27},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(base, tt.from, tt.to, 1)
			if src == base {
				t.Fatalf("replacement %q not found", tt.from)
			}
			if tt.name == "too many preset goals" {
				src = strings.Replace(src, "criteria:", "rules:\n  maxUnitGoals: 1\ncriteria:", 1)
			}
			org, fs := Parse("o.yaml", []byte(src))
			if org != nil {
				t.Fatalf("want no organisation on error")
			}
			f := find(fs, tt.code)
			if f == nil {
				t.Fatalf("no finding %s in %v", tt.code, fs)
			}
			if f.MessageID != tt.messageID || f.Location.Line != tt.line || f.Location.Column != tt.col {
				t.Errorf("got %s at %d:%d, want %s at %d:%d", f.MessageID, f.Location.Line, f.Location.Column, tt.messageID, tt.line, tt.col)
			}
		})
	}
}

// TestParseDocument reads the report's identity: the organisation's
// document fields, a round's own over them, and the colour.
func TestParseDocument(t *testing.T) {
	src := strings.Replace(base, "vision:", `document:
  owner: HR-avdelningen
  recordNumber: KS 2027/0012
  version: "1.0"
vision:`, 1)
	src = strings.Replace(src, "  period: \"2027\"\n", "  period: \"2027\"\n  colour: \"#1F4E79\"\n", 1)
	src = strings.Replace(src, "  deadline: 2027-02-26\n", "", 1) + `rounds:
  - id: plan
    name: Planering
    deadline: 2027-02-26
    document:
      title: Verksamhetsplan med mål 2027
      decided: {by: kommunstyrelsen, date: 2027-01-20, paragraph: "§ 12"}
  - id: april
    name: Uppföljning april
    deadline: 2027-04-30
    document: {recordNumber: KS 2027/0040}
`
	org, fs := Parse("o.yaml", []byte(src))
	if org == nil {
		t.Fatalf("findings: %v", fs)
	}
	if org.Colour != "#1F4E79" {
		t.Errorf("colour = %q", org.Colour)
	}
	plan := org.DocumentFor("plan")
	want := domain.DocumentInfo{Title: "Verksamhetsplan med mål 2027", RecordNumber: "KS 2027/0012", Owner: "HR-avdelningen", Version: "1.0",
		Decided: &domain.Decision{By: "kommunstyrelsen", Date: domain.NewDate(2027, 1, 20), Paragraph: "§ 12"}}
	if plan.Title != want.Title || plan.RecordNumber != want.RecordNumber || plan.Owner != want.Owner || plan.Version != want.Version ||
		plan.Decided == nil || *plan.Decided != *want.Decided {
		t.Errorf("plan's document = %+v, want %+v", plan, want)
	}
	if april := org.DocumentFor("april"); april.RecordNumber != "KS 2027/0040" || april.Owner != "HR-avdelningen" || april.Decided != nil || april.Title != "" {
		t.Errorf("april's document = %+v", april)
	}
}

func TestParseFileShapes(t *testing.T) {
	tests := []struct {
		name string
		src  string
		code string // "" means valid
	}{
		{"BOM", "\xef\xbb\xbf" + base, ""},
		{"CRLF", strings.ReplaceAll(base, "\n", "\r\n"), ""},
		{"empty", "", CodeEmpty},
		{"only comments", "# nothing\n---\n", CodeEmpty},
		{"tab indentation", strings.Replace(base, "  name: Testkommun", "\tname: Testkommun", 1), CodeTabIndent},
		{"several documents", base + "---\nvision: x\n", CodeSeveralDocs},
		{"syntax error", base + "units: [\n", CodeSyntax},
		{"not UTF-8", strings.Replace(base, "Björken", "Bj\xf6rken", 1), CodeNotUTF8},
		{"root is a list", "- a\n- b\n", CodeWrongType},
		{"alias bomb", bomb(), CodeTooComplex},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org, fs := Parse("o.yaml", []byte(tt.src))
			if tt.code == "" {
				if org == nil {
					t.Fatalf("want valid, got %v", fs)
				}
				return
			}
			if find(fs, tt.code) == nil {
				t.Fatalf("want %s, got %v", tt.code, fs)
			}
			for _, f := range fs {
				if f.Location.File != "o.yaml" {
					t.Errorf("finding without file: %+v", f)
				}
			}
		})
	}
}

// TestIDsStayStrings checks that YAML's number and boolean forms are kept
// as written: 0123 is not octal 83, no is not false.
func TestIDsStayStrings(t *testing.T) {
	src := strings.Replace(base, "  - id: bjorken\n", "  - id: \"0123\"\n", 1)
	src = strings.Replace(src, "    unit: bjorken\n", "    unit: 0123\n", 1)
	src = strings.Replace(src, "  - id: ansvar\n", "  - id: no\n", 1)
	org, fs := Parse("o.yaml", []byte(src))
	if org == nil {
		t.Fatal(fs)
	}
	if org.Units[0].ID != "0123" || org.Teams[0].Unit != "0123" || org.Criteria[0].ID != "no" {
		t.Errorf("ids changed: %q %q %q", org.Units[0].ID, org.Teams[0].Unit, org.Criteria[0].ID)
	}
}

// TestCodes reads the optional HR codes of each level; the same code at
// two levels is allowed, since HR systems number each level apart.
func TestCodes(t *testing.T) {
	src := strings.Replace(base, "    name: Skolan\n", "    name: Skolan\n    code: 0042\n", 1)
	src = strings.Replace(src, "    name: Björken\n", "    name: Björken\n    code: \"0042\"\n", 1)
	src = strings.Replace(src, "    unit: bjorken\n", "    unit: bjorken\n    code: K 17/3\n", 1)
	org, fs := Parse("o.yaml", []byte(src))
	if org == nil {
		t.Fatal(fs)
	}
	if org.Departments[0].Code != "0042" || org.Units[0].Code != "0042" || org.Teams[0].Code != "K 17/3" {
		t.Errorf("codes: %q %q %q", org.Departments[0].Code, org.Units[0].Code, org.Teams[0].Code)
	}
}

func TestLoadNotFound(t *testing.T) {
	_, fs, err := Load(filepath.Join(t.TempDir(), "missing.yaml"))
	if err != nil || len(fs) != 1 || fs[0].MessageID != "ConfigNotFound" {
		t.Fatalf("got %v %v", fs, err)
	}
}

func TestExamplesAreValid(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*/organisation*.yaml")
	if len(files) < 3 {
		t.Fatalf("found only %v", files)
	}
	for _, f := range files {
		org, fs, err := Load(f)
		if err != nil || org == nil || fs.Count(domain.SeverityWarning) > 0 {
			t.Errorf("%s: %v %v", f, fs, err)
		}
	}
}

func find(fs domain.Findings, code string) *domain.Finding {
	for i := range fs {
		if fs[i].Code == code {
			return &fs[i]
		}
	}
	return nil
}

// bomb returns a small file whose aliases expand to about a million
// nodes: a long goal list repeated under many departments.
func bomb() string {
	var b strings.Builder
	b.WriteString("departments:\n  - {id: d0, name: n, goals: &g [" + strings.Repeat("x, ", 999) + "x]}\n")
	for i := 1; i < 1000; i++ {
		fmt.Fprintf(&b, "  - {id: d%d, name: n, goals: *g}\n", i)
	}
	return b.String()
}

func TestMain(m *testing.M) { os.Exit(m.Run()) }

// TestStatusLabelGlyphs checks that check warns, at the label, about a
// status label the report's typeface cannot draw; the config stays valid.
func TestStatusLabelGlyphs(t *testing.T) {
	src := base + "statuses:\n  - {id: klart, label: \"✓ Klart\", kind: achieved}\n  - {id: pagar, label: Pågår, kind: on-track}\n"
	org, fs := Parse("o.yaml", []byte(src))
	if org == nil {
		t.Fatalf("findings: %v", fs)
	}
	f := find(fs, CodeLabelGlyphs)
	if f == nil || len(fs) != 1 {
		t.Fatalf("findings %v, want one %s", fs, CodeLabelGlyphs)
	}
	if f.Severity != domain.SeverityWarning || f.Location.Line != 34 || f.Location.Column != 24 || f.Data["Runes"] != "✓ (U+2713)" {
		t.Errorf("got %+v", f)
	}
}

func TestFormerIDs(t *testing.T) {
	unit := "  - id: bjorken\n"
	team := "  - name: Lag 1\n"
	good := strings.Replace(base, unit, unit+"    formerIds: [gamla-bjorken, fritidsgarden]\n", 1)
	org, fs := Parse("o.yaml", []byte(good))
	if org == nil || fs.HasErrors() {
		t.Fatalf("findings %v", fs)
	}
	if u, ok := org.CurrentUnit("fritidsgarden"); !ok || u.ID != "bjorken" {
		t.Errorf("CurrentUnit(fritidsgarden) = %+v, %v", u, ok)
	}
	for name, cfg := range map[string]string{
		"former id is current": strings.Replace(base, unit, unit+"    formerIds: [bjorken]\n", 1),
		"former id twice":      strings.Replace(strings.Replace(base, unit, unit+"    formerIds: [x]\n", 1), team, team+"    formerIds: [x]\n", 1),
		"former id not an id":  strings.Replace(base, unit, unit+"    formerIds: [Gamla Björken]\n", 1),
	} {
		_, fs := Parse("o.yaml", []byte(cfg))
		if !fs.HasErrors() {
			t.Errorf("%s: no error in %v", name, fs)
		}
	}
}

// TestTextLengths checks that texts too long for a workbook cell or the
// report are refused with their place: a 1 MB one-word vision (which took
// report a minute), texts over Excel's 32,767 characters (which made
// generate fail after check passed), a name over MaxName, and a value's
// behaviours that share one cell. A 90-character name is fine.
func TestTextLengths(t *testing.T) {
	long := func(n int) string { return strings.Repeat("å", n) }
	var many []string
	for range 10 {
		many = append(many, long(3500))
	}
	tests := []struct {
		name, old, new string
		line           int // of the finding; 0: no finding
	}{
		{"90-character name", "name: Björken", "name: " + long(90), 0},
		{"4,000-character vision", "vision: En vision.", "vision: " + long(MaxText), 0},
		{"1 MB vision", "vision: En vision.", "vision: " + strings.Repeat("x", 1<<20), 8},
		{"unit name over the limit", "name: Björken", "name: " + long(MaxName+1), 20},
		{"department goal over a cell", "- Hög kvalitet.", "- " + long(MaxCellText+1), 17},
		{"behaviours over a cell", "behaviours: [att ta ansvar]", "behaviours: [" + strings.Join(many, ", ") + "]", 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(base, tt.old, tt.new, 1)
			_, fs := Parse("o.yaml", []byte(src))
			var got []domain.Finding
			for _, f := range fs {
				if f.Code == CodeTooLong {
					got = append(got, f)
				}
			}
			switch {
			case tt.line == 0 && len(got) != 0:
				t.Fatalf("refused: %v", got)
			case tt.line != 0 && (len(got) != 1 || got[0].Location.Line != tt.line):
				t.Fatalf("findings %v, want one %s on line %d", fs, CodeTooLong, tt.line)
			}
		})
	}
}
