package generate

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	malarbete "github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/workbook"
)

// TestExamples generates the bundled municipalities from their configs and
// reads every workbook back: the whole path HR takes, without a manager.
func TestExamples(t *testing.T) {
	for _, name := range []string{"sorsele", "example-town"} {
		t.Run(name, func(t *testing.T) {
			data, err := fs.ReadFile(malarbete.Examples, name+"/organisation.yaml")
			if err != nil {
				t.Skip("example not bundled:", err)
			}
			org, problems := config.Parse(name+".yaml", data)
			if org == nil || problems.HasErrors() {
				t.Fatalf("config: %+v", problems)
			}
			dir := t.TempDir()
			for _, per := range []string{PerUnit, PerTeam} {
				f, _, _ := factory(t, org)
				if err := run(t, f, "-o", filepath.Join(dir, per), "--per", per, "--date", "2027-01-10"); err != nil {
					t.Fatal(err)
				}
				files, _ := filepath.Glob(filepath.Join(dir, per, "*", "*.xlsx"))
				if len(files) == 0 {
					t.Fatal("no workbooks")
				}
				for _, p := range files {
					sub, fs, err := workbook.ReadFile(context.Background(), p, org)
					if err != nil || sub == nil || len(fs) > 0 {
						t.Errorf("%s: err %v findings %+v", p, err, fs)
					}
				}
				if keep := os.Getenv("MALARBETE_KEEP"); keep != "" {
					os.CopyFS(filepath.Join(keep, name, per), os.DirFS(filepath.Join(dir, per)))
				}
			}
		})
	}
}
