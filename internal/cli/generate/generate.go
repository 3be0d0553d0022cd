// Package generate implements "malarbete generate -o DIR": one pre-filled
// workbook per unit (or per team), in a folder per department, and a
// manifest.csv for HR's mail merge.
package generate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/calendar"
	"github.com/malarbete/malarbete/internal/cli/cmdutil"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/filename"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/register"
	"github.com/malarbete/malarbete/internal/signature"
	"github.com/malarbete/malarbete/internal/workbook"
)

// Values of --per.
const (
	PerUnit = "unit"
	PerTeam = "team"
)

// perIndividual plans the individual goals workbooks: one per team, none
// for a unit without teams.
const perIndividual = "individual"

// ManifestFile is the name of the manifest written beside the workbooks.
const ManifestFile = "manifest.csv"

// GenerateOptions are the inputs of the generate command.
type GenerateOptions struct {
	// Ctx is the command's context; Ctrl-C ends it.
	Ctx       context.Context
	IO        *cmdutil.IOStreams
	Now       func() time.Time
	Config    func() (*domain.Organisation, error)
	Localizer func() *i18n.Localizer
	Catalogue *i18n.Catalogue
	// Key loads the organisation's signing key, making it the first time
	// (Factory.SigningKey); nil writes unsigned workbooks.
	Key func(create bool) (signature.Key, bool, error)

	// OutputDir is -o/--output.
	OutputDir string
	// Per is --per: "unit" or "team".
	Per string
	// Units is --units: only these units; empty means all.
	Units []string
	// Teams is --teams: a team workbook for just these teams, e.g. teams
	// added after the send-out; empty means every team.
	Teams []string
	// Force is --force: replace existing files.
	Force bool
	// Date is --date (YYYY-MM-DD): fixes every timestamp in the files;
	// empty means today.
	Date string
	// Round is --round: empty means the first round.
	Round string
	// Register is --register: the register that follow-up workbooks are
	// pre-filled from.
	Register string
	// Individual is --individual: one individual goals workbook per team,
	// pre-filled from the register.
	Individual bool
	// Workers bounds the parallel writers; 0 means runtime.NumCPU().
	Workers int
}

