package cmdutil

import (
	"bytes"
	"io"
	"strings"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/intake"
)

// WriteResults writes the findings of a batch grouped per file: a
// heading with the counts, then one indented line per finding.
func WriteResults(w io.Writer, l *i18n.Localizer, results []intake.FileResult, streams *IOStreams) {
	quiet, color := streams != nil && streams.Quiet, streams.ColorOn(w)
	for _, r := range results {
		if quiet {
			// --quiet prints errors only: files without one stay silent.
			r.Findings = onlyErrors(r.Findings)
			if len(r.Findings) == 0 {
				continue
			}
		}
		errs, warns, infos := r.Findings.Count(domain.SeverityError), r.Findings.Count(domain.SeverityWarning), r.Findings.Count(domain.SeverityInfo)
		var parts []string
		if errs > 0 {
			parts = append(parts, l.N("ValidateCountErrors", errs, nil))
		}
		if warns > 0 {
			parts = append(parts, l.N("ValidateCountWarnings", warns, nil))
		}
		if infos > 0 {
			parts = append(parts, l.N("ValidateCountNotes", infos, nil))
		}
		if len(parts) == 0 {
			Say(w, l, "ValidateFileOK", map[string]any{"File": r.Path})
			continue
		}
		Say(w, l, "ValidateFileHeading", map[string]any{"File": r.Path, "Counts": strings.Join(parts, ", ")})
		var b bytes.Buffer
		WriteFindings(&b, l, r.Findings, color)
		for _, line := range strings.SplitAfter(b.String(), "\n") {
			if line != "" {
				io.WriteString(w, "  "+line)
			}
		}
	}
}

func onlyErrors(fs domain.Findings) domain.Findings {
	var out domain.Findings
	for _, f := range fs {
		if f.Severity == domain.SeverityError {
			out = append(out, f)
		}
	}
	return out
}
