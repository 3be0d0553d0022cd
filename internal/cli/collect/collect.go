// Package collect implements "malarbete collect PATH... -o register.json":
// validate returned workbooks and merge the valid ones, round by round,
// into the register.
package collect

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/intake"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/rules"
	"github.com/malarbete/malarbete/internal/signature"
	"github.com/malarbete/malarbete/internal/workbook"
)

// SummaryFunc writes the --summary workbook: one filterable table of every
// goal in reg, in lang. It must write atomically and overwrite an existing
// file only when overwrite is set.
type SummaryFunc func(path string, reg *domain.Register, org *domain.Organisation, lang domain.Lang, overwrite bool) error

// Findings of collect, documented in docs/findings.md.
var (
	DuplicateSubmission = rules.Rule{Code: "MB0501", Severity: domain.SeverityWarning, MessageID: "FindingDuplicateSubmission"}
	UnitMissing         = rules.Rule{Code: "MB0502", Severity: domain.SeverityWarning, MessageID: "FindingUnitMissing"}
	// CodeReorganised is an info about a reorganisation the register
	// followed; its message is the change's (domain.Change.Message).
	CodeReorganised         = "MB0505"
	WorkbookRejected        = rules.Rule{Code: "MB0503", Severity: domain.SeverityWarning, MessageID: "FindingWorkbookRejected"}
	WorkbookIncludedInvalid = rules.Rule{Code: "MB0504", Severity: domain.SeverityWarning, MessageID: "FindingWorkbookIncludedInvalid"}
	// IndividualRefused: an individual goals workbook stays between
	// employee and manager; collect never reads its content into the
	// register, with or without --include-invalid.
	IndividualRefused = rules.Rule{Code: "MB0506", Severity: domain.SeverityWarning, MessageID: "FindingIndividualRefused"}
)

// Rules lists the findings of collect, for the documentation and
// catalogue tests.
func Rules() []rules.Rule {
	return []rules.Rule{DuplicateSubmission, UnitMissing, WorkbookRejected, WorkbookIncludedInvalid}
}

// DefaultWait is how long collect waits for another run that holds the
// register's lock. The lock is held only while the register is read,
// merged and written, seconds even for a large municipality.
const DefaultWait = 2 * time.Minute

// CollectOptions are the inputs of the collect command.
type CollectOptions struct {
	// Ctx is the command's context; Ctrl-C ends it.
	Ctx       context.Context
	IO        *cmdutil.IOStreams
	Config    func() (*domain.Organisation, error)
	Localizer func() *i18n.Localizer
	// Key loads the organisation's signing key (Factory.SigningKey), which
	// the workbooks' identities are verified with.
	Key func(create bool) (signature.Key, bool, error)
	// Now is the clock; ReadAt comes from it unless Date is set.
	Now func() time.Time

	// Paths are the files and folders to read.
	Paths []string
	// Output is -o: the register, merged into when it exists.
	Output string
	// IncludeInvalid keeps workbooks with errors, marked invalid.
	IncludeInvalid bool
	// Round is --round; empty means the one round the workbooks share.
	Round string
	// Date is --date (YYYY-MM-DD): the read time recorded in provenance,
	// for registers that must be reproducible.
	Date string
	// Force replaces an unreadable register or one of another
	// organisation or period, and overwrites --summary.
	Force bool
	// SummaryPath is --summary: the HR table to write; empty for none.
	SummaryPath string
	// Wait is --wait: how long to wait for another run that holds the
	// register's lock; 0 refuses at once.
	Wait time.Duration

	// Read reads a workbook; nil means workbook.Reader with the key.
	Read intake.ReadFunc
	// Summary writes --summary; nil means workbook.WriteSummaryFile.
	Summary SummaryFunc
}

