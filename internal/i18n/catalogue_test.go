package i18n

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/domain"
)

var placeholderRE = regexp.MustCompile(`\.([A-Z][A-Za-z0-9]*)`)

// placeholders returns the sorted template fields a message uses.
func placeholders(m *goi18n.Message) string {
	left, right := m.LeftDelim, m.RightDelim
	if left == "" {
		left, right = "{{", "}}"
	}
	set := map[string]bool{}
	for _, text := range []string{m.One, m.Other} {
		for _, part := range strings.Split(text, left)[1:] {
			action, _, _ := strings.Cut(part, right)
			for _, p := range placeholderRE.FindAllStringSubmatch(action, -1) {
				set[p[1]] = true
			}
		}
	}
	var out []string
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func hasField(list, name string) bool {
	for _, f := range strings.Split(list, ",") {
		if f == name {
			return true
		}
	}
	return false
}

// TestCatalogueComplete fails when a message is missing in a language,
// when placeholders differ between languages, when a counted message
// lacks a plural form, or when an id is defined twice.
func TestCatalogueComplete(t *testing.T) {
	c, err := Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	byLang := map[string]map[string]*goi18n.Message{}
	areas := map[string]map[string]bool{}
	for _, f := range c.Files() {
		lang := f.Tag.String()
		area, _, _ := strings.Cut(f.Path, ".")
		if areas[area] == nil {
			areas[area] = map[string]bool{}
		}
		areas[area][lang] = true
		if byLang[lang] == nil {
			byLang[lang] = map[string]*goi18n.Message{}
		}
		for _, m := range f.Messages {
			if _, dup := byLang[lang][m.ID]; dup {
				t.Errorf("%s: message %s defined twice in %s", f.Path, m.ID, lang)
			}
			byLang[lang][m.ID] = m
			if m.Other == "" {
				t.Errorf("%s: %s has no other form", f.Path, m.ID)
			}
			if m.Description == "" {
				t.Errorf("%s: %s has no description for translators", f.Path, m.ID)
			}
			if hasField(placeholders(m), "Count") && m.One == "" {
				t.Errorf("%s: %s uses .Count but has no one form", f.Path, m.ID)
			}
		}
	}
	for area, langs := range areas {
		for _, l := range domain.Langs {
			if !langs[string(l)] {
				t.Errorf("catalogue %s has no %s file", area, l)
			}
		}
	}
	sv, en := byLang["sv"], byLang["en"]
	if len(sv) == 0 {
		t.Fatal("no Swedish messages")
	}
	for id, m := range sv {
		e, ok := en[id]
		if !ok {
			t.Errorf("%s is missing in English", id)
			continue
		}
		if a, b := placeholders(m), placeholders(e); a != b {
			t.Errorf("%s: placeholders differ: sv {%s}, en {%s}", id, a, b)
		}
		if (m.One == "") != (e.One == "") {
			t.Errorf("%s: plural forms differ between sv and en", id)
		}
	}
	for id := range en {
		if _, ok := sv[id]; !ok {
			t.Errorf("%s is missing in Swedish", id)
		}
	}
}

func TestChoose(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		flag   string
		config domain.Lang
		env    map[string]string
		want   domain.Lang
	}{
		{"en", domain.Swedish, nil, domain.English},
		{"", domain.English, map[string]string{"LANG": "sv_SE.UTF-8"}, domain.English},
		{"", "", map[string]string{"LANG": "en_GB.UTF-8"}, domain.English},
		{"", "", map[string]string{"LANG": "de_DE.UTF-8"}, domain.Swedish},
		{"", "", map[string]string{"LC_ALL": "en_US", "LANG": "sv_SE"}, domain.English},
		{"", "", nil, domain.Swedish},
		{"xx", "", nil, domain.Swedish},
	}
	for _, tt := range tests {
		if got := Choose(tt.flag, tt.config, env(tt.env)); got != tt.want {
			t.Errorf("Choose(%q, %q, %v) = %s, want %s", tt.flag, tt.config, tt.env, got, tt.want)
		}
	}
}

func TestLocalizerFallsBackAndMarksMissing(t *testing.T) {
	c, err := Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	l := c.Localizer(domain.Swedish)
	if got := l.T("NoSuchMessage", nil); got != "!NoSuchMessage" {
		t.Errorf("missing message = %q", got)
	}
	if got := l.N("CheckSummaryUnits", 1, nil); got != "1 enhet" {
		t.Errorf("plural one = %q", got)
	}
	if got := l.N("CheckSummaryUnits", 5, nil); got != "5 enheter" {
		t.Errorf("plural other = %q", got)
	}
}
