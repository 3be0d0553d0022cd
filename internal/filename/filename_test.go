package filename

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestSafe(t *testing.T) {
	tests := []struct {
		name, in, ext, want string
	}{
		{"readable", "Enheten Björken – mål 2027", ".xlsx", "Enheten Björken – mål 2027.xlsx"},
		{"nfd to nfc", "Fo\u0308rskolan", ".xlsx", "Förskolan.xlsx"},
		{"reserved chars", `a<b>c:d"e/f\g|h?i*j`, ".xlsx", "a-b-c-d-e-f-g-h-i-j.xlsx"},
		{"control chars", "a\x00b\tc\nd", "", "ab c d"},
		{"trailing dots and spaces", "Enhet. . ", ".xlsx", "Enhet.xlsx"},
		{"leading dots", "..hemlig", "", "hemlig"},
		{"reserved name", "CON", ".xlsx", "_CON.xlsx"},
		{"reserved name lower with ext", "nul.txt", "", "_nul.txt"},
		{"com port", "com1", "", "_com1"},
		{"not reserved", "CONTRA", "", "CONTRA"},
		{"empty", "  ", ".xlsx", "_.xlsx"},
		{"only dots", "...", "", "_"},
		{"spaces collapse", "a   b", "", "a b"},
		{"zero width", "a\u200bb", "", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Safe(tt.in, tt.ext); got != tt.want {
				t.Errorf("Safe(%q, %q) = %q, want %q", tt.in, tt.ext, got, tt.want)
			}
		})
	}
}

func TestSafeLength(t *testing.T) {
	for _, in := range []string{strings.Repeat("å", 300), strings.Repeat("a", 300), strings.Repeat("e\u0301", 150)} {
		got := Safe(in, ".xlsx")
		if len(got) > MaxBytes || !utf8.ValidString(got) || !strings.HasSuffix(got, ".xlsx") || !norm.NFC.IsNormalString(got) {
			t.Errorf("Safe(%d bytes) = %d bytes %q", len(in), len(got), got)
		}
	}
}

func TestSet(t *testing.T) {
	var s Set
	tests := []struct {
		name    string
		collide bool
	}{
		{"Björken.xlsx", false},
		{"BJÖRKEN.xlsx", true},
		{"Bjo\u0308rken.xlsx", true},
		{"Björken 2.xlsx", false},
	}
	for _, tt := range tests {
		if _, c := s.Add(tt.name); c != tt.collide {
			t.Errorf("Add(%q) collides = %v, want %v", tt.name, c, tt.collide)
		}
	}
	var u Set
	got := []string{u.Unique("A.xlsx", ".xlsx"), u.Unique("a.xlsx", ".xlsx"), u.Unique("A.xlsx", ".xlsx")}
	want := []string{"A.xlsx", "a (2).xlsx", "A (3).xlsx"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Unique #%d = %q, want %q", i, got[i], want[i])
		}
	}
}
