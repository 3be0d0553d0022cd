package collect

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenDir is absolute: the tests change into a temporary folder.
var goldenDir, _ = filepath.Abs("testdata")

var inbox = []string{"plan/centralskolan.xlsx", "plan/norra.xlsx", "plan/norra-kopia.xlsx", "plan/trasig.xlsx",
	"plan/~$norra.xlsx", "april/april-centralskolan.xlsx", "april/april-norra.xlsx"}

func newCmd(f *cmdutil.Factory, change func(*CollectOptions), args ...string) *cobra.Command {
	cmd := NewCmdCollect(f, func(o *CollectOptions) error {
		o.Read = testkit.Read
		if change != nil {
			change(o)
		}
		return runCollect(o)
	})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	return cmd
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCollectGolden(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			testkit.Inbox(t, inbox...)
			f, out, errOut := testkit.Factory(t, lang)
			err := newCmd(f, nil, "plan", "-o", "register.json").Execute()
			if !errors.Is(err, cmdutil.ErrInputs) {
				t.Fatalf("plan: error %v, want ErrInputs (one workbook has errors)", err)
			}
			f2, out2, errOut2 := testkit.Factory(t, lang)
			f2.Now = func() time.Time { return time.Date(2027, 4, 20, 8, 0, 0, 0, time.UTC) }
			if err := newCmd(f2, nil, "april", "-o", "register.json").Execute(); err != nil {
				t.Fatalf("april: %v\n%s", err, errOut2)
			}
			log := "== plan: stdout\n" + out.String() + "== plan: stderr\n" + errOut.String() +
				"== april: stdout\n" + out2.String() + "== april: stderr\n" + errOut2.String()
			testkit.Golden(t, goldenDir, "collect."+lang+".txt", []byte(log), *update)
			if lang == "sv" {
				testkit.Golden(t, goldenDir, "register.json", read(t, "register.json"), *update)
			}
		})
	}
}

func TestCollectTwiceIsIdentical(t *testing.T) {
	testkit.Inbox(t, inbox...)
	f, _, _ := testkit.Factory(t, "sv")
	newCmd(f, nil, "plan", "-o", "register.json").Execute()
	first := read(t, "register.json")
	// A day later, the same files again, named in another order.
	f2, _, _ := testkit.Factory(t, "sv")
	f2.Now = func() time.Time { return time.Date(2027, 3, 2, 9, 0, 0, 0, time.UTC) }
	newCmd(f2, nil, "plan/trasig.xlsx", "plan/norra-kopia.xlsx", "plan", "-o", "register.json").Execute()
	if again := read(t, "register.json"); !bytes.Equal(first, again) {
		t.Fatalf("second collection differs:\n%s\n---\n%s", first, again)
	}
	// From scratch elsewhere with --date: the same register as with the clock at that day.
	os.Remove("register.json")
	f3, _, _ := testkit.Factory(t, "sv")
	f3.Now = time.Now
	newCmd(f3, nil, "plan", "-o", "register.json", "--date", "2027-03-01").Execute()
	reg, err := register.Read("register.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := reg.Units[0].Sources[0].ReadAt; !got.Equal(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("ReadAt %v, want the --date", got)
	}
}

func TestCollectIncludeInvalid(t *testing.T) {
	testkit.Inbox(t, inbox...)
	f, _, errOut := testkit.Factory(t, "en")
	newCmd(f, nil, "plan/centralskolan.xlsx", "-o", "register.json", "--include-invalid").Execute()
	reg, err := register.Read("register.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Units) != 1 || !reg.Units[0].Invalid || len(reg.Rejected) != 0 {
		t.Fatalf("want the invalid unit kept and marked: %+v", reg.Units)
	}
	if !strings.Contains(errOut.String(), "kept because of --include-invalid") {
		t.Errorf("no note about the kept invalid workbook:\n%s", errOut)
	}
}

