package register

import (
	"slices"

	"github.com/malarbete/malarbete/internal/domain"
)

// Reorganise brings reg in line with org's units and teams, so that a
// reorganisation loses nothing:
//   - a record under a unit's former id (formerIds) becomes the unit's
//     record, or, when the unit has a record already, is merged into it:
//     the goals of both are kept, each where it came from, the unit goals
//     of the merged-in record re-keyed "<former unit>-<goal>" where their
//     IDs collide, and its criteria notes kept among the earlier ones;
//   - a team under a former id takes its current id;
//   - a team that belongs to another unit now moves to that unit's record
//     with its goals;
//   - a team the config no longer has keeps its goals, marked as having
//     left in round.
//
// Each change is added to reg.Changes, with round as the first round it
// applies to, and returned. A register in line with org is left as it is,
// so Reorganise can run before every use of a register.
func Reorganise(reg *domain.Register, org *domain.Organisation, round string) []domain.Change {
	var changes []domain.Change
	note := func(c domain.Change) {
		c.Round = round
		changes = append(changes, c)
	}
	for i := 0; i < len(reg.Units); i++ {
		rec := &reg.Units[i]
		if _, ok := org.Unit(rec.Unit); ok {
			continue
		}
		u, ok := org.CurrentUnit(rec.Unit)
		if !ok {
			continue // a unit the config no longer has at all
		}
		from, fromName := rec.Unit, rec.Name
		if target, ok := reg.Unit(u.ID); ok {
			mergeInto(target, rec, round)
			reg.Units = slices.Delete(reg.Units, i, i+1)
			i--
			note(domain.Change{Kind: domain.UnitMerged, From: from, FromName: fromName, To: u.ID})
			continue
		}
		rec.FormerIDs = appendNew(rec.FormerIDs, rec.Unit)
		rec.Unit, rec.Department, rec.Name = u.ID, u.Department, u.Name
		note(domain.Change{Kind: domain.UnitRenamed, From: from, FromName: fromName, To: u.ID})
	}
	currentMissing(reg, org)
	// Teams, after the units: a team moves to a record the loop above may
	// have renamed.
	for i := 0; i < len(reg.Units); i++ {
		rec := &reg.Units[i]
		for j := 0; j < len(rec.Teams); j++ {
			tg := &rec.Teams[j]
			t, ok := org.CurrentTeam(tg.Team)
			if !ok {
				if tg.Left == "" {
					tg.Left = round
					note(domain.Change{Kind: domain.TeamLeft, From: rec.Unit, FromName: tg.Name, Team: tg.Team})
				}
				continue
			}
			if t.ID != tg.Team {
				note(domain.Change{Kind: domain.TeamRenamed, From: tg.Team, FromName: tg.Name, To: t.ID})
				tg.Team = t.ID
			}
			tg.Left = ""
			if t.Unit == rec.Unit {
				continue
			}
			moved := *tg
			rec.Teams = slices.Delete(rec.Teams, j, j+1)
			j--
			to := unitRecord(reg, t.Unit, org)
			rec = &reg.Units[i] // unitRecord may have grown the slice
			to.Teams = append(to.Teams, moved)
			note(domain.Change{Kind: domain.TeamMoved, From: rec.Unit, To: t.Unit, Team: t.ID})
		}
	}
	reg.Changes = append(reg.Changes, changes...)
	return changes
}

// currentMissing names the register's missing units by their current ids.
func currentMissing(reg *domain.Register, org *domain.Organisation) {
	for i := range reg.Missing {
		if u, ok := org.CurrentUnit(reg.Missing[i].Unit); ok {
			reg.Missing[i].Unit = u.ID
		}
	}
}

// mergeInto adds the goals, teams, criteria and sources of rec to target.
func mergeInto(target, rec *domain.UnitRecord, round string) {
	ids := map[string]bool{}
	for _, g := range target.Goals {
		ids[g.ID] = true
	}
	rekey := map[string]string{}
	for _, g := range rec.Goals {
		if ids[g.ID] {
			rekey[g.ID] = rec.Unit + "-" + g.ID
		}
	}
	for _, g := range rec.Goals {
		if id, ok := rekey[g.ID]; ok {
			g.ID = id
		}
		if id, ok := rekey[g.Replaces]; ok {
			g.Replaces = id
		}
		target.Goals = append(target.Goals, g)
	}
	for _, tg := range rec.Teams {
		for k := range tg.Goals {
			if id, ok := rekey[tg.Goals[k].UnitGoal]; ok {
				tg.Goals[k].UnitGoal = id
			}
		}
		target.Teams = append(target.Teams, tg)
	}
	// The absorbing unit's criteria go on; the merged-in unit's notes are
	// its history.
	for _, n := range append(rec.Criteria, rec.EarlierCriteria...) {
		if n.ReplacedIn == "" {
			n.ReplacedIn = round
		}
		target.EarlierCriteria = append(target.EarlierCriteria, n)
	}
	target.Sources = append(target.Sources, rec.Sources...)
	target.FormerIDs = appendNew(append(target.FormerIDs, rec.FormerIDs...), rec.Unit)
	target.Invalid = target.Invalid || rec.Invalid
}

func appendNew(ss []string, s string) []string {
	if slices.Contains(ss, s) {
		return ss
	}
	return append(ss, s)
}
