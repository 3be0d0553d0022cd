package report

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

func factory(t testing.TB) (*cmdutil.Factory, *bytes.Buffer) {
	t.Helper()
	cat, err := reporttest.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	errOut := &bytes.Buffer{}
	return &cmdutil.Factory{
		IO:        &cmdutil.IOStreams{In: &bytes.Buffer{}, Out: &bytes.Buffer{}, ErrOut: errOut},
		Now:       func() time.Time { return time.Date(2027, 9, 10, 9, 0, 0, 0, time.UTC) },
		Getenv:    func(string) string { return "" },
		Catalogue: cat,
		LoadConfig: func(string) (*domain.Organisation, domain.Findings, error) {
			return reporttest.Organisation(), nil, nil
		},
	}, errOut
}

func writeJSON(t testing.TB, path string, v any) {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReport(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "register.json")
	writeJSON(t, reg, reporttest.Register())
	findings := filepath.Join(dir, "findings.json")
	writeJSON(t, findings, reporttest.Findings())
	validated := filepath.Join(dir, "validate.json")
	if err := os.WriteFile(validated, []byte(validateJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{\n  \"rounds\": [\"plan\",\n  }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	exists := filepath.Join(dir, "exists.pdf")
	if err := os.WriteFile(exists, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantID   string // UserError message id
		wantFlag bool   // a usage error
		wantFile string
	}{
		{name: "writes the report", args: []string{"--register", reg, "--findings", findings, "-o", filepath.Join(dir, "a.pdf")}, wantFile: filepath.Join(dir, "a.pdf")},
		{name: "reads validate's JSON as it is", args: []string{"--register", reg, "--findings", validated, "-o", filepath.Join(dir, "v.pdf")}, wantFile: filepath.Join(dir, "v.pdf")},
		{name: "overwrites with force", args: []string{"--register", reg, "-o", exists, "--force", "--date", "2027-09-01"}, wantFile: exists},
		{name: "refuses an existing file", args: []string{"--register", reg, "-o", exists}, wantID: "ReportErrOutputExists"},
		{name: "refuses to overwrite its input", args: []string{"--register", reg, "-o", reg, "--force"}, wantID: "ReportErrOutputIsInput"},
		{name: "missing register", args: []string{"--register", filepath.Join(dir, "nope.json")}, wantID: "RegisterMissing"},
		{name: "bad register", args: []string{"--register", bad, "-o", filepath.Join(dir, "b.pdf")}, wantID: "RegisterJSON"},
		{name: "missing findings", args: []string{"--register", reg, "--findings", filepath.Join(dir, "nope.json"), "-o", filepath.Join(dir, "c.pdf")}, wantID: "ReportErrFindingsMissing"},
		{name: "missing folder", args: []string{"--register", reg, "-o", filepath.Join(dir, "nope", "r.pdf")}, wantID: "CLIWriteFailed"},
		{name: "a folder as output", args: []string{"--register", reg, "-o", dir, "--force"}, wantID: "CLIWriteFailed"},
		{name: "no register flag", args: []string{}, wantFlag: true},
		{name: "writes a web page for an .html name", args: []string{"--register", reg, "-o", filepath.Join(dir, "r.html")}, wantFile: filepath.Join(dir, "r.html")},
		{name: "writes a web page with --format", args: []string{"--register", reg, "--format", "html", "-o", filepath.Join(dir, "webb")}, wantFile: filepath.Join(dir, "webb")},
		{name: "a format the name contradicts", args: []string{"--register", reg, "--format", "pdf", "-o", filepath.Join(dir, "r2.html")}, wantFlag: true},
		{name: "an unknown format", args: []string{"--register", reg, "--format", "docx"}, wantFlag: true},
		{name: "bad date", args: []string{"--register", reg, "--date", "2027-02-30"}, wantFlag: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, errOut := factory(t)
			cmd := NewCmdReport(f, nil)
			cmd.SetArgs(tc.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			var ue *cmdutil.UserError
			var fe *cmdutil.FlagError
			switch {
			case tc.wantID != "":
				if !errors.As(err, &ue) || ue.MessageID != tc.wantID {
					t.Fatalf("err = %v, want user error %s", err, tc.wantID)
				}
			case tc.wantFlag:
				if !errors.As(err, &fe) {
					t.Fatalf("err = %v, want a usage error", err)
				}
			default:
				if err != nil {
					t.Fatal(err)
				}
				data, err := os.ReadFile(tc.wantFile)
				html := filepath.Ext(tc.wantFile) != ".pdf"
				if err != nil || !html && !bytes.HasPrefix(data, []byte("%PDF-1.7")) || html && !bytes.HasPrefix(data, []byte("<!DOCTYPE html>")) {
					t.Fatalf("output %s is not a PDF or a web page as its name says (%v)", tc.wantFile, err)
				}
				if !bytes.Contains(errOut.Bytes(), []byte(tc.wantFile)) {
					t.Errorf("summary %q does not name the file", errOut.String())
				}
			}
		})
	}
}

func TestRegisterJSONPosition(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.json")
	if err := os.WriteFile(path, []byte("{\n  \"schemaVersion\": \"one\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, _ := factory(t)
	cmd := NewCmdReport(f, nil)
	cmd.SetArgs([]string{"--register", path, "-o", filepath.Join(t.TempDir(), "r.pdf")})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	var ue *cmdutil.UserError
	if !errors.As(err, &ue) || ue.MessageID != "RegisterJSON" || ue.Data["Line"] != 2 {
		t.Fatalf("err = %v (%v), want RegisterJSON at line 2", err, ue)
	}
}

// TestFindingsJSONPosition checks that the findings file's errors are
// positioned as the register's are: the offending character, in runes.
func TestFindingsJSONPosition(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.json")
	if err := os.WriteFile(path, []byte("[\n  {\"code\": \"åäö\" x}\n]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := readFindings(path)
	var ue *cmdutil.UserError
	if !errors.As(err, &ue) || ue.Data["Line"] != 2 || ue.Data["Column"] != 18 {
		t.Fatalf("err = %v (%v), want line 2, column 18", err, ue)
	}
}

func TestDefaultOutputByLanguage(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "register.json")
	writeJSON(t, reg, reporttest.Register())
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	f, _ := factory(t)
	cmd := NewCmdReport(f, nil)
	cmd.SetArgs([]string{"--register", reg})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "rapport.pdf")); err != nil {
		t.Fatalf("Swedish default output: %v", err)
	}
}

// TestReportCancelled runs the command with a context that is done, as
// after Ctrl-C: it stops with the context's error and leaves no file.
func TestReportCancelled(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "register.json")
	writeJSON(t, reg, reporttest.Register())
	out := filepath.Join(dir, "rapport.pdf")
	f, _ := factory(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	cmd := NewCmdReport(f, nil)
	cmd.SetArgs([]string{"--register", reg, "-o", out})
	if err := cmd.ExecuteContext(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want the register alone", len(entries))
	}
}

// validateJSON is what "validate --format json" writes, abridged.
const validateJSON = `{
  "schemaVersion": 1,
  "language": "sv",
  "files": [
    {
      "file": "inkorg/hemtjansten.xlsx",
      "status": "invalid",
      "sha256": "b8c9",
      "unit": "hemtjansten",
      "round": "plan",
      "findings": [
        {
          "code": "MB0214",
          "severity": "error",
          "location": {"file": "inkorg/hemtjansten.xlsx", "sheet": "Hemtjänst norr", "cell": "D9"},
          "messageId": "FindingGoalMissingFollowUp",
          "data": {"Slot": 1, "Team": "Hemtjänst norr"},
          "message": "Mål 1 för Hemtjänst norr saknar Uppföljning."
        }
      ]
    },
    {"file": "inkorg/~$hemtjansten.xlsx", "status": "skipped", "findings": []}
  ],
  "summary": {"files": 2, "valid": 0, "withErrors": 1, "warnings": 0, "skipped": 1, "errors": 1}
}
`

// utf16Text is text in UTF-16 in order, with a byte order mark.
func utf16Text(order binary.AppendByteOrder, text string) string {
	var b []byte
	for _, u := range utf16.Encode([]rune("\ufeff" + text)) {
		b = order.AppendUint16(b, u)
	}
	return string(b)
}

// TestReadFindings reads the findings file in the forms it may take: the
// output of validate --format json as it is, and a plain list.
func TestReadFindings(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tests := []struct {
		name, text string
		files      int
		unit       string
		wantID     string
		line, col  int
	}{
		{name: "validate output", text: validateJSON, files: 2, unit: "hemtjansten"},
		{name: "validate output with a byte order mark", text: "\ufeff" + validateJSON, files: 2, unit: "hemtjansten"},
		{name: "validate output in UTF-16, as PowerShell writes it", text: utf16Text(binary.LittleEndian, validateJSON), files: 2, unit: "hemtjansten"},
		{name: "validate output in UTF-16, big-endian", text: utf16Text(binary.BigEndian, validateJSON), files: 2, unit: "hemtjansten"},
		{name: "a plain list", text: `[{"code": "MB0214", "severity": "error", "location": {"file": "a.xlsx"}, "messageId": "FindingGoalMissingFollowUp"}]`, files: 1},
		{name: "an empty list", text: "[]", files: 0},
		{name: "another object", text: `{"rounds": []}`, wantID: "ReportErrFindingsShape"},
		{name: "broken JSON", text: "{\n  \"files\": [\n  }\n", wantID: "ReportErrFindingsJSON", line: 3, col: 3},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := readFindings(write(fmt.Sprintf("f%d.json", i), tc.text))
			if tc.wantID != "" {
				var ue *cmdutil.UserError
				if !errors.As(err, &ue) || ue.MessageID != tc.wantID {
					t.Fatalf("err = %v, want %s", err, tc.wantID)
				}
				if tc.line > 0 && (ue.Data["Line"] != tc.line || ue.Data["Column"] != tc.col) {
					t.Errorf("at %v:%v, want %d:%d", ue.Data["Line"], ue.Data["Column"], tc.line, tc.col)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(fs.Files) != tc.files || tc.unit != "" && fs.Files[0].Unit != tc.unit {
				t.Errorf("files %+v", fs.Files)
			}
		})
	}
}
