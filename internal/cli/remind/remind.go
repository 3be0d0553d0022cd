// Package remind implements "malarbete remind --register R": the
// managers of units that have not returned a round's workbook (and, with
// --invalid, of those whose workbook was left out for errors), listed
// and written to as drafts or sent through SMTP.
package remind

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/cli/mail/shared"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/mail"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/workbook"
)

// RemindOptions are the inputs of the remind command.
type RemindOptions struct {
	// Ctx is the command's context; Ctrl-C ends it.
	Ctx       context.Context
	IO        *cmdutil.IOStreams
	Config    func() (*domain.Organisation, error)
	Localizer func() *i18n.Localizer
	Catalogue *i18n.Catalogue
	Env       shared.Env

	// Register is --register.
	Register string
	// Round is --round; empty means the register's latest round.
	Round string
	// OutputDir is -o: the drafts; empty writes none.
	OutputDir string
	// Invalid also reminds units whose workbook was left out for errors.
	Invalid bool
	// Annotated is --annotated: the folder of validate's annotated copies.
	Annotated string
	// Format is "text" or "csv".
	Format string
	// Force replaces existing drafts.
	Force bool
	shared.Flags
}

// NewCmdRemind returns the remind command; runF replaces the run in tests.
func NewCmdRemind(f *cmdutil.Factory, runF func(*RemindOptions) error) *cobra.Command {
	opts := &RemindOptions{IO: f.IO, Config: f.Config, Localizer: f.Localizer, Catalogue: f.Catalogue,
		Env: shared.Env{Getenv: f.Getenv, Now: f.Now}}
	l := f.Localizer()
	cmd := &cobra.Command{
		Use:     l.T("RemindUse", nil),
		Short:   l.T("RemindShort", nil),
		Long:    l.T("RemindLong", nil),
		Example: l.T("RemindExample", nil),
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			switch {
			case opts.Register == "":
				return cmdutil.FlagErrorf("%s", l.T("RemindRegisterRequired", nil))
			case opts.Format != "text" && opts.Format != "csv":
				return cmdutil.FlagErrorf("%s", l.T("RemindBadFormat", map[string]any{"Value": opts.Format}))
			case opts.Annotated != "" && !opts.Invalid:
				return cmdutil.FlagErrorf("%s", l.T("RemindAnnotatedWithoutInvalid", nil))
			}
			if err := opts.Flags.Check(l); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runRemind(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Register, "register", "", l.T("RemindFlagRegister", nil))
	fl.StringVar(&opts.Round, "round", "", l.T("RemindFlagRound", nil))
	fl.StringVarP(&opts.OutputDir, "output", "o", "", l.T("RemindFlagOutput", nil))
	fl.BoolVar(&opts.Invalid, "invalid", false, l.T("RemindFlagInvalid", nil))
	fl.StringVar(&opts.Annotated, "annotated", "", l.T("RemindFlagAnnotated", nil))
	fl.StringVar(&opts.Format, "format", "text", l.T("RemindFlagFormat", nil))
	fl.BoolVar(&opts.Force, "force", false, l.T("RemindFlagForce", nil))
	opts.Flags.Add(fl, l)
	return cmd
}

func runRemind(opts *RemindOptions) error {
	if opts.Ctx == nil {
		opts.Ctx = context.Background()
	}
	org, err := opts.Config()
	if err != nil {
		return err
	}
	l := opts.Localizer()
	reg, err := register.ReadFor(opts.Register, org)
	if err != nil {
		return cmdutil.RegisterError(opts.Register, err, "RegisterHintFlag")
	}
	roundID := opts.Round
	if roundID == "" {
		if roundID = reg.LatestRound(); roundID == "" {
			return cmdutil.NewUserError("RemindNoRound", map[string]any{"File": opts.Register}, nil)
		}
	}
	round, ok := org.Round(roundID)
	if !ok {
		return cmdutil.NewUserError("RemindUnknownRound", map[string]any{"Round": roundID}, nil)
	}
	var overdue []mail.Overdue
	leftOut := 0
	for _, o := range mail.FindOverdue(org, reg, round.ID) {
		if o.Invalid && !opts.Invalid {
			leftOut++
			continue
		}
		overdue = append(overdue, o)
	}
	var fs domain.Findings
	copies := map[string][]mail.Workbook{}
	if opts.Annotated != "" {
		if copies, fs, err = annotatedCopies(opts.Ctx, opts.Annotated, org, round.ID); err != nil {
			return err
		}
		for _, o := range overdue {
			if o.Invalid && len(copies[o.Unit.ID]) == 0 {
				fs = append(fs, mail.NoCopy.Finding(domain.Location{File: o.Unit.Name}, map[string]any{"Unit": o.Unit.Name, "Dir": opts.Annotated}))
			}
		}
	}
	if err := printList(opts, l, round, overdue); err != nil {
		return err
	}
	// With --format csv, standard output holds the list alone.
	out := *opts.IO
	if opts.Format == "csv" {
		out.Out = opts.IO.ErrOut
	}
	if leftOut > 0 {
		cmdutil.SayN(out.Out, l, "RemindLeftOutHint", leftOut, nil)
	}
	if opts.OutputDir == "" && !opts.Sending() {
		cmdutil.WriteFindings(out.ErrOut, l, fs, out.ErrColor)
		if fs.HasErrors() {
			return cmdutil.ErrInputs
		}
		return nil
	}
	letters, problems := mail.ReminderLetters(org, round, overdue, copies)
	fs = append(fs, problems...)
	logPath := strings.TrimSuffix(opts.Register, filepath.Ext(opts.Register)) + "." + shared.LogName
	if opts.OutputDir != "" && !opts.Sending() {
		if err := os.MkdirAll(opts.OutputDir, 0o755); err != nil {
			return cmdutil.NewUserError("MailOutputDir", map[string]any{"Dir": opts.OutputDir}, err)
		}
	}
	d, err := shared.Delivery(org, opts.Flags, opts.OutputDir, logPath, opts.Force, opts.Env)
	if err != nil {
		return err
	}
	ds, more, err := mail.Deliver(opts.Ctx, org, letters, opts.Catalogue, d)
	fs = append(fs, more...)
	if err != nil {
		shared.Report(&out, l, ds, fs, d)
		return shared.Error(err, logPath)
	}
	return shared.Report(&out, l, ds, fs, d)
}

// annotatedCopies reads the feedback copies in dir that are of round, by
// unit; other files there are passed over.
func annotatedCopies(ctx context.Context, dir string, org *domain.Organisation, round string) (map[string][]mail.Workbook, domain.Findings, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, nil, cmdutil.NewUserError("RemindAnnotatedMissing", map[string]any{"Dir": dir}, err)
	}
	wbs, fs, err := shared.Workbooks(ctx, []string{dir}, org)
	if err != nil {
		return nil, nil, err
	}
	out := map[string][]mail.Workbook{}
	for _, wb := range wbs {
		if id := wb.Stamp.Identity; wb.Stamp.Feedback && id.Round == round && id.Organisation == org.ID && id.Period == org.Period {
			out[id.Unit] = append(out[id.Unit], wb)
		}
	}
	// Only what made a copy unusable matters here, not skipped files.
	var errs domain.Findings
	for _, f := range fs {
		if f.Severity == domain.SeverityError {
			errs = append(errs, f)
		}
	}
	return out, errs, nil
}