// NewCmdCollect returns the collect command; runF replaces the run in
// tests.
func NewCmdCollect(f *cmdutil.Factory, runF func(*CollectOptions) error) *cobra.Command {
	opts := &CollectOptions{IO: f.IO, Config: f.Config, Localizer: f.Localizer, Now: f.Now, Key: f.SigningKey}
	l := f.Localizer()
	cmd := &cobra.Command{
		Use:     l.T("CollectUse", nil),
		Short:   l.T("CollectShort", nil),
		Long:    l.T("CollectLong", nil),
		Example: l.T("CollectExample", nil),
		Args:    cmdutil.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			opts.Paths = args
			if opts.Output == "" {
				return cmdutil.FlagErrorf("%s", l.T("CollectNeedsOutput", nil))
			}
			if err := cmdutil.CheckDateFlag(l, opts.Date); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runCollect(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Output, "output", "o", "", l.T("CollectFlagOutput", nil))
	fl.BoolVar(&opts.IncludeInvalid, "include-invalid", false, l.T("CollectFlagIncludeInvalid", nil))
	fl.StringVar(&opts.Round, "round", "", l.T("CollectFlagRound", nil))
	fl.StringVar(&opts.Date, "date", "", l.T("CollectFlagDate", nil))
	fl.BoolVar(&opts.Force, "force", false, l.T("CollectFlagForce", nil))
	fl.StringVar(&opts.SummaryPath, "summary", "", l.T("CollectFlagSummary", nil))
	fl.DurationVar(&opts.Wait, "wait", DefaultWait, l.T("CollectFlagWait", nil))
	return cmd
}

func runCollect(opts *CollectOptions) error {
	summary := opts.Summary
	if summary == nil {
		summary = workbook.WriteSummaryFile
	}
	if opts.Ctx == nil {
		opts.Ctx = context.Background()
	}
	ctx := opts.Ctx
	if opts.SummaryPath != "" {
		if _, err := os.Stat(opts.SummaryPath); err == nil && !opts.Force {
			return cmdutil.NewUserError("CollectSummaryExists", map[string]any{"File": opts.SummaryPath}, nil)
		}
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
	// A register that cannot be used is reported before the workbooks
	// are read; it is scanned again under the lock if it changed.
	old, err := existing(opts, org)
	if err != nil {
		return err
	}
	// What the workbooks say waits on disk until it is merged, so that
	// memory does not grow with the batch.
	spool, err := register.NewSpool()
	if err != nil {
		return cmdutil.WriteFailed(os.TempDir(), err)
	}
	defer spool.Close()
	results, err := intake.Check(ctx, opts.Paths, org, read, intake.Options{
		Rules: rules.Options{Round: opts.Round},
		Each:  putAside(spool),
	})
	var spoolErr *spoolError
	switch {
	case errors.As(err, &spoolErr):
		return cmdutil.WriteFailed(os.TempDir(), spoolErr.err)
	case err != nil:
		return fmt.Errorf("collect: %w", err)
	}
	refuseIndividual(results)
	l := opts.Localizer()
	round, err := chooseRound(opts.Round, org, frame(old, org), results)
	if err != nil {
		// Show why nothing could be collected before saying so.
		cmdutil.WriteResults(opts.IO.ErrOut, l, withFindings(results), opts.IO)
		return err
	}

	// The read, merge and write of the register happen under its lock,
	// so that two runs at once cannot lose each other's units.
	unlock, err := register.Lock(ctx, opts.Output, opts.Wait, func() {
		cmdutil.Say(opts.IO.ErrOut, l, "CollectWaiting", map[string]any{"File": opts.Output, "Wait": opts.Wait.String()})
	})
	if err != nil {
		return lockError(ctx, opts.Output, err)
	}
	defer unlock()
	if old == nil || !old.Unchanged() {
		if old, err = existing(opts, org); err != nil {
			return err
		}
	}
	// Ctrl-C before this point leaves the register as it was; after it
	// the register and the summary are written whole.
	if err := ctx.Err(); err != nil {
		return err
	}
	res, err := merge(old, org, results, round, opts)
	// The files' findings are shown whatever happened next, with what the
	// merge made of them when it was done.
	var notes domain.Findings
	if res != nil {
		notes = annotate(results, res, opts.IncludeInvalid, org, opts.Output)
	}
	cmdutil.WriteResults(opts.IO.ErrOut, l, withFindings(results), opts.IO)
	cmdutil.PrintFindings(opts.IO.ErrOut, l, notes)
	var (
		mergeErr *mergeError
		userErr  *cmdutil.UserError
	)
	switch {
	case errors.As(err, &userErr):
		return err
	case errors.As(err, &mergeErr) && errors.Is(err, register.ErrRoundOrder):
		return cmdutil.NewUserError("CollectRoundOrder", map[string]any{"Round": round, "Latest": frame(old, org).LatestRound()}, err)
	case errors.As(err, &mergeErr):
		return fmt.Errorf("collect: %w", mergeErr.err)
	case err != nil:
		return writeError(opts.Output, err)
	}
	if opts.SummaryPath != "" {
		// The summary is a table of the whole register: read back whole.
		reg, err := register.ReadFor(opts.Output, org)
		if err != nil {
			return cmdutil.RegisterError(opts.Output, err, "")
		}
		if err := summary(opts.SummaryPath, reg, org, l.Lang(), opts.Force); err != nil {
			return writeError(opts.SummaryPath, err)
		}
	}
	if !opts.IO.Quiet {
		name := round
		if r, _ := org.Round(round); r.Name != "" {
			name = r.Name
		}
		cmdutil.Say(opts.IO.Out, l, "CollectSummary", map[string]any{
			"File":     opts.Output,
			"Round":    name,
			"Merged":   l.N("CollectSummaryMerged", len(res.Merged), nil),
			"Rejected": l.N("CollectSummaryRejected", len(res.Rejected)+len(res.Duplicates), nil),
			"Missing":  l.N("CollectSummaryMissing", len(res.Missing), nil),
		})
	}
	if intake.Summarize(results).Errors > 0 {
		return cmdutil.ErrInputs
	}
	return nil
}

// refuseIndividual takes the individual goals workbooks out of the batch:
// their content is dropped, and their findings with it (they are the
// manager's, not HR's), for the one finding that says why.
func refuseIndividual(results []intake.FileResult) {
	for i := range results {
		r := &results[i]
		if r.Submission == nil || r.Submission.Identity.Scope != domain.ScopeIndividual {
			continue
		}
		r.Submission, r.Skipped = nil, true
		r.Findings = domain.Findings{IndividualRefused.Finding(domain.Location{File: r.Path}, nil)}
	}
}

// lockError says why the register's lock was not taken: another run held
// it longer than --wait, or the lock file could not be opened.
func lockError(ctx context.Context, path string, err error) error {
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, register.ErrLocked):
		return cmdutil.NewUserError("CollectLocked", map[string]any{"File": path, "Lock": register.LockPath(path)}, err)
	}
	return cmdutil.NewUserError("CollectLockFailed", map[string]any{"File": register.LockPath(path), "Cause": cmdutil.FileCause(err)}, err)
}

