package report_test

import (
	"strings"
	"testing"

	malarbete "github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// TestBuildNamesTheRound checks that the cover, the PDF's title and the
// running header name the document and its round, and that the config's
// document fields reach the cover and the back page.
func TestBuildNamesTheRound(t *testing.T) {
	org := reporttest.Organisation()
	org.Document = domain.DocumentInfo{Owner: "HR-avdelningen", RecordNumber: "KS 2027/0012", Version: "1.0"}
	org.Rounds[0].Document = domain.DocumentInfo{Decided: &domain.Decision{By: "kommunstyrelsen", Date: domain.NewDate(2027, 1, 20), Paragraph: "§ 12"}}
	org.Rounds[2].Document = domain.DocumentInfo{RecordNumber: "KS 2027/0140"}
	tests := []struct {
		name, round, lang string
		title             string
		cover, back       []string
	}{
		{"plan", reporttest.RoundPlan, "sv", "Verksamhetsplan 2027",
			[]string{"Fastställd av kommunstyrelsen 20 januari 2027, § 12", "Diarienummer: KS 2027/0012", "Version 1.0"},
			[]string{"HR-avdelningen", "hr@example.org", "Exempel Personalsson"}},
		{"augusti", reporttest.RoundAugust, "sv", "Uppföljning augusti 2027",
			[]string{"Diarienummer: KS 2027/0140"}, []string{"KS 2027/0140", "HR-avdelningen"}},
		{"plan in English", reporttest.RoundPlan, "en", "Operational plan 2027",
			[]string{"Adopted by kommunstyrelsen on 20 January 2027, § 12"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := build(t, org, reporttest.Register(), report.Options{Round: tc.round, Date: domain.NewDate(2027, 9, 10)}, localizer(t, domain.Lang(tc.lang)))
			if doc.Meta.Title != tc.title || !strings.Contains(doc.Header, tc.title) {
				t.Errorf("title %q, header %q; want both to name %q", doc.Meta.Title, doc.Header, tc.title)
			}
			cover, ok := doc.Blocks[0].(document.Cover)
			if !ok || cover.Title != tc.title {
				t.Fatalf("first block %+v, want the cover titled %q", doc.Blocks[0], tc.title)
			}
			for _, want := range tc.cover {
				if !strings.Contains(strings.Join(cover.Lines, "\n"), want) {
					t.Errorf("cover lines %q lack %q", cover.Lines, want)
				}
			}
			back, ok := doc.Blocks[len(doc.Blocks)-1].(document.Colophon)
			if !ok {
				t.Fatalf("last block %T, want the back page", doc.Blocks[len(doc.Blocks)-1])
			}
			text := flattenBlocks([]document.Block{back})
			for _, want := range append(tc.back, tc.title) {
				if !strings.Contains(text, want) {
					t.Errorf("back page lacks %q", want)
				}
			}
		})
	}
}

// TestBuildChapterNumbers checks the numbering: chapters 1, 2, …,
// sections 1.1, …, the summary unnumbered and the appendices as such.
func TestBuildChapterNumbers(t *testing.T) {
	doc := build(t, reporttest.Organisation(), reporttest.Register(), report.Options{Findings: report.FindingsOf(nil)}, localizer(t, domain.Swedish))
	var got []string
	for _, b := range doc.Blocks {
		if h, ok := b.(document.Heading); ok && h.Level <= 2 && h.InContents {
			got = append(got, h.Number+"|"+h.Text)
		}
	}
	for _, want := range []string{"|Sammanfattning", "1|Vision, övergripande mål och värdegrund", "1.1|Vision", "2|Målhierarki", "3|Uppföljning augusti: målens läge", "4|Socialtjänst", "4.1|Hemtjänsten", "Bilaga 1|Inlämning: Uppföljning augusti", "Bilaga 2|Granskningen av arbetsböckerna"} {
		if !strings.Contains(strings.Join(got, "\n")+"\n", want+"\n") {
			t.Errorf("no heading %q in %q", want, got)
		}
	}
}

// TestBuildCustomScale checks that a report of a round with the config's
// own status scale speaks only its labels: in the tables, the charts, the
// change table, the cards and the summary.
func TestBuildCustomScale(t *testing.T) {
	org := reporttest.Organisation()
	org.Statuses = []domain.Status{
		{ID: "gront", Label: "Grönt: enligt plan", Kind: domain.StatusOnTrack},
		{ID: "gult", Label: "Gult: osäkert", Kind: domain.StatusAtRisk},
		{ID: "klart", Label: "Klart", Kind: domain.StatusAchieved},
		{ID: "vet-ej", Label: "Vet ej ännu", Kind: domain.StatusNotAssessed},
	}
	ids := map[string]string{"on-track": "gront", "at-risk": "gult", "not-achieved": "gult", "achieved": "klart", "not-started": "vet-ej"}
	reg := reporttest.Register()
	for i := range reg.Units {
		for j := range reg.Units[i].Teams {
			for k := range reg.Units[i].Teams[j].Goals {
				g := &reg.Units[i].Teams[j].Goals[k]
				for r := range g.Reviews {
					g.Reviews[r].Status = ids[g.Reviews[r].Status]
				}
			}
		}
	}
	for _, lang := range domain.Langs {
		l := localizer(t, lang)
		text := flatten(build(t, org, reg, report.Options{}, l))
		for _, id := range []string{"ReportStatusNotStarted", "ReportStatusOnTrack", "ReportStatusAtRisk", "ReportStatusAchieved", "ReportStatusNotAchieved", "ReportStatusNotAssessed", "ReportStatusMissing"} {
			if label := l.T(id, nil); strings.Contains(text, label) {
				t.Errorf("%s: the report shows the default label %q", lang, label)
			}
		}
		for _, label := range []string{"Grönt: enligt plan", "Gult: osäkert", "Klart", "Vet ej ännu"} {
			if !strings.Contains(text, label) {
				t.Errorf("%s: the report lacks the config's label %q", lang, label)
			}
		}
	}
}

// TestBuildCriteriaComplete checks that every criterion's description and
// level texts are in the report, and the unit's own criteria with their
// description.
func TestBuildCriteriaComplete(t *testing.T) {
	type example struct {
		org *domain.Organisation
		reg *domain.Register
	}
	var examples []example
	for _, rounds := range []int{1, 3} {
		org, reg := reporttest.Sorsele(t, rounds)
		examples = append(examples, example{org, reg})
	}
	examples = append(examples, example{reporttest.Organisation(), reporttest.Register()})
	own := 0
	for _, ex := range examples {
		org, reg := ex.org, ex.reg
		text := flatten(build(t, org, reg, report.Options{}, localizer(t, domain.Swedish)))
		for _, c := range org.Criteria {
			for _, want := range append([]string{c.Name, c.Description}, c.Levels...) {
				if !strings.Contains(text, want) {
					t.Errorf("criterion %s: %q is not in the report", c.ID, want)
				}
			}
		}
		for _, u := range reg.Units {
			for _, n := range u.Criteria {
				for _, want := range []string{n.Name, n.Description, n.Meaning} {
					if want != "" && !strings.Contains(text, want) {
						t.Errorf("%s: %q is not in the report", u.Unit, want)
					}
				}
				if n.Criterion == "" && n.Description != "" {
					own++
				}
			}
		}
	}
	if own == 0 {
		t.Error("no example has a unit's own criterion with a description to check")
	}
}

// TestBuildNothingCut checks that no text of the examples' reports is
// cut short: no "…" anywhere in the tree.
func TestBuildNothingCut(t *testing.T) {
	for rounds := 1; rounds <= 3; rounds++ {
		org, reg := reporttest.Sorsele(t, rounds)
		for _, lang := range domain.Langs {
			if text := flatten(build(t, org, reg, report.Options{}, localizer(t, lang))); strings.Contains(text, "…") {
				i := strings.Index(text, "…")
				t.Errorf("round %d, %s: %q", rounds, lang, text[max(0, i-60):i+3])
			}
		}
	}
}

// TestTermsAsWorkbook checks that the report names a goal's parts as the
// workbook the managers filled in does: one set of terms.
func TestTermsAsWorkbook(t *testing.T) {
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	same := map[string]string{
		"ReportKeyCurrent":       "WorkbookFieldCurrent",
		"ReportKeyCorrection":    "WorkbookFieldCorrection",
		"ReportKeyAnalysis":      "WorkbookFieldAnalysis",
		"ReportKeyValue":         "WorkbookFieldValue",
		"ReportKeyUnitGoal":      "WorkbookFieldUnitGoalLink",
		"ReportKeyCollaboration": "WorkbookFieldCollaboration",
		"ReportColCollaboration": "WorkbookFieldCollaboration",
		"ReportKeyTarget":        "WorkbookFieldTarget",
		"ReportColTarget":        "WorkbookFieldTarget",
		"ReportColServes":        "WorkbookFieldDepartmentGoal",
		"ReportColResponsible":   "WorkbookFieldResponsible",
		"ReportColUnitGoal":      "WorkbookFieldUnitGoal",
		"ReportColMeaning":       "WorkbookFieldMeaning",
		"ReportColLinkedGoal":    "WorkbookFieldTeamGoal",
		"ReportLevelDeveloping":  "WorkbookLevelDeveloping",
		"ReportLevelGood":        "WorkbookLevelGood",
		"ReportLevelVeryGood":    "WorkbookLevelVeryGood",
	}
	for _, lang := range domain.Langs {
		l := cat.Localizer(lang)
		for rep, wb := range same {
			if a, b := l.T(rep, nil), l.T(wb, nil); a != b {
				t.Errorf("%s: the report says %q (%s), the workbook %q (%s)", lang, a, rep, b, wb)
			}
		}
		for _, k := range domain.StatusKinds {
			rep := map[domain.StatusKind]string{domain.StatusNotStarted: "ReportStatusNotStarted", domain.StatusOnTrack: "ReportStatusOnTrack", domain.StatusAtRisk: "ReportStatusAtRisk",
				domain.StatusAchieved: "ReportStatusAchieved", domain.StatusNotAchieved: "ReportStatusNotAchieved", domain.StatusNotAssessed: "ReportStatusNotAssessed"}[k]
			wb := "WorkbookStatus" + strings.TrimPrefix(rep, "ReportStatus")
			if a, b := l.T(rep, nil), l.T(wb, nil); a != b {
				t.Errorf("%s: status %s is %q in the report, %q in the workbook", lang, k, a, b)
			}
		}
	}
}

// TestBuildPlainWords checks the planning report for what read as a
// tool's printout: a word twice in a row in a heading ("Arbetslag
// Arbetslag F–3"), and a status on the cards before anything was
// followed up.
func TestBuildPlainWords(t *testing.T) {
	org, reg := reporttest.Sorsele(t, 1)
	l := localizer(t, domain.Swedish)
	doc := build(t, org, reg, report.Options{}, l)
	status := l.T("ReportKeyStatus", nil)
	for _, b := range doc.Blocks {
		switch b := b.(type) {
		case document.Heading:
			words := strings.Fields(strings.ToLower(b.Text))
			for i := 1; i < len(words); i++ {
				if words[i] == words[i-1] {
					t.Errorf("heading %q says %q twice", b.Text, words[i])
				}
			}
		case document.KeyValues:
			for _, it := range b.Items {
				if it.Key == status {
					t.Errorf("card %q of the planning report has a status: %q", b.Title, it.Value)
				}
			}
		}
	}
}
