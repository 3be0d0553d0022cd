package register

import (
	"os"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/malarbete/malarbete/internal/domain"
)

// TestSpool: what goes in comes back, only the identity stays in memory,
// and the file, personal data, is nowhere to be found in the temporary
// folder (on Windows, once the spool is closed).
func TestSpool(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("TMP", tmp)
	sp, err := NewSpool()
	if err != nil {
		t.Fatal(err)
	}
	var want []*domain.Submission
	var contents []func() (*domain.Submission, error)
	for i, unit := range []string{"norra", "centralskolan", "hemtjanst"} {
		a := followUpRound(unit, "april", "sha", "enligt-plan", &domain.RevisedGoal{What: "Ny formulering – ŋ"}, "lag-a", "ak1-3")
		a.Submission.Saved = time.Date(2027, 4, i+1, 8, 0, 0, 0, time.UTC)
		a.Submission.DropCells()
		head, content, err := sp.Put(a.Submission)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(head.Identity, a.Submission.Identity) || !head.Saved.Equal(a.Submission.Saved) || head.Teams != nil || head.UnitGoals != nil {
			t.Fatalf("head %+v", head)
		}
		want, contents = append(want, a.Submission), append(contents, content)
	}
	for i, content := range contents {
		got, err := content()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want[i]) {
			t.Fatalf("submission %d:\n%+v\nwant\n%+v", i, got, want[i])
		}
	}
	left := func() []os.DirEntry {
		es, err := os.ReadDir(tmp)
		if err != nil {
			t.Fatal(err)
		}
		return es
	}
	if es := left(); runtime.GOOS != "windows" && len(es) > 0 {
		t.Errorf("the open spool is in the temporary folder: %v", es[0].Name())
	}
	if err := sp.Close(); err != nil {
		t.Fatal(err)
	}
	if es := left(); len(es) > 0 {
		t.Errorf("the spool is left behind: %v", es[0].Name())
	}
}
