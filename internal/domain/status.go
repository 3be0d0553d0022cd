package domain

// StatusKind groups statuses for summaries, whatever the organisation
// calls them.
type StatusKind string

// The kinds of follow-up status. The report counts goals per kind.
const (
	StatusNotStarted  StatusKind = "not-started"
	StatusOnTrack     StatusKind = "on-track"
	StatusAtRisk      StatusKind = "at-risk"
	StatusAchieved    StatusKind = "achieved"
	StatusNotAchieved StatusKind = "not-achieved"
	StatusNotAssessed StatusKind = "not-assessed"
)

// StatusKinds lists the kinds in the order summaries show them.
var StatusKinds = []StatusKind{
	StatusNotStarted, StatusOnTrack, StatusAtRisk,
	StatusAchieved, StatusNotAchieved, StatusNotAssessed,
}

// NeedsAnalysis reports whether a goal with this status must be explained
// with an analysis or a correction.
func (k StatusKind) NeedsAnalysis() bool {
	return k == StatusAtRisk || k == StatusNotAchieved
}

// Status is one step of the follow-up scale. Label empty means the
// catalogue's text for the kind, in the workbook's language; a label set in
// the config is shown as written.
type Status struct {
	ID    string     `json:"id"`
	Label string     `json:"label,omitempty"`
	Kind  StatusKind `json:"kind"`
}

// DefaultStatuses returns the default scale: Ej påbörjat, Pågår enligt
// plan, Risk att målet inte nås, Uppnått, Ej uppnått, Bedömning saknas.
func DefaultStatuses() []Status {
	ss := make([]Status, len(StatusKinds))
	for i, k := range StatusKinds {
		ss[i] = Status{ID: string(k), Kind: k}
	}
	return ss
}

// DefaultCriterionLevels returns Utvecklingsbart, Bra, Mycket bra (labels
// from the catalogue).
func DefaultCriterionLevels() []Level {
	return []Level{{ID: "utvecklingsbart"}, {ID: "bra"}, {ID: "mycket-bra"}}
}
