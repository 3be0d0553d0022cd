package mail

import (
	"os"
	"strings"
	"testing"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	hrmail "github.com/malarbete/malarbete/internal/mail"
)

// TestRulesCatalogued checks that every finding of mail and remind has
// its message in both languages, renders with its data, and has its row
// in docs/findings.md.
func TestRulesCatalogued(t *testing.T) {
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../../docs/findings.md")
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"Unit": "Förskolan", "Reason": "550 no such mailbox", "When": "2027-01-20 09:00", "Dir": "att-atgarda"}
	for _, r := range hrmail.Rules() {
		for _, lang := range domain.Langs {
			got := cat.Localizer(lang).Finding(r.Finding(domain.Location{File: "a.xlsx"}, data))
			if !cat.Localizer(lang).Has(r.MessageID) || strings.HasPrefix(got, "!") || strings.Contains(got, "<no value>") {
				t.Errorf("%s in %s: %q", r.Code, lang, got)
			}
		}
		if row := "| " + r.Code + " | " + string(r.Severity) + " | " + r.MessageID + " |"; !strings.Contains(string(doc), row) {
			t.Errorf("no row %q in docs/findings.md", row)
		}
	}
}
