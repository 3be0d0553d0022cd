package workbook

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/malarbete/malarbete/internal/domain"
)

// TestFollowUpRound generates a follow-up workbook from what the planning
// round returned, in both languages: goals pre-filled and locked, the
// previous round's status and comment beside them, follow-up and revision
// rows open. The manager's follow-up, and a reworded goal, read back.
func TestFollowUpRound(t *testing.T) {
	tests := []struct {
		lang domain.Lang
		// previous is what the read-only rows of the previous round show.
		previous []struct{ ref, want string }
	}{
		{domain.Swedish, []struct{ ref, want string }{
			{"A15", "previousStatus"},
			{"B15", "Förra omgången: status"},
			{"C15", "Pågår enligt plan"},
			{"C16", "Fungerar bra."},
			{"D15", ""},
			{"E15", "Risk att målet inte nås"},
			{"E16", "Kylan stoppade utevistelsen.\nÅtgärd: Målet formuleras om."},
		}},
		{domain.English, []struct{ ref, want string }{
			{"A15", "previousStatus"},
			{"B15", "Previous round: status"},
			{"C15", "On track"},
			{"C16", "Fungerar bra."},
			{"D15", ""},
			{"E15", "At risk"},
			{"E16", "Kylan stoppade utevistelsen.\nCorrection: Målet formuleras om."},
		}},
	}
	for _, tc := range tests {
		t.Run(string(tc.lang), func(t *testing.T) { followUpRound(t, tc.lang, tc.previous) })
	}
}

