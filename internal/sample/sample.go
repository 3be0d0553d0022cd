// Package sample reads the managers' sample answers that ship with the
// bundled examples (examples/<name>/answers/ in malarbete.Examples). Demos
// and end-to-end tests use them to fill workbooks the way a manager would,
// so that every round of the cycle can be shown with realistic content.
//
// The answer files are YAML written for this purpose, not a format that
// managers or HR ever see: managers answer in workbooks. The package turns
// them into domain values: a Submission per unit for the planning round and
// a Review per team goal for each follow-up round.
//
// Loading checks the files' own structure (required fields, ids, dates).
// Whether their references resolve against an organisation (unit, team,
// value, criterion and department goal ids) is left to the caller, who has
// the config; the package's tests check that for the bundled example.
package sample

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/malarbete/malarbete/internal/domain"
)

// Paths of the Sorsele sample answers inside malarbete.Examples.
const (
	SorselePlan    = "sorsele/answers/plan.yaml"
	SorseleApril   = "sorsele/answers/april.yaml"
	SorseleAugusti = "sorsele/answers/augusti.yaml"
)

// planFile is the layout of a planning-round answer file.
type planFile struct {
	Organisation string     `yaml:"organisation"`
	Period       string     `yaml:"period"`
	Round        string     `yaml:"round"`
	Language     string     `yaml:"language"`
	Units        []planUnit `yaml:"units"`
}

type planUnit struct {
	Unit     string          `yaml:"unit"`
	Goals    []unitGoal      `yaml:"goals"`
	Teams    []planTeam      `yaml:"teams"`
	Criteria []criterionNote `yaml:"criteria"`
}

type unitGoal struct {
	ID             string `yaml:"id"`
	Text           string `yaml:"text"`
	DepartmentGoal string `yaml:"departmentGoal"`
	Indicator      string `yaml:"indicator"`
	Target         string `yaml:"target"`
	Responsible    string `yaml:"responsible"`
}

type planTeam struct {
	Team  string     `yaml:"team"`
	Goals []teamGoal `yaml:"goals"`
}

type teamGoal struct {
	What          string   `yaml:"what"`
	UnitGoal      string   `yaml:"unitGoal"`
	How           string   `yaml:"how"`
	FollowUp      followUp `yaml:"followUp"`
	Indicator     string   `yaml:"indicator"`
	Target        string   `yaml:"target"`
	Value         string   `yaml:"value"`
	Collaboration string   `yaml:"collaboration"`
}

type followUp struct {
	Method string `yaml:"method"`
	When   string `yaml:"when"`
	Who    string `yaml:"who"`
}

type criterionNote struct {
	Criterion   string `yaml:"criterion"`
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Meaning     string `yaml:"meaning"`
	TeamGoal    string `yaml:"teamGoal"`
}

// reviewFile is the layout of a follow-up round's answer file.
type reviewFile struct {
	Organisation string   `yaml:"organisation"`
	Period       string   `yaml:"period"`
	Round        string   `yaml:"round"`
	Reviews      []review `yaml:"reviews"`
}

type review struct {
	Goal       string   `yaml:"goal"`
	Status     string   `yaml:"status"`
	Current    string   `yaml:"current"`
	Analysis   string   `yaml:"analysis"`
	Correction string   `yaml:"correction"`
	Revised    *revised `yaml:"revised"`
}

type revised struct {
	What     string   `yaml:"what"`
	How      string   `yaml:"how"`
	FollowUp followUp `yaml:"followUp"`
}

