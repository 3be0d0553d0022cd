package register

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/malarbete/malarbete/internal/domain"
)

// Accepted is one workbook ready to merge: what the reader found in it,
// where it came from and what validation said. Submission is nil when the
// file could not be read at all.
type Accepted struct {
	Submission *domain.Submission
	// Source is the provenance; Merge fills Round, Unit, Team,
	// TemplateVersion and Errors from the submission and findings.
	Source   domain.Provenance
	Findings domain.Findings
	// Content, when set, gives the whole submission when it is merged;
	// Submission then holds only its identity and Saved, which is all
	// the duplicate rule needs. A large batch keeps its content on disk
	// this way (Spool).
	Content func() (*domain.Submission, error)
	// order is the workbook's place among those merged.
	order int
}

// MergeOptions control a merge.
type MergeOptions struct {
	// Round is the round being collected. Required.
	Round string
	// IncludeInvalid keeps workbooks with errors, marking their records
	// Invalid, instead of leaving them out.
	IncludeInvalid bool
}

// Duplicate is a workbook left out because another one for the same unit
// (or team) and round won by the duplicate rule.
type Duplicate struct {
	Kept    domain.Provenance
	Dropped domain.Provenance
}

// Result tells what a merge did, for the command to report.
type Result struct {
	// Merged lists the workbooks that went into the register.
	Merged []domain.Provenance
	// Rejected lists the workbooks of this batch left out: unreadable,
	// with errors (without IncludeInvalid), or of another organisation,
	// period or round.
	Rejected []domain.Provenance
	// Duplicates lists the workbooks that lost to another for the same
	// unit or team.
	Duplicates []Duplicate
	// Missing lists the units, in config order, of which the register
	// now has nothing for the round.
	Missing []string
	// Changes lists the reorganisations the register followed in this
	// merge.
	Changes []domain.Change
}

// Merge adds the workbooks of one round to reg.
//
// Earlier rounds are never changed: a follow-up round adds a Review to
// each goal and, for a revised goal, a new TeamGoal whose Replaces names
// the old goal, which gets ReplacedIn. Collecting the latest round again
// replaces, unit by unit (or team by team for team workbooks), what the
// earlier collection of that round wrote; units not in the batch keep it.
// Collecting a round before the latest one is refused with ErrRoundOrder.
//
// Two workbooks for the same unit (or the same team, for team workbooks)
// in one batch are resolved by the duplicate rule, the first difference
// deciding:
//  1. the one with fewer errors wins (a valid workbook beats an invalid one);
//  2. then the one saved last, by its own document properties (a corrected
//     version beats the first one);
//  3. then the one given later: subs are in the order the files were given.
//
// The rule never looks at file dates, which e-mail and copying change.
// The losers are reported in Result.Duplicates.
func Merge(reg *domain.Register, org *domain.Organisation, subs []Accepted, opts MergeOptions) (*Result, error) {
	ord, err := begin(reg, org, opts)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	// The register follows the config's reorganisations first, so that
	// this round's workbooks land where their units and teams are now.
	res.Changes = Reorganise(reg, org, opts.Round)
	groups, keys := group(subs, org, ord, opts, res)
	for _, k := range keys {
		a := groups[k][0]
		if err := applyAccepted(reg, &a, opts.Round, org); err != nil {
			return nil, err
		}
		res.Merged = append(res.Merged, a.Source)
	}
	// What this round's workbooks brought of teams that have moved or
	// left since they were sent out.
	res.Changes = append(res.Changes, Reorganise(reg, org, opts.Round)...)
	s := newSeen()
	sortUnits(reg, ord)
	for i := range reg.Units {
		finishUnit(&reg.Units[i], ord, opts.Round, s)
	}
	finish(reg, org, ord, opts.Round, res, s)
	return res, nil
}

// begin checks that workbooks of opts.Round can go into reg and returns
// the config's order.
func begin(reg *domain.Register, org *domain.Organisation, opts MergeOptions) (order, error) {
	if reg.Organisation != org.ID || reg.Period != org.Period {
		return order{}, fmt.Errorf("%w: register %s %s, config %s %s", ErrOtherOrganisation,
			domain.Excerpt(reg.Organisation, 40), domain.Excerpt(reg.Period, 40), org.ID, org.Period)
	}
	ord := newOrder(org)
	if _, ok := org.Round(opts.Round); !ok {
		return order{}, fmt.Errorf("%w: %q", ErrUnknownRound, domain.Excerpt(opts.Round, 40))
	}
	if latest := reg.LatestRound(); latest != "" && ord.round(opts.Round) < ord.round(latest) {
		return order{}, fmt.Errorf("%w: %s is before %s", ErrRoundOrder, opts.Round, latest)
	}
	return ord, nil
}

