package filename

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzName feeds Safe arbitrary unit and team names, as HR types them in
// the config. Whatever the name, the result must be usable as a file name
// on Windows, macOS and Linux: valid UTF-8 in NFC, at most MaxBytes, ending
// in the extension, without reserved characters, control or invisible
// format characters, leading dots or spaces, trailing dots or spaces, and
// never a reserved device name. It must also be deterministic and stable:
// making a safe name safe again changes nothing, so that a rerun of
// generate writes the same files.
func FuzzName(f *testing.F) {
	for _, seed := range []string{
		"Förskolan Björken", "Fo\u0308rskolan", "CON", "nul.xlsx", "COM1", "lpt9.txt", "CONIN$",
		`a<b>c:d"e/f\g|h?i*j`, "a\x00b\tc\nd", "Enhet. . ", "..hemlig", "..", ".", " ", "",
		strings.Repeat("å", 300), strings.Repeat("e\u0301", 150), "a\u200bb", "\ufeffBOM",
		"Stora barn- 4–5 år", "Åk 1–3 / Fritids", "\xff\xfe", "COM¹", "com\u00b9.x",
	} {
		f.Add(seed, ".xlsx")
		f.Add(seed, "")
	}
	f.Fuzz(func(t *testing.T, name, ext string) {
		// Callers pass ".xlsx" or "" (a folder); other extensions are
		// not made from input, so fold the fuzzed one onto those two.
		if ext != "" {
			ext = ".xlsx"
		}
		got := Safe(name, ext)
		if again := Safe(name, ext); again != got {
			t.Fatalf("Safe(%q) not deterministic: %q then %q", name, got, again)
		}
		checkSafe(t, name, got, ext)
		// Stable: a safe name stays as it is.
		if stem := strings.TrimSuffix(got, ext); Safe(stem, ext) != got {
			t.Errorf("Safe(%q) = %q, but Safe of that = %q", name, got, Safe(stem, ext))
		}
		// Unique keeps every property and never repeats a name.
		var s Set
		a, b := s.Unique(got, ext), s.Unique(got, ext)
		checkSafe(t, name, a, ext)
		checkSafe(t, name, b, ext)
		if Key(a) == Key(b) {
			t.Errorf("Unique gave colliding names %q and %q", a, b)
		}
	})
}

// checkSafe fails t unless got is a safe file name made from in.
func checkSafe(t *testing.T, in, got, ext string) {
	t.Helper()
	switch {
	case !utf8.ValidString(got):
		t.Fatalf("Safe(%q) = %q: not UTF-8", in, got)
	case !norm.NFC.IsNormalString(got):
		t.Fatalf("Safe(%q) = %q: not NFC", in, got)
	case len(got) > MaxBytes:
		t.Fatalf("Safe(%q) = %d bytes, over %d", in, len(got), MaxBytes)
	case !strings.HasSuffix(got, ext):
		t.Fatalf("Safe(%q) = %q: extension %q lost", in, got, ext)
	}
	stem := strings.TrimSuffix(got, ext)
	switch {
	case stem == "" || stem == "." || stem == "..":
		t.Fatalf("Safe(%q) = %q: empty or dot name", in, got)
	case strings.ContainsAny(got, `<>:"/\|?*`):
		t.Fatalf("Safe(%q) = %q: reserved character", in, got)
	case strings.ContainsFunc(got, func(r rune) bool { return r < 0x20 || r == 0x7f || r == utf8.RuneError }):
		t.Fatalf("Safe(%q) = %q: control character", in, got)
	case strings.HasPrefix(stem, ".") || strings.HasPrefix(stem, " "):
		t.Fatalf("Safe(%q) = %q: leading dot or space", in, got)
	case strings.HasSuffix(stem, ".") || strings.HasSuffix(stem, " "):
		t.Fatalf("Safe(%q) = %q: trailing dot or space", in, got)
	case reserved(got) || reserved(stem):
		t.Fatalf("Safe(%q) = %q: reserved device name", in, got)
	}
	if windowsReserved(stem) {
		t.Fatalf("Safe(%q) = %q: reserved on Windows", in, got)
	}
}

// windowsReserved is an independent statement of Windows' rule: the part
// before the first dot, without trailing spaces, is a device name.
func windowsReserved(stem string) bool {
	base, _, _ := strings.Cut(stem, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) > 3 && (base[:3] == "COM" || base[:3] == "LPT") {
		switch base[3:] {
		case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
			return true
		}
	}
	return false
}
