package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func localizer(t testing.TB, lang domain.Lang) *i18n.Localizer {
	t.Helper()
	cat, err := reporttest.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	return cat.Localizer(lang)
}

// build builds the tree and fails the test on an error.
func build(t testing.TB, org *domain.Organisation, reg *domain.Register, opts report.Options, l *i18n.Localizer) *document.Document {
	t.Helper()
	doc, err := report.Build(t.Context(), org, reg, opts, l)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestBuildSnapshot compares the document tree with golden JSON: the
// planning round and the August follow-up (status changes, one revised
// goal), in Swedish and English.
func TestBuildSnapshot(t *testing.T) {
	tests := []struct {
		name  string
		lang  domain.Lang
		round string
	}{
		{"plan.sv", domain.Swedish, reporttest.RoundPlan},
		{"plan.en", domain.English, reporttest.RoundPlan},
		{"april.sv", domain.Swedish, reporttest.RoundApril},
		{"augusti.sv", domain.Swedish, ""},
		{"augusti.en", domain.English, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := report.Options{Date: domain.NewDate(2027, 9, 10), Round: tc.round, Findings: report.FindingsOf(reporttest.Findings())}
			doc := build(t, reporttest.Organisation(), reporttest.Register(), opts, localizer(t, tc.lang))
			got, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", tc.name+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("tree differs from %s; run go test -update and review the diff", path)
			}
			if bytes.Contains(got, []byte(`"!Report`)) {
				t.Errorf("a message is missing from the catalogue")
			}
		})
	}
}

// TestBuildFollowUp checks the follow-up parts by meaning, so that a
// snapshot update cannot silently lose them.
func TestBuildFollowUp(t *testing.T) {
	doc := build(t, reporttest.Organisation(), reporttest.Register(), report.Options{Date: domain.NewDate(2027, 9, 10)}, localizer(t, domain.Swedish))
	text := flatten(doc)
	for _, want := range []string{
		"Uppföljning augusti: målens läge",
		"Förändring sedan Uppföljning april",
		"Mål i riskzonen",
		"Under sommaren saknades frivilliga", // analysis of the goal at risk
		"Reviderade mål",
		"Vi minskar antalet olika personal hos varje brukare.", // original goal
		"Semesterschemat läggs så att varje brukare möter högst fyra vikarier under sommaren.", // its revision
		"Förskolan Björken (Skola)", // a missing unit
	} {
		if !strings.Contains(text, want) {
			t.Errorf("tree lacks %q", want)
		}
	}
	plan := flatten(build(t, reporttest.Organisation(), reporttest.Register(), report.Options{Round: reporttest.RoundPlan}, localizer(t, domain.Swedish)))
	for _, absent := range []string{"Mål i riskzonen", "Semesterschemat läggs"} {
		if strings.Contains(plan, absent) {
			t.Errorf("planning report shows %q", absent)
		}
	}
}

// TestBuildEveryGoal checks that every goal text of the register is in
// the tree.
func TestBuildEveryGoal(t *testing.T) {
	reg := reporttest.Register()
	text := flatten(build(t, reporttest.Organisation(), reg, report.Options{}, localizer(t, domain.English)))
	for _, u := range reg.Units {
		for _, g := range u.Goals {
			if !strings.Contains(text, g.Text) {
				t.Errorf("unit goal %q missing", g.Text)
			}
		}
		for _, tg := range u.Teams {
			for _, g := range tg.Goals {
				if !strings.Contains(text, g.What) {
					t.Errorf("team goal %q missing", g.What)
				}
			}
		}
	}
}

