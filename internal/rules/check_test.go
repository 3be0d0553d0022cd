package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/malarbete/malarbete/internal/domain"
)

// testOrg is a small organisation: one department, one unit with two
// teams, two rounds.
func testOrg() *domain.Organisation {
	return &domain.Organisation{
		ID: "sorsele", Name: "Sorsele kommun", Period: "2027",
		PeriodStart: domain.NewDate(2027, time.January, 1), PeriodEnd: domain.NewDate(2027, time.December, 31),
		Values:      []domain.Value{{ID: "mod", Name: "Mod"}},
		Departments: []domain.Department{{ID: "skola", Name: "Skola", Goals: []domain.DepartmentGoal{{ID: "skola-1", Text: "Hög kvalitet"}}}},
		Units:       []domain.Unit{{ID: "centralskolan", Name: "Centralskolan", Department: "skola"}},
		Teams: []domain.Team{
			{ID: "ak1-3", Name: "Åk 1–3", Unit: "centralskolan"},
			{ID: "ak4-6", Name: "Åk 4–6", Unit: "centralskolan"},
		},
		Criteria: []domain.Criterion{{ID: "ansvar", Name: "Tar ansvar"}},
		Statuses: domain.DefaultStatuses(),
		Rules:    domain.DefaultRules(),
		Rounds:   []domain.Round{{ID: "plan"}, {ID: "april"}},
	}
}

func cells(sheet string, row string, fields ...string) domain.Cells {
	cs := domain.Cells{}
	for i, f := range fields {
		cs[f] = domain.Cell{Sheet: sheet, Ref: string(rune('B'+i)) + row}
	}
	return cs
}

var goalFields = []string{domain.FieldWhat, domain.FieldUnitGoal, domain.FieldHow, domain.FieldFollowUpMethod,
	domain.FieldFollowUpWhen, domain.FieldFollowUpWho, domain.FieldIndicator, domain.FieldTarget, domain.FieldValue,
	domain.FieldStatus, domain.FieldAnalysis, domain.FieldCorrection, domain.FieldRevisedWhat, domain.FieldRevisedHow,
	domain.FieldRevisedMethod, domain.FieldRevisedWhen, domain.FieldRevisedWho}

func goal(slot int, what, how string) domain.TeamGoal {
	return domain.TeamGoal{
		Slot: slot, What: what, How: how, UnitGoal: "e1", Value: "mod",
		FollowUp:  domain.FollowUpPlan{Method: "Läsloggar", When: domain.NewDate(2027, time.April, 15), Who: "Arbetslagsledaren"},
		Indicator: "Andel elever som läser varje dag", Target: "90 %",
		Cells: cells("Arbetslag", "7", goalFields...),
	}
}

// validPlan is a planning workbook with no findings at all.
func validPlan() *domain.Submission {
	return &domain.Submission{
		Identity: domain.Identity{TemplateVersion: domain.TemplateVersion, Organisation: "sorsele", Period: "2027",
			Round: "plan", Scope: domain.ScopeUnit, Unit: "centralskolan", Teams: []string{"ak1-3", "ak4-6"}},
		UnitGoals: []domain.UnitGoal{{ID: "e1", Text: "Alla elever läser bättre", DepartmentGoal: "skola-1",
			Indicator: "Andel", Target: "90 %", Cells: cells("Enhet", "5", domain.FieldText, domain.FieldDepartmentGoal)}},
		Teams: []domain.TeamGoals{
			{Team: "ak1-3", Goals: []domain.TeamGoal{goal(1, "Alla elever läser 20 minuter varje dag", "Vi inför en daglig lässtund efter lunch")}},
			{Team: "ak4-6", Goals: []domain.TeamGoal{goal(1, "Eleverna skriver egna berättelser", "Skrivverkstad två gånger i veckan med respons")}},
		},
		Criteria: []domain.CriterionNote{{Criterion: "ansvar", Meaning: "Följer upp lässtunden", TeamGoal: "ak1-3/1",
			Cells: cells("Lönekriterier", "4", domain.FieldMeaning, domain.FieldTeamGoal)}},
	}
}

