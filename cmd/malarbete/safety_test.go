package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/testkit"
	"github.com/malarbete/malarbete/internal/workbook"
)

var (
	filledOnce sync.Once
	filledDir  string
	filledErr  error
)

// filledInbox returns a folder with the Sorsele planning workbooks, one
// per unit, filled with the managers' sample answers through the
// workbook layer: workbooks that collect takes without errors. They are
// built once per test process; callers copy what they need.
func filledInbox(t *testing.T) string {
	t.Helper()
	filledOnce.Do(func() {
		org := testkit.SorseleOrg(t)
		subs := testkit.SorseleSubmissions(t, domain.PlanRound, "")
		dir, err := os.MkdirTemp("", "malarbete-filled-")
		if err != nil {
			filledErr = err
			return
		}
		for u, sub := range subs {
			var blank, filled bytes.Buffer
			if _, err := workbook.Write(&blank, org, workbook.Options{Unit: u, Date: domain.NewDate(2027, 1, 11), Key: sorseleKey}); err != nil {
				filledErr = err
				return
			}
			if err := workbook.Fill(bytes.NewReader(blank.Bytes()), int64(blank.Len()), &filled, sub, org); err != nil {
				filledErr = err
				return
			}
			if err := os.WriteFile(filepath.Join(dir, u+".xlsx"), filled.Bytes(), 0o644); err != nil {
				filledErr = err
				return
			}
		}
		filledDir = dir
	})
	if filledErr != nil {
		t.Fatal(filledErr)
	}
	return filledDir
}

// copyFiles copies the named files of src into a new folder dst.
func copyFiles(t *testing.T, src, dst string, names []string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(src, n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

// noTemporary fails when dir holds a temporary or staging file of ours.
func noTemporary(t *testing.T, dir, what string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".malarbete-tmp-") {
			t.Errorf("%s left %s", what, p)
		}
		return nil
	})
}

// TestConcurrentCollect runs, 20 times, two collects at once of
// different units into one register: every unit of both must be in it.
// Without the register's lock both read the same register and the last
// to write won, losing the other's units.
func TestConcurrentCollect(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 40 real collects")
	}
	src := filledInbox(t)
	all := names(t, src)
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	copyFiles(t, src, a, all[:len(all)/2])
	copyFiles(t, src, b, all[len(all)/2:])
	for trial := range 20 {
		reg := filepath.Join(root, fmt.Sprintf("register-%d.json", trial))
		var wg sync.WaitGroup
		outs := make([][]byte, 2)
		errs := make([]error, 2)
		for i, in := range []string{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				outs[i], errs[i] = command(t, "-c", sorsele, "--quiet", "collect", in, "-o", reg, "--date", "2027-03-01").CombinedOutput()
			}()
		}
		wg.Wait()
		for i := range errs {
			if errs[i] != nil {
				t.Fatalf("trial %d: collect %d: %v\n%s", trial, i, errs[i], outs[i])
			}
		}
		got, err := register.Read(reg)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if len(got.Units) != len(all) {
			var units []string
			for _, u := range got.Units {
				units = append(units, u.Unit)
			}
			t.Fatalf("trial %d: the register has %d units, want %d: %v", trial, len(got.Units), len(all), units)
		}
	}
}

// TestStaleLockDoesNotBlock holds the register's lock in another process:
// collect with --wait 0 refuses at once and says why. Once that process
// is killed with -9, its lock is gone with it and collect runs.
func TestStaleLockDoesNotBlock(t *testing.T) {
	src := filledInbox(t)
	root := t.TempDir()
	in := filepath.Join(root, "in")
	copyFiles(t, src, in, names(t, src)[:1])
	reg := filepath.Join(root, "register.json")

	holder := exec.Command(os.Args[0], reg)
	holder.Args[0] = "malarbete-holdlock"
	stdout, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Process.Kill()
	buf := make([]byte, 6)
	if _, err := stdout.Read(buf); err != nil || string(buf) != "locked" {
		t.Fatalf("the lock holder did not start: %q %v", buf, err)
	}

	out, err := command(t, "-c", sorsele, "collect", in, "-o", reg, "--wait", "0").CombinedOutput()
	if code := exitCode(err); code != 1 || !strings.Contains(string(out), "används av en annan körning") {
		t.Fatalf("collect while another holds the lock: exit %d, want 1 with a message\n%s", code, out)
	}
	if _, err := os.Stat(reg); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a register was written without the lock: %v", err)
	}
	holder.Process.Signal(syscall.SIGKILL)
	holder.Wait()
	if out, err := command(t, "-c", sorsele, "collect", in, "-o", reg, "--wait", "0").CombinedOutput(); err != nil {
		t.Fatalf("collect after the holder was killed: %v\n%s", err, out)
	}
}

