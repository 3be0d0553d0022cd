package cmdutil

import "testing"

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Åk 1–3 / Lag \"A\" [Sámi: Áltá]", "Åk 1–3 / Lag \"A\" [Sámi: Áltá]"},
		{"\x1b[2J\x07", `\x1b[2J\x07`},
		{"rad\r\nfil.xlsx: fel: falsk", `rad\r\nfil.xlsx: fel: falsk`},
		{"a\tb\x7f\u0085", `a\tb\x7f\x85`},
		{"abc\u202edcba\u2066", `abc\u202edcba\u2066`},
		{"\u2028", `\u2028`},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