// NewCmdGenerate returns the generate command; runF replaces the run in
// tests.
func NewCmdGenerate(f *cmdutil.Factory, runF func(*GenerateOptions) error) *cobra.Command {
	opts := &GenerateOptions{IO: f.IO, Now: f.Now, Config: f.Config, Localizer: f.Localizer, Catalogue: f.Catalogue, Key: f.SigningKey}
	l := f.Localizer()
	cmd := &cobra.Command{
		Use:     l.T("GenerateUse", nil),
		Short:   l.T("GenerateShort", nil),
		Long:    l.T("GenerateLong", nil),
		Example: l.T("GenerateExample", nil),
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			if opts.OutputDir == "" {
				return cmdutil.FlagErrorf("%s", l.T("GenerateOutputRequired", nil))
			}
			if opts.Per != PerUnit && opts.Per != PerTeam {
				return cmdutil.FlagErrorf("%s", l.T("GenerateBadPer", map[string]any{"Value": opts.Per}))
			}
			if len(opts.Units) > 0 && len(opts.Teams) > 0 {
				return cmdutil.FlagErrorf("%s", l.T("GenerateUnitsAndTeams", nil))
			}
			if opts.Individual && opts.Register == "" {
				return cmdutil.FlagErrorf("%s", l.T("GenerateIndividualNeedsRegister", nil))
			}
			if err := cmdutil.CheckDateFlag(l, opts.Date); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runGenerate(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.OutputDir, "output", "o", "", l.T("GenerateFlagOutput", nil))
	fl.StringVar(&opts.Per, "per", PerUnit, l.T("GenerateFlagPer", nil))
	fl.StringSliceVar(&opts.Units, "units", nil, l.T("GenerateFlagUnits", nil))
	fl.StringSliceVar(&opts.Teams, "teams", nil, l.T("GenerateFlagTeams", nil))
	fl.BoolVar(&opts.Force, "force", false, l.T("GenerateFlagForce", nil))
	fl.StringVar(&opts.Date, "date", "", l.T("GenerateFlagDate", nil))
	fl.StringVar(&opts.Round, "round", "", l.T("GenerateFlagRound", nil))
	fl.StringVar(&opts.Register, "register", "", l.T("GenerateFlagRegister", nil))
	fl.BoolVar(&opts.Individual, "individual", false, l.T("GenerateFlagIndividual", nil))
	return cmd
}

// job is one workbook to write.
type job struct {
	unit domain.Unit
	team *domain.Team
	dept domain.Department
	// rel is the path below the output folder, with forward slashes.
	rel string
}

func runGenerate(opts *GenerateOptions) error {
	if opts.Ctx == nil {
		opts.Ctx = context.Background()
	}
	org, err := opts.Config()
	if err != nil {
		return err
	}
	round := ""
	if len(org.Rounds) > 0 {
		round = org.Rounds[0].ID
	}
	if opts.Round != "" {
		if _, ok := org.Round(opts.Round); !ok {
			return cmdutil.NewUserError("GenerateUnknownRound", map[string]any{"Round": opts.Round}, nil)
		}
		round = opts.Round
	}
	reg, err := loadRegister(opts.Register, org)
	if err != nil {
		return err
	}
	if reg != nil {
		// The follow-up workbooks follow the config's reorganisations: a
		// merged unit's workbook holds both units' goals, a moved team's
		// goals are in its new unit's workbook.
		register.Reorganise(reg, org, round)
	}
	if round != "" && !org.IsPlanning(round) && reg == nil {
		// A follow-up workbook shows the goals set before; without the
		// register there is nothing to follow up.
		return cmdutil.NewUserError("GenerateFollowUpNeedsRegister", map[string]any{"Round": round}, nil)
	}
	date := cmdutil.DateOr(opts.Date, opts.Now)
	units, err := selectUnits(org, opts.Units)
	if err != nil {
		return err
	}
	teams, err := selectTeams(org, opts.Teams)
	if err != nil {
		return err
	}
	if teams != nil {
		units = slices.DeleteFunc(units, func(u domain.Unit) bool { return !teams.units[u.ID] })
	}
	l := opts.Localizer()
	if reg != nil && (opts.Individual || round != "" && !org.IsPlanning(round)) {
		if units, err = withRecords(opts, org, reg, units, round, l); err != nil {
			return err
		}
	}
	cat := opts.Catalogue
	// --lang wins over the config's language; the reader accepts either.
	lang := opts.Localizer().Lang()
	wl := cat.Localizer(lang)
	per := opts.Per
	if opts.Individual {
		per = perIndividual
	}
	jobs, collisions := plan(org, units, teams, per, round, wl)
	for _, c := range collisions {
		cmdutil.Say(opts.IO.ErrOut, l, "GenerateNameCollision", map[string]any{"File": c})
	}

	// The set is written into a staging folder and moved into place when
	// whole, so that Ctrl-C or a killed run leaves no partial set.
	set, err := atomicfile.NewFolder(opts.OutputDir)
	if err != nil {
		return cmdutil.CreateFolderFailed(opts.OutputDir, err)
	}
	defer set.Abort()
	extra := []string{ManifestFile}
	r, _ := org.Round(round)
	if r.Meeting != nil && !opts.Individual {
		// The round's meeting as a calendar invitation beside the
		// workbooks, for HR's send-out (mail attaches it too).
		extra = append(extra, calendar.FileName(r))
	}
	if err := checkTargets(opts, jobs, extra, set); err != nil {
		return err
	}
	wopts := workbook.Options{Round: round, Lang: lang, Date: date, Catalogue: cat, Individual: opts.Individual}
	if opts.Key != nil {
		key, _, err := opts.Key(true)
		if err != nil {
			return err
		}
		wopts.Key = key
	}
	if err := writeAll(opts, org, reg, jobs, wopts, l, set); err != nil {
		return err
	}
	if err := writeManifest(opts, org, jobs, round, wl, set); err != nil {
		return err
	}
	if r.Meeting != nil && !opts.Individual {
		if err := writeInvitation(opts, org, r, date, set); err != nil {
			return err
		}
	}
	if err := opts.Ctx.Err(); err != nil {
		return err
	}
	rels := extra
	for _, j := range jobs {
		rels = append(rels, j.rel)
	}
	if err := set.Commit(rels, opts.Force); err != nil {
		if errors.Is(err, atomicfile.ErrExists) {
			return cmdutil.NewUserError("GenerateExists", map[string]any{"Path": opts.OutputDir}, err)
		}
		return cmdutil.WriteFailed(opts.OutputDir, err)
	}
	if !opts.IO.Quiet {
		cmdutil.SayN(opts.IO.Out, l, "GenerateWrote", len(jobs), map[string]any{"Dir": opts.OutputDir})
	}
	return nil
}

// lowerFirst lowers a round's name's first letter for the middle of a file
// name: "Uppföljning april" → "uppföljning april".
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// writeInvitation writes the round's meeting as an .ics (RFC 5545) into
// the set, stamped with the generation date so that the same inputs give
// the same bytes, and a re-sent invitation updates the same event (its UID
// is the organisation's and the round's).
func writeInvitation(opts *GenerateOptions, org *domain.Organisation, r domain.Round, date domain.Date, set *atomicfile.Folder) error {
	name := calendar.FileName(r)
	data, err := calendar.Invitation(org, r, date.Time())
	if err != nil {
		return fmt.Errorf("invitation: %w", err)
	}
	path, err := set.Path(name)
	if err != nil {
		return cmdutil.WriteFailed(filepath.Join(opts.OutputDir, name), err)
	}
	if err := atomicfile.Write(path, atomicfile.Options{}, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}); err != nil {
		return cmdutil.WriteFailed(filepath.Join(opts.OutputDir, name), err)
	}
	return nil
}