// group sorts subs into groups of one unit (or team) each, the duplicate
// rule's winner first, and notes the rejected and the duplicates in res.
// The keys come in the order the winners are applied: unit workbooks
// before team workbooks of the same unit, so that a team's own workbook
// overrides the team's part of the unit's. Of each workbook group needs
// only its identity and Saved.
func group(subs []Accepted, org *domain.Organisation, ord order, opts MergeOptions, res *Result) (map[key][]Accepted, []key) {
	groups := map[key][]Accepted{}
	for i, a := range subs {
		a.Source = provenance(a, opts.Round)
		a.order = i
		if !mergeable(a, org, opts) {
			res.Rejected = append(res.Rejected, a.Source)
			continue
		}
		k := keyOf(a.Submission)
		groups[k] = append(groups[k], a)
	}
	keys := make([]key, 0, len(groups))
	for k, g := range groups {
		sort.SliceStable(g, func(i, j int) bool { return better(g[i], g[j]) })
		for _, d := range g[1:] {
			res.Duplicates = append(res.Duplicates, Duplicate{Kept: g[0].Source, Dropped: d.Source})
		}
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return ord.less(keys[i], keys[j]) })
	return groups, keys
}

// applyAccepted merges a into its unit's record in reg, loading its
// content first when it was kept aside (Accepted.Content).
func applyAccepted(reg *domain.Register, a *Accepted, round string, org *domain.Organisation) error {
	if a.Content != nil {
		s, err := a.Content()
		if err != nil {
			return err
		}
		a.Submission = s
	}
	apply(unitRecord(reg, a.Submission.Identity.Unit, org), *a, round, org)
	return nil
}

// provenance completes a's source from what was read.
func provenance(a Accepted, round string) domain.Provenance {
	p := a.Source
	p.Errors = a.Findings.Count(domain.SeverityError)
	p.ReadAt = p.ReadAt.UTC()
	p.Round = round
	if s := a.Submission; s != nil {
		p.Round = s.Identity.Round
		p.Unit = s.Identity.Unit
		p.TemplateVersion = s.Identity.TemplateVersion
		p.Saved = s.Saved
		if s.Identity.Scope == domain.ScopeTeam && len(s.Identity.Teams) == 1 {
			p.Team = s.Identity.Teams[0]
		}
	}
	return p
}

// mergeable reports whether a can go into the register: read, of this
// organisation, period and round, for a known unit, and valid unless
// invalid ones are asked for.
func mergeable(a Accepted, org *domain.Organisation, opts MergeOptions) bool {
	s := a.Submission
	if s == nil || s.Identity.Organisation != org.ID || s.Identity.Period != org.Period || s.Identity.Round != opts.Round {
		return false
	}
	if _, ok := org.Unit(s.Identity.Unit); !ok {
		return false
	}
	if s.Identity.Scope == domain.ScopeTeam && len(s.Identity.Teams) != 1 || s.Identity.Scope == domain.ScopeIndividual {
		return false // an individual goals workbook is never collected
	}
	return opts.IncludeInvalid || !a.Findings.HasErrors()
}

// key is what two workbooks must share to be duplicates: the unit, and
// the team for a team workbook.
type key struct{ unit, team string }

func keyOf(s *domain.Submission) key {
	if s.Identity.Scope == domain.ScopeTeam {
		return key{s.Identity.Unit, s.Identity.Teams[0]}
	}
	return key{s.Identity.Unit, ""}
}

// better is the duplicate rule documented on Merge.
func better(a, b Accepted) bool {
	if ea, eb := a.Source.Errors, b.Source.Errors; ea != eb {
		return ea < eb
	}
	if !a.Source.Saved.Equal(b.Source.Saved) {
		return a.Source.Saved.After(b.Source.Saved)
	}
	return a.order > b.order
}

// order ranks units, teams and rounds by their place in the config; what
// the config no longer has goes last, in name order.
type order struct {
	units, teams, rounds, criteria map[string]int
}

