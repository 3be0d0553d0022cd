package domain

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug derives a stable ID from a name: Swedish letters folded (å, ä → a;
// ö → o), other accents dropped, lower case, runs of anything else turned
// into one hyphen. "Förskolan Björken" → "forskolan-bjorken".
func Slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // combining marks: å = a + ring, ö = o + diaeresis
		case r == 'ø' || r == 'Ø':
			r = 'o'
		case r == 'æ' || r == 'Æ':
			r = 'a'
		case r == 'ß':
			r = 's'
		}
		r = unicode.ToLower(r)
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	return b.String()
}

// ValidID reports whether id is a usable ID: lower-case ASCII letters,
// digits and single inner hyphens, at most 64 bytes.
func ValidID(id string) bool {
	if id == "" || len(id) > 64 || id[0] == '-' || id[len(id)-1] == '-' || strings.Contains(id, "--") {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
