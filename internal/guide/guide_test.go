package guide_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/guide"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/html"
	"github.com/malarbete/malarbete/internal/report/html/axetest"
	"github.com/malarbete/malarbete/internal/report/pdf"
	"github.com/malarbete/malarbete/internal/report/reporttest"
	"github.com/malarbete/malarbete/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// bare is a config with little in it: no purpose, departments, values,
// criteria or meetings, a custom rule, and a 90-character name with Sámi
// letters.
func bare() *domain.Organisation {
	rules := domain.DefaultRules()
	rules.MaxTeamGoals = 2
	return &domain.Organisation{
		ID: "x", Name: "Gielda-Áhkká-Čohkka-Šiellá-Đuvvár-Žiŧŧa-Ŋuolla gemensamma förvaltning i fjällen, Hemavan", Period: "2029",
		Rules:  rules,
		Rounds: []domain.Round{{ID: "plan", Name: "Planering", Deadline: domain.NewDate(2029, 3, 1)}},
	}
}

func TestBuild(t *testing.T) {
	full := reporttest.Organisation()
	for _, tc := range []struct {
		name string
		org  *domain.Organisation
		lang domain.Lang
		want []string
	}{
		{"fixture.sv", full, domain.Swedish, []string{"Varför vi arbetar med mål", "19 november 2027 kl. 08:00–12:00", "högst 3 mål", "Bra mål", "Mindre bra mål"}},
		{"fixture.en", full, domain.English, []string{"Why we work with goals", "19 November 2027 at 08:00–12:00", "at most 3 goals", "Good goal", "Poor goal"}},
		{"bare.sv", bare(), domain.Swedish, []string{"högst 2 mål", "Planering", "1 mars 2029"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := testkit.Localizer(t, tc.lang)
			doc := guide.Build(tc.org, guide.Options{Date: domain.NewDate(2027, 1, 10)}, l)
			var all strings.Builder
			for _, x := range reporttest.Texts(doc) {
				all.WriteString(x.Text + "\n")
			}
			want := tc.want
			for _, r := range tc.org.Rounds {
				want = append(want, r.Name, report.FormatDate(l, r.Deadline))
			}
			for _, v := range tc.org.Values {
				want = append(want, v.Behaviours...)
			}
			want = append(want, tc.org.Purpose...)
			for _, w := range want {
				if !strings.Contains(all.String(), w) {
					t.Errorf("the guide lacks %q", w)
				}
			}
			js, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, "testdata", tc.name+".json", append(js, '\n'), *update)
			var buf bytes.Buffer
			if _, err := pdf.Render(t.Context(), &buf, doc, pdf.Options{}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestAxe checks the guide's web page with axe-core.
func TestAxe(t *testing.T) {
	for _, lang := range domain.Langs {
		t.Run(string(lang), func(t *testing.T) {
			doc := guide.Build(reporttest.Organisation(), guide.Options{Date: domain.NewDate(2027, 1, 10)}, testkit.Localizer(t, lang))
			var buf bytes.Buffer
			if _, err := html.Render(t.Context(), &buf, doc, html.Options{}); err != nil {
				t.Fatal(err)
			}
			axetest.Check(t, "guide-"+string(lang), buf.String())
		})
	}
}
