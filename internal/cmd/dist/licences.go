package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// licences returns the licence texts of everything compiled into the
// binary for t, from the module cache and GOROOT: the BSD and MIT
// licences of Go and the modules ask binary distributions to reproduce
// them, and the Liberation fonts the report embeds are under the SIL Open
// Font License. malarbete itself states no licence, so none is added for
// it. A module without a licence file stops the build: its terms are
// unknown.
func licences(root string, t target) ([]entry, error) {
	cmd := exec.Command("go", "list", "-deps", "-f",
		"{{with .Module}}{{if not .Main}}{{.Path}}\t{{.Version}}\t{{with .Replace}}{{.Dir}}{{else}}{{.Dir}}{{end}}{{end}}{{end}}",
		"./cmd/malarbete")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS="+t.OS, "GOARCH="+t.Arch, "CGO_ENABLED=0", "GOFLAGS=-mod=readonly")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w\n%s", err, stderr.Bytes())
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %w", err)
	}
	goVersion, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOVERSION: %w", err)
	}
	type module struct{ path, version, dir string }
	mods := []module{{"go", strings.TrimSpace(string(goVersion)), strings.TrimSpace(string(goroot))}}
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 || seen[f[0]] {
			continue
		}
		seen[f[0]] = true
		mods = append(mods, module{f[0], f[1], f[2]})
	}
	var files []entry
	var index strings.Builder
	index.WriteString("malarbete includes Go and these modules; each folder here holds the licence texts of the one with its path.\n" +
		"malarbete innehåller Go och dessa moduler; varje mapp här har licenstexterna för modulen med samma sökväg.\n\n")
	for _, m := range mods {
		names, err := licenceFiles(m.dir)
		if err != nil {
			return nil, err
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("%s %s has no licence file in %s", m.path, m.version, m.dir)
		}
		fmt.Fprintf(&index, "%s %s: %s\n", m.path, m.version, strings.Join(names, ", "))
		for _, n := range names {
			b, err := os.ReadFile(filepath.Join(m.dir, n))
			if err != nil {
				return nil, err
			}
			files = append(files, entry{Name: path.Join("licenses", m.path, n), Mode: 0o644, Data: b})
		}
	}
	files = append(files, entry{Name: "licenses/MODULES.txt", Mode: 0o644, Data: []byte(index.String())})
	return files, nil
}

// licenceFiles lists the licence and notice files at the top of dir.
func licenceFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		up := strings.ToUpper(e.Name())
		for _, p := range []string{"LICENSE", "LICENCE", "COPYING", "NOTICE", "PATENTS"} {
			if !e.IsDir() && strings.HasPrefix(up, p) {
				names = append(names, e.Name())
				break
			}
		}
	}
	return names, nil
}
