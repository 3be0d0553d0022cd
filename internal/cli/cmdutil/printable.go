package cmdutil

import (
	"fmt"
	"io"
	"strings"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// Printable returns s with the characters that act on a terminal
// escaped: control characters (ESC sequences, BEL, CR and LF that would
// forge extra finding lines) as \xNN, \n, \r or \t, and the invisible
// characters that reorder or break lines (bidirectional overrides, line
// separators) as \uNNNN. Text from files (cells, sheet and file names, a
// register's values) goes through it before it reaches the text output;
// JSON output is exact, since its encoding escapes on its own.
func Printable(s string) string {
	if !strings.ContainsFunc(s, unprintable) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unprintable(r):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// unprintable reports whether r acts on a terminal rather than showing:
// C0 and C1 controls, DEL, and the format characters that reorder text
// or break lines.
func unprintable(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
		r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// PrintableData returns a copy of data with every string made Printable.
func PrintableData(data map[string]any) map[string]any {
	if data == nil {
		return nil
	}
	out := make(map[string]any, len(data))
	for k, v := range data {
		if s, ok := v.(string); ok {
			v = Printable(s)
		}
		out[k] = v
	}
	return out
}

// printableFinding returns f with its location and data made Printable.
func printableFinding(f domain.Finding) domain.Finding {
	f.Location.File = Printable(f.Location.File)
	f.Location.Sheet = Printable(f.Location.Sheet)
	f.Location.Cell = Printable(f.Location.Cell)
	f.Data = PrintableData(f.Data)
	return f
}

// Say writes message id with data as a line of text output, its data
// made Printable.
func Say(w io.Writer, l *i18n.Localizer, id string, data map[string]any) {
	fmt.Fprintln(w, l.T(id, PrintableData(data)))
}

// SayN is Say for a counted message (Localizer.N).
func SayN(w io.Writer, l *i18n.Localizer, id string, n int, data map[string]any) {
	fmt.Fprintln(w, l.N(id, n, PrintableData(data)))
}
