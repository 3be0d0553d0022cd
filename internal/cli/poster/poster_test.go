package poster_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/cli/poster"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/report/reporttest"
	"github.com/malarbete/malarbete/internal/testkit"
)

// TestFlags checks the usage errors before anything is read.
func TestFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		ok   bool
	}{
		{"no register", []string{"-o", "x"}, false},
		{"no folder", []string{"--register", "r.json"}, false},
		{"bad size", []string{"--register", "r.json", "-o", "x", "--size", "A5"}, false},
		{"bad date", []string{"--register", "r.json", "-o", "x", "--date", "2027-13-01"}, false},
		{"a3 in lower case", []string{"--register", "r.json", "-o", "x", "--size", "a3"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, _, _ := testkit.Factory(t, "sv")
			var got *poster.PosterOptions
			cmd := poster.NewCmdPoster(f, func(o *poster.PosterOptions) error { got = o; return nil })
			cmd.SetArgs(tc.args)
			cmd.SilenceErrors, cmd.SilenceUsage = true, true
			err := cmd.Execute()
			if tc.ok != (err == nil) {
				t.Fatalf("error %v", err)
			}
			var fe *cmdutil.FlagError
			if err != nil && !errors.As(err, &fe) {
				t.Errorf("not a usage error: %v", err)
			}
			if tc.ok && got.Size != "A3" {
				t.Errorf("size %q", got.Size)
			}
		})
	}
}

// TestRun writes the fixture's posters, refuses to overwrite them without
// --force and names the teams without goals.
func TestRun(t *testing.T) {
	org := reporttest.Organisation()
	dir := t.TempDir()
	regPath := filepath.Join(dir, "register.json")
	data, err := register.Encode(reporttest.Register())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(regPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "affischer")
	run := func(args ...string) (string, error) {
		f, stdout, stderr := testkit.FactoryWith(t, "sv", org)
		cmd := poster.NewCmdPoster(f, nil)
		cmd.SetArgs(append([]string{"--register", regPath, "-o", out, "--round", "plan", "--html"}, args...))
		cmd.SilenceErrors, cmd.SilenceUsage = true, true
		err := cmd.Execute()
		return stdout.String() + stderr.String(), err
	}
	msg, err := run()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "affischer i") {
		t.Errorf("output %q", msg)
	}
	for _, name := range []string{"Hemtjänsten – Hemtjänst norr – målkedja 2027.pdf", "Hemtjänsten – Hemtjänst norr – målkedja 2027.html"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
	var ue *cmdutil.UserError
	if _, err := run(); !errors.As(err, &ue) || ue.MessageID != "PosterErrExists" {
		t.Errorf("second run: %v", err)
	}
	if _, err := run("--force"); err != nil {
		t.Errorf("--force: %v", err)
	}
}
