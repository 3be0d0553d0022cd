package register

import (
	"errors"
	"fmt"

	"github.com/malarbete/malarbete/internal/domain"
)

// ErrSchemaVersion means the file is a register of another schema
// version, or has none.
var ErrSchemaVersion = errors.New("unsupported register schema version")

// VersionError is a register of another schema version (Version), or
// without one (Version 0). It matches ErrSchemaVersion.
type VersionError struct {
	File    string
	Version int
}

// Error names the file and both versions.
func (e *VersionError) Error() string {
	if e.Version == 0 {
		return fmt.Sprintf("%s: %v: no schemaVersion", e.File, ErrSchemaVersion)
	}
	return fmt.Sprintf("%s: %v: version %d, this program reads version %d", e.File, ErrSchemaVersion, e.Version, domain.RegisterSchemaVersion)
}

// Is makes errors.Is(err, ErrSchemaVersion) hold.
func (e *VersionError) Is(target error) bool { return target == ErrSchemaVersion }

// ErrInvalid means the file is JSON of the right version but not a
// usable register (no organisation, repeated units or rounds), or names
// units or rounds the config lacks. Its errors are *InvalidError.
var ErrInvalid = errors.New("invalid register")

// Problem says what makes a register invalid.
type Problem string

// The problems of an InvalidError.
const (
	ProblemNoOrganisation Problem = "no-organisation"
	ProblemRepeatedRound  Problem = "repeated-round"
	ProblemRepeatedUnit   Problem = "repeated-unit"
	ProblemUnknownRound   Problem = "unknown-round"
	ProblemUnknownUnit    Problem = "unknown-unit"
)

// InvalidError is a register that is not usable for Problem; Value is
// the unit or round concerned, as the file has it (it may be long: quote
// an excerpt). It matches ErrInvalid.
type InvalidError struct {
	File    string
	Problem Problem
	Value   string
}

// Error names the file, the problem and an excerpt of the value.
func (e *InvalidError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("%s: %v: %s", e.File, ErrInvalid, e.Problem)
	}
	return fmt.Sprintf("%s: %v: %s %q", e.File, ErrInvalid, e.Problem, domain.Excerpt(e.Value, 40))
}

// Is makes errors.Is(err, ErrInvalid) hold.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }

// OtherError is a register of another organisation or period than the
// config; the values are the register's, as the file has them. It
// matches ErrOtherOrganisation.
type OtherError struct {
	File         string
	Organisation string
	Period       string
}

// Error names the file and excerpts of the register's values.
func (e *OtherError) Error() string {
	return fmt.Sprintf("%s: %v: %q %q", e.File, ErrOtherOrganisation, domain.Excerpt(e.Organisation, 40), domain.Excerpt(e.Period, 40))
}

// Is makes errors.Is(err, ErrOtherOrganisation) hold.
func (e *OtherError) Is(target error) bool { return target == ErrOtherOrganisation }

// TooLargeError is a register file over MaxSize bytes.
type TooLargeError struct {
	File string
	Size int64
}

// Error names the file, its size and the limit.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: register of %d bytes, over the limit of %d", e.File, e.Size, MaxSize)
}

// EncodingError is a register with bytes that are not UTF-8; Line and
// Column locate the first.
type EncodingError struct {
	File   string
	Line   int
	Column int
}

// Error returns "file:line:column: not UTF-8".
func (e *EncodingError) Error() string {
	return fmt.Sprintf("%s:%d:%d: not UTF-8", e.File, e.Line, e.Column)
}

// SyntaxError is a register file that is not valid JSON or whose values
// have the wrong type, with the position of the problem.
type SyntaxError struct {
	File   string
	Line   int
	Column int
	Err    error
}

// Error returns "file:line:column: reason", the form editors jump to.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
}

// Unwrap returns the JSON decoder's error.
func (e *SyntaxError) Unwrap() error { return e.Err }

// ErrOtherOrganisation means the register belongs to another
// organisation or period than the config.
var ErrOtherOrganisation = errors.New("register of another organisation or period")

// ErrRoundOrder means a round was collected after a later one: merging it
// would rewrite history that later rounds build on.
var ErrRoundOrder = errors.New("round comes before the latest collected round")

// ErrUnknownRound means the round is not in the config.
var ErrUnknownRound = errors.New("round not in the config")
