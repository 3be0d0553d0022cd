package remind_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/cli/mail/shared/sharedtest"
	"github.com/malarbete/malarbete/internal/mail/mailtest"
	"github.com/malarbete/malarbete/internal/rules"
	"github.com/malarbete/malarbete/internal/workbook"
)

func TestRemindList(t *testing.T) {
	e := sharedtest.New(t, "")
	reg := e.WriteRegister(t)
	stdout, stderr, code := e.Run(t, "remind", "--register", reg)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	want := "Planering (sista dag 2027-02-26): 1 enhet att påminna.\n  Norra (Vård och omsorg): Nora Nord <nora@vindel.example>, har inte lämnat in\n" +
		"1 enhet lämnade in en arbetsbok med fel som inte kom med i registret; --invalid påminner den också.\n"
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	stdout, _, _ = e.Run(t, "remind", "--register", reg, "--invalid", "--format", "csv")
	if !strings.HasPrefix(stdout, "\ufeff") {
		t.Error("the CSV has no BOM")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(stdout, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[1][0] != "vastra" || rows[1][5] != "invalid" || rows[1][6] != "3" || rows[2][0] != "norra" || rows[2][5] != "missing" {
		t.Errorf("CSV rows %q", rows)
	}
	// In a follow-up round only the units the register has are expected.
	stdout, _, _ = e.Run(t, "--lang", "en", "remind", "--register", reg, "--round", "april")
	if !strings.Contains(stdout, "1 unit to remind") || !strings.Contains(stdout, "Östra: boendet/Åsen") {
		t.Errorf("april:\n%s", stdout)
	}
}

func TestRemindErrors(t *testing.T) {
	e := sharedtest.New(t, "")
	reg := e.WriteRegister(t)
	other := filepath.Join(e.Dir, "annan.json")
	data, _ := os.ReadFile(reg)
	os.WriteFile(other, []byte(strings.Replace(string(data), `"vindel"`, `"sorsele"`, 1)), 0o644)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"remind"}, cmdutil.ExitUsage, "--register"},
		{[]string{"remind", "--register", reg, "--format", "xml"}, cmdutil.ExitUsage, "xml"},
		{[]string{"remind", "--register", reg, "--annotated", "x"}, cmdutil.ExitUsage, "--invalid"},
		{[]string{"remind", "--register", filepath.Join(e.Dir, "saknas.json")}, cmdutil.ExitInputs, "finns inte"},
		{[]string{"remind", "--register", other}, cmdutil.ExitInputs, "sorsele"},
		{[]string{"remind", "--register", reg, "--round", "maj"}, cmdutil.ExitInputs, "maj"},
		{[]string{"remind", "--register", reg, "--invalid", "--annotated", filepath.Join(e.Dir, "saknas")}, cmdutil.ExitInputs, "saknas"},
	}
	for _, tt := range tests {
		_, stderr, code := e.Run(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, want %d with %q:\n%s", tt.args, code, tt.code, tt.want, stderr)
		}
	}
}

// TestRemindDrafts writes the reminders: Västra's with its annotated
// copy attached and its errors in words, Norra's without attachment.
func TestRemindDrafts(t *testing.T) {
	e := sharedtest.New(t, "")
	reg := e.WriteRegister(t)
	src := filepath.Join(e.Dir, "vastra.xlsx")
	if _, err := workbook.WriteFile(src, e.Org, workbook.Options{Unit: "vastra"}, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	sub, fs, err := workbook.ReadFile(context.Background(), src, e.Org)
	if err != nil {
		t.Fatal(err)
	}
	fs = append(fs, rules.Check(src, sub, e.Org, rules.Options{})...)
	copies := filepath.Join(e.Dir, "att-atgarda")
	os.MkdirAll(copies, 0o755)
	if err := workbook.AnnotateFile(src, filepath.Join(copies, "vastra.xlsx"), sub, e.Org, fs); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(e.Dir, "paminnelser")
	stdout, stderr, code := e.Run(t, "remind", "--register", reg, "--invalid", "--annotated", copies, "-o", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	vastra, err := os.ReadFile(filepath.Join(out, "Västra hemtjänsten.eml"))
	if err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	norra, err := os.ReadFile(filepath.Join(out, "Norra.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(vastra), "filename=\"vastra.xlsx\"") || !strings.Contains(string(vastra), "X-Unsent: 1") {
		t.Error("Västra's reminder lacks its annotated copy")
	}
	if strings.Contains(string(norra), "Content-Disposition: attachment") {
		t.Error("Norra's reminder has an attachment")
	}
	// Without the copy, the reminder says how many errors there were.
	out2 := filepath.Join(e.Dir, "utan-kopia")
	_, stderr, code = e.Run(t, "remind", "--register", reg, "--invalid", "--annotated", filepath.Join(e.Dir, "utskick-tom"), "-o", out2)
	if code != cmdutil.ExitInputs {
		t.Errorf("missing folder: exit %d %s", code, stderr)
	}
	os.MkdirAll(filepath.Join(e.Dir, "tom"), 0o755)
	_, stderr, code = e.Run(t, "remind", "--register", reg, "--invalid", "--annotated", filepath.Join(e.Dir, "tom"), "-o", out2)
	if code != 0 || !strings.Contains(stderr, "varning: Det finns ingen kommenterad kopia för Västra hemtjänsten") {
		t.Errorf("no copy: exit %d\n%s", code, stderr)
	}
}

// TestRemindSendTwice sends the reminders twice through a real SMTP
// server: each arrives once, and the send log lies beside the register.
func TestRemindSendTwice(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	e := sharedtest.New(t, fmt.Sprintf("mail: {server: %s, port: %d, security: none, perMinute: 1000}\n", srv.Host, srv.Port))
	reg := e.WriteRegister(t)
	for run := 0; run < 2; run++ {
		_, stderr, code := e.Run(t, "remind", "--register", reg, "--invalid", "--send")
		if code != 0 {
			t.Fatalf("run %d: exit %d\n%s", run, code, stderr)
		}
	}
	if n := len(srv.Messages()); n != 2 {
		t.Errorf("the server got %d messages, want 2", n)
	}
	if _, err := os.Stat(filepath.Join(e.Dir, "register.sendlog.json")); err != nil {
		t.Errorf("no send log beside the register: %v", err)
	}
}
