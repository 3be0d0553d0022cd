package orgimport

import (
	"testing"

	"github.com/malarbete/malarbete/internal/config"
)

// FuzzImport feeds arbitrary bytes as the export: reading the table, the
// headers, the rows and the matching must never panic, and whatever is
// imported must read back as a valid config (Import verifies the edit
// itself and returns ErrVerify otherwise, which fails here).
func FuzzImport(f *testing.F) {
	f.Add(readFile(f, "../../examples/sorsele/hr-export.csv"))
	rows := ownRows([]string{"Ny verksamhet", "Ny enhet", "Nytt lag", "", "Ny", "Chef", "ny@test.example", ""})
	for _, enc := range encodings {
		f.Add(enc(f, rows))
	}
	f.Add([]byte("sep=\t\nEnhet\tChef\n\"A\nB\"\tC\n"))
	f.Add([]byte("Kst;Enhet;Arbetslagskod;Arbetslag\n1;Björken;7;Lag: 1\n1;Björken;8;\"Lag \"\"2\"\"\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, _, err := Import("o.yaml", []byte(own), "e.csv", data, Options{Prune: len(data)%2 == 0, DepartmentGoal: "Mål."})
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		if res == nil {
			return
		}
		if org, fs := config.Parse("o.yaml", res.Output); org == nil {
			t.Fatalf("imported config invalid: %v\n%s", fs, res.Output)
		}
	})
}