// existing scans the register at -o (register.Scan), or gives nil for a
// new one. With --force a register that cannot be used (unreadable, of
// another organisation or period) is replaced instead of stopping the
// run.
func existing(opts *CollectOptions, org *domain.Organisation) (*register.Stored, error) {
	old, err := register.Scan(opts.Output, org)
	switch {
	case err == nil:
		return old, nil
	case errors.Is(err, fs.ErrNotExist), opts.Force:
		return nil, nil
	default:
		return nil, cmdutil.RegisterError(opts.Output, err, "CollectRegisterHint")
	}
}

// frame is the register old without its units, or a new one's.
func frame(old *register.Stored, org *domain.Organisation) *domain.Register {
	if old == nil {
		return register.New(org)
	}
	return old.Frame
}

// chooseRound returns --round, or else the round of the config that the
// workbooks read belong to. When they belong to several, it is the round
// most of them belong to, among those the register can still take (not
// before its latest round), the earliest on a tie; the workbooks of
// other rounds get WrongRound and are refused, one by one, as with
// --round, so that one early or stray workbook does not stop the batch.
func chooseRound(flag string, org *domain.Organisation, reg *domain.Register, results []intake.FileResult) (string, error) {
	if flag != "" {
		return flag, nil
	}
	count := map[string]int{}
	for _, r := range results {
		if r.Submission == nil {
			continue
		}
		if _, ok := org.Round(r.Submission.Identity.Round); ok {
			count[r.Submission.Identity.Round]++
		}
	}
	if len(count) == 0 {
		return "", cmdutil.NewUserError("CollectNothingRead", nil, nil)
	}
	latest := -1
	for i, r := range org.Rounds {
		if r.ID == reg.LatestRound() {
			latest = i
		}
	}
	best, bestOpen := "", false
	for i, r := range org.Rounds {
		n := count[r.ID]
		if n == 0 {
			continue
		}
		open := i >= latest
		if best == "" || open && !bestOpen || open == bestOpen && n > count[best] {
			best, bestOpen = r.ID, open
		}
	}
	if len(count) > 1 {
		for i := range results {
			r := &results[i]
			if r.Submission != nil && r.Submission.Identity.Round != best && count[r.Submission.Identity.Round] > 0 {
				r.Findings = append(r.Findings, rules.WrongRound.Finding(domain.Location{File: r.Path},
					map[string]any{"Got": r.Submission.Identity.Round, "Want": best}))
			}
		}
	}
	return best, nil
}