// LoadPlan reads a planning-round answer file and returns one Submission
// per unit, keyed by unit id, as if each unit's workbook had been returned
// and read.
//
// Unit goals get the id written in the file, or else e<n> for the n-th goal
// in the file. Preset goals come from the config, not from the file, and
// take the first rows of the workbook (e1 …); the file therefore gives the
// goals of such a unit explicit ids that follow them (e2 …), which is also
// the workbook row they are written to. Team goals get
// the id <team>/<slot> with Slot set. Identity carries what the file says
// (organisation, period, round, language) and the unit and its teams; the
// template version and content hash belong to real workbooks and stay
// empty. All problems are reported together.
func LoadPlan(fsys fs.FS, path string) (map[string]*domain.Submission, error) {
	var f planFile
	if err := decode(fsys, path, &f); err != nil {
		return nil, err
	}
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf(format, args...))
	}
	if f.Organisation == "" {
		bad("organisation is missing")
	}
	if f.Round != domain.PlanRound {
		bad("round is %q, want %q", f.Round, domain.PlanRound)
	}
	lang := domain.Lang(f.Language)
	if lang != "" && !lang.Valid() {
		bad("language %q is not supported", f.Language)
	}

	subs := make(map[string]*domain.Submission, len(f.Units))
	teamSeen := map[string]bool{}
	for i, u := range f.Units {
		where := "units[" + strconv.Itoa(i) + "]"
		if !domain.ValidID(u.Unit) {
			bad("%s: unit id %q is not a valid id", where, u.Unit)
			continue
		}
		where = "unit " + u.Unit
		if subs[u.Unit] != nil {
			bad("%s: answered twice", where)
			continue
		}
		sub := &domain.Submission{Identity: domain.Identity{
			Organisation: f.Organisation,
			Period:       f.Period,
			Round:        f.Round,
			Scope:        domain.ScopeUnit,
			Unit:         u.Unit,
			Language:     lang,
		}}
		subs[u.Unit] = sub

		goalSeen := map[string]bool{}
		for j, g := range u.Goals {
			id := g.ID
			if id == "" {
				id = domain.UnitGoalID(j + 1)
			}
			gw := fmt.Sprintf("%s: goal %s", where, id)
			switch {
			case !domain.ValidID(id):
				bad("%s: not a valid id", gw)
			case goalSeen[id]:
				bad("%s: id used twice", gw)
			}
			goalSeen[id] = true
			if strings.TrimSpace(g.Text) == "" {
				bad("%s: text is missing", gw)
			}
			sub.UnitGoals = append(sub.UnitGoals, domain.UnitGoal{
				ID:             id,
				Text:           g.Text,
				DepartmentGoal: g.DepartmentGoal,
				Indicator:      g.Indicator,
				Target:         g.Target,
				Responsible:    g.Responsible,
			})
		}

		for _, t := range u.Teams {
			tw := fmt.Sprintf("%s: team %q", where, t.Team)
			if !domain.ValidID(t.Team) {
				bad("%s: not a valid id", tw)
				continue
			}
			if teamSeen[t.Team] {
				bad("%s: answered twice", tw)
				continue
			}
			teamSeen[t.Team] = true
			sub.Identity.Teams = append(sub.Identity.Teams, t.Team)
			tg := domain.TeamGoals{Team: t.Team}
			for k, g := range t.Goals {
				slot := k + 1
				id := domain.TeamGoalID(t.Team, slot)
				plan, err := followUpPlan(g.FollowUp)
				if err != nil {
					bad("goal %s: %w", id, err)
				}
				for _, req := range []struct{ name, v string }{
					{"what", g.What}, {"how", g.How},
					{"followUp.method", g.FollowUp.Method}, {"followUp.who", g.FollowUp.Who},
				} {
					if strings.TrimSpace(req.v) == "" {
						bad("goal %s: %s is missing", id, req.name)
					}
				}
				tg.Goals = append(tg.Goals, domain.TeamGoal{
					ID:            id,
					Slot:          slot,
					What:          g.What,
					UnitGoal:      g.UnitGoal,
					How:           g.How,
					FollowUp:      plan,
					Indicator:     g.Indicator,
					Target:        g.Target,
					Value:         g.Value,
					Collaboration: g.Collaboration,
				})
			}
			sub.Teams = append(sub.Teams, tg)
		}

		for j, c := range u.Criteria {
			cw := fmt.Sprintf("%s: criteria[%d]", where, j)
			if c.Criterion == "" && c.Name == "" {
				bad("%s: neither criterion nor name is given", cw)
			}
			if strings.TrimSpace(c.Meaning) == "" {
				bad("%s: meaning is missing", cw)
			}
			if c.TeamGoal != "" {
				if _, _, err := splitTeamGoalID(c.TeamGoal); err != nil {
					bad("%s: %w", cw, err)
				}
			}
			sub.Criteria = append(sub.Criteria, domain.CriterionNote{
				Criterion:   c.Criterion,
				Name:        c.Name,
				Description: c.Description,
				Meaning:     c.Meaning,
				TeamGoal:    c.TeamGoal,
			})
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("sample plan %s: %w", path, errors.Join(errs...))
	}
	return subs, nil
}

