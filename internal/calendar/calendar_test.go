package calendar

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the test compares with Go's own rules for Stockholm

	ical "github.com/arran4/golang-ical"

	"github.com/malarbete/malarbete/internal/domain"
)

func testOrg() *domain.Organisation {
	return &domain.Organisation{
		ID: "gallivare", Name: "Gällivare kommun", Period: "2027/2028", Language: domain.Swedish,
		HR: domain.Contact{Name: "Öberg, Åsa; HR", Email: "hr@example.se"},
	}
}

func meetingRound(time string) domain.Round {
	return domain.Round{ID: "uppfoljning-november", Name: "Uppföljning november", Deadline: domain.NewDate(2027, 11, 12),
		Meeting: &domain.Meeting{Date: domain.NewDate(2027, 11, 19), Time: time, Note: "Uppföljande träff: alla arbetslag visar läget"}}
}

var stamp = time.Date(2027, 10, 1, 8, 30, 0, 0, time.UTC)

// parse reads an invitation back and returns its only event, failing
// unless there is exactly one VEVENT and one VTIMEZONE for Zone.
func parse(t *testing.T, b []byte) *ical.VEvent {
	t.Helper()
	if !bytes.Contains(b, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(b, []byte("\r\n"), nil), []byte("\n")) {
		t.Errorf("lines must end in CRLF")
	}
	cal, err := ical.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, b)
	}
	if evs := cal.Events(); len(evs) != 1 {
		t.Fatalf("%d events, want 1", len(evs))
	}
	tzs := cal.Timezones()
	if len(tzs) != 1 || tzs[0].GetProperty(ical.ComponentPropertyTzid).Value != Zone {
		t.Fatalf("want one VTIMEZONE %s, got %d", Zone, len(tzs))
	}
	return cal.Events()[0]
}

func TestInvitationTimes(t *testing.T) {
	loc, err := time.LoadLocation(Zone)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		time       string
		start, end string // local clock; empty for an all-day event
	}{
		{"08:00–12:00", "08:00", "12:00"},
		{"8-12", "08:00", "12:00"},
		{"kl. 8.30 till 11.15", "08:30", "11:15"},
		{"13:00 to 16:00", "13:00", "16:00"},
		{"klockan 9", "09:00", "10:00"},
		{"23:30", "23:30", "00:00"},
		{"", "", ""},
		{"förmiddag", "", ""},
		{"12–08", "", ""},
		{"25:00", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.time, func(t *testing.T) {
			b, err := Invitation(testOrg(), meetingRound(tt.time), stamp)
			if err != nil {
				t.Fatal(err)
			}
			ev := parse(t, b)
			dtstart := ev.GetProperty(ical.ComponentPropertyDtStart)
			if tt.start == "" {
				if v, _ := dtstart.ICalParameters["VALUE"]; len(v) != 1 || v[0] != "DATE" {
					t.Fatalf("want an all-day event, got DTSTART %v %s", dtstart.ICalParameters, dtstart.Value)
				}
				day, err := ev.GetAllDayStartAt()
				if err != nil || day.Format("2006-01-02") != "2027-11-19" {
					t.Errorf("all-day start %v, %v", day, err)
				}
				if tt.time != "" && !strings.Contains(ev.GetProperty(ical.ComponentPropertyDescription).Value, tt.time) {
					t.Errorf("the unread time %q is not in the description", tt.time)
				}
				return
			}
			if tz := dtstart.ICalParameters["TZID"]; len(tz) != 1 || tz[0] != Zone {
				t.Fatalf("DTSTART TZID %v", tz)
			}
			start, err := ev.GetStartAt()
			if err != nil {
				t.Fatal(err)
			}
			end, err := ev.GetEndAt()
			if err != nil {
				t.Fatal(err)
			}
			if got := start.In(loc).Format("2006-01-02 15:04"); got != "2027-11-19 "+tt.start {
				t.Errorf("start %s, want 2027-11-19 %s", got, tt.start)
			}
			if got := end.In(loc).Format("15:04"); got != tt.end {
				t.Errorf("end %s, want %s", got, tt.end)
			}
			// November is standard time: 08:00 in Stockholm is 07:00 UTC.
			if tt.start == "08:00" && start.UTC().Hour() != 7 {
				t.Errorf("start %v is not 07:00 UTC", start.UTC())
			}
		})
	}
}

