package workbook

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	malarbete "github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/signature"
)

// Options control how a workbook is written.
type Options struct {
	// Unit is the ID of the unit the workbook is for.
	Unit string
	// Team, when set, makes a team workbook (scope team) for that team of
	// Unit; empty makes a unit workbook with every team of the unit.
	Team string
	// Individual, with Team, makes the team's individual goals workbook
	// (scope individual) for the development talk.
	Individual bool
	// Round is the round's ID; empty means the first round.
	Round string
	// Lang is the workbook's language; empty means the organisation's,
	// then Swedish.
	Lang domain.Lang
	// Date fixes every timestamp in the file so that the same inputs give
	// the same bytes; zero means the organisation's PeriodStart.
	Date domain.Date
	// Catalogue holds the texts; nil means the embedded catalogues.
	Catalogue *i18n.Catalogue
	// Layout is the layout to follow; nil means DefaultLayout.
	Layout *Layout
	// Record is the unit's record in the register, for follow-up rounds
	// and team workbooks: its unit goals and current team goals are
	// pre-filled and locked. Nil means only the config's preset goals.
	Record *domain.UnitRecord
	// Key signs the identity (sign.go); the zero Key leaves the workbook
	// unsigned, which a reader with a key refuses.
	Key signature.Key
}

var (
	catOnce sync.Once
	catVal  *i18n.Catalogue
	catErr  error
)

// DefaultCatalogue returns the catalogues embedded in the binary, loaded
// once.
func DefaultCatalogue() (*i18n.Catalogue, error) {
	catOnce.Do(func() { catVal, catErr = i18n.Load(malarbete.Locales) })
	return catVal, catErr
}

// WriteFile writes the workbook to path atomically; file says whether an
// existing file may be replaced.
func WriteFile(path string, org *domain.Organisation, opts Options, file atomicfile.Options) (domain.Identity, error) {
	var id domain.Identity
	err := atomicfile.Write(path, file, func(w io.Writer) error {
		var err error
		id, err = Write(w, org, opts)
		return err
	})
	return id, err
}

// Write writes the workbook of opts.Unit (or opts.Team) to w and returns
// the identity it carries.
func Write(w io.Writer, org *domain.Organisation, opts Options) (domain.Identity, error) {
	wr, err := newWriter(org, opts)
	if err != nil {
		return domain.Identity{}, err
	}
	defer wr.f.Close()
	if err := wr.build(); err != nil {
		return domain.Identity{}, fmt.Errorf("build workbook for unit %s: %w", opts.Unit, err)
	}
	if _, err := wr.f.WriteTo(w); err != nil {
		return domain.Identity{}, fmt.Errorf("write workbook for unit %s: %w", opts.Unit, err)
	}
	return wr.id, nil
}

// writer builds one workbook.
type writer struct {
	f        *excelize.File
	cat      *i18n.Catalogue
	org      *domain.Organisation
	lay      *Layout
	l        *i18n.Localizer
	unit     domain.Unit
	dept     domain.Department
	teams    []domain.Team
	round    domain.Round
	planning bool
	scope    domain.Scope
	date     domain.Date
	st       styles
	id       domain.Identity
	content  content
	// sheet maps layout keys to sheet names; teamSheet holds the team
	// sheets' names in team order.
	sheet     map[string]string
	teamSheet []string
	// listRef maps a list to the defined name the drop-downs use.
	listRef map[string]string
	// teamGoals holds the pre-filled goals of each team by slot.
	teamGoals map[string]map[int]domain.TeamGoal
	// record is Options.Record: the history the previous round's rows
	// are taken from.
	record *domain.UnitRecord
	// shown gives the labels of choices and links.
	shown *shown
	// instructionsHash is the hash of the instructions sheet's texts.
	instructionsHash string
	// key is Options.Key.
	key signature.Key
}

