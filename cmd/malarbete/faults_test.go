package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/malarbete/malarbete/internal/testkit"
)

func command(t *testing.T, args ...string) *exec.Cmd {
	cmd := exec.Command(testkit.Binary(t), args...)
	cmd.Env = append(os.Environ(), "LANG=sv_SE.UTF-8")
	return cmd
}

// tree returns every file below dir with its content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, p)
			files[rel] = string(b)
		}
		return nil
	})
	return files
}

// TestKillAndRerun kills generate and collect at random moments and
// checks that nothing partial or temporary is left, and that a rerun
// gives the same files as an undisturbed run.
func TestKillAndRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real processes")
	}
	rng := rand.New(rand.NewPCG(testkit.Seed(t), 1))
	root := t.TempDir()

	ref := filepath.Join(root, "ref")
	gen := func(out string, extra ...string) *exec.Cmd {
		return command(t, append([]string{"-c", sorsele, "--quiet", "generate", "-o", out, "--date", "2027-01-11"}, extra...)...)
	}
	full, want := reference(t, gen(ref), ref)
	for i := range 6 {
		out := filepath.Join(root, "kill", string(rune('a'+i)))
		killWithin(t, rng, gen(out), full)
		for name, content := range tree(t, out) {
			if strings.Contains(name, ".malarbete-tmp-") {
				t.Errorf("kill %d left a temporary file %s", i, name)
			} else if content != want[name] {
				t.Errorf("kill %d left a partial or different %s", i, name)
			}
		}
		if b, err := gen(out, "--force").CombinedOutput(); err != nil {
			t.Fatalf("rerun after kill %d: %v\n%s", i, err, b)
		}
		if got := tree(t, out); !equalTrees(got, want) {
			t.Errorf("rerun after kill %d differs from an undisturbed run", i)
		}
		// The killed run's staging folder beside the output is gone too.
		noTemporary(t, filepath.Dir(out), fmt.Sprintf("kill %d and its rerun", i))
	}

	// collect: the register is either the earlier one or the new one.
	reg := filepath.Join(root, "register.json")
	collect := func() *exec.Cmd {
		return command(t, "-c", sorsele, "--quiet", "collect", ref, "-o", reg, "--date", "2027-03-01", "--force")
	}
	if b, err := collect().CombinedOutput(); err != nil && !strings.Contains(string(b), "saknas") {
		t.Fatalf("collect: %v\n%s", err, b)
	}
	wantReg, err := os.ReadFile(reg)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		cmd := collect()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(200 * time.Millisecond))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got, err := os.ReadFile(reg)
		if err != nil || !bytes.Equal(got, wantReg) {
			t.Errorf("kill %d of collect changed or removed the register (%v)", i, err)
		}
		if m, _ := filepath.Glob(filepath.Join(root, ".malarbete-tmp-*")); len(m) > 0 {
			t.Errorf("kill %d of collect left %v", i, m)
		}
	}
}

// reference runs cmd undisturbed and returns how long it took and the
// files it wrote below out.
func reference(t *testing.T, cmd *exec.Cmd, out string) (time.Duration, map[string]string) {
	t.Helper()
	start := time.Now()
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("reference run: %v\n%s", err, b)
	}
	return time.Since(start), tree(t, out)
}

// killWithin starts cmd and kills it with -9 at a random moment within
// full.
func killWithin(t *testing.T, rng *rand.Rand, cmd *exec.Cmd, full time.Duration) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Duration(rng.Int64N(int64(full))))
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestDiskFull runs generate and collect on a tiny tmpfs: a clear
// message, exit 1, no partial file, and the earlier register intact.
// It needs root to mount (CI runs as root).
func TestDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	os.Mkdir(small, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", small).CombinedOutput(); err != nil {
		t.Skipf("cannot mount tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", small).Run() })

	out := filepath.Join(small, "utskick")
	cmd := command(t, "-c", sorsele, "generate", "-o", out, "--date", "2027-01-11")
	b, err := cmd.CombinedOutput()
	if code := exitCode(err); code != 1 {
		t.Fatalf("generate on a full disk: exit %d, want 1\n%s", code, b)
	}
	if !strings.Contains(string(b), "Disken är full") {
		t.Errorf("no disk-full message:\n%s", b)
	}
	checkNoPartial(t, out)

	// A register that fits, then a collect whose new register does not.
	filled := filepath.Join(dir, "utskick")
	if b, err := command(t, "-c", sorsele, "--quiet", "generate", "-o", filled, "--date", "2027-01-11").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	exec.Command("umount", small).Run()
	if b, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", small).CombinedOutput(); err != nil {
		t.Skipf("cannot remount tmpfs: %v %s", err, b)
	}
	reg := filepath.Join(small, "register.json")
	earlier := []byte(`{"schemaVersion":1,"organisation":"sorsele","period":"2027","rounds":[],"units":[]}` + "\n")
	if err := os.WriteFile(reg, earlier, 0o644); err != nil {
		t.Fatal(err)
	}
	// Fill the rest of the disk so the new register cannot be written.
	pad, _ := os.Create(filepath.Join(small, "pad"))
	pad.Write(make([]byte, 64<<10))
	pad.Close()
	b, err = command(t, "-c", sorsele, "collect", filled, "-o", reg, "--date", "2027-03-01", "--force").CombinedOutput()
	if code := exitCode(err); code != 1 {
		t.Fatalf("collect on a full disk: exit %d, want 1\n%s", code, b)
	}
	if !strings.Contains(string(b), "Disken är full") {
		t.Errorf("no disk-full message:\n%s", b)
	}
	if got, _ := os.ReadFile(reg); !bytes.Equal(got, earlier) {
		t.Errorf("the earlier register changed on a full disk")
	}
	checkNoPartial(t, small)
}

func checkNoPartial(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".malarbete-tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}
