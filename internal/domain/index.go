package domain

// orgIndex finds units and teams by ID without scanning: a municipality of
// thousands of units looks them up for every goal. It maps IDs to places in
// the Organisation's slices; a lookup checks the place, so that an entry
// edited in place still reads right, and scans where the index has no
// answer (an Organisation built by hand, or grown since).
type orgIndex struct {
	units, teams map[string]int
	byUnit       map[string][]int
}

// BuildIndex indexes the units and teams; config.Load calls it once the
// organisation is read. Lookups work without it, by scanning.
func (o *Organisation) BuildIndex() {
	x := &orgIndex{units: make(map[string]int, len(o.Units)), teams: make(map[string]int, len(o.Teams)), byUnit: map[string][]int{}}
	for i, u := range o.Units {
		if _, dup := x.units[u.ID]; !dup {
			x.units[u.ID] = i
		}
	}
	for i, t := range o.Teams {
		if _, dup := x.teams[t.ID]; !dup {
			x.teams[t.ID] = i
		}
		x.byUnit[t.Unit] = append(x.byUnit[t.Unit], i)
	}
	o.index = x
}

func (x *orgIndex) unit(o *Organisation, id string) (int, bool) {
	if x != nil {
		if i, ok := x.units[id]; ok && i < len(o.Units) && o.Units[i].ID == id {
			return i, true
		}
	}
	for i, u := range o.Units {
		if u.ID == id {
			return i, true
		}
	}
	return 0, false
}

func (x *orgIndex) team(o *Organisation, id string) (int, bool) {
	if x != nil {
		if i, ok := x.teams[id]; ok && i < len(o.Teams) && o.Teams[i].ID == id {
			return i, true
		}
	}
	for i, t := range o.Teams {
		if t.ID == id {
			return i, true
		}
	}
	return 0, false
}

// teamsOf returns the places of a unit's teams; with an index only while
// it still matches the slice.
func (x *orgIndex) teamsOf(o *Organisation, unit string) []int {
	if x != nil && len(x.teams) == len(o.Teams) {
		ok := true
		for _, i := range x.byUnit[unit] {
			if i >= len(o.Teams) || o.Teams[i].Unit != unit {
				ok = false
				break
			}
		}
		if ok {
			return x.byUnit[unit]
		}
	}
	var out []int
	for i, t := range o.Teams {
		if t.Unit == unit {
			out = append(out, i)
		}
	}
	return out
}
