// Package shared is what the mail and remind commands share: reading the
// workbooks to attach, the --send, --dry-run and --resend flags, the mail
// server from the config with its password from the environment, the
// errors of sending as messages, and the listing of what was written or
// sent.
package shared

import (
	"context"
	"errors"
	"io/fs"
	"time"

	"github.com/spf13/pflag"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/intake"
	"github.com/malarbete/malarbete/internal/mail"
	"github.com/malarbete/malarbete/internal/scan"
	"github.com/malarbete/malarbete/internal/workbook"
)

// LogName is the send log's file name: in mail's output folder, and
// beside the register for remind (register.json → register.sendlog.json).
const LogName = "sendlog.json"

// Flags are the sending flags of a command.
type Flags struct {
	Send, DryRun, Resend bool
}

// Add registers the flags.
func (f *Flags) Add(fl *pflag.FlagSet, l *i18n.Localizer) {
	fl.BoolVar(&f.Send, "send", false, l.T("MailFlagSend", nil))
	fl.BoolVar(&f.DryRun, "dry-run", false, l.T("MailFlagDryRun", nil))
	fl.BoolVar(&f.Resend, "resend", false, l.T("MailFlagResend", nil))
}

// Check refuses --resend without --send; --dry-run says what --send
// would do, with or without it.
func (f *Flags) Check(l *i18n.Localizer) error {
	if f.Resend && !f.Send && !f.DryRun {
		return cmdutil.FlagErrorf("%s", l.T("MailResendWithoutSend", nil))
	}
	return nil
}

// Sending reports whether the command sends (or pretends to).
func (f *Flags) Sending() bool { return f.Send || f.DryRun }

// Env is what sending takes from outside the command line; tests replace
// the server and the clock.
type Env struct {
	Getenv func(string) string
	Now    func() time.Time
	// NewSender connects to the server; nil means mail.NewSMTP.
	NewSender func(domain.MailServer, mail.SMTPOptions) (mail.Sender, error)
	// Sleep waits between messages; nil means a timer.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Delivery returns how the letters leave: drafts into dir, or with
// --send through the config's server with the log at logPath.
func Delivery(org *domain.Organisation, f Flags, dir, logPath string, overwrite bool, env Env) (mail.Delivery, error) {
	d := mail.Delivery{Dir: dir, Overwrite: overwrite, Send: f.Send, DryRun: f.DryRun, Resend: f.Resend,
		LogPath: logPath, Now: env.Now, Sleep: env.Sleep}
	if !f.Sending() {
		return d, nil
	}
	if org.Mail == nil {
		if !f.DryRun {
			return d, cmdutil.NewUserError("MailNoServer", nil, nil)
		}
		return d, nil
	}
	server := *org.Mail
	d.PerMinute = server.PerMinute
	newSender := env.NewSender
	if newSender == nil {
		newSender = mail.NewSMTP
	}
	d.Sender = func() (mail.Sender, error) {
		password := env.Getenv(mail.PasswordEnv)
		if server.Username != "" && password == "" {
			return nil, cmdutil.NewUserError("MailNoPassword", map[string]any{"Env": mail.PasswordEnv}, nil)
		}
		s, err := newSender(server, mail.SMTPOptions{Password: password})
		if err != nil {
			return nil, cmdutil.NewUserError("MailServerSetup", map[string]any{"Server": server.Server}, err)
		}
		return s, nil
	}
	return d, nil
}

// Error turns what stopped a delivery into a message for HR.
func Error(err error, logPath string) error {
	var ue *cmdutil.UserError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ue), errors.Is(err, context.Canceled):
		// Ctrl-C is the root command's to tell (exit 130).
		return err
	case errors.Is(err, mail.ErrLogBusy):
		return cmdutil.NewUserError("MailLogBusy", map[string]any{"File": logPath}, err)
	case errors.Is(err, fs.ErrPermission):
		return cmdutil.NewUserError("MailLogUnwritable", map[string]any{"File": logPath}, err)
	}
	return cmdutil.NewUserError("MailLogFailed", map[string]any{"File": logPath}, err)
}

// Report prints the letters written or sent, the findings and, unless
// quiet, a summary. It returns cmdutil.ErrInputs when a finding is an
// error, so the command exits 1.
func Report(io *cmdutil.IOStreams, l *i18n.Localizer, ds []mail.Delivered, fs domain.Findings, d mail.Delivery) error {
	mail.PrintDelivered(io.Out, l, ds)
	cmdutil.WriteFindings(io.ErrOut, l, fs, io.ErrColor)
	if !io.Quiet {
		mail.PrintSummary(io.Out, l, ds, d)
	}
	if fs.HasErrors() {
		return cmdutil.ErrInputs
	}
	return nil
}

// Workbooks scans paths and reads the identity of every workbook found;
// a feedback copy is also validated, for the findings its mail lists. A
// path that is not one of our workbooks gets the finding validate would
// give it, and the rest go on. Ctrl-C (ctx) stops the validation.
func Workbooks(ctx context.Context, paths []string, org *domain.Organisation) ([]mail.Workbook, domain.Findings, error) {
	found, err := scan.Paths(paths)
	if err != nil {
		return nil, nil, cmdutil.NewUserError("MailScanFailed", nil, err)
	}
	var wbs []mail.Workbook
	var bad, feedback []string
	for _, p := range found.Files {
		st, err := workbook.ReadIdentity(p)
		if err != nil {
			bad = append(bad, p)
			continue
		}
		if st.Feedback {
			feedback = append(feedback, p)
		}
		wbs = append(wbs, mail.Workbook{Path: p, Stamp: st})
	}
	var fs domain.Findings
	// validate says why a file could not be used, and what a feedback
	// copy asks to correct.
	for _, s := range found.Skipped {
		bad = append(bad, s.Path)
	}
	results, err := check(ctx, append(bad, feedback...), org)
	if err != nil {
		return nil, nil, err
	}
	byPath := map[string]domain.Findings{}
	for _, r := range results {
		byPath[r.Path] = append(byPath[r.Path], r.Findings...)
	}
	for _, p := range bad {
		fs = append(fs, reasons(byPath[p], p)...)
	}
	for i := range wbs {
		if wbs[i].Stamp.Feedback {
			wbs[i].Findings = byPath[wbs[i].Path]
		}
	}
	return wbs, fs, nil
}

func check(ctx context.Context, paths []string, org *domain.Organisation) ([]intake.FileResult, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	rs, err := intake.Check(ctx, paths, org, workbook.ReadFile, intake.Options{Each: intake.HeadOnly})
	if errors.Is(err, context.Canceled) {
		return nil, err
	}
	if err != nil {
		return nil, cmdutil.NewUserError("MailScanFailed", nil, err)
	}
	return rs, nil
}

// reasons keeps the findings that say why a file was not used: skips
// (info) and errors; a file read whole with no error gets MB0400.
func reasons(fs domain.Findings, path string) domain.Findings {
	var out domain.Findings
	for _, f := range fs {
		if f.Severity != domain.SeverityWarning {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		out = domain.Findings{intake.WorkbookUnreadable.Finding(domain.Location{File: path}, map[string]any{"Reason": "-"})}
	}
	return out
}
