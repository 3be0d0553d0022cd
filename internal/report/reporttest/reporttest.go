// Package reporttest builds organisations and registers for the report's
// tests and benchmarks: a small hand-made municipality with a planning
// round and two follow-up rounds, and a synthetic one of any size. Every
// person and unit in it is invented.
package reporttest

import (
	"fmt"
	"strings"
	"time"

	"github.com/malarbete/malarbete/internal/domain"
)

// Rounds of the fixtures, in order.
const (
	RoundPlan   = "plan"
	RoundApril  = "april"
	RoundAugust = "augusti"
)

func d(y int, m time.Month, day int) domain.Date { return domain.NewDate(y, m, day) }

// Organisation returns a small municipality: three departments, five
// units, six teams, three salary criteria and four rounds.
func Organisation() *domain.Organisation {
	return &domain.Organisation{
		ID: "sorsele", Name: "Sorsele kommun", Period: "2027",
		PeriodStart: d(2027, 1, 1), PeriodEnd: d(2027, 12, 31),
		Language: domain.Swedish,
		HR:       domain.Contact{Name: "Exempel Personalsson", Email: "hr@example.org"},
		Vision:   "Ett livskraftigt Sorsele – där vi tillsammans skapar ett hållbart och generöst samhälle för alla.",
		OverallGoal: "Sorsele kommun är en service- och myndighetsorganisation där helhetssyn och samverkan präglar arbetet för medborgarnas bästa. " +
			"Verksamheten i den samordnade förvaltningen kännetecknas av hög kvalitet. Ett gemensamt synsätt i hela organisationen är att verka för en social, " +
			"ekologisk och ekonomiskt hållbar tillväxt som även är smart och inkluderande.",
		Purpose: []string{
			"Ledning och styrning av våra arbetsplatser",
			"Identifiera problem och möjligheter i alla led",
			"Följa upp och korrigera",
			"Bättre samsyn mellan verksamheter",
		},
		Values: []domain.Value{
			{ID: "mod", Name: "Mod", Behaviours: []string{"att ta ansvar", "att fatta beslut", "att prova nytt", "att agera"}},
			{ID: "gladje", Name: "Glädje", Behaviours: []string{"positiv inställning", "ha roligt på jobbet", "se varandra"}},
			{ID: "respekt", Name: "Respekt", Behaviours: []string{"känna stolthet och respekt för uppdraget", "ta alla på allvar", "respektera fattade beslut"}},
		},
		Departments: []domain.Department{
			{ID: "socialtjanst", Name: "Socialtjänst", Goals: []domain.DepartmentGoal{
				{ID: "socialtjanst-1", Text: "Tillsammans gör vi ett arbete som aktivt främjar och stärker den enskildes förmåga att leva ett självständigt liv."},
				{ID: "socialtjanst-2", Text: "Vi bedriver en hälso- och sjukvård med god kvalitet, trygghet, säkerhet och på lika villkor för vår befolkning."},
			}},
			{ID: "skola", Name: "Skola", Goals: []domain.DepartmentGoal{
				{ID: "skola-1", Text: "Tillsammans levererar vi en skola av hög nationell kvalitet. Barn, elever och vårdnadshavare möts med respekt av medarbetare som sätter barn och elever i centrum."},
			}},
			{ID: "teknik", Name: "Teknisk verksamhet", Goals: []domain.DepartmentGoal{
				{ID: "teknik-1", Text: "Tillsammans levererar vi service och tjänster av hög kvalitet med gott bemötande gentemot våra kunder."},
				{ID: "teknik-2", Text: "Verksamheten är miljö- och energieffektiv i sin förvaltning av kommunens egendomar."},
			}},
		},
		Units: []domain.Unit{
			{ID: "hemtjansten", Name: "Hemtjänsten", Department: "socialtjanst", Manager: domain.Contact{Name: "Anna Exempel", Email: "anna@example.org"}},
			{ID: "bjorkgarden", Name: "Björkgårdens äldreboende", Department: "socialtjanst", Manager: domain.Contact{Name: "Bo Prov", Email: "bo@example.org"}},
			{ID: "centralskolan", Name: "Centralskolan", Department: "skola", Manager: domain.Contact{Name: "Cecilia Test", Email: "cecilia@example.org"}},
			{ID: "forskolan-bjorken", Name: "Förskolan Björken", Department: "skola", Manager: domain.Contact{Name: "David Demo", Email: "david@example.org"}},
			{ID: "fastighet", Name: "Fastighet", Department: "teknik", Manager: domain.Contact{Name: "Eva Fiktiv", Email: "eva@example.org"}},
		},
		Teams: []domain.Team{
			{ID: "hemtjanst-norr", Name: "Hemtjänst norr", Unit: "hemtjansten", Leader: "Fia Påhittad"},
			{ID: "hemtjanst-soder", Name: "Hemtjänst söder", Unit: "hemtjansten"},
			{ID: "avdelning-1", Name: "Avdelning 1", Unit: "bjorkgarden"},
			{ID: "ak-1-3", Name: "Årskurs 1–3", Unit: "centralskolan"},
			{ID: "ak-4-6", Name: "Årskurs 4–6", Unit: "centralskolan"},
			{ID: "fastighetsskotsel", Name: "Fastighetsskötsel", Unit: "fastighet"},
		},
		Criteria: []domain.Criterion{
			{ID: "ansvar", Name: "Tar ansvar", Description: "Tar ansvar för sina uppgifter och för arbetslagets mål.", Value: "mod"},
			{ID: "bemotande", Name: "Gott bemötande", Description: "Möter invånare, elever och kollegor med respekt och ger god service.", Value: "respekt"},
			{ID: "samarbete", Name: "Samarbetar", Description: "Bidrar till ett gott samarbete i och mellan arbetslag.", Value: "gladje"},
		},
		Statuses: domain.DefaultStatuses(),
		Rules:    domain.DefaultRules(),
		Rounds: []domain.Round{
			{ID: RoundPlan, Name: "Planering", Deadline: d(2027, 2, 26)},
			{ID: RoundApril, Name: "Uppföljning april", Deadline: d(2027, 4, 30)},
			{ID: RoundAugust, Name: "Uppföljning augusti", Deadline: d(2027, 8, 31)},
			{ID: "november", Name: "Uppföljningsträff november", Deadline: d(2027, 11, 12),
				Meeting: &domain.Meeting{Date: d(2027, 11, 19), Time: "08:00–12:00"}},
		},
	}
}

