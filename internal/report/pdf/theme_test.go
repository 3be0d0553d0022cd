package pdf

import (
	"testing"

	"github.com/malarbete/malarbete/internal/document"
)

// TestContrast checks the pairs of text and background colours the
// renderer uses against WCAG's 4.5:1, for the default accent and for
// accents a config might give (too light ones are darkened).
func TestContrast(t *testing.T) {
	check := func(name string, fg, bg rgb) {
		t.Helper()
		if c := contrast(fg, bg); c < minContrast {
			t.Errorf("%s: %v on %v is %.2f:1", name, fg, bg, c)
		}
	}
	for _, accent := range []string{"", "#1F4E79", "#FFD700", "#7A1F5C", "#00FF00", "#FFFFFF", "not a colour"} {
		th := newTheme(accent)
		check(accent+" accent text", th.accent, colWhite)
		check(accent+" accent on a card", th.accent, colZebra)
		check(accent+" table header", colText, th.headBg)
		check(accent+" diagram box", colText, th.boxBg)
		for i, d := range th.dark {
			check(accent+" diagram level "+string(rune('1'+i)), colWhite, d)
		}
	}
	check("muted text", colMuted, colWhite)
	check("muted text on a card", colMuted, colZebra)
	for _, tone := range []document.Tone{document.ToneGood, document.ToneDone, document.ToneWarn, document.ToneBad, document.ToneAccent, document.ToneMuted} {
		fill := toneColor(tone)
		check("numbers on "+string(tone), textOn(fill), fill)
	}
}

// TestTonesDiffer checks that every status tone has a shape and a colour
// of its own.
func TestTonesDiffer(t *testing.T) {
	shapes, colours := map[shape]document.Tone{}, map[rgb]document.Tone{}
	for _, tone := range []document.Tone{document.ToneGood, document.ToneDone, document.ToneWarn, document.ToneBad, document.ToneAccent, document.ToneMuted} {
		sh, c := toneMarker(tone)
		if other, ok := shapes[sh]; ok || sh == shapeNone {
			t.Errorf("%s has the shape of %s", tone, other)
		}
		if other, ok := colours[c]; ok {
			t.Errorf("%s has the colour of %s", tone, other)
		}
		shapes[sh], colours[c] = tone, tone
	}
}
