package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/malarbete/malarbete/internal/synthetic"
	"github.com/malarbete/malarbete/internal/workbook"
)

// specsFile holds the bare programs' inputs, one bookSpec per line.
const specsFile = "specs.jsonl"

func init() {
	jobs["generate/malarbete"] = func(string) (func() (int, error), error) {
		org := synthetic.Organisation(synthetic.Options{Units: size(), TeamsPerUnit: teamsPerUnit})
		return func() (int, error) {
			n := len(org.Units)
			return n, pool(n, func(i int) error {
				_, err := workbook.Write(io.Discard, org, workbook.Options{Unit: org.Units[i].ID, Date: benchDate})
				return err
			})
		}, nil
	}
	jobs["generate/bare"] = bareJob(bareSame)
	jobs["generate/bare-values"] = bareJob(bareValues)
}

// specSample is how many units' specs the bare programs hold. They write
// the whole municipality from these in turn: the workbooks of all units
// have the same sheets, cells, styles and validations and differ only in
// names and ids, while the specs of 1,000 units would weigh some 100 MB
// of input that our writer does not hold (it builds each workbook from
// the config), and would make the bare programs' peak memory theirs, not
// excelize's.
const specSample = 25

// bareJob runs a bare writer for every unit, over the specs in dir in
// turn.
func bareJob(write func(io.Writer, *bookSpec) error) job {
	return func(dir string) (func() (int, error), error) {
		specs, err := readSpecs(filepath.Join(dir, specsFile))
		if err != nil {
			return nil, err
		}
		if len(specs) == 0 {
			return nil, errors.New("no specs")
		}
		return func() (int, error) {
			n := size()
			return n, pool(n, func(i int) error { return write(io.Discard, specs[i%len(specs)]) })
		}, nil
	}
}

// BenchmarkGenerate writes a synthetic municipality of 1,000 units with 5
// teams each, one workbook per unit, three ways in the same run:
//
//   - malarbete: workbook.Write, what generate does per unit;
//   - bare-excelize: the same workbooks (cells, styles, validations,
//     names, page setup, protection, properties) written by plain excelize
//     calls from a spec read off ours (TestBareWritesSameWorkbook), the
//     specs of the first specSample units in turn;
//   - bare-excelize-values: only the cells' values, the earlier reference.
//
// All write to io.Discard on every core. One line reports, per side, the
// median time per workbook (wall and CPU) and the peak resident set, and
// the ratios x-bare and x-values of wall time and their -cpu variants.
func BenchmarkGenerate(b *testing.B) {
	dir := b.TempDir()
	if err := writeSpecs(filepath.Join(dir, specsFile), min(size(), specSample)); err != nil {
		b.Fatal(err)
	}
	compare(b, dir, size(), []sideJob{
		{"malarbete", "generate/malarbete"},
		{"bare", "generate/bare"},
		{"bare-values", "generate/bare-values"},
	})
}

// writeSpecs writes the specs of the first units workbooks of the
// synthetic municipality.
func writeSpecs(path string, units int) error {
	org := synthetic.Organisation(synthetic.Options{Units: size(), TeamsPerUnit: teamsPerUnit})
	specs := make([]*bookSpec, units)
	err := pool(units, func(i int) error {
		var buf bytes.Buffer
		if _, err := workbook.Write(&buf, org, workbook.Options{Unit: org.Units[i].ID, Date: benchDate}); err != nil {
			return err
		}
		s, err := specOf(buf.Bytes())
		specs[i] = s
		return err
	})
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, s := range specs {
		if err := enc.Encode(s); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readSpecs reads what writeSpecs wrote. Texts are shared between the
// specs, as the writer shares its catalogue's texts between workbooks,
// so that the bare programs hold little besides what they write.
func readSpecs(path string) ([]*bookSpec, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	seen := map[string]string{}
	intern := func(s *string) {
		if v, ok := seen[*s]; ok {
			*s = v
		} else {
			seen[*s] = *s
		}
	}
	var specs []*bookSpec
	for dec.More() {
		var s bookSpec
		if err := dec.Decode(&s); err != nil {
			return nil, err
		}
		for i := range s.Sheets {
			sh := &s.Sheets[i]
			intern(&sh.Name)
			for j := range sh.Cells {
				intern(&sh.Cells[j].Ref)
				intern(&sh.Cells[j].Value)
			}
			for j := range sh.Validations {
				dv := &sh.Validations[j]
				intern(&dv.Sqref)
				intern(&dv.Formula1)
				for _, p := range []*string{dv.Error, dv.ErrorTitle, dv.Prompt, dv.PromptTitle} {
					if p != nil {
						intern(p)
					}
				}
			}
		}
		specs = append(specs, &s)
	}
	return specs, nil
}
