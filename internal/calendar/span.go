package calendar

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Clock is a time of day in minutes' precision.
type Clock struct{ Hour, Minute int }

// String returns the clock as 08:00.
func (c Clock) String() string { return pad(c.Hour) + ":" + pad(c.Minute) }

func pad(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func (c Clock) minutes() int { return c.Hour*60 + c.Minute }

// Span is a meeting's start and end on its day.
type Span struct{ Start, End Clock }

// spanRE matches "8", "08:00", "8.30", "08:00-12:00", "8-12", with the
// separators already normalized by ParseSpan.
var spanRE = regexp.MustCompile(`^(\d{1,2})(?:[:.](\d{2}))?(?:-(\d{1,2})(?:[:.](\d{2}))?)?$`)

// ParseSpan reads a meeting time as people write it in the config:
// "08:00–12:00", "8–12", "kl. 8.30-11", "13:00 till 15:30", "9:00 to
// 11:00", "kl 9". A start alone gives an end DefaultLength later, at most at midnight. ok is
// false for an empty text, for one it cannot read, and for an end that
// is not after the start; the caller then makes an all-day event.
func ParseSpan(s string) (Span, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, word := range []string{"klockan", "kl.", "kl", "at", "from", "från"} {
		if rest, ok := strings.CutPrefix(s, word); ok && (rest == "" || !isLetter(rest[0])) {
			s = strings.TrimSpace(rest)
			break
		}
	}
	for _, dash := range []string{"–", "—", "−", "‒", " till ", " to ", " until "} {
		s = strings.ReplaceAll(s, dash, "-")
	}
	s = strings.Join(strings.Fields(s), "")
	m := spanRE.FindStringSubmatch(s)
	if m == nil {
		return Span{}, false
	}
	start, ok := clock(m[1], m[2], false)
	if !ok {
		return Span{}, false
	}
	if m[3] == "" {
		end := min(start.minutes()+int(DefaultLength/time.Minute), 24*60)
		return Span{Start: start, End: Clock{end / 60, end % 60}}, true
	}
	end, ok := clock(m[3], m[4], true)
	if !ok || end.minutes() <= start.minutes() {
		return Span{}, false
	}
	return Span{Start: start, End: end}, true
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' }

// clock reads hour and minute; 24:00 is allowed as an end.
func clock(h, m string, end bool) (Clock, bool) {
	hour, _ := strconv.Atoi(h)
	minute := 0
	if m != "" {
		minute, _ = strconv.Atoi(m)
	}
	switch {
	case minute > 59:
		return Clock{}, false
	case hour == 24 && minute == 0 && end:
		return Clock{24, 0}, true
	case hour > 23:
		return Clock{}, false
	}
	return Clock{hour, minute}, true
}
