package mail

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/malarbete/malarbete/internal/calendar"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// maxListed is how many findings a feedback mail lists in words; the
// annotated copy lists them all.
const maxListed = 25

// Compose writes the letter as a message: subject and body in the
// letter's language, from and reply-to HR, the workbooks attached as
// they are on disk and, for a round with a meeting (except feedback), the
// meeting's invitation (internal/calendar). now is the date of the
// message and decides whether a deadline has passed.
func Compose(org *domain.Organisation, lt *Letter, cat *i18n.Catalogue, now time.Time) (*Message, error) {
	c := &composer{org: org, lt: lt, l: cat.Localizer(lt.Lang), now: now}
	m := &Message{Letter: lt, From: org.HR, To: lt.To, Date: now, ID: newMessageID(org.HR.Email)}
	for _, wb := range lt.Workbooks {
		data, err := os.ReadFile(wb.Path)
		if err != nil {
			return nil, fmt.Errorf("attach %s: %w", filepath.Base(wb.Path), err)
		}
		m.Attachments = append(m.Attachments, Attachment{Name: filepath.Base(wb.Path), ContentType: contentType(wb.Path), Data: data})
	}
	if lt.Round.Meeting != nil && lt.Kind != Feedback {
		ics, err := calendar.Invitation(org, lt.Round, now)
		if err != nil {
			return nil, err
		}
		m.Attachments = append(m.Attachments, Attachment{Name: calendar.FileName(lt.Round), ContentType: calendar.ContentType, Data: ics})
	}
	m.Subject = c.subject()
	m.Body = c.body(m)
	return m, nil
}

func contentType(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsm":
		return TypeXLSM
	case ".xls":
		return TypeXLS
	}
	return TypeXLSX
}

// composer holds what every sentence of one letter needs.
type composer struct {
	org *domain.Organisation
	lt  *Letter
	l   *i18n.Localizer
	now time.Time
}

// data returns the placeholders that every mail message may use.
func (c *composer) data() map[string]any {
	return map[string]any{
		"Org":      c.org.Name,
		"Period":   c.org.Period,
		"Round":    c.lt.Round.Name,
		"Deadline": c.date(c.lt.Round.Deadline),
		"Units":    c.units(),
		"Name":     c.lt.To.Name,
	}
}

// date writes a date out as the report does: "26 februari 2027".
func (c *composer) date(d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	return c.l.T("ReportDate", map[string]any{"Day": d.Day, "Month": c.l.T("ReportMonth"+strconv.Itoa(int(d.Month)), nil), "Year": d.Year})
}

// units joins the labels: "A", "A och B", "A, B och C"; more than four
// are cut to "A, B, C och 5 till".
func (c *composer) units() string {
	ls := c.lt.Labels
	if len(ls) > 4 {
		return strings.Join(ls[:3], ", ") + " " + c.l.N("MailAndMore", len(ls)-3, nil)
	}
	if len(ls) <= 1 {
		return strings.Join(ls, "")
	}
	return strings.Join(ls[:len(ls)-1], ", ") + " " + c.l.T("MailAnd", nil) + " " + ls[len(ls)-1]
}

// past reports whether the round's deadline is before today.
func (c *composer) past() bool {
	d := c.lt.Round.Deadline
	return !d.IsZero() && domain.DateOf(c.now).After(d)
}

var subjects = map[Kind]string{
	SendOut: "MailSubjectSendOut", FollowUp: "MailSubjectFollowUp", Feedback: "MailSubjectFeedback",
	Reminder: "MailSubjectReminder", ReminderInvalid: "MailSubjectReminderInvalid",
}

func (c *composer) subject() string {
	return c.l.N(subjects[c.lt.Kind], max(1, len(c.lt.Labels)), c.data())
}

