package malarbete_test

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDevelopersListsEveryPackage: DEVELOPERS.md's layout names every
// package in a line of its own, so that a newcomer finds any feature's
// room in one look; a package added without its line fails here. The
// commands are listed together as internal/cli/<command>.
func TestDevelopersListsEveryPackage(t *testing.T) {
	f, err := os.Open("DEVELOPERS.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	listed := map[string]bool{}
	commands := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		name, rest, _ := strings.Cut(line, " ")
		listed[name] = true
		if name == "internal/cli/<command>" {
			_, names, _ := strings.Cut(rest, ":")
			for _, c := range strings.Split(names, ",") {
				commands[strings.TrimSpace(c)] = true
			}
		}
	}
	err = filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "out") && p != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		dir := filepath.ToSlash(filepath.Dir(p))
		if dir == "." || listed[dir] {
			return nil
		}
		if parent, cmd := filepath.Split(dir); parent == "internal/cli/" && commands[cmd] {
			return nil
		}
		listed[dir] = true // once per package
		t.Errorf("DEVELOPERS.md does not list the package %s", dir)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
