package rules

import (
	"strings"
	"unicode"
)

// normalize reduces a text to its words: lower case, punctuation and
// runs of space removed, so that "Läsa mer!" and "läsa  mer" compare equal.
func normalize(s string) string {
	return strings.Join(words(s), " ")
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// similarThreshold is the share of shared words above which Hur is taken
// to repeat Vad. At 0.8 a Hur that swaps one word of a ten-word Vad still
// counts as a repeat, while a Hur that adds a real method does not.
const similarThreshold = 0.8

// similar reports whether two texts say nearly the same: the Dice
// coefficient of their word sets reaches similarThreshold.
func similar(a, b string) bool {
	wa, wb := set(words(a)), set(words(b))
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	shared := 0
	for w := range wa {
		if wb[w] {
			shared++
		}
	}
	return 2*float64(shared)/float64(len(wa)+len(wb)) >= similarThreshold
}

func set(ws []string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}
