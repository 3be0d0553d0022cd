// Package guide builds the manager's guide (chefshandledning) from the
// config: why the organisation works with goals, the hierarchy in its own
// words, the values, the year's timeline, the way of working step by
// step, a good and a poor team goal, and how to fill in, return and
// correct the workbook. It makes a document tree (internal/document) that
// the report's renderers draw, so that the guide looks like the report.
package guide

import (
	"strconv"
	"strings"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/report"
)

// Options choose what the guide says about itself.
type Options struct {
	// Date is printed on the cover and becomes the PDF's creation date.
	Date domain.Date
	// Logo is a path to a PNG or JPEG for the cover, or empty.
	Logo string
	// Creator names the program in the PDF's metadata.
	Creator string
}

// Build returns the guide for org, every text localized by l.
func Build(org *domain.Organisation, opts Options, l *i18n.Localizer) *document.Document {
	b := &builder{org: org, l: l}
	title := b.t("GuideTitle", "Period", org.Period)
	doc := report.Frame(org, l, document.Meta{
		Title:    title,
		Subject:  b.t("GuideSubject", "Organisation", org.Name, "Period", org.Period),
		Keywords: b.t("GuideKeywords"),
		Creator:  opts.Creator,
	}, opts.Date)
	var lines []string
	if d := report.FormatDate(l, opts.Date); d != "" {
		lines = append(lines, b.t("ReportCoverDate", "Date", d))
	}
	b.add(document.Cover{Organisation: org.Name, Title: title, Subtitle: b.t("GuideSubtitle"), Lines: lines, Logo: opts.Logo, Quote: org.Vision},
		document.Contents{Title: b.t("ReportContents")})
	b.purpose()
	b.hierarchy()
	b.values()
	b.timeline()
	b.workingSteps()
	b.example()
	b.workbook()
	doc.Blocks = b.blocks
	return doc
}

type builder struct {
	org     *domain.Organisation
	l       *i18n.Localizer
	blocks  []document.Block
	chapter int
}

func (b *builder) t(id string, kv ...any) string {
	data := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		data[kv[i].(string)] = kv[i+1]
	}
	return b.l.T(id, data)
}

func (b *builder) add(bl ...document.Block) { b.blocks = append(b.blocks, bl...) }

// head starts a numbered chapter.
func (b *builder) head(id string) {
	b.chapter++
	b.add(document.Heading{Level: 1, Number: strconv.Itoa(b.chapter), Text: b.t(id), InContents: true})
}

// lines splits a catalogue text on its newlines: one list item each.
func (b *builder) lines(id string, kv ...any) []string {
	return strings.Split(b.t(id, kv...), "\n")
}

func (b *builder) purpose() {
	b.head("GuideHeadingPurpose")
	purpose := b.org.Purpose
	if len(purpose) == 0 {
		purpose = b.lines("WorkbookPurposeDefault")
	}
	b.add(document.Paragraph{Style: document.StyleLead, Text: b.t("GuidePurposeIntro", "Organisation", b.org.Name)},
		document.List{Items: purpose},
		document.Paragraph{Text: b.t("GuidePurposeEmployee")})
}

func (b *builder) hierarchy() {
	org := b.org
	b.head("GuideHeadingHierarchy")
	b.add(document.Paragraph{Style: document.StyleLead, Text: b.t("GuideHierarchyIntro")},
		document.List{Items: b.lines("GuideHierarchyLevels"), Numbered: true})
	if org.Vision != "" {
		b.add(document.Heading{Level: 2, Text: b.t("PosterVision")}, document.Paragraph{Style: document.StyleQuote, Text: org.Vision})
	}
	if org.OverallGoal != "" {
		b.add(document.Heading{Level: 2, Text: b.t("PosterOverallGoal")}, document.Paragraph{Style: document.StyleQuote, Text: org.OverallGoal})
	}
	if len(org.Departments) > 0 {
		b.add(document.Heading{Level: 2, Text: b.t("GuideDepartmentGoals")})
		for _, d := range org.Departments {
			var texts []string
			for _, g := range d.Goals {
				texts = append(texts, g.Text)
			}
			if len(texts) == 0 {
				continue
			}
			b.add(document.Heading{Level: 3, Text: d.Name}, document.List{Items: texts})
		}
	}
	b.add(document.Heading{Level: 2, Text: b.t("GuideUnitAndTeamGoals")},
		document.Paragraph{Text: b.t("GuideUnitAndTeamGoalsText", "Max", org.Rules.MaxTeamGoals)})
	if len(org.Criteria) > 0 {
		b.add(document.Heading{Level: 2, Text: b.t("GuideCriteria")}, document.Paragraph{Text: b.t("GuideCriteriaText")})
		var items []document.KeyValue
		for _, c := range org.Criteria {
			items = append(items, document.KeyValue{Key: c.Name, Value: c.Description})
		}
		b.add(document.KeyValues{Items: items})
	}
}

