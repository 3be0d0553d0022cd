package register

import (
	"errors"
	"fmt"
)

// ErrSchemaVersion means the file is a register of another schema
// version, or has none.
var ErrSchemaVersion = errors.New("unsupported register schema version")

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
