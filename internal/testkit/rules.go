package testkit

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/rules"
)

// CheckRules fails when a rule's message is missing in a language or the
// rule has no row "| code | severity | message id |" in docs/findings.md.
// The catalogues' own completeness (placeholders, plural forms) is tested
// in internal/i18n.
func CheckRules(t *testing.T, docPath string, rs []rules.Rule) {
	t.Helper()
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		for _, lang := range domain.Langs {
			if !cat.Localizer(lang).Has(r.MessageID) {
				t.Errorf("rule %s: %s missing in %s", r.Code, r.MessageID, lang)
			}
		}
		// Render with every placeholder any rule uses, so that a broken
		// template shows here and not in front of a manager.
		for _, lang := range domain.Langs {
			f := r.Finding(domain.Location{File: "a.xlsx"}, allData())
			if got := cat.Localizer(lang).Finding(f); strings.HasPrefix(got, "!") || strings.Contains(got, "<no value>") {
				t.Errorf("rule %s in %s renders as %q", r.Code, lang, got)
			}
		}
		row := "| " + r.Code + " | " + string(r.Severity) + " | " + r.MessageID + " |"
		if !bytes.Contains(doc, []byte(row)) {
			t.Errorf("rule %s: no row %q in %s", r.Code, row, docPath)
		}
	}
}

// allData holds a value for every placeholder the findings use.
func allData() map[string]any {
	d := map[string]any{"Count": 3, "Got": 4, "Length": 1200, "Slot": 2, "OtherSlot": 1, "Seconds": 30, "Row": 2, "Limit": 1000}
	for _, k := range []string{"Team", "OtherTeam", "Unit", "Want", "Round", "Goal", "Text", "UnitGoal",
		"DepartmentGoal", "Date", "From", "To", "Status", "Value", "Criterion", "TeamGoal", "Reason", "Kept", "TeamID"} {
		d[k] = k
	}
	return d
}
