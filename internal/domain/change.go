package domain

// Message returns the catalogue message and its data that tell what
// change c did, in words for HR and leadership: names as the config has
// them now, or as the register kept them.
func (c Change) Message(org *Organisation) (string, map[string]any) {
	round := c.Round
	if r, ok := org.Round(c.Round); ok && r.Name != "" {
		round = r.Name
	}
	unitName := func(id string) string {
		if u, ok := org.Unit(id); ok {
			return u.Name
		}
		return id
	}
	teamName := func(id string) string {
		if t, ok := org.Team(id); ok {
			return t.Name
		}
		return id
	}
	from := c.FromName
	if from == "" {
		from = c.From
	}
	data := map[string]any{"Round": round, "From": from, "FromID": c.From, "ToID": c.To}
	switch c.Kind {
	case UnitRenamed:
		data["To"] = unitName(c.To)
		if data["To"] == from {
			return "ChangeUnitNewID", data
		}
		return "ChangeUnitRenamed", data
	case UnitMerged:
		data["To"] = unitName(c.To)
		return "ChangeUnitMerged", data
	case TeamRenamed:
		data["To"] = teamName(c.To)
		if data["To"] == from {
			return "ChangeTeamNewID", data
		}
		return "ChangeTeamRenamed", data
	case TeamMoved:
		data["Team"], data["From"], data["To"] = teamName(c.Team), unitName(c.From), unitName(c.To)
		return "ChangeTeamMoved", data
	case TeamLeft:
		data["Team"], data["From"] = from, unitName(c.From)
		if data["Team"] == "" {
			data["Team"] = c.Team
		}
		return "ChangeTeamLeft", data
	}
	return "ChangeOther", data
}
