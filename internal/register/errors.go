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
// usable register (no organisation, repeated units or rounds).
var ErrInvalid = errors.New("invalid register")

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
