package validate

import (
	"testing"

	"github.com/malarbete/malarbete/internal/rules"
	"github.com/malarbete/malarbete/internal/testkit"
)

// TestRulesCatalogued checks that every finding validate can print has
// its message in both languages and a row in docs/findings.md.
func TestRulesCatalogued(t *testing.T) {
	testkit.CheckRules(t, "../../../docs/findings.md", rules.Rules())
}
