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
	Unit string `yaml:"unit"`
	// Goals, team goals, criteria and reviews are mappings of field keys
	// (domain's field tables), read by setFields.
	Goals    []yaml.Node `yaml:"goals"`
	Teams    []planTeam  `yaml:"teams"`
	Criteria []yaml.Node `yaml:"criteria"`
}

type planTeam struct {
	Team  string      `yaml:"team"`
	Goals []yaml.Node `yaml:"goals"`
}

// reviewFile is the layout of a follow-up round's answer file.
type reviewFile struct {
	Organisation string      `yaml:"organisation"`
	Period       string      `yaml:"period"`
	Round        string      `yaml:"round"`
	Reviews      []yaml.Node `yaml:"reviews"`
}

// setFields sets v's fields from a YAML mapping whose keys are field keys;
// a nested mapping joins its keys to its parent's ("followUp: {when}" is
// followUpWhen, "revised: {what}" revisedWhat). own are the keys of the
// record that are no fields (an id); their values are returned. A key
// that is neither is an error, so that a misspelt field fails loudly.
func setFields[T any](n *yaml.Node, fields domain.Fields[T], v *T, own ...string) (map[string]string, error) {
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: want a mapping", n.Line)
	}
	got := map[string]string{}
	var errs []error
	var walk func(n *yaml.Node, prefix string)
	walk = func(n *yaml.Node, prefix string) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			key := k.Value
			if prefix != "" && key != "" {
				key = prefix + strings.ToUpper(key[:1]) + key[1:]
			}
			switch {
			case val.Kind == yaml.MappingNode:
				walk(val, key)
			case val.Kind != yaml.ScalarNode:
				errs = append(errs, fmt.Errorf("line %d: %s: want a text", val.Line, key))
			case prefix == "" && slices.Contains(own, key):
				got[key] = val.Value
			default:
				f, ok := fields.Field(key)
				if !ok {
					errs = append(errs, fmt.Errorf("line %d: field %s not found", k.Line, key))
					continue
				}
				if f.Kind == domain.KindDate {
					if _, err := domain.ParseDate(val.Value); err != nil {
						errs = append(errs, fmt.Errorf("line %d: %s: %w", val.Line, key, err))
					}
				}
				f.Set(v, val.Value)
			}
		}
	}
	walk(n, "")
	return got, errors.Join(errs...)
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
		for j := range u.Goals {
			var g domain.UnitGoal
			own, err := setFields(&u.Goals[j], domain.UnitGoalFields, &g, "id")
			if err != nil {
				bad("%s: goals[%d]: %w", where, j, err)
			}
			id := own["id"]
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
			g.ID = id
			sub.UnitGoals = append(sub.UnitGoals, g)
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
			for k := range t.Goals {
				slot := k + 1
				g := domain.TeamGoal{ID: domain.TeamGoalID(t.Team, slot), Slot: slot}
				if _, err := setFields(&t.Goals[k], domain.TeamGoalFields, &g); err != nil {
					bad("goal %s: %w", g.ID, err)
				}
				if err := goalComplete(g); err != nil {
					bad("goal %s: %w", g.ID, err)
				}
				tg.Goals = append(tg.Goals, g)
			}
			sub.Teams = append(sub.Teams, tg)
		}

		ownRows := 0
		for j := range u.Criteria {
			cw := fmt.Sprintf("%s: criteria[%d]", where, j)
			var c domain.CriterionNote
			own, err := setFields(&u.Criteria[j], domain.CriterionFields, &c, "criterion")
			if err != nil {
				bad("%s: %w", cw, err)
			}
			c.Criterion = own["criterion"]
			if c.Criterion == "" {
				ownRows++
				c.Own = ownRows
			}
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
			sub.Criteria = append(sub.Criteria, c)
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("sample plan %s: %w", path, errors.Join(errs...))
	}
	return subs, nil
}

// WithPresets puts each unit's preset goals of org (the unit goals HR set
// in the config) first among the answers' unit goals, as a workbook read
// back holds them: the sample answers leave them out, and a follow-up
// round reviews them too.
func WithPresets(subs map[string]*domain.Submission, org *domain.Organisation) {
	for unit, sub := range subs {
		u, ok := org.Unit(unit)
		if !ok || len(u.Goals) == 0 {
			continue
		}
		var goals []domain.UnitGoal
		for i, g := range u.Goals {
			if g.ID == "" {
				g.ID = domain.UnitGoalID(i + 1)
			}
			g.Preset = true
			goals = append(goals, g)
		}
		sub.UnitGoals = append(goals, sub.UnitGoals...)
	}
}

// Reviews are a follow-up round's sample answers: each team goal's review
// by its ID (<team>/<slot>) and each unit goal's by <unit>/<goal id>.
type Reviews struct {
	Team map[string]domain.Review
	Unit map[string]domain.UnitReview
}

