package workbook

import (
	"strconv"
	"strings"

	"github.com/malarbete/malarbete/internal/domain"
)

// FindingTeamsDoNotFit (MB0332) refuses a workbook whose team sheets are
// not those of the teams its identity names: more team tables (defined
// names, or sheet keys of the identity sheet) than teams, or a team
// workbook that names no team or several. The reader maps the n-th team
// table to the identity's n-th team, so such a workbook would put one
// team's goals under another, or drop a team's goals from the register.
// The signature covers the team list but not the sheet keys, which live
// in the identity sheet only; this check ties the two together.
var FindingTeamsDoNotFit = rule{"MB0332", domain.SeverityError, "WorkbookFindingTeamsDoNotFit"}

// checkFit returns the finding of a workbook whose team sheets do not fit
// its identity, or nil.
func (b *book) checkFit(file string) *domain.Finding {
	teams, tables := len(b.id.Teams), b.teamTables()
	if tables <= teams && (b.id.Scope != domain.ScopeTeam || teams == 1) {
		return nil
	}
	f := FindingTeamsDoNotFit.at(file, "", "", map[string]any{"Teams": teams, "Tables": tables})
	return &f
}

// teamTables returns the highest team number that the workbook has a
// table for: by the defined names of the team regions (MB_Team3) and by
// the identity sheet's sheet keys ("sheet:team:3").
func (b *book) teamTables() int {
	most := 0
	note := func(s string) {
		if n, err := strconv.Atoi(s); err == nil && n > most && n <= maxTeams {
			most = n
		}
	}
	for k := range b.idSheet {
		if rest, ok := strings.CutPrefix(k, idSheetPrefix+SheetTeam+":"); ok {
			note(rest)
		}
	}
	if s := b.lay.Sheet(SheetTeam); s != nil {
		pre, post, _ := strings.Cut(s.Region, "{n}")
		pre, post = strings.ToLower(b.lay.NamePrefix+pre), strings.ToLower(post)
		for name := range b.names {
			if rest, ok := strings.CutPrefix(name, pre); ok {
				if rest, ok = strings.CutSuffix(rest, post); ok {
					note(rest)
				}
			}
		}
	}
	return most
}

// maxTeams bounds the team numbers taken from names, so that a name such
// as MB_Team99999999 counts as no table of ours.
const maxTeams = 1000
