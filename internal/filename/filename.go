// Package filename makes file and folder names that HR can read and that
// are safe on Windows, macOS and Linux: NFC-normalized, without reserved
// characters or names, without trailing dots or spaces, and short enough
// for deep folders. A Set detects names that would collide on a
// case-insensitive or normalizing file system.
package filename

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// MaxBytes is the longest name Safe returns, in bytes. File systems allow
// 255; the rest is left for " (2)" suffixes and for tools that add their
// own.
const MaxBytes = 200

// Safe returns name made safe as a file name, keeping ext (".xlsx", or
// "" for a folder) whole. A name that is empty once cleaned becomes "_".
func Safe(name, ext string) string {
	name = norm.NFC.String(name)
	var b strings.Builder
	space := false
	for _, r := range name {
		switch {
		case r == '<' || r == '>' || r == ':' || r == '"' || r == '/' || r == '\\' || r == '|' || r == '?' || r == '*':
			r = '-'
		case unicode.IsSpace(r):
			r = ' '
		case r < ' ' || r == 0x7f || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError:
			continue // control and invisible format characters
		}
		if r == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteRune(r)
	}
	// Dropping a character can bring a combining mark next to a letter
	// it composes with ("A", an invalid byte, U+0308): normalize again.
	s := trim(norm.NFC.String(b.String()))
	s = truncate(s, MaxBytes-len(ext))
	// A cut prefix need not be NFC, and normalizing can change its
	// length: cut and normalize until both hold.
	for s = trim(norm.NFC.String(s)); len(s) > MaxBytes-len(ext); s = trim(norm.NFC.String(s)) {
		s = truncate(s, len(s)-1)
	}
	if s == "" {
		s = "_"
	}
	if reserved(s) {
		// The prefix can push a name cut to the limit over it; cutting
		// again keeps the prefix, so the name stays unreserved.
		s = trim(truncate("_"+s, MaxBytes-len(ext)))
	}
	return s + ext
}

// trim drops leading spaces and trailing dots and spaces, which Windows
// removes silently, and leading dots, which hide files elsewhere.
func trim(s string) string {
	s = strings.TrimLeft(s, " .")
	return strings.TrimRight(s, " .")
}

// truncate cuts s to at most n bytes at a character boundary, without
// leaving a combining mark without its base.
func truncate(s string, n int) string {
	if n < 1 {
		n = 1
	}
	if len(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if i > n {
			break
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		if !unicode.Is(unicode.Mn, r) {
			cut = i
		}
	}
	if cut == 0 {
		return ""
	}
	return s[:cut]
}

// reservedNames are device names Windows reserves with any extension.
var reservedNames = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true}

func reserved(s string) bool {
	base, _, _ := strings.Cut(s, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	if reservedNames[base] {
		return true
	}
	if len(base) >= 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		d := base[3:]
		return d >= "0" && d <= "9" && len(d) == 1 || d == "¹" || d == "²" || d == "³"
	}
	return false
}

// Key returns the form under which two names collide: NFC and case
// folded, as on the file systems of Windows and macOS.
func Key(name string) string {
	return cases.Fold().String(norm.NFC.String(name))
}

// Set remembers names to detect collisions.
type Set struct {
	seen map[string]string
}

// Add records name and reports the earlier name it collides with, if any.
func (s *Set) Add(name string) (earlier string, collides bool) {
	if s.seen == nil {
		s.seen = map[string]string{}
	}
	k := Key(name)
	if e, ok := s.seen[k]; ok {
		return e, true
	}
	s.seen[k] = name
	return "", false
}

// Unique returns name, or name with " (2)", " (3)"… before ext when it
// collides, and records the result.
func (s *Set) Unique(name, ext string) string {
	base := strings.TrimSuffix(name, ext)
	candidate := name
	for n := 2; ; n++ {
		if _, c := s.Add(candidate); !c {
			return candidate
		}
		suffix := " (" + itoaSmall(n) + ")"
		candidate = trim(truncate(base, MaxBytes-len(ext)-len(suffix))) + suffix + ext
	}
}

func itoaSmall(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoaSmall(n/10) + string(rune('0'+n%10))
}
