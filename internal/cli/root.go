// Package cli builds the malarbete command tree and maps every error to
// an exit code in one place (Main).
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli/check"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/cli/collect"
	"github.com/malarbete/malarbete/internal/cli/generate"
	"github.com/malarbete/malarbete/internal/cli/guide"
	"github.com/malarbete/malarbete/internal/cli/importcmd"
	"github.com/malarbete/malarbete/internal/cli/initcmd"
	"github.com/malarbete/malarbete/internal/cli/mail"
	"github.com/malarbete/malarbete/internal/cli/poster"
	"github.com/malarbete/malarbete/internal/cli/remind"
	"github.com/malarbete/malarbete/internal/cli/report"
	"github.com/malarbete/malarbete/internal/cli/validate"
	"github.com/malarbete/malarbete/internal/cli/version"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/i18n"
)

// Main runs the command line and returns the exit code.
func Main() int {
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		fmt.Fprintln(os.Stderr, "malarbete: internal error:", err)
		return cmdutil.ExitInternal
	}
	f := &cmdutil.Factory{
		IO:         cmdutil.System(),
		Now:        time.Now,
		Getenv:     os.Getenv,
		Catalogue:  cat,
		LoadConfig: config.Load,
	}
	// Ctrl-C and SIGTERM end the context that every command gets from
	// cmd.Context(): long work stops at its next step and leaves no
	// partial output. A second signal ends the process at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	return RunContext(ctx, f, os.Args[1:])
}

// Run executes args against a fresh command tree and returns the exit
// code. Tests call it with their own Factory.
func Run(f *cmdutil.Factory, args []string) int {
	return RunContext(context.Background(), f, args)
}

// RunContext is Run under ctx: when ctx ends, the command stops and the
// exit code is cmdutil.ExitInterrupted.
func RunContext(ctx context.Context, f *cmdutil.Factory, args []string) (code int) {
	// Help texts are built before flags are parsed, so --lang is looked
	// for by hand.
	f.LangFlag = langArg(args)
	root := NewCmdRoot(f, version.Current().Version)
	root.SetArgs(args)
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	defer func() {
		if r := recover(); r != nil {
			code = exitCode(f, fmt.Errorf("panic: %v\n%s", r, debug.Stack()))
		}
	}()
	return exitCode(f, root.ExecuteContext(ctx))
}

// exitCode prints err in the chosen language and returns its exit code.
// It is the only place that decides exit codes.
func exitCode(f *cmdutil.Factory, err error) int {
	if err == nil {
		return cmdutil.ExitOK
	}
	l := f.Localizer()
	w := f.IO.ErrOut
	var flagErr *cmdutil.FlagError
	var userErr *cmdutil.UserError
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(w, "malarbete: %s\n", l.T("CLIInterrupted", nil))
		return cmdutil.ExitInterrupted
	case errors.Is(err, cmdutil.ErrInputs):
		return cmdutil.ExitInputs
	case errors.As(err, &userErr):
		fmt.Fprintf(w, "malarbete: %s\n", l.T(userErr.MessageID, cmdutil.PrintableData(localized(l, userErr.Data))))
		if userErr.Hint != "" {
			fmt.Fprintf(w, "malarbete: %s\n", l.T(userErr.Hint, nil))
		}
		if errors.Is(err, syscall.ENOSPC) {
			fmt.Fprintf(w, "malarbete: %s\n", l.T("CLIDiskFull", nil))
		}
		if errors.Is(err, atomicfile.ErrInUse) {
			fmt.Fprintf(w, "malarbete: %s\n", l.T("CLIFileInUseHint", nil))
		}
		if f.Debug && userErr.Err != nil {
			fmt.Fprintf(w, "  %s\n", cmdutil.Printable(userErr.Err.Error()))
		}
		return cmdutil.ExitInputs
	case errors.Is(err, syscall.ENOSPC):
		// A full disk is the machine's state, not a bug.
		fmt.Fprintf(w, "malarbete: %s\n", l.T("CLIDiskFull", nil))
		if f.Debug {
			fmt.Fprintf(w, "  %s\n", cmdutil.Printable(err.Error()))
		}
		return cmdutil.ExitInputs
	case errors.Is(err, atomicfile.ErrInUse):
		// Windows cannot replace a file that Excel or a PDF reader holds
		// open: the user can fix that, it is no bug.
		file := ""
		if le := (*os.LinkError)(nil); errors.As(err, &le) {
			file = le.New
		}
		fmt.Fprintf(w, "malarbete: %s\n", l.T("CLIFileInUse", map[string]any{"File": file}))
		if f.Debug {
			fmt.Fprintf(w, "  %v\n", err)
		}
		return cmdutil.ExitInputs
	case errors.As(err, &flagErr), isUsageError(err):
		fmt.Fprintf(w, "malarbete: %s\n%s\n", l.T("CLIUsageError", map[string]any{"Detail": cmdutil.Printable(err.Error())}), l.T("CLIUsageHint", nil))
		return cmdutil.ExitUsage
	default:
		fmt.Fprintf(w, "malarbete: %s\n", l.T("CLIInternalError", nil))
		if f.Debug {
			// A panic's stack trace keeps its lines.
			for _, line := range strings.Split(err.Error(), "\n") {
				fmt.Fprintf(w, "  %s\n", cmdutil.Printable(line))
			}
		}
		return cmdutil.ExitInternal
	}
}

