package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/i18n"
)

// localizeHelp replaces cobra's English help words with the catalogue's.
func localizeHelp(root *cobra.Command, l *i18n.Localizer) {
	// go-i18n trims the final newline that cobra's templates end with.
	tmpl := strings.ReplaceAll(l.T("CLIUsageTemplate", nil), "{{.UseLine}}", "{{useLine .UseLine}}") + "\n"
	flags := l.T("CLIUseLineFlags", nil)
	cobra.AddTemplateFunc("useLine", func(s string) string { return strings.Replace(s, "[flags]", flags, 1) })
	root.SetUsageTemplate(tmpl)
	root.SetHelpCommand(&cobra.Command{
		Use:    "help [kommando]",
		Short:  l.T("CLIHelpShort", nil),
		Hidden: true,
		RunE: func(c *cobra.Command, args []string) error {
			cmd, _, err := c.Root().Find(args)
			if cmd == nil || err != nil {
				cmd = c.Root()
			}
			cmd.InitDefaultHelpFlag()
			return cmd.Help()
		},
	})
	root.PersistentFlags().BoolP("help", "h", false, l.T("CLIFlagHelp", nil))
}
