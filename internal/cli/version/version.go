// Package version implements "malarbete version".
package version

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
)

// NewCmdVersion returns the version command.
func NewCmdVersion(f *cmdutil.Factory, ver string) *cobra.Command {
	l := f.Localizer()
	return &cobra.Command{
		Use:   "version",
		Short: l.T("VersionShort", nil),
		Args:  cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintln(f.IO.Out, l.T("VersionLine", map[string]any{
				"Version": ver, "Template": domain.TemplateVersion,
				"Register": domain.RegisterSchemaVersion, "Go": runtime.Version(),
			}))
			return nil
		},
	}
}
