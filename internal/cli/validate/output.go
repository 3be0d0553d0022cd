package validate

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/intake"
)

// PrintSummary writes the closing line: files read, valid, with errors,
// warnings.
func PrintSummary(w io.Writer, l *i18n.Localizer, s intake.Summary) {
	fmt.Fprintln(w, l.T("ValidateSummary", map[string]any{
		"Files":      l.N("ValidateSummaryFiles", s.Files, nil),
		"Valid":      l.N("ValidateSummaryValid", s.Valid, nil),
		"WithErrors": l.N("ValidateSummaryWithErrors", s.WithErrors, nil),
		"Warnings":   l.N("ValidateSummaryWarnings", s.Warnings, nil),
	}))
}

// JSONSchemaVersion is the version of validate's JSON output, documented
// in docs/findings.md. Raise it on any incompatible change.
const JSONSchemaVersion = 1

// jsonReport is the --format json document.
type jsonReport struct {
	SchemaVersion int            `json:"schemaVersion"`
	Language      string         `json:"language"`
	Files         []jsonFile     `json:"files"`
	Summary       intake.Summary `json:"summary"`
}

type jsonFile struct {
	File string `json:"file"`
	// Status is "valid", "invalid" or "skipped".
	Status   string        `json:"status"`
	SHA256   string        `json:"sha256,omitempty"`
	Unit     string        `json:"unit,omitempty"`
	Round    string        `json:"round,omitempty"`
	Findings []jsonFinding `json:"findings"`
}

type jsonFinding struct {
	domain.Finding
	// Message is the finding's sentence in the chosen language.
	Message string `json:"message"`
}

// PrintJSON writes the batch as the versioned JSON document.
func PrintJSON(w io.Writer, l *i18n.Localizer, results []intake.FileResult) error {
	rep := jsonReport{SchemaVersion: JSONSchemaVersion, Language: string(l.Lang()), Files: []jsonFile{}, Summary: intake.Summarize(results)}
	for _, r := range results {
		f := jsonFile{File: r.Path, SHA256: r.SHA256, Findings: []jsonFinding{}}
		switch {
		case r.Skipped:
			f.Status = "skipped"
		case r.Valid():
			f.Status = "valid"
		default:
			f.Status = "invalid"
		}
		if r.Submission != nil {
			f.Unit, f.Round = r.Submission.Identity.Unit, r.Submission.Identity.Round
		}
		for _, fd := range r.Findings {
			f.Findings = append(f.Findings, jsonFinding{Finding: fd, Message: l.Finding(fd)})
		}
		rep.Files = append(rep.Files, f)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
