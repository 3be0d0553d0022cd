package pdf

import (
	"codeberg.org/go-pdf/fpdf"

	"testing"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// TestNoHeadingAlone lays the Sorsele reports out and checks that every
// heading has the start of what follows it on its own page, and that no
// table row or card item is split across pages (none is taller than a
// page).
func TestNoHeadingAlone(t *testing.T) {
	cat, err := reporttest.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, rounds := range []int{1, 2} {
		org, reg := reporttest.Sorsele(t, rounds)
		doc, err := report.Build(t.Context(), org, reg, report.Options{Date: domain.NewDate(2027, 9, 10)}, cat.Localizer(domain.Swedish))
		if err != nil {
			t.Fatal(err)
		}
		r := measured(t, doc)
		if len(r.orphans) > 0 {
			t.Errorf("round %d: headings alone at a page's foot: %q", rounds, r.orphans)
		}
		if r.splits > 0 {
			t.Errorf("round %d: %d rows split across pages", rounds, r.splits)
		}
	}
}

// TestNoHeadingAloneSeesOne makes sure the check above can fail: a
// heading followed by a page break is alone.
func TestNoHeadingAloneSeesOne(t *testing.T) {
	r := measured(t, &document.Document{Blocks: []document.Block{
		document.Heading{Level: 2, Text: "Ensam"}, document.PageBreak{}, document.Paragraph{Text: "Text"}}})
	if len(r.orphans) != 1 {
		t.Errorf("orphans %q, want the one heading", r.orphans)
	}
}

func measured(t *testing.T, doc *document.Document) *renderer {
	t.Helper()
	f, err := newFonts(fpdf.New("P", "mm", "A4", ""))
	if err != nil {
		t.Fatal(err)
	}
	r := newRenderer(t.Context(), f, doc)
	if err := r.measure(); err != nil {
		t.Fatal(err)
	}
	return r
}
