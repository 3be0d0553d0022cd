package mail

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/mail/mailtest"
	"github.com/malarbete/malarbete/internal/workbook"
)

// sendOut composes the planning send-out of three units of testOrg, to
// three managers.
func sendOut(t *testing.T, org *domain.Organisation, dir string) []*Message {
	t.Helper()
	var wbs []Workbook
	for _, u := range []string{"saivu", "utanlag", "tom"} {
		wbs = append(wbs, stamped(t, writeWorkbook(t, dir, u+".xlsx", org, workbook.Options{Unit: u})))
	}
	letters, fs := Plan(org, wbs)
	if len(fs) > 0 || len(letters) != 3 {
		t.Fatalf("%d letters, %v", len(letters), fs)
	}
	cat := testCatalogue(t)
	var msgs []*Message
	for _, lt := range letters {
		m, err := Compose(org, lt, cat, time.Date(2027, 1, 20, 9, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, m)
	}
	return msgs
}

func outcomes(rs []Result) string {
	var s []string
	for _, r := range rs {
		s = append(s, []string{"sent", "already", "would", "failed"}[r.Outcome])
	}
	return strings.Join(s, ",")
}

func run(t *testing.T, srv *mailtest.Server, org *domain.Organisation, logPath string, msgs []*Message, resend bool) []Result {
	t.Helper()
	sender, err := NewSMTP(domain.MailServer{Server: srv.Host, Port: srv.Port, Security: domain.SecurityStartTLS, Username: "hr"},
		SMTPOptions{Password: "rätt lösen", TLSConfig: srv.ClientTLS, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer sender.Close()
	log, err := OpenLog(logPath, false)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	ob := &Outbox{Sender: sender, Log: log, PerMinute: 1000, Resend: resend, Now: time.Now}
	rs, err := ob.Send(context.Background(), msgs)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestSendTwice sends through a real SMTP server with STARTTLS and a
// login, twice: each message arrives once. A refused recipient is listed
// as not sent and the others go on; once the server takes it, a rerun
// sends only that one.
func TestSendTwice(t *testing.T) {
	org := testOrg(t)
	dir := t.TempDir()
	msgs := sendOut(t, org, dir)
	logPath := filepath.Join(dir, "sendlog.json")
	srv := mailtest.Start(t, mailtest.Options{TLS: true, Username: "hr", Password: "rätt lösen", Refuse: []string{"marta@cohkkiras.example"}})

	rs := run(t, srv, org, logPath, msgs, false)
	if got := outcomes(rs); got != "sent,failed,sent" {
		t.Fatalf("first run %s", got)
	}
	if !strings.Contains(rs[1].Err.Error(), "550") {
		t.Errorf("refusal %v", rs[1].Err)
	}
	if got := outcomes(run(t, srv, org, logPath, msgs, false)); got != "already,failed,already" {
		t.Fatalf("second run %s", got)
	}
	got := srv.Messages()
	if len(got) != 2 {
		t.Fatalf("the server got %d messages, want 2", len(got))
	}
	for i, m := range got {
		if i == 1 {
			i = 2 // the second message was refused
		}
		if len(m.To) != 1 || m.To[0] != msgs[i].To.Email || m.From != org.HR.Email {
			t.Errorf("envelope %s → %v", m.From, m.To)
		}
		path := filepath.Join(dir, "received.eml")
		os.WriteFile(path, m.Data, 0o644)
		p := parseGo(t, path)
		if p.XUnsent != nil {
			t.Error("a sent message is marked unsent")
		}
		if p.Subject != msgs[i].Subject || len(p.Attachments) != 1 || p.Attachments[0].SHA256 != msgs[i].Attachments[0].SHA256() {
			t.Errorf("received %q with %+v", p.Subject, p.Attachments)
		}
	}

	// The server now takes the second; a rerun sends it and nothing else.
	srv2 := mailtest.Start(t, mailtest.Options{TLS: true, Username: "hr", Password: "rätt lösen"})
	if got := outcomes(run(t, srv2, org, logPath, msgs, false)); got != "already,sent,already" {
		t.Fatalf("third run %s", got)
	}
	if n := len(srv2.Messages()); n != 1 {
		t.Errorf("rerun sent %d messages, want 1", n)
	}
	// --resend is explicit.
	if got := outcomes(run(t, srv2, org, logPath, msgs[:1], true)); got != "sent" {
		t.Errorf("resend %s", got)
	}
	log, err := OpenLog(logPath, true)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(log.file.Sent); n != 4 {
		t.Errorf("the log has %d entries, want 4", n)
	}
	data, _ := os.ReadFile(logPath)
	for _, secret := range []string{"rätt lösen", "Niillas"} {
		if strings.Contains(string(data), secret) {
			t.Errorf("the log holds %q", secret)
		}
	}
}

func TestSendWrongPassword(t *testing.T) {
	org := testOrg(t)
	dir := t.TempDir()
	msgs := sendOut(t, org, dir)
	srv := mailtest.Start(t, mailtest.Options{TLS: true, Username: "hr", Password: "ett annat"})
	rs := run(t, srv, org, filepath.Join(dir, "log.json"), msgs, false)
	if got := outcomes(rs); got != "failed,failed,failed" {
		t.Fatalf("outcomes %s", got)
	}
	var ce *ConnectError
	if !errors.As(rs[2].Err, &ce) {
		t.Errorf("the rest should fail with the login's error, got %v", rs[2].Err)
	}
	if strings.Contains(rs[0].Err.Error(), "ett annat") {
		t.Error("the error shows the password")
	}
}

// flaky sends through next until it has sent n messages, then loses
// the server.
type flaky struct {
	next Sender
	n    int
}

func (f *flaky) Send(ctx context.Context, m *gomail.Msg) error {
	if f.n == 0 {
		return &ConnectError{errors.New("connection reset by peer")}
	}
	f.n--
	return f.next.Send(ctx, m)
}
func (f *flaky) Close() error { return f.next.Close() }

// TestSendStopsMidway loses the server after one message: the log holds
// that one, and the rerun sends the rest.
func TestSendStopsMidway(t *testing.T) {
	org := testOrg(t)
	dir := t.TempDir()
	msgs := sendOut(t, org, dir)
	srv := mailtest.Start(t, mailtest.Options{})
	logPath := filepath.Join(dir, "log.json")
	sender, _ := NewSMTP(domain.MailServer{Server: srv.Host, Port: srv.Port, Security: domain.SecurityNone}, SMTPOptions{})
	log, err := OpenLog(logPath, false)
	if err != nil {
		t.Fatal(err)
	}
	ob := &Outbox{Sender: &flaky{sender, 1}, Log: log, Now: time.Now, Sleep: func(context.Context, time.Duration) error { return nil }}
	rs, err := ob.Send(context.Background(), msgs)
	if err != nil || outcomes(rs) != "sent,failed,failed" {
		t.Fatalf("first run %s, %v", outcomes(rs), err)
	}
	log.Close()
	if log, err = OpenLog(logPath, false); err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	ob = &Outbox{Sender: sender, Log: log, Now: time.Now, Sleep: func(context.Context, time.Duration) error { return nil }}
	if rs, err = ob.Send(context.Background(), msgs); err != nil || outcomes(rs) != "already,sent,sent" {
		t.Fatalf("rerun %s, %v", outcomes(rs), err)
	}
	if n := len(srv.Messages()); n != 3 {
		t.Errorf("the server got %d messages, want 3", n)
	}
}

// TestSendPace checks the rate limit: with 2 a minute, each message
// after the first waits 30 seconds from the one before.
func TestSendPace(t *testing.T) {
	org := testOrg(t)
	dir := t.TempDir()
	msgs := sendOut(t, org, dir)
	srv := mailtest.Start(t, mailtest.Options{})
	sender, _ := NewSMTP(domain.MailServer{Server: srv.Host, Port: srv.Port, Security: domain.SecurityNone}, SMTPOptions{})
	defer sender.Close()
	log, _ := OpenLog(filepath.Join(dir, "log.json"), false)
	defer log.Close()
	clock := time.Date(2027, 1, 20, 9, 0, 0, 0, time.UTC)
	var waits []time.Duration
	ob := &Outbox{Sender: sender, Log: log, PerMinute: 2,
		Now: func() time.Time { clock = clock.Add(time.Second); return clock },
		Sleep: func(_ context.Context, d time.Duration) error {
			waits = append(waits, d)
			clock = clock.Add(d)
			return nil
		}}
	if _, err := ob.Send(context.Background(), msgs); err != nil {
		t.Fatal(err)
	}
	if len(waits) != 2 || waits[0] != 29*time.Second || waits[1] != 29*time.Second {
		t.Errorf("waits %v, want two of 29s (30s less the second the clock moved)", waits)
	}
}

func TestLogLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.json")
	a, err := OpenLog(path, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenLog(path, false); !errors.Is(err, ErrLogBusy) {
		t.Errorf("second open: %v", err)
	}
	if b, err := OpenLog(path, true); err != nil {
		t.Errorf("a dry run must read a busy log: %v", err)
	} else {
		b.Close()
	}
	a.Close()
	b, err := OpenLog(path, false)
	if err != nil {
		t.Errorf("after close: %v", err)
	} else {
		b.Close()
	}
}

func TestDryRun(t *testing.T) {
	org := testOrg(t)
	dir := t.TempDir()
	msgs := sendOut(t, org, dir)
	log, _ := OpenLog(filepath.Join(dir, "log.json"), true)
	ob := &Outbox{Log: log, DryRun: true, Now: time.Now}
	rs, err := ob.Send(context.Background(), msgs)
	if err != nil || outcomes(rs) != "would,would,would" {
		t.Fatalf("%s, %v", outcomes(rs), err)
	}
	if _, err := os.Stat(filepath.Join(dir, "log.json")); err == nil {
		t.Error("a dry run wrote the log")
	}
}
