// Package validate implements "malarbete validate PATH...": read returned
// workbooks (through internal/intake), check them against the config and
// tell HR and managers exactly what to fix, per file, sheet and cell.
package validate

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/intake"
	"github.com/malarbete/malarbete/internal/rules"
	"github.com/malarbete/malarbete/internal/signature"
	"github.com/malarbete/malarbete/internal/workbook"
)

// AnnotateFunc writes to dst a copy of the workbook at src with the
// problem cells highlighted, a comment on each and a first sheet listing
// the findings in the workbook's language (sub.Identity.Language). It
// must write atomically, never touch src, and stop soon after ctx is
// done.
type AnnotateFunc func(ctx context.Context, src, dst string, sub *domain.Submission, org *domain.Organisation, fs domain.Findings) error

// ValidateOptions are the inputs of the validate command.
type ValidateOptions struct {
	// Ctx is the command's context; Ctrl-C ends it.
	Ctx       context.Context
	IO        *cmdutil.IOStreams
	Config    func() (*domain.Organisation, error)
	Localizer func() *i18n.Localizer
	// Key loads the organisation's signing key (Factory.SigningKey), which
	// the workbooks' identities are verified with.
	Key func(create bool) (signature.Key, bool, error)

	// Paths are the files and folders to read.
	Paths []string
	// Format is "text" or "json".
	Format string
	// AnnotateDir is --annotate: where feedback copies go; empty for none.
	AnnotateDir string
	// Round is --round: the round the workbooks must be of; empty accepts
	// any round of the config.
	Round string

	// Read reads a workbook; nil means workbook.Reader with the key.
	Read intake.ReadFunc
	// Annotate writes a feedback copy; nil means
	// workbook.AnnotateFileContext.
	Annotate AnnotateFunc
}

// NewCmdValidate returns the validate command; runF replaces the run in
// tests.
func NewCmdValidate(f *cmdutil.Factory, runF func(*ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{IO: f.IO, Config: f.Config, Localizer: f.Localizer, Key: f.SigningKey}
	l := f.Localizer()
	cmd := &cobra.Command{
		Use:     l.T("ValidateUse", nil),
		Short:   l.T("ValidateShort", nil),
		Long:    l.T("ValidateLong", nil),
		Example: l.T("ValidateExample", nil),
		Args:    cmdutil.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			opts.Paths = args
			if opts.Format != "text" && opts.Format != "json" {
				return cmdutil.FlagErrorf("%s", l.T("ValidateBadFormat", map[string]any{"Value": opts.Format}))
			}
			if runF != nil {
				return runF(opts)
			}
			return runValidate(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", l.T("ValidateFlagFormat", nil))
	cmd.Flags().StringVar(&opts.AnnotateDir, "annotate", "", l.T("ValidateFlagAnnotate", nil))
	cmd.Flags().StringVar(&opts.Round, "round", "", l.T("ValidateFlagRound", nil))
	return cmd
}

func runValidate(opts *ValidateOptions) error {
	if opts.Ctx == nil {
		opts.Ctx = context.Background()
	}
	annotate := opts.Annotate
	if annotate == nil {
		annotate = workbook.AnnotateFileContext
	}
	org, err := opts.Config()
	if err != nil {
		return err
	}
	if opts.Round != "" {
		if _, ok := org.Round(opts.Round); !ok {
			return cmdutil.NewUserError("ValidateUnknownRound", map[string]any{"Round": opts.Round}, nil)
		}
	}
	read, err := cmdutil.WorkbookReader(opts.Read, opts.Key)
	if err != nil {
		return err
	}
	results, err := intake.Check(opts.Ctx, opts.Paths, org, read, intake.Options{Rules: rules.Options{Round: opts.Round}, Each: intake.HeadOnly})
	if err != nil {
		return fmt.Errorf("validate: %w", err)
	}
	l := opts.Localizer()
	if opts.Format == "json" {
		if err := PrintJSON(opts.IO.Out, l, results); err != nil {
			return err
		}
	} else {
		cmdutil.WriteResults(opts.IO.Out, l, results, opts.IO)
		if !opts.IO.Quiet {
			PrintSummary(opts.IO.Out, l, intake.Summarize(results))
		}
	}
	if opts.AnnotateDir != "" {
		if err := annotateAll(opts.Ctx, opts.AnnotateDir, results, org, annotate); err != nil {
			return err
		}
	}
	if intake.Summarize(results).Errors > 0 {
		return cmdutil.ErrInputs
	}
	return nil
}

// annotateAll writes a feedback copy of every read workbook with
// findings, each within the time the batch gives a read
// (intake.DefaultReadTimeout): annotating checks a file as reading does,
// and one crafted file must not stall the rest. A copy that fails is
// reported and the others are still written.
func annotateAll(ctx context.Context, dir string, results []intake.FileResult, org *domain.Organisation, annotate AnnotateFunc) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return cmdutil.NewUserError("ValidateAnnotateDir", map[string]any{"Dir": dir}, err)
	}
	used := map[string]bool{}
	var failed []string
	var errs []error
	for _, r := range results {
		if err := ctx.Err(); err != nil {
			return err
		}
		if r.Submission == nil || len(r.Findings) == 0 {
			continue
		}
		dst := copyName(dir, r.Path, used)
		if sameFile(dst, r.Path) {
			failed = append(failed, r.Path)
			continue
		}
		actx, cancel := context.WithTimeout(ctx, intake.DefaultReadTimeout)
		err := annotate(actx, r.Path, dst, r.Submission, org, r.Findings)
		cancel()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			failed = append(failed, r.Path)
			errs = append(errs, err)
		}
	}
	if len(failed) > 0 {
		return cmdutil.NewUserError("ValidateAnnotateFailed", map[string]any{"Files": strings.Join(failed, ", ")}, errors.Join(errs...))
	}
	return nil
}

// copyName gives the copy of src in dir a name of its own: the file's
// name, with -2, -3 … when two inputs in different folders share it. A
// copy is a plain workbook whatever src was (the macros are left out), so
// it ends in .xlsx: Excel refuses an .xlsm that holds no macros.
func copyName(dir, src string, used map[string]bool) string {
	base := filepath.Base(src)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	if strings.EqualFold(ext, ".xlsm") {
		ext = ".xlsx"
	}
	name := stem + ext
	for n := 2; used[strings.ToLower(name)]; n++ {
		name = stem + "-" + strconv.Itoa(n) + ext
	}
	used[strings.ToLower(name)] = true
	return filepath.Join(dir, name)
}

func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