func (c *composer) body(m *Message) Body {
	d := c.data()
	n := max(1, len(c.lt.Workbooks))
	var b Body
	b.para(c.l.T("MailGreeting", d))
	switch c.lt.Kind {
	case SendOut, FollowUp:
		intro, fill := "MailSendOutIntro", "MailStepFillPlan"
		if c.lt.Kind == FollowUp {
			intro, fill = "MailFollowUpIntro", "MailStepFillFollowUp"
		}
		b.para(c.l.N(intro, n, d))
		b.para(c.l.T("MailStepsHeading", nil))
		b.list(Steps, []string{c.l.N("MailStepOpen", n, d), c.l.T(fill, d), c.l.N(c.returnID("MailStepReturn"), n, d)})
	case Feedback:
		c.findings(&b, d)
		b.para(c.l.N(c.returnID("MailFeedbackReturn"), n, d))
	case Reminder:
		id := "MailReminderIntro"
		if c.past() {
			id = "MailReminderIntroPast"
		}
		b.para(c.l.N(id, n, d))
		b.para(c.l.T("MailReminderAsk", d))
	case ReminderInvalid:
		b.para(c.l.N("MailReminderInvalidIntro", n, d))
		if len(c.lt.Workbooks) > 0 {
			c.findings(&b, d)
		} else {
			if c.lt.Errors > 0 {
				b.para(c.l.N("MailReminderInvalidNoCopy", c.lt.Errors, d))
			} else {
				b.para(c.l.T("MailReminderInvalidNoCopyUncounted", d))
			}
			b.para(c.l.N(c.returnID("MailFixedReturn"), max(1, len(c.lt.Labels)), d))
			break
		}
		b.para(c.l.N(c.returnID("MailFeedbackReturn"), n, d))
	}
	if mt := c.lt.Round.Meeting; mt != nil {
		md := map[string]any{"Date": c.date(mt.Date), "Time": mt.Time, "Note": mt.Note}
		line := c.l.T("MailMeeting", md)
		for _, a := range m.Attachments {
			if strings.HasSuffix(a.Name, ".ics") {
				line += " " + c.l.T("MailMeetingInvitation", map[string]any{"File": a.Name})
			}
		}
		b.para(line)
	}
	hr := c.org.HR
	b.para(c.l.T("MailContact", map[string]any{"Name": hr.Name, "Email": hr.Email, "Phone": hr.Phone}))
	b.para(c.l.T("MailClosing", nil), hr.Name, c.org.Name)
	return b
}

// returnID picks the sentence that asks for the workbook back: by the
// deadline, or as soon as possible once it has passed.
func (c *composer) returnID(id string) string {
	if c.past() || c.lt.Round.Deadline.IsZero() {
		return id + "Soon"
	}
	return id
}

// findings lists a feedback copy's errors, then its warnings, in words,
// each with its sheet and cell; notes (info) are left out.
func (c *composer) findings(b *Body, d map[string]any) {
	var errs, warns []string
	for _, wb := range c.lt.Workbooks {
		prefix := ""
		if len(c.lt.Workbooks) > 1 {
			prefix = filepath.Base(wb.Path) + ": "
		}
		for _, f := range wb.Findings {
			switch f.Severity {
			case domain.SeverityError:
				errs = append(errs, prefix+c.finding(f))
			case domain.SeverityWarning:
				warns = append(warns, prefix+c.finding(f))
			}
		}
	}
	sheet := c.l.T("WorkbookAnnotateSheet", nil)
	more := map[string]any{"Sheet": sheet}
	listed := 0
	list := func(items []string) {
		room := maxListed - listed
		if len(items) > room {
			b.list(Bullets, append(items[:room:room], c.l.N("MailFindingsMore", len(items)-room, more)))
			listed = maxListed
			return
		}
		b.list(Bullets, items)
		listed += len(items)
	}
	switch {
	case len(errs) > 0:
		if c.lt.Kind == Feedback {
			b.para(c.l.N("MailFeedbackErrors", len(errs), d))
		} else {
			b.para(c.l.N("MailReminderInvalidErrors", len(errs), d))
		}
		list(errs)
		if len(warns) > 0 {
			b.para(c.l.N("MailFeedbackAlsoWarnings", len(warns), d))
			list(warns)
		}
	case len(warns) > 0:
		b.para(c.l.N("MailFeedbackWarnings", len(warns), d))
		list(warns)
	default:
		b.para(c.l.T("MailFeedbackNone", d))
	}
	b.para(c.l.N("MailFeedbackCopy", max(1, len(c.lt.Workbooks)), more))
}

// finding is one finding in words with where it is: "Myran, cell C7: …".
func (c *composer) finding(f domain.Finding) string {
	text := c.l.Finding(f)
	switch loc := f.Location; {
	case loc.Sheet != "" && loc.Cell != "":
		return c.l.T("MailFindingAtCell", map[string]any{"Sheet": loc.Sheet, "Cell": loc.Cell, "Text": text})
	case loc.Sheet != "":
		return c.l.T("MailFindingAtSheet", map[string]any{"Sheet": loc.Sheet, "Text": text})
	}
	return text
}