// LoadReviews reads a follow-up round's answer file and returns each team
// goal's Review for that round, keyed by team goal id (<team>/<slot>). The
// file names its round; asking for another round is an error, so that an
// April file is never read as August's. All problems are reported together.
func LoadReviews(fsys fs.FS, path, round string) (map[string]domain.Review, error) {
	var f reviewFile
	if err := decode(fsys, path, &f); err != nil {
		return nil, err
	}
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf(format, args...))
	}
	if f.Round != round {
		bad("round is %q, want %q", f.Round, round)
	}
	if round == domain.PlanRound {
		bad("round %q sets goals; it has no reviews", round)
	}
	out := make(map[string]domain.Review, len(f.Reviews))
	for i, r := range f.Reviews {
		if _, _, err := splitTeamGoalID(r.Goal); err != nil {
			bad("reviews[%d]: %w", i, err)
			continue
		}
		if _, dup := out[r.Goal]; dup {
			bad("goal %s: reviewed twice", r.Goal)
			continue
		}
		if !domain.ValidID(r.Status) {
			bad("goal %s: status %q is not a valid id", r.Goal, r.Status)
		}
		rv := domain.Review{
			Round:      f.Round,
			Status:     r.Status,
			Current:    r.Current,
			Analysis:   r.Analysis,
			Correction: r.Correction,
		}
		if domain.StatusKind(r.Status).NeedsAnalysis() && r.Analysis == "" && r.Correction == "" {
			bad("goal %s: status %s needs an analysis or a correction", r.Goal, r.Status)
		}
		if r.Revised != nil {
			plan, err := followUpPlan(r.Revised.FollowUp)
			if err != nil {
				bad("goal %s: revised: %w", r.Goal, err)
			}
			if r.Revised.What == "" || r.Revised.How == "" || r.Revised.FollowUp.Method == "" || r.Revised.FollowUp.Who == "" {
				bad("goal %s: revised goal needs what, how and followUp (method, when, who)", r.Goal)
			}
			rv.Revised = &domain.RevisedGoal{What: r.Revised.What, How: r.Revised.How, FollowUp: plan}
		}
		out[r.Goal] = rv
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("sample reviews %s: %w", path, errors.Join(errs...))
	}
	return out, nil
}

// AttachReviews appends each review to the Reviews of the team goal it
// belongs to, building the goal history that the register keeps across
// rounds. Call it once per round, in round order. A review of a goal that
// no submission holds is an error; nothing is attached then.
func AttachReviews(subs map[string]*domain.Submission, reviews map[string]domain.Review) error {
	goals := map[string]*domain.TeamGoal{}
	for _, s := range subs {
		for i := range s.Teams {
			for j := range s.Teams[i].Goals {
				g := &s.Teams[i].Goals[j]
				goals[g.ID] = g
			}
		}
	}
	var missing []string
	for id := range reviews {
		if goals[id] == nil {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return fmt.Errorf("attach reviews: no goal %s", strings.Join(missing, ", "))
	}
	for id, r := range reviews {
		goals[id].Reviews = append(goals[id].Reviews, r)
	}
	return nil
}

// decode reads one YAML document from path into v, rejecting unknown keys
// so that a misspelt field fails loudly instead of being dropped.
func decode(fsys fs.FS, path string, v any) error {
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		return fmt.Errorf("sample: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("sample %s: file is empty", path)
		}
		return fmt.Errorf("sample %s: %w", path, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return fmt.Errorf("sample %s: want one YAML document, found more", path)
	}
	return nil
}

// followUpPlan converts an Uppföljning, parsing its ISO date.
func followUpPlan(f followUp) (domain.FollowUpPlan, error) {
	p := domain.FollowUpPlan{Method: f.Method, Who: f.Who}
	if f.When == "" {
		return p, errors.New("followUp.when is missing")
	}
	d, err := domain.ParseDate(f.When)
	if err != nil {
		return p, fmt.Errorf("followUp.when: %w", err)
	}
	p.When = d
	return p, nil
}

// splitTeamGoalID splits "<team>/<slot>" and checks both parts.
func splitTeamGoalID(id string) (team string, slot int, err error) {
	team, s, ok := strings.Cut(id, "/")
	if !ok || !domain.ValidID(team) {
		return "", 0, fmt.Errorf("goal id %q: want <team>/<slot>", id)
	}
	slot, err = strconv.Atoi(s)
	if err != nil || slot < 1 || strconv.Itoa(slot) != s {
		return "", 0, fmt.Errorf("goal id %q: slot must be a positive number", id)
	}
	return team, slot, nil
}
