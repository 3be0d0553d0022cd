package sample

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	malarbete "github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/domain"
)

// orgConfig is just enough of organisation.yaml to check the answers'
// references; the real loader lives in internal/config.
type orgConfig struct {
	Organisation struct {
		ID          string `yaml:"id"`
		Period      string `yaml:"period"`
		PeriodStart string `yaml:"periodStart"`
		PeriodEnd   string `yaml:"periodEnd"`
		HR          struct {
			Email string `yaml:"email"`
		} `yaml:"hr"`
	} `yaml:"organisation"`
	Values []struct {
		ID   string `yaml:"id"`
		Name string `yaml:"name"`
	} `yaml:"values"`
	Departments []struct {
		ID    string      `yaml:"id"`
		Goals []yaml.Node `yaml:"goals"`
	} `yaml:"departments"`
	Units []struct {
		ID         string `yaml:"id"`
		Name       string `yaml:"name"`
		Department string `yaml:"department"`
		Manager    struct {
			Email string `yaml:"email"`
		} `yaml:"manager"`
		Goals []struct {
			ID             string `yaml:"id"`
			DepartmentGoal string `yaml:"departmentGoal"`
		} `yaml:"goals"`
	} `yaml:"units"`
	Teams []struct {
		ID   string `yaml:"id"`
		Name string `yaml:"name"`
		Unit string `yaml:"unit"`
	} `yaml:"teams"`
	Criteria []struct {
		ID    string `yaml:"id"`
		Name  string `yaml:"name"`
		Value string `yaml:"value"`
	} `yaml:"criteria"`
	Rounds []struct {
		ID       string `yaml:"id"`
		Deadline string `yaml:"deadline"`
		Meeting  *struct {
			Date string `yaml:"date"`
		} `yaml:"meeting"`
	} `yaml:"rounds"`
}

// sorsele is the parsed example with the lookups the tests need.
type sorsele struct {
	cfg             orgConfig
	start, end      domain.Date
	values          map[string]bool
	criteria        map[string]bool
	departmentGoals map[string]map[string]bool // department → goal ids
	unitDepartment  map[string]string
	presets         map[string][]string // unit → preset goal ids
	teamUnit        map[string]string
}

func orDerived(id, name string) string {
	if id != "" {
		return id
	}
	return domain.Slug(name)
}

func loadSorsele(t *testing.T) *sorsele {
	t.Helper()
	data, err := fs.ReadFile(malarbete.Examples, "sorsele/organisation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := &sorsele{
		values:          map[string]bool{},
		criteria:        map[string]bool{},
		departmentGoals: map[string]map[string]bool{},
		unitDepartment:  map[string]string{},
		presets:         map[string][]string{},
		teamUnit:        map[string]string{},
	}
	if err := yaml.Unmarshal(data, &s.cfg); err != nil {
		t.Fatalf("organisation.yaml: %v", err)
	}
	if s.start, err = domain.ParseDate(s.cfg.Organisation.PeriodStart); err != nil {
		t.Fatal(err)
	}
	if s.end, err = domain.ParseDate(s.cfg.Organisation.PeriodEnd); err != nil {
		t.Fatal(err)
	}
	for _, v := range s.cfg.Values {
		s.values[orDerived(v.ID, v.Name)] = true
	}
	for _, c := range s.cfg.Criteria {
		s.criteria[orDerived(c.ID, c.Name)] = true
	}
	for _, d := range s.cfg.Departments {
		ids := map[string]bool{}
		for i, g := range d.Goals {
			var withID struct {
				ID string `yaml:"id"`
			}
			if g.Kind == yaml.MappingNode {
				if err := g.Decode(&withID); err != nil {
					t.Fatal(err)
				}
			}
			if withID.ID == "" {
				withID.ID = fmt.Sprintf("%s-%d", d.ID, i+1)
			}
			ids[withID.ID] = true
		}
		s.departmentGoals[d.ID] = ids
	}
	for _, u := range s.cfg.Units {
		id := orDerived(u.ID, u.Name)
		s.unitDepartment[id] = u.Department
		for i, g := range u.Goals {
			s.presets[id] = append(s.presets[id], orDerived(g.ID, domain.UnitGoalID(i+1)))
		}
	}
	for _, tm := range s.cfg.Teams {
		if tm.ID == "" {
			t.Fatalf("team %q: the answers need explicit team ids", tm.Name)
		}
		s.teamUnit[tm.ID] = tm.Unit
	}
	return s
}

