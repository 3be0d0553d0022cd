package cmdutil

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/register"
)

// Message is a message id with its data. As a value in a UserError's
// data it is localized first, in the same language, so that a sentence
// can name a cause ("… could not be written: the disk is full").
type Message struct {
	ID   string
	Data map[string]any
}

// FileCause names why a file could not be read or written, for the
// causes of the file system people can act on; any other is "an error of
// the file system", with the detail under --debug.
func FileCause(err error) Message {
	id := "CLICauseOther"
	switch {
	case errors.Is(err, syscall.ENOSPC):
		id = "CLICauseDiskFull"
	case errors.Is(err, atomicfile.ErrInUse):
		id = "CLICauseInUse"
	case errors.Is(err, syscall.EROFS):
		id = "CLICauseReadOnly"
	case errors.Is(err, fs.ErrPermission):
		id = "CLICausePermission"
	case errors.Is(err, atomicfile.ErrNotRegular), errors.Is(err, syscall.EISDIR):
		id = "CLICauseNotRegular"
	case errors.Is(err, syscall.ENOTDIR):
		id = "CLICauseNotFolder"
	case errors.Is(err, fs.ErrNotExist):
		id = "CLICauseNotFound"
	}
	return Message{ID: id}
}

// IsFileError reports whether err comes from the file system (opening,
// writing, renaming, a target that is not a regular file) rather than
// from the program: such an error is the user's to fix, exit 1.
func IsFileError(err error) bool {
	var pathErr *fs.PathError
	var linkErr *os.LinkError
	var sysErr *os.SyscallError
	return errors.As(err, &pathErr) || errors.As(err, &linkErr) || errors.As(err, &sysErr) ||
		errors.Is(err, atomicfile.ErrNotRegular)
}

// WriteFailed is the error for an output at path that could not be
// written, with its cause. An earlier file at path is intact: writes are
// atomic.
func WriteFailed(path string, err error) error {
	return NewUserError("CLIWriteFailed", map[string]any{"File": path, "Cause": FileCause(err)}, err)
}

// CreateFolderFailed is the error for a folder that could not be created.
func CreateFolderFailed(path string, err error) error {
	return NewUserError("CLICreateFolderFailed", map[string]any{"Folder": path, "Cause": FileCause(err)}, err)
}

// registerExcerpt is how much of a value read from a register a message
// quotes: the file may hold anything.
const registerExcerpt = 40

// registerProblem maps what makes a register invalid to its message.
var registerProblem = map[register.Problem]string{
	register.ProblemNoOrganisation: "RegisterNoOrganisation",
	register.ProblemRepeatedRound:  "RegisterRepeatedRound",
	register.ProblemRepeatedUnit:   "RegisterRepeatedUnit",
	register.ProblemUnknownRound:   "RegisterUnknownRound",
	register.ProblemUnknownUnit:    "RegisterUnknownUnit",
}

// RegisterError is the one place that turns an error of reading the
// register at path (register.Read, ReadFor) into a message: what is
// wrong and where, and hint, the message id of what the command's user
// can do (or "").
func RegisterError(path string, err error, hint string) error {
	data := map[string]any{"File": path}
	id := "RegisterUnreadable"
	var (
		syn      *register.SyntaxError
		enc      *register.EncodingError
		ver      *register.VersionError
		tooLarge *register.TooLargeError
		invalid  *register.InvalidError
		other    *register.OtherError
	)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		id = "RegisterMissing"
	case errors.As(err, &syn):
		id, data["Line"], data["Column"] = "RegisterJSON", syn.Line, syn.Column
	case errors.As(err, &enc):
		id, data["Line"], data["Column"] = "RegisterEncoding", enc.Line, enc.Column
	case errors.As(err, &ver) && ver.Version == 0:
		id = "RegisterNoSchema"
	case errors.As(err, &ver):
		id, data["Version"], data["Want"] = "RegisterSchema", ver.Version, domain.RegisterSchemaVersion
	case errors.As(err, &tooLarge):
		id, data["Size"], data["Limit"] = "RegisterTooLarge", megabytes(tooLarge.Size), megabytes(register.MaxSize)
	case errors.As(err, &invalid) && registerProblem[invalid.Problem] != "":
		id, data["Value"] = registerProblem[invalid.Problem], domain.Excerpt(invalid.Value, registerExcerpt)
	case errors.As(err, &other):
		id = "RegisterOther"
		data["Organisation"] = domain.Excerpt(other.Organisation, registerExcerpt)
		data["Period"] = domain.Excerpt(other.Period, registerExcerpt)
	default:
		data["Cause"] = FileCause(err)
	}
	return &UserError{MessageID: id, Data: data, Hint: hint, Err: err}
}

// megabytes rounds a size up to whole MB for messages.
func megabytes(n int64) int64 { return (n + 1<<20 - 1) >> 20 }

// IsWebPage reports whether a document written to path is its web page
// rather than its PDF: the name ends in .html or .htm.
func IsWebPage(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".html" || ext == ".htm"
}
