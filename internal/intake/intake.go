// Package intake is the pipeline that validate and collect share: scan
// the PATH arguments, hash and read every workbook found within a time
// limit, and check what was read against the rules. One file that fails,
// panics or takes too long becomes a finding and the batch goes on.
// Inputs are only read.
package intake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/rules"
	"github.com/malarbete/malarbete/internal/scan"
)

// ReadFunc reads one workbook: the submission it holds, the structural
// findings of the reader (not our workbook, a missing sheet, a bad date)
// and an error when the file cannot be read at all. It should stop soon
// after ctx is done and return ctx's error. The workbook package provides
// the real one; tests pass fakes.
type ReadFunc func(ctx context.Context, path string, org *domain.Organisation) (*domain.Submission, domain.Findings, error)

// Findings of the batch itself, before any rule: files that were skipped
// or could not be read. Documented with the rules in docs/findings.md.
var (
	WorkbookUnreadable = rules.Rule{Code: "MB0400", Severity: domain.SeverityError, MessageID: "FindingWorkbookUnreadable"}
	SkippedLockFile    = rules.Rule{Code: "MB0401", Severity: domain.SeverityInfo, MessageID: "FindingSkippedLockFile"}
	SkippedHidden      = rules.Rule{Code: "MB0402", Severity: domain.SeverityInfo, MessageID: "FindingSkippedHidden"}
	SkippedNotWorkbook = rules.Rule{Code: "MB0403", Severity: domain.SeverityInfo, MessageID: "FindingSkippedNotWorkbook"}
	SkippedNotRegular  = rules.Rule{Code: "MB0404", Severity: domain.SeverityInfo, MessageID: "FindingSkippedNotRegular"}
	PathNotFound       = rules.Rule{Code: "MB0405", Severity: domain.SeverityError, MessageID: "FindingPathNotFound"}
	ReadTimedOut       = rules.Rule{Code: "MB0406", Severity: domain.SeverityError, MessageID: "FindingReadTimedOut"}
)

// DefaultReadTimeout bounds the reading of one workbook. A filled workbook
// reads in well under a second; the largest zipcheck lets through (128 MB
// unpacked) in a few seconds. A file that takes longer is reported and
// the batch goes on, so one crafted file cannot stall a collection of
// hundreds.
const DefaultReadTimeout = 30 * time.Second

// Rules lists the findings of the batch, for the documentation and
// catalogue tests.
func Rules() []rules.Rule {
	return []rules.Rule{WorkbookUnreadable, SkippedLockFile, SkippedHidden, SkippedNotWorkbook, SkippedNotRegular, PathNotFound, ReadTimedOut}
}

var skipRule = map[scan.Reason]rules.Rule{
	scan.ReasonLockFile:    SkippedLockFile,
	scan.ReasonHidden:      SkippedHidden,
	scan.ReasonNotWorkbook: SkippedNotWorkbook,
	scan.ReasonNotRegular:  SkippedNotRegular,
	scan.ReasonNotFound:    PathNotFound,
}

// FileResult is what checking one path gave.
type FileResult struct {
	// Path is the file as the user named it or as found in a folder.
	Path string
	// SHA256 is the hash of the file's bytes, empty for skipped files.
	SHA256 string
	// Submission is nil when the file was skipped or could not be read.
	Submission *domain.Submission
	// Content, when set, gives the whole submission, which Options.Each
	// put aside; Submission then holds only its identity and Saved.
	Content func() (*domain.Submission, error)
	// Findings are the reader's and the rules' findings, every one with
	// Location.File set to Path.
	Findings domain.Findings
	// Skipped marks a path that was not read at all.
	Skipped bool
}

// Valid reports whether the file was read and has no errors.
func (r FileResult) Valid() bool { return !r.Skipped && r.Submission != nil && !r.Findings.HasErrors() }

// Options control a batch.
type Options struct {
	// Rules are passed to rules.Check for every workbook read.
	Rules rules.Options
	// Timeout bounds the hashing and reading of one workbook; zero or
	// less means DefaultReadTimeout. Tests use short limits.
	Timeout time.Duration
	// Each, when set, is given each workbook's result as soon as it is
	// checked, before the next is read: collect puts the content aside
	// there (FileResult.Content). Its error stops the batch.
	Each func(r *FileResult) error
}

