package bench

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	malarbete "github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/cli/collect"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/synthetic"
	"github.com/malarbete/malarbete/internal/testkit"
	"github.com/malarbete/malarbete/internal/workbook"
)

// inboxDir is where the filled workbooks lie, under the benchmark's
// folder.
const inboxDir = "inbox"

func init() {
	jobs["collect/malarbete"] = func(dir string) (func() (int, error), error) { return collectJob(dir, false) }
	// The same inbox collected again into the register the first collect
	// wrote: every unit's record is read from the register and replaced.
	jobs["collect/malarbete-again"] = func(dir string) (func() (int, error), error) { return collectJob(dir, true) }
	jobs["collect/bare"] = func(dir string) (func() (int, error), error) {
		lay, err := workbook.DefaultLayout()
		if err != nil {
			return nil, err
		}
		return func() (int, error) {
			return bareCollect(filepath.Join(dir, inboxDir), lay.NamePrefix, lay.IdentitySheet)
		}, nil
	}
}

// collectJob is the collect command's job: into a new register, or
// again into the one a first collect (outside the measurement) wrote.
func collectJob(dir string, again bool) (func() (int, error), error) {
	org := synthetic.Organisation(synthetic.Options{Units: size(), TeamsPerUnit: teamsPerUnit})
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		return nil, err
	}
	out, err := os.MkdirTemp(dir, "register-")
	if err != nil {
		return nil, err
	}
	reg := filepath.Join(out, "register.json")
	collect := func() (int, error) {
		if err := runCollect(org, cat, filepath.Join(dir, inboxDir), reg); err != nil {
			return 0, err
		}
		return len(org.Units), nil
	}
	if again {
		if _, err := collect(); err != nil {
			return nil, err
		}
	}
	return collect, nil
}

// BenchmarkCollect collects synthetic municipalities of 250, 1,000 and
// 4,000 units with 5 teams each (MALARBETE_BENCH_UNITS), every workbook
// filled in through workbook.Fill with synthetic.Answers, two ways in the
// same run:
//
//   - malarbete: the collect command (scan, SHA-256, reader, rules,
//     register merge, register written atomically), as HR runs it;
//   - bare-excelize: open each file, read the identity (custom properties
//     and identity sheet) and every cell of our defined names' regions
//     with GetCellValue, close.
//
// Both read one file after another, as collect does. At the largest size
// "again" collects the same workbooks once more into the register the
// first collect wrote, so that every unit's record is read back from it
// and replaced, as in every collect after the first. The workbooks are
// written once per size into a temporary folder, outside the timing. One
// line per size reports both sides and the ratios x-bare (wall time) and
// x-bare-cpu; the last line, growth, the CPU time per workbook of each
// side at the largest size ÷ at the smallest.
//
// openpyxl runs the same at the smallest size on workbooks written by
// another program: the filled workbooks opened and saved by openpyxl
// (testdata/resave.py), text in inline strings. It is skipped where
// /usr/bin/python3 cannot import openpyxl.
func BenchmarkCollect(b *testing.B) {
	sides := []sideJob{
		{"malarbete", "collect/malarbete"},
		{"bare", "collect/bare"},
	}
	ns := sizes(250, 1000, 4000)
	per := map[int][]result{}
	var last string // the largest size's folder
	for _, n := range ns {
		last = filepath.Join(b.TempDir(), strconv.Itoa(n))
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			if err := writeInbox(filepath.Join(last, inboxDir), n); err != nil {
				b.Fatal(err)
			}
			per[n] = compare(b, last, n, sides)
		})
	}
	n := ns[len(ns)-1]
	b.Run(fmt.Sprintf("again/units=%d", n), func(b *testing.B) {
		compare(b, last, n, []sideJob{{"malarbete", "collect/malarbete-again"}, {"bare", "collect/bare"}})
	})
	b.Run(fmt.Sprintf("openpyxl/units=%d", ns[0]), func(b *testing.B) {
		if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
			b.Skipf("%s with openpyxl is needed: %v", python, err)
		}
		dir := b.TempDir()
		if err := writeInbox(filepath.Join(dir, "excelize"), ns[0]); err != nil {
			b.Fatal(err)
		}
		if err := resave(filepath.Join(dir, "excelize"), filepath.Join(dir, inboxDir)); err != nil {
			b.Fatal(err)
		}
		compare(b, dir, ns[0], sides)
	})
	logGrowth(b, ns, per, sides, "workbook")
}