func newOrder(org *domain.Organisation) order {
	o := order{units: map[string]int{}, teams: map[string]int{}, rounds: map[string]int{}, criteria: map[string]int{}}
	for i, c := range org.Criteria {
		o.criteria[c.ID] = i
	}
	for i, u := range org.Units {
		o.units[u.ID] = i
	}
	for i, t := range org.Teams {
		o.teams[t.ID] = i
	}
	for i, r := range org.Rounds {
		o.rounds[r.ID] = i
	}
	return o
}

func rank(m map[string]int, id string) int {
	if i, ok := m[id]; ok {
		return i
	}
	return len(m)
}

func (o order) round(id string) int { return rank(o.rounds, id) }

// note ranks criterion notes: the config's criteria in its order, then
// the unit's own by row, each version by the round it was written in.
func (o order) note(a, b domain.CriterionNote) bool {
	ra, rb := rank(o.criteria, a.Criterion)+a.Own, rank(o.criteria, b.Criterion)+b.Own
	if ra != rb {
		return ra < rb
	}
	return o.round(a.Round) < o.round(b.Round)
}

func (o order) less(a, b key) bool {
	if ua, ub := rank(o.units, a.unit), rank(o.units, b.unit); ua != ub || a.unit != b.unit {
		if ua != ub {
			return ua < ub
		}
		return a.unit < b.unit
	}
	if a.team == "" || b.team == "" {
		return a.team == "" && b.team != ""
	}
	if ta, tb := rank(o.teams, a.team), rank(o.teams, b.team); ta != tb {
		return ta < tb
	}
	return a.team < b.team
}

// unitRecord returns the record of unit, adding it when new.
func unitRecord(reg *domain.Register, unit string, org *domain.Organisation) *domain.UnitRecord {
	if rec, ok := reg.Unit(unit); ok {
		return rec
	}
	u, _ := org.Unit(unit)
	reg.Units = append(reg.Units, domain.UnitRecord{Unit: unit, Name: u.Name, Department: u.Department})
	return &reg.Units[len(reg.Units)-1]
}

// apply merges one workbook into its unit's record.
func apply(rec *domain.UnitRecord, a Accepted, round string, org *domain.Organisation) {
	s := a.Submission
	team := a.Source.Team
	// Keep the first ReadAt of identical content, so that collecting the
	// same file again changes nothing.
	src := a.Source
	kept := rec.Sources[:0:0]
	for _, p := range rec.Sources {
		if p.Round == round && (team == "" || p.Team == team) {
			if p.SHA256 == src.SHA256 && p.File == src.File {
				src.ReadAt = p.ReadAt
			}
			continue
		}
		kept = append(kept, p)
	}
	rec.Sources = append(kept, src)
	if u, ok := org.Unit(rec.Unit); ok {
		rec.Name, rec.Department = u.Name, u.Department
	}

	if org.IsPlanning(round) {
		if team == "" {
			rec.Goals = stripped(s.UnitGoals, func(g *domain.UnitGoal) { g.Cells = nil })
			rec.Criteria = stripped(s.Criteria, func(n *domain.CriterionNote) { n.Cells, n.Round = nil, round })
			rec.EarlierCriteria = nil
			rec.Teams = nil
		}
		for _, tg := range s.Teams {
			t := teamGoals(rec, tg.Team)
			if tg.Name != "" {
				t.Name = tg.Name
			}
			t.Goals = t.Goals[:0]
			for _, g := range tg.Goals {
				g.Cells = nil
				if g.ID == "" {
					g.ID = domain.TeamGoalID(tg.Team, g.Slot)
				}
				t.Goals = append(t.Goals, g)
			}
		}
	} else {
		for _, tg := range s.Teams {
			followUp(teamGoals(rec, tg.Team), tg, round)
		}
		if team == "" {
			followUpUnit(rec, s.UnitGoals, round)
			criteriaFollowUp(rec, s.Criteria, round)
		}
	}
	// Names as the config has them now, for when it no longer does.
	for i := range rec.Teams {
		if t, ok := org.Team(rec.Teams[i].Team); ok {
			rec.Teams[i].Name = t.Name
		}
	}
	rec.Invalid = false
	for _, p := range rec.Sources {
		if p.Errors > 0 {
			rec.Invalid = true
		}
	}
}

