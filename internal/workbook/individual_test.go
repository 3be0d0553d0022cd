package workbook

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
)

// individualRecord is the unit's record after a collected planning round.
func individualRecord() *domain.UnitRecord {
	plan := answers("")
	return &domain.UnitRecord{Unit: "bjorken", Department: "skola", Goals: plan.UnitGoals, Teams: plan.Teams, Criteria: plan.Criteria}
}

// writeIndividual writes the individual goals workbook of opts and
// returns its bytes with the names of its visible sheets.
func writeIndividual(t *testing.T, org *domain.Organisation, opts Options) ([]byte, []string) {
	t.Helper()
	opts.Individual = true
	var buf bytes.Buffer
	id, err := Write(&buf, org, opts)
	if err != nil {
		t.Fatal(err)
	}
	if id.Scope != domain.ScopeIndividual || len(id.Teams) != 1 || id.Teams[0] != opts.Team {
		t.Fatalf("identity %+v, want scope individual for team %s", id, opts.Team)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var visible []string
	for _, s := range f.GetSheetList() {
		if v, _ := f.GetSheetVisible(s); v {
			visible = append(visible, s)
		}
	}
	return buf.Bytes(), visible
}

// editCells sets cells of a workbook: sheet, cell, text.
func editCells(t *testing.T, data []byte, edits [][3]string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, e := range edits {
		if err := f.SetCellStr(e[0], e[1], e[2]); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func readIndividual(t *testing.T, org *domain.Organisation, data []byte) (*domain.Submission, domain.Findings) {
	t.Helper()
	sub, fs, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), org, ReadOptions{Name: "mina mål.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	return sub, fs
}

func codes(fs domain.Findings) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Code+" "+f.Location.Sheet+"!"+f.Location.Cell)
	}
	return out
}

// TestIndividualRoundTrip writes the individual goals workbook, fills
// the employee's own goals as a manager would (the drop-down's label for
// the link) and reads them back.
func TestIndividualRoundTrip(t *testing.T) {
	long := "Árran – Sámegiella ja kultuvra: Čáhcegeađgi, Ŋuollu, Đuovdi, Šiella, Žuolga ja Ánnáráš, Sápmi"
	for _, tc := range []struct {
		name, team, teamName string
		lang                 domain.Lang
	}{
		{"swedish", "bjorken-sma", "", ""},
		{"english", "bjorken-sma", "", domain.English},
		{"long Sámi team name", "bjorken-sma", long, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			org := testOrg()
			if tc.teamName != "" {
				if n := len([]rune(tc.teamName)); n < 90 {
					t.Fatalf("team name of %d characters", n)
				}
				for i := range org.Teams {
					if org.Teams[i].ID == tc.team {
						org.Teams[i].Name = tc.teamName
					}
				}
			}
			data, sheets := writeIndividual(t, org, Options{Unit: "bjorken", Team: tc.team, Lang: tc.lang, Record: individualRecord()})
			if len(sheets) != 5 {
				t.Fatalf("visible sheets %q, want instructions, hierarchy, team goals, own goals, criteria", sheets)
			}
			teamGoals, own := sheets[2], sheets[3]
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			// The team's goals in order of slot, locked, with Vad, Hur, Uppföljning.
			for r, want := range []string{"Varje barn möts personligen vid lämning.", "Vi går ut varje dag – även i kyla."} {
				got, _ := f.GetCellValue(teamGoals, cell(3, 5+r))
				if got != want {
					t.Errorf("%s!%s = %q, want %q", teamGoals, cell(3, 5+r), got, want)
				}
			}
			if got, _ := f.GetCellValue(teamGoals, "E6"); got != "Loggbok" {
				t.Errorf("follow-up of goal 3 = %q", got)
			}
			// No name anywhere: the employee's name is not pre-filled.
			for _, s := range sheets {
				rows, _ := f.GetRows(s)
				for _, row := range rows {
					for _, v := range row {
						if strings.Contains(v, "Anna Exempel") {
							t.Errorf("%s holds the manager's name: %q", s, v)
						}
					}
				}
			}
			f.Close()
			link := teamGoalLabel(individualLocalizer(t, tc.lang), orgTeamName(org, tc.team), 3, "Vi går ut varje dag – även i kyla.")
			filled := editCells(t, data, [][3]string{
				{own, "B5", "Jag planerar två utepass i veckan."},
				{own, "C5", "Jag skriver in dem i veckoschemat."},
				{own, "D5", "Vi stämmer av vid nästa medarbetarsamtal."},
				{own, "E5", link},
				{own, "B7", "Jag lär mig samiska sånger."},
			})
			sub, fs := readIndividual(t, org, filled)
			if sub == nil {
				t.Fatalf("refused: %v", codes(fs))
			}
			for _, f := range fs {
				if f.Severity == domain.SeverityError {
					t.Errorf("finding %s at %s!%s", f.Code, f.Location.Sheet, f.Location.Cell)
				}
			}
			want := []domain.Contribution{
				{Row: 1, What: "Jag planerar två utepass i veckan.", How: "Jag skriver in dem i veckoschemat.", FollowUp: "Vi stämmer av vid nästa medarbetarsamtal.", TeamGoal: "bjorken-sma/3"},
				{Row: 3, What: "Jag lär mig samiska sånger."},
			}
			if len(sub.Contributions) != len(want) {
				t.Fatalf("contributions %+v, want %+v", sub.Contributions, want)
			}
			for i, w := range want {
				got := sub.Contributions[i]
				got.Cells, w.Cells = nil, nil
				if !reflect.DeepEqual(got, w) {
					t.Errorf("contribution %d = %+v, want %+v", i, got, w)
				}
			}
			if c := sub.Contributions[1].Cells[domain.FieldTeamGoal]; c.Sheet != own || c.Ref != "E7" {
				t.Errorf("link of row 3 at %+v", c)
			}
			if len(sub.Teams) != 0 || len(sub.UnitGoals) != 0 || len(sub.Criteria) != 0 {
				t.Errorf("an individual workbook gave goals or notes for the register: %+v", sub)
			}
		})
	}
}

