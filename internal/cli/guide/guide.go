// Package guide implements "malarbete guide": the manager's guide to goal
// work, from the config, as a tagged PDF/A or a web page, in the look of
// the report.
package guide

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/guide"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/report/html"
	"github.com/malarbete/malarbete/internal/report/pdf"
)

// GuideOptions are the inputs of the guide command.
type GuideOptions struct {
	IO        *cmdutil.IOStreams
	Config    func() (*domain.Organisation, error)
	Localizer func() *i18n.Localizer
	Now       func() time.Time
	// ConfigPath is where the config was read: an input the output must
	// not replace.
	ConfigPath string

	// Output is --output; empty means chefshandledning.pdf or
	// managers-guide.pdf by language. A name ending in .html or .htm
	// gives the web page.
	Output string
	// Date is --date; empty means today by Now.
	Date string
	// Force is --force: overwrite an existing output.
	Force bool
}

// NewCmdGuide returns the guide command; runF replaces the run in tests.
func NewCmdGuide(f *cmdutil.Factory, runF func(*GuideOptions) error) *cobra.Command {
	opts := &GuideOptions{IO: f.IO, Config: f.Config, Localizer: f.Localizer, Now: f.Now}
	l := f.Localizer()
	cmd := &cobra.Command{
		Use:     l.T("GuideCmdUse", nil),
		Short:   l.T("GuideCmdShort", nil),
		Long:    l.T("GuideCmdLong", nil),
		Example: l.T("GuideCmdExample", nil),
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ConfigPath = f.ConfigPath
			if err := cmdutil.CheckDateFlag(l, opts.Date); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runGuide(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", l.T("GuideFlagOutput", nil))
	cmd.Flags().StringVar(&opts.Date, "date", "", l.T("GuideFlagDate", nil))
	cmd.Flags().BoolVar(&opts.Force, "force", false, l.T("GuideFlagForce", nil))
	return cmd
}

func runGuide(ctx context.Context, opts *GuideOptions) error {
	org, err := opts.Config()
	if err != nil {
		return err
	}
	l := opts.Localizer()
	out := opts.Output
	if out == "" {
		out = l.T("GuideDefaultOutput", nil)
	}
	web := cmdutil.IsWebPage(out)
	doc := guide.Build(org, guide.Options{Date: cmdutil.DateOr(opts.Date, opts.Now), Logo: org.Logo}, l)
	var inputs []string
	if opts.ConfigPath != "" {
		inputs = append(inputs, opts.ConfigPath)
	}
	var res pdf.Result
	err = atomicfile.Write(out, atomicfile.Options{Overwrite: opts.Force, Inputs: inputs}, func(w io.Writer) error {
		var err error
		if web {
			_, err = html.Render(ctx, w, doc, html.Options{})
			return err
		}
		res, err = pdf.Render(ctx, w, doc, pdf.Options{})
		return err
	})
	switch {
	case errors.Is(err, atomicfile.ErrExists):
		return cmdutil.NewUserError("GuideErrOutputExists", map[string]any{"File": out}, err)
	case errors.Is(err, atomicfile.ErrSameFile):
		return cmdutil.NewUserError("ReportErrOutputIsInput", map[string]any{"File": out}, err)
	case errors.Is(err, pdf.ErrLogo), errors.Is(err, html.ErrLogo):
		return cmdutil.NewUserError("ReportErrLogo", map[string]any{"File": org.Logo}, err)
	case cmdutil.IsFileError(err):
		return cmdutil.WriteFailed(out, err)
	case err != nil:
		return fmt.Errorf("guide: %w", err)
	}
	switch {
	case opts.IO.Quiet:
	case web:
		cmdutil.Say(opts.IO.ErrOut, l, "GuideWrittenHTML", map[string]any{"File": out})
	default:
		cmdutil.SayN(opts.IO.ErrOut, l, "GuideWritten", res.Pages, map[string]any{"File": out})
	}
	return nil
}
