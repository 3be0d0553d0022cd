// Package calendar writes the invitation to a round's follow-up meeting as
// an iCalendar file (RFC 5545): one event in Europe/Stockholm time, with a
// UID that stays the same for the organisation, period and round, so that
// an invitation sent again updates the event instead of adding a second
// one.
package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	ical "github.com/arran4/golang-ical"

	"github.com/malarbete/malarbete/internal/domain"
)

// Zone is the time zone of every meeting: Swedish municipalities meet in
// Swedish time.
const Zone = "Europe/Stockholm"

// DefaultLength is the length of a meeting whose time gives only a start
// ("kl. 9").
const DefaultLength = time.Hour

// ContentType is the MIME type of an invitation file.
const ContentType = "text/calendar; charset=utf-8; method=PUBLISH"

// ErrNoMeeting means the round has no meeting to invite to.
var ErrNoMeeting = errors.New("the round has no meeting")

// sequenceEpoch is where SEQUENCE counts from (see Invitation).
var sequenceEpoch = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// Invitation returns the .ics file of the round's meeting. stamp is when
// the invitation is made (DTSTAMP); it also sets SEQUENCE, in minutes
// since 2020, so that a later invitation for the same UID counts as a
// newer version in calendar programs.
//
// The meeting's time text is read by ParseSpan: a span gives the event
// its start and end, a start alone an event of DefaultLength, and no time
// (or one that cannot be read) an all-day event, with the text kept in the
// description.
func Invitation(org *domain.Organisation, round domain.Round, stamp time.Time) ([]byte, error) {
	m := round.Meeting
	if m == nil || m.Date.IsZero() {
		return nil, fmt.Errorf("invitation for round %s: %w", round.ID, ErrNoMeeting)
	}
	cal := ical.NewCalendarFor("malarbete")
	cal.SetProductId("-//malarbete//malarbete//" + strings.ToUpper(string(langOf(org))))
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ical.MethodPublish)
	cal.AddVTimezone(stockholm())

	ev := cal.AddEvent(UID(org, round))
	ev.SetDtStampTime(stamp)
	if seq := int(stamp.Sub(sequenceEpoch) / time.Minute); seq > 0 {
		ev.SetSequence(seq)
	}
	day := time.Date(m.Date.Year, m.Date.Month, m.Date.Day, 0, 0, 0, 0, time.UTC)
	span, ok := ParseSpan(m.Time)
	switch {
	case ok:
		ev.SetProperty(ical.ComponentPropertyDtStart, local(day, span.Start), ical.WithTZID(Zone))
		ev.SetProperty(ical.ComponentPropertyDtEnd, local(day, span.End), ical.WithTZID(Zone))
	default:
		ev.SetAllDayStartAt(day)
		ev.SetAllDayEndAt(day.AddDate(0, 0, 1))
		ev.SetTimeTransparency(ical.TransparencyTransparent)
	}
	summary := m.Note
	if summary == "" {
		summary = round.Name
	}
	if summary == "" {
		summary = round.ID
	}
	ev.SetSummary(summary)
	desc := []string{org.Name}
	if round.Name != "" && round.Name != summary {
		desc = append(desc, round.Name)
	}
	if !ok && strings.TrimSpace(m.Time) != "" {
		desc = append(desc, strings.TrimSpace(m.Time))
	}
	ev.SetDescription(strings.Join(desc, "\n"))
	if place := strings.TrimSpace(m.Place); place != "" {
		ev.SetLocation(place)
	}
	if org.HR.Email != "" {
		ev.SetOrganizer("mailto:"+org.HR.Email, ical.WithCN(org.HR.Name))
	}
	var b bytes.Buffer
	// RFC 5545 wants CRLF; golang-ical's default is the system's newline.
	if err := cal.SerializeTo(&b, ical.WithNewLineWindows); err != nil {
		return nil, fmt.Errorf("invitation for round %s: %w", round.ID, err)
	}
	return b.Bytes(), nil
}

// UID returns the invitation's stable UID: the organisation, the period
// and the round. The period is part of it because round ids such as
// "april" come back every year, and next year's meeting is another event.
func UID(org *domain.Organisation, round domain.Round) string {
	period := domain.Slug(org.Period)
	if period == "" {
		period = "period"
	}
	return org.ID + "." + period + "." + round.ID + "@malarbete"
}

// FileName is the name an invitation is attached or written under.
func FileName(round domain.Round) string { return round.ID + ".ics" }

func local(day time.Time, c Clock) string {
	t := day.Add(time.Duration(c.Hour)*time.Hour + time.Duration(c.Minute)*time.Minute)
	return t.Format("20060102T150405")
}

func langOf(org *domain.Organisation) domain.Lang {
	if org.Language.Valid() {
		return org.Language
	}
	return domain.Swedish
}

// Properties of time zone rules, which golang-ical names only as
// calendar properties.
var (
	propOffsetFrom = ical.ComponentProperty(ical.PropertyTzoffsetfrom)
	propOffsetTo   = ical.ComponentProperty(ical.PropertyTzoffsetto)
	propTzname     = ical.ComponentProperty(ical.PropertyTzname)
)

// stockholm is the VTIMEZONE of Europe/Stockholm: CET, and CEST from the
// last Sunday of March to the last Sunday of October (the EU's rule since
// 1996). Written out, so that no time zone database is needed at run time.
func stockholm() *ical.VTimezone {
	tz := ical.NewTimezone(Zone)
	dst, std := &ical.Daylight{}, &ical.Standard{}
	zoneRule(&dst.ComponentBase, "+0100", "+0200", "CEST", "19700329T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	zoneRule(&std.ComponentBase, "+0200", "+0100", "CET", "19701025T030000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	tz.Components = append(tz.Components, dst, std)
	return tz
}

// zoneRule fills one change of a time zone: the offsets before and
// after, the zone's name, the first change and its yearly rule.
func zoneRule(c *ical.ComponentBase, from, to, name, start, rrule string) {
	c.AddProperty(propOffsetFrom, from)
	c.AddProperty(propOffsetTo, to)
	c.AddProperty(propTzname, name)
	c.AddProperty(ical.ComponentPropertyDtStart, start)
	c.AddProperty(ical.ComponentPropertyRrule, rrule)
}
