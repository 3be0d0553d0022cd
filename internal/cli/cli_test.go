package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

// run executes the command line with captured streams and a fixed clock.
func run(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	f := &cmdutil.Factory{
		IO:         &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Now:        func() time.Time { return time.Date(2027, 1, 15, 9, 0, 0, 0, time.UTC) },
		Getenv:     func(k string) string { return env[k] },
		Catalogue:  cat,
		LoadConfig: config.Load,
	}
	code = Run(f, args)
	return out.String(), errOut.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	testkit.Golden(t, "testdata", name, []byte(got), *update)
}

// TestCheckGolden covers the check output in both languages: a valid
// config's summary and a config with ten different mistakes.
func TestCheckGolden(t *testing.T) {
	tests := []struct {
		name   string
		config string
		lang   string
		code   int
	}{
		{"sorsele.sv", "../../examples/sorsele/organisation.yaml", "sv", 0},
		{"sorsele.en", "../../examples/sorsele/organisation.yaml", "en", 0},
		{"ten-mistakes.sv", "testdata/check/ten-mistakes.yaml", "sv", 1},
		{"ten-mistakes.en", "testdata/check/ten-mistakes.yaml", "en", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := run(t, nil, "--lang", tt.lang, "-c", tt.config, "check")
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			golden(t, "check/"+tt.name+".golden", stdout+stderr)
		})
	}
}

// TestTenMistakes checks that each of the ten mistakes gives one located
// error in one run.
func TestTenMistakes(t *testing.T) {
	_, stderr, code := run(t, nil, "-c", "testdata/check/ten-mistakes.yaml", "check")
	if code != cmdutil.ExitInputs {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 10 {
		t.Fatalf("got %d lines, want 10:\n%s", len(lines), stderr)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "testdata/check/ten-mistakes.yaml:") || !strings.Contains(l, ": fel: ") {
			t.Errorf("line without file:line:col and severity: %s", l)
		}
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"help", []string{"--help"}, 0},
		{"version", []string{"version"}, 0},
		{"unknown command", []string{"nosuch"}, 2},
		{"unknown flag", []string{"check", "--nosuch"}, 2},
		{"extra argument", []string{"check", "x"}, 2},
		{"bad language", []string{"--lang", "fi", "version"}, 2},
		{"missing config", []string{"-c", "testdata/none.yaml", "check"}, 1},
		{"completion", []string{"completion", "bash"}, 0},
		{"completion without shell", []string{"completion"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(t, nil, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stderr)
			}
		})
	}
}

func TestLanguageFromEnvironment(t *testing.T) {
	out, _, _ := run(t, map[string]string{"LANG": "en_GB.UTF-8"}, "--help")
	if !strings.Contains(out, "Exit status:") {
		t.Errorf("LANG=en_GB gave no English help:\n%s", out)
	}
	out, _, _ = run(t, nil, "--help")
	if !strings.Contains(out, "Slutstatus:") {
		t.Errorf("default help is not Swedish:\n%s", out)
	}
}

func TestInitNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	for _, ex := range []string{"blank", "sorsele", "example-town"} {
		d := filepath.Join(dir, ex)
		if _, stderr, code := run(t, nil, "init", d, "--example", ex); code != 0 {
			t.Fatalf("init %s: %d %s", ex, code, stderr)
		}
		if _, stderr, code := run(t, nil, "-c", filepath.Join(d, "organisation.yaml"), "check"); code != 0 {
			t.Errorf("the %s starter does not pass check: %s", ex, stderr)
		}
		if _, _, code := run(t, nil, "init", d); code != cmdutil.ExitInputs {
			t.Errorf("second init in %s: exit %d, want 1", ex, code)
		}
	}
	en := filepath.Join(dir, "en")
	run(t, nil, "--lang", "en", "init", en)
	b, _ := os.ReadFile(filepath.Join(en, "organisation.yaml"))
	if !strings.Contains(string(b), "# Organisation file for malarbete") {
		t.Errorf("--lang en starter is not English")
	}
}

// TestFileInUse checks the message for an output that another program
// holds open, which Windows refuses to replace: exit 1 and the file
// named, in both languages, whether or not a command localized the
// error first.
func TestFileInUse(t *testing.T) {
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	inUse := fmt.Errorf("%w: %w", atomicfile.ErrInUse, &os.LinkError{Op: "rename", Old: `Rapporter\.malarbete-tmp-1`, New: `Rapporter\Målrapport 2027.pdf`, Err: errors.New("Access is denied.")})
	tests := []struct {
		name, lang string
		err        error
		want       []string
	}{
		{"plain sv", "sv", fmt.Errorf("report: %w", inUse), []string{`Filen Rapporter\Målrapport 2027.pdf kunde inte ersättas`}},
		{"plain en", "en", fmt.Errorf("report: %w", inUse), []string{`The file Rapporter\Målrapport 2027.pdf could not be replaced`}},
		{"localized sv", "sv", cmdutil.WriteFailed("register.json", inUse), []string{"register.json kunde inte skrivas: den är öppen i ett annat program", "Filen är öppen i ett annat program"}},
		{"localized en", "en", cmdutil.WriteFailed("register.json", inUse), []string{"register.json could not be written: it is open in another program", "The file is open in another program"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errOut bytes.Buffer
			f := &cmdutil.Factory{IO: &cmdutil.IOStreams{ErrOut: &errOut}, Catalogue: cat, LangFlag: tt.lang, Getenv: func(string) string { return "" }}
			if code := exitCode(f, tt.err); code != cmdutil.ExitInputs {
				t.Errorf("exit %d, want %d", code, cmdutil.ExitInputs)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut.String(), w) {
					t.Errorf("message lacks %q:\n%s", w, errOut.String())
				}
			}
		})
	}
}
