package cmdutil_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/intake"
	"github.com/malarbete/malarbete/internal/testkit"
)

// TestResultsColourPerStream: colour is decided by the stream written
// to, so that `validate > fynd.txt` from a terminal writes no escape codes
// while the terminal's stderr keeps them, and the other way round.
func TestResultsColourPerStream(t *testing.T) {
	l := testkit.Localizer(t, domain.Swedish)
	results := []intake.FileResult{{Path: "a.xlsx", Findings: domain.Findings{{
		Code: "MB0101", Severity: domain.SeverityError, MessageID: "Severity_error", Location: domain.Location{File: "a.xlsx"},
	}}}}
	for _, tt := range []struct {
		name               string
		outColor, errColor bool
		toErr              bool
		want               bool
	}{
		{"stdout to a file, stderr a terminal", false, true, false, false},
		{"stdout a terminal", true, false, false, true},
		{"stderr a terminal", false, true, true, true},
		{"stderr to a file, stdout a terminal", true, false, true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			s := &cmdutil.IOStreams{Out: &out, ErrOut: &errOut, OutColor: tt.outColor, ErrColor: tt.errColor}
			w := &out
			if tt.toErr {
				w = &errOut
			}
			cmdutil.WriteResults(w, l, results, s)
			if got := strings.Contains(w.String(), "\x1b["); got != tt.want {
				t.Errorf("escape codes %v, want %v: %q", got, tt.want, w.String())
			}
		})
	}
}
