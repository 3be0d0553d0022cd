// Package initcmd implements "malarbete init": write a starter
// organisation.yaml and, beside it, the key that signs the workbooks. (The package is not called init, which Go reserves
// for functions.)
package initcmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
)

// InitOptions are the inputs of the init command.
type InitOptions struct {
	IO       *cmdutil.IOStreams
	Examples fs.FS
	Lang     domain.Lang
	Dir      string
	Example  string
}

// Examples init can start from.
var exampleNames = []string{"blank", "sorsele", "example-town"}

// NewCmdInit returns the init command; runF replaces the run in tests.
func NewCmdInit(f *cmdutil.Factory, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{IO: f.IO, Examples: malarbete.Examples}
	l := f.Localizer()
	cmd := &cobra.Command{
		Use:     l.T("InitUse", nil),
		Short:   l.T("InitShort", nil),
		Long:    l.T("InitLong", nil),
		Example: l.T("InitExample", nil),
		Args:    cmdutil.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			opts.Lang = f.Localizer().Lang()
			if !contains(exampleNames, opts.Example) {
				return cmdutil.FlagErrorf("%s", l.T("InitBadExample", map[string]any{"Value": opts.Example}))
			}
			if runF != nil {
				return runF(opts)
			}
			return runInit(opts, f)
		},
	}
	cmd.Flags().StringVar(&opts.Example, "example", "blank", l.T("InitFlagExample", nil))
	return cmd
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// source returns the embedded file to copy: the blank starter exists in
// each language; the examples are written in their own.
func source(example string, lang domain.Lang) string {
	if example == "blank" {
		return "blank/organisation." + string(lang) + ".yaml"
	}
	return example + "/organisation.yaml"
}

func runInit(opts *InitOptions, f *cmdutil.Factory) error {
	l := f.Localizer()
	data, err := fs.ReadFile(opts.Examples, source(opts.Example, opts.Lang))
	if err != nil {
		return fmt.Errorf("read embedded example %s: %w", opts.Example, err)
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return cmdutil.NewUserError("InitCannotWrite", map[string]any{"Path": opts.Dir}, err)
	}
	path := filepath.Join(opts.Dir, "organisation.yaml")
	if err := atomicfile.WriteFile(path, data, atomicfile.Options{}); err != nil {
		if errors.Is(err, atomicfile.ErrExists) {
			return cmdutil.NewUserError("InitExists", map[string]any{"Path": path}, err)
		}
		return cmdutil.NewUserError("InitCannotWrite", map[string]any{"Path": path}, err)
	}
	if !opts.IO.Quiet {
		cmdutil.Say(opts.IO.Out, l, "InitWrote", map[string]any{"Path": path})
	}
	// The key that will sign the workbooks, beside the new config.
	_, _, err = f.KeyBeside(path, true)
	return err
}