func TestInvitationFields(t *testing.T) {
	org := testOrg()
	b, err := Invitation(org, meetingRound("08:00–12:00"), stamp)
	if err != nil {
		t.Fatal(err)
	}
	ev := parse(t, b)
	if got, want := ev.Id(), "gallivare.2027-2028.uppfoljning-november@malarbete"; got != want {
		t.Errorf("UID %q, want %q", got, want)
	}
	if got := ev.GetProperty(ical.ComponentPropertySummary).Value; got != "Uppföljande träff: alla arbetslag visar läget" {
		t.Errorf("SUMMARY %q", got)
	}
	if got := ev.GetProperty(ical.ComponentPropertyDescription).Value; !strings.Contains(got, "Gällivare kommun") || !strings.Contains(got, "Uppföljning november") {
		t.Errorf("DESCRIPTION %q", got)
	}
	if o := ev.GetProperty(ical.ComponentPropertyOrganizer); o == nil || o.Value != "mailto:hr@example.se" {
		t.Errorf("ORGANIZER %v", o)
	} else if cn := o.ICalParameters["CN"]; len(cn) != 1 || cn[0] != "Öberg, Åsa; HR" {
		t.Errorf("ORGANIZER CN %q", cn)
	}
	if !bytes.Contains(b, []byte("METHOD:PUBLISH\r\n")) {
		t.Error("no METHOD:PUBLISH")
	}
	if l := ev.GetProperty(ical.ComponentPropertyLocation); l != nil {
		t.Errorf("LOCATION %q for a meeting without a place", l.Value)
	}
	placed := meetingRound("08:00–12:00")
	placed.Meeting.Place = "Kommunhuset, sal \"Ráfi\"; plan 2"
	withPlace, err := Invitation(org, placed, stamp)
	if err != nil {
		t.Fatal(err)
	}
	if l := parse(t, withPlace).GetProperty(ical.ComponentPropertyLocation); l == nil || l.Value != placed.Meeting.Place {
		t.Errorf("LOCATION %v, want the meeting's place", l)
	}

	// Made again later, the invitation keeps its UID and has a higher
	// SEQUENCE, so calendars replace the event.
	later, err := Invitation(org, meetingRound("09:00–12:00"), stamp.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	ev2 := parse(t, later)
	if ev2.Id() != ev.Id() {
		t.Errorf("UID changed: %s, %s", ev.Id(), ev2.Id())
	}
	seq := func(e *ical.VEvent) string { return e.GetProperty(ical.ComponentPropertySequence).Value }
	if len(seq(ev2)) < len(seq(ev)) || seq(ev2) <= seq(ev) {
		t.Errorf("SEQUENCE %s then %s: not increasing", seq(ev), seq(ev2))
	}

	// Another period or round is another event.
	next := *org
	next.Period = "2028"
	if UID(&next, meetingRound("")) == ev.Id() {
		t.Error("the UID does not change with the period")
	}
}

func TestInvitationNoMeeting(t *testing.T) {
	r := meetingRound("")
	r.Meeting = nil
	if _, err := Invitation(testOrg(), r, stamp); !errors.Is(err, ErrNoMeeting) {
		t.Errorf("err %v, want ErrNoMeeting", err)
	}
}

// TestVTimezoneMatchesStockholm checks the written-out rules against Go's
// time zone database for twenty years: the offset an hour before and
// after each change.
func TestVTimezoneMatchesStockholm(t *testing.T) {
	loc, err := time.LoadLocation(Zone)
	if err != nil {
		t.Fatal(err)
	}
	lastSunday := func(y int, m time.Month) time.Time {
		d := time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
		for d.Weekday() != time.Sunday {
			d = d.AddDate(0, 0, -1)
		}
		return d
	}
	offset := func(t time.Time) int { _, o := t.In(loc).Zone(); return o / 3600 }
	for y := 2020; y < 2040; y++ {
		// 02:00 CET = 01:00 UTC; 03:00 CEST = 01:00 UTC.
		spring := lastSunday(y, time.March).Add(time.Hour)
		autumn := lastSunday(y, time.October).Add(time.Hour)
		if offset(spring.Add(-time.Minute)) != 1 || offset(spring) != 2 || offset(autumn.Add(-time.Minute)) != 2 || offset(autumn) != 1 {
			t.Errorf("%d: the rule of the VTIMEZONE differs from Go's Europe/Stockholm", y)
		}
	}
}

func TestParseSpan(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"08:00–12:00", "08:00-12:00", true},
		{"08:00 - 12:00", "08:00-12:00", true},
		{"8—12", "08:00-12:00", true},
		{"KL. 8", "08:00-09:00", true},
		{"kl 13.15–14", "13:15-14:00", true},
		{"från 9 till 11", "09:00-11:00", true},
		{"at 9:30 until 10", "09:30-10:00", true},
		{"22:00-24:00", "22:00-24:00", true},
		{"23:30", "23:30-24:00", true},
		{"0:00", "00:00-01:00", true},
		{"12-12", "", false},
		{"9:60", "", false},
		{"kväll", "", false},
		{"klart", "", false},
		{"8-12-14", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseSpan(tt.in)
			if ok != tt.ok {
				t.Fatalf("ok %v, want %v (%v)", ok, tt.ok, got)
			}
			if ok && got.Start.String()+"-"+got.End.String() != tt.want {
				t.Errorf("got %s-%s, want %s", got.Start, got.End, tt.want)
			}
		})
	}
}

func FuzzParseSpan(f *testing.F) {
	for _, s := range []string{"08:00–12:00", "kl. 9", "13 till 15", "", "24:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sp, ok := ParseSpan(s)
		if !ok {
			return
		}
		if sp.End.minutes() <= sp.Start.minutes() || sp.End.minutes() > 24*60 || sp.Start.Hour > 23 || sp.Start.Minute > 59 {
			t.Errorf("%q: bad span %v", s, sp)
		}
	})
}