func newWriter(org *domain.Organisation, opts Options) (*writer, error) {
	lay := opts.Layout
	if lay == nil {
		var err error
		if lay, err = DefaultLayout(); err != nil {
			return nil, err
		}
	}
	cat := opts.Catalogue
	if cat == nil {
		var err error
		if cat, err = DefaultCatalogue(); err != nil {
			return nil, err
		}
	}
	unit, ok := org.Unit(opts.Unit)
	if !ok {
		return nil, fmt.Errorf("unit %q: %w", opts.Unit, ErrUnknownUnit)
	}
	w := &writer{
		org: org, lay: lay, unit: unit, scope: domain.ScopeUnit,
		content: content{}, sheet: map[string]string{}, listRef: map[string]string{},
	}
	w.dept, _ = org.Department(unit.Department)
	w.teamGoals = map[string]map[int]domain.TeamGoal{}
	w.record, w.key = opts.Record, opts.Key
	if rec := opts.Record; rec != nil {
		if len(rec.Goals) > 0 {
			// The register's current goals take the place of the config's
			// presets: they are what the unit decided.
			w.unit.Goals = nil
			for _, g := range rec.Goals {
				if g.ReplacedIn == "" {
					w.unit.Goals = append(w.unit.Goals, g)
				}
			}
		}
		for _, tg := range rec.Teams {
			for _, g := range tg.Goals {
				if g.ReplacedIn != "" || g.Slot < 1 {
					continue // replaced by a revision with the same slot
				}
				if w.teamGoals[tg.Team] == nil {
					w.teamGoals[tg.Team] = map[int]domain.TeamGoal{}
				}
				w.teamGoals[tg.Team][g.Slot] = g
			}
		}
	}
	w.teams = org.TeamsOf(unit.ID)
	if opts.Team != "" {
		var team []domain.Team
		for _, t := range w.teams {
			if t.ID == opts.Team {
				team = append(team, t)
			}
		}
		if len(team) == 0 {
			return nil, fmt.Errorf("team %q of unit %q: %w", opts.Team, unit.ID, ErrUnknownTeam)
		}
		w.teams, w.scope = team, domain.ScopeTeam
		if opts.Individual {
			w.scope = domain.ScopeIndividual
		}
	} else if opts.Individual {
		return nil, fmt.Errorf("individual workbook of unit %q: %w", unit.ID, ErrUnknownTeam)
	}
	switch {
	case opts.Round != "":
		r, ok := org.Round(opts.Round)
		if !ok {
			return nil, fmt.Errorf("round %q: %w", opts.Round, ErrUnknownRound)
		}
		w.round = r
	case len(org.Rounds) > 0:
		w.round = org.Rounds[0]
	default:
		w.round = domain.Round{ID: domain.PlanRound}
	}
	w.planning = len(org.Rounds) == 0 || org.IsPlanning(w.round.ID)
	lang := opts.Lang
	if !lang.Valid() {
		lang = org.Language
	}
	if !lang.Valid() {
		lang = domain.Swedish
	}
	w.l, w.cat = cat.Localizer(lang), cat
	w.shown = w.newShown()
	w.date = opts.Date
	if w.date.IsZero() {
		w.date = org.PeriodStart
	}
	if w.date.IsZero() {
		w.date = domain.NewDate(2000, time.January, 1)
	}
	w.f = excelize.NewFile()
	return w, nil
}

// newShown returns the labels of the writer's unit: the unit goals'
// texts are the pre-filled goals', team goals are never shown by label.
func (w *writer) newShown() *shown {
	ids := unitGoalIDs(w.org, w.unit)
	teams := w.teams
	if w.individual() {
		// The criteria notes it shows link to any team of the unit.
		teams = w.org.TeamsOf(w.unit.ID)
	}
	return &shown{
		l: w.l, org: w.org, dept: w.dept, teams: teams, unitGoalIDs: ids,
		unitGoalText: func(id string) string {
			if i := slices.Index(ids, id); i >= 0 && i < len(w.unit.Goals) {
				return w.unit.Goals[i].Text
			}
			return ""
		},
		teamGoalText: func(id string) string {
			// The slot's current goal: a link to a goal revised since
			// shows the revision, as the live label does.
			if team, slot, ok := domain.ParseTeamGoalID(domain.RevisionBase(id)); ok {
				return w.teamGoals[team][slot].What
			}
			return ""
		},
	}
}

