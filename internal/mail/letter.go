package mail

import (
	"slices"
	"strings"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/rules"
	"github.com/malarbete/malarbete/internal/workbook"
)

// Kind is what a mail is for; it decides the subject and the body.
type Kind string

// The kinds of mail.
const (
	// SendOut sends planning workbooks to fill in.
	SendOut Kind = "send-out"
	// FollowUp sends the workbooks of a follow-up round.
	FollowUp Kind = "follow-up"
	// Feedback sends annotated copies back with the findings in words.
	Feedback Kind = "feedback"
	// Reminder chases a workbook that has not come back.
	Reminder Kind = "reminder"
	// ReminderInvalid chases a workbook that came back with errors and
	// was left out of the register.
	ReminderInvalid Kind = "reminder-invalid"
)

// Kinds lists the kinds in the order letters of one unit are written.
var Kinds = []Kind{SendOut, FollowUp, Feedback, Reminder, ReminderInvalid}

// Findings of mail and remind (MB06xx, docs/findings.md). A workbook of
// another organisation, period, round or unit gets the rules' own
// findings (MB0201, MB0202, MB0204, MB0205).
var (
	NoAddress   = rules.Rule{Code: "MB0601", Severity: domain.SeverityError, MessageID: "MailFindingNoAddress"}
	BadAddress  = rules.Rule{Code: "MB0602", Severity: domain.SeverityError, MessageID: "MailFindingBadAddress"}
	DraftExists = rules.Rule{Code: "MB0603", Severity: domain.SeverityError, MessageID: "MailFindingDraftExists"}
	DraftFailed = rules.Rule{Code: "MB0604", Severity: domain.SeverityError, MessageID: "MailFindingDraftFailed"}
	NotSent     = rules.Rule{Code: "MB0605", Severity: domain.SeverityError, MessageID: "MailFindingNotSent"}
	AlreadySent = rules.Rule{Code: "MB0606", Severity: domain.SeverityInfo, MessageID: "MailFindingAlreadySent"}
	NoCopy      = rules.Rule{Code: "MB0607", Severity: domain.SeverityWarning, MessageID: "MailFindingNoCopy"}
)

// Rules lists the findings of this package, for the documentation and
// catalogue tests.
func Rules() []rules.Rule {
	return []rules.Rule{NoAddress, BadAddress, DraftExists, DraftFailed, NotSent, AlreadySent, NoCopy}
}

// Workbook is a workbook to attach, with what the mail says about it.
type Workbook struct {
	// Path is the file, attached byte for byte under its own name.
	Path  string
	Stamp workbook.Stamp
	// Findings are what a feedback copy asks to correct.
	Findings domain.Findings
}

// Letter is one mail before it is composed: its kind, round, language,
// recipient and workbooks.
type Letter struct {
	Kind  Kind
	Lang  domain.Lang
	Round domain.Round
	To    domain.Contact
	// Units are the units the letter is about, in config order; Labels
	// name each workbook's unit (and team) as the mail shows them.
	Units  []string
	Labels []string
	// Workbooks are attached; a reminder may have none.
	Workbooks []Workbook
	// Errors is how many errors a left-out workbook had, for a reminder
	// without an annotated copy.
	Errors int
}

// Name returns a short name of the letter for listings and findings: its
// labels.
func (lt *Letter) Name() string { return strings.Join(lt.Labels, ", ") }

// Plan groups workbooks into letters: one per manager, kind, round and
// language, so that a manager of several units gets one mail. A workbook
// that cannot be addressed (another organisation, an unknown unit or
// round, a manager without a valid address) gets a finding naming its
// file and no letter. Letters come in the config's order of units.
func Plan(org *domain.Organisation, wbs []Workbook) ([]*Letter, domain.Findings) {
	var letters []*Letter
	var fs domain.Findings
	byKey := map[string]*Letter{}
	for _, wb := range wbs {
		id := wb.Stamp.Identity
		loc := domain.Location{File: wb.Path}
		unit, round, f := Addressee(org, id, loc)
		if f != nil {
			fs = append(fs, *f)
			continue
		}
		kind := FollowUp
		switch {
		case wb.Stamp.Feedback:
			kind = Feedback
		case org.IsPlanning(round.ID):
			kind = SendOut
		}
		lang := id.Language
		if !lang.Valid() {
			lang = org.Language
		}
		key := string(kind) + "\x00" + round.ID + "\x00" + string(lang) + "\x00" + strings.ToLower(unit.Manager.Email)
		lt, ok := byKey[key]
		if !ok {
			lt = &Letter{Kind: kind, Lang: lang, Round: round, To: unit.Manager}
			byKey[key] = lt
			letters = append(letters, lt)
		}
		if !slices.Contains(lt.Units, unit.ID) {
			lt.Units = append(lt.Units, unit.ID)
		}
		lt.Workbooks = append(lt.Workbooks, wb)
	}
	rank := unitRanks(org)
	for _, lt := range letters {
		slices.SortStableFunc(lt.Workbooks, func(a, b Workbook) int {
			return compareIdentity(org, rank, a.Stamp.Identity, b.Stamp.Identity)
		})
		slices.SortStableFunc(lt.Units, func(a, b string) int { return rank[a] - rank[b] })
		for _, wb := range lt.Workbooks {
			lt.Labels = append(lt.Labels, Label(org, wb.Stamp.Identity))
		}
	}
	sortLetters(letters, rank)
	return letters, fs
}

