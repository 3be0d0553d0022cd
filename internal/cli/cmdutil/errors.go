package cmdutil

import (
	"errors"
	"fmt"
)

// Exit codes, documented in the root command's help.
const (
	ExitOK       = 0 // everything went well
	ExitInputs   = 1 // the inputs have problems (config, workbooks)
	ExitUsage    = 2 // the command line is wrong
	ExitInternal = 3 // a bug or an unexpected failure
	// ExitInterrupted is the shells' code for a process ended by Ctrl-C
	// (128 + SIGINT); SIGTERM ends the run the same way.
	ExitInterrupted = 130
)

// ErrInputs means problems with the inputs were found and already printed;
// the process exits 1.
var ErrInputs = errors.New("inputs have problems")

// FlagError is a usage mistake; the process prints it with a hint to
// --help and exits 2.
type FlagError struct{ Err error }

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// FlagErrorf returns a FlagError. Its text is already localized.
func FlagErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...)}
}

// UserError is a problem the user can fix (a missing file, an existing
// output). Its message is localized by the root command; the process
// exits 1.
type UserError struct {
	MessageID string
	// Data fills the message; a Message value in it is localized first.
	Data map[string]any
	// Hint is the message id of what to do about it, printed on a line
	// of its own; empty for none.
	Hint string
	// Err is the underlying cause, printed only with --debug.
	Err error
}

func (e *UserError) Error() string {
	if e.Err != nil {
		return e.MessageID + ": " + e.Err.Error()
	}
	return e.MessageID
}
func (e *UserError) Unwrap() error { return e.Err }

// NewUserError returns a UserError for message id with data.
func NewUserError(id string, data map[string]any, cause error) error {
	return &UserError{MessageID: id, Data: data, Err: cause}
}
