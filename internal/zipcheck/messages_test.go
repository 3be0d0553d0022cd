package zipcheck

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

var placeholderRE = regexp.MustCompile(`{{\s*\.([A-Za-z0-9]+)\s*}}`)

// TestMessages checks that every kind has its message in both languages,
// that the message uses exactly the keys Data gives, and that it renders.
// internal/i18n checks the catalogues as a whole.
func TestMessages(t *testing.T) {
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[domain.Lang]map[string]struct{ Description, Other string }{}
	for _, lang := range domain.Langs {
		b, err := malarbete.Locales.(interface{ ReadFile(string) ([]byte, error) }).ReadFile("archive." + string(lang) + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]struct{ Description, Other string }{}
		if err := yaml.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		texts[lang] = m
	}
	for k := Kind(1); k.valid(); k++ {
		e := &Error{Kind: k, Limit: 25 << 20}
		id := e.MessageID()
		var keys []string
		for key := range e.Data() {
			keys = append(keys, key)
		}
		slices.Sort(keys)
		for _, lang := range domain.Langs {
			msg, ok := texts[lang][id]
			if !ok {
				t.Errorf("%s: no message %s", lang, id)
				continue
			}
			var used []string
			for _, m := range placeholderRE.FindAllStringSubmatch(msg.Other, -1) {
				used = append(used, m[1])
			}
			slices.Sort(used)
			if !slices.Equal(slices.Compact(used), keys) {
				t.Errorf("%s %s: placeholders %v, Data gives %v", lang, id, used, keys)
			}
			out := cat.Localizer(lang).T(id, e.Data())
			if out == "" || strings.Contains(out, "<no value>") || strings.Contains(out, "{{") {
				t.Errorf("%s %s renders as %q", lang, id, out)
			}
		}
	}
	for lang, m := range texts {
		for id := range m {
			if !strings.HasPrefix(id, "Archive") {
				t.Errorf("%s: %s does not belong to this catalogue", lang, id)
			}
		}
	}
}