func (w *writer) build() error {
	var err error
	if w.st, err = newStyles(w.f); err != nil {
		return err
	}
	if err := w.nameSheets(); err != nil {
		return err
	}
	// The lists come first: the drop-downs of the sheets refer to them.
	steps := []func() error{
		w.lists, w.instructions, w.hierarchy, w.unitGoals, w.unitFollowUp, w.teamSheets, w.criteria,
		w.identity, w.properties,
	}
	if w.individual() {
		steps = []func() error{
			w.lists, w.instructions, w.hierarchy, w.teamGoalsShown, w.contributions, w.criteria,
			w.identity, w.properties,
		}
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	for _, name := range w.visibleSheets() {
		if err := w.protect(name); err != nil {
			return err
		}
	}
	// The structure too, without a password like the sheets: no sheet is
	// renamed, moved or deleted by mistake.
	if err := w.f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true}); err != nil {
		return fmt.Errorf("protect workbook: %w", err)
	}
	w.f.SetActiveSheet(0)
	return nil
}

// nameSheets creates the sheets in their order: instructions, hierarchy,
// unit goals, one per team, criteria, then the hidden identity sheet.
func (w *writer) nameSheets() error {
	// Excel reserves "History" for change tracking.
	used := map[string]bool{strings.ToLower(w.lay.IdentitySheet): true, "history": true}
	take := func(name string) string {
		name = sheetName(name)
		base, n := name, 2
		for used[strings.ToLower(name)] {
			suffix := fmt.Sprintf(" (%d)", n)
			name = truncateRunes(base, 31-len(suffix)) + suffix
			n++
		}
		used[strings.ToLower(name)] = true
		return name
	}
	for _, key := range w.sheetKeys() {
		w.sheet[key] = take(w.l.T(w.lay.Sheet(key).Title, nil))
	}
	if !w.individual() {
		for _, t := range w.teams {
			w.teamSheet = append(w.teamSheet, take(t.Name))
		}
	}
	order := append(w.visibleSheets(), w.lay.IdentitySheet)
	if err := w.f.SetSheetName("Sheet1", order[0]); err != nil {
		return fmt.Errorf("name sheet: %w", err)
	}
	for _, name := range order[1:] {
		if _, err := w.f.NewSheet(name); err != nil {
			return fmt.Errorf("new sheet %q: %w", name, err)
		}
	}
	return nil
}

// unitSheet is the layout key of the unit's goals: a table to fill in
// the planning round, the goals as columns with their review after.
func (w *writer) unitSheet() string {
	if w.planning {
		return SheetUnitGoals
	}
	return SheetUnitFollowUp
}

// visibleSheets returns the names of the visible sheets in their order:
// the team sheets stand before the last (the criteria).
func (w *writer) visibleSheets() []string {
	keys := w.sheetKeys()
	var names []string
	for _, key := range keys[:len(keys)-1] {
		names = append(names, w.sheet[key])
	}
	names = append(names, w.teamSheet...)
	return append(names, w.sheet[keys[len(keys)-1]])
}

// textKey identifies a text without data in one catalogue and language.
type textKey struct {
	cat  *i18n.Catalogue
	lang domain.Lang
	id   string
}

// texts caches texts without data: every workbook repeats the same
// headers and hints, and templating them each time costs.
var texts sync.Map

// t returns the text of message id, without data, in the workbook's
// language.
func (w *writer) t(id string) string {
	k := textKey{w.cat, w.l.Lang(), id}
	if v, ok := texts.Load(k); ok {
		return v.(string)
	}
	v := w.l.T(id, nil)
	texts.Store(k, v)
	return v
}