func individualLocalizer(t *testing.T, lang domain.Lang) *i18n.Localizer {
	t.Helper()
	cat, err := DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	if lang == "" {
		lang = domain.Swedish
	}
	return cat.Localizer(lang)
}

func orgTeamName(org *domain.Organisation, id string) string {
	t, _ := org.Team(id)
	return t.Name
}

// TestIndividualLockedEdits: what the manager cannot change without
// unprotecting a sheet is reported when it is changed all the same.
func TestIndividualLockedEdits(t *testing.T) {
	org := testOrg()
	data, sheets := writeIndividual(t, org, Options{Unit: "bjorken", Team: "bjorken-sma", Record: individualRecord()})
	for _, tc := range []struct {
		name string
		edit [3]string
		code string
	}{
		{"team goal's Vad", [3]string{sheets[2], "C5", "Ett annat mål."}, FindingPrefillChanged.Code},
		{"criterion's level", [3]string{sheets[4], "E5", "Alla når nivå 3."}, FindingPrefillEdited.Code},
		{"beside the own goals", [3]string{sheets[3], "H20", "Min lön"}, FindingOutside.Code},
		{"private note", [3]string{sheets[0], "B4", "Skickas till HR."}, FindingInstructionChanged.Code},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, fs := readIndividual(t, org, editCells(t, data, [][3]string{tc.edit}))
			found := false
			for _, f := range fs {
				found = found || f.Code == tc.code
			}
			if !found {
				t.Errorf("findings %v, want %s", codes(fs), tc.code)
			}
		})
	}
	t.Run("as written", func(t *testing.T) {
		if _, fs := readIndividual(t, org, data); len(fs) != 0 {
			t.Errorf("findings %v on the workbook as written", codes(fs))
		}
	})
}

// TestIndividualWithoutGoals: a team with no goals in the register gets a
// workbook whose link column is locked, with nothing to choose.
func TestIndividualWithoutGoals(t *testing.T) {
	org := testOrg()
	data, sheets := writeIndividual(t, org, Options{Unit: "bjorken", Team: "bjorken-stora"})
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	id, _ := f.GetCellStyle(sheets[3], "E5")
	st, err := f.GetStyle(id)
	if err != nil || st.Protection == nil || !st.Protection.Locked {
		t.Errorf("the link cell is not locked without team goals")
	}
	if _, err := Write(&bytes.Buffer{}, org, Options{Unit: "bjorken", Individual: true}); err == nil {
		t.Error("an individual workbook without a team was written")
	}
}
