package pdf_test

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/pdf"
	"github.com/malarbete/malarbete/internal/report/reporttest"
)

// out writes the rendered fixtures to a folder, to look at them:
// go test ./internal/report/pdf -run Fixture -out /tmp/rep
var out = flag.String("out", "", "write the rendered fixture reports to this folder")

func fixture(t testing.TB, lang domain.Lang, round string) *report.Document {
	t.Helper()
	cat, err := reporttest.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	opts := report.Options{Date: domain.NewDate(2027, 9, 10), Round: round, Findings: reporttest.Findings()}
	return report.Build(reporttest.Organisation(), reporttest.Register(), opts, cat.Localizer(lang))
}

func TestRenderFixture(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lang  domain.Lang
		round string
	}{
		{"plan-sv", domain.Swedish, reporttest.RoundPlan},
		{"augusti-sv", domain.Swedish, ""},
		{"augusti-en", domain.English, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			res, err := pdf.Render(&buf, fixture(t, tc.lang, tc.round), pdf.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Pages < 5 || len(res.Replacements) != 0 {
				t.Errorf("pages %d, replacements %v", res.Pages, res.Replacements)
			}
			if *out != "" {
				if err := os.WriteFile(*out+"/"+tc.name+".pdf", buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
