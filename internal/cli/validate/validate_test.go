package validate

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// testOrg is the organisation of the fake batch.
func testOrg() *domain.Organisation {
	return &domain.Organisation{
		ID: "sorsele", Name: "Sorsele kommun", Period: "2027", Language: domain.Swedish,
		PeriodStart: domain.NewDate(2027, time.January, 1), PeriodEnd: domain.NewDate(2027, time.December, 31),
		Values:      []domain.Value{{ID: "mod", Name: "Mod"}},
		Departments: []domain.Department{{ID: "skola", Name: "Skola", Goals: []domain.DepartmentGoal{{ID: "skola-1"}}}},
		Units:       []domain.Unit{{ID: "centralskolan", Department: "skola"}, {ID: "norra", Department: "skola"}},
		Teams:       []domain.Team{{ID: "ak1-3", Name: "Åk 1–3", Unit: "centralskolan"}, {ID: "lag-a", Name: "Lag A", Unit: "norra"}},
		Statuses:    domain.DefaultStatuses(),
		Rules:       domain.DefaultRules(),
		Rounds:      []domain.Round{{ID: "plan"}, {ID: "april"}},
	}
}

// plan is a valid planning workbook of unit with one goal for team.
func plan(unit, team string) *domain.Submission {
	return &domain.Submission{
		Identity: domain.Identity{TemplateVersion: domain.TemplateVersion, Organisation: "sorsele", Period: "2027",
			Round: "plan", Scope: domain.ScopeUnit, Unit: unit, Teams: []string{team}},
		UnitGoals: []domain.UnitGoal{{ID: "e1", Text: "Läsa mer", DepartmentGoal: "skola-1"}},
		Teams: []domain.TeamGoals{{Team: team, Goals: []domain.TeamGoal{{
			Slot: 1, What: "Alla elever läser 20 minuter varje dag", How: "Lässtund efter lunch", UnitGoal: "e1",
			FollowUp:  domain.FollowUpPlan{Method: "Läslogg", When: domain.NewDate(2027, 4, 1), Who: "Rektor"},
			Indicator: "Andel elever", Target: "90 %",
			Cells: domain.Cells{domain.FieldWhat: {Sheet: "Arbetslag", Ref: "B7"}, domain.FieldHow: {Sheet: "Arbetslag", Ref: "D7"},
				domain.FieldTarget: {Sheet: "Arbetslag", Ref: "I7"}},
		}}}},
	}
}

// fakeRead serves submissions by file name; "trasig" fails, "krasch"
// panics.
func fakeRead(path string, org *domain.Organisation) (*domain.Submission, domain.Findings, error) {
	switch filepath.Base(path) {
	case "centralskolan.xlsx":
		s := plan("centralskolan", "ak1-3")
		s.Teams[0].Goals[0].How = ""
		s.Teams[0].Goals[0].Target = "alla"
		return s, nil, nil
	case "norra.xlsx":
		return plan("norra", "lag-a"), nil, nil
	case "trasig.xlsx":
		return nil, nil, errors.New("zip: not a valid zip file")
	case "krasch.xlsx":
		panic("index out of range")
	}
	return nil, nil, errors.New("unexpected file " + path)
}

// batchDir makes the fake inbox and moves into it, so that paths in the
// output are relative and the golden files stable.
func batchDir(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range []string{"inkorg/centralskolan.xlsx", "inkorg/norra.xlsx", "inkorg/trasig.xlsx",
		"inkorg/krasch.xlsx", "inkorg/~$norra.xlsx", "inkorg/anteckningar.txt"} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func catalogue(t *testing.T) *i18n.Catalogue {
	t.Helper()
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// testFactory returns a factory with captured streams and the test org.
func testFactory(t *testing.T, lang string) (*cmdutil.Factory, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &cmdutil.Factory{
		IO:         &cmdutil.IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut},
		Now:        func() time.Time { return time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC) },
		Getenv:     func(string) string { return "" },
		Catalogue:  catalogue(t),
		LangFlag:   lang,
		LoadConfig: func(string) (*domain.Organisation, domain.Findings, error) { return testOrg(), nil, nil },
	}, out, errOut
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test -update to accept):\n%s", name, got)
	}
}

// goldenDir is absolute: the tests change into a temporary folder.
var goldenDir, _ = filepath.Abs("testdata")

