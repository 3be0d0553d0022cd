package cmdutil

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// NoArgs rejects positional arguments as a usage error (exit 2).
func NoArgs(cmd *cobra.Command, args []string) error {
	if err := cobra.NoArgs(cmd, args); err != nil {
		return &FlagError{Err: err}
	}
	return nil
}

// MaximumNArgs rejects more than n arguments as a usage error.
func MaximumNArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MaximumNArgs(n)(cmd, args); err != nil {
			return &FlagError{Err: err}
		}
		return nil
	}
}

// MinimumNArgs rejects fewer than n arguments as a usage error.
func MinimumNArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MinimumNArgs(n)(cmd, args); err != nil {
			return &FlagError{Err: err}
		}
		return nil
	}
}

// CheckDateFlag returns a usage error when value, a --date flag, is set
// but is not an ISO date.
func CheckDateFlag(l *i18n.Localizer, value string) error {
	if value == "" {
		return nil
	}
	if _, err := domain.ParseDate(value); err != nil {
		return FlagErrorf("%s", l.T("CLIBadDate", map[string]any{"Value": value}))
	}
	return nil
}

// DateOr returns the date of a --date flag checked by CheckDateFlag, or
// today by now when it is empty.
func DateOr(value string, now func() time.Time) domain.Date {
	if d, err := domain.ParseDate(value); err == nil {
		return d
	}
	return domain.DateOf(now())
}