// HeadOnly is an Each for a batch that reports on its files and keeps
// nothing they say (validate): each submission is cut to its Head as soon
// as it is checked, so that memory does not grow with the batch.
func HeadOnly(r *FileResult) error {
	if r.Submission != nil {
		r.Submission = r.Submission.Head()
	}
	return nil
}

// Check scans paths and reads and checks every workbook found, each on
// its own: a file that fails to read, even by panicking, or takes more
// than the time limit, becomes a finding and the batch goes on. When ctx
// is done (Ctrl-C) Check stops at the next file and returns ctx's error.
func Check(ctx context.Context, paths []string, org *domain.Organisation, read ReadFunc, opts Options) ([]FileResult, error) {
	limit := opts.Timeout
	if limit <= 0 {
		limit = DefaultReadTimeout
	}
	found, err := scan.Paths(paths)
	if err != nil {
		return nil, err
	}
	var out []FileResult
	for _, p := range found.Files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r, err := checkFile(ctx, p, org, read, opts.Rules, limit)
		if err != nil {
			return nil, err
		}
		if opts.Each != nil {
			if err := opts.Each(&r); err != nil {
				return nil, err
			}
		}
		out = append(out, r)
	}
	// Skipped paths come last: they are notes, the workbooks matter more.
	for _, s := range found.Skipped {
		r := skipRule[s.Reason]
		out = append(out, FileResult{Path: s.Path, Skipped: true,
			Findings: domain.Findings{r.Finding(domain.Location{File: s.Path}, nil)}})
	}
	return out, nil
}

// checkFile reads and checks one file. Its error is only ctx's, when the
// whole batch was stopped.
func checkFile(ctx context.Context, path string, org *domain.Organisation, read ReadFunc, opts rules.Options, limit time.Duration) (FileResult, error) {
	res := FileResult{Path: path}
	r, ok := timedRead(ctx, read, path, org, limit)
	if !ok {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		res.Findings = domain.Findings{ReadTimedOut.Finding(domain.Location{File: path}, map[string]any{"Seconds": int(limit.Seconds())})}
		return res, nil
	}
	if r.hashErr != nil {
		res.Findings = domain.Findings{unreadable(path, r.hashErr)}
		return res, nil
	}
	res.SHA256 = r.sum
	for _, f := range r.fs {
		f.Location.File = path
		res.Findings = append(res.Findings, f)
	}
	if r.err != nil {
		res.Findings = append(res.Findings, unreadable(path, r.err))
		return res, nil
	}
	if r.sub != nil {
		res.Findings = append(res.Findings, rules.Check(path, r.sub, org, opts)...)
		r.sub.DropCells()
		boundIdentity(&r.sub.Identity, org)
		res.Submission = r.sub
	}
	return res, nil
}

// boundIdentity cuts the identity values that are not the config's to an
// excerpt, once the rules have reported them: they come from the file
// and may be 100,000 characters long, and they travel on into validate's
// JSON and the register's list of rejected workbooks.
func boundIdentity(id *domain.Identity, org *domain.Organisation) {
	bound := func(v *string, known bool) {
		if !known {
			*v = domain.Excerpt(*v, rules.ExcerptLen)
		}
	}
	_, round := org.Round(id.Round)
	_, unit := org.Unit(id.Unit)
	bound(&id.Organisation, id.Organisation == org.ID)
	bound(&id.Period, id.Period == org.Period)
	bound(&id.Round, round)
	bound(&id.Unit, unit)
	bound(&id.TemplateVersion, false)
	for i := range id.Teams {
		_, team := org.Team(id.Teams[i])
		bound(&id.Teams[i], team)
	}
}

// unreadable quotes only the start of the error: reader errors describe
// the file's structure, but a short excerpt keeps whatever slipped in
// from reaching the screen whole.
func unreadable(path string, err error) domain.Finding {
	return WorkbookUnreadable.Finding(domain.Location{File: path}, map[string]any{"Reason": domain.Excerpt(err.Error(), 120)})
}

