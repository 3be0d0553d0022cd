// Package mail implements "malarbete mail PATH... -o DIR": one e-mail per
// manager with the workbooks attached, as drafts or sent through SMTP.
// The kind of mail follows the workbooks: the planning send-out, a
// follow-up round, or feedback on an annotated copy.
package mail

import (
	"context"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/cli/mail/shared"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	hrmail "github.com/malarbete/malarbete/internal/mail"
)

// MailOptions are the inputs of the mail command.
type MailOptions struct {
	// Ctx is the command's context; Ctrl-C ends it.
	Ctx       context.Context
	IO        *cmdutil.IOStreams
	Config    func() (*domain.Organisation, error)
	Localizer func() *i18n.Localizer
	Catalogue *i18n.Catalogue
	Env       shared.Env

	// Paths are the workbooks and folders to mail.
	Paths []string
	// OutputDir is -o: the drafts, or the send log with --send.
	OutputDir string
	// Force replaces existing drafts.
	Force bool
	shared.Flags
}

// NewCmdMail returns the mail command; runF replaces the run in tests.
func NewCmdMail(f *cmdutil.Factory, runF func(*MailOptions) error) *cobra.Command {
	opts := &MailOptions{IO: f.IO, Config: f.Config, Localizer: f.Localizer, Catalogue: f.Catalogue,
		Env: shared.Env{Getenv: f.Getenv, Now: f.Now}}
	l := f.Localizer()
	cmd := &cobra.Command{
		Use:     l.T("MailUse", nil),
		Short:   l.T("MailShort", nil),
		Long:    l.T("MailLong", nil),
		Example: l.T("MailExample", nil),
		Args:    cmdutil.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			opts.Paths = args
			if opts.OutputDir == "" {
				return cmdutil.FlagErrorf("%s", l.T("MailOutputRequired", nil))
			}
			if err := opts.Flags.Check(l); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runMail(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.OutputDir, "output", "o", "", l.T("MailFlagOutput", nil))
	fl.BoolVar(&opts.Force, "force", false, l.T("MailFlagForce", nil))
	opts.Flags.Add(fl, l)
	return cmd
}

func runMail(opts *MailOptions) error {
	if opts.Ctx == nil {
		opts.Ctx = context.Background()
	}
	org, err := opts.Config()
	if err != nil {
		return err
	}
	l := opts.Localizer()
	wbs, fs, err := shared.Workbooks(opts.Ctx, opts.Paths, org)
	if err != nil {
		return err
	}
	letters, problems := hrmail.Plan(org, wbs)
	fs = append(fs, problems...)
	if err := os.MkdirAll(opts.OutputDir, 0o755); err != nil {
		return cmdutil.NewUserError("MailOutputDir", map[string]any{"Dir": opts.OutputDir}, err)
	}
	logPath := filepath.Join(opts.OutputDir, shared.LogName)
	d, err := shared.Delivery(org, opts.Flags, opts.OutputDir, logPath, opts.Force, opts.Env)
	if err != nil {
		return err
	}
	ds, more, err := hrmail.Deliver(opts.Ctx, org, letters, opts.Catalogue, d)
	fs = append(fs, more...)
	if err != nil {
		// What was sent is listed before the reason the run stopped.
		shared.Report(opts.IO, l, ds, fs, d)
		return shared.Error(err, logPath)
	}
	return shared.Report(opts.IO, l, ds, fs, d)
}
