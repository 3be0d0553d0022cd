package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// Summary counts a batch for the closing line.
type Summary struct {
	// Files is how many files were read (skipped paths not counted).
	Files int `json:"files"`
	// Valid is how many of them have no errors.
	Valid int `json:"valid"`
	// WithErrors is how many of them have at least one error.
	WithErrors int `json:"withErrors"`
	// Warnings is how many warnings the batch has in all.
	Warnings int `json:"warnings"`
	// Skipped is how many paths were not read.
	Skipped int `json:"skipped"`
	// Errors is how many errors the batch has in all, including missing
	// paths.
	Errors int `json:"errors"`
}

// Summarize counts results.
func Summarize(results []FileResult) Summary {
	var s Summary
	for _, r := range results {
		s.Warnings += r.Findings.Count(domain.SeverityWarning)
		s.Errors += r.Findings.Count(domain.SeverityError)
		switch {
		case r.Skipped:
			s.Skipped++
		case r.Valid():
			s.Files++
			s.Valid++
		default:
			s.Files++
			s.WithErrors++
		}
	}
	return s
}

// PrintText writes the findings grouped per file: a heading with the
// counts, then one indented line per finding.
func PrintText(w io.Writer, l *i18n.Localizer, results []FileResult, streams *cmdutil.IOStreams) {
	quiet, color := streams != nil && streams.Quiet, streams != nil && streams.Color
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
			fmt.Fprintln(w, l.T("ValidateFileOK", map[string]any{"File": r.Path}))
			continue
		}
		fmt.Fprintln(w, l.T("ValidateFileHeading", map[string]any{"File": r.Path, "Counts": strings.Join(parts, ", ")}))
		var b bytes.Buffer
		cmdutil.WriteFindings(&b, l, r.Findings, color)
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

// PrintSummary writes the closing line: files read, valid, with errors,
// warnings.
func PrintSummary(w io.Writer, l *i18n.Localizer, s Summary) {
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
	SchemaVersion int        `json:"schemaVersion"`
	Language      string     `json:"language"`
	Files         []jsonFile `json:"files"`
	Summary       Summary    `json:"summary"`
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
func PrintJSON(w io.Writer, l *i18n.Localizer, results []FileResult) error {
	rep := jsonReport{SchemaVersion: JSONSchemaVersion, Language: string(l.Lang()), Files: []jsonFile{}, Summary: Summarize(results)}
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
