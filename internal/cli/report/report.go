// Package report implements "malarbete report": the report for
// leadership, built from the config and the register, as a tagged PDF/A
// for print and the archive or as a web page, from one document tree.
package report

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/report"
	"github.com/malarbete/malarbete/internal/report/html"
	"github.com/malarbete/malarbete/internal/report/pdf"
)

// Output formats.
const (
	formatPDF  = "pdf"
	formatHTML = "html"
)

// ReportOptions are the inputs of the report command.
type ReportOptions struct {
	IO        *cmdutil.IOStreams
	Config    func() (*domain.Organisation, error)
	Localizer func() *i18n.Localizer
	Now       func() time.Time
	// ConfigPath is where the config was read; the logo's path is
	// relative to it.
	ConfigPath string

	// RegisterPath is --register.
	RegisterPath string
	// Output is --output; empty means rapport.pdf or report.pdf by
	// language (.html for the web page).
	Output string
	// Format is pdf or html: --format, else the output's extension,
	// else pdf.
	Format string
	// FindingsPath is --findings; empty for no appendix.
	FindingsPath string
	// Date is --date; empty means today by Now.
	Date string
	// Force is --force: overwrite an existing output.
	Force bool
}

// NewCmdReport returns the report command; runF replaces the run in tests.
func NewCmdReport(f *cmdutil.Factory, runF func(*ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{IO: f.IO, Config: f.Config, Localizer: f.Localizer, Now: f.Now}
	l := f.Localizer()
	cmd := &cobra.Command{
		Use:     l.T("ReportCmdUse", nil),
		Short:   l.T("ReportCmdShort", nil),
		Long:    l.T("ReportCmdLong", nil),
		Example: l.T("ReportCmdExample", nil),
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ConfigPath = f.ConfigPath
			if opts.RegisterPath == "" {
				return cmdutil.FlagErrorf("%s", l.T("ReportErrRegisterRequired", nil))
			}
			if err := cmdutil.CheckDateFlag(l, opts.Date); err != nil {
				return err
			}
			format, err := chooseFormat(opts.Format, opts.Output)
			if err != nil {
				return cmdutil.FlagErrorf("%s", l.T(err.Error(), map[string]any{"Format": opts.Format, "File": opts.Output}))
			}
			opts.Format = format
			if runF != nil {
				return runF(opts)
			}
			return runReport(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.RegisterPath, "register", "", l.T("ReportFlagRegister", nil))
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", l.T("ReportFlagOutput", nil))
	cmd.Flags().StringVar(&opts.Format, "format", "", l.T("ReportFlagFormat", nil))
	cmd.Flags().StringVar(&opts.FindingsPath, "findings", "", l.T("ReportFlagFindings", nil))
	cmd.Flags().StringVar(&opts.Date, "date", "", l.T("ReportFlagDate", nil))
	cmd.Flags().BoolVar(&opts.Force, "force", false, l.T("ReportFlagForce", nil))
	return cmd
}

// runReport builds and renders the report. When ctx is done (Ctrl-C) it
// stops with ctx's error and writes nothing: the output appears only
// when it is complete.
func runReport(ctx context.Context, opts *ReportOptions) error {
	org, err := opts.Config()
	if err != nil {
		return err
	}
	l := opts.Localizer()
	reg, err := register.ReadFor(opts.RegisterPath, org)
	if err != nil {
		return cmdutil.RegisterError(opts.RegisterPath, err, "RegisterHintFlag")
	}
	// Units and teams as the config has them now; a reorganisation since
	// the last collection shows in the report as the next collect will
	// write it.
	register.Reorganise(reg, org, reg.LatestRound())
	var findings *report.Findings
	if opts.FindingsPath != "" {
		if findings, err = readFindings(opts.FindingsPath); err != nil {
			return err
		}
	}
	date := cmdutil.DateOr(opts.Date, opts.Now)
	// The config loader has made the logo's path relative to the config.
	logo := org.Logo
	if err := checkLogo(logo); err != nil {
		return err
	}
	doc, err := report.Build(ctx, org, reg, report.Options{Date: date, Logo: logo, Findings: findings}, l)
	if err != nil {
		return err
	}

	format := opts.Format
	if format == "" {
		format = formatPDF
	}
	out := opts.Output
	if out == "" {
		out = l.T("ReportDefaultOutput", nil)
		out = strings.TrimSuffix(out, filepath.Ext(out)) + "." + format
	}
	inputs := []string{opts.RegisterPath}
	if opts.FindingsPath != "" {
		inputs = append(inputs, opts.FindingsPath)
	}
	if opts.ConfigPath != "" {
		inputs = append(inputs, opts.ConfigPath)
	}
	var res pdf.Result
	// fpdf holds every page until the end; the limit keeps a large
	// municipality's report within a small machine's memory.
	defer pdf.LimitMemory()()
	err = atomicfile.Write(out, atomicfile.Options{Overwrite: opts.Force, Inputs: inputs}, func(w io.Writer) error {
		// The renderer lets the tree go once it is drawn, before the
		// file is written, where memory peaks: so does this closure.
		d := doc
		doc = nil
		var err error
		if format == formatHTML {
			_, err = html.Render(ctx, w, d, html.Options{})
			return err
		}
		res, err = pdf.Render(ctx, w, d, pdf.Options{})
		return err
	})
	switch {
	case errors.Is(err, atomicfile.ErrExists):
		return cmdutil.NewUserError("ReportErrOutputExists", map[string]any{"File": out}, err)
	case errors.Is(err, atomicfile.ErrSameFile):
		return cmdutil.NewUserError("ReportErrOutputIsInput", map[string]any{"File": out}, err)
	case errors.Is(err, pdf.ErrLogo), errors.Is(err, html.ErrLogo):
		return cmdutil.NewUserError("ReportErrLogo", map[string]any{"File": logo}, err)
	case cmdutil.IsFileError(err):
		return cmdutil.WriteFailed(out, err)
	case err != nil:
		return fmt.Errorf("report: %w", err)
	}
	if len(res.Replacements) > 0 {
		var rs []string
		n := 0
		for _, r := range res.Replacements {
			rs = append(rs, fmt.Sprintf("U+%04X", r.Rune))
			n += r.Count
		}
		fmt.Fprintln(opts.IO.ErrOut, l.N("ReportReplacedRunes", n, map[string]any{"Runes": strings.Join(rs, ", ")}))
	}
	switch {
	case opts.IO.Quiet:
	case format == formatHTML:
		cmdutil.Say(opts.IO.ErrOut, l, "ReportWrittenHTML", map[string]any{"File": out})
	default:
		cmdutil.SayN(opts.IO.ErrOut, l, "ReportWritten", res.Pages, map[string]any{"File": out})
	}
	return nil
}

// chooseFormat returns the format to write: --format where given, else
// the one the output's name says (.html or .htm: the web page), else PDF.
// A format and a name that disagree are a mistake, not a choice: the
// error is the message id of the usage error.
func chooseFormat(flag, output string) (string, error) {
	byName := ""
	switch {
	case cmdutil.IsWebPage(output):
		byName = formatHTML
	case strings.EqualFold(filepath.Ext(output), ".pdf"):
		byName = formatPDF
	}
	switch strings.ToLower(flag) {
	case "":
		if byName == "" {
			return formatPDF, nil
		}
		return byName, nil
	case formatPDF, formatHTML:
		f := strings.ToLower(flag)
		if byName != "" && byName != f {
			return "", errors.New("ReportErrFormatConflict")
		}
		return f, nil
	}
	return "", errors.New("ReportErrFormat")
}

// validateOutput is what report reads of "validate --format json": each
// file with its unit and findings.
type validateOutput struct {
	Files []struct {
		File     string          `json:"file"`
		Unit     string          `json:"unit"`
		Team     string          `json:"team"`
		Findings domain.Findings `json:"findings"`
	} `json:"files"`
}

// utf8Text returns data as UTF-8: the findings file may be UTF-16 with a
// byte order mark, as Windows PowerShell's ">" writes validate's output.
func utf8Text(data []byte) []byte {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		order = binary.LittleEndian
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		order = binary.BigEndian
	default:
		return data
	}
	units := make([]uint16, 0, len(data)/2)
	for i := 2; i+1 < len(data); i += 2 {
		units = append(units, order.Uint16(data[i:]))
	}
	return []byte(string(utf16.Decode(units)))
}

// readFindings reads the findings for the appendix: the output of
// "validate --format json" as it is, or a plain JSON list of findings.
func readFindings(path string) (*report.Findings, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, cmdutil.NewUserError("ReportErrFindingsMissing", map[string]any{"File": path}, err)
	}
	if err != nil {
		return nil, cmdutil.NewUserError("ReportErrFindingsRead", map[string]any{"File": path}, err)
	}
	bad := func(err error) error {
		line, col, _ := register.Position(data, err)
		return cmdutil.NewUserError("ReportErrFindingsJSON", map[string]any{"File": path, "Line": line, "Column": col}, err)
	}
	data = bytes.TrimPrefix(utf8Text(data), []byte("\ufeff"))
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		list := domain.Findings{}
		if err := json.Unmarshal(data, &list); err != nil {
			return nil, bad(err)
		}
		return report.FindingsOf(list), nil
	}
	var out validateOutput
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, bad(err)
	}
	if out.Files == nil {
		return nil, cmdutil.NewUserError("ReportErrFindingsShape", map[string]any{"File": path}, nil)
	}
	fs := &report.Findings{Files: []report.FindingsFile{}}
	for _, f := range out.Files {
		fs.Files = append(fs.Files, report.FindingsFile{File: f.File, Unit: f.Unit, Team: f.Team, Findings: f.Findings})
	}
	return fs, nil
}
