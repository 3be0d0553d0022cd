package font_test

import (
	"slices"
	"testing"

	"github.com/malarbete/malarbete/internal/font"
)

func TestMissing(t *testing.T) {
	tests := []struct {
		s    string
		want []rune
	}{
		{"Pågår enligt plan", nil},
		{"Sámi giella, Giellaguovddáš – “klart”", nil},
		{"✓ Klart ✓", []rune{'✓'}},
		{"Bra 🎉", []rune{'🎉'}},
	}
	for _, tc := range tests {
		if got := font.Missing(tc.s); !slices.Equal(got, tc.want) {
			t.Errorf("Missing(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}
