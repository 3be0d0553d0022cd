// Package check implements "malarbete check": load the organisation
// config and print every problem, or a short summary.
package check

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/register"
)

// CheckOptions are the inputs of the check command.
type CheckOptions struct {
	IO     *cmdutil.IOStreams
	Config func() (*domain.Organisation, error)
	F      *cmdutil.Factory
	// Register is --register: a register to compare the config with.
	Register string
}

// NewCmdCheck returns the check command; runF replaces the run in tests.
func NewCmdCheck(f *cmdutil.Factory, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: f.IO, Config: f.Config, F: f}
	l := f.Localizer()
	cmd := &cobra.Command{
		Use:     "check",
		Short:   l.T("CheckShort", nil),
		Long:    l.T("CheckLong", nil),
		Example: l.T("CheckExample", nil),
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runCheck(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Register, "register", "", l.T("CheckFlagRegister", nil))
	return cmd
}

func runCheck(opts *CheckOptions) error {
	org, err := opts.Config()
	if err != nil {
		return err
	}
	if opts.IO.Quiet {
		return nil
	}
	l := opts.F.Localizer()
	rounds := len(org.Rounds)
	teams := len(org.Teams)
	cmdutil.Say(opts.IO.Out, l, "CheckSummaryTitle", map[string]any{"Name": org.Name, "Period": org.Period})
	for _, line := range []string{
		l.N("CheckSummaryDepartments", len(org.Departments), nil),
		l.N("CheckSummaryUnits", len(org.Units), nil),
		l.N("CheckSummaryTeams", teams, nil),
		l.N("CheckSummaryValues", len(org.Values), nil),
		l.N("CheckSummaryCriteria", len(org.Criteria), nil),
		l.N("CheckSummaryRounds", rounds, nil),
	} {
		fmt.Fprintln(opts.IO.Out, "  "+line)
	}
	fmt.Fprintln(opts.IO.Out, l.T("CheckOK", nil))
	if opts.Register != "" {
		return checkRegister(opts, org)
	}
	return nil
}

// checkRegister lists what the config's reorganisations will do to the
// register at the next collection, without writing it.
func checkRegister(opts *CheckOptions, org *domain.Organisation) error {
	l := opts.F.Localizer()
	reg, err := register.ReadFor(opts.Register, org)
	if err != nil {
		return cmdutil.RegisterError(opts.Register, err, "RegisterHintFlag")
	}
	next := reg.LatestRound()
	for i, r := range org.Rounds {
		if r.ID == reg.LatestRound() && i+1 < len(org.Rounds) {
			next = org.Rounds[i+1].ID
		}
	}
	changes := register.Reorganise(reg, org, next)
	if len(changes) == 0 {
		fmt.Fprintln(opts.IO.Out, l.T("CheckRegisterInLine", map[string]any{"Path": opts.Register}))
		return nil
	}
	fmt.Fprintln(opts.IO.Out, l.N("CheckRegisterChanges", len(changes), map[string]any{"Path": opts.Register}))
	for _, c := range changes {
		id, data := c.Message(org)
		fmt.Fprintln(opts.IO.Out, "  "+cmdutil.Printable(l.T(id, data)))
	}
	return nil
}
