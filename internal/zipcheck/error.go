package zipcheck

import "fmt"

// Kind says why a file was refused. Each kind has its own message, since
// each needs different advice to the manager who sent the file.
type Kind uint8

// The kinds of refusal. The zero Kind is none of them.
const (
	// TooLarge: the file is larger than Limits.MaxFileSize.
	TooLarge Kind = iota + 1
	// Empty: the file has no bytes at all.
	Empty
	// NotZip: the file is not a zip archive (a text or PDF file renamed
	// .xlsx, or a compound file that is no Excel file).
	NotZip
	// OldXLS: an Excel 97–2003 (or older) .xls workbook.
	OldXLS
	// Encrypted: a password-protected workbook, or an archive with
	// zip-encrypted entries.
	Encrypted
	// TooManyEntries: more entries than Limits.MaxEntries.
	TooManyEntries
	// InsecureName: an entry name that is absolute, has a drive letter,
	// a backslash, a ".." element or a control character.
	InsecureName
	// EntryTooLarge: an entry declares more than Limits.MaxEntrySize.
	EntryTooLarge
	// TotalTooLarge: the entries declare more than Limits.MaxTotalSize.
	TotalTooLarge
	// Corrupt: a damaged archive: no readable central directory, a CRC
	// or length that does not match, an unknown compression method,
	// duplicate or overlapping entries.
	Corrupt
	// NotWorkbook: a zip archive without [Content_Types].xml or
	// xl/workbook.xml, such as a Word document renamed .xlsx.
	NotWorkbook
)

var kindNames = [...]string{
	TooLarge:       "TooLarge",
	Empty:          "Empty",
	NotZip:         "NotZip",
	OldXLS:         "OldXLS",
	Encrypted:      "Encrypted",
	TooManyEntries: "TooManyEntries",
	InsecureName:   "InsecureName",
	EntryTooLarge:  "EntryTooLarge",
	TotalTooLarge:  "TotalTooLarge",
	Corrupt:        "Corrupt",
	NotWorkbook:    "NotWorkbook",
}

// kindText is the English text of Error.Error, for logs and tests; users
// see the localized message of MessageID instead.
var kindText = [...]string{
	TooLarge:       "file too large",
	Empty:          "empty file",
	NotZip:         "not a zip archive",
	OldXLS:         "old .xls workbook",
	Encrypted:      "encrypted workbook",
	TooManyEntries: "too many entries",
	InsecureName:   "insecure entry name",
	EntryTooLarge:  "entry too large",
	TotalTooLarge:  "unpacked size too large",
	Corrupt:        "damaged archive",
	NotWorkbook:    "not an Excel workbook",
}

func (k Kind) valid() bool { return k > 0 && int(k) < len(kindNames) }

// String returns the name of the kind, such as "OldXLS".
func (k Kind) String() string {
	if !k.valid() {
		return fmt.Sprintf("Kind(%d)", uint8(k))
	}
	return kindNames[k]
}

// Error is why Check refused a file.
type Error struct {
	// Kind says what is wrong.
	Kind Kind
	// Entry is the name of the zip entry at fault, or "" when the fault
	// is the whole file. It comes from the file: quote it (%q) before
	// printing, and keep it out of messages to managers.
	Entry string
	// Limit is the limit that was passed, in bytes or entries, for
	// TooLarge, TooManyEntries, EntryTooLarge and TotalTooLarge.
	Limit int64
	// Err is the underlying error, such as zip.ErrChecksum, or nil.
	Err error
}

// Error describes the refusal in English, for logs and tests.
func (e *Error) Error() string {
	s := "zipcheck: "
	if e.Kind.valid() {
		s += kindText[e.Kind]
	} else {
		s += e.Kind.String()
	}
	if e.Entry != "" {
		s += fmt.Sprintf(" (entry %q)", excerpt(e.Entry))
	}
	if e.Limit > 0 {
		s += fmt.Sprintf(" (limit %d)", e.Limit)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error, so that errors.Is finds, say,
// zip.ErrChecksum.
func (e *Error) Unwrap() error { return e.Err }

// MessageID returns the id of the message for the manager in the
// catalogues locales/archive.*.yaml, such as "ArchiveOldXLS". A Kind that
// is none of the constants gets the message of a damaged file.
func (e *Error) MessageID() string {
	if !e.Kind.valid() {
		return "ArchiveCorrupt"
	}
	return "Archive" + kindNames[e.Kind]
}

// Data returns the placeholders of the message of MessageID: limits only,
// never anything read from the file. The map is never nil.
func (e *Error) Data() map[string]any {
	switch e.Kind {
	case TooLarge, EntryTooLarge, TotalTooLarge:
		// Whole MB, rounded down, so that "larger than N MB" is true.
		return map[string]any{"MaxMB": e.Limit >> 20}
	case TooManyEntries:
		return map[string]any{"MaxEntries": e.Limit}
	}
	return map[string]any{}
}

// excerpt shortens an entry name for Error: names can be 64 KB long.
func excerpt(s string) string {
	const maxLen = 80
	if len(s) <= maxLen {
		return s
	}
	// Cut on a byte: %q shows a split rune as an escape, which is fine
	// in a log line.
	return s[:maxLen] + "…"
}