// cancelGrace is how long a cancelled read is waited for. The reader
// stops at its next sheet or region; what it cannot stop (excelize
// unpacking and opening the archive) is bounded by the reader's checks
// before parsing: zipcheck.DefaultLimits (a file of at most 25 MB, every
// entry's real size checked), the reader's own limits (32 MB unpacked,
// 2 MB a sheet or part) and the sheets' shape (cells, rows, merged
// ranges, strings, styles). Measured with BenchmarkHostile
// (internal/workbook) on the hostile corpus, each file alone in a
// process: the worst accepted file read in under 5 s with a peak
// resident set of 187 MB, and annotated (validate --annotate) at 232 MB
// (docs/benchmarks.md).
const cancelGrace = 15 * time.Second

// timedRead hashes the file and runs safeRead in a goroutine under a
// context that ends after limit, and waits for both; ok is false when
// they did not finish in time or ctx was done. A read whose time is up
// is cancelled and waited for (at most cancelGrace), so that its file
// and memory are given back before the next file is read; the channel is
// buffered so that a read past the grace can still finish and exit.
func timedRead(ctx context.Context, read ReadFunc, path string, org *domain.Organisation, limit time.Duration) (readResult, bool) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	done := make(chan readResult, 1)
	go func() {
		sum, err := hashFile(ctx, path)
		if err != nil {
			done <- readResult{hashErr: err}
			return
		}
		sub, fs, err := safeRead(ctx, read, path, org)
		done <- readResult{sum: sum, sub: sub, fs: fs, err: err}
	}()
	select {
	case r := <-done:
		if stopped(r.hashErr) || stopped(r.err) {
			// It ended because it was stopped: what it gave is partial.
			return readResult{}, false
		}
		return r, true
	case <-ctx.Done():
	}
	grace := time.NewTimer(cancelGrace)
	defer grace.Stop()
	select {
	case <-done:
	case <-grace.C:
	}
	return readResult{}, false
}

// stopped reports whether err says that a context ended the work.
func stopped(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}

// readResult is what hashing and reading one file gave.
type readResult struct {
	sum     string
	hashErr error
	sub     *domain.Submission
	fs      domain.Findings
	err     error
}

// safeRead runs read under recover, so that a reader bug on one crafted
// file is reported for that file instead of ending the batch.
func safeRead(ctx context.Context, read ReadFunc, path string, org *domain.Organisation) (sub *domain.Submission, fs domain.Findings, err error) {
	defer func() {
		if r := recover(); r != nil {
			// A runtime error describes the code; any other panic value
			// may carry bytes of the file, such as a cell's text, so it
			// is cut to the excerpt a finding may quote.
			what := domain.Excerpt(fmt.Sprint(r), rules.ExcerptLen)
			if re, ok := r.(runtime.Error); ok {
				what = re.Error()
			}
			sub, fs, err = nil, nil, fmt.Errorf("read %s: panic: %s", filepath.Base(path), what)
		}
	}()
	return read(ctx, path, org)
}

// hashFile hashes the file at path; it stops at its next chunk once ctx
// is done, so a huge file in the inbox does not stall the batch before
// the reader refuses it by its size.
func hashFile(ctx context.Context, path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, stoppable{f, ctx}); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// stoppable is a reader that fails with ctx's error once ctx is done.
type stoppable struct {
	r   io.Reader
	ctx context.Context
}

func (s stoppable) Read(p []byte) (int, error) {
	if err := s.ctx.Err(); err != nil {
		return 0, err
	}
	return s.r.Read(p)
}

// Summary counts a batch for the closing line.
type Summary struct {
	// Files is how many files were read (skipped paths not counted).
	Files int `json:"files"`
	// Valid is how many of them have no errors.
	Valid int `json:"valid"`
	// WithErrors is how many of them have at least one error.
	WithErrors int `json:"withErrors"`
	// Warnings is how many warnings the batch has in all.
	Warnings int `json:"warnings"`
	// Skipped is how many paths were not read.
	Skipped int `json:"skipped"`
	// Errors is how many errors the batch has in all, including missing
	// paths.
	Errors int `json:"errors"`
}

// Summarize counts results.
func Summarize(results []FileResult) Summary {
	var s Summary
	for _, r := range results {
		s.Warnings += r.Findings.Count(domain.SeverityWarning)
		s.Errors += r.Findings.Count(domain.SeverityError)
		switch {
		case r.Skipped:
			s.Skipped++
		case r.Valid():
			s.Files++
			s.Valid++
		default:
			s.Files++
			s.WithErrors++
		}
	}
	return s
}