type sorseleAnswers struct {
	plan    map[string]*domain.Submission
	april   Reviews
	augusti Reviews
}

func loadAnswers(t *testing.T) sorseleAnswers {
	t.Helper()
	var a sorseleAnswers
	var err error
	if a.plan, err = LoadPlan(malarbete.Examples, SorselePlan); err != nil {
		t.Fatal(err)
	}
	if a.april, err = LoadReviews(malarbete.Examples, SorseleApril, "april"); err != nil {
		t.Fatal(err)
	}
	if a.augusti, err = LoadReviews(malarbete.Examples, SorseleAugusti, "augusti"); err != nil {
		t.Fatal(err)
	}
	return a
}

// teamGoals returns every team goal of the plan by id.
func teamGoals(plan map[string]*domain.Submission) map[string]domain.TeamGoal {
	out := map[string]domain.TeamGoal{}
	for _, s := range plan {
		for _, tg := range s.Teams {
			for _, g := range tg.Goals {
				out[g.ID] = g
			}
		}
	}
	return out
}

func TestSorseleRoundsAreConfigured(t *testing.T) {
	s := loadSorsele(t)
	var ids []string
	for _, r := range s.cfg.Rounds {
		ids = append(ids, r.ID)
	}
	if got, want := strings.Join(ids, " "), "plan april augusti uppfoljning-november"; got != want {
		t.Errorf("rounds = %s, want %s", got, want)
	}
	for _, r := range s.cfg.Rounds {
		dates := []string{r.Deadline}
		if r.Meeting != nil {
			dates = append(dates, r.Meeting.Date)
		}
		for _, d := range dates {
			checkDate(t, s, "round "+r.ID, d)
		}
	}
}

func checkDate(t *testing.T, s *sorsele, where, iso string) {
	t.Helper()
	d, err := domain.ParseDate(iso)
	if err != nil {
		t.Errorf("%s: %v", where, err)
		return
	}
	if !d.Within(s.start, s.end) {
		t.Errorf("%s: %s lies outside %s–%s", where, d, s.start, s.end)
	}
}

func TestSorselePlanCoversEveryUnitAndTeam(t *testing.T) {
	s := loadSorsele(t)
	a := loadAnswers(t)

	for unit := range s.unitDepartment {
		if a.plan[unit] == nil {
			t.Errorf("unit %s has no answers", unit)
		}
	}
	for unit, sub := range a.plan {
		if _, ok := s.unitDepartment[unit]; !ok {
			t.Errorf("answers for unit %s, which the config does not have", unit)
		}
		if sub.Identity.Organisation != s.cfg.Organisation.ID || sub.Identity.Period != s.cfg.Organisation.Period {
			t.Errorf("unit %s: identity %s/%s, want %s/%s", unit, sub.Identity.Organisation, sub.Identity.Period, s.cfg.Organisation.ID, s.cfg.Organisation.Period)
		}
		if n := len(sub.UnitGoals) + len(s.presets[unit]); n < 2 || n > domain.DefaultMaxUnitGoals {
			t.Errorf("unit %s: %d unit goals with presets, want 2–%d", unit, n, domain.DefaultMaxUnitGoals)
		}
	}
	answered := map[string]bool{}
	for unit, sub := range a.plan {
		for _, tg := range sub.Teams {
			answered[tg.Team] = true
			if s.teamUnit[tg.Team] != unit {
				t.Errorf("team %s answered under unit %s, config says %q", tg.Team, unit, s.teamUnit[tg.Team])
			}
			if n := len(tg.Goals); n < 1 || n > domain.DefaultMaxTeamGoals {
				t.Errorf("team %s: %d goals, want 1–%d", tg.Team, n, domain.DefaultMaxTeamGoals)
			}
			for i, g := range tg.Goals {
				if g.Slot != i+1 || g.ID != domain.TeamGoalID(tg.Team, i+1) {
					t.Errorf("team %s goal %d: id %s slot %d", tg.Team, i+1, g.ID, g.Slot)
				}
			}
		}
	}
	for team := range s.teamUnit {
		if !answered[team] {
			t.Errorf("team %s has no answers", team)
		}
	}
}

