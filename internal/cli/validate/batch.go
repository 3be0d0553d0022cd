package validate

import (
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
// and an error when the file cannot be read at all. The workbook package
// provides the real one; tests pass fakes.
type ReadFunc func(path string, org *domain.Organisation) (*domain.Submission, domain.Findings, error)

// AnnotateFunc writes to dst a copy of the workbook at src with the
// problem cells highlighted, a comment on each and a first sheet listing
// the findings in the workbook's language (sub.Identity.Language). It
// must write atomically and never touch src.
type AnnotateFunc func(src, dst string, sub *domain.Submission, org *domain.Organisation, fs domain.Findings) error

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

// BatchRules lists the findings of the batch, for the documentation and
// catalogue tests.
func BatchRules() []rules.Rule {
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
	// Findings are the reader's and the rules' findings, every one with
	// Location.File set to Path.
	Findings domain.Findings
	// Skipped marks a path that was not read at all.
	Skipped bool
}

// Valid reports whether the file was read and has no errors.
func (r FileResult) Valid() bool { return !r.Skipped && r.Submission != nil && !r.Findings.HasErrors() }

// CheckPaths scans paths and reads and checks every workbook found, each
// on its own: a file that fails to read, even by panicking, or takes more
// than DefaultReadTimeout, becomes a finding and the batch goes on.
// Inputs are only read.
func CheckPaths(paths []string, org *domain.Organisation, read ReadFunc, opts rules.Options) ([]FileResult, error) {
	return CheckPathsWithin(paths, org, read, opts, DefaultReadTimeout)
}

// CheckPathsWithin is CheckPaths with its own time limit per workbook;
// zero or less means DefaultReadTimeout. Tests use short limits.
func CheckPathsWithin(paths []string, org *domain.Organisation, read ReadFunc, opts rules.Options, limit time.Duration) ([]FileResult, error) {
	if limit <= 0 {
		limit = DefaultReadTimeout
	}
	found, err := scan.Paths(paths)
	if err != nil {
		return nil, err
	}
	var out []FileResult
	for _, p := range found.Files {
		out = append(out, checkFile(p, org, read, opts, limit))
	}
	// Skipped paths come last: they are notes, the workbooks matter more.
	for _, s := range found.Skipped {
		r := skipRule[s.Reason]
		out = append(out, FileResult{Path: s.Path, Skipped: true,
			Findings: domain.Findings{r.Finding(domain.Location{File: s.Path}, nil)}})
	}
	return out, nil
}

func checkFile(path string, org *domain.Organisation, read ReadFunc, opts rules.Options, limit time.Duration) FileResult {
	res := FileResult{Path: path}
	r, ok := timedRead(read, path, org, limit)
	if !ok {
		res.Findings = domain.Findings{ReadTimedOut.Finding(domain.Location{File: path}, map[string]any{"Seconds": int(limit.Seconds())})}
		return res
	}
	if r.hashErr != nil {
		res.Findings = domain.Findings{unreadable(path, r.hashErr)}
		return res
	}
	res.SHA256 = r.sum
	for _, f := range r.fs {
		f.Location.File = path
		res.Findings = append(res.Findings, f)
	}
	if r.err != nil {
		res.Findings = append(res.Findings, unreadable(path, r.err))
		return res
	}
	if r.sub != nil {
		res.Findings = append(res.Findings, rules.Check(path, r.sub, org, opts)...)
		r.sub.DropCells()
		res.Submission = r.sub
	}
	return res
}

// unreadable quotes only the start of the error: reader errors describe
// the file's structure, but a short excerpt keeps whatever slipped in
// from reaching the screen whole.
func unreadable(path string, err error) domain.Finding {
	return WorkbookUnreadable.Finding(domain.Location{File: path}, map[string]any{"Reason": domain.Excerpt(err.Error(), 120)})
}

// timedRead hashes the file and runs safeRead in a goroutine, and waits
// at most limit for both; ok is false when they did not finish in time.
// The hash is inside the limit because a huge file in the inbox would
// otherwise stall the batch before the reader refuses it by its size.
//
// Go cannot stop a goroutine. An abandoned hash stops at its next chunk
// (stop is closed); an abandoned read runs on until it ends by itself,
// holding its file open and its memory, and the channel is buffered so
// that it can then finish and exit. What that read can cost is bounded by
// the reader's checks before parsing: zipcheck.DefaultLimits (a file of at
// most 25 MB that unpacks to at most 128 MB, every entry's real size
// checked) and the reader's limits on XML parts (2 MB a sheet). The worst
// file they let through, every sheet at its limit, read in 4.6 s with a
// peak heap of 310 MB, so an abandoned read ends by itself even if
// nothing waits for it.
func timedRead(read ReadFunc, path string, org *domain.Organisation, limit time.Duration) (readResult, bool) {
	done := make(chan readResult, 1)
	stop := make(chan struct{})
	go func() {
		sum, err := hashFile(path, stop)
		if err != nil {
			done <- readResult{hashErr: err}
			return
		}
		sub, fs, err := safeRead(read, path, org)
		done <- readResult{sum: sum, sub: sub, fs: fs, err: err}
	}()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case r := <-done:
		return r, true
	case <-timer.C:
		close(stop)
		return readResult{}, false
	}
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
func safeRead(read ReadFunc, path string, org *domain.Organisation) (sub *domain.Submission, fs domain.Findings, err error) {
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
	return read(path, org)
}

func hashFile(path string, stop <-chan struct{}) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, stoppable{f, stop}); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// errAbandoned ends the hashing of a file whose time is up.
var errAbandoned = errors.New("abandoned after the time limit")

// stoppable is a reader that fails once stop is closed.
type stoppable struct {
	r    io.Reader
	stop <-chan struct{}
}

func (s stoppable) Read(p []byte) (int, error) {
	select {
	case <-s.stop:
		return 0, errAbandoned
	default:
		return s.r.Read(p)
	}
}
