package version

import (
	"bytes"
	"errors"
	"flag"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

// builds are the kinds of binary HR and developers run.
var builds = map[string]*debug.BuildInfo{
	// make dist on a tagged commit
	"release": {GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
		{Key: "GOOS", Value: "windows"}, {Key: "GOARCH", Value: "amd64"},
		{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2027-01-05T10:20:30Z"}, {Key: "vcs.modified", Value: "false"},
	}},
	// make build with uncommitted changes, between tags
	"dirty": {GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.1-0.20270105102030-0123456789ab+dirty"}, Settings: []debug.BuildSetting{
		{Key: "GOOS", Value: "linux"}, {Key: "GOARCH", Value: "amd64"},
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2027-01-05T11:20:30+01:00"}, {Key: "vcs.modified", Value: "true"},
	}},
	// go install …@latest on an untagged commit: no VCS settings
	"go install": {GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20270105102030-0123456789ab"}, Settings: []debug.BuildSetting{
		{Key: "GOOS", Value: "darwin"}, {Key: "GOARCH", Value: "arm64"},
	}},
	// go build with -buildvcs=false, or go run
	"devel": {GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "GOOS", Value: "linux"}, {Key: "GOARCH", Value: "arm64"},
	}},
}

func TestFromBuildInfo(t *testing.T) {
	tests := []struct {
		build string
		want  Info
	}{
		{"release", Info{Version: "v1.2.0", Commit: "0123456789abcdef0123456789abcdef01234567", Date: "2027-01-05T10:20:30Z", OS: "windows", Arch: "amd64"}},
		{"dirty", Info{Version: "v1.2.1-0.20270105102030-0123456789ab+dirty", Commit: "0123456789abcdef0123456789abcdef01234567", Date: "2027-01-05T10:20:30Z", Modified: true, OS: "linux", Arch: "amd64"}},
		{"go install", Info{Version: "v0.0.0-20270105102030-0123456789ab", Commit: "0123456789ab", Date: "2027-01-05T10:20:30Z", OS: "darwin", Arch: "arm64"}},
		{"devel", Info{Version: "(devel)", OS: "linux", Arch: "arm64"}},
	}
	for _, tt := range tests {
		t.Run(tt.build, func(t *testing.T) {
			want := tt.want
			want.Go, want.TemplateVersion, want.RegisterSchema = "go1.26.8", domain.TemplateVersion, domain.RegisterSchemaVersion
			if got := FromBuildInfo(builds[tt.build]); got != want {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
	if got := FromBuildInfo(nil); got.Version != "(devel)" || got.Commit != "" || got.Go == "" || got.OS == "" {
		t.Errorf("no build information: %+v", got)
	}
}

// TestVersionGolden keeps the text and JSON output of each kind of
// build in both languages.
func TestVersionGolden(t *testing.T) {
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	for _, build := range []string{"release", "dirty", "go install", "devel"} {
		for _, lang := range []string{"sv", "en"} {
			for _, format := range []string{"text", "json"} {
				name := strings.ReplaceAll(build, " ", "-") + "." + lang + "." + format
				t.Run(name, func(t *testing.T) {
					var out bytes.Buffer
					f := &cmdutil.Factory{
						IO:        &cmdutil.IOStreams{Out: &out, ErrOut: &bytes.Buffer{}},
						Now:       func() time.Time { return time.Date(2027, 1, 15, 9, 0, 0, 0, time.UTC) },
						Getenv:    func(string) string { return "" },
						Catalogue: cat,
						LangFlag:  lang,
					}
					cmd := NewCmdVersion(f, func(o *VersionOptions) error {
						o.BuildInfo = func() (*debug.BuildInfo, bool) { return builds[build], true }
						return runVersion(o)
					})
					cmd.SetArgs([]string{"--format", format})
					if err := cmd.Execute(); err != nil {
						t.Fatal(err)
					}
					testkit.Golden(t, "testdata", name+".golden", out.Bytes(), *update)
				})
			}
		}
	}
}

func TestVersionBadFormat(t *testing.T) {
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	f := &cmdutil.Factory{IO: &cmdutil.IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, Getenv: func(string) string { return "" }, Catalogue: cat}
	cmd := NewCmdVersion(f, func(*VersionOptions) error { t.Fatal("ran with a bad format"); return nil })
	cmd.SetArgs([]string{"--format", "yaml"})
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	var flagErr *cmdutil.FlagError
	if err := cmd.Execute(); !errors.As(err, &flagErr) {
		t.Fatalf("got %v, want a usage error", err)
	}
}