// validFollowUp is a follow-up workbook of round april with no findings.
func validFollowUp() *domain.Submission {
	s := validPlan()
	s.Identity.Round = "april"
	for i := range s.Teams {
		for j := range s.Teams[i].Goals {
			s.Teams[i].Goals[j].ID = domain.TeamGoalID(s.Teams[i].Team, s.Teams[i].Goals[j].Slot)
			s.Teams[i].Goals[j].Reviews = []domain.Review{{Round: "april", Status: string(domain.StatusOnTrack)}}
		}
	}
	for i := range s.UnitGoals {
		s.UnitGoals[i].Reviews = []domain.UnitReview{{Round: "april", Status: string(domain.StatusOnTrack)}}
		s.UnitGoals[i].Cells[domain.FieldStatus] = domain.Cell{Sheet: "Enhet", Ref: "C12"}
	}
	return s
}

// fixture returns a valid planning or follow-up workbook after change.
func fixture(plan bool, change func(*domain.Submission)) *domain.Submission {
	s := validFollowUp()
	if plan {
		s = validPlan()
	}
	change(s)
	return s
}

func codes(fs domain.Findings) []string {
	var cs []string
	for _, f := range fs {
		cs = append(cs, f.Code)
	}
	return cs
}

func TestValidFixturesHaveNoFindings(t *testing.T) {
	for name, s := range map[string]*domain.Submission{"plan": validPlan(), "april": validFollowUp()} {
		if fs := Check("a.xlsx", s, testOrg(), Options{}); len(fs) != 0 {
			t.Errorf("%s: unexpected findings %v", name, fs)
		}
	}
}

