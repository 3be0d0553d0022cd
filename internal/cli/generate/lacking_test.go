package generate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/register"
)

// TestGenerateRegisterLacksUnits generates a follow-up round from a
// register that lacks some units: they are named once on stderr, the rest
// are written, and the run succeeds. With none left it is an input error.
func TestGenerateRegisterLacksUnits(t *testing.T) {
	org := smallOrg() // enhet-1 … enhet-3
	record := func(unit, dept string) domain.UnitRecord {
		team := unit + "-lag-1"
		return domain.UnitRecord{Unit: unit, Department: dept,
			Teams: []domain.TeamGoals{{Team: team, Goals: []domain.TeamGoal{{ID: team + "/1", Slot: 1, What: "Svara inom en dag.", How: "Delad inkorg."}}}}}
	}
	tests := []struct {
		name    string
		records []domain.UnitRecord
		lang    string
		units   string
		// written lists the workbooks expected, by unit name.
		written []string
		// notice is the stderr line, or "" for none.
		notice  string
		message string // the user error's message id, or ""
	}{
		{
			name:    "one unit lacking",
			records: []domain.UnitRecord{record("enhet-1", "verksamhet-1"), record("enhet-3", "verksamhet-1")},
			lang:    "sv",
			written: []string{"Enhet 1", "Enhet 3"},
			notice:  "saknar 1 enhet: Enhet 2. Den har inga mål att följa upp och får ingen arbetsbok för ”Uppföljning augusti”",
		},
		{
			name:    "two units lacking, in English",
			records: []domain.UnitRecord{record("enhet-3", "verksamhet-1")},
			lang:    "en",
			written: []string{"Enhet 3"},
			notice:  "lacks 2 units: Enhet 1, Enhet 2. They have no goals to follow up",
		},
		{
			name:    "only the units asked for count",
			records: []domain.UnitRecord{record("enhet-1", "verksamhet-1")},
			lang:    "sv",
			units:   "enhet-1",
			written: []string{"Enhet 1"},
		},
		{
			name:    "none left",
			records: nil,
			lang:    "sv",
			message: "GenerateRegisterNoUnits",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			reg := register.New(org)
			reg.Rounds = []string{domain.PlanRound}
			reg.Units = tt.records
			regPath := filepath.Join(dir, "register.json")
			if err := register.Write(regPath, reg, atomicfile.Options{}); err != nil {
				t.Fatal(err)
			}
			f, _, errOut := factory(t, org)
			f.LangFlag = tt.lang
			out := filepath.Join(dir, "ut")
			args := []string{"-o", out, "--round", "augusti", "--register", regPath, "--date", "2027-08-01"}
			if tt.units != "" {
				args = append(args, "--units", tt.units)
			}
			err := run(t, f, args...)
			if tt.message != "" {
				var ue *cmdutil.UserError
				if !errors.As(err, &ue) || ue.MessageID != tt.message {
					t.Fatalf("want %s, got %v", tt.message, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".xlsx") {
					got = append(got, strings.SplitN(filepath.Base(p), " – ", 2)[0])
				}
				return nil
			})
			if strings.Join(got, ",") != strings.Join(tt.written, ",") {
				t.Errorf("wrote %q, want %q", got, tt.written)
			}
			stderr := errOut.String()
			if tt.notice == "" {
				if stderr != "" {
					t.Errorf("stderr %q, want nothing", stderr)
				}
				return
			}
			if !strings.Contains(stderr, tt.notice) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("stderr %q, want once %q", stderr, tt.notice)
			}
		})
	}
}