// printList prints the units to remind: sentences, or CSV for HR's own
// tools.
func printList(opts *RemindOptions, l *i18n.Localizer, round domain.Round, overdue []mail.Overdue) error {
	name := round.Name
	if name == "" {
		name = round.ID
	}
	if opts.Format == "csv" {
		return writeCSV(opts.IO.Out, l, round, overdue)
	}
	w := opts.IO.Out
	data := map[string]any{"Round": name, "Deadline": round.Deadline.String()}
	if len(overdue) == 0 {
		cmdutil.Say(w, l, "RemindNone", data)
		return nil
	}
	cmdutil.SayN(w, l, "RemindHeading", len(overdue), data)
	for _, o := range overdue {
		d := cmdutil.PrintableData(map[string]any{"Unit": o.Unit.Name, "Department": o.Department.Name,
			"Manager": o.Unit.Manager.Name, "Email": o.Unit.Manager.Email})
		if o.Invalid {
			fmt.Fprintln(w, "  "+l.N("RemindLineInvalid", o.Errors, d))
		} else {
			fmt.Fprintln(w, "  "+l.T("RemindLineMissing", d))
		}
	}
	return nil
}

// Status values of the CSV, stable for HR's tools.
const (
	statusMissing = "missing"
	statusInvalid = "invalid"
)

func writeCSV(w io.Writer, l *i18n.Localizer, round domain.Round, overdue []mail.Overdue) error {
	// A BOM makes Excel open the UTF-8 file with å, ä and ö intact.
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	var header []string
	for _, id := range []string{"RemindCSVUnitID", "RemindCSVUnit", "RemindCSVDepartment", "RemindCSVManager", "RemindCSVEmail", "RemindCSVStatus", "RemindCSVErrors", "RemindCSVRound", "RemindCSVDeadline"} {
		header = append(header, l.T(id, nil))
	}
	cw.Write(header)
	for _, o := range overdue {
		status := statusMissing
		if o.Invalid {
			status = statusInvalid
		}
		row := []string{o.Unit.ID, o.Unit.Name, o.Department.Name, o.Unit.Manager.Name, o.Unit.Manager.Email, status, strconv.Itoa(o.Errors), round.ID, round.Deadline.String()}
		for i := range row {
			row[i] = workbook.EscapeFormula(row[i])
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}