func TestCheck(t *testing.T) {
	g0 := func(s *domain.Submission) *domain.TeamGoal { return &s.Teams[0].Goals[0] }
	review := func(s *domain.Submission) *domain.Review { return &g0(s).Reviews[0] }
	revised := func(s *domain.Submission) *domain.RevisedGoal {
		r := &domain.RevisedGoal{What: "Alla elever läser 30 minuter", How: "Högläsning", FollowUp: domain.FollowUpPlan{
			Method: "Läslogg", When: domain.NewDate(2027, time.June, 1), Who: "Rektor"}}
		review(s).Revised = r
		return r
	}
	tests := []struct {
		name   string
		plan   bool // start from validPlan, else validFollowUp
		opts   Options
		change func(*domain.Submission)
		want   Rule
		cell   string // expected cell, when the rule points at one
	}{
		{"another organisation", true, Options{}, func(s *domain.Submission) { s.Identity.Organisation = "lycksele" }, WrongOrganisation, ""},
		{"another period", true, Options{}, func(s *domain.Submission) { s.Identity.Period = "2026" }, WrongPeriod, ""},
		{"another round than asked", true, Options{Round: "april"}, func(*domain.Submission) {}, WrongRound, ""},
		{"unknown round", true, Options{}, func(s *domain.Submission) { s.Identity.Round = "maj" }, UnknownRound, ""},
		{"unknown unit", true, Options{}, func(s *domain.Submission) { s.Identity.Unit = "norra" }, UnknownUnit, ""},
		{"older template", true, Options{}, func(s *domain.Submission) { s.Identity.TemplateVersion = "0" }, OldTemplate, ""},
		{"unknown team in identity", true, Options{}, func(s *domain.Submission) { s.Identity.Teams = append(s.Identity.Teams, "ak7-9") }, UnknownTeam, ""},
		{"unknown team in goals", true, Options{}, func(s *domain.Submission) { s.Teams[1].Team = "ak7-9" }, UnknownTeam, ""},
		{"team added to config since", true, Options{}, func(s *domain.Submission) { s.Identity.Teams = s.Identity.Teams[:1]; s.Teams = s.Teams[:1] }, TeamNotInWorkbook, ""},
		{"team without goals", true, Options{}, func(s *domain.Submission) {
			s.Teams[1].Goals = nil
			s.Teams[1].Cells = domain.Cells{domain.FieldWhat: {Sheet: "Stora barn", Ref: "C5"}}
		}, TeamNoGoals, "C5"},
		{"four goals", true, Options{}, func(s *domain.Submission) {
			for i := 2; i <= 4; i++ {
				s.Teams[0].Goals = append(s.Teams[0].Goals, goal(i, "Mål nummer "+string(rune('0'+i)), "Ett eget sätt att arbeta"))
			}
		}, TooManyGoals, "B7"},
		{"missing what", true, Options{}, func(s *domain.Submission) { g0(s).What = "" }, GoalMissingWhat, "B7"},
		{"missing how", true, Options{}, func(s *domain.Submission) { g0(s).How = "" }, GoalMissingHow, "D7"},
		{"missing follow-up method", true, Options{}, func(s *domain.Submission) { g0(s).FollowUp.Method = "" }, GoalMissingFollowUp, "E7"},
		{"missing follow-up when", true, Options{}, func(s *domain.Submission) { g0(s).FollowUp.When = domain.Date{} }, FollowUpMissingWhen, "F7"},
		{"missing follow-up who", true, Options{}, func(s *domain.Submission) { g0(s).FollowUp.Who = "" }, FollowUpMissingWho, "G7"},
		{"unknown unit goal", true, Options{}, func(s *domain.Submission) { g0(s).UnitGoal = "e9" }, UnknownUnitGoal, "C7"},
		{"no unit goal", true, Options{}, func(s *domain.Submission) { g0(s).UnitGoal = "" }, GoalNoUnitGoal, "C7"},
		{"unit goal serving nothing", true, Options{}, func(s *domain.Submission) { s.UnitGoals[0].DepartmentGoal = "" }, UnitGoalNoDepartment, "C5"},
		{"unit goal serving unknown", true, Options{}, func(s *domain.Submission) { s.UnitGoals[0].DepartmentGoal = "vard-1" }, UnknownDepartmentGoal, "C5"},
		{"unit without goals", true, Options{}, func(s *domain.Submission) {
			s.UnitGoals = nil
			s.UnitGoalCells = domain.Cells{domain.FieldText: {Sheet: "Enhetens mål", Ref: "B5"}}
			g0(s).UnitGoal = ""
			s.Teams[1].Goals[0].UnitGoal = ""
		}, UnitNoGoals, "B5"},
		{"too many unit goals", true, Options{}, func(s *domain.Submission) {
			for i := 2; i <= 6; i++ {
				s.UnitGoals = append(s.UnitGoals, domain.UnitGoal{ID: domain.UnitGoalID(i), Text: "x", DepartmentGoal: "skola-1"})
			}
		}, TooManyUnitGoals, ""},
		{"date before period", true, Options{}, func(s *domain.Submission) { g0(s).FollowUp.When = domain.NewDate(2026, time.December, 1) }, DateOutsidePeriod, "F7"},
		{"date after period", true, Options{}, func(s *domain.Submission) { g0(s).FollowUp.When = domain.NewDate(2028, time.January, 1) }, DateOutsidePeriod, "F7"},
		{"text too long", true, Options{}, func(s *domain.Submission) { g0(s).How = strings.Repeat("å", 1001) }, TextTooLong, "D7"},
		{"unknown value", true, Options{}, func(s *domain.Submission) { g0(s).Value = "glädje" }, UnknownValue, "J7"},
		{"unknown criterion", true, Options{}, func(s *domain.Submission) { s.Criteria[0].Criterion = "lojalitet" }, UnknownCriterion, "B4"},
		{"criterion linked to unknown goal", true, Options{}, func(s *domain.Submission) { s.Criteria[0].TeamGoal = "okand/1" }, CriterionUnknownGoal, "C4"},
		{"criterion linked to an empty goal slot", true, Options{}, func(s *domain.Submission) { s.Criteria[0].TeamGoal = "ak1-3/3" }, CriterionEmptyGoal, "C4"},
		{"no indicator", true, Options{}, func(s *domain.Submission) { g0(s).Indicator, g0(s).Target = "", "" }, GoalNoIndicator, "H7"},
		{"no number", true, Options{}, func(s *domain.Submission) { g0(s).Target = "Alla elever" }, GoalNotMeasurable, "I7"},
		{"how repeats what", true, Options{}, func(s *domain.Submission) { g0(s).How = "Alla elever ska läsa 20 minuter varje dag." }, HowRepeatsWhat, "D7"},
		{"two teams same goal", true, Options{}, func(s *domain.Submission) { s.Teams[1].Goals[0].What = "alla elever läser 20 minuter, varje dag!" }, DuplicateTeamGoal, "B7"},
		{"criterion without meaning", true, Options{}, func(s *domain.Submission) { s.Criteria[0].Meaning = "" }, CriterionNoMeaning, "B4"},
		{"status missing", false, Options{}, func(s *domain.Submission) { review(s).Status = "" }, StatusMissing, "K7"},
		{"no review", false, Options{}, func(s *domain.Submission) { g0(s).Reviews = nil }, StatusMissing, "K7"},
		{"status outside scale", false, Options{}, func(s *domain.Submission) { review(s).Status = "klart" }, UnknownStatus, "K7"},
		{"at risk without analysis", false, Options{}, func(s *domain.Submission) { review(s).Status = string(domain.StatusAtRisk) }, StatusNeedsAnalysis, "L7"},
		{"not achieved without analysis", false, Options{}, func(s *domain.Submission) { review(s).Status = string(domain.StatusNotAchieved) }, StatusNeedsAnalysis, "L7"},
		// A revision sets what changes and keeps the rest; the goal it makes
		// still needs Vad, Hur and Uppföljning.
		{"revised without what", false, Options{}, func(s *domain.Submission) { revised(s).What, s.Teams[0].Goals[0].What = "", "" }, RevisedMissingWhat, "N7"},
		{"revised without how", false, Options{}, func(s *domain.Submission) { revised(s).How, s.Teams[0].Goals[0].How = "", "" }, RevisedMissingHow, "O7"},
		{"revised without method", false, Options{}, func(s *domain.Submission) {
			revised(s).FollowUp.Method, s.Teams[0].Goals[0].FollowUp.Method = "", ""
		}, RevisedMissingFollow, "P7"},
		{"revised without who", false, Options{}, func(s *domain.Submission) { revised(s).FollowUp.Who, s.Teams[0].Goals[0].FollowUp.Who = "", "" }, FollowUpMissingWho, "R7"},
		{"unit goal without status", false, Options{}, func(s *domain.Submission) { s.UnitGoals[0].Reviews = nil }, UnitStatusMissing, "C12"},
		{"unit goal at risk unexplained", false, Options{}, func(s *domain.Submission) { s.UnitGoals[0].Reviews[0].Status = string(domain.StatusAtRisk) }, UnitStatusNeedsAnalysis, "C12"},
		{"revised date outside", false, Options{}, func(s *domain.Submission) { revised(s).FollowUp.When = domain.NewDate(2030, 1, 1) }, DateOutsidePeriod, "Q7"},
		{"follow-up of wrong round", false, Options{Round: "plan"}, func(*domain.Submission) {}, WrongRound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fixture(tt.plan, tt.change)
			fs := Check("a.xlsx", s, testOrg(), tt.opts)
			var got *domain.Finding
			for i := range fs {
				if fs[i].Code == tt.want.Code {
					got = &fs[i]
					break
				}
			}
			if got == nil {
				t.Fatalf("want %s (%s), got %v", tt.want.Code, tt.want.MessageID, codes(fs))
			}
			if got.Severity != tt.want.Severity || got.MessageID != tt.want.MessageID || got.Location.File != "a.xlsx" {
				t.Errorf("finding %+v does not match rule %+v", got, tt.want)
			}
			if tt.cell != "" && got.Location.Cell != tt.cell {
				t.Errorf("%s at cell %q, want %q", tt.want.Code, got.Location.Cell, tt.cell)
			}
			for k, v := range got.Data {
				if s, ok := v.(string); ok && len([]rune(s)) > ExcerptLen+1 {
					t.Errorf("data %s quotes %d characters", k, len([]rune(s)))
				}
			}
		})
	}
}

