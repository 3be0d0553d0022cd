package fieldtest

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"

	malarbete "github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/rules"
	"github.com/malarbete/malarbete/internal/workbook"
)

const orgYAML = `organisation:
  name: Ársasjávrre kommun
  period: "2027"
  deadline: 2027-02-26
  hr: {name: HR, email: hr@example.org}
vision: Ett gott liv för alla.
overallGoal: Vi samverkar för invånarnas bästa.
values:
  - {id: mod, name: Mod, behaviours: [att ta ansvar]}
departments:
  - id: skola
    name: Skolan
    goals: [Alla elever når målen.]
units:
  - id: bjorken
    name: Förskolan Björken
    department: skola
    manager: {name: Anna, email: anna@example.org}
teams:
  - {id: bjorken-lag, name: "Lag [1]: små / stora", unit: bjorken}
`

// template returns the embedded workbook template with edit applied.
func template(t *testing.T, edit func(string) string) fs.FS {
	t.Helper()
	data, err := fs.ReadFile(malarbete.Templates, workbook.LayoutFile)
	if err != nil {
		t.Fatal(err)
	}
	out := edit(string(data))
	if out == string(data) {
		t.Fatal("the edit changed nothing in the template")
	}
	return fstest.MapFS{workbook.LayoutFile: {Data: []byte(out)}}
}

const (
	collaborationRow = "      - {key: collaboration, height: 30}\n"
	revisedRow       = "      - {key: revisedCollaboration, height: 30}\n"
)

// withoutCollaboration is the template without Samverkan and its row of
// a revised goal.
func withoutCollaboration(s string) string {
	return strings.Replace(strings.Replace(s, collaborationRow, "", 1), revisedRow, "", 1)
}

func TestTemplateKeyWithoutField(t *testing.T) {
	fsys := template(t, func(s string) string {
		return strings.Replace(s, collaborationRow, collaborationRow+"      - {key: mood, height: 20}\n", 1)
	})
	_, err := workbook.LoadLayout(fsys, workbook.LayoutFile)
	if err == nil || !strings.Contains(err.Error(), `key "mood" is no field of the teamGoal form`) {
		t.Fatalf("LoadLayout = %v, want it to refuse the key mood", err)
	}
}

func TestFieldWithoutPlace(t *testing.T) {
	fsys := template(t, withoutCollaboration)
	_, err := workbook.LoadLayout(fsys, workbook.LayoutFile)
	if err == nil || !strings.Contains(err.Error(), `field "collaboration" of section "plan" has no place`) {
		t.Fatalf("LoadLayout = %v, want it to refuse a field without a place", err)
	}
}

