package sample

import (
	"testing"
	"testing/fstest"
)

// The answer files are bundled, not untrusted, but the loaders must still
// fail with an error rather than panic on whatever an editor leaves behind.

func FuzzLoadPlan(f *testing.F) {
	f.Add([]byte(goodPlan))
	f.Add([]byte("units: [{unit: u, teams: [{team: t, goals: [{}]}]}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		subs, err := LoadPlan(fstest.MapFS{"p.yaml": {Data: data}}, "p.yaml")
		if err == nil && subs == nil {
			t.Fatal("nil result without an error")
		}
	})
}

func FuzzLoadReviews(f *testing.F) {
	f.Add([]byte(goodReviews))
	f.Add([]byte("round: augusti\nreviews: [{goal: t/1, revised: {}}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := LoadReviews(fstest.MapFS{"r.yaml": {Data: data}}, "r.yaml", "augusti")
		if err == nil && (rs.Team == nil || rs.Unit == nil) {
			t.Fatal("nil result without an error")
		}
	})
}