func TestSorseleReferencesResolve(t *testing.T) {
	s := loadSorsele(t)
	a := loadAnswers(t)
	all := teamGoals(a.plan)

	for unit, sub := range a.plan {
		dep := s.unitDepartment[unit]
		unitGoals := map[string]bool{}
		for _, id := range s.presets[unit] {
			unitGoals[id] = true
		}
		for _, g := range sub.UnitGoals {
			if unitGoals[g.ID] {
				t.Errorf("unit %s: goal id %s is used twice (a preset counts)", unit, g.ID)
			}
			unitGoals[g.ID] = true
			if !s.departmentGoals[dep][g.DepartmentGoal] {
				t.Errorf("unit %s goal %s: department goal %q is not a goal of %s", unit, g.ID, g.DepartmentGoal, dep)
			}
			for name, v := range map[string]string{"indicator": g.Indicator, "target": g.Target, "responsible": g.Responsible} {
				if v == "" {
					t.Errorf("unit %s goal %s: %s is empty", unit, g.ID, name)
				}
			}
		}
		used := map[string]bool{}
		for _, tg := range sub.Teams {
			for _, g := range tg.Goals {
				if !unitGoals[g.UnitGoal] {
					t.Errorf("goal %s: unit goal %q is not a goal of %s", g.ID, g.UnitGoal, unit)
				}
				used[g.UnitGoal] = true
				if !s.values[g.Value] {
					t.Errorf("goal %s: value %q does not exist", g.ID, g.Value)
				}
				for name, v := range map[string]string{"indicator": g.Indicator, "target": g.Target, "collaboration": g.Collaboration} {
					if v == "" {
						t.Errorf("goal %s: %s is empty", g.ID, name)
					}
				}
				checkDate(t, s, "goal "+g.ID+" followUp.when", g.FollowUp.When.String())
			}
		}
		for id := range unitGoals {
			if !used[id] {
				t.Errorf("unit %s: no team goal supports unit goal %s", unit, id)
			}
		}
		if len(sub.Criteria) == 0 {
			t.Errorf("unit %s: no criteria notes", unit)
		}
		for _, c := range sub.Criteria {
			if !s.criteria[c.Criterion] {
				t.Errorf("unit %s: criterion %q does not exist", unit, c.Criterion)
			}
			g, ok := all[c.TeamGoal]
			if !ok || s.teamUnit[strings.SplitN(g.ID, "/", 2)[0]] != unit {
				t.Errorf("unit %s criterion %s: team goal %q is not a goal of this unit", unit, c.Criterion, c.TeamGoal)
			}
		}
	}
	for _, c := range s.cfg.Criteria {
		if !s.values[c.Value] {
			t.Errorf("criterion %s: value %q does not exist", c.ID, c.Value)
		}
	}
}