func plan(method string, when domain.Date, who string) domain.FollowUpPlan {
	return domain.FollowUpPlan{Method: method, When: when, Who: who}
}

func src(unit, round string) domain.Provenance {
	return domain.Provenance{File: unit + "-" + round + ".xlsx", Round: round, Unit: unit, TemplateVersion: domain.TemplateVersion,
		ReadAt: time.Date(2027, 9, 1, 8, 0, 0, 0, time.UTC)}
}

// Register returns the register of Organisation after the planning round
// and the April and August follow-ups. Förskolan Björken never returned
// its workbook; a goal of Hemtjänst norr was revised in August; statuses
// change between April and August.
func Register() *domain.Register {
	rounds := []string{RoundPlan, RoundApril, RoundAugust}
	srcs := func(unit string) []domain.Provenance {
		var ps []domain.Provenance
		for _, r := range rounds {
			ps = append(ps, src(unit, r))
		}
		return ps
	}
	rv := func(round, status string, rest ...string) domain.Review {
		r := domain.Review{Round: round, Status: status}
		if len(rest) > 0 {
			r.Current = rest[0]
		}
		if len(rest) > 1 {
			r.Analysis = rest[1]
		}
		if len(rest) > 2 {
			r.Correction = rest[2]
		}
		return r
	}
	urv := func(round, status string, rest ...string) domain.UnitReview {
		r := rv(round, status, rest...)
		return domain.UnitReview{Round: r.Round, Status: r.Status, Current: r.Current, Analysis: r.Analysis, Correction: r.Correction}
	}
	return &domain.Register{
		SchemaVersion: domain.RegisterSchemaVersion, Organisation: "sorsele", Period: "2027",
		Rounds: rounds,
		Units: []domain.UnitRecord{
			{
				Unit: "hemtjansten", Department: "socialtjanst", Sources: srcs("hemtjansten"),
				Goals: []domain.UnitGoal{
					{ID: "e1", Text: "Brukarna känner sig trygga med hemtjänsten och vet vem som kommer.", DepartmentGoal: "socialtjanst-1", Indicator: "Andel trygga brukare i brukarenkäten", Target: "90 %", Responsible: "Enhetschef",
						Reviews: []domain.UnitReview{urv(RoundApril, "on-track", "86 %"), urv(RoundAugust, "at-risk", "81 %", "Många nya vikarier under sommaren.", "Introduktion för vikarier före semestern.")}},
					{ID: "e2", Text: "Färre olika personal per brukare och vecka.", DepartmentGoal: "socialtjanst-2", Indicator: "Antal personal per brukare och 14 dagar", Target: "högst 10", Responsible: "Planerare",
						Reviews: []domain.UnitReview{urv(RoundApril, "at-risk", "13", "Fasta rutter är inte införda än.", "Rutterna läggs om i maj."), urv(RoundAugust, "achieved", "9")}},
				},
				Teams: []domain.TeamGoals{
					{Team: "hemtjanst-norr", Goals: []domain.TeamGoal{
						{ID: "hemtjanst-norr/1", Slot: 1, What: "Varje brukare har en kontaktperson som brukaren känner.", UnitGoal: "e1",
							How:       "Vi går igenom alla genomförandeplaner i mars och utser en kontaktperson för varje brukare. Kontaktpersonen presenterar sig vid nästa besök.",
							FollowUp:  plan("Genomgång av genomförandeplanerna på arbetsplatsträff", d(2027, 4, 15), "Arbetslagsledaren"),
							Indicator: "Andel brukare med utsedd kontaktperson", Target: "100 %", Value: "respekt",
							Collaboration: "Björkgårdens äldreboende, anhöriga",
							Reviews: []domain.Review{
								rv(RoundApril, "on-track", "80 %"),
								rv(RoundAugust, "achieved", "100 %"),
							}},
						{ID: "hemtjanst-norr/2", Slot: 2, What: "Vi minskar antalet olika personal hos varje brukare.", UnitGoal: "e2",
							How:       "Vi planerar i fasta slingor och låter samma personal gå till samma brukare.",
							FollowUp:  plan("Uttag ur planeringssystemet varannan vecka", d(2027, 4, 1), "Planeraren"),
							Indicator: "Antal personal per brukare och 14 dagar", Target: "högst 10", Value: "mod",
							ReplacedIn: RoundAugust,
							Reviews: []domain.Review{
								rv(RoundApril, "at-risk", "14", "Sjukfrånvaron i vintras gjorde att vi fick ta in många vikarier.", "Vi bemannar slingorna med ordinarie personal först."),
								{Round: RoundAugust, Status: "not-achieved", Current: "13",
									Analysis:   "Fasta slingor räcker inte när semesterschemat läggs utan hänsyn till brukarna.",
									Correction: "Målet formuleras om så att det gäller semesterplaneringen.",
									Revised: &domain.RevisedGoal{What: "Semesterschemat läggs så att varje brukare möter högst fyra vikarier under sommaren.",
										How:      "Vi lägger semesterschemat tillsammans med planeraren och utgår från brukarnas slingor.",
										FollowUp: plan("Uttag ur planeringssystemet efter sommaren", d(2027, 9, 15), "Planeraren")}},
							}},
						{ID: "hemtjanst-norr/2r1", Slot: 2, What: "Semesterschemat läggs så att varje brukare möter högst fyra vikarier under sommaren.", UnitGoal: "e2",
							How:       "Vi lägger semesterschemat tillsammans med planeraren och utgår från brukarnas slingor.",
							FollowUp:  plan("Uttag ur planeringssystemet efter sommaren", d(2027, 9, 15), "Planeraren"),
							Indicator: "Antal vikarier per brukare under sommaren", Target: "högst 4", Value: "mod",
							Replaces: "hemtjanst-norr/2"},
					}},
					{Team: "hemtjanst-soder", Goals: []domain.TeamGoal{
						{ID: "hemtjanst-soder/1", Slot: 1, What: "Alla i arbetslaget kan använda det digitala signeringssystemet.", UnitGoal: "e1",
							How:       "Två superanvändare visar resten av arbetslaget under maj.",
							FollowUp:  plan("Kontroll i systemet av vem som signerar", d(2027, 6, 1), "Superanvändarna"),
							Indicator: "Andel medarbetare som signerar digitalt", Target: "100 %", Value: "mod",
							Collaboration: "IT-avdelningen i Storuman",
							Reviews: []domain.Review{
								rv(RoundApril, "not-started"),
								rv(RoundAugust, "on-track", "70 %"),
							}},
					}},
				},
				Criteria: []domain.CriterionNote{
					{Criterion: "ansvar", Meaning: "Tar ansvar för att brukaren får rätt insats även när planeringen ändras.", TeamGoal: "hemtjanst-norr/1"},
					{Criterion: "bemotande", Meaning: "Presenterar sig och förklarar vad som ska göras vid varje besök.", TeamGoal: "hemtjanst-norr/1"},
					{Name: "Digital kompetens", Description: "Använder digitala verktyg i det dagliga arbetet.", Meaning: "Använder verksamhetens digitala system och hjälper kollegor att göra det.", TeamGoal: "hemtjanst-soder/1"},
				},
			},
			{
				Unit: "bjorkgarden", Department: "socialtjanst", Sources: srcs("bjorkgarden"),
				Goals: []domain.UnitGoal{
					{ID: "e1", Text: "De boende har en meningsfull vardag med aktiviteter varje dag.", DepartmentGoal: "socialtjanst-1", Indicator: "Antal aktiviteter per vecka", Target: "minst 7", Responsible: "Enhetschef",
						Reviews: []domain.UnitReview{urv(RoundApril, "on-track", "8"), urv(RoundAugust, "on-track", "7")}},
				},
				Teams: []domain.TeamGoals{
					{Team: "avdelning-1", Goals: []domain.TeamGoal{
						{ID: "avdelning-1/1", Slot: 1, What: "Varje boende erbjuds en aktivitet utomhus varje vecka.", UnitGoal: "e1",
							How:       "Vi gör ett veckoschema för utevistelse och tar hjälp av frivilliga från Svenska kyrkan.",
							FollowUp:  plan("Aktivitetslogg som gås igenom varje månad", d(2027, 5, 1), "Aktivitetsombudet"),
							Indicator: "Andel boende med minst en utomhusaktivitet per vecka", Target: "100 %", Value: "gladje",
							Collaboration: "Svenska kyrkan; Hemtjänsten",
							Reviews: []domain.Review{
								rv(RoundApril, "on-track", "85 %"),
								rv(RoundAugust, "at-risk", "60 %", "Under sommaren saknades frivilliga och vikarierna hann inte gå ut.", "Vi schemalägger utevistelsen som en fast punkt och ber fritidsgården om hjälp."),
							}},
					}},
				},
			},
			{
				Unit: "centralskolan", Department: "skola", Sources: srcs("centralskolan"),
				Goals: []domain.UnitGoal{
					{ID: "e1", Text: "Alla elever når minst godtagbara kunskaper i läsning i årskurs 3.", DepartmentGoal: "skola-1", Indicator: "Resultat på nationella prov i svenska åk 3", Target: "100 %", Responsible: "Rektor",
						Reviews: []domain.UnitReview{urv(RoundApril, "on-track", "92 %"), urv(RoundAugust, "not-achieved", "94 %", "Tre elever når inte målet i läsning.", "Intensivläsning i åk 4 för de tre.")}},
				},
				Teams: []domain.TeamGoals{
					{Team: "ak-1-3", Goals: []domain.TeamGoal{
						{ID: "ak-1-3/1", Slot: 1, What: "Eleverna läser minst tjugo minuter varje skoldag.", UnitGoal: "e1",
							How:       "Vi inför en fast lässtund efter lunch och låter eleverna välja böcker i skolbiblioteket.",
							FollowUp:  plan("Läsloggar och läsförståelsetest", d(2027, 6, 10), "Klasslärarna"),
							Indicator: "Andel elever som når kravnivån i läsförståelse", Target: "95 %", Value: "gladje",
							Collaboration: "Skolbiblioteket, vårdnadshavare",
							Reviews: []domain.Review{
								rv(RoundApril, "on-track", "88 %"),
								rv(RoundAugust, "on-track", "91 %"),
							}},
						{ID: "ak-1-3/2", Slot: 2, What: "Vårdnadshavarna vet hur deras barn ligger till i läsning.", UnitGoal: "e1",
							How:       "Vi tar upp läsningen på varje utvecklingssamtal och skickar hem ett kort läsbrev varje termin.",
							FollowUp:  plan("Enkät till vårdnadshavare", d(2027, 12, 1), "Arbetslaget"),
							Indicator: "Andel vårdnadshavare som svarar ja", Target: "90 %", Value: "respekt",
							Reviews: []domain.Review{
								rv(RoundApril, "not-started"),
								rv(RoundAugust, "not-started"),
							}},
					}},
					{Team: "ak-4-6", Goals: []domain.TeamGoal{
						{ID: "ak-4-6/1", Slot: 1, What: "Ingen elev är borta från skolan mer än tio procent utan att vi har en plan.", UnitGoal: "e1",
							How:       "Mentorerna följer närvaron varje vecka och kallar till möte vid hög frånvaro.",
							FollowUp:  plan("Närvarorapport varje månad", d(2027, 3, 31), "Mentorerna och elevhälsan"),
							Indicator: "Andel elever med hög frånvaro som har en plan", Target: "100 %", Value: "mod",
							Collaboration: "Elevhälsan, socialtjänsten",
							Reviews: []domain.Review{
								rv(RoundApril, "at-risk", "60 %", "Elevhälsan har haft vakanser.", ""),
								rv(RoundAugust, "on-track", "90 %"),
							}},
					}},
				},
				Criteria: []domain.CriterionNote{
					{Criterion: "samarbete", Meaning: "Planerar lektioner tillsammans med kollegorna i arbetslaget.", TeamGoal: "ak-1-3/1"},
				},
			},
			{
				Unit: "fastighet", Department: "teknik", Sources: srcs("fastighet"), Invalid: true,
				Goals: []domain.UnitGoal{
					{ID: "e1", Text: "Kommunens byggnader använder mindre energi.", DepartmentGoal: "teknik-2", Indicator: "kWh per kvadratmeter och år", Target: "−10 %", Responsible: "Driftchef",
						Reviews: []domain.UnitReview{urv(RoundApril, "not-started", "0 %"), urv(RoundAugust, "on-track", "−4 %")}},
				},
				Teams: []domain.TeamGoals{
					{Team: "fastighetsskotsel", Goals: []domain.TeamGoal{
						{ID: "fastighetsskotsel/1", Slot: 1, What: "Vi sänker inomhustemperaturen nattetid i alla skolor.", UnitGoal: "e1",
							How:       "Vi programmerar om styrsystemet och kontrollerar varje fastighet en gång i månaden.",
							FollowUp:  plan("Avläsning av energimätarna", d(2027, 4, 30), "Drifttekniker"),
							Indicator: "Energianvändning i skolorna", Target: "−10 %", Value: "mod",
							Collaboration: "Centralskolan, Skola",
							Reviews: []domain.Review{
								rv(RoundApril, "on-track", "−4 %"),
								rv(RoundAugust, "achieved", "−11 %"),
							}},
					}},
				},
			},
		},
		Missing: []domain.MissingUnit{
			{Round: RoundPlan, Unit: "forskolan-bjorken"},
			{Round: RoundApril, Unit: "forskolan-bjorken"},
			{Round: RoundAugust, Unit: "forskolan-bjorken"},
		},
	}
}

