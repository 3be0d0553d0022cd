package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/malarbete/malarbete"
)

// moduleRoot is the repository, from this package's folder.
const moduleRoot = "../.."

// idShape is what a message id looks like: CamelCase words, an area
// first (CLIUsageHint, FindingGoalMissingHow, Severity_error).
var idShape = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*[a-z0-9][A-Z][A-Za-z0-9_]*$|^[A-Z][a-z]+_[a-z]+$`)

// areaOf returns an id's area: its first word, or an acronym before one.
func areaOf(id string) string {
	for i := 1; i < len(id); i++ {
		if id[i] == '_' || (id[i] >= 'A' && id[i] <= 'Z' && id[i-1] >= 'a' && id[i-1] <= 'z') {
			return id[:i]
		}
		if i+1 < len(id) && id[i] >= 'A' && id[i] <= 'Z' && id[i+1] >= 'a' && id[i+1] <= 'z' && id[i-1] >= 'A' && id[i-1] <= 'Z' {
			return id[:i]
		}
	}
	return id
}

// dynamicIDs are the messages whose ids the code builds, so that no
// literal names them whole: each lists the literal the code starts from
// and every id it can build. The test fails when one of them is missing
// from the catalogue.
var dynamicIDs = []struct {
	literal string
	ids     []string
}{
	// cmdutil.WriteFindings: "Severity_" + string(severity).
	{"Severity_", []string{"Severity_error", "Severity_warning", "Severity_info"}},
	// report: "ReportMonth" + month number.
	{"ReportMonth", []string{"ReportMonth1", "ReportMonth2", "ReportMonth3", "ReportMonth4", "ReportMonth5", "ReportMonth6",
		"ReportMonth7", "ReportMonth8", "ReportMonth9", "ReportMonth10", "ReportMonth11", "ReportMonth12"}},
	// config's unknownRef: id + "Suggest" when a close name exists.
	{"ConfigUnknownDepartment", []string{"ConfigUnknownDepartmentSuggest"}},
	{"ConfigUnknownDepartmentGoal", []string{"ConfigUnknownDepartmentGoalSuggest"}},
	{"ConfigUnknownUnit", []string{"ConfigUnknownUnitSuggest"}},
	{"ConfigUnknownValue", []string{"ConfigUnknownValueSuggest"}},
	// import: "ImportChange" + kind + level.
	{"ImportChange", []string{"ImportChangeAddedDepartment", "ImportChangeAddedUnit", "ImportChangeAddedTeam",
		"ImportChangeRenamedDepartment", "ImportChangeRenamedUnit", "ImportChangeRenamedTeam",
		"ImportChangeMovedUnit", "ImportChangeMovedTeam",
		"ImportChangeRemovedDepartment", "ImportChangeRemovedUnit", "ImportChangeRemovedTeam",
		"ImportChangeKeptGoalsUnit", "ImportChangeKeptGoalsTeam",
		"ImportChangeAbsentDepartment", "ImportChangeAbsentUnit", "ImportChangeAbsentTeam"}},
	// mail's compose: id + "Soon" when the deadline is close.
	{"MailStepReturn", []string{"MailStepReturnSoon"}},
	{"MailFeedbackReturn", []string{"MailFeedbackReturnSoon"}},
	{"MailFixedReturn", []string{"MailFixedReturnSoon"}},
}

// literals returns every string literal of the module's Go code outside
// tests and test helpers, with where it first appears.
func literals(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(moduleRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != moduleRoot && (strings.HasPrefix(name, ".") || name == "testdata" || strings.HasSuffix(name, "test") || name == "testkit") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					if _, seen := out[s]; !seen {
						out[s] = fset.Position(lit.Pos()).String()
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// templateValues returns every scalar of the layout templates, which name
// headers, hints and sheet titles by message id.
func templateValues(t *testing.T) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	m, err := filepath.Glob(filepath.Join(moduleRoot, "templates", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range m {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			t.Fatal(err)
		}
		var walk func(*yaml.Node)
		walk = func(n *yaml.Node) {
			if n.Kind == yaml.ScalarNode {
				out[n.Value] = true
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(&n)
	}
	return out
}

// TestMessageIDsUsed fails on a message id the code uses that the
// catalogue lacks (it would print as "!Id"), and on an id the catalogue
// has that nothing uses: no literal in the code, no value in the layout
// templates, not in dynamicIDs. A string counts as an id when it has an
// id's shape and area.
func TestMessageIDsUsed(t *testing.T) {
	c, err := Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	catalogue := map[string]bool{}
	areas := map[string]bool{}
	for _, f := range c.Files() {
		for _, m := range f.Messages {
			catalogue[m.ID] = true
			areas[areaOf(m.ID)] = true
		}
	}
	used := map[string]bool{}
	code := literals(t)
	for s := range templateValues(t) {
		used[s] = true
	}
	for s := range code {
		used[s] = true
	}
	builds := map[string]bool{}
	for _, d := range dynamicIDs {
		if _, ok := code[d.literal]; !ok {
			t.Errorf("no code uses %q to build message ids; remove it from dynamicIDs", d.literal)
		}
		builds[d.literal] = true
		for _, id := range d.ids {
			if !catalogue[id] {
				t.Errorf("%s (built from %q) is missing from the catalogue", id, d.literal)
			}
			used[id] = true
		}
	}

	var missing, dead []string
	for s, at := range code {
		if idShape.MatchString(s) && areas[areaOf(s)] && !catalogue[s] && !builds[s] {
			missing = append(missing, at+": "+s)
		}
	}
	for id := range catalogue {
		if !used[id] {
			dead = append(dead, id)
		}
	}
	sort.Strings(missing)
	sort.Strings(dead)
	for _, m := range missing {
		t.Errorf("message id not in the catalogue: %s", m)
	}
	for _, id := range dead {
		t.Errorf("message %s is in the catalogue but no code uses it", id)
	}
}

func TestAreaOf(t *testing.T) {
	for id, want := range map[string]string{
		"CLIUsageHint": "CLI", "FindingGoalMissingHow": "Finding", "Severity_error": "Severity",
		"ReportMonth12": "Report", "WhereSheetCell": "Where",
	} {
		if got := areaOf(id); got != want {
			t.Errorf("areaOf(%s) = %s, want %s", id, got, want)
		}
	}
}