// loadRegister reads --register; it must be of the config's organisation
// and period.
func loadRegister(path string, org *domain.Organisation) (*domain.Register, error) {
	if path == "" {
		return nil, nil
	}
	reg, err := register.ReadFor(path, org)
	if err != nil {
		return nil, cmdutil.RegisterError(path, err, "RegisterHintFlag")
	}
	return reg, nil
}

// withRecords keeps the units that the register has a record of. A unit
// without one has no goals to follow up (its planning workbook was never
// collected): it is named once on stderr and gets no workbook, so that HR
// can send the others now and chase that unit. When no unit is left there
// is nothing to generate, which is an error.
func withRecords(opts *GenerateOptions, org *domain.Organisation, reg *domain.Register, units []domain.Unit, round string, l *i18n.Localizer) ([]domain.Unit, error) {
	var kept []domain.Unit
	var lacking []string
	for _, u := range units {
		if _, ok := reg.Unit(u.ID); ok {
			kept = append(kept, u)
		} else {
			lacking = append(lacking, u.Name)
		}
	}
	name := round
	if r, ok := org.Round(round); ok && r.Name != "" {
		name = r.Name
	}
	data := map[string]any{"Path": opts.Register, "Round": name}
	if len(kept) == 0 {
		return nil, cmdutil.NewUserError("GenerateRegisterNoUnits", data, nil)
	}
	if len(lacking) > 0 {
		data["Units"] = strings.Join(lacking, ", ")
		cmdutil.SayN(opts.IO.ErrOut, l, "GenerateRegisterLacksUnits", len(lacking), data)
	}
	return kept, nil
}

// selectUnits returns the units named by --units in config order, or all.
func selectUnits(org *domain.Organisation, ids []string) ([]domain.Unit, error) {
	if len(ids) == 0 {
		return org.Units, nil
	}
	want := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if _, ok := org.Unit(id); !ok {
			return nil, cmdutil.NewUserError("GenerateUnknownUnit", map[string]any{"Unit": id}, nil)
		}
		want[id] = true
	}
	var us []domain.Unit
	for _, u := range org.Units {
		if want[u.ID] {
			us = append(us, u)
		}
	}
	return us, nil
}

// teamSelection is what --teams asks for: the teams and their units.
type teamSelection struct {
	teams, units map[string]bool
}

// selectTeams returns the teams named by --teams, or nil for every team.
func selectTeams(org *domain.Organisation, ids []string) (*teamSelection, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	sel := &teamSelection{teams: map[string]bool{}, units: map[string]bool{}}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		t, ok := org.Team(id)
		if !ok {
			return nil, cmdutil.NewUserError("GenerateUnknownTeam", map[string]any{"Team": id}, nil)
		}
		sel.teams[t.ID], sel.units[t.Unit] = true, true
	}
	return sel, nil
}

