// Package importcmd implements "malarbete import FILE": bring the
// departments, units and teams of the HR system's export into the
// organisation config, in place. (The package is not called import, which
// Go reserves.)
package importcmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/orgimport"
	"github.com/malarbete/malarbete/internal/register"
)

// ImportOptions are the inputs of the import command.
type ImportOptions struct {
	IO        *cmdutil.IOStreams
	Catalogue *i18n.Catalogue
	Getenv    func(string) string
	// Now is the clock; it names the backup.
	Now func() time.Time
	// LangFlag is --lang, empty when not given.
	LangFlag string

	// ConfigPath is --config: the file read and rewritten.
	ConfigPath string
	// File is the export.
	File string
	// Map is --map, parsed.
	Map orgimport.ColumnMap
	// DryRun is --dry-run: show the changes, write nothing.
	DryRun bool
	// Prune is --prune: remove what the export lacks.
	Prune bool
	// RegisterPath is --register: units and teams with goals there are
	// never removed.
	RegisterPath string
}

// NewCmdImport returns the import command; runF replaces the run in
// tests.
func NewCmdImport(f *cmdutil.Factory, runF func(*ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{IO: f.IO, Catalogue: f.Catalogue, Getenv: f.Getenv, Now: f.Now}
	l := f.Localizer()
	var mapSpec string
	cmd := &cobra.Command{
		Use:     l.T("ImportUse", nil),
		Short:   l.T("ImportShort", nil),
		Long:    l.T("ImportLong", nil),
		Example: l.T("ImportExample", nil),
		Args: func(cmd *cobra.Command, args []string) error {
			if err := cobra.ExactArgs(1)(cmd, args); err != nil {
				return &cmdutil.FlagError{Err: err}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File, opts.ConfigPath, opts.LangFlag = args[0], f.ConfigPath, f.LangFlag
			m, err := orgimport.ParseMap(mapSpec)
			var me *orgimport.MapError
			if errors.As(err, &me) {
				return cmdutil.FlagErrorf("%s", l.T("ImportBadMap", map[string]any{"Value": me.Part, "Fields": orgimport.FieldList()}))
			}
			opts.Map = m
			if runF != nil {
				return runF(opts)
			}
			return runImport(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&mapSpec, "map", "", l.T("ImportFlagMap", nil))
	fl.BoolVar(&opts.DryRun, "dry-run", false, l.T("ImportFlagDryRun", nil))
	fl.BoolVar(&opts.Prune, "prune", false, l.T("ImportFlagPrune", nil))
	fl.StringVar(&opts.RegisterPath, "register", "", l.T("ImportFlagRegister", nil))
	return cmd
}

// readLimited reads at most max+1 bytes, so that a file over the limit is
// found without reading all of it.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	return io.ReadAll(io.LimitReader(f, max+1))
}

func readError(path, notFound string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return cmdutil.NewUserError(notFound, map[string]any{"File": path}, err)
	}
	return cmdutil.NewUserError("ImportCannotRead", map[string]any{"File": path}, err)
}

func runImport(opts *ImportOptions) error {
	// The config is rewritten where it really is, so that a symbolic
	// link stays a link.
	path, err := filepath.EvalSymlinks(opts.ConfigPath)
	if err != nil {
		return readError(opts.ConfigPath, "ImportConfigNotFound", err)
	}
	cfg, err := readLimited(path, config.MaxSize)
	if err != nil {
		return readError(opts.ConfigPath, "ImportConfigNotFound", err)
	}
	// Messages follow --lang, else the config's language, as elsewhere.
	lang := domain.Lang("")
	if org, _ := config.Parse(opts.ConfigPath, cfg); org != nil {
		lang = org.Language
	}
	l := opts.Catalogue.Localizer(i18n.Choose(opts.LangFlag, lang, opts.Getenv))
	table, err := readLimited(opts.File, orgimport.MaxSize)
	if err != nil {
		return readError(opts.File, "ImportNotFound", err)
	}
	iopts := orgimport.Options{Map: opts.Map, Prune: opts.Prune,
		DepartmentGoal: opts.Catalogue.Localizer(orDefault(lang)).T("ImportDepartmentGoalPlaceholder", nil)}
	if opts.RegisterPath != "" {
		reg, err := register.Read(opts.RegisterPath)
		if err != nil {
			return cmdutil.RegisterError(opts.RegisterPath, err, "ImportRegisterHint")
		}
		iopts.Register = reg
	}
	res, findings, err := orgimport.Import(opts.ConfigPath, cfg, opts.File, table, iopts)
	switch {
	case errors.Is(err, orgimport.ErrCannotEdit):
		return cmdutil.NewUserError("ImportCannotEdit", map[string]any{"File": opts.ConfigPath}, err)
	case err != nil:
		return fmt.Errorf("import: %w", err)
	}
	cmdutil.WriteFindings(opts.IO.ErrOut, l, findings, opts.IO.ErrColor)
	if res == nil {
		id := "ImportNothingWritten"
		for _, f := range findings {
			if f.Location.File == opts.ConfigPath && f.Severity == domain.SeverityError {
				id = "ImportFixConfig"
			}
		}
		fmt.Fprintln(opts.IO.ErrOut, "malarbete: "+l.T(id, nil))
		return cmdutil.ErrInputs
	}
	out := opts.IO.Out
	if opts.IO.Quiet {
		out = io.Discard
	}
	writeSummary(out, l, opts, res)
	switch {
	case !res.Changed():
		cmdutil.Say(out, l, "ImportNoChanges", map[string]any{"File": opts.ConfigPath})
		return nil
	case opts.DryRun:
		fmt.Fprintln(out, l.T("ImportDryRunDone", nil))
		return nil
	}
	backup, err := write(path, cfg, res.Output, opts.Now())
	if err != nil {
		return err
	}
	cmdutil.Say(out, l, "ImportWrote", map[string]any{"File": opts.ConfigPath, "Backup": backup})
	return nil
}

func orDefault(l domain.Lang) domain.Lang {
	if l.Valid() {
		return l
	}
	return domain.Swedish
}

// writeSummary prints what was read and the list of changes.
func writeSummary(w io.Writer, l *i18n.Localizer, opts *ImportOptions, res *orgimport.Result) {
	cmdutil.SayN(w, l, "ImportRead", res.Rows, map[string]any{"File": opts.File, "Encoding": res.Table.Encoding, "HeaderRow": res.Header.Row})
	var cols []string
	for _, f := range orgimport.Fields {
		if c, ok := res.Header.Columns[f]; ok {
			cols = append(cols, c.Header+" → "+string(f))
		}
	}
	fmt.Fprintln(w, "  "+l.T("ImportColumns", cmdutil.PrintableData(map[string]any{"Columns": strings.Join(cols, ", ")})))
	if len(res.Header.Unused) > 0 {
		fmt.Fprintln(w, "  "+l.T("ImportUnusedColumns", cmdutil.PrintableData(map[string]any{"Columns": strings.Join(res.Header.Unused, ", ")})))
	}
	if len(res.Changes) == 0 && res.Codes == 0 {
		return
	}
	title := "ImportChangesTitle"
	switch {
	case !res.Changed():
		// Only what the export lacks, which changes nothing.
		title = "ImportKeptTitle"
	case opts.DryRun:
		title = "ImportChangesDryRunTitle"
	}
	cmdutil.Say(w, l, title, map[string]any{"File": opts.ConfigPath})
	removed := false
	for _, c := range res.Changes {
		fmt.Fprintln(w, "  "+l.T(changeMessage(c), cmdutil.PrintableData(map[string]any{
			"Name": c.Name, "ID": c.ID, "Old": c.Old, "Parent": c.Parent, "Row": c.Row, "Column": c.Column})))
		removed = removed || c.Kind == orgimport.Removed
	}
	if res.Codes > 0 {
		fmt.Fprintln(w, "  "+l.N("ImportCodes", res.Codes, nil))
	}
	if removed && opts.RegisterPath == "" {
		fmt.Fprintln(w, l.T("ImportPruneHint", nil))
	}
}

// changeMessage is the catalogue id of a change: ImportChange, its kind
// and its level ("ImportChangeAddedUnit").
func changeMessage(c orgimport.Change) string {
	kind := map[orgimport.ChangeKind]string{
		orgimport.Added: "Added", orgimport.Renamed: "Renamed", orgimport.Moved: "Moved",
		orgimport.Removed: "Removed", orgimport.KeptGoals: "KeptGoals", orgimport.Absent: "Absent",
	}
	switch c.Kind {
	case orgimport.NewManager:
		return "ImportChangeNewManager"
	case orgimport.NewEmail:
		return "ImportChangeNewEmail"
	case orgimport.NewLeader:
		return "ImportChangeNewLeader"
	}
	level := map[orgimport.Level]string{orgimport.LevelDepartment: "Department", orgimport.LevelUnit: "Unit", orgimport.LevelTeam: "Team"}
	return "ImportChange" + kind[c.Kind] + level[c.Level]
}

// write replaces the config at path with data, after a backup of before
// beside it. It refuses when the file changed since it was read (another
// import, or HR saving in an editor), so that no one's change is lost.
func write(path string, before, data []byte, now time.Time) (string, error) {
	current, err := os.ReadFile(path)
	if err != nil {
		return "", cmdutil.NewUserError("ImportCannotRead", map[string]any{"File": path}, err)
	}
	if !bytes.Equal(current, before) {
		return "", cmdutil.NewUserError("ImportConfigChanged", map[string]any{"File": path}, nil)
	}
	perm := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		perm = st.Mode().Perm()
	}
	backup, err := writeBackup(path, before, perm, now)
	if err != nil {
		return "", err
	}
	if err := atomicfile.WriteFile(path, data, atomicfile.Options{Overwrite: true, Perm: perm}); err != nil {
		return "", cmdutil.NewUserError("ImportWriteFailed", map[string]any{"File": path}, err)
	}
	return backup, nil
}

// writeBackup writes organisation.yaml.YYYYMMDD-HHMMSS.bak, never over an
// earlier backup: a second import in the same second gets -2.
func writeBackup(path string, data []byte, perm os.FileMode, now time.Time) (string, error) {
	base := path + "." + now.Format("20060102-150405")
	for n := 1; n < 100; n++ {
		name := base + ".bak"
		if n > 1 {
			name = base + "-" + strconv.Itoa(n) + ".bak"
		}
		err := atomicfile.WriteFile(name, data, atomicfile.Options{Perm: perm})
		if err == nil {
			return name, nil
		}
		if !errors.Is(err, atomicfile.ErrExists) {
			return "", cmdutil.NewUserError("ImportWriteFailed", map[string]any{"File": name}, err)
		}
	}
	return "", cmdutil.NewUserError("ImportWriteFailed", map[string]any{"File": base + ".bak"}, atomicfile.ErrExists)
}