// criteriaFollowUp keeps the notes of a follow-up round: a note that
// differs from the register's becomes the current one, written in round,
// and the one it replaces is kept among the earlier versions; an own
// criterion whose row was emptied is kept there too. Collecting the round
// again first undoes what the last collection of it did.
func criteriaFollowUp(rec *domain.UnitRecord, notes []domain.CriterionNote, round string) {
	undoCriteria(rec, round)
	at := map[string]int{}
	for i, n := range rec.Criteria {
		at[n.Key()] = i
	}
	read := map[string]bool{}
	for _, n := range notes {
		n.Cells, n.Round = nil, round
		key := n.Key()
		read[key] = true
		i, ok := at[key]
		switch {
		case !ok:
			if n.Criterion != "" || !domain.CriterionFields.Empty(&n) {
				rec.Criteria = append(rec.Criteria, n)
			}
		case !sameNote(rec.Criteria[i], n):
			old := rec.Criteria[i]
			old.ReplacedIn = round
			rec.EarlierCriteria = append(rec.EarlierCriteria, old)
			rec.Criteria[i] = n
		}
	}
	kept := rec.Criteria[:0]
	for _, n := range rec.Criteria {
		if n.Own > 0 && !read[n.Key()] {
			n.ReplacedIn = round
			rec.EarlierCriteria = append(rec.EarlierCriteria, n)
			continue
		}
		kept = append(kept, n)
	}
	rec.Criteria = kept
}

// undoCriteria takes back what collecting round did to the criteria.
func undoCriteria(rec *domain.UnitRecord, round string) {
	current := rec.Criteria[:0]
	for _, n := range rec.Criteria {
		if n.Round != round {
			current = append(current, n)
		}
	}
	earlier := rec.EarlierCriteria[:0]
	for _, n := range rec.EarlierCriteria {
		if n.ReplacedIn == round {
			n.ReplacedIn = ""
			current = append(current, n)
			continue
		}
		earlier = append(earlier, n)
	}
	rec.Criteria, rec.EarlierCriteria = current, earlier
}

// sameNote reports whether two notes of one criterion say the same.
func sameNote(a, b domain.CriterionNote) bool {
	for _, f := range domain.CriterionFields {
		if strings.TrimSpace(f.Get(&a)) != strings.TrimSpace(f.Get(&b)) {
			return false
		}
	}
	return true
}

// stripped copies xs with strip applied to each: the register keeps no
// cell positions (Cells), which only matter for findings.
func stripped[T any](xs []T, strip func(*T)) []T {
	out := make([]T, len(xs))
	for i, x := range xs {
		strip(&x)
		out[i] = x
	}
	return out
}

// teamGoals returns the record's goals of team, adding them when new.
func teamGoals(rec *domain.UnitRecord, team string) *domain.TeamGoals {
	for i := range rec.Teams {
		if rec.Teams[i].Team == team {
			return &rec.Teams[i]
		}
	}
	rec.Teams = append(rec.Teams, domain.TeamGoals{Team: team})
	return &rec.Teams[len(rec.Teams)-1]
}

// followUp adds a team's reviews of round, first undoing what an earlier
// collection of the same round added.
func followUp(t *domain.TeamGoals, tg domain.TeamGoals, round string) {
	undo(t, round)
	for _, g := range tg.Goals {
		r, ok := g.Review(round)
		target := match(t, tg.Team, g)
		if target == nil {
			// A goal the register did not have (its unit was never
			// collected in planning): keep it as read, with this review.
			g.Cells, g.Reviews = nil, nil
			if g.ID == "" {
				g.ID = domain.TeamGoalID(tg.Team, g.Slot)
			}
			t.Goals = append(t.Goals, g)
			target = &t.Goals[len(t.Goals)-1]
		}
		if !ok {
			continue
		}
		r.Round = round
		target.Reviews = append(target.Reviews, r)
		if r.Revised != nil {
			revise(t, tg.Team, target.ID, *r.Revised, round)
		}
	}
}

// undo removes what collecting round added to t: the reviews of round and
// the goals revised in it.
func undo(t *domain.TeamGoals, round string) { t.Goals = undoRound(t.Goals, teamLineage, round) }

// lineage gives the follow-up of goals of kind G the fields of their
// history.
type lineage[G any] struct {
	id, replaces, replacedIn func(*G) *string
	reviews                  func(*G) *[]domain.GoalReview[G]
}

var (
	teamLineage = lineage[domain.TeamGoal]{
		id:         func(g *domain.TeamGoal) *string { return &g.ID },
		replaces:   func(g *domain.TeamGoal) *string { return &g.Replaces },
		replacedIn: func(g *domain.TeamGoal) *string { return &g.ReplacedIn },
		reviews:    func(g *domain.TeamGoal) *[]domain.Review { return &g.Reviews },
	}
	unitLineage = lineage[domain.UnitGoal]{
		id:         func(g *domain.UnitGoal) *string { return &g.ID },
		replaces:   func(g *domain.UnitGoal) *string { return &g.Replaces },
		replacedIn: func(g *domain.UnitGoal) *string { return &g.ReplacedIn },
		reviews:    func(g *domain.UnitGoal) *[]domain.UnitReview { return &g.Reviews },
	}
)

