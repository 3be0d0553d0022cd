package workbook

import (
	"time"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// testOrg builds a small municipality by hand, in the shape of the
// Sorsele material, until the config loader lands. Names are invented.
func testOrg() *domain.Organisation {
	return &domain.Organisation{
		ID: "sorsele", Name: "Sorsele kommun", Period: "2027",
		PeriodStart: domain.NewDate(2027, time.January, 1), PeriodEnd: domain.NewDate(2027, time.December, 31),
		Language: domain.Swedish,
		HR:       domain.Contact{Name: "Personalenheten", Email: "hr@sorsele.example", Phone: "0952-140 00"},
		Vision:   "Ett livskraftigt Sorsele – där vi tillsammans skapar ett hållbart och generöst samhälle för alla.",
		OverallGoal: "Sorsele kommun är en service- och myndighetsorganisation där helhetssyn och samverkan präglar arbetet för medborgarnas bästa. " +
			"Verksamheten i den samordnade förvaltningen kännetecknas av hög kvalitet.",
		Values: []domain.Value{
			{ID: "mod", Name: "Mod", Behaviours: []string{"att ta ansvar", "att fatta beslut", "att prova nytt", "att agera"}},
			{ID: "gladje", Name: "Glädje", Behaviours: []string{"positiv inställning", "ha roligt på jobbet", "se varandra"}},
			{ID: "respekt", Name: "Respekt", Behaviours: []string{"känna stolthet och respekt för uppdraget", "ta alla på allvar", "respektera fattade beslut"}},
		},
		Departments: []domain.Department{
			{ID: "skola", Name: "Skolverksamheten", Goals: []domain.DepartmentGoal{
				{ID: "skola-1", Text: "Tillsammans levererar vi en skola av hög nationell kvalitet. Barn, elever och vårdnadshavare möts med respekt av medarbetare som sätter barn och elever i centrum."},
			}},
			{ID: "teknik", Name: "Tekniska verksamheten", Goals: []domain.DepartmentGoal{
				{ID: "teknik-1", Text: "Tillsammans levererar vi service och tjänster av hög kvalitet med gott bemötande gentemot våra kunder."},
				{ID: "teknik-2", Text: "Verksamheten är miljö- och energieffektiv i sin förvaltning av kommunens egendomar."},
			}},
		},
		Units: []domain.Unit{
			{ID: "bjorken", Name: "Förskolan Björken", Department: "skola", Manager: domain.Contact{Name: "Anna Exempel", Email: "anna@sorsele.example"}},
			{ID: "forradet", Name: "Förrådet & verkstaden", Department: "teknik", Manager: domain.Contact{Name: "Bo Prov", Email: "=bo@sorsele.example"},
				Goals: []domain.UnitGoal{{Text: "Minska energianvändningen med tio procent.", DepartmentGoal: "teknik-2", Indicator: "kWh per månad", Target: "-10 %", Responsible: "Enhetschef"}}},
		},
		Teams: []domain.Team{
			{ID: "bjorken-sma", Name: "Småbarn", Unit: "bjorken"},
			{ID: "bjorken-stora", Name: "Stora barn: 4–5 år", Unit: "bjorken"},
			{ID: "forradet-vagar", Name: "Vägar och parker", Unit: "forradet"},
		},
		Criteria: []domain.Criterion{
			{ID: "ansvar", Name: "Tar ansvar", Description: "Tar ansvar för sina uppgifter och för arbetslagets mål.", Value: "mod",
				Levels: []string{"Gör sina uppgifter efter påminnelse.", "Gör sina uppgifter och bidrar till arbetslagets mål.", "Driver arbetslagets mål och hjälper andra att ta ansvar."}},
			{ID: "bemotande", Name: "Gott bemötande", Description: "Möter medborgare och kollegor med respekt.", Value: "respekt",
				Levels: []string{"Ger korrekt service.", "Möter alla med respekt.", "Utvecklar bemötandet i arbetslaget."}},
		},
		Statuses: domain.DefaultStatuses(),
		Rules:    domain.DefaultRules(),
		Rounds: []domain.Round{
			{ID: domain.PlanRound, Name: "Planering", Deadline: domain.NewDate(2027, time.February, 26)},
			{ID: "november", Name: "Uppföljning november", Deadline: domain.NewDate(2027, time.November, 12),
				Meeting: &domain.Meeting{Date: domain.NewDate(2027, time.November, 19), Time: "08.00–12.00", Note: "Uppföljande träff för alla chefer"}},
		},
	}
}

func mustCatalogue(t interface{ Fatal(...any) }) *i18n.Catalogue {
	c, err := DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	return c
}
