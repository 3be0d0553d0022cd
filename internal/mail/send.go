package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/malarbete/malarbete/internal/domain"
)

// PasswordEnv is the environment variable the SMTP password is read
// from; the config and the command line never hold it.
const PasswordEnv = "MALARBETE_SMTP_PASSWORD"

// Sender hands messages to a mail server, one at a time.
type Sender interface {
	Send(ctx context.Context, m *gomail.Msg) error
	Close() error
}

// ConnectError means the server could not be reached or refused the
// login: no message can be sent, so the run stops trying.
type ConnectError struct{ Err error }

func (e *ConnectError) Error() string { return "connect to the mail server: " + e.Err.Error() }
func (e *ConnectError) Unwrap() error { return e.Err }

// SMTPOptions are what the config does not hold.
type SMTPOptions struct {
	// Password logs in with the config's username.
	Password string
	// TLSConfig replaces the system's certificate check (tests).
	TLSConfig *tls.Config
	// Timeout bounds connecting and each command; 0 means 30 seconds.
	Timeout time.Duration
}

// NewSMTP returns a Sender for the config's server. It connects on the
// first message and keeps the connection for the rest.
func NewSMTP(s domain.MailServer, opts SMTPOptions) (Sender, error) {
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	o := []gomail.Option{gomail.WithPort(s.PortOrDefault()), gomail.WithTimeout(timeout)}
	switch s.Security {
	case domain.SecurityTLS:
		o = append(o, gomail.WithSSL())
	case domain.SecurityNone:
		o = append(o, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		o = append(o, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if opts.TLSConfig != nil {
		o = append(o, gomail.WithTLSConfig(opts.TLSConfig))
	}
	if s.Username != "" {
		o = append(o, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.Username), gomail.WithPassword(opts.Password))
	}
	c, err := gomail.NewClient(s.Server, o...)
	if err != nil {
		return nil, fmt.Errorf("mail server: %w", err)
	}
	return &smtpSender{c: c}, nil
}

type smtpSender struct {
	c         *gomail.Client
	connected bool
}

func (s *smtpSender) dial(ctx context.Context) error {
	if err := s.c.DialWithContext(ctx); err != nil {
		return &ConnectError{err}
	}
	s.connected = true
	return nil
}

// Send sends m. A connection the server closed meanwhile (servers hang up
// on idle clients, and the rate limit makes clients idle) is opened once
// more.
func (s *smtpSender) Send(ctx context.Context, m *gomail.Msg) error {
	if !s.connected {
		if err := s.dial(ctx); err != nil {
			return err
		}
	}
	err := s.c.Send(m)
	var se *gomail.SendError
	if errors.As(err, &se) && se.Reason == gomail.ErrConnCheck {
		s.c.Close()
		s.connected = false
		if err := s.dial(ctx); err != nil {
			return err
		}
		err = s.c.Send(m)
	}
	return err
}

func (s *smtpSender) Close() error {
	if !s.connected {
		return nil
	}
	s.connected = false
	return s.c.Close()
}

// Outcome is what became of one message.
type Outcome int

// The outcomes.
const (
	// OutcomeSent: the server accepted it; the log has it.
	OutcomeSent Outcome = iota
	// OutcomeAlreadySent: the log has it from an earlier run.
	OutcomeAlreadySent
	// OutcomeWouldSend: a dry run would send it.
	OutcomeWouldSend
	// OutcomeFailed: not sent; Err says why.
	OutcomeFailed
)

// Result is the outcome of one message.
type Result struct {
	Message *Message
	Outcome Outcome
	Err     error
	// Earlier is the log's entry for a message already sent.
	Earlier Sent
}

// Outbox sends messages once each: it asks the log what was sent, sends
// the rest at the configured pace and records each accepted message.
type Outbox struct {
	Sender Sender
	Log    *Log
	// PerMinute bounds the pace; 0 means DefaultMailPerMinute.
	PerMinute int
	// Resend sends messages the log already has.
	Resend bool
	// DryRun sends nothing and writes no log.
	DryRun bool
	Now    func() time.Time
	// Sleep waits d or until ctx is done; nil means a timer.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Send sends msgs in order and returns one result each. A message the
// server refuses is a failed result and the others go on; once the server
// cannot be reached, or ctx is cancelled, the rest fail with that reason.
// The error is only for a log that could not be written: the message it
// was for was sent, and the run stops so as not to lose more.
func (o *Outbox) Send(ctx context.Context, msgs []*Message) ([]Result, error) {
	per := o.PerMinute
	if per <= 0 {
		per = domain.DefaultMailPerMinute
	}
	interval := time.Minute / time.Duration(per)
	sleep := o.Sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	var out []Result
	var last time.Time
	var stopped error
	for _, m := range msgs {
		r := Result{Message: m}
		if e, ok := o.Log.Find(m.Key()); ok && !o.Resend {
			r.Outcome, r.Earlier = OutcomeAlreadySent, e
			out = append(out, r)
			continue
		}
		if o.DryRun {
			r.Outcome = OutcomeWouldSend
			out = append(out, r)
			continue
		}
		if stopped == nil && !last.IsZero() {
			if wait := last.Add(interval).Sub(o.Now()); wait > 0 {
				stopped = sleep(ctx, wait)
			}
		}
		if stopped == nil {
			stopped = ctx.Err()
		}
		if stopped != nil {
			r.Outcome, r.Err = OutcomeFailed, stopped
			out = append(out, r)
			continue
		}
		err := o.send(ctx, m)
		last = o.Now()
		if err != nil {
			var ce *ConnectError
			if errors.As(err, &ce) {
				stopped = err
			}
			r.Outcome, r.Err = OutcomeFailed, err
			out = append(out, r)
			continue
		}
		r.Outcome = OutcomeSent
		out = append(out, r)
		if err := o.Log.Add(entry(m, last)); err != nil {
			return out, err
		}
	}
	return out, nil
}

func (o *Outbox) send(ctx context.Context, m *Message) error {
	msg, err := m.Msg(false)
	if err != nil {
		return err
	}
	return o.Sender.Send(ctx, msg)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
