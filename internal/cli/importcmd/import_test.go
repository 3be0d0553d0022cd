package importcmd

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/orgimport"
	"github.com/malarbete/malarbete/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

// run runs "import args..." with -c config, captured streams and a fixed
// clock, and returns stdout, stderr and the error Main would map.
func run(t *testing.T, lang, config string, args ...string) (string, string, error) {
	t.Helper()
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	f := &cmdutil.Factory{
		IO:         &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Now:        func() time.Time { return time.Date(2027, 1, 15, 9, 0, 0, 0, time.UTC) },
		Getenv:     func(string) string { return "" },
		Catalogue:  cat,
		LangFlag:   lang,
		ConfigPath: config,
	}
	cmd := NewCmdImport(f, nil)
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	err = cmd.Execute()
	return out.String(), errOut.String(), err
}

// sorsele copies the Sorsele config and sample export into a folder.
func sorsele(t *testing.T) (dir, config, export string) {
	t.Helper()
	dir = t.TempDir()
	for _, name := range []string{"organisation.yaml", "hr-export.csv"} {
		data, err := os.ReadFile(filepath.Join("../../../examples/sorsele", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir, filepath.Join(dir, "organisation.yaml"), filepath.Join(dir, "hr-export.csv")
}

// TestDryRun shows the changes of the sample export in both languages and
// writes nothing.
func TestDryRun(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			dir, config, export := sorsele(t)
			before, _ := os.ReadFile(config)
			stdout, stderr, err := run(t, lang, config, export, "--dry-run")
			if err != nil || stderr != "" {
				t.Fatalf("err %v, stderr %q", err, stderr)
			}
			testkit.Golden(t, "testdata", "dry-run."+lang+".golden", []byte(strings.ReplaceAll(stdout, dir+string(filepath.Separator), "")), *update)
			after, _ := os.ReadFile(config)
			entries, _ := os.ReadDir(dir)
			if !bytes.Equal(before, after) || len(entries) != 2 {
				t.Errorf("a dry run wrote: %d files", len(entries))
			}
		})
	}
}

// TestWrite writes the config with a backup of the previous one, keeps
// its permissions, and a second run changes nothing.
func TestWrite(t *testing.T) {
	dir, config, export := sorsele(t)
	before, _ := os.ReadFile(config)
	stdout, _, err := run(t, "sv", config, export)
	if err != nil {
		t.Fatal(err)
	}
	backup := config + ".20270115-090000.bak"
	if !strings.Contains(stdout, "Skrev "+config+". Den tidigare finns kvar som "+backup+".") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if got, _ := os.ReadFile(backup); !bytes.Equal(got, before) {
		t.Error("the backup is not the previous config")
	}
	after, _ := os.ReadFile(config)
	if bytes.Equal(after, before) || !bytes.Contains(after, []byte("      name: Greta Påhittad\n")) {
		t.Errorf("config not updated")
	}
	if st, _ := os.Stat(config); st.Mode().Perm() != 0o600 {
		t.Errorf("config mode %v, want 0600", st.Mode().Perm())
	}

	stdout, _, err = run(t, "sv", config, export)
	if err != nil || !strings.Contains(stdout, "Inga ändringar") {
		t.Errorf("second run: %v\n%s", err, stdout)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("second run wrote a file: %d entries", len(entries))
	}
}

// TestSameSecond: two imports in one second keep both backups.
func TestSameSecond(t *testing.T) {
	_, config, _ := sorsele(t)
	now := time.Date(2027, 1, 15, 9, 0, 0, 0, time.UTC)
	data, _ := os.ReadFile(config)
	first, err := write(config, data, append(data, "# 1\n"...), now)
	if err != nil {
		t.Fatal(err)
	}
	data2, _ := os.ReadFile(config)
	second, err := write(config, data2, append(data2, "# 2\n"...), now)
	if err != nil || first == second || !strings.HasSuffix(second, "-2.bak") {
		t.Fatalf("backups %s and %s, %v", first, second, err)
	}
	if got, _ := os.ReadFile(second); !bytes.Equal(got, data2) {
		t.Error("second backup differs from the file it replaced")
	}
}

