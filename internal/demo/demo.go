// Package demo fills generated workbooks with the sample answers that ship
// with the bundled examples, the way managers would: the planning round's
// goals, and each follow-up round's status, current value, analysis,
// correction and revised goal. "make demo" (through internal/cmd/demofill)
// and the end-to-end tests share it, so that the demo shows what the tests
// check.
//
// It types answers in through workbook.Fill and reads nothing back but the
// identity of each generated workbook, which says its unit, teams and
// round. The generated workbooks are never modified.
package demo

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	malarbete "github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/sample"
	"github.com/malarbete/malarbete/internal/workbook"
)

// SorseleReviews maps the Sorsele example's follow-up rounds to their
// sample answers in malarbete.Examples.
var SorseleReviews = map[string]string{
	"april":   sample.SorseleApril,
	"augusti": sample.SorseleAugusti,
}

// Options say which answers to type in.
type Options struct {
	// Examples holds the answer files; nil means malarbete.Examples.
	Examples fs.FS
	// Plan is the planning round's answers in Examples; empty means
	// sample.SorselePlan. Follow-up rounds need it too: it numbers the
	// goals that the reviews refer to.
	Plan string
	// Reviews maps each follow-up round to its answers in Examples; nil
	// means SorseleReviews. A follow-up workbook of a round not listed is
	// an error: filling it with nothing would look like a unit that
	// forgot every status.
	Reviews map[string]string
	// Draft, when set, fills only this unit's planning workbook, and as a
	// first draft with the mistakes managers make (see draft): the demo
	// shows what validate and its feedback copies do with it.
	Draft string
}

// Answers are the sample answers of every round, loaded as they are
// needed.
type Answers struct {
	org    *domain.Organisation
	opts   Options
	rounds map[string]map[string]*domain.Submission
}

// New returns the answers opts names, for org.
func New(org *domain.Organisation, opts Options) *Answers {
	if opts.Examples == nil {
		opts.Examples = malarbete.Examples
	}
	if opts.Plan == "" {
		opts.Plan = sample.SorselePlan
	}
	if opts.Reviews == nil {
		opts.Reviews = SorseleReviews
	}
	return &Answers{org: org, opts: opts, rounds: map[string]map[string]*domain.Submission{}}
}

// For returns what the manager of the workbook with identity id types in:
// in the planning round the unit's goals and criteria notes; in a
// follow-up round only the reviews of that round, since the goals are
// pre-filled and locked. ok is false for a unit without sample answers,
// which then stays unreturned.
func (a *Answers) For(id domain.Identity) (sub *domain.Submission, ok bool, err error) {
	subs, err := a.round(id.Round)
	if err != nil {
		return nil, false, err
	}
	s, ok := subs[id.Unit]
	if !ok || a.opts.Draft != "" && a.opts.Draft != id.Unit {
		return nil, false, nil
	}
	if a.opts.Draft != "" {
		s = draft(s)
	}
	c := *s
	c.Identity = id
	c.Teams = nil
	for _, t := range s.Teams {
		if id.Scope == domain.ScopeTeam && !slices.Contains(id.Teams, t.Team) {
			continue // a team workbook gets only its team's answers
		}
		c.Teams = append(c.Teams, t)
	}
	return &c, true, nil
}

// round loads the answers of one round: the planning answers, with that
// round's reviews attached for a follow-up round.
func (a *Answers) round(round string) (map[string]*domain.Submission, error) {
	if subs, ok := a.rounds[round]; ok {
		return subs, nil
	}
	// Loaded afresh for every round: AttachReviews adds to the goals.
	subs, err := sample.LoadPlan(a.opts.Examples, a.opts.Plan)
	if err != nil {
		return nil, err
	}
	sample.WithPresets(subs, a.org)
	if !a.org.IsPlanning(round) {
		path, ok := a.opts.Reviews[round]
		if !ok {
			return nil, fmt.Errorf("demo: no sample answers for the round %q", round)
		}
		reviews, err := sample.LoadReviews(a.opts.Examples, path, round)
		if err != nil {
			return nil, err
		}
		if err := sample.AttachReviews(subs, reviews); err != nil {
			return nil, err
		}
		for _, s := range subs {
			// The goals themselves are pre-filled and locked in a
			// follow-up workbook; only the reviews are typed in, and the
			// criteria stand as the register has them.
			s.Criteria = nil
		}
	}
	a.rounds[round] = subs
	return subs, nil
}

// FillDir fills every generated workbook below in with the answers and
// writes the copies below out, in the same sub-folders, replacing earlier
// copies. It returns how many workbooks it filled.
func FillDir(in, out string, org *domain.Organisation, answers *Answers) (int, error) {
	n := 0
	err := filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".xlsx") {
			return err
		}
		rel, err := filepath.Rel(in, path)
		if err != nil {
			return err
		}
		filled, err := FillFile(path, filepath.Join(out, rel), org, answers)
		if filled {
			n++
		}
		return err
	})
	return n, err
}

// FillFile fills the generated workbook at in and writes the copy to out;
// filled is false when its unit has no sample answers and nothing was
// written.
func FillFile(in, out string, org *domain.Organisation, answers *Answers) (filled bool, err error) {
	generated, _, err := workbook.ReadFile(context.Background(), in, org)
	if err != nil {
		return false, fmt.Errorf("demo: read %s: %w", in, err)
	}
	if generated == nil {
		return false, fmt.Errorf("demo: %s is not a workbook of this tool", in)
	}
	sub, ok, err := answers.For(generated.Identity)
	if err != nil || !ok {
		return false, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return false, fmt.Errorf("demo: %w", err)
	}
	if err := workbook.FillFile(in, out, sub, org, atomicfile.Options{Overwrite: true}); err != nil {
		return false, fmt.Errorf("demo: %s: %w", in, err)
	}
	return true, nil
}

// draft returns a copy of sub as a hurried first draft: the first team's
// first goal without Hur and without indicator or target, its second goal
// followed up on a date before the period, and the second team's goals
// left out.
func draft(sub *domain.Submission) *domain.Submission {
	c := *sub
	c.Teams = make([]domain.TeamGoals, len(sub.Teams))
	for i, t := range sub.Teams {
		c.Teams[i] = domain.TeamGoals{Team: t.Team, Goals: append([]domain.TeamGoal(nil), t.Goals...)}
	}
	if len(c.Teams) > 0 && len(c.Teams[0].Goals) > 0 {
		g := &c.Teams[0].Goals[0]
		g.How, g.Indicator, g.Target = "", "", ""
		if len(c.Teams[0].Goals) > 1 {
			c.Teams[0].Goals[1].FollowUp.When = domain.NewDate(2026, 5, 4)
		}
	}
	if len(c.Teams) > 1 {
		c.Teams[1].Goals = nil
	}
	return &c
}
