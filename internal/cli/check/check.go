// Package check implements "malarbete check": load the organisation
// config and print every problem, or a short summary.
package check

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
)

// CheckOptions are the inputs of the check command.
type CheckOptions struct {
	IO     *cmdutil.IOStreams
	Config func() (*domain.Organisation, error)
	F      *cmdutil.Factory
}

// NewCmdCheck returns the check command; runF replaces the run in tests.
func NewCmdCheck(f *cmdutil.Factory, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: f.IO, Config: f.Config, F: f}
	l := f.Localizer()
	return &cobra.Command{
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
	fmt.Fprintln(opts.IO.Out, l.T("CheckSummaryTitle", map[string]any{"Name": org.Name, "Period": org.Period}))
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
	return nil
}