// TestChangedMeanwhile: when the config changes between reading and
// writing, nothing is written and the other change stays.
func TestChangedMeanwhile(t *testing.T) {
	_, config, _ := sorsele(t)
	data, _ := os.ReadFile(config)
	theirs := append(append([]byte(nil), data...), "# saved by someone else\n"...)
	if err := os.WriteFile(config, theirs, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := write(config, data, []byte("ours"), time.Now())
	var ue *cmdutil.UserError
	if !errors.As(err, &ue) || ue.MessageID != "ImportConfigChanged" {
		t.Fatalf("err = %v", err)
	}
	if got, _ := os.ReadFile(config); !bytes.Equal(got, theirs) {
		t.Error("the other change was lost")
	}
	if m, _ := filepath.Glob(config + ".*.bak"); len(m) != 0 {
		t.Errorf("backup written: %v", m)
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name, export, config string
		args                 []string
		wantID               string // UserError or FlagError text, "" for ErrInputs
		stderr               []string
	}{
		{name: "bad rows", export: "Förvaltning;Enhet;Arbetslag;Chef;E-post\nSkola;;Lag;A;a@x.example\nSkola;Förskolan;Myran;Hemlig Person;hemlig.person(at)x\n",
			stderr: []string{"e.csv:2: fel: Arbetslaget Lag saknar enhet.", "e.csv:3: fel: Kolumnen E-post innehåller ingen giltig e-postadress.", "Ingenting skrevs."}},
		{name: "config with errors", export: "Enhet\nA\n", config: "organisation:\n  name: X\n",
			stderr: []string{"organisation.yaml:1:1: fel: Fältet vision saknas.", "Rätta organisationsfilen först"}},
		{name: "no export", args: []string{"saknas.csv"}, wantID: "ImportNotFound"},
		{name: "no config", export: "Enhet\nA\n", args: []string{"-"}, wantID: "ImportConfigNotFound"},
		{name: "bad map", export: "Enhet\nA\n", args: []string{"--map", "Avdelning=avdelning"}, wantID: "--map förstår inte \"Avdelning=avdelning\""},
		{name: "missing register", export: "Enhet\nA\n", args: []string{"--register", "saknas.json"}, wantID: "RegisterMissing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, config, _ := sorsele(t)
			if tt.config != "" {
				os.WriteFile(config, []byte(tt.config), 0o644)
			}
			export := filepath.Join(dir, "e.csv")
			os.WriteFile(export, []byte(tt.export), 0o644)
			before, _ := os.ReadFile(config)
			args := []string{export}
			if len(tt.args) > 0 && !strings.HasPrefix(tt.args[0], "-") {
				args = []string{filepath.Join(dir, tt.args[0])}
			} else if len(tt.args) > 0 && tt.args[0] == "-" {
				config = filepath.Join(dir, "saknas.yaml")
			} else {
				args = append(args, tt.args...)
			}
			for i, a := range args {
				if strings.HasSuffix(a, ".json") {
					args[i] = filepath.Join(dir, a)
				}
			}
			_, stderr, err := run(t, "sv", config, args...)
			stderr = strings.ReplaceAll(stderr, dir+string(filepath.Separator), "")
			var ue *cmdutil.UserError
			var fe *cmdutil.FlagError
			switch {
			case tt.wantID == "":
				if !errors.Is(err, cmdutil.ErrInputs) {
					t.Errorf("err = %v, want ErrInputs", err)
				}
			case errors.As(err, &ue):
				if ue.MessageID != tt.wantID {
					t.Errorf("user error %s, want %s", ue.MessageID, tt.wantID)
				}
			case errors.As(err, &fe):
				if !strings.Contains(fe.Error(), tt.wantID) {
					t.Errorf("usage error %q, want %q", fe.Error(), tt.wantID)
				}
			default:
				t.Errorf("err = %v, want %s", err, tt.wantID)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			if strings.Contains(strings.ToLower(stderr), "hemlig") {
				t.Errorf("personal data on stderr:\n%s", stderr)
			}
			if after, _ := os.ReadFile(config); tt.wantID != "ImportConfigNotFound" && !bytes.Equal(before, after) {
				t.Error("config changed")
			}
		})
	}
}

// TestRules checks that every finding of import has its messages in both
// languages, renders with the data it is given, and is documented.
func TestRules(t *testing.T) {
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../../docs/findings.md")
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"Column": "E-post", "Other": 3, "Max": 40, "MaxMB": 16, "Field": "unit", "Name": "Lag 1",
		"Code": "4210", "IDs": "a, b", "ID": "a", "Team": "Lag 1", "Unit": "Förskolan"}
	for _, r := range orgimport.Rules() {
		for _, lang := range domain.Langs {
			l := cat.Localizer(lang)
			if !l.Has(r.MessageID) {
				t.Errorf("%s: %s missing in %s", r.Code, r.MessageID, lang)
			}
			if got := l.Finding(r.Finding(domain.Location{File: "e.csv", Line: 2}, data)); strings.Contains(got, "<no value>") {
				t.Errorf("%s in %s renders as %q", r.Code, lang, got)
			}
		}
		row := "| " + r.Code + " | " + string(r.Severity) + " | " + r.MessageID + " |"
		if !bytes.Contains(doc, []byte(row)) {
			t.Errorf("docs/findings.md has no row %q", row)
		}
	}
}
