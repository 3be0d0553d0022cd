package pdf

import (
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

func TestSyllableBreaks(t *testing.T) {
	tests := []struct {
		word string
		want []string // the word cut at every break
	}{
		{"Stödverksamhet", []string{"Stöd", "verk", "sam", "het"}},
		{"Lönekriterier", []string{"Lö", "ne", "kri", "te", "rier"}},
		{"Uppdragsförståelse", []string{"Upp", "drags", "förs", "tåel", "se"}},
		{"IT-supporten", []string{"IT-", "sup", "por", "ten"}},
		{"Giellaguovddáš", []string{"Giel", "la", "guovd", "dáš"}},
		{"2026/27", []string{"2026/27"}},
		{"Mod", []string{"Mod"}},
		{"F–3", []string{"F–3"}},
	}
	for _, tc := range tests {
		var got []string
		last := 0
		for _, at := range syllableBreaks(tc.word) {
			got = append(got, tc.word[last:at])
			last = at
		}
		got = append(got, tc.word[last:])
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.word, got, tc.want)
		}
	}
}

// TestWrapHyphenates checks that a word too wide for its column breaks
// at a syllable with a hyphen, never in the middle of one.
func TestWrapHyphenates(t *testing.T) {
	f, err := newFonts(fpdf.New("P", "mm", "A4", ""))
	if err != nil {
		t.Fatal(err)
	}
	const word = "Stödverksamhet"
	width := f.width("Stödverksam", regular, 9)
	lines := f.wrap("Ekonomi och "+word, regular, 9, width)
	joined := strings.Join(lines, "|")
	whole := strings.ReplaceAll(strings.Join(lines[1:], ""), "-", "")
	if len(lines) != 3 || !strings.HasSuffix(lines[1], "-") || whole != word {
		t.Fatalf("lines %q, want the word on two lines with a hyphen", joined)
	}
	if at := len(lines[1]) - 1; !slices.Contains(syllableBreaks(word), at) {
		t.Errorf("lines %q: %q is broken after %q, not at a syllable", joined, word, lines[1])
	}
	for _, ln := range lines {
		if f.width(ln, regular, 9) > width+0.01 {
			t.Errorf("line %q is wider than the column", ln)
		}
	}
}
