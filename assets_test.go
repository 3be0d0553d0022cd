package malarbete_test

import (
	"io/fs"
	"path"
	"testing"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/signature"
)

// TestExamplesHoldNoKey: generate makes a signing key beside the config
// it is given; run on a bundled example, the key would be embedded in
// every binary built after. Tests and the demo work on copies.
func TestExamplesHoldNoKey(t *testing.T) {
	err := fs.WalkDir(malarbete.Examples, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == signature.FileName || path.Ext(p) == ".key" {
			t.Errorf("examples/%s is embedded in the binary; delete it (a run of generate on the example made it)", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
