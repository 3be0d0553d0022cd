// Package cmdutil holds what every command shares: the Factory with its
// injected IO, clock and lazily loaded config, and the kinds of error that
// the root command maps to exit codes.
package cmdutil

import (
	"io"
	"os"
	"time"

	"github.com/malarbete/malarbete/internal/console"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/signature"
)

// IOStreams are the standard streams of a command, injected so that tests
// can capture them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// ErrTTY reports whether ErrOut is a terminal (progress bars go there).
	ErrTTY bool
	// OutColor and ErrColor enable colour on Out and ErrOut, each decided
	// by its own stream, so that `validate > fynd.txt` from a terminal
	// writes no escape codes; off with --no-color or NO_COLOR.
	OutColor, ErrColor bool
	// Quiet silences progress and summaries (--quiet).
	Quiet bool
}

// Factory builds what commands need. Fields set by global flags are filled
// before a command's RunE runs.
type Factory struct {
	IO *IOStreams
	// Now is the clock; tests fix it.
	Now func() time.Time
	// Getenv reads the environment; tests replace it.
	Getenv func(string) string
	// Catalogue holds the messages of every language.
	Catalogue *i18n.Catalogue

	// ConfigPath is --config/-c.
	ConfigPath string
	// LangFlag is --lang, empty when not given.
	LangFlag string
	// Debug is --debug: internal errors print their detail.
	Debug bool

	// LoadConfig loads and checks the organisation config at path. It
	// returns the problems found; the organisation is nil when any is an
	// error.
	LoadConfig func(path string) (*domain.Organisation, domain.Findings, error)
	// LoadKey loads the signing key at path, making one with create
	// (SigningKey); nil means signature.Open. Tests give a fixed key.
	LoadKey func(path string, create bool) (signature.Key, bool, error)

	org *domain.Organisation
}

// Config loads the config named by --config once. Problems are printed to
// ErrOut in the chosen language; when any is an error it returns
// ErrInputs.
func (f *Factory) Config() (*domain.Organisation, error) {
	if f.org != nil {
		return f.org, nil
	}
	org, problems, err := f.LoadConfig(f.ConfigPath)
	if err != nil {
		return nil, err
	}
	lang := domain.Lang("")
	if org != nil {
		lang = org.Language
	}
	WriteFindings(f.IO.ErrOut, f.Catalogue.Localizer(i18n.Choose(f.LangFlag, lang, f.Getenv)), problems, f.IO.ErrColor)
	if org == nil || problems.HasErrors() {
		return nil, ErrInputs
	}
	f.org = org
	return org, nil
}

// Localizer returns the localizer of the chosen language: --lang, else
// the config's language when a config was loaded, else LANG, else
// Swedish.
func (f *Factory) Localizer() *i18n.Localizer {
	lang := domain.Lang("")
	if f.org != nil {
		lang = f.org.Language
	}
	return f.Catalogue.Localizer(i18n.Choose(f.LangFlag, lang, f.Getenv))
}

// PrintFindings writes one line per finding: "where: severity: sentence".
func PrintFindings(w io.Writer, l *i18n.Localizer, fs domain.Findings) {
	WriteFindings(w, l, fs, false)
}

// severityColor is the ANSI colour of each severity word on terminals.
var severityColor = map[domain.Severity]string{
	domain.SeverityError:   "\x1b[31m", // red
	domain.SeverityWarning: "\x1b[33m", // yellow
	domain.SeverityInfo:    "\x1b[36m", // cyan
}

// WriteFindings is PrintFindings with the severity word coloured when
// color is set (a terminal without --no-color or NO_COLOR).
func WriteFindings(w io.Writer, l *i18n.Localizer, fs domain.Findings, color bool) {
	for _, p := range fs {
		p = printableFinding(p)
		sev := l.T("Severity_"+string(p.Severity), nil)
		if color {
			sev = severityColor[p.Severity] + sev + "\x1b[0m"
		}
		io.WriteString(w, l.Where(p.Location)+": "+sev+": "+l.Finding(p)+"\n")
	}
}

// System returns the IO streams of the process.
func System() *IOStreams {
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		ErrTTY: isTerminal(os.Stderr),
		// A Windows console shows colours only with virtual terminal
		// processing on (console.Setup).
		OutColor: os.Getenv("NO_COLOR") == "" && console.Color(os.Stdout),
		ErrColor: os.Getenv("NO_COLOR") == "" && console.Color(os.Stderr),
	}
}

// ColorOn reports whether w, one of the streams, shows colour.
func (s *IOStreams) ColorOn(w io.Writer) bool {
	return s != nil && (w == s.Out && s.OutColor || w == s.ErrOut && s.ErrColor)
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
