package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenDir is absolute: the tests change into a temporary folder.
var goldenDir, _ = filepath.Abs("testdata")

var inbox = []string{"inkorg/centralskolan.xlsx", "inkorg/norra.xlsx", "inkorg/trasig.xlsx",
	"inkorg/krasch.xlsx", "inkorg/~$norra.xlsx", "inkorg/anteckningar.txt"}

// newCmd returns the command with the fake reader, silenced as the root
// command silences it.
func newCmd(f *cmdutil.Factory, change func(*ValidateOptions), args ...string) *cobra.Command {
	cmd := NewCmdValidate(f, func(o *ValidateOptions) error {
		o.Read = testkit.Read
		if change != nil {
			change(o)
		}
		return runValidate(o)
	})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	return cmd
}

func TestValidateGolden(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		for _, format := range []string{"text", "json"} {
			t.Run(lang+"-"+format, func(t *testing.T) {
				testkit.Inbox(t, inbox...)
				f, out, _ := testkit.Factory(t, lang)
				err := newCmd(f, nil, "--format", format, "inkorg", "saknas.xlsx").Execute()
				if !errors.Is(err, cmdutil.ErrInputs) {
					t.Fatalf("error %v, want ErrInputs", err)
				}
				testkit.Golden(t, goldenDir, "validate."+lang+"."+format, out.Bytes(), *update)
				if strings.Contains(out.String(), "!Finding") || strings.Contains(out.String(), "!Validate") {
					t.Error("a message is missing from the catalogue")
				}
			})
		}
	}
}

func TestValidateValidBatch(t *testing.T) {
	testkit.Inbox(t, inbox...)
	f, out, _ := testkit.Factory(t, "sv")
	if err := newCmd(f, nil, "inkorg/norra.xlsx").Execute(); err != nil {
		t.Fatalf("valid batch: %v", err)
	}
	if want := "inkorg/norra.xlsx: inga anmärkningar\nSammanfattning: 1 fil läst, 1 giltig, 0 med fel, 0 varningar.\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func TestValidateWrongRound(t *testing.T) {
	testkit.Inbox(t, inbox...)
	f, out, _ := testkit.Factory(t, "en")
	if err := newCmd(f, nil, "--round", "april", "inkorg/norra.xlsx").Execute(); !errors.Is(err, cmdutil.ErrInputs) {
		t.Fatalf("error %v, want ErrInputs", err)
	}
	if !strings.Contains(out.String(), "belongs to the round plan, but the round april is being collected") {
		t.Errorf("no wrong-round finding:\n%s", out)
	}
}

func TestValidateFlags(t *testing.T) {
	tests := []struct {
		args []string
		want func(*ValidateOptions) bool
		flag bool // a usage error
	}{
		{[]string{"a.xlsx"}, func(o *ValidateOptions) bool { return o.Format == "text" && o.Paths[0] == "a.xlsx" }, false},
		{[]string{"--format", "json", "--annotate", "ut", "--round", "april", "a", "b"}, func(o *ValidateOptions) bool {
			return o.Format == "json" && o.AnnotateDir == "ut" && o.Round == "april" && len(o.Paths) == 2
		}, false},
		{[]string{"--format", "xml", "a.xlsx"}, nil, true},
		{[]string{}, nil, true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			f, _, _ := testkit.Factory(t, "en")
			var got *ValidateOptions
			cmd := NewCmdValidate(f, func(o *ValidateOptions) error { got = o; return nil })
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			cmd.SetArgs(tt.args)
			err := cmd.Execute()
			var fe *cmdutil.FlagError
			if tt.flag {
				if !errors.As(err, &fe) {
					t.Fatalf("error %v, want a FlagError", err)
				}
				return
			}
			if err != nil || !tt.want(got) {
				t.Fatalf("error %v, options %+v", err, got)
			}
		})
	}
}