// TestFieldNeedsNoCodeOfItsOwn takes Samverkan (collaboration) out of the
// team goal's table and template, and sees it never written, read or
// stored; then adds it as a new field would be added, to the table and
// the template only, and sees it written, read back, checked, merged,
// summarised and reported.
func TestFieldNeedsNoCodeOfItsOwn(t *testing.T) {
	org := loadOrg(t)
	typed := "Samverkan med biblioteket och Sámi giellaguovddáš"

	saved := domain.TeamGoalFields
	t.Cleanup(func() { domain.TeamGoalFields = saved })
	var without domain.Fields[domain.TeamGoal]
	for _, f := range saved {
		if f.Key != domain.FieldCollaboration {
			without = append(without, f)
		}
	}

	domain.TeamGoalFields = without
	lay := layout(t, template(t, withoutCollaboration))
	sub := cycle(t, org, lay, typed)
	if got := sub.Teams[0].Goals[0].Collaboration; got != "" {
		t.Fatalf("without the field, the reader read %q", got)
	}

	domain.TeamGoalFields = saved
	lay = layout(t, fstest.MapFS{workbook.LayoutFile: {Data: mustRead(t, malarbete.Templates, workbook.LayoutFile)}})
	sub = cycle(t, org, lay, typed)
	g := sub.Teams[0].Goals[0]
	if g.Collaboration != typed {
		t.Fatalf("read back %q, want %q", g.Collaboration, typed)
	}
	at := g.Cells[domain.FieldCollaboration]
	if at.Ref == "" {
		t.Fatal("the reader placed no cell for the field")
	}

	// Checked: a text over the limit is reported at its cell.
	long := *sub
	long.Teams = []domain.TeamGoals{{Team: sub.Teams[0].Team, Goals: []domain.TeamGoal{g}}}
	long.Teams[0].Goals[0].Collaboration = strings.Repeat("x", domain.DefaultTextLimit+1)
	found := false
	for _, f := range rules.Check("b.xlsx", &long, org, rules.Options{}) {
		if f.Code == rules.TextTooLong.Code && f.Location.Cell == at.Ref {
			found = true
		}
	}
	if !found {
		t.Errorf("no %s at %s", rules.TextTooLong.Code, at.Ref)
	}

	// Merged into the register.
	reg := register.New(org)
	if _, err := register.Merge(reg, org, []register.Accepted{{Submission: sub, Source: domain.Provenance{File: "b.xlsx", SHA256: "00"}}}, register.MergeOptions{Round: domain.PlanRound}); err != nil {
		t.Fatal(err)
	}
	rec, _ := reg.Unit("bjorken")
	if got := rec.Teams[0].Goals[0].Collaboration; got != typed {
		t.Fatalf("register holds %q", got)
	}

	// Summarised, under the field's label.
	cat, err := workbook.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	l := cat.Localizer(domain.Swedish)
	var buf bytes.Buffer
	if err := workbook.WriteSummary(&buf, reg, org, l); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(l.T("SummarySheetTeamGoals", nil))
	if err != nil || len(rows) < 2 {
		t.Fatalf("summary rows %q, %v", rows, err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == l.T("WorkbookFieldCollaboration", nil) {
			col = i
		}
	}
	if col < 0 || col >= len(rows[1]) || rows[1][col] != typed {
		t.Errorf("summary: no column with the text: %q", rows)
	}

	// Reported.
	doc, err := report.Build(t.Context(), org, reg, report.Options{}, l)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(tree, []byte(typed)) {
		t.Error("the report does not hold the text")
	}
}

func loadOrg(t *testing.T) *domain.Organisation {
	t.Helper()
	path := filepath.Join(t.TempDir(), "organisation.yaml")
	if err := os.WriteFile(path, []byte(orgYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	org, problems, err := config.Load(path)
	if err != nil || org == nil || problems.HasErrors() {
		t.Fatalf("config: %v %v", problems, err)
	}
	return org
}

func layout(t *testing.T, fsys fs.FS) *workbook.Layout {
	t.Helper()
	lay, err := workbook.LoadLayout(fsys, workbook.LayoutFile)
	if err != nil {
		t.Fatal(err)
	}
	return lay
}

func mustRead(t *testing.T, fsys fs.FS, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// cycle generates the unit's workbook with lay, fills one goal that has
// every field with collaboration typed, and reads it back.
func cycle(t *testing.T, org *domain.Organisation, lay *workbook.Layout, collaboration string) *domain.Submission {
	t.Helper()
	var blank bytes.Buffer
	if _, err := workbook.Write(&blank, org, workbook.Options{Unit: "bjorken", Layout: lay}); err != nil {
		t.Fatal(err)
	}
	team := org.Teams[0].ID
	answers := &domain.Submission{
		UnitGoals: []domain.UnitGoal{{ID: "e1", Text: "Läsa mer", DepartmentGoal: org.Departments[0].Goals[0].ID, Indicator: "Antal böcker", Target: "20"}},
		Teams: []domain.TeamGoals{{Team: team, Goals: []domain.TeamGoal{{
			ID: domain.TeamGoalID(team, 1), Slot: 1, What: "Läsa varje dag", UnitGoal: "e1", How: "Läsvila efter lunch",
			FollowUp:  domain.FollowUpPlan{Method: "Läslogg", When: domain.NewDate(2027, 5, 1), Who: "Lagledaren"},
			Indicator: "Dagar med läsvila", Target: "90 %", Value: "mod", Collaboration: collaboration,
		}}}},
	}
	var filled bytes.Buffer
	if err := workbook.FillWith(bytes.NewReader(blank.Bytes()), int64(blank.Len()), &filled, answers, org, lay); err != nil {
		t.Fatal(err)
	}
	sub, findings, err := workbook.Read(context.Background(), bytes.NewReader(filled.Bytes()), int64(filled.Len()), org, workbook.ReadOptions{Name: "b.xlsx", Layout: lay})
	if err != nil || sub == nil {
		t.Fatalf("read: %v %v", findings, err)
	}
	if findings.HasErrors() {
		t.Fatalf("read: %v", findings)
	}
	return sub
}

// TestNoFieldCodeOutsideTheTable guards the claim above from the other
// side: the packages that write, read, fill, summarise, check and merge
// goals name Samverkan nowhere, so they can only handle it through the
// tables.
func TestNoFieldCodeOutsideTheTable(t *testing.T) {
	for _, dir := range []string{"../workbook", "../rules", "../register"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			src := string(mustRead(t, os.DirFS(filepath.Dir(file)), filepath.Base(file)))
			for _, name := range []string{"Collaboration", "FieldCollaboration"} {
				if strings.Contains(src, "."+name) {
					t.Errorf("%s names %s: handle fields through the tables", file, name)
				}
			}
		}
	}
}
