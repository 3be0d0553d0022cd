package pdf

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestWrapAsJoined checks wrap, which returns parts of its text where it
// can, against the plain way of wrapping: every paragraph split into its
// words and each line joined with single spaces.
func TestWrapAsJoined(t *testing.T) {
	f, err := newFonts(fpdf.New("P", "mm", "A4", ""))
	if err != nil {
		t.Fatal(err)
	}
	fixed := []string{
		"", " ", "\n", "a\n\nb", "  två  mellanslag  ", "tab\tfirst\u00a0nbsp",
		"Uppdragsförståelse och stödverksamhet för Giellaguovddáš",
		strings.Repeat("Lönekriterierna ", 12),
		strings.Repeat("x", 200),
		"IT-supporten–F–3 2026/27 " + strings.Repeat("ab-", 40),
	}
	words := []string{"mål", "Enheternas", "arbetslagens", "Lönekriterier", "IT-supporten", "x", "2026/27",
		"Uppdragsförståelsestödverksamhetsplanen", "–", "ü", strings.Repeat("m", 60)}
	seps := []string{" ", " ", " ", "  ", "\n", "\t", "\u00a0", " \n "}
	rng := rand.New(rand.NewPCG(1, 2))
	texts := fixed
	for range 2000 {
		var b strings.Builder
		for k := range rng.IntN(30) {
			if k > 0 || rng.IntN(4) == 0 {
				b.WriteString(seps[rng.IntN(len(seps))])
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		texts = append(texts, b.String())
	}
	for i, s := range texts {
		st := styles[i%len(styles)]
		size := []float64{8, 10, 14}[i%3]
		width := []float64{12, 35, 80, 170}[i%4]
		got, want := f.wrap(s, st, size, width), joinedWrap(f, s, st, size, width)
		if !slices.Equal(got, want) {
			t.Errorf("wrap(%q, %q, %g, %g)\n got %q\nwant %q", s, st, size, width, got, want)
		}
	}
}

// joinedWrap wraps as wrap does, building every line anew.
func joinedWrap(f *fonts, s string, st style, size, width float64) []string {
	var lines []string
	space := f.width(" ", st, size)
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		var cur strings.Builder
		curW := 0.0
		for _, w := range words {
			ww := f.width(w, st, size)
			if cur.Len() > 0 && curW+space+ww <= width {
				cur.WriteByte(' ')
				cur.WriteString(w)
				curW += space + ww
				continue
			}
			if ww > width && cur.Len() > 0 {
				if head, rest, ok := f.hyphenate(w, st, size, width-curW-space); ok {
					cur.WriteByte(' ')
					cur.WriteString(head)
					w, ww = rest, f.width(rest, st, size)
				}
			}
			if cur.Len() > 0 {
				lines = append(lines, cur.String())
				cur.Reset()
				curW = 0
			}
			for ww > width {
				head, rest, ok := f.hyphenate(w, st, size, width)
				if !ok {
					head, rest = f.fit(w, st, size, width)
				}
				lines = append(lines, head)
				w = rest
				ww = f.width(w, st, size)
			}
			cur.WriteString(w)
			curW = ww
		}
		lines = append(lines, cur.String())
	}
	return lines
}
