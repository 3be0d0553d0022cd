package workbook_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/cli/validate"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/signature"
	"github.com/malarbete/malarbete/internal/testkit"
	"github.com/malarbete/malarbete/internal/workbook"
)

// TestValidateQuotesOnlyExcerpts validates, with the real command and
// reader, a workbook whose invalid cells hold a long and distinctive
// secret (what a manager might write about a colleague). Every finding
// that quotes a cell may show at most 40 characters of it: no 41
// consecutive characters of the secret may reach the output, text or
// JSON, in either language, nor the error stream.
func TestValidateQuotesOnlyExcerpts(t *testing.T) {
	const secret = "HEMLIGT Anna Exempel har varit sjukskriven sedan mars efter konflikten med Bo Prov; tala inte om det för någon i arbetslaget"
	dir := t.TempDir()
	path := filepath.Join(dir, "hemlig.xlsx")
	if err := os.WriteFile(path, workbook.SecretWorkbook(t, secret), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"sv", "en"} {
		for _, format := range []string{"text", "json"} {
			t.Run(lang+"-"+format, func(t *testing.T) {
				f, out, errOut := testkit.Factory(t, lang)
				f.LoadConfig = func(string) (*domain.Organisation, domain.Findings, error) { return workbook.CorpusOrg(), nil, nil }
				// The workbook is unsigned, as the corpus is: no key, so
				// that its cells are read and quoted.
				f.LoadKey = func(string, bool) (signature.Key, bool, error) { return signature.Key{}, false, nil }
				cmd := validate.NewCmdValidate(f, nil)
				cmd.SilenceUsage, cmd.SilenceErrors = true, true
				cmd.SetArgs([]string{"--format", format, path})
				_ = cmd.Execute() // exit 1: the workbook has errors
				all := out.String() + errOut.String()
				// The test is only worth something if the secret was quoted.
				if !strings.Contains(all, "HEMLIGT Anna") {
					t.Fatalf("no finding quotes the cells:\n%s", all)
				}
				if w, ok := longestWindow(secret, all, 41); ok {
					t.Errorf("output holds %q, more than an excerpt:\n%s", w, all)
				}
			})
		}
	}
}

// longestWindow returns a run of n consecutive runes of secret that
// occurs in s, if any.
func longestWindow(secret, s string, n int) (string, bool) {
	r := []rune(secret)
	for i := 0; i+n <= len(r); i++ {
		if w := string(r[i : i+n]); strings.Contains(s, w) {
			return w, true
		}
	}
	return "", false
}