// python is the interpreter of the third-party set: the system's, where
// Debian's python3-openpyxl is installed.
const python = "/usr/bin/python3"

// resave has openpyxl open every workbook of src and save it to dst, in
// as many processes as there are cores.
func resave(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	script, err := filepath.Abs(filepath.Join("testdata", "resave.py"))
	if err != nil {
		return err
	}
	n := runtime.NumCPU()
	return pool(n, func(k int) error {
		out, err := exec.Command(python, script, src, dst, strconv.Itoa(k), strconv.Itoa(n)).CombinedOutput()
		if err != nil {
			return fmt.Errorf("resave: %v\n%s", err, out)
		}
		return nil
	})
}

// TestCollectFilledInbox checks that the benchmark's workbooks are what
// it claims: every unit collected, every team goal in the register, and
// that the bare reader reads them all; the same for the third-party set
// where openpyxl is installed.
func TestCollectFilledInbox(t *testing.T) {
	const units = 3
	dir := t.TempDir()
	if err := writeInbox(filepath.Join(dir, inboxDir), units); err != nil {
		t.Fatal(err)
	}
	t.Run("excelize", func(t *testing.T) { checkInbox(t, filepath.Join(dir, inboxDir), units) })
	t.Run("openpyxl", func(t *testing.T) {
		if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
			t.Skipf("%s with openpyxl is needed: %v", python, err)
		}
		if err := resave(filepath.Join(dir, inboxDir), filepath.Join(dir, "openpyxl")); err != nil {
			t.Fatal(err)
		}
		checkInbox(t, filepath.Join(dir, "openpyxl"), units)
	})
}

func checkInbox(t *testing.T, inbox string, units int) {
	org := synthetic.Organisation(synthetic.Options{Units: units, TeamsPerUnit: teamsPerUnit})
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "register.json")
	if err := runCollect(org, cat, inbox, out); err != nil {
		t.Fatal(err)
	}
	reg, err := register.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Units) != units {
		t.Fatalf("%d units in the register, want %d", len(reg.Units), units)
	}
	for _, u := range reg.Units {
		goals := 0
		for _, tg := range u.Teams {
			goals += len(tg.Goals)
		}
		if len(u.Teams) != teamsPerUnit || goals != teamsPerUnit*domain.DefaultMaxTeamGoals || len(u.Goals) == 0 || len(u.Criteria) == 0 {
			t.Errorf("unit %s: %d teams, %d team goals, %d unit goals, %d criteria", u.Unit, len(u.Teams), goals, len(u.Goals), len(u.Criteria))
		}
	}
	lay, err := workbook.DefaultLayout()
	if err != nil {
		t.Fatal(err)
	}
	n, err := bareCollect(inbox, lay.NamePrefix, lay.IdentitySheet)
	if err != nil || n != units {
		t.Errorf("bare reader read %d workbooks: %v", n, err)
	}
}