func TestCheckNegative(t *testing.T) {
	// Each case is close to a rule but must not trigger it.
	tests := []struct {
		name   string
		plan   bool
		change func(*domain.Submission)
		not    Rule
	}{
		{"date on the last day", true, func(s *domain.Submission) {
			s.Teams[0].Goals[0].FollowUp.When = domain.NewDate(2027, time.December, 31)
		}, DateOutsidePeriod},
		{"text at the limit", true, func(s *domain.Submission) { s.Teams[0].Goals[0].How = strings.Repeat("å", 1000) }, TextTooLong},
		{"three goals", true, func(s *domain.Submission) {
			s.Teams[0].Goals = append(s.Teams[0].Goals, goal(2, "Föräldramöte varje termin", "Vi bjuder in i god tid"), goal(3, "Utflykt", "Vi planerar i augusti"))
		}, TooManyGoals},
		{"only a target with a number", true, func(s *domain.Submission) { s.Teams[0].Goals[0].Indicator = "" }, GoalNoIndicator},
		{"how adds a method", true, func(s *domain.Submission) {
			s.Teams[0].Goals[0].How = "Läsa 20 minuter varje dag med läsfadder och bokprat i klassen"
		}, HowRepeatsWhat},
		{"same goal twice in one team", true, func(s *domain.Submission) {
			s.Teams[0].Goals = append(s.Teams[0].Goals, goal(2, s.Teams[0].Goals[0].What, "Annat sätt att nå dit"))
		}, DuplicateTeamGoal},
		{"team left out by the reader (its missing sheet is the reader's finding)", true, func(s *domain.Submission) { s.Teams = s.Teams[:1] }, TeamNoGoals},
		{"a date the reader could not read", true, func(s *domain.Submission) {
			g := &s.Teams[0].Goals[0]
			g.FollowUp.When = domain.Date{}
			g.Cells = domain.Cells{domain.FieldFollowUpWhen: {Sheet: "Lag", Ref: "C9"}}
			s.Unread = map[domain.Cell]bool{{Sheet: "Lag", Ref: "C9"}: true}
		}, FollowUpMissingWhen},
		{"preset unit goal is linkable", true, func(s *domain.Submission) { s.Teams[0].Goals[0].UnitGoal = "e7" }, UnknownUnitGoal},
		{"team workbook lists one team", true, func(s *domain.Submission) {
			s.Identity.Scope = domain.ScopeTeam
			s.Identity.Teams = []string{"ak1-3"}
			s.Teams = s.Teams[:1]
		}, TeamNotInWorkbook},
		{"at risk with a correction", false, func(s *domain.Submission) {
			s.Teams[0].Goals[0].Reviews[0].Status = string(domain.StatusAtRisk)
			s.Teams[0].Goals[0].Reviews[0].Correction = "Fler vuxna vid lässtunden"
		}, StatusNeedsAnalysis},
		{"replaced goal needs no status", false, func(s *domain.Submission) {
			s.Teams[0].Goals[0].ReplacedIn = "april"
			s.Teams[0].Goals[0].Reviews = nil
		}, StatusMissing},
		{"follow-up does not recheck how", false, func(s *domain.Submission) { s.Teams[0].Goals[0].How = "" }, GoalMissingHow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fixture(tt.plan, tt.change)
			org := testOrg()
			org.Units[0].Goals = []domain.UnitGoal{{ID: "e7", Text: "Förinställt", DepartmentGoal: "skola-1", Preset: true}}
			for _, f := range Check("a.xlsx", s, org, Options{}) {
				if f.Code == tt.not.Code {
					t.Errorf("unexpected %s: %+v", f.Code, f)
				}
			}
		})
	}
}