func TestCollectErrors(t *testing.T) {
	tests := []struct {
		name  string
		setup func()
		args  []string
		want  string // message id of the UserError
		flag  bool   // a usage error instead
	}{
		{"no output", nil, []string{"plan"}, "", true},
		{"bad date", nil, []string{"plan", "-o", "r.json", "--date", "2027-02-30"}, "", true},
		{"nothing read", nil, []string{"plan/trasig.xlsx", "-o", "r.json"}, "CollectNothingRead", false},
		{"unknown round", nil, []string{"plan", "-o", "r.json", "--round", "maj"}, "ValidateUnknownRound", false},
		{"unreadable register", func() { os.WriteFile("r.json", []byte("{\n  \"schemaVersion\": 1,\n  x\n}"), 0o644) },
			[]string{"plan", "-o", "r.json"}, "RegisterJSON", false},
		{"register of another period", func() {
			org := testkit.Org()
			org.Period = "2026"
			register.Write("r.json", register.New(org), atomicfile.Options{})
		}, []string{"plan", "-o", "r.json"}, "RegisterOther", false},
		{"register naming a unit the config lacks", func() {
			reg := register.New(testkit.Org())
			reg.Units = []domain.UnitRecord{{Unit: strings.Repeat("x", 100_000)}}
			register.Write("r.json", reg, atomicfile.Options{})
		}, []string{"plan", "-o", "r.json"}, "RegisterUnknownUnit", false},
		{"register in Latin-1", func() {
			os.WriteFile("r.json", []byte("{\"schemaVersion\": 1, \"organisation\": \"G\xe4llivare\"}"), 0o644)
		}, []string{"plan", "-o", "r.json"}, "RegisterEncoding", false},
		{"earlier round", func() {
			reg := register.New(testkit.Org())
			reg.Rounds = []string{"april"}
			register.Write("r.json", reg, atomicfile.Options{})
		}, []string{"plan", "-o", "r.json"}, "CollectRoundOrder", false},
		{"output is an input", nil, []string{"plan", "-o", "plan/norra.xlsx"}, "RegisterJSON", false},
		{"output is an input, forced", nil, []string{"plan", "-o", "plan/norra.xlsx", "--force"}, "CollectOutputIsInput", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			testkit.Inbox(t, inbox...)
			if tt.setup != nil {
				tt.setup()
			}
			f, _, _ := testkit.Factory(t, "sv")
			err := newCmd(f, nil, tt.args...).Execute()
			if tt.flag {
				var fe *cmdutil.FlagError
				if !errors.As(err, &fe) {
					t.Fatalf("error %v, want a FlagError", err)
				}
				return
			}
			var ue *cmdutil.UserError
			if !errors.As(err, &ue) || ue.MessageID != tt.want {
				t.Fatalf("error %v, want %s", err, tt.want)
			}
			for k, v := range ue.Data {
				if s, ok := v.(string); ok && len(s) > 200 {
					t.Errorf("the message quotes %d characters of %s", len(s), k)
				}
			}
			for _, in := range inbox {
				if data, _ := os.ReadFile(in); string(data) != in {
					t.Errorf("input %s was modified", in)
				}
			}
		})
	}
}

// TestCollectOneLaterRound collects a planning batch with one workbook of
// the follow-up round among it: that workbook is refused alone, with the
// reason, and the others are collected.
func TestCollectOneLaterRound(t *testing.T) {
	// Two planning workbooks of norra (one a copy) and one of april.
	testkit.Inbox(t, "plan/norra.xlsx", "plan/norra-kopia.xlsx", "plan/april-centralskolan.xlsx")
	f, _, errOut := testkit.Factory(t, "en")
	err := newCmd(f, nil, "plan", "-o", "r.json").Execute()
	if !errors.Is(err, cmdutil.ErrInputs) {
		t.Fatalf("error %v, want ErrInputs for the refused workbook\n%s", err, errOut)
	}
	reg, err := register.Read("r.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(reg.Rounds, ","); got != "plan" || len(reg.Units) != 1 || reg.Units[0].Unit != "norra" {
		t.Errorf("register has rounds %s and %d units, want plan and norra", got, len(reg.Units))
	}
	if !strings.Contains(errOut.String(), "plan/april-centralskolan.xlsx: error: The workbook belongs to the round april, but the round plan is being collected") {
		t.Errorf("the refused workbook is not named with the reason:\n%s", errOut)
	}
}

func TestCollectForceReplaces(t *testing.T) {
	testkit.Inbox(t, inbox...)
	os.WriteFile("r.json", []byte("not json"), 0o644)
	f, _, _ := testkit.Factory(t, "sv")
	newCmd(f, nil, "plan/norra.xlsx", "-o", "r.json", "--force").Execute()
	if reg, err := register.Read("r.json"); err != nil || len(reg.Units) != 1 {
		t.Fatalf("register not replaced: %v", err)
	}
}

func TestCollectSummaryHook(t *testing.T) {
	testkit.Inbox(t, inbox...)
	var got []string
	hook := func(o *CollectOptions) {
		o.Summary = func(path string, reg *domain.Register, org *domain.Organisation, lang domain.Lang, overwrite bool) error {
			got = append(got, path, string(lang), reg.LatestRound())
			if overwrite {
				got = append(got, "overwrite")
			}
			return nil
		}
	}
	f, _, _ := testkit.Factory(t, "en")
	if err := newCmd(f, hook, "plan/norra.xlsx", "-o", "r.json", "--summary", "alla.xlsx").Execute(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "alla.xlsx en plan" {
		t.Errorf("summary hook called with %v", got)
	}
	os.WriteFile("alla.xlsx", nil, 0o644)
	f, _, _ = testkit.Factory(t, "en")
	var ue *cmdutil.UserError
	if err := newCmd(f, hook, "plan/norra.xlsx", "-o", "r.json", "--summary", "alla.xlsx").Execute(); !errors.As(err, &ue) || ue.MessageID != "CollectSummaryExists" {
		t.Fatalf("existing summary without --force: %v", err)
	}
}

func TestCollectNothingReadSaysWhy(t *testing.T) {
	testkit.Inbox(t, inbox...)
	f, _, errOut := testkit.Factory(t, "en")
	newCmd(f, nil, "plan/trasig.xlsx", "-o", "r.json").Execute()
	if !strings.Contains(errOut.String(), "zip: not a valid zip file") {
		t.Errorf("the reason is not shown:\n%s", errOut)
	}
	if _, err := os.Stat("r.json"); err == nil {
		t.Error("a register was written though nothing was read")
	}
}