func TestAnnotate(t *testing.T) {
	testkit.Inbox(t, append([]string{"inkorg/annan/centralskolan.xlsx"}, inbox...)...)
	f, _, _ := testkit.Factory(t, "sv")
	var calls []string
	hook := func(o *ValidateOptions) {
		o.Annotate = func(_ context.Context, src, dst string, sub *domain.Submission, _ *domain.Organisation, fs domain.Findings) error {
			if sub == nil || len(fs) == 0 {
				t.Errorf("annotate %s without submission or findings", src)
			}
			calls = append(calls, filepath.ToSlash(src)+" → "+filepath.ToSlash(dst))
			return nil
		}
	}
	if err := newCmd(f, hook, "--annotate", "tillbaka", "inkorg").Execute(); !errors.Is(err, cmdutil.ErrInputs) {
		t.Fatalf("error %v", err)
	}
	want := []string{
		"inkorg/annan/centralskolan.xlsx → tillbaka/centralskolan.xlsx",
		"inkorg/centralskolan.xlsx → tillbaka/centralskolan-2.xlsx",
	}
	if strings.Join(calls, "\n") != strings.Join(want, "\n") {
		t.Errorf("annotate calls\n%s\nwant\n%s", strings.Join(calls, "\n"), strings.Join(want, "\n"))
	}
	if st, err := os.Stat("tillbaka"); err != nil || !st.IsDir() {
		t.Errorf("annotate folder not created: %v", err)
	}
	for _, in := range inbox {
		if data, _ := os.ReadFile(in); string(data) != in {
			t.Errorf("input %s was modified", in)
		}
	}
}

func TestAnnotateFailureGoesOn(t *testing.T) {
	testkit.Inbox(t, append([]string{"inkorg/annan/centralskolan.xlsx"}, inbox...)...)
	f, _, _ := testkit.Factory(t, "sv")
	n := 0
	hook := func(o *ValidateOptions) {
		o.Annotate = func(_ context.Context, src, dst string, _ *domain.Submission, _ *domain.Organisation, _ domain.Findings) error {
			n++
			if n == 1 {
				return errors.New("disk full")
			}
			return nil
		}
	}
	var ue *cmdutil.UserError
	if err := newCmd(f, hook, "--annotate", "tillbaka", "inkorg").Execute(); !errors.As(err, &ue) || ue.MessageID != "ValidateAnnotateFailed" {
		t.Fatalf("got %v, want ValidateAnnotateFailed", err)
	}
	if n != 2 {
		t.Errorf("annotate called %d times, want 2: one failure must not stop the others", n)
	}
	if got := ue.Data["Files"]; got != filepath.Join("inkorg", "annan", "centralskolan.xlsx") {
		t.Errorf("failed files %v", got)
	}
}

// TestControlCharactersEscaped names a workbook with an escape sequence,
// a bell and a line break that forges a finding line: the text output
// shows them escaped, one finding on one line; the JSON output keeps the
// name exact.
func TestControlCharactersEscaped(t *testing.T) {
	name := "inkorg/\x1b[2J\x07ond\r\ninkorg/x.xlsx: fel: falsk.xlsx"
	testkit.Inbox(t, name)
	f, out, _ := testkit.Factory(t, "sv")
	newCmd(f, nil, "inkorg").Execute()
	text := out.String()
	for i, c := range []byte(text) {
		if c < 0x20 && c != '\n' || c == 0x7f {
			t.Fatalf("raw control character %#x at %d in:\n%q", c, i, text)
		}
	}
	if strings.Count(text, "\n") != 3 || !strings.Contains(text, `\x1b[2J\x07ond\r\ninkorg/x.xlsx: fel: falsk.xlsx`) {
		t.Errorf("want a heading, one finding and the summary, the name escaped:\n%s", text)
	}
	f, out, _ = testkit.Factory(t, "sv")
	newCmd(f, nil, "--format", "json", "inkorg").Execute()
	var doc struct {
		Files []struct{ File string }
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil || len(doc.Files) != 1 || doc.Files[0].File != name {
		t.Errorf("JSON does not keep the name exact (%v): %+v", err, doc)
	}
}

// TestCopyName: copies get names of their own, and a copy of an .xlsm is
// an .xlsx, since the copy holds no macros.
func TestCopyName(t *testing.T) {
	used := map[string]bool{}
	for _, tt := range []struct{ src, want string }{
		{"a/Enhet.xlsx", "ut/Enhet.xlsx"},
		{"b/Enhet.xlsx", "ut/Enhet-2.xlsx"},
		{"a/Makro.xlsm", "ut/Makro.xlsx"},
		{"b/Makro.XLSM", "ut/Makro-2.xlsx"},
	} {
		if got := filepath.ToSlash(copyName("ut", tt.src, used)); got != tt.want {
			t.Errorf("copyName(%s) = %s, want %s", tt.src, got, tt.want)
		}
	}
}
