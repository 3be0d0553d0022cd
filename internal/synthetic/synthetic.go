// Package synthetic builds invented municipalities of any size for
// benchmarks and load tests. Every name in them is made up; nothing is
// random, so two runs build the same organisation.
package synthetic

import (
	"fmt"
	"time"

	"github.com/malarbete/malarbete/internal/domain"
)

// Options size the municipality.
type Options struct {
	// Units is the number of units; 0 means 10.
	Units int
	// TeamsPerUnit is the number of teams of each unit; 0 means 5.
	TeamsPerUnit int
	// Departments is the number of departments the units are spread
	// over; 0 means 5.
	Departments int
	// Language is the workbooks' language; empty means Swedish.
	Language domain.Lang
}

// Organisation returns a municipality of opts.Units units with
// opts.TeamsPerUnit teams each, in the shape of a real config: a vision,
// values with behaviours, departments with goals, criteria and rounds.
func Organisation(opts Options) *domain.Organisation {
	if opts.Units <= 0 {
		opts.Units = 10
	}
	if opts.TeamsPerUnit <= 0 {
		opts.TeamsPerUnit = 5
	}
	if opts.Departments <= 0 {
		opts.Departments = 5
	}
	if !opts.Language.Valid() {
		opts.Language = domain.Swedish
	}
	org := &domain.Organisation{
		ID:          "syntetisk",
		Name:        "Syntetiska kommun",
		Period:      "2027",
		PeriodStart: domain.NewDate(2027, time.January, 1),
		PeriodEnd:   domain.NewDate(2027, time.December, 31),
		Language:    opts.Language,
		HR:          domain.Contact{Name: "Personalavdelningen", Email: "hr@syntetisk.example"},
		Vision:      "Ett livskraftigt samhälle där vi tillsammans skapar ett hållbart och generöst liv för alla.",
		OverallGoal: "Kommunen är en service- och myndighetsorganisation där helhetssyn och samverkan präglar arbetet för invånarnas bästa.",
		Values: []domain.Value{
			{ID: "mod", Name: "Mod", Behaviours: []string{"att ta ansvar", "att fatta beslut", "att prova nytt", "att agera"}},
			{ID: "gladje", Name: "Glädje", Behaviours: []string{"positiv inställning", "ha roligt på jobbet", "se varandra"}},
			{ID: "respekt", Name: "Respekt", Behaviours: []string{"känna stolthet och respekt för uppdraget", "ta alla på allvar", "respektera fattade beslut"}},
		},
		Criteria: []domain.Criterion{
			{ID: "ansvar", Name: "Tar ansvar", Description: "Tar ansvar för sina uppgifter och för arbetslagets mål.", Value: "mod",
				Levels: []string{"Gör sina uppgifter efter påminnelse.", "Gör sina uppgifter och bidrar till arbetslagets mål.", "Driver arbetslagets mål och hjälper andra att ta ansvar."}},
			{ID: "bemotande", Name: "Gott bemötande", Description: "Möter invånare och kollegor med respekt.", Value: "respekt",
				Levels: []string{"Ger korrekt service när någon frågar.", "Möter alla med respekt och följer upp frågor.", "Utvecklar bemötandet i hela arbetslaget."}},
			{ID: "utveckling", Name: "Utvecklar verksamheten", Description: "Prövar nya arbetssätt och delar med sig.", Value: "mod",
				Levels: []string{"Följer beslutade arbetssätt.", "Föreslår förbättringar.", "Leder förbättringsarbete."}},
		},
		Statuses: domain.DefaultStatuses(),
		Rules:    domain.DefaultRules(),
		Rounds: []domain.Round{
			{ID: domain.PlanRound, Name: "Planering", Deadline: domain.NewDate(2027, time.February, 26)},
			{ID: "augusti", Name: "Uppföljning augusti", Deadline: domain.NewDate(2027, time.August, 31)},
			{ID: "november", Name: "Uppföljning november", Deadline: domain.NewDate(2027, time.November, 12),
				Meeting: &domain.Meeting{Date: domain.NewDate(2027, time.November, 19), Time: "08.00–12.00"}},
		},
	}
	for d := 1; d <= opts.Departments; d++ {
		id := fmt.Sprintf("verksamhet-%d", d)
		org.Departments = append(org.Departments, domain.Department{
			ID: id, Name: fmt.Sprintf("Verksamhet %d", d),
			Goals: []domain.DepartmentGoal{
				{ID: id + "-1", Text: "Tillsammans levererar vi service av hög kvalitet med gott bemötande."},
				{ID: id + "-2", Text: "Verksamheten är miljö- och energieffektiv och arbetar för en säker och attraktiv miljö."},
			},
		})
	}
	for u := 1; u <= opts.Units; u++ {
		uid := fmt.Sprintf("enhet-%d", u)
		org.Units = append(org.Units, domain.Unit{
			ID: uid, Name: fmt.Sprintf("Enhet %d", u),
			Department: fmt.Sprintf("verksamhet-%d", (u-1)%opts.Departments+1),
			Manager:    domain.Contact{Name: fmt.Sprintf("Chef %d", u), Email: fmt.Sprintf("chef%d@syntetisk.example", u)},
		})
		for t := 1; t <= opts.TeamsPerUnit; t++ {
			org.Teams = append(org.Teams, domain.Team{
				ID: fmt.Sprintf("%s-lag-%d", uid, t), Name: fmt.Sprintf("Arbetslag %d", t), Unit: uid,
			})
		}
	}
	// Indexed as config.Load indexes a config read from its file, so that
	// the benchmarks look units and teams up as a real run does.
	org.BuildIndex()
	return org
}
