package workbook

import (
	"os"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
)

// TestReaderRulesCatalogued checks that every finding of the reader has its
// message in both languages and its row (code, severity, message id) in
// docs/findings.md, so that the table cannot drift from the code.
func TestReaderRulesCatalogued(t *testing.T) {
	doc, err := os.ReadFile("../../docs/findings.md")
	if err != nil {
		t.Fatal(err)
	}
	cat := mustCatalogue(t)
	for _, r := range readerRules() {
		row := "| " + r.Code + " | " + string(r.Severity) + " | " + r.MessageID + " |"
		if !strings.Contains(string(doc), row) {
			t.Errorf("docs/findings.md has no row %q", row)
		}
		for _, lang := range []domain.Lang{domain.Swedish, domain.English} {
			if !cat.Localizer(lang).Has(r.MessageID) {
				t.Errorf("%s: no message %s", lang, r.MessageID)
			}
		}
	}
}