func TestSorseleReviews(t *testing.T) {
	s := loadSorsele(t)
	a := loadAnswers(t)
	all := teamGoals(a.plan)
	statuses := map[string]bool{}
	for _, st := range domain.DefaultStatuses() {
		statuses[st.ID] = true
	}

	revised := 0
	for _, round := range []struct {
		id      string
		reviews map[string]domain.Review
	}{{"april", a.april.Team}, {"augusti", a.augusti.Team}} {
		atRisk := 0
		for id := range all {
			if _, ok := round.reviews[id]; !ok {
				t.Errorf("%s: goal %s has no review", round.id, id)
			}
		}
		for id, r := range round.reviews {
			where := round.id + ": goal " + id
			if _, ok := all[id]; !ok {
				t.Errorf("%s: the plan has no such goal", where)
			}
			if r.Round != round.id {
				t.Errorf("%s: round %q", where, r.Round)
			}
			if !statuses[r.Status] {
				t.Errorf("%s: status %q is not on the scale", where, r.Status)
			}
			kind := domain.StatusKind(r.Status)
			if kind.NeedsAnalysis() && (r.Analysis == "" || r.Correction == "") {
				t.Errorf("%s: %s needs both analysis and correction in the sample", where, r.Status)
			}
			if kind == domain.StatusAtRisk {
				atRisk++
			}
			if r.Revised != nil {
				revised++
				if round.id != "augusti" {
					t.Errorf("%s: revised outside augusti", where)
				}
				if kind != domain.StatusAtRisk || r.Analysis == "" {
					t.Errorf("%s: a revised goal needs status at-risk and an analysis", where)
				}
				if r.Revised.What == "" || r.Revised.How == "" || r.Revised.FollowUp.Method == "" || r.Revised.FollowUp.Who == "" {
					t.Errorf("%s: revised goal lacks Vad, Hur or Uppföljning", where)
				}
				checkDate(t, s, where+" revised followUp.when", r.Revised.FollowUp.When.String())
			}
		}
		if atRisk < 2 {
			t.Errorf("%s: %d goals at risk, want a few", round.id, atRisk)
		}
	}
	if revised != 1 {
		t.Errorf("%d revised goals, want exactly 1", revised)
	}

	changed := 0
	for id, r := range a.april.Team {
		if a.augusti.Team[id].Status != r.Status {
			changed++
		}
	}
	if changed < 5 {
		t.Errorf("only %d goals changed status between april and augusti", changed)
	}
}

// TestSorseleUnitReviews: every unit goal, the config's presets too, is
// followed up in each round, as the unit's manager does in the workbook.
func TestSorseleUnitReviews(t *testing.T) {
	s := loadSorsele(t)
	a := loadAnswers(t)
	want := map[string]bool{}
	for unit, sub := range a.plan {
		for _, id := range s.presets[unit] {
			want[unit+"/"+id] = true
		}
		for _, g := range sub.UnitGoals {
			want[unit+"/"+g.ID] = true
		}
	}
	statuses := map[string]bool{}
	for _, st := range domain.DefaultStatuses() {
		statuses[st.ID] = true
	}
	for _, round := range []struct {
		id      string
		reviews map[string]domain.UnitReview
	}{{"april", a.april.Unit}, {"augusti", a.augusti.Unit}} {
		for id := range want {
			if _, ok := round.reviews[id]; !ok {
				t.Errorf("%s: unit goal %s has no review", round.id, id)
			}
		}
		for id, r := range round.reviews {
			where := round.id + ": unit goal " + id
			if !want[id] {
				t.Errorf("%s: the plan has no such goal", where)
			}
			if !statuses[r.Status] {
				t.Errorf("%s: status %q is not on the scale", where, r.Status)
			}
			if domain.StatusKind(r.Status).NeedsAnalysis() && (r.Analysis == "" || r.Correction == "") {
				t.Errorf("%s: %s needs both analysis and correction in the sample", where, r.Status)
			}
			if r.Current == "" {
				t.Errorf("%s: no current value", where)
			}
		}
	}
}

