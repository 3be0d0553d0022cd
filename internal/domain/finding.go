package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Severity says how much a finding matters.
type Severity string

// Severities: an error makes a workbook or config invalid; a warning asks
// for a second look; info is a note.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Finding is a problem found in a config or workbook. It is data: the CLI
// localizes it through MessageID and Data. Data must not carry more than a
// short excerpt of what a person typed.
type Finding struct {
	// Code is stable across versions, e.g. "MB0301"; documented in
	// docs/findings.md.
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Location Location `json:"location"`
	// MessageID is the catalogue message, e.g. "FindingGoalMissingHow".
	MessageID string `json:"messageId"`
	// Data fills the message's placeholders.
	Data map[string]any `json:"data,omitempty"`
}

// Location is where a finding applies: a file and either a line and
// column (config) or a sheet and cell (workbook).
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Sheet  string `json:"sheet,omitempty"`
	Cell   string `json:"cell,omitempty"`
}

// Findings is a list of findings with helpers to count them.
type Findings []Finding

// Count returns how many findings have severity s.
func (fs Findings) Count(s Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any finding is an error.
func (fs Findings) HasErrors() bool { return fs.Count(SeverityError) > 0 }

// Excerpt shortens what a person typed to at most n runes, so that
// messages quote enough to find the cell and no more. It is one line: a
// finding is always one line, and a quoted text with a line break or a
// control character would forge another, so runs of spaces and control
// characters become one space. Only the runes it quotes are looked at:
// the value may be a 300 MB string from a crafted file.
func Excerpt(s string, n int) string {
	var b strings.Builder
	count, space := 0, false
	for i, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = count > 0
			continue
		}
		if count == n || space && count+1 == n {
			// More follows than fits: what fits, and an ellipsis.
			if space && count+1 == n {
				b.WriteByte(' ')
			}
			return string([]rune(b.String())) + "…"
		}
		if space {
			b.WriteByte(' ')
			count++
			space = false
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size])
		count++
	}
	return b.String()
}
