// Package i18n loads the message catalogues and localizes texts and
// findings. Swedish is the first language; English the second. Both are
// complete: a message missing in one is a bug that the tests catch, and at
// run time it falls back to the other language rather than failing.
package i18n

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/malarbete/malarbete/internal/domain"
)

// Catalogue is the set of messages of every language.
type Catalogue struct {
	bundle *i18n.Bundle
	files  []*i18n.MessageFile
}

// Load reads every <area>.<lang>.yaml file at the top of fsys.
func Load(fsys fs.FS) (*Catalogue, error) {
	b := i18n.NewBundle(language.Swedish)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list catalogues: %w", err)
	}
	sort.Strings(names)
	c := &Catalogue{bundle: b}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("read catalogue %s: %w", n, err)
		}
		f, err := b.ParseMessageFileBytes(data, n)
		if err != nil {
			return nil, fmt.Errorf("parse catalogue %s: %w", n, err)
		}
		c.files = append(c.files, f)
	}
	return c, nil
}

// Files returns the parsed catalogue files, for completeness tests.
func (c *Catalogue) Files() []*i18n.MessageFile { return c.files }

// Localizer returns texts in one language.
type Localizer struct {
	lang  domain.Lang
	loc   *i18n.Localizer
	other *i18n.Localizer
}

// Localizer returns a localizer for lang.
func (c *Catalogue) Localizer(lang domain.Lang) *Localizer {
	other := domain.English
	if lang == domain.English {
		other = domain.Swedish
	}
	return &Localizer{
		lang:  lang,
		loc:   i18n.NewLocalizer(c.bundle, string(lang)),
		other: i18n.NewLocalizer(c.bundle, string(other)),
	}
}

// Lang returns the localizer's language.
func (l *Localizer) Lang() domain.Lang { return l.lang }

// T returns message id filled with data.
func (l *Localizer) T(id string, data map[string]any) string {
	return l.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
}

// N returns message id in the plural form for count; data["Count"] is set
// to count.
func (l *Localizer) N(id string, count int, data map[string]any) string {
	d := make(map[string]any, len(data)+1)
	for k, v := range data {
		d[k] = v
	}
	d["Count"] = count
	return l.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: d, PluralCount: count})
}

func (l *Localizer) localize(cfg *i18n.LocalizeConfig) string {
	s, err := l.loc.Localize(cfg)
	if err == nil {
		return s
	}
	// A missing message is a bug the catalogue tests catch; at run time
	// the other language beats an empty text.
	if s, err2 := l.other.Localize(cfg); err2 == nil {
		return s
	}
	return "!" + cfg.MessageID
}

// Has reports whether id exists in the localizer's language.
func (l *Localizer) Has(id string) bool {
	_, err := l.loc.Localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: 2})
	return err == nil
}

// Finding returns the localized sentence of a finding, without location.
func (l *Localizer) Finding(f domain.Finding) string {
	if n, ok := f.Data["Count"].(int); ok {
		return l.N(f.MessageID, n, f.Data)
	}
	return l.T(f.MessageID, f.Data)
}

// Where returns the location of a finding as people read it:
// file:line:col for configs, file:row for imported tables, file › sheet ›
// cell for workbooks.
func (l *Localizer) Where(loc domain.Location) string {
	switch {
	case loc.Line > 0 && loc.Column > 0:
		return fmt.Sprintf("%s:%d:%d", loc.File, loc.Line, loc.Column)
	case loc.Line > 0:
		// A row of a table (import): the line is the row.
		return fmt.Sprintf("%s:%d", loc.File, loc.Line)
	case loc.Sheet != "" && loc.Cell != "":
		return l.T("WhereSheetCell", map[string]any{"File": loc.File, "Sheet": loc.Sheet, "Cell": loc.Cell})
	case loc.Sheet != "":
		return l.T("WhereSheet", map[string]any{"File": loc.File, "Sheet": loc.Sheet})
	default:
		return loc.File
	}
}

// Choose picks the language: flag first, then the config, then LANG
// (sv_SE.UTF-8 → sv), then Swedish.
func Choose(flag string, config domain.Lang, env func(string) string) domain.Lang {
	if l := domain.Lang(flag); l.Valid() {
		return l
	}
	if config.Valid() {
		return config
	}
	if env == nil {
		env = os.Getenv
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := env(k)
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(path.Base(v), "_")
		base, _, _ = strings.Cut(base, ".")
		if l := domain.Lang(strings.ToLower(base)); l.Valid() {
			return l
		}
		return domain.Swedish
	}
	return domain.Swedish
}