// merge merges the batch into the register old (nil: a new one) and
// writes it to -o, a few units at a time (register.MergeTo); when the
// register must follow a reorganisation it merges the register whole
// (register.Merge). An error of the merge itself is a *mergeError; any
// other is the write's.
func merge(old *register.Stored, org *domain.Organisation, results []intake.FileResult, round string, opts *CollectOptions) (*register.Result, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	readAt := now().UTC().Truncate(time.Second)
	if opts.Date != "" {
		readAt = cmdutil.DateOr(opts.Date, now).Time()
	}
	var subs []register.Accepted
	inputs := make([]string, 0, len(results))
	for _, r := range results {
		inputs = append(inputs, r.Path)
		if r.Skipped {
			continue
		}
		subs = append(subs, register.Accepted{
			Submission: r.Submission,
			Content:    r.Content,
			Findings:   r.Findings,
			Source:     domain.Provenance{File: filepath.ToSlash(r.Path), SHA256: r.SHA256, ReadAt: readAt},
		})
	}
	mopts := register.MergeOptions{Round: round, IncludeInvalid: opts.IncludeInvalid}
	wopts := atomicfile.Options{Overwrite: true, Inputs: inputs}
	var (
		res      *register.Result
		mergeErr error
	)
	err := atomicfile.Write(opts.Output, wopts, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 64<<10)
		if res, mergeErr = register.MergeTo(bw, old, org, subs, mopts); mergeErr != nil {
			return mergeErr
		}
		return bw.Flush()
	})
	if errors.Is(mergeErr, register.ErrReorganised) {
		reg := register.New(org)
		if old != nil {
			if reg, err = register.ReadFor(opts.Output, org); err != nil {
				return nil, cmdutil.RegisterError(opts.Output, err, "CollectRegisterHint")
			}
		}
		if res, mergeErr = register.Merge(reg, org, subs, mopts); mergeErr == nil {
			err = register.Write(opts.Output, reg, wopts)
		}
	}
	if mergeErr != nil {
		return nil, &mergeError{mergeErr}
	}
	return res, err
}

// mergeError is an error of the merge, not of writing the register.
type mergeError struct{ err error }

func (e *mergeError) Error() string { return e.err.Error() }
func (e *mergeError) Unwrap() error { return e.err }

// putAside is intake's Each for collect: it moves each workbook's content
// to the spool (an individual goals workbook is dropped right after, by
// refuseIndividual, and never written anywhere).
func putAside(spool *register.Spool) func(r *intake.FileResult) error {
	return func(r *intake.FileResult) error {
		s := r.Submission
		if s == nil || s.Identity.Scope == domain.ScopeIndividual {
			return nil
		}
		head, content, err := spool.Put(s)
		if err != nil {
			return &spoolError{err}
		}
		r.Submission, r.Content = head, content
		return nil
	}
}

// spoolError is an error of writing the spool.
type spoolError struct{ err error }

func (e *spoolError) Error() string { return e.err.Error() }
func (e *spoolError) Unwrap() error { return e.err }

// annotate adds collect's findings to the files they concern and returns
// the findings about the round as a whole (missing units).
func annotate(results []intake.FileResult, res *register.Result, includeInvalid bool, org *domain.Organisation, output string) domain.Findings {
	byFile := map[string]*intake.FileResult{}
	for i := range results {
		byFile[filepath.ToSlash(results[i].Path)] = &results[i]
	}
	add := func(file string, f domain.Finding) {
		if r, ok := byFile[file]; ok {
			r.Findings = append(r.Findings, f)
		}
	}
	for _, d := range res.Duplicates {
		data := map[string]any{"Kept": d.Kept.File, "Saved": ""}
		if !d.Kept.Saved.IsZero() {
			data["Saved"] = d.Kept.Saved.Format("2006-01-02 15:04 UTC")
		}
		add(d.Dropped.File, DuplicateSubmission.Finding(domain.Location{File: d.Dropped.File}, data))
	}
	for _, p := range res.Rejected {
		add(p.File, WorkbookRejected.Finding(domain.Location{File: p.File}, nil))
	}
	if includeInvalid {
		for _, p := range res.Merged {
			if p.Errors > 0 {
				add(p.File, WorkbookIncludedInvalid.Finding(domain.Location{File: p.File}, nil))
			}
		}
	}
	var notes domain.Findings
	for _, c := range res.Changes {
		id, data := c.Message(org)
		notes = append(notes, domain.Finding{Code: CodeReorganised, Severity: domain.SeverityInfo, Location: domain.Location{File: output}, MessageID: id, Data: data})
	}
	for _, id := range res.Missing {
		u, _ := org.Unit(id)
		name := u.Name
		if name == "" {
			name = id
		}
		notes = append(notes, UnitMissing.Finding(domain.Location{File: output}, map[string]any{"Unit": name}))
	}
	return notes
}

func withFindings(results []intake.FileResult) []intake.FileResult {
	var out []intake.FileResult
	for _, r := range results {
		if len(r.Findings) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// writeError turns a failed write into a message the user can act on;
// the earlier file is intact because writes are atomic.
func writeError(path string, err error) error {
	switch {
	case errors.Is(err, atomicfile.ErrSameFile):
		return cmdutil.NewUserError("CollectOutputIsInput", map[string]any{"File": path}, err)
	case errors.Is(err, atomicfile.ErrExists):
		return cmdutil.NewUserError("CollectSummaryExists", map[string]any{"File": path}, err)
	}
	return cmdutil.WriteFailed(path, err)
}