// TestCatalogueComplete checks that sv and en have the same messages.
func TestCatalogueComplete(t *testing.T) {
	cat, err := reporttest.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]map[string]bool{}
	for _, f := range cat.Files() {
		if !strings.HasPrefix(f.Path, "report.") {
			continue
		}
		set := map[string]bool{}
		for _, m := range f.Messages {
			set[m.ID] = true
			if m.Other == "" {
				t.Errorf("%s: %s has no text", f.Path, m.ID)
			}
		}
		ids[f.Tag.String()] = set
	}
	for id := range ids["sv"] {
		if !ids["en"][id] {
			t.Errorf("%s missing in English", id)
		}
	}
	for id := range ids["en"] {
		if !ids["sv"][id] {
			t.Errorf("%s missing in Swedish", id)
		}
	}
}

func flatten(doc *document.Document) string {
	data, _ := json.Marshal(doc)
	var v any
	_ = json.Unmarshal(data, &v)
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			b.WriteString(v)
			b.WriteByte('\n')
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return b.String()
}

// TestBuildFindingsByUnit checks that the appendix sums up each unit's
// findings in words, in the organisation's order: a workbook validate
// named the unit of, or that the register knows by path or, where unique,
// by base name; files of no known unit last. No file name and no code
// reaches the page.
func TestBuildFindingsByUnit(t *testing.T) {
	at := func(file, msg string, sev domain.Severity) domain.Finding {
		return domain.Finding{Code: "MB0214", Severity: sev, Location: domain.Location{File: file, Sheet: "Lag", Cell: "D9"}, MessageID: msg, Data: map[string]any{"Team": "Lag"}}
	}
	fs := &report.Findings{Files: []report.FindingsFile{
		{File: "inkorg/okand.xlsx", Findings: domain.Findings{at("inkorg/okand.xlsx", "FindingWorkbookUnreadable", domain.SeverityError)}},
		{File: "annan-mapp/fastighet-plan.xlsx", Findings: domain.Findings{at("annan-mapp/fastighet-plan.xlsx", "FindingGoalNoIndicator", domain.SeverityWarning)}},
		{File: "hemtjansten-plan.xlsx", Findings: domain.Findings{
			at("hemtjansten-plan.xlsx", "FindingGoalMissingFollowUp", domain.SeverityError),
			at("hemtjansten-plan.xlsx", "FindingGoalMissingFollowUp", domain.SeverityError),
			at("hemtjansten-plan.xlsx", "FindingGoalMissingFollowUp", domain.SeverityError),
			at("hemtjansten-plan.xlsx", "FindingSkippedLockFile", domain.SeverityInfo),
		}},
		// Validate knew this one's unit; the register does not know the file.
		{File: "ny/bjorken.xlsx", Unit: "forskolan-bjorken", Findings: domain.Findings{at("ny/bjorken.xlsx", "FindingTeamNoGoals", domain.SeverityError)}},
	}}
	doc := build(t, reporttest.Organisation(), reporttest.Register(), report.Options{Round: reporttest.RoundPlan, Findings: fs}, localizer(t, domain.Swedish))
	appendix, _ := reporttest.Section(doc, "Granskningen av arbetsböckerna")
	var rows [][]string
	for _, b := range appendix {
		if tb, ok := b.(document.Table); ok {
			for _, r := range tb.Rows {
				rows = append(rows, r.Cells)
			}
		}
	}
	want := [][]string{
		{"Hemtjänsten (Socialtjänst)", "• 3 mål saknar uppföljningsmetod.", ""},
		{"Förskolan Björken (Skola)", "• Ett arbetslag har inga mål.", ""},
		{"Fastighet (Teknisk verksamhet)", "", "• Ett mål saknar indikator och målvärde."},
		{"Arbetsböcker som inte kunde knytas till en enhet", "• Ett annat fel behöver rättas i arbetsboken.", ""},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("appendix rows\n%q\nwant\n%q", rows, want)
	}
	text := flattenBlocks(appendix)
	for _, leak := range []string{".xlsx", "MB0", "D9"} {
		if strings.Contains(text, leak) {
			t.Errorf("the appendix shows %q", leak)
		}
	}
}

func flattenBlocks(bs []document.Block) string {
	return flatten(&document.Document{Blocks: bs})
}