// plan names every workbook: a folder per department, a file named after
// the unit (and team) and the period. Names that collide on a
// case-insensitive file system get a number, and are reported. With
// teams, only those teams get a workbook, each its own.
func plan(org *domain.Organisation, units []domain.Unit, teams *teamSelection, per, round string, l *i18n.Localizer) ([]job, []string) {
	var (
		jobs       []job
		collisions []string
		seen       filename.Set
	)
	add := func(j job, base string) {
		folder := filename.Safe(j.dept.Name, "")
		if j.dept.Name == "" {
			folder = filename.Safe(j.unit.Department, "")
		}
		name := filename.Safe(base, ".xlsx")
		rel := folder + "/" + name
		unique := seen.Unique(rel, ".xlsx")
		if unique != rel {
			collisions = append(collisions, unique)
		}
		j.rel = unique
		jobs = append(jobs, j)
	}
	// A follow-up round's workbooks are named by the round, so that a
	// manager cannot return last round's file by mistake.
	roundName := ""
	if r, ok := org.Round(round); ok && !org.IsPlanning(round) && r.Name != "" {
		roundName = lowerFirst(r.Name)
	}
	period := org.Period
	if roundName != "" && strings.Contains(roundName, period) {
		period = ""
	}
	for _, u := range units {
		dept, _ := org.Department(u.Department)
		data := map[string]any{"Unit": u.Name, "Period": period, "Round": roundName}
		// A unit without teams gets its unit workbook also when the
		// workbooks go out per team: its own goals are followed up too.
		if teams == nil && per != perIndividual && (per == PerUnit || len(org.TeamsOf(u.ID)) == 0) {
			add(job{unit: u, dept: dept}, l.T("GenerateFileUnit", data))
			continue
		}
		for _, t := range org.TeamsOf(u.ID) {
			if teams != nil && !teams.teams[t.ID] {
				continue
			}
			t := t
			data["Team"] = t.Name
			file := "GenerateFileTeam"
			if per == perIndividual {
				// Named by the period: the talk's workbook is the year's.
				file = "GenerateFileIndividual"
				data["Period"] = org.Period
			}
			add(job{unit: u, team: &t, dept: dept}, l.T(file, data))
		}
	}
	return jobs, collisions
}

// checkTargets refuses to start when outputs exist and --force is not
// given, so that a run never stops half way over existing files. Files
// that a killed run left while moving its set into place are not in the
// way: this run finishes that set.
func checkTargets(opts *GenerateOptions, jobs []job, extra []string, set *atomicfile.Folder) error {
	if opts.Force {
		return nil
	}
	rels := slices.Clone(extra)
	for _, j := range jobs {
		rels = append(rels, j.rel)
	}
	var existing []string
	for _, rel := range rels {
		p := filepath.Join(opts.OutputDir, filepath.FromSlash(rel))
		if _, err := os.Lstat(p); err == nil && !set.Leftover(rel) {
			existing = append(existing, p)
		}
	}
	if len(existing) > 0 {
		return cmdutil.NewUserError("GenerateExists", map[string]any{"Path": existing[0]}, atomicfile.ErrExists)
	}
	return nil
}

// writeAll writes the workbooks with a bounded pool of workers; the first
// failure stops handing out work.
func writeAll(opts *GenerateOptions, org *domain.Organisation, reg *domain.Register, jobs []job, wopts workbook.Options, l *i18n.Localizer, set *atomicfile.Folder) error {
	n := opts.Workers
	if n <= 0 {
		n = runtime.NumCPU()
	}
	n = min(n, max(len(jobs), 1))
	bar := newProgress(opts.IO, len(jobs), l)
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	work := make(chan job)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				err := writeOne(opts, org, reg, j, wopts, set)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
				bar.step()
			}
		}()
	}
	for _, j := range jobs {
		mu.Lock()
		stop := firstErr != nil
		mu.Unlock()
		if stop || opts.Ctx.Err() != nil {
			break
		}
		work <- j
	}
	close(work)
	wg.Wait()
	bar.done()
	return firstErr
}

func writeOne(opts *GenerateOptions, org *domain.Organisation, reg *domain.Register, j job, wopts workbook.Options, set *atomicfile.Folder) error {
	wopts.Unit = j.unit.ID
	if reg != nil {
		if rec, ok := reg.Unit(j.unit.ID); ok {
			wopts.Record = rec
		}
	}
	if j.team != nil {
		wopts.Team = j.team.ID
	}
	path, err := set.Path(j.rel)
	if err == nil {
		_, err = workbook.WriteFile(path, org, wopts, atomicfile.Options{})
	}
	if err != nil {
		return cmdutil.WriteFailed(filepath.Join(opts.OutputDir, filepath.FromSlash(j.rel)), err)
	}
	return nil
}
