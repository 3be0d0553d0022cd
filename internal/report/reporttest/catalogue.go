package reporttest

import (
	"io/fs"
	"testing/fstest"

	malarbete "github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/i18n"
)

// testMessages holds the message the fixture's findings use, so that
// snapshots do not depend on other areas' catalogues.
var testMessages = map[string]string{
	"test.sv.yaml": "ReportTestFinding:\n  other: \"Fältet {{.Field}} saknas.\"\n",
	"test.en.yaml": "ReportTestFinding:\n  other: \"The field {{.Field}} is missing.\"\n",
}

// Catalogue loads the common and report catalogues of the module plus the
// fixture's test message.
func Catalogue() (*i18n.Catalogue, error) {
	m := fstest.MapFS{}
	for _, name := range []string{"common.sv.yaml", "common.en.yaml", "report.sv.yaml", "report.en.yaml"} {
		data, err := fs.ReadFile(malarbete.Locales, name)
		if err != nil {
			return nil, err
		}
		m[name] = &fstest.MapFile{Data: data}
	}
	for name, text := range testMessages {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return i18n.Load(m)
}
