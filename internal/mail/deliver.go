package mail

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/filename"
	"github.com/malarbete/malarbete/internal/i18n"
)

// Delivery says how letters leave: as drafts in a folder, or through
// SMTP with a send log.
type Delivery struct {
	// Dir is the folder of the drafts.
	Dir string
	// Overwrite replaces drafts that exist (--force).
	Overwrite bool
	// Send sends through SMTP instead of writing drafts; DryRun only says
	// what Send would do.
	Send, DryRun bool
	// Resend sends what the log says was sent already.
	Resend bool
	// LogPath is the send log.
	LogPath string
	// Sender connects to the server; it is called only when something is
	// to be sent.
	Sender func() (Sender, error)
	// PerMinute bounds the pace of sending.
	PerMinute int
	Now       func() time.Time
	// Sleep waits between messages; nil means a timer.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Delivered is what became of one letter.
type Delivered struct {
	Letter *Letter
	// Draft is the file written, when drafts are written.
	Draft string
	// Result is the outcome of sending, when sending.
	Result *Result
	// Failed is set when the letter was neither written nor sent; the
	// findings say why.
	Failed bool
}

// Deliver composes every letter and writes it as a draft or sends it.
// A letter that fails gets a finding and the others go on. The error is
// for what stops the whole run: a send log that is busy or cannot be
// read or written, or a server that cannot be set up.
func Deliver(ctx context.Context, org *domain.Organisation, letters []*Letter, cat *i18n.Catalogue, d Delivery) ([]Delivered, domain.Findings, error) {
	now := d.Now()
	if !d.Send && !d.DryRun {
		if err := os.MkdirAll(d.Dir, 0o755); err != nil {
			return nil, nil, fmt.Errorf("drafts folder: %w", err)
		}
	}
	var out []Delivered
	var fs domain.Findings
	var msgs []*Message
	var at []int // index in out of each message
	names := &filename.Set{}
	for _, lt := range letters {
		dl := Delivered{Letter: lt}
		loc := domain.Location{File: lt.Name()}
		m, err := Compose(org, lt, cat, now)
		if err != nil {
			dl.Failed = true
			fs = append(fs, DraftFailed.Finding(loc, map[string]any{"Reason": domain.Excerpt(err.Error(), 160)}))
			out = append(out, dl)
			continue
		}
		if d.Send || d.DryRun {
			msgs = append(msgs, m)
			at = append(at, len(out))
			out = append(out, dl)
			continue
		}
		dl.Draft = filepath.Join(d.Dir, names.Unique(filename.Safe(lt.Name(), ".eml"), ".eml"))
		if err := m.WriteDraft(dl.Draft, d.Overwrite); err != nil {
			dl.Failed = true
			loc.File = dl.Draft
			if errors.Is(err, atomicfile.ErrExists) {
				fs = append(fs, DraftExists.Finding(loc, nil))
			} else {
				fs = append(fs, DraftFailed.Finding(loc, map[string]any{"Reason": domain.Excerpt(err.Error(), 160)}))
			}
		}
		out = append(out, dl)
	}
	if len(msgs) == 0 {
		return out, fs, nil
	}
	results, err := d.send(ctx, msgs)
	for i, r := range results {
		dl := &out[at[i]]
		dl.Result = &r
		loc := domain.Location{File: dl.Letter.Name()}
		switch r.Outcome {
		case OutcomeFailed:
			dl.Failed = true
			fs = append(fs, NotSent.Finding(loc, map[string]any{"Reason": domain.Excerpt(redact(r.Err.Error(), dl.Letter.To.Email), 200)}))
		case OutcomeAlreadySent:
			fs = append(fs, AlreadySent.Finding(loc, map[string]any{"When": r.Earlier.SentAt.Local().Format("2006-01-02 15:04")}))
		}
	}
	return out, fs, err
}

// send opens the log and the server, and sends.
func (d Delivery) send(ctx context.Context, msgs []*Message) ([]Result, error) {
	if dir := filepath.Dir(d.LogPath); !d.DryRun {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("send log folder: %w", err)
		}
	}
	log, err := OpenLog(d.LogPath, d.DryRun)
	if err != nil {
		return nil, err
	}
	defer log.Close()
	ob := &Outbox{Log: log, PerMinute: d.PerMinute, Resend: d.Resend, DryRun: d.DryRun, Now: d.Now, Sleep: d.Sleep}
	if !d.DryRun && d.pending(log, msgs) {
		s, err := d.Sender()
		if err != nil {
			return nil, err
		}
		defer s.Close()
		ob.Sender = s
	}
	return ob.Send(ctx, msgs)
}

// pending reports whether anything is to be sent, so that a rerun with
// nothing left needs no server and no password.
func (d Delivery) pending(log *Log, msgs []*Message) bool {
	for _, m := range msgs {
		if _, ok := log.Find(m.Key()); !ok || d.Resend {
			return true
		}
	}
	return false
}

// redact takes the recipient's address out of a server's answer: the
// finding names the mail by its units, and addresses stay out of what
// is printed as problems.
func redact(s, addr string) string {
	if addr == "" {
		return s
	}
	return regexp.MustCompile("(?i)"+regexp.QuoteMeta(addr)).ReplaceAllString(s, "…")
}
