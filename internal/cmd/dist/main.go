// Command dist builds the release archives that HR downloads: malarbete
// cross-compiled for Windows, macOS and Linux, each archive with the
// binary, the READMEs, the documentation, the bundled examples and the
// licences of everything compiled in, plus SHA256SUMS. "make dist" runs
// it.
//
//	dist [-o DIR] [-targets GOOS/GOARCH,...]
//
// The archives are reproducible: the same commit and Go toolchain give
// the same bytes. The binaries are built with -trimpath and the commit
// stamped in (-buildvcs), every entry carries the last commit's time
// (or SOURCE_DATE_EPOCH), entries are sorted and have fixed owners and
// modes, and the compressors write no time or name of their own.
package main

import (
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/cli/version"
)

// defaultTargets are the platforms HR and IT use: Windows PCs (Intel/AMD
// and ARM), Macs (Apple silicon and Intel) and Linux servers.
const defaultTargets = "windows/amd64,windows/arm64,darwin/arm64,darwin/amd64,linux/amd64"

func main() {
	out := flag.String("o", "dist", "output `folder`; it must not exist or be empty")
	targets := flag.String("targets", defaultTargets, "comma-separated `GOOS/GOARCH` list")
	flag.Parse()
	if err := run(*out, *targets); err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}

// target is one platform to build for.
type target struct{ OS, Arch string }

// label is the platform in archive names: "macos" says more to HR than
// Go's "darwin".
func (t target) label() string {
	if t.OS == "darwin" {
		return "macos-" + t.Arch
	}
	return t.OS + "-" + t.Arch
}

func (t target) exe() string {
	if t.OS == "windows" {
		return "malarbete.exe"
	}
	return "malarbete"
}

func parseTargets(s string) ([]target, error) {
	var ts []target
	for _, f := range strings.Split(s, ",") {
		goos, goarch, ok := strings.Cut(strings.TrimSpace(f), "/")
		if !ok || goos == "" || goarch == "" {
			return nil, fmt.Errorf("target %q: want GOOS/GOARCH", f)
		}
		ts = append(ts, target{goos, goarch})
	}
	return ts, nil
}

func run(out, targetList string) error {
	targets, err := parseTargets(targetList)
	if err != nil {
		return err
	}
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty; remove it first", out)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	docs, err := documents(root)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "malarbete-dist-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	var archives []string
	for _, t := range targets {
		bin := filepath.Join(work, t.label(), t.exe())
		if err := build(root, t, bin); err != nil {
			return err
		}
		bi, err := buildinfo.ReadFile(bin)
		if err != nil {
			return fmt.Errorf("read build information of %s: %w", bin, err)
		}
		info := version.FromBuildInfo(bi)
		mtime, err := sourceTime(root, info)
		if err != nil {
			return err
		}
		warn(info)
		exe, err := os.ReadFile(bin)
		if err != nil {
			return err
		}
		licences, err := licences(root, t)
		if err != nil {
			return err
		}
		files := append([]entry{{Name: t.exe(), Mode: 0o755, Data: exe}}, docs...)
		files = append(files, licences...)
		name := "malarbete-" + versionLabel(info.Version) + "-" + t.label()
		file := filepath.Join(out, name+archiveExt(t))
		if err := writeArchive(file, name, files, mtime); err != nil {
			return err
		}
		archives = append(archives, file)
		fmt.Println(file)
	}
	return writeSums(filepath.Join(out, "SHA256SUMS"), archives)
}

// build cross-compiles malarbete for t. CGO is off so that every target
// builds here; the micro-architecture levels are pinned to the baseline
// so that a developer's GOAMD64 cannot leave old PCs behind.
func build(root string, t target, bin string) error {
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=true", "-ldflags=-s -w", "-o", bin, "./cmd/malarbete")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS="+t.OS, "GOARCH="+t.Arch, "CGO_ENABLED=0",
		"GOFLAGS=-mod=readonly", "GOAMD64=v1", "GOARM64=v8.0")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("build %s/%s: %w", t.OS, t.Arch, err)
	}
	return nil
}

// moduleRoot is the folder of go.mod, where the READMEs and docs are.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run dist inside the malarbete module")
	}
	return filepath.Dir(mod), nil
}

// documents are the files every archive holds beside the binary: the
// READMEs, the documentation they link to, and the bundled examples as
// the binary embeds them (init --example writes the same files).
func documents(root string) ([]entry, error) {
	var files []entry
	for _, name := range []string{"README.md", "README.en.md"} {
		b, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			return nil, err
		}
		files = append(files, entry{Name: name, Mode: 0o644, Data: b})
	}
	docs, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		b, err := os.ReadFile(d)
		if err != nil {
			return nil, err
		}
		files = append(files, entry{Name: "docs/" + filepath.Base(d), Mode: 0o644, Data: b})
	}
	err = fs.WalkDir(malarbete.Examples, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// The answers are the demo's stand-in managers, not examples.
		if d.IsDir() && d.Name() == "answers" {
			return fs.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(malarbete.Examples, p)
		if err != nil {
			return err
		}
		files = append(files, entry{Name: path.Join("examples", p), Mode: 0o644, Data: b})
		return nil
	})
	return files, err
}

// sourceTime is the time every archive entry carries: SOURCE_DATE_EPOCH
// when set, else the commit time stamped into the binary, else the last
// commit's time from git (Go stamps nothing in a linked git worktree).
func sourceTime(root string, info version.Info) (time.Time, error) {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q: %w", s, err)
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339, info.Date); err == nil {
		return t.UTC(), nil
	}
	cmd := exec.Command("git", "log", "-1", "--format=%ct")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return time.Time{}, errors.New("no commit time: build from a git clone or set SOURCE_DATE_EPOCH")
	}
	sec, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("git log: %w", err)
	}
	return time.Unix(sec, 0).UTC(), nil
}

// warn says when the archives are not fit to publish.
func warn(info version.Info) {
	switch {
	case info.Commit == "":
		fmt.Fprintln(os.Stderr, "dist: warning: no commit stamped in the binary (a linked git worktree?); build from a clone to publish")
	case info.Modified:
		fmt.Fprintln(os.Stderr, "dist: warning: built from uncommitted changes; commit them before publishing")
	}
}

// versionLabel is the version as part of a file name: "(devel)" becomes
// "devel".
func versionLabel(v string) string {
	return strings.Trim(v, "()")
}

func archiveExt(t target) string {
	if t.OS == "windows" {
		return ".zip" // Explorer opens zip files without extra software
	}
	return ".tar.gz" // keeps the binary's executable bit
}

// writeSums writes "hash  name" lines, as sha256sum -c reads them.
func writeSums(file string, archives []string) error {
	slices.SortFunc(archives, func(a, b string) int { return strings.Compare(filepath.Base(a), filepath.Base(b)) })
	var b strings.Builder
	for _, a := range archives {
		data, err := os.ReadFile(a)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), filepath.Base(a))
	}
	return os.WriteFile(file, []byte(b.String()), 0o644)
}
