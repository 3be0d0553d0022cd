package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/malarbete/malarbete/internal/atomicfile"
)

// TestFillReproducible checks that the same answers give the same bytes,
// so that test fixtures built with Fill can be rebuilt and compared.
func TestFillReproducible(t *testing.T) {
	org := testOrg()
	dir := t.TempDir()
	in := generate(t, dir, org, Options{Unit: "bjorken"})
	var outs [][]byte
	for i, name := range []string{"a.xlsx", "b.xlsx", "c.xlsx"} {
		out := filepath.Join(dir, name)
		if err := FillFile(in, out, answers(""), org, atomicfile.Options{}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
		if i > 0 && !bytes.Equal(outs[0], b) {
			t.Fatalf("fill %d differs from the first", i+1)
		}
	}
}
