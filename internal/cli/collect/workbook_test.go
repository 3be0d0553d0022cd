package collect

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/testkit"
	"github.com/malarbete/malarbete/internal/workbook"
)

// TestCollectRealWorkbooks generates the Sorsele planning workbooks, fills
// them with the managers' sample answers through the workbook layer, and
// collects them with the real reader: no finding is an error, and every
// answer arrives in the register as it was typed.
func TestCollectRealWorkbooks(t *testing.T) {
	if testing.Short() {
		t.Skip("generates twelve workbooks")
	}
	org := testkit.SorseleOrg(t)
	subs := testkit.SorseleSubmissions(t, domain.PlanRound, "")
	t.Chdir(t.TempDir())
	units := make([]string, 0, len(subs))
	for u := range subs {
		units = append(units, u)
	}
	sort.Strings(units)
	for _, u := range units {
		blank := filepath.Join("blank", u+".xlsx")
		if _, err := workbook.WriteFile(mkdir(t, blank), org, workbook.Options{Unit: u}, atomicfile.Options{}); err != nil {
			t.Fatalf("generate %s: %v", u, err)
		}
		if err := workbook.FillFile(blank, mkdir(t, filepath.Join("inkorg", u+".xlsx")), subs[u], org, atomicfile.Options{}); err != nil {
			t.Fatalf("fill %s: %v", u, err)
		}
	}
	f, _, errOut := testkit.Factory(t, "sv")
	f.LoadConfig = func(string) (*domain.Organisation, domain.Findings, error) { return org, nil, nil }
	cmd := NewCmdCollect(f, func(o *CollectOptions) error {
		o.Read = workbook.ReadFile
		return runCollect(o)
	})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs([]string{"inkorg", "-o", "register.json", "--date", "2027-03-01"})
	if err := cmd.Execute(); err != nil {
		if errors.Is(err, cmdutil.ErrInputs) {
			t.Fatalf("findings with errors:\n%s", errOut)
		}
		t.Fatalf("%v\n%s", err, errOut)
	}
	reg, err := register.Read("register.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Units) != len(units) || len(reg.Rejected) != 0 {
		t.Fatalf("%d units in the register, %d rejected; want %d, 0", len(reg.Units), len(reg.Rejected), len(units))
	}
	for _, rec := range reg.Units {
		want := subs[rec.Unit]
		for i, tg := range want.Teams {
			got := rec.Teams[i]
			if got.Team != tg.Team || len(got.Goals) != len(tg.Goals) {
				t.Errorf("%s: team %s with %d goals, want %s with %d", rec.Unit, got.Team, len(got.Goals), tg.Team, len(tg.Goals))
				continue
			}
			for j, g := range tg.Goals {
				r := got.Goals[j]
				if r.What != g.What || r.How != g.How || r.FollowUp != g.FollowUp || r.UnitGoal != g.UnitGoal ||
					r.Indicator != g.Indicator || r.Target != g.Target || r.Value != g.Value || r.Collaboration != g.Collaboration {
					t.Errorf("%s: goal %s changed on the way:\n got %+v\nwant %+v", rec.Unit, r.ID, r, g)
				}
			}
		}
		// The reader keeps a note for every configured criterion, so that
		// an undescribed one can be reported; the answered ones must match.
		got := map[string]domain.CriterionNote{}
		for _, n := range rec.Criteria {
			if n.Meaning != "" {
				got[n.Criterion+"|"+n.Name] = n
			}
		}
		if len(got) != len(want.Criteria) {
			t.Errorf("%s: %d described criteria, want %d", rec.Unit, len(got), len(want.Criteria))
		}
		for _, n := range want.Criteria {
			g := got[n.Criterion+"|"+n.Name]
			if g.Meaning != n.Meaning || g.TeamGoal != n.TeamGoal {
				t.Errorf("%s: criterion %s%s changed on the way:\n got %+v\nwant %+v", rec.Unit, n.Criterion, n.Name, g, n)
			}
		}
	}
}

func mkdir(t *testing.T, path string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}
