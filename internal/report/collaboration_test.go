package report

import (
	"fmt"
	"slices"
	"testing"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// matcherOrg is an organisation whose names test the matching rule:
// teams, names with commas and parentheses, Sámi letters, a team name
// two departments share.
func matcherOrg() *domain.Organisation {
	return &domain.Organisation{
		Departments: []domain.Department{{ID: "soc", Name: "Socialtjänst"}, {ID: "skola", Name: "Skola"}, {ID: "tek", Name: "Teknisk verksamhet"}, {ID: "sap", Name: "Sámi giella"}},
		Units: []domain.Unit{
			{ID: "hemtj", Name: "Hemtjänsten", Department: "soc"},
			{ID: "gpv", Name: "Gata, park och VA", Department: "tek"},
			{ID: "fast", Name: "Fastighet", Department: "tek"},
			{ID: "forsk", Name: "Förskolan", Department: "skola"},
			{ID: "forsk-a", Name: "Förskolan i Ammarnäs", Department: "skola"},
			{ID: "depot", Name: "Town Depot", Department: "tek"},
			{ID: "giella", Name: "Giellaguovddáš", Department: "sap"},
		},
		Teams: []domain.Team{
			{ID: "natt", Name: "Nattpatrullen", Unit: "hemtj"},
			{ID: "gop", Name: "Gata och park", Unit: "gpv"},
			{ID: "myran", Name: "Avdelning Myran (1–3 år)", Unit: "forsk"},
			{ID: "f3", Name: "Arbetslag F–3", Unit: "forsk"},
			{ID: "it", Name: "IT-supporten", Unit: "fast"},
			{ID: "lag1-a", Name: "Lag 1", Unit: "hemtj"},
			{ID: "lag1-b", Name: "Lag 1", Unit: "forsk"},
		},
	}
}

func TestMatcher(t *testing.T) {
	m := newMatcher(matcherOrg())
	tests := []struct {
		text, own string
		depts     []string
		outside   bool
	}{
		{"Nattpatrullen", "soc", []string{"soc"}, false},
		{"Nattpatrullens schema", "skola", []string{"soc"}, false},           // genitive, and a word about it
		{"socialtjänsten, skolorna", "tek", []string{"soc", "skola"}, false}, // definite and plural forms
		{"Gata, park och VA (praktik)", "soc", []string{"tek"}, false},       // a name with a comma
		{"Gata och park (snöröjning), Region Västerbotten", "soc", []string{"tek"}, true},
		{"Fastighet och Gata, park och VA", "soc", []string{"tek"}, false},
		{"Avdelning Myran, föräldrar", "skola", []string{"skola"}, true}, // a name without its parentheses
		{"Förskolan i Ammarnäs", "tek", []string{"skola"}, false},
		{"Arbetslag F–3", "skola", []string{"skola"}, false},
		{"IT-supporten", "soc", []string{"tek"}, false},
		{"Enhetscheferna i socialtjänsten (schemaändringar), HR", "tek", []string{"soc"}, true},
		{"Region Västerbotten (hemtjänsten)", "tek", nil, true}, // what is in parentheses qualifies
		{"alla verksamheter", "tek", []string{"soc", "skola", "tek", "sap"}, false},
		{"Lag 1", "skola", []string{"skola"}, false}, // a shared name stands for the own department
		{"Lag 1", "tek", []string{"soc"}, false},     // else for the first
		{"the Town Depot's crew", "soc", []string{"tek"}, false},
		{"Giellaguovddáš", "soc", []string{"sap"}, false},
		{"Biståndshandläggare / anhöriga", "soc", nil, true},
		{"Skolverket", "skola", nil, true}, // a word that starts like a name is not the name
		{"", "soc", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			p := m.partners(tc.text, tc.own)
			if !slices.Equal(p.depts, tc.depts) || p.outside != tc.outside {
				t.Errorf("partners(%q) = %v, outside %v; want %v, %v", tc.text, p.depts, p.outside, tc.depts, tc.outside)
			}
		})
	}
}

// TestCollaborationSorsele checks the chapter's counts against the
// Sorsele sample answers counted by hand (docs/report.md has the rule):
// 58 team goals name partners; per department the goals naming someone
// within, between and outside the departments, and who names whom.
func TestCollaborationSorsele(t *testing.T) {
	org, reg := reporttest.Sorsele(t, 1)
	cat, err := reporttest.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	l := cat.Localizer(domain.Swedish)
	b := newBuilder(org, reg, Options{}, l)
	b.collaboration()
	var tables []document.Table
	for _, bl := range b.blocks {
		if tb, ok := bl.(document.Table); ok {
			tables = append(tables, tb)
		}
	}
	if len(tables) != 3 {
		t.Fatalf("%d tables, want levels, matrix and goals", len(tables))
	}
	cells := func(tb document.Table) [][]string {
		var out [][]string
		for _, r := range tb.Rows {
			out = append(out, r.Cells)
		}
		return out
	}
	// Goals with partners, within, between, outside.
	levels := [][]string{
		{"Socialtjänst", "16", "3", "8", "15"},
		{"Skola", "17", "8", "10", "12"},
		{"Teknisk verksamhet", "8", "2", "7", "4"},
		{"Tillväxt", "8", "0", "6", "7"},
		{"Stödverksamhet", "9", "7", "7", "4"},
		{"Totalt", "58", "20", "38", "42"},
	}
	if got := cells(tables[0]); !slices.EqualFunc(got, levels, slices.Equal) {
		t.Errorf("levels\n%q\nwant\n%q", got, levels)
	}
	// Rows name, columns are named: Socialtjänst, Skola, Teknisk
	// verksamhet, Tillväxt, Stödverksamhet, outside.
	matrix := [][]string{
		{"Socialtjänst", "3", "1", "3", "1", "3", "15"},
		{"Skola", "1", "8", "1", "7", "1", "12"},
		{"Teknisk verksamhet", "3", "5", "2", "3", "3", "4"},
		{"Tillväxt", "2", "2", "1", "0", "3", "7"},
		{"Stödverksamhet", "7", "5", "6", "6", "7", "4"},
	}
	if got := cells(tables[1]); !slices.EqualFunc(got, matrix, slices.Equal) {
		t.Errorf("matrix\n%q\nwant\n%q", got, matrix)
	}
	if n := len(tables[2].Rows); n != 58 {
		t.Errorf("%d goals listed, want 58", n)
	}
}

// BenchmarkMatcher reads one Samverkan med against organisations of 100
// and 10,000 units: the time per text stays the same, as the names are
// looked up by word, not scanned.
func BenchmarkMatcher(b *testing.B) {
	for _, n := range []int{100, 10000} {
		org := &domain.Organisation{Departments: []domain.Department{{ID: "d", Name: "Verksamhet"}}}
		for i := range n {
			org.Units = append(org.Units, domain.Unit{ID: fmt.Sprint("u", i), Name: fmt.Sprintf("Enhet %d", i), Department: "d"})
		}
		m := newMatcher(org)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				m.partners("Enhet 17, Enhet 42 (läsning), föräldrar och Region Västerbotten", "d")
			}
		})
	}
}