func TestValidateGolden(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		for _, format := range []string{"text", "json"} {
			t.Run(lang+"-"+format, func(t *testing.T) {
				batchDir(t)
				f, out, _ := testFactory(t, lang)
				cmd := NewCmdValidate(f, func(o *ValidateOptions) error {
					o.Read = fakeRead
					return runValidate(o)
				})
				cmd.SilenceUsage, cmd.SilenceErrors = true, true
				cmd.SetArgs([]string{"--format", format, "inkorg", "saknas.xlsx"})
				cmd.SetOut(out)
				err := cmd.Execute()
				if !errors.Is(err, cmdutil.ErrInputs) {
					t.Fatalf("error %v, want ErrInputs", err)
				}
				golden(t, "validate."+lang+"."+format, out.Bytes())
				if strings.Contains(out.String(), "!Finding") || strings.Contains(out.String(), "!Validate") {
					t.Error("a message is missing from the catalogue")
				}
			})
		}
	}
}

func TestValidateValidBatch(t *testing.T) {
	batchDir(t)
	f, out, _ := testFactory(t, "sv")
	cmd := NewCmdValidate(f, func(o *ValidateOptions) error { o.Read = fakeRead; return runValidate(o) })
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs([]string{"inkorg/norra.xlsx"})
	if err := cmd.Execute(); err != nil {
		t.Fatalf("valid batch: %v", err)
	}
	if want := "inkorg/norra.xlsx: inga anmärkningar\nSammanfattning: 1 fil läst, 1 giltig, 0 med fel, 0 varningar.\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func TestValidateFlags(t *testing.T) {
	tests := []struct {
		args []string
		want func(*ValidateOptions) bool
		flag bool // a usage error
	}{
		{[]string{"a.xlsx"}, func(o *ValidateOptions) bool { return o.Format == "text" && o.Paths[0] == "a.xlsx" }, false},
		{[]string{"--format", "json", "--annotate", "ut", "--round", "april", "a", "b"}, func(o *ValidateOptions) bool {
			return o.Format == "json" && o.AnnotateDir == "ut" && o.Round == "april" && len(o.Paths) == 2
		}, false},
		{[]string{"--format", "xml", "a.xlsx"}, nil, true},
		{[]string{}, nil, true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			f, _, _ := testFactory(t, "en")
			var got *ValidateOptions
			cmd := NewCmdValidate(f, func(o *ValidateOptions) error { got = o; return nil })
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			cmd.SetArgs(tt.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			var fe *cmdutil.FlagError
			if tt.flag {
				if !errors.As(err, &fe) {
					t.Fatalf("error %v, want a FlagError", err)
				}
				return
			}
			if err != nil || !tt.want(got) {
				t.Fatalf("error %v, options %+v", err, got)
			}
		})
	}
}

func TestValidateNeedsReader(t *testing.T) {
	f, _, _ := testFactory(t, "en")
	cmd := NewCmdValidate(f, nil)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs([]string{"a.xlsx"})
	var ue *cmdutil.UserError
	if err := cmd.Execute(); !errors.As(err, &ue) || ue.MessageID != "ValidateReaderUnavailable" {
		t.Fatalf("got %v, want ValidateReaderUnavailable", err)
	}
}

func TestAnnotate(t *testing.T) {
	batchDir(t)
	if err := os.MkdirAll("inkorg/annan", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("inkorg/annan/centralskolan.xlsx", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, _, _ := testFactory(t, "sv")
	var calls []string
	cmd := NewCmdValidate(f, func(o *ValidateOptions) error {
		o.Read = fakeRead
		o.Annotate = func(src, dst string, sub *domain.Submission, _ *domain.Organisation, fs domain.Findings) error {
			if sub == nil || len(fs) == 0 {
				t.Errorf("annotate %s without submission or findings", src)
			}
			calls = append(calls, src+" → "+filepath.ToSlash(dst))
			return nil
		}
		return runValidate(o)
	})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs([]string{"--annotate", "tillbaka", "inkorg"})
	cmd.SetOut(&bytes.Buffer{})
	if err := cmd.Execute(); !errors.Is(err, cmdutil.ErrInputs) {
		t.Fatalf("error %v", err)
	}
	want := []string{
		filepath.Join("inkorg", "annan", "centralskolan.xlsx") + " → tillbaka/centralskolan.xlsx",
		filepath.Join("inkorg", "centralskolan.xlsx") + " → tillbaka/centralskolan-2.xlsx",
	}
	if strings.Join(calls, "\n") != strings.Join(want, "\n") {
		t.Errorf("annotate calls\n%s\nwant\n%s", strings.Join(calls, "\n"), strings.Join(want, "\n"))
	}
	if st, err := os.Stat("tillbaka"); err != nil || !st.IsDir() {
		t.Errorf("annotate folder not created: %v", err)
	}
	data, _ := os.ReadFile("inkorg/centralskolan.xlsx")
	if string(data) != "inkorg/centralskolan.xlsx" {
		t.Error("an input was modified")
	}
}
