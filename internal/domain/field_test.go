package domain

import (
	"slices"
	"strings"
	"testing"
)

// TestFieldTables checks what the tables promise their users: unique keys
// per form, a list on every choice and link, a known list, texts on every
// field, and a text form that round-trips through Set and Get.
func TestFieldTables(t *testing.T) {
	check := func(name string, infos []FieldInfo) {
		seen := map[string]bool{}
		for _, f := range infos {
			if seen[f.Key] {
				t.Errorf("%s: key %q twice", name, f.Key)
			}
			seen[f.Key] = true
			if f.Label == "" || f.Hint == "" {
				t.Errorf("%s: field %q has no label or hint", name, f.Key)
			}
			if f.Section == "" {
				t.Errorf("%s: field %q has no section", name, f.Key)
			}
			hasList := f.Kind == KindChoice || f.Kind == KindLink
			if hasList != (f.List != "") || hasList && !slices.Contains(Lists, f.List) {
				t.Errorf("%s: field %q of kind %v has list %q", name, f.Key, f.Kind, f.List)
			}
		}
	}
	check("unit goal", Form(UnitGoalFields).Infos())
	check("team goal", Form(TeamGoalFields).Infos())
	check("criterion", CriterionFields.Infos())
	check("contribution", ContributionFields.Infos())

	roundTrip(t, "team goal", Form(TeamGoalFields))
	roundTrip(t, "unit goal", Form(UnitGoalFields))
	roundTrip(t, "criterion", CriterionFields)
	roundTrip(t, "contribution", ContributionFields)
}

func roundTrip[T any](t *testing.T, name string, fields Fields[T]) {
	for _, f := range fields {
		var v T
		want := "x"
		if f.Kind == KindDate {
			want = "2027-03-15"
		}
		f.Set(&v, want)
		if got := f.Get(&v); got != want {
			t.Errorf("%s: %s: set %q, got %q", name, f.Key, want, got)
		}
		if n := fields.Count(&v); n != 1 {
			t.Errorf("%s: %s: setting it filled %d fields", name, f.Key, n)
		}
	}
}

func TestRevise(t *testing.T) {
	g := TeamGoal{ID: "a/1", What: "Gammalt", How: "Som förut", Indicator: "Antal"}
	rev := &TeamGoal{What: "Nytt"}
	got := Revise(TeamGoalFields, g, rev)
	if got.What != "Nytt" || got.How != "Som förut" || got.Indicator != "Antal" || got.ID != "a/1" {
		t.Errorf("Revise = %+v", got)
	}
	var e Entry[TeamGoal]
	f, _ := Form(TeamGoalFields).Field(FieldRevisedWhat)
	f.Set(&e, "")
	if e.Review.Revised != nil {
		t.Error("setting an empty revision made a revised goal")
	}
	f.Set(&e, "Nytt")
	if e.Review.Revised == nil || e.Review.Revised.What != "Nytt" {
		t.Errorf("revision not set: %+v", e.Review)
	}
}

func TestExcerptIsOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"Rad ett\nRad två\r\n\ttab": "Rad ett Rad två tab",
		"\x1b[31mröd\x07":           "[31mröd",
		"kort":                      "kort",
		"  mycket   luft  ":         "mycket luft",
		strings.Repeat("å", 50):     strings.Repeat("å", 40) + "…",
	} {
		if got := Excerpt(in, 40); got != want {
			t.Errorf("Excerpt(%q) = %q, want %q", in, got, want)
		}
	}
}