// undoRound removes from goals what collecting round added: the reviews
// of round, and the goals that revised others in it, whose originals are
// current again.
func undoRound[G any](goals []G, l lineage[G], round string) []G {
	revised := map[string]bool{}
	for i := range goals {
		g := &goals[i]
		rs := *l.reviews(g)
		kept := rs[:0:0]
		for _, r := range rs {
			if r.Round != round {
				kept = append(kept, r)
			}
		}
		*l.reviews(g) = kept
		if *l.replacedIn(g) == round {
			revised[*l.id(g)] = true
			*l.replacedIn(g) = ""
		}
	}
	kept := goals[:0]
	for _, g := range goals {
		if r := *l.replaces(&g); r == "" || !revised[r] {
			kept = append(kept, g)
		}
	}
	return kept
}

// followUpUnit adds the unit goals' reviews of round, first undoing what an
// earlier collection of the same round added. A revised goal becomes a
// goal of its own, after the one it replaces.
func followUpUnit(rec *domain.UnitRecord, goals []domain.UnitGoal, round string) {
	rec.Goals = undoRound(rec.Goals, unitLineage, round)
	for _, g := range goals {
		r, ok := g.Review(round)
		i := slices.IndexFunc(rec.Goals, func(x domain.UnitGoal) bool { return x.ID == g.ID && x.ReplacedIn == "" })
		if i < 0 {
			// A goal the register did not have: a new one, in a round
			// that takes new goals. Kept as read, with this review.
			g.Cells, g.Reviews = nil, nil
			rec.Goals = append(rec.Goals, g)
			i = len(rec.Goals) - 1
		}
		if !ok {
			continue
		}
		r.Round = round
		rec.Goals[i].Reviews = append(rec.Goals[i].Reviews, r)
		if r.Revised == nil {
			continue
		}
		old := &rec.Goals[i]
		base := domain.RevisionBase(old.ID)
		n := 1
		for _, x := range rec.Goals {
			if domain.Revision(x.ID) > 0 && domain.RevisionBase(x.ID) == base {
				n++
			}
		}
		old.ReplacedIn = round
		ng := domain.Revise(domain.UnitGoalFields, *old, r.Revised)
		ng.ID, ng.Replaces, ng.ReplacedIn, ng.Reviews, ng.Preset = domain.RevisionID(base, n), old.ID, "", nil, false
		rec.Goals = slices.Insert(rec.Goals, i+1, ng)
	}
}

// match finds the register's goal that a follow-up row is about: by ID,
// else the current (not replaced) goal in the same slot.
func match(t *domain.TeamGoals, team string, g domain.TeamGoal) *domain.TeamGoal {
	for i := range t.Goals {
		if g.ID != "" && t.Goals[i].ID == g.ID {
			return &t.Goals[i]
		}
	}
	if g.ID != "" {
		return nil
	}
	for i := range t.Goals {
		if t.Goals[i].Slot == g.Slot && t.Goals[i].ReplacedIn == "" {
			return &t.Goals[i]
		}
	}
	return nil
}

// revise adds the new wording of goal id as a goal of its own, linked
// both ways, so that the register keeps the old goal with its history:
// the old goal with every field the revision rewrites (domain.Revise).
func revise(t *domain.TeamGoals, team, id string, rv domain.RevisedGoal, round string) {
	var old *domain.TeamGoal
	n := 1
	for i := range t.Goals {
		if t.Goals[i].ID == id {
			old = &t.Goals[i]
		}
	}
	for _, g := range t.Goals {
		if g.Slot == old.Slot && g.Replaces != "" {
			n++
		}
	}
	old.ReplacedIn = round
	ng := domain.Revise(domain.TeamGoalFields, *old, &rv)
	ng.ID = domain.RevisionID(domain.TeamGoalID(team, old.Slot), n)
	ng.Replaces, ng.ReplacedIn, ng.Reviews = old.ID, "", nil
	t.Goals = append(t.Goals, ng)
}

// seen is what finishUnit gathers of every unit for finish: the sources
// merged, by round and SHA-256, and the units returned in the round.
type seen struct {
	merged, returned map[string]bool
}