// LoadReviews reads a follow-up round's answer file and returns each
// goal's review for that round. An entry names a team goal (goal:
// <team>/<slot>) or a unit goal (unitGoal: <unit>/<id>). The file names
// its round; asking for another round is an error, so that an April file
// is never read as August's. All problems are reported together.
func LoadReviews(fsys fs.FS, path, round string) (Reviews, error) {
	var f reviewFile
	if err := decode(fsys, path, &f); err != nil {
		return Reviews{}, err
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
	out := Reviews{Team: map[string]domain.Review{}, Unit: map[string]domain.UnitReview{}}
	teamForm, unitForm := domain.Form(domain.TeamGoalFields), domain.Form(domain.UnitGoalFields)
	for i := range f.Reviews {
		n := &f.Reviews[i]
		if isUnitReview(n) {
			var e domain.Entry[domain.UnitGoal]
			own, err := setFields(n, unitForm, &e, "unitGoal")
			goal := own["unitGoal"]
			if err != nil {
				bad("reviews[%d]: %w", i, err)
			}
			unit, id, ok := strings.Cut(goal, "/")
			if !ok || !domain.ValidID(unit) || !domain.ValidID(id) {
				bad("reviews[%d]: unit goal %q: want <unit>/<goal id>", i, goal)
				continue
			}
			if _, dup := out.Unit[goal]; dup {
				bad("unit goal %s: reviewed twice", goal)
				continue
			}
			if !domain.UnitGoalFields.Empty(&e.Goal) {
				bad("unit goal %s: a review sets no goal fields; a new wording goes under revised", goal)
			}
			e.Review.Round = f.Round
			reviewed(bad, "unit goal "+goal, e.Review.Status, e.Review.Analysis+e.Review.Correction)
			out.Unit[goal] = e.Review
			continue
		}
		var e domain.Entry[domain.TeamGoal]
		own, err := setFields(n, teamForm, &e, "goal")
		goal := own["goal"]
		if err != nil {
			bad("reviews[%d]: %w", i, err)
		}
		if _, _, err := splitTeamGoalID(goal); err != nil {
			bad("reviews[%d]: %w", i, err)
			continue
		}
		if _, dup := out.Team[goal]; dup {
			bad("goal %s: reviewed twice", goal)
			continue
		}
		if !domain.TeamGoalFields.Empty(&e.Goal) {
			bad("goal %s: a review sets no goal fields; a new wording goes under revised", goal)
		}
		rv := e.Review
		rv.Round = f.Round
		reviewed(bad, "goal "+goal, rv.Status, rv.Analysis+rv.Correction)
		out.Team[goal] = rv
	}
	if len(errs) > 0 {
		return Reviews{}, fmt.Errorf("sample reviews %s: %w", path, errors.Join(errs...))
	}
	return out, nil
}

// isUnitReview reports whether a review entry names a unit goal.
func isUnitReview(n *yaml.Node) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "unitGoal" {
			return true
		}
	}
	return false
}

// reviewed checks a review's status: a valid id, explained where the
// status needs it.
func reviewed(bad func(string, ...any), what, status, explained string) {
	if !domain.ValidID(status) {
		bad("%s: status %q is not a valid id", what, status)
	}
	if domain.StatusKind(status).NeedsAnalysis() && explained == "" {
		bad("%s: status %s needs an analysis or a correction", what, status)
	}
}

// AttachReviews appends each review to the Reviews of the goal it
// belongs to, building the goal history that the register keeps across
// rounds. Call it once per round, in round order. A review of a goal that
// no submission holds is an error; nothing is attached then.
func AttachReviews(subs map[string]*domain.Submission, reviews Reviews) error {
	goals := map[string]*domain.TeamGoal{}
	units := map[string]*domain.UnitGoal{}
	for unit, s := range subs {
		for i := range s.Teams {
			for j := range s.Teams[i].Goals {
				g := &s.Teams[i].Goals[j]
				goals[g.ID] = g
			}
		}
		for i := range s.UnitGoals {
			units[unit+"/"+s.UnitGoals[i].ID] = &s.UnitGoals[i]
		}
	}
	var missing []string
	for id := range reviews.Team {
		if goals[id] == nil {
			missing = append(missing, id)
		}
	}
	for id := range reviews.Unit {
		if units[id] == nil {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return fmt.Errorf("attach reviews: no goal %s", strings.Join(missing, ", "))
	}
	for id, r := range reviews.Team {
		goals[id].Reviews = append(goals[id].Reviews, r)
	}
	for id, r := range reviews.Unit {
		units[id].Reviews = append(units[id].Reviews, r)
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

// goalComplete reports a team goal without Vad, Hur or a whole
// Uppföljning (method, when, who).
func goalComplete(g domain.TeamGoal) error {
	var errs []error
	for _, req := range []struct{ name, v string }{
		{"what", g.What}, {"how", g.How},
		{"followUp.method", g.FollowUp.Method}, {"followUp.who", g.FollowUp.Who},
	} {
		if strings.TrimSpace(req.v) == "" {
			errs = append(errs, fmt.Errorf("%s is missing", req.name))
		}
	}
	if g.FollowUp.When.IsZero() {
		errs = append(errs, errors.New("followUp.when is missing"))
	}
	return errors.Join(errs...)
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
