package validate

import (
	"os"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
	rules "github.com/malarbete/malarbete/internal/validate"
)

// TestRulesCatalogued checks that every finding this command can print
// has its message in both languages and a row in docs/findings.md. The
// catalogues' own completeness (placeholders, plural forms) is tested in
// internal/i18n.
func TestRulesCatalogued(t *testing.T) {
	cat := catalogue(t)
	doc, err := os.ReadFile("../../../docs/findings.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range append(rules.Rules(), BatchRules()...) {
		for _, lang := range domain.Langs {
			if !cat.Localizer(lang).Has(r.MessageID) {
				t.Errorf("rule %s: %s missing in %s", r.Code, r.MessageID, lang)
			}
		}
		row := "| " + r.Code + " | " + string(r.Severity) + " | " + r.MessageID + " |"
		if !strings.Contains(string(doc), row) {
			t.Errorf("rule %s: no row %q in docs/findings.md", r.Code, row)
		}
	}
}