// writeInbox writes the filled workbooks of a synthetic municipality.
func writeInbox(dir string, units int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	org := synthetic.Organisation(synthetic.Options{Units: units, TeamsPerUnit: teamsPerUnit})
	return pool(units, func(i int) error {
		u := org.Units[i]
		var blank, filled bytes.Buffer
		if _, err := workbook.Write(&blank, org, workbook.Options{Unit: u.ID, Date: benchDate, Key: testkit.Key()}); err != nil {
			return err
		}
		if err := workbook.Fill(bytes.NewReader(blank.Bytes()), int64(blank.Len()), &filled, synthetic.Answers(org, u.ID), org); err != nil {
			return fmt.Errorf("fill %s: %w", u.ID, err)
		}
		return os.WriteFile(filepath.Join(dir, u.ID+".xlsx"), filled.Bytes(), 0o644)
	})
}

// runCollect runs the collect command on inbox into the register at out.
// Findings would go to the discarded error stream; an error in any
// workbook fails the run, since the benchmark's workbooks are all valid.
func runCollect(org *domain.Organisation, cat *i18n.Catalogue, inbox, out string) error {
	f := &cmdutil.Factory{
		IO:         &cmdutil.IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard, Quiet: true},
		Now:        func() time.Time { return time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC) },
		Getenv:     func(string) string { return "" },
		Catalogue:  cat,
		LangFlag:   "sv",
		LoadConfig: func(string) (*domain.Organisation, domain.Findings, error) { return org, nil, nil },
		LoadKey:    testkit.LoadKey,
	}
	cmd := collect.NewCmdCollect(f, nil)
	cmd.SetArgs([]string{inbox, "-o", out, "--date", "2027-03-01"})
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.Execute(); err != nil {
		if errors.Is(err, cmdutil.ErrInputs) {
			return fmt.Errorf("collect found errors in the synthetic workbooks: %w", err)
		}
		return err
	}
	return nil
}

// bareCollect reads every workbook under dir the plain excelize way: open,
// read the custom properties, the identity sheet and each cell of the
// defined names that start with prefix (the drop-down lists aside), close.
// It returns how many workbooks it read.
func bareCollect(dir, prefix, identitySheet string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".xlsx") {
			return err
		}
		n++
		return bareRead(path, prefix, identitySheet)
	})
	return n, err
}

func bareRead(path, prefix, identitySheet string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	props, err := f.GetCustomProps()
	if err != nil {
		return err
	}
	rows, err := f.GetRows(identitySheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return err
	}
	// openpyxl drops the custom properties; the identity sheet stays.
	_ = props
	if len(rows) == 0 {
		return fmt.Errorf("%s: no identity", path)
	}
	cells := 0
	for _, dn := range f.GetDefinedName() {
		if !strings.HasPrefix(dn.Name, prefix) || strings.HasPrefix(dn.Name, prefix+"List_") {
			continue
		}
		sheet, c1, r1, c2, r2, err := area(dn.RefersTo)
		if err != nil {
			return fmt.Errorf("%s: %s: %w", path, dn.Name, err)
		}
		for r := r1; r <= r2; r++ {
			for c := c1; c <= c2; c++ {
				ref, _ := excelize.CoordinatesToCellName(c, r)
				if _, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true}); err != nil {
					return err
				}
				cells++
			}
		}
	}
	if cells == 0 {
		return fmt.Errorf("%s: no regions", path)
	}
	return nil
}

// area splits 'Sheet'!$A$1:$B$2 into the sheet and the corners.
func area(refersTo string) (sheet string, c1, r1, c2, r2 int, err error) {
	i := strings.LastIndex(refersTo, "!")
	if i < 0 {
		return "", 0, 0, 0, 0, fmt.Errorf("no sheet in %q", refersTo)
	}
	sheet = refersTo[:i]
	if strings.HasPrefix(sheet, "'") {
		sheet = strings.ReplaceAll(strings.Trim(sheet, "'"), "''", "'")
	}
	from, to, _ := strings.Cut(strings.ReplaceAll(refersTo[i+1:], "$", ""), ":")
	if to == "" {
		to = from
	}
	if c1, r1, err = excelize.CellNameToCoordinates(from); err != nil {
		return
	}
	c2, r2, err = excelize.CellNameToCoordinates(to)
	return
}
