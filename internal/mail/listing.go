package mail

import (
	"fmt"
	"io"

	"github.com/malarbete/malarbete/internal/i18n"
)

// kindIDs name each kind in listings.
var kindIDs = map[Kind]string{
	SendOut: "MailKindSendOut", FollowUp: "MailKindFollowUp", Feedback: "MailKindFeedback",
	Reminder: "MailKindReminder", ReminderInvalid: "MailKindReminderInvalid",
}

// PrintDelivered lists, one line each, the letters written or sent: the
// listing HR asks for, so it names the recipient. Letters that failed or
// were sent before are findings, printed by the caller.
func PrintDelivered(w io.Writer, l *i18n.Localizer, ds []Delivered) {
	for _, d := range ds {
		if d.Failed {
			continue
		}
		data := map[string]any{
			"Kind":  l.T(kindIDs[d.Letter.Kind], nil),
			"To":    d.Letter.To.Name + " <" + d.Letter.To.Email + ">",
			"Units": d.Letter.Name(),
			"File":  d.Draft,
		}
		id := "MailListDraft"
		if d.Result != nil {
			switch d.Result.Outcome {
			case OutcomeSent:
				id = "MailListSent"
			case OutcomeWouldSend:
				id = "MailListWouldSend"
			default:
				continue
			}
		}
		line := l.T(id, data)
		if n := len(d.Letter.Workbooks); n > 0 {
			line += l.N("MailListAttached", n, nil)
		}
		fmt.Fprintln(w, line)
	}
}

// PrintSummary says in a sentence or two what the run did.
func PrintSummary(w io.Writer, l *i18n.Localizer, ds []Delivered, d Delivery) {
	var drafts, sent, would, already, failed int
	for _, x := range ds {
		switch {
		case x.Result != nil && x.Result.Outcome == OutcomeSent:
			sent++
		case x.Result != nil && x.Result.Outcome == OutcomeWouldSend:
			would++
		case x.Result != nil && x.Result.Outcome == OutcomeAlreadySent:
			already++
		case x.Failed:
			failed++
		case x.Draft != "":
			drafts++
		}
	}
	data := map[string]any{"Dir": d.Dir, "Log": d.LogPath}
	switch {
	case d.DryRun:
		fmt.Fprintln(w, l.N("MailSummaryDryRun", would, data))
	case d.Send:
		fmt.Fprintln(w, l.N("MailSummarySent", sent, data))
	default:
		fmt.Fprintln(w, l.N("MailSummaryDrafts", drafts, data))
	}
	if already > 0 {
		fmt.Fprintln(w, l.N("MailSummaryAlready", already, data))
	}
	if failed > 0 {
		fmt.Fprintln(w, l.N("MailSummaryFailed", failed, data))
	}
}