// localized returns data with every cmdutil.Message in it replaced by its
// text in l's language.
func localized(l *i18n.Localizer, data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for k, v := range data {
		if m, ok := v.(cmdutil.Message); ok {
			v = l.T(m.ID, m.Data)
		}
		out[k] = v
	}
	return out
}

// isUsageError recognises cobra's own usage errors, which are plain
// errors.
func isUsageError(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "requires at most", "invalid argument"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func langArg(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			return v
		}
		if a == "--lang" && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

// DefaultConfig is the config file read when --config is not given.
const DefaultConfig = "organisation.yaml"

// NewCmdRoot returns the root command with every subcommand.
func NewCmdRoot(f *cmdutil.Factory, ver string) *cobra.Command {
	l := f.Localizer()
	root := &cobra.Command{
		Use:           l.T("CLIRootUse", nil),
		Short:         l.T("CLIRootShort", nil),
		Long:          l.T("CLIRootLong", nil),
		Example:       l.T("CLIRootExample", nil),
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       ver,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if noColor, _ := cmd.Flags().GetBool("no-color"); noColor || f.Getenv("NO_COLOR") != "" {
				f.IO.OutColor, f.IO.ErrColor = false, false
			}
			if q, _ := cmd.Flags().GetBool("quiet"); q {
				f.IO.Quiet = true
			}
			if f.ConfigPath == "" {
				f.ConfigPath = DefaultConfig
			}
			if f.LangFlag != "" && f.LangFlag != "sv" && f.LangFlag != "en" {
				return cmdutil.FlagErrorf("%s", l.T("CLIBadLang", map[string]any{"Value": f.LangFlag}))
			}
			return nil
		},
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetVersionTemplate("malarbete {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &cmdutil.FlagError{Err: err} })
	localizeHelp(root, l)

	pf := root.PersistentFlags()
	// The default is in the help text: pflag would print it in English.
	pf.StringVarP(&f.ConfigPath, "config", "c", "", l.T("CLIFlagConfig", nil))
	// The help explains the default; a language chosen before parsing
	// (Factory.LangFlag) stays chosen, but is no default to print.
	lang := f.LangFlag
	pf.StringVar(&f.LangFlag, "lang", "", l.T("CLIFlagLang", nil))
	f.LangFlag = lang
	pf.BoolP("quiet", "q", false, l.T("CLIFlagQuiet", nil))
	pf.Bool("no-color", false, l.T("CLIFlagNoColor", nil))
	pf.BoolVar(&f.Debug, "debug", false, l.T("CLIFlagDebug", nil))
	root.Flags().BoolP("version", "v", false, l.T("CLIFlagVersion", nil))

	root.AddCommand(
		initcmd.NewCmdInit(f, nil),
		check.NewCmdCheck(f, nil),
		importcmd.NewCmdImport(f, nil),
		generate.NewCmdGenerate(f, nil),
		validate.NewCmdValidate(f, nil),
		collect.NewCmdCollect(f, nil),
		report.NewCmdReport(f, nil),
		poster.NewCmdPoster(f, nil),
		guide.NewCmdGuide(f, nil),
		mail.NewCmdMail(f, nil),
		remind.NewCmdRemind(f, nil),
		version.NewCmdVersion(f, nil),
		newCmdCompletion(f),
	)
	localizeDefaults(root, l)
	return root
}

func newCmdCompletion(f *cmdutil.Factory) *cobra.Command {
	l := f.Localizer()
	return &cobra.Command{
		Use:       "completion bash|zsh|fish|powershell",
		Short:     l.T("CLICompletionShort", nil),
		Long:      l.T("CLICompletionLong", nil),
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
		Args: func(cmd *cobra.Command, args []string) error {
			if err := cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs)(cmd, args); err != nil {
				return &cmdutil.FlagError{Err: err}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			root, out := cmd.Root(), f.IO.Out
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			default:
				return root.GenPowerShellCompletionWithDesc(out)
			}
		},
	}
}