func TestIdentityStopsEarly(t *testing.T) {
	s := validPlan()
	s.Identity.Organisation = "lycksele"
	s.Teams[0].Goals[0].How = ""
	if fs := Check("a.xlsx", s, testOrg(), Options{}); len(fs) != 1 || fs[0].Code != WrongOrganisation.Code {
		t.Fatalf("got %v, want only %s", codes(fs), WrongOrganisation.Code)
	}
}

func TestExcerptInData(t *testing.T) {
	s := validPlan()
	s.Identity.Organisation = strings.Repeat("x", 500)
	fs := Check("a.xlsx", s, testOrg(), Options{})
	if got := fs[0].Data["Got"].(string); len([]rune(got)) > ExcerptLen+1 {
		t.Fatalf("identity quoted %d characters", len([]rune(got)))
	}
}

func TestRulesUnique(t *testing.T) {
	codes, ids := map[string]bool{}, map[string]bool{}
	for _, r := range Rules() {
		if codes[r.Code] || ids[r.MessageID] {
			t.Errorf("rule %+v repeats a code or message", r)
		}
		codes[r.Code], ids[r.MessageID] = true, true
		if !strings.HasPrefix(r.MessageID, "Finding") || !strings.HasPrefix(r.Code, "MB02") {
			t.Errorf("rule %+v: want code MB02xx and message Finding…", r)
		}
	}
}

func TestSimilar(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Alla elever läser", "alla elever läser!", true},
		{"Alla elever läser 20 minuter per dag", "Alla elever läser 20 minuter varje dag", true},
		{"Alla elever läser", "Vi inför lässtund med bokprat efter lunch", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := similar(tt.a, tt.b); got != tt.want {
			t.Errorf("similar(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