// TestSorseleTexts guards what people will read: no text longer than a
// workbook cell accepts, the people invented (none of the workshop
// participants named in the seed), addresses that cannot reach anyone.
func TestSorseleTexts(t *testing.T) {
	seedNames := regexp.MustCompile(`\b(Mari-Anne|Elin|Mona-Lisa|Martin|Barbro|Jan|Sonja|Pär|Anita|Jenny|Gunnar|Eva|Cathrine|Matz|Hanna|Camilla|Michael|Simon|Ulrika)\b`)
	email := regexp.MustCompile(`[\w.+-]+@[\w.-]+`)
	err := fs.WalkDir(malarbete.Examples, "sorsele", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(malarbete.Examples, path)
		if err != nil {
			return err
		}
		text := string(data)
		if m := seedNames.FindString(text); m != "" {
			t.Errorf("%s: mentions %q, a name from the seed's workshop list", path, m)
		}
		for _, m := range email.FindAllString(text, -1) {
			if !strings.HasSuffix(m, "@sorsele.example") {
				t.Errorf("%s: e-mail %q is not at @sorsele.example", path, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	a := loadAnswers(t)
	check := func(where, s string) {
		if n := utf8.RuneCountInString(s); n > domain.DefaultTextLimit {
			t.Errorf("%s: %d characters, over the limit of %d", where, n, domain.DefaultTextLimit)
		}
		if s != strings.TrimSpace(s) {
			t.Errorf("%s: leading or trailing space", where)
		}
	}
	for _, sub := range a.plan {
		for _, g := range sub.UnitGoals {
			for _, v := range []string{g.Text, g.Indicator, g.Target, g.Responsible} {
				check(sub.Identity.Unit+" "+g.ID, v)
			}
		}
		for _, tg := range sub.Teams {
			for _, g := range tg.Goals {
				for _, v := range []string{g.What, g.How, g.FollowUp.Method, g.FollowUp.Who, g.Indicator, g.Target, g.Collaboration} {
					check(g.ID, v)
				}
			}
		}
		for _, c := range sub.Criteria {
			check(sub.Identity.Unit+" criterion "+c.Criterion, c.Meaning)
		}
	}
	for _, rs := range []Reviews{a.april, a.augusti} {
		for id, r := range rs.Team {
			for _, v := range []string{r.Current, r.Analysis, r.Correction} {
				check(r.Round+" "+id, v)
			}
		}
		for id, r := range rs.Unit {
			for _, v := range []string{r.Current, r.Analysis, r.Correction} {
				check(r.Round+" "+id, v)
			}
		}
	}
}

func TestAttachReviewsBuildsHistory(t *testing.T) {
	s := loadSorsele(t)
	a := loadAnswers(t)
	// The config's preset unit goals, as WithPresets puts them.
	for unit, ids := range s.presets {
		var presets []domain.UnitGoal
		for _, id := range ids {
			presets = append(presets, domain.UnitGoal{ID: id, Preset: true})
		}
		a.plan[unit].UnitGoals = append(presets, a.plan[unit].UnitGoals...)
	}
	if err := AttachReviews(a.plan, a.april); err != nil {
		t.Fatal(err)
	}
	if err := AttachReviews(a.plan, a.augusti); err != nil {
		t.Fatal(err)
	}
	for id, g := range teamGoals(a.plan) {
		if len(g.Reviews) != 2 || g.Reviews[0].Round != "april" || g.Reviews[1].Round != "augusti" {
			t.Errorf("goal %s: reviews %+v, want april then augusti", id, g.Reviews)
		}
	}
	for unit, sub := range a.plan {
		for _, g := range sub.UnitGoals {
			if len(g.Reviews) != 2 || g.Reviews[0].Round != "april" || g.Reviews[1].Round != "augusti" {
				t.Errorf("unit goal %s/%s: reviews %+v, want april then augusti", unit, g.ID, g.Reviews)
			}
		}
	}
}