func newSeen() seen { return seen{merged: map[string]bool{}, returned: map[string]bool{}} }

// sortUnits puts the register's units in the config's order.
func sortUnits(reg *domain.Register, ord order) {
	sort.SliceStable(reg.Units, func(i, j int) bool {
		return ord.less(key{unit: reg.Units[i].Unit}, key{unit: reg.Units[j].Unit})
	})
}

// finishUnit puts one unit's record in its canonical order and notes
// its sources in s.
func finishUnit(u *domain.UnitRecord, ord order, round string, s seen) {
	sort.SliceStable(u.Criteria, func(a, b int) bool { return ord.note(u.Criteria[a], u.Criteria[b]) })
	sort.SliceStable(u.EarlierCriteria, func(a, b int) bool { return ord.note(u.EarlierCriteria[a], u.EarlierCriteria[b]) })
	if len(u.EarlierCriteria) == 0 {
		u.EarlierCriteria = nil
	}
	sort.SliceStable(u.Teams, func(a, b int) bool {
		return ord.less(key{u.Unit, u.Teams[a].Team}, key{u.Unit, u.Teams[b].Team})
	})
	for j := range u.Teams {
		gs := u.Teams[j].Goals
		sort.SliceStable(gs, func(a, b int) bool {
			if gs[a].Slot != gs[b].Slot {
				return gs[a].Slot < gs[b].Slot
			}
			return domain.Revision(gs[a].ID) < domain.Revision(gs[b].ID)
		})
		for k := range gs {
			rs := gs[k].Reviews
			sort.SliceStable(rs, func(a, b int) bool { return ord.round(rs[a].Round) < ord.round(rs[b].Round) })
		}
	}
	sort.SliceStable(u.Sources, func(a, b int) bool {
		pa, pb := u.Sources[a], u.Sources[b]
		if pa.Round != pb.Round {
			return ord.round(pa.Round) < ord.round(pb.Round)
		}
		return ord.less(key{u.Unit, pa.Team}, key{u.Unit, pb.Team})
	})
	for _, p := range u.Sources {
		s.merged[p.Round+" "+p.SHA256] = true
		if p.Round == round {
			s.returned[u.Unit] = true
		}
	}
	normalizeUnit(u)
}

// finish completes the register around its finished units: the rounds
// in order, and the round's missing units and rejected workbooks
// recomputed from what finishUnit saw.
func finish(reg *domain.Register, org *domain.Organisation, ord order, round string, res *Result, s seen) {
	addRound(reg, ord, round)
	missing := reg.Missing[:0:0]
	for _, m := range reg.Missing {
		if m.Round != round {
			missing = append(missing, m)
		}
	}
	for _, u := range org.Units {
		if !s.returned[u.ID] {
			missing = append(missing, domain.MissingUnit{Round: round, Unit: u.ID})
			res.Missing = append(res.Missing, u.ID)
		}
	}
	sort.SliceStable(missing, func(i, j int) bool { return ord.round(missing[i].Round) < ord.round(missing[j].Round) })
	reg.Missing = missing

	done := map[string]bool{}
	rejected := reg.Rejected[:0:0]
	for _, p := range append(append([]domain.Provenance{}, reg.Rejected...), res.Rejected...) {
		k := p.Round + " " + p.SHA256 + " " + p.File
		if done[k] || s.merged[p.Round+" "+p.SHA256] {
			continue
		}
		done[k] = true
		rejected = append(rejected, p)
	}
	// A rejected workbook keeps the ReadAt of its first rejection, so that
	// collecting again changes nothing.
	sort.SliceStable(rejected, func(i, j int) bool {
		a, b := rejected[i], rejected[j]
		if a.Round != b.Round {
			return ord.round(a.Round) < ord.round(b.Round)
		}
		if a.File != b.File {
			return a.File < b.File
		}
		return a.SHA256 < b.SHA256
	})
	reg.Rejected = rejected
	if len(reg.Missing) == 0 {
		reg.Missing = nil
	}
	if len(reg.Rejected) == 0 {
		reg.Rejected = nil
	}
	normalize(reg)
}

// addRound adds round to the register's rounds, in the config's order.
func addRound(reg *domain.Register, ord order, round string) {
	if !contains(reg.Rounds, round) {
		reg.Rounds = append(reg.Rounds, round)
	}
	sort.SliceStable(reg.Rounds, func(i, j int) bool { return ord.round(reg.Rounds[i]) < ord.round(reg.Rounds[j]) })
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
