// Package version implements "malarbete version": which release HR runs,
// the commit it was built from and when, read from the build information
// the Go toolchain stamps into every binary.
package version

import (
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/mod/module"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// Info describes a malarbete binary. It is also the --format json
// document, so its JSON keys are kept stable.
type Info struct {
	// Version is the module version: a tag such as v1.2.0, else a
	// pseudo-version (v0.0.0-20270105102030-0123456789ab), with +dirty
	// when built from uncommitted changes; "(devel)" when unknown.
	Version string `json:"version"`
	// Commit is the full commit hash, or its first 12 characters when
	// only a pseudo-version tells it; empty when unknown.
	Commit string `json:"commit"`
	// Date is the commit's time in RFC 3339, UTC. Release builds are
	// reproducible, so this is their build date; empty when unknown.
	Date string `json:"date"`
	// Modified is true when the binary was built from uncommitted changes.
	Modified bool `json:"modified"`
	// Go is the toolchain that built the binary.
	Go string `json:"go"`
	// OS and Arch are the platform the binary is for.
	OS   string `json:"os"`
	Arch string `json:"arch"`
	// TemplateVersion and RegisterSchema are the versions of the
	// workbook layout and the register schema this binary writes.
	TemplateVersion string `json:"templateVersion"`
	RegisterSchema  int    `json:"registerSchema"`
}

// devel is the version of a binary built without version information.
const devel = "(devel)"

// FromBuildInfo reads Info from the build information; bi may be nil.
func FromBuildInfo(bi *debug.BuildInfo) Info {
	info := Info{
		Version: devel, Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH,
		TemplateVersion: domain.TemplateVersion, RegisterSchema: domain.RegisterSchemaVersion,
	}
	if bi == nil {
		return info
	}
	if v := bi.Main.Version; v != "" {
		info.Version = v
	}
	if bi.GoVersion != "" {
		info.Go = bi.GoVersion
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Commit = s.Value
		case "vcs.time":
			if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
				info.Date = t.UTC().Format(time.RFC3339)
			}
		case "vcs.modified":
			info.Modified = s.Value == "true"
		case "GOOS":
			info.OS = s.Value
		case "GOARCH":
			info.Arch = s.Value
		}
	}
	// "go install …@latest" stamps no VCS settings, but a pseudo-version
	// carries the commit and its time.
	if info.Commit == "" && module.IsPseudoVersion(info.Version) {
		if rev, err := module.PseudoVersionRev(info.Version); err == nil {
			info.Commit = rev
		}
		if t, err := module.PseudoVersionTime(info.Version); err == nil {
			info.Date = t.UTC().Format(time.RFC3339)
		}
	}
	return info
}

// Current returns the Info of the running binary.
func Current() Info {
	bi, _ := debug.ReadBuildInfo()
	return FromBuildInfo(bi)
}

// VersionOptions are the inputs of the version command.
type VersionOptions struct {
	IO        *cmdutil.IOStreams
	Localizer func() *i18n.Localizer
	// BuildInfo reads the binary's build information; tests replace it.
	BuildInfo func() (*debug.BuildInfo, bool)

	// Format is "text" or "json".
	Format string
}

// NewCmdVersion returns the version command; runF replaces the run in
// tests.
func NewCmdVersion(f *cmdutil.Factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{IO: f.IO, Localizer: f.Localizer, BuildInfo: debug.ReadBuildInfo}
	l := f.Localizer()
	cmd := &cobra.Command{
		Use:     "version",
		Short:   l.T("VersionShort", nil),
		Long:    l.T("VersionLong", nil),
		Example: l.T("VersionExample", nil),
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Format != "text" && opts.Format != "json" {
				return cmdutil.FlagErrorf("%s", l.T("VersionBadFormat", map[string]any{"Value": opts.Format}))
			}
			if runF != nil {
				return runF(opts)
			}
			return runVersion(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", l.T("VersionFlagFormat", nil))
	return cmd
}

func runVersion(opts *VersionOptions) error {
	bi, _ := opts.BuildInfo()
	info := FromBuildInfo(bi)
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(info)
	}
	l := opts.Localizer()
	w := opts.IO.Out
	fmt.Fprintln(w, l.T("VersionLine", map[string]any{"Version": info.Version}))
	if info.Commit != "" {
		id := "VersionBuilt"
		if info.Modified {
			id = "VersionBuiltModified"
		}
		fmt.Fprintln(w, l.T(id, map[string]any{"Commit": info.Commit, "Date": textDate(info.Date)}))
	} else {
		fmt.Fprintln(w, l.T("VersionUnknownCommit", nil))
	}
	fmt.Fprintln(w, l.T("VersionDetails", map[string]any{
		"Template": info.TemplateVersion, "Register": info.RegisterSchema,
		"Go": info.Go, "Platform": info.OS + "/" + info.Arch,
	}))
	return nil
}

// textDate shows an RFC 3339 time to the minute; "?" when unknown.
func textDate(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return "?"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}