func (b *builder) values() {
	if len(b.org.Values) == 0 {
		return
	}
	b.head("GuideHeadingValues")
	b.add(document.Paragraph{Style: document.StyleLead, Text: b.t("GuideValuesIntro")})
	for _, v := range b.org.Values {
		b.add(document.Heading{Level: 2, Text: v.Name}, document.List{Items: v.Behaviours})
	}
}

func (b *builder) timeline() {
	if len(b.org.Rounds) == 0 {
		return
	}
	b.head("GuideHeadingTimeline")
	b.add(document.Paragraph{Style: document.StyleLead, Text: b.t("GuideTimelineIntro")})
	tab := document.Table{Columns: []document.Column{
		{Title: b.t("GuideColRound"), Width: 3}, {Title: b.t("GuideColDeadline"), Width: 2}, {Title: b.t("GuideColMeeting"), Width: 4},
	}}
	for _, r := range b.org.Rounds {
		name := r.Name
		if name == "" {
			name = r.ID
		}
		tab.Rows = append(tab.Rows, document.Row{Cells: []string{name, report.FormatDate(b.l, r.Deadline), b.meeting(r.Meeting)}})
	}
	b.add(tab)
}

// meeting writes a follow-up meeting: its date, time, place and note.
func (b *builder) meeting(m *domain.Meeting) string {
	if m == nil {
		return ""
	}
	parts := []string{report.FormatDate(b.l, m.Date)}
	if m.Time != "" {
		parts[0] = b.t("GuideMeetingAt", "Date", parts[0], "Time", m.Time)
	}
	if m.Place != "" {
		parts = append(parts, m.Place)
	}
	if m.Note != "" {
		parts = append(parts, m.Note)
	}
	return strings.Join(parts, "\n")
}

func (b *builder) workingSteps() {
	b.head("GuideHeadingSteps")
	b.add(document.Paragraph{Style: document.StyleLead, Text: b.t("GuideStepsIntro")},
		document.List{Items: b.lines("GuideSteps", "Max", b.org.Rules.MaxTeamGoals), Numbered: true})
}

func (b *builder) example() {
	b.head("GuideHeadingExample")
	b.add(document.Paragraph{Style: document.StyleLead, Text: b.t("GuideExampleIntro")})
	for _, ex := range []struct {
		title, what, how, follow, why string
		tone                          document.Tone
	}{
		{"GuideGoodTitle", "GuideGoodWhat", "GuideGoodHow", "GuideGoodFollowUp", "GuideGoodWhy", document.ToneGood},
		{"GuidePoorTitle", "GuidePoorWhat", "GuidePoorHow", "GuidePoorFollowUp", "GuidePoorWhy", document.ToneBad},
	} {
		b.add(document.KeyValues{Title: b.t(ex.title), Tone: ex.tone, Items: []document.KeyValue{
			{Key: b.t("ReportKeyWhat"), Value: b.t(ex.what)},
			{Key: b.t("ReportKeyHow"), Value: b.t(ex.how)},
			{Key: b.t("ReportKeyFollowUp"), Value: b.t(ex.follow)},
			{Key: b.t("GuideKeyWhy"), Value: b.t(ex.why)},
		}})
	}
}

func (b *builder) workbook() {
	b.head("GuideHeadingWorkbook")
	hr := b.org.HR
	contact := hr.Name
	if hr.Email != "" {
		contact = strings.TrimSpace(contact + " " + hr.Email)
	}
	b.add(document.Heading{Level: 2, Text: b.t("GuideFillIn")}, document.List{Items: b.lines("GuideFillInSteps"), Numbered: true},
		document.Heading{Level: 2, Text: b.t("GuideReturn")}, document.List{Items: b.lines("GuideReturnSteps"), Numbered: true},
		document.Heading{Level: 2, Text: b.t("GuideCorrect")}, document.List{Items: b.lines("GuideCorrectSteps"), Numbered: true},
		document.Heading{Level: 2, Text: b.t("GuideIndividual")}, document.Paragraph{Text: b.t("GuideIndividualText")})
	if contact != "" {
		b.add(document.Paragraph{Style: document.StyleNote, Text: b.t("GuideQuestions", "Contact", contact)})
	}
}