// Findings returns a few open findings for the appendix.
func Findings() domain.Findings {
	return domain.Findings{
		{Code: "MB0301", Severity: domain.SeverityError, Location: domain.Location{File: "fastighet-augusti.xlsx", Sheet: "Fastighetsskötsel", Cell: "D9"},
			MessageID: "ReportTestFinding", Data: map[string]any{"Field": "Hur"}},
		{Code: "MB0410", Severity: domain.SeverityWarning, Location: domain.Location{File: "fastighet-augusti.xlsx", Sheet: "Lönekriterier"},
			MessageID: "ReportTestFinding", Data: map[string]any{"Field": "Kopplat mål"}},
	}
}

// words is a pool of Swedish words for synthetic goal texts.
var words = strings.Fields("vi arbetar tillsammans för att alla brukare elever och invånare ska få god service trygghet kvalitet " +
	"i rätt tid med respekt genom tydlig planering uppföljning varje månad samverkan mellan enheter och arbetslag " +
	"minskad sjukfrånvaro ökad delaktighet hållbar energianvändning digitala arbetssätt bemötande tillgänglighet")

func text(seed, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		w := words[(seed*7+i*13+i*i)%len(words)]
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	return b.String()
}

// Synthetic returns a municipality of units units in ten departments,
// each unit with teams teams of goals goals, and its register after a
// planning round and two follow-ups, for benchmarks.
func Synthetic(units, teams, goals int) (*domain.Organisation, *domain.Register) {
	org := Organisation()
	org.Departments = nil
	org.Units = nil
	org.Teams = nil
	const depts = 10
	for i := range depts {
		id := fmt.Sprintf("verksamhet-%d", i+1)
		org.Departments = append(org.Departments, domain.Department{ID: id, Name: fmt.Sprintf("Verksamhet %d", i+1),
			Goals: []domain.DepartmentGoal{{ID: id + "-1", Text: text(i, 18)}, {ID: id + "-2", Text: text(i+3, 14)}}})
	}
	reg := &domain.Register{SchemaVersion: domain.RegisterSchemaVersion, Organisation: org.ID, Period: org.Period,
		Rounds: []string{RoundPlan, RoundApril, RoundAugust}}
	statuses := []string{"on-track", "on-track", "at-risk", "achieved", "not-started", "not-achieved", "not-assessed"}
	for u := range units {
		dep := org.Departments[u%depts]
		uid := fmt.Sprintf("enhet-%d", u+1)
		org.Units = append(org.Units, domain.Unit{ID: uid, Name: fmt.Sprintf("Enhet %d", u+1), Department: dep.ID,
			Manager: domain.Contact{Name: fmt.Sprintf("Chef %d", u+1)}})
		rec := domain.UnitRecord{Unit: uid, Department: dep.ID,
			Goals:   []domain.UnitGoal{{ID: "e1", Text: text(u, 16), DepartmentGoal: dep.Goals[0].ID, Indicator: "Andel nöjda", Target: "90 %", Responsible: "Enhetschef"}},
			Sources: []domain.Provenance{src(uid, RoundPlan), src(uid, RoundApril), src(uid, RoundAugust)}}
		for t := range teams {
			tid := fmt.Sprintf("%s-lag-%d", uid, t+1)
			org.Teams = append(org.Teams, domain.Team{ID: tid, Name: fmt.Sprintf("Arbetslag %d", t+1), Unit: uid})
			tg := domain.TeamGoals{Team: tid}
			for g := range goals {
				seed := u*31 + t*7 + g
				goal := domain.TeamGoal{ID: domain.TeamGoalID(tid, g+1), Slot: g + 1, What: text(seed, 14), UnitGoal: "e1",
					How:       text(seed+1, 30),
					FollowUp:  plan(text(seed+2, 8), d(2027, time.Month(3+g), 15), "Arbetslagsledaren"),
					Indicator: "Andel genomförda aktiviteter", Target: "100 %", Value: org.Values[seed%3].ID,
					Reviews: []domain.Review{
						{Round: RoundApril, Status: statuses[seed%len(statuses)], Current: "50 %"},
						{Round: RoundAugust, Status: statuses[(seed+seed%5/4)%len(statuses)], Current: "70 %"},
					}}
				// One goal in five changes status between the rounds, as
				// in a real year; goals at risk carry an analysis.
				if k := goal.Reviews[1].Status; k == "at-risk" || k == "not-achieved" {
					goal.Reviews[1].Analysis = text(seed+3, 12)
					goal.Reviews[1].Correction = text(seed+4, 10)
				}
				if g == 0 {
					goal.Collaboration = org.Units[(u+1)%len(org.Units)].Name + ", föreningslivet"
				}
				tg.Goals = append(tg.Goals, goal)
			}
			rec.Teams = append(rec.Teams, tg)
		}
		rec.Criteria = []domain.CriterionNote{{Criterion: "ansvar", Meaning: text(u+5, 12), TeamGoal: domain.TeamGoalID(uid+"-lag-1", 1)}}
		reg.Units = append(reg.Units, rec)
	}
	// Indexed as config.Load indexes a config, so that the benchmarks
	// look units and teams up as the report command does.
	org.BuildIndex()
	return org, reg
}
