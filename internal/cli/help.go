package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/malarbete/malarbete/internal/i18n"
)

// localizeHelp replaces cobra's English help words with the catalogue's.
func localizeHelp(root *cobra.Command, l *i18n.Localizer) {
	// go-i18n trims the final newline that cobra's templates end with.
	tmpl := strings.ReplaceAll(l.T("CLIUsageTemplate", nil), "{{.UseLine}}", "{{useLine .UseLine}}") + "\n"
	flags := l.T("CLIUseLineFlags", nil)
	cobra.AddTemplateFunc("useLine", func(s string) string { return strings.Replace(s, "[flags]", flags, 1) })
	// Examples are written flush left in the catalogue; the help indents
	// them like the other sections.
	cobra.AddTemplateFunc("indent", func(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") })
	root.SetUsageTemplate(tmpl)
	root.SetHelpCommand(&cobra.Command{
		Use:    l.T("CLIHelpUse", nil),
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

// localizeDefaults moves each flag's default into its usage text in the
// catalogue's words, since pflag prints "(default …)" in English. It runs
// once the whole tree is built.
func localizeDefaults(root *cobra.Command, l *i18n.Localizer) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) { localizeDefault(f, l) })
		c.PersistentFlags().VisitAll(func(f *pflag.Flag) { localizeDefault(f, l) })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func localizeDefault(f *pflag.Flag, l *i18n.Localizer) {
	switch f.DefValue {
	case "", "false", "0", "0s", "[]":
		return
	}
	v := f.DefValue
	if f.Value.Type() == "duration" {
		// "2m0s" reads better as "2m", "1h0m0s" as "1h".
		if strings.HasSuffix(v, "m0s") {
			v = strings.TrimSuffix(v, "0s")
		}
		if strings.HasSuffix(v, "h0m") {
			v = strings.TrimSuffix(v, "0m")
		}
		f.DefValue = "0s" // pflag's zero for durations: no English "(default …)"
	} else {
		f.DefValue = ""
	}
	f.Usage += " " + l.T("CLIFlagDefault", map[string]any{"Value": v})
}