func followUpRound(t *testing.T, lang domain.Lang, previous []struct{ ref, want string }) {
	org := testOrg()
	plan := answers("")
	// The register's record after the planning round; the second goal of
	// Småbarn was revised in an earlier round and replaced.
	rec := &domain.UnitRecord{Unit: "bjorken", Department: "skola", Goals: plan.UnitGoals, Criteria: plan.Criteria}
	for _, tg := range plan.Teams {
		rec.Teams = append(rec.Teams, domain.TeamGoals{Team: tg.Team, Goals: append([]domain.TeamGoal(nil), tg.Goals...)})
	}
	old := rec.Teams[0].Goals[1]
	old.ReplacedIn = "august"
	// august is a round the config no longer has: it counts as earlier.
	old.Reviews = []domain.Review{{Round: "august", Status: string(domain.StatusAtRisk), Analysis: "Kylan stoppade utevistelsen.", Correction: "Målet formuleras om."}}
	rec.Teams[0].Goals[0].Reviews = []domain.Review{{Round: "august", Status: string(domain.StatusOnTrack), Analysis: "Fungerar bra."}}
	rec.Teams[0].Goals[1].ID = "bjorken-sma/3r1"
	rec.Teams[0].Goals[1].Replaces = old.ID
	rec.Teams[0].Goals[1].What = "Vi går ut varje dag, utom vid under minus 30 grader."
	rec.Teams[0].Goals = append(rec.Teams[0].Goals, old)

	var gen bytes.Buffer
	if _, err := Write(&gen, org, Options{Unit: "bjorken", Round: "november", Record: rec, Lang: lang}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(gen.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := f.GetCellValue("Småbarn", "E5"); v != rec.Teams[0].Goals[1].What {
		t.Errorf("pre-filled Vad %q", v)
	}
	id, _ := f.GetCellStyle("Småbarn", "C5")
	if st, _ := f.GetStyle(id); st.Protection == nil || !st.Protection.Locked {
		t.Error("pre-filled goal not locked")
	}
	// November takes no new goals: the empty slot is grey and locked.
	id, _ = f.GetCellStyle("Småbarn", "D5")
	if st, _ := f.GetStyle(id); st.Protection == nil || !st.Protection.Locked {
		t.Error("empty slot open in a round without new goals")
	}
	org.Rounds[1].NewGoals = true
	var open bytes.Buffer
	if _, err := Write(&open, org, Options{Unit: "bjorken", Round: "november", Record: rec, Lang: lang}); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenReader(bytes.NewReader(open.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	id, _ = g.GetCellStyle("Småbarn", "D5")
	if st, _ := g.GetStyle(id); st.Protection == nil || st.Protection.Locked {
		t.Error("empty slot locked in a round that takes new goals")
	}
	org.Rounds[1].NewGoals = false
	if v, _ := f.GetCellValue("Småbarn", "A21"); v != domain.FieldRevisedWhat {
		t.Errorf("revision row A21 = %q", v)
	}
	// The previous round's review beside the new one: the revised goal
	// shows the review that revised it; an empty slot shows nothing.
	for _, p := range previous {
		if v, _ := f.GetCellValue("Småbarn", p.ref); v != p.want {
			t.Errorf("%s = %q, want %q", p.ref, v, p.want)
		}
		id, _ := f.GetCellStyle("Småbarn", p.ref)
		if st, _ := f.GetStyle(id); st.Protection == nil || !st.Protection.Locked {
			t.Errorf("%s not locked", p.ref)
		}
	}
	f.Close()

	review := &domain.Submission{UnitGoals: []domain.UnitGoal{
		{ID: "e1", Reviews: []domain.UnitReview{{Round: "november", Status: string(domain.StatusOnTrack), Current: "93 %"}}},
		{ID: "e2", Reviews: []domain.UnitReview{{Round: "november", Status: string(domain.StatusNotAchieved), Analysis: "Kylan.",
			Revised: &domain.UnitGoal{Text: "Utemiljön används för lärande från april till oktober.", Target: "2"}}}},
	}, Teams: []domain.TeamGoals{{Team: "bjorken-sma", Goals: []domain.TeamGoal{
		{Slot: 1, Reviews: []domain.Review{{Round: "november", Status: string(domain.StatusAtRisk), Current: "88 %", Analysis: "Personalbrist under hösten.", Correction: "Fler vuxna i hallen på morgonen."}}},
		{Slot: 3, Reviews: []domain.Review{{Round: "november", Status: string(domain.StatusOnTrack),
			Revised: &domain.RevisedGoal{What: "Vi går ut två gånger om dagen.", How: "Förmiddag och eftermiddag.", FollowUp: domain.FollowUpPlan{Method: "Loggbok", When: domain.NewDate(2027, time.December, 10), Who: "Arbetslaget"}}}}},
	}}}}
	var out bytes.Buffer
	if err := Fill(bytes.NewReader(gen.Bytes()), int64(gen.Len()), &out, review, org); err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("MALARBETE_KEEP"); keep != "" {
		os.WriteFile(filepath.Join(keep, "uppfoljning.xlsx"), out.Bytes(), 0o644)
	}
	sub, fs, err := Read(context.Background(), bytes.NewReader(out.Bytes()), int64(out.Len()), org, ReadOptions{Name: "nov.xlsx"})
	if err != nil || sub == nil {
		t.Fatal(err)
	}
	if len(fs) > 0 {
		t.Errorf("findings %+v", fs)
	}
	if sub.Identity.Round != "november" || len(sub.UnitGoals) != 2 || sub.UnitGoals[0].ID != "e1" || sub.UnitGoals[0].Text != plan.UnitGoals[0].Text {
		t.Fatalf("identity %+v unit goals %+v", sub.Identity, sub.UnitGoals)
	}
	// The unit's goals are followed up like the teams'.
	if u, ok := sub.UnitGoals[0].Review("november"); !ok || u.Status != string(domain.StatusOnTrack) || u.Current != "93 %" || u.Revised != nil {
		t.Errorf("unit review %+v", u)
	}
	if u, _ := sub.UnitGoals[1].Review("november"); u.Revised == nil || u.Revised.Text != "Utemiljön används för lärande från april till oktober." || u.Revised.Target != "2" || u.Revised.Indicator != "" {
		t.Errorf("revised unit goal %+v", u.Revised)
	}
	goals := sub.Teams[0].Goals
	if len(goals) != 2 || goals[0].ID != "bjorken-sma/1" || goals[1].ID != "bjorken-sma/3r1" || goals[0].What != plan.Teams[0].Goals[0].What || goals[0].UnitGoal != "e1" {
		t.Fatalf("goals %+v", strip(sub).Teams[0])
	}
	r0, ok := goals[0].Review("november")
	if !ok || r0.Status != string(domain.StatusAtRisk) || r0.Current != "88 %" || r0.Correction == "" {
		t.Errorf("review %+v", r0)
	}
	r1, _ := goals[1].Review("november")
	if r1.Revised == nil || r1.Revised.What != "Vi går ut två gånger om dagen." || r1.Revised.FollowUp.When != domain.NewDate(2027, time.December, 10) {
		t.Errorf("revised %+v", r1.Revised)
	}
	if goals[0].FollowUp.When != domain.NewDate(2027, time.May, 31) {
		t.Errorf("pre-filled date %v", goals[0].FollowUp.When)
	}
}