// holdLock is the lock holder of TestStaleLockDoesNotBlock, run as a
// child process: it takes the lock of the register named by its
// argument, says "locked" and waits to be killed.
func holdLock() {
	unlock, err := register.Lock(context.Background(), os.Args[1], 0, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer unlock()
	fmt.Print("locked")
	time.Sleep(time.Hour)
}

// TestInterrupt sends SIGINT to generate and to collect while they work:
// each stops with exit 130 and a message, and leaves no partial or
// temporary file; collect leaves the earlier register as it was.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("signals real processes")
	}
	root := t.TempDir()

	// generate: interrupted once the first workbook is staged.
	out := filepath.Join(root, "utskick")
	cmd := command(t, "-c", sorsele, "generate", "-o", out, "--per", "team", "--date", "2027-01-11")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		m, _ := filepath.Glob(filepath.Join(root, ".malarbete-tmp-stage-*", "*", "*.xlsx"))
		return len(m) > 0
	})
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	if code := exitCode(err); code != 130 {
		t.Fatalf("generate after SIGINT: exit %d, want 130\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "avbrutet") {
		t.Errorf("no message about the interruption:\n%s", stderr.String())
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("an interrupted generate left %v", entries)
	}

	// collect: interrupted while it reads a large inbox.
	src := filledInbox(t)
	inbox := filepath.Join(root, "inkorg")
	for i := range 6 {
		copyFiles(t, src, filepath.Join(inbox, fmt.Sprint(i)), names(t, src))
	}
	reg := filepath.Join(root, "register.json")
	earlier := []byte(`{"schemaVersion":1,"organisation":"sorsele","period":"2027","rounds":[],"units":[]}` + "\n")
	if err := os.WriteFile(reg, earlier, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd = command(t, "-c", sorsele, "collect", inbox, "-o", reg, "--date", "2027-03-01")
	stderr.Reset()
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGINT)
	err = cmd.Wait()
	if code := exitCode(err); code != 130 {
		t.Fatalf("collect after SIGINT at %v: exit %d, want 130\n%s", time.Since(start), code, stderr.String())
	}
	if got, _ := os.ReadFile(reg); !bytes.Equal(got, earlier) {
		t.Errorf("an interrupted collect changed the register")
	}
	noTemporary(t, root, "an interrupted collect")
}

// smallPNG returns a 40 × 20 PNG.
func smallPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 40, 20))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// waitFor polls cond for up to 20 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("timed out waiting")
}

// TestKillFollowUpGenerate kills `generate --round` at random moments:
// what it leaves is either nothing or the whole set, never a partial one,
// and a rerun without --force finishes it, equal to an undisturbed run.
func TestKillFollowUpGenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real processes")
	}
	rng := rand.New(rand.NewPCG(testkit.Seed(t), 2))
	root := t.TempDir()
	reg := filepath.Join(root, "register.json")
	if out, err := command(t, "-c", sorsele, "--quiet", "collect", filledInbox(t), "-o", reg, "--date", "2027-03-01").CombinedOutput(); err != nil {
		t.Fatalf("collect: %v\n%s", err, out)
	}
	gen := func(out string) *exec.Cmd {
		return command(t, "-c", sorsele, "--quiet", "generate", "--round", "april", "--register", reg, "-o", out, "--date", "2027-04-01")
	}
	ref := filepath.Join(root, "ref")
	full, want := reference(t, gen(ref), ref)
	for i := range 5 {
		parent := filepath.Join(root, "kill", fmt.Sprint(i))
		out := filepath.Join(parent, "april")
		killWithin(t, rng, gen(out), full)
		if got := tree(t, out); len(got) != 0 && !equalTrees(got, want) {
			t.Errorf("kill %d left a partial set of %d files (want none or %d)", i, len(got), len(want))
		}
		if b, err := gen(out).CombinedOutput(); err != nil && len(tree(t, out)) != len(want) {
			t.Fatalf("rerun after kill %d without --force: %v\n%s", i, err, b)
		}
		if got := tree(t, out); !equalTrees(got, want) {
			t.Errorf("rerun after kill %d differs from an undisturbed run", i)
		}
		noTemporary(t, parent, fmt.Sprintf("kill %d and its rerun", i))
	}
}

// TestReportLogo runs report with the logo beside a config in another
// folder (`-c conf/organisation.yaml`, `logo: logo.png`), which report
// used to look for in conf/conf/; then with a logo that claims 40000 ×
// 40000 pixels, which took 3.7 GB and ended out of memory: it must exit
// 1 with a message, in under 5 s and 300 MB.
func TestReportLogo(t *testing.T) {
	root := t.TempDir()
	conf := filepath.Join(root, "conf")
	data, err := os.ReadFile("../../examples/example-town/organisation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("  language: en\n"), []byte("  language: en\n  logo: logo.png\n"), 1)
	if err := os.MkdirAll(conf, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.WriteFile(filepath.Join(conf, "organisation.yaml"), data, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	reg := filepath.Join(root, "register.json")
	empty, _ := json.Marshal(map[string]any{"schemaVersion": 1, "organisation": "example-town", "period": "2027", "rounds": []string{}, "units": []string{}})
	if err := os.WriteFile(reg, empty, 0o644); err != nil {
		t.Fatal(err)
	}
	report := func(out string) *exec.Cmd {
		cmd := command(t, "-c", filepath.Join("conf", "organisation.yaml"), "report", "--register", reg, "-o", out)
		cmd.Dir = root
		return cmd
	}

	if err := os.WriteFile(filepath.Join(conf, "logo.png"), smallPNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := report("ok.pdf").CombinedOutput(); err != nil {
		t.Fatalf("report with a logo beside the config: %v\n%s", err, out)
	}

	if err := os.WriteFile(filepath.Join(conf, "logo.png"), testkit.PNGHeader(40000, 40000), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := report("bomb.pdf")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	if code := exitCode(err); code != 1 || !strings.Contains(string(out), "40000 × 40000") {
		t.Fatalf("report with a 40000 × 40000 logo: exit %d, want 1 with a message\n%s", code, out)
	}
	if took > 5*time.Second {
		t.Errorf("report took %v, want under 5 s", took)
	}
	if rss := peakRSS(cmd.ProcessState); rss > 300<<20 {
		t.Errorf("report peaked at %d MB, want under 300 MB", rss>>20)
	}
	if _, err := os.Stat(filepath.Join(root, "bomb.pdf")); err == nil {
		t.Error("a report was written with the refused logo")
	}
}