// Addressee returns the unit whose manager a workbook goes to, and its
// round; or the finding that says why it cannot be addressed.
func Addressee(org *domain.Organisation, id domain.Identity, loc domain.Location) (domain.Unit, domain.Round, *domain.Finding) {
	fail := func(r rules.Rule, data map[string]any) (domain.Unit, domain.Round, *domain.Finding) {
		f := r.Finding(loc, data)
		return domain.Unit{}, domain.Round{}, &f
	}
	switch {
	case id.Organisation != org.ID:
		return fail(rules.WrongOrganisation, map[string]any{"Got": domain.Excerpt(id.Organisation, rules.ExcerptLen), "Want": org.ID})
	case id.Period != org.Period:
		return fail(rules.WrongPeriod, map[string]any{"Got": domain.Excerpt(id.Period, rules.ExcerptLen), "Want": org.Period})
	}
	unit, ok := org.Unit(id.Unit)
	if !ok {
		return fail(rules.UnknownUnit, map[string]any{"Unit": domain.Excerpt(id.Unit, rules.ExcerptLen)})
	}
	round, ok := org.Round(id.Round)
	if !ok {
		return fail(rules.UnknownRound, map[string]any{"Round": domain.Excerpt(id.Round, rules.ExcerptLen)})
	}
	if f := CheckAddress(unit, loc); f != nil {
		return domain.Unit{}, domain.Round{}, f
	}
	return unit, round, nil
}

// CheckAddress returns a finding when the unit's manager has no e-mail
// address or one that is not valid. The address itself is not quoted.
func CheckAddress(unit domain.Unit, loc domain.Location) *domain.Finding {
	data := map[string]any{"Unit": unit.Name}
	var f domain.Finding
	switch {
	case strings.TrimSpace(unit.Manager.Email) == "":
		f = NoAddress.Finding(loc, data)
	case !domain.ValidEmail(unit.Manager.Email):
		f = BadAddress.Finding(loc, data)
	default:
		return nil
	}
	return &f
}

// Label names a workbook's unit as a mail shows it: the unit, and for a
// team workbook the team.
func Label(org *domain.Organisation, id domain.Identity) string {
	name := id.Unit
	if u, ok := org.Unit(id.Unit); ok {
		name = u.Name
	}
	if id.Scope == domain.ScopeTeam && len(id.Teams) == 1 {
		if t, ok := org.Team(id.Teams[0]); ok {
			return name + " – " + t.Name
		}
	}
	return name
}

func unitRanks(org *domain.Organisation) map[string]int {
	rank := map[string]int{}
	for i, u := range org.Units {
		rank[u.ID] = i
	}
	return rank
}

func compareIdentity(org *domain.Organisation, rank map[string]int, a, b domain.Identity) int {
	if d := rank[a.Unit] - rank[b.Unit]; d != 0 {
		return d
	}
	teamRank := func(id domain.Identity) int {
		if len(id.Teams) == 1 && id.Scope == domain.ScopeTeam {
			for i, t := range org.Teams {
				if t.ID == id.Teams[0] {
					return i + 1
				}
			}
		}
		return 0
	}
	return teamRank(a) - teamRank(b)
}

// sortLetters orders letters by the config's order of their first unit,
// then by kind.
func sortLetters(letters []*Letter, rank map[string]int) {
	slices.SortStableFunc(letters, func(a, b *Letter) int {
		if d := rank[a.Units[0]] - rank[b.Units[0]]; d != 0 {
			return d
		}
		return slices.Index(Kinds, a.Kind) - slices.Index(Kinds, b.Kind)
	})
}
