package register

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
)

// bigOrg has more units than MergeTo holds at a time, so that a merge of
// it takes several chunks.
func bigOrg(units int) *domain.Organisation {
	org := testOrg()
	org.Units, org.Teams = nil, nil
	for i := range units {
		u := fmt.Sprintf("enhet-%03d", i)
		org.Units = append(org.Units, domain.Unit{ID: u, Name: "Enhet " + u, Department: "skola"})
		for k := range i % 3 {
			org.Teams = append(org.Teams, domain.Team{ID: fmt.Sprintf("%s-lag%d", u, k), Unit: u})
		}
	}
	org.BuildIndex()
	return org
}

// batch is one collect: the round and its workbooks.
type batch struct {
	round          string
	includeInvalid bool
	subs           func(org *domain.Organisation) []Accepted
}

// unitBatch is a workbook for every unit of org in round but those skip
// leaves out, with the teams the config gives.
func unitBatch(round string, skip func(i int) bool) func(org *domain.Organisation) []Accepted {
	return func(org *domain.Organisation) []Accepted {
		var subs []Accepted
		for i, u := range org.Units {
			if skip != nil && skip(i) {
				continue
			}
			var teams []string
			for _, t := range org.TeamsOf(u.ID) {
				teams = append(teams, t.ID)
			}
			sha := fmt.Sprintf("%s-%s", round, u.ID)
			if round == "plan" {
				subs = append(subs, plan(u.ID, sha, teams...))
				continue
			}
			var rv *domain.RevisedGoal
			if i%4 == 1 {
				rv = &domain.RevisedGoal{What: "Läsa 30 minuter om dagen"}
			}
			if len(teams) == 0 {
				rv = nil
			}
			subs = append(subs, followUpRound(u.ID, round, sha, "enligt-plan", rv, teams...))
		}
		return subs
	}
}

func TestMergeToAsMerge(t *testing.T) {
	org3 := func() *domain.Organisation { o := testOrg(); o.BuildIndex(); return o }
	odd := func(org *domain.Organisation) []Accepted {
		// A duplicate saved later, one of another organisation, one not
		// read at all, one with an error, a team's own workbook.
		a, b := plan("norra", "n1", "lag-a"), plan("norra", "n2", "lag-a")
		b.Submission.Saved = readAt.Add(time.Hour)
		other := plan("centralskolan", "x1", "ak1-3")
		other.Submission.Identity.Organisation = "lycksele"
		bad := plan("centralskolan", "c1", "ak1-3", "ak4-6")
		bad.Findings = domain.Findings{{Code: "MB0001", Severity: domain.SeverityError}}
		team := plan("centralskolan", "t1", "ak4-6")
		team.Submission.Identity.Scope = domain.ScopeTeam
		team.Submission.UnitGoals, team.Submission.Criteria = nil, nil
		return []Accepted{a, b, other, {Source: domain.Provenance{File: "trasig.xlsx", SHA256: "zz"}}, bad, team}
	}
	tests := []struct {
		name    string
		org     func() *domain.Organisation
		batches []batch
	}{
		{"a year of 150 units", func() *domain.Organisation { return bigOrg(150) }, []batch{
			{round: "plan", subs: unitBatch("plan", func(i int) bool { return i%7 == 3 })},
			{round: "plan", subs: unitBatch("plan", func(i int) bool { return i%7 != 3 && i%5 != 0 })},
			{round: "april", subs: unitBatch("april", func(i int) bool { return i%11 == 0 })},
			{round: "april", subs: unitBatch("april", func(i int) bool { return i%2 == 0 })},
			{round: "november", subs: unitBatch("november", nil)},
		}},
		{"duplicates, strangers and errors", org3, []batch{
			{round: "plan", subs: odd},
			{round: "plan", includeInvalid: true, subs: odd},
		}},
		{"a follow-up without a plan", org3, []batch{
			{round: "april", subs: unitBatch("april", nil)},
		}},
		{"nothing returned", org3, []batch{
			{round: "plan", subs: func(*domain.Organisation) []Accepted { return nil }},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org := tt.org()
			whole := New(org)
			path := filepath.Join(t.TempDir(), "register.json")
			for i, b := range tt.batches {
				opts := MergeOptions{Round: b.round, IncludeInvalid: b.includeInvalid}
				want, err := Merge(whole, org, b.subs(org), opts)
				if err != nil {
					t.Fatal(err)
				}
				got := mergeToFile(t, path, org, spooled(t, b.subs(org)), opts)
				wantBytes, err := Encode(whole)
				if err != nil {
					t.Fatal(err)
				}
				gotBytes, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(gotBytes, wantBytes) {
					t.Fatalf("batch %d: the register differs from Merge's at %q", i, firstDifference(gotBytes, wantBytes))
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("batch %d: result\n%+v\nwant\n%+v", i, got, want)
				}
			}
		})
	}
}

// mergeToFile merges subs into the register at path with MergeTo, as
// collect does.
func mergeToFile(t *testing.T, path string, org *domain.Organisation, subs []Accepted, opts MergeOptions) *Result {
	t.Helper()
	var old *Stored
	if _, err := os.Stat(path); err == nil {
		if old, err = Scan(path, org); err != nil {
			t.Fatal(err)
		}
	}
	var res *Result
	err := atomicfile.Write(path, atomicfile.Options{Overwrite: true}, func(w io.Writer) error {
		var err error
		res, err = MergeTo(w, old, org, subs, opts)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// spooled puts the content of subs into a spool, as collect does.
func spooled(t *testing.T, subs []Accepted) []Accepted {
	t.Helper()
	sp, err := NewSpool()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sp.Close() })
	for i := range subs {
		if subs[i].Submission == nil {
			continue
		}
		s := *subs[i].Submission
		s.DropCells()
		head, content, err := sp.Put(&s)
		if err != nil {
			t.Fatal(err)
		}
		subs[i].Submission, subs[i].Content = head, content
	}
	return subs
}

func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return string(a[max(0, i-80):min(len(a), i+80)])
}

// TestMergeToReorganised: a register that must follow a reorganisation
// is left to Merge.
func TestMergeToReorganised(t *testing.T) {
	org := bigOrg(10)
	path := filepath.Join(t.TempDir(), "register.json")
	mergeToFile(t, path, org, unitBatch("plan", nil)(org), MergeOptions{Round: "plan"})
	moved := bigOrg(10)
	moved.Teams[0].Unit = "enhet-009"
	moved.BuildIndex()
	old, err := Scan(path, moved)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := MergeTo(&out, old, moved, nil, MergeOptions{Round: "april"}); !errors.Is(err, ErrReorganised) {
		t.Fatalf("MergeTo: %v, want ErrReorganised", err)
	}
}

// TestScanAsReadFor: Scan accepts what ReadFor accepts and refuses the
// rest with ReadFor's error.
func TestScanAsReadFor(t *testing.T) {
	org := testOrg()
	org.BuildIndex()
	reg := New(org)
	mustMerge(t, reg, []Accepted{plan("norra", "n1", "lag-a"), plan("centralskolan", "c1", "ak1-3")}, MergeOptions{Round: "plan"})
	good := string(encode(t, reg))
	tests := map[string]string{
		"valid":             good,
		"no units":          string(encode(t, New(org))),
		"units null":        strings.Replace(string(encode(t, New(org))), `"units": []`, `"units": null`, 1),
		"version last":      versionLast(good),
		"no version":        strings.Replace(good, `"schemaVersion"`, `"schema"`, 1),
		"other version":     strings.Replace(good, `"schemaVersion": `, `"schemaVersion": 9`, 1),
		"unknown field":     strings.Replace(good, `"period"`, `"extra": 1, "period"`, 1),
		"unknown in a unit": strings.Replace(good, `"unit": "norra"`, `"unit": "norra", "x": 1`, 1),
		"not UTF-8":         strings.Replace(good, "Läsa", "L\xe4sa", 1),
		"cut short":         good[:len(good)/2],
		"data after":        good + "{}",
		"repeated unit":     strings.Replace(good, `"unit": "centralskolan"`, `"unit": "norra"`, 1),
		"unknown unit":      strings.Replace(good, `"unit": "centralskolan"`, `"unit": "sodra"`, 1),
		"other period":      strings.Replace(good, `"period": "2027"`, `"period": "2028"`, 1),
		"not an object":     "[]",
		"empty":             "",
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "register.json")
			if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			sameAsReadFor(t, path, org)
		})
	}
}

// versionLast moves the schema version to the end of the register.
func versionLast(reg string) string {
	var version string
	lines := strings.Split(reg, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if strings.HasPrefix(l, `  "schemaVersion"`) {
			version = strings.TrimSuffix(strings.TrimSpace(l), ",")
			continue
		}
		kept = append(kept, l)
	}
	out := strings.Join(kept, "\n")
	i := strings.LastIndex(out, "}")
	return out[:i] + ", " + version + "}\n"
}

// sameAsReadFor checks Scan against ReadFor on the file at path.
func sameAsReadFor(t *testing.T, path string, org *domain.Organisation) {
	t.Helper()
	want, wantErr := ReadFor(path, org)
	got, err := Scan(path, org)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("Scan: %v\nReadFor: %v", err, wantErr)
	}
	if err != nil {
		return
	}
	if !reflect.DeepEqual(got.Frame, frameOf(want)) {
		t.Fatalf("frame %+v, want %+v", got.Frame, frameOf(want))
	}
	recs, err := got.open()
	if err != nil {
		t.Fatal(err)
	}
	defer recs.Close()
	if got.Len() != len(want.Units) {
		t.Fatalf("%d units, want %d", got.Len(), len(want.Units))
	}
	for i := range want.Units {
		rec, err := recs.record(i)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(rec, want.Units[i]) {
			t.Fatalf("unit %d: %+v, want %+v", i, rec, want.Units[i])
		}
	}
}

// FuzzScan: on any file, Scan agrees with ReadFor.
func FuzzScan(f *testing.F) {
	org := testOrg()
	org.BuildIndex()
	reg := New(org)
	res, err := Merge(reg, org, []Accepted{plan("norra", "n1", "lag-a")}, MergeOptions{Round: "plan"})
	if err != nil || len(res.Merged) != 1 {
		f.Fatal(err)
	}
	data, err := Encode(reg)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"schemaVersion": 3, "units": null}`))
	f.Add([]byte("{\"schemaVersion\":3,\"organisation\":\"\xff\"}"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "register.json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		sameAsReadFor(t, path, org)
	})
}

// TestUTF8Reader reads text a byte at a time, so that every character is
// cut at every place, and refuses every kind of byte that is not UTF-8.
func TestUTF8Reader(t *testing.T) {
	tests := []struct {
		text string
		ok   bool
	}{
		{"Sámi: Ŋ ŧ đ, 😀 and \ufffd", true},
		{"", true},
		{"cut \xc3", false},
		{"lone \x80 byte", false},
		{"\xff", false},
		{"overlong \xc0\xaf", false},
		{"surrogate \xed\xa0\x80", false},
		{"four then cut \xf0\x9f\x98", false},
	}
	for _, tt := range tests {
		for name, r := range map[string]io.Reader{
			"whole":        &utf8Reader{r: strings.NewReader(tt.text)},
			"byte-by-byte": &utf8Reader{r: iotest.OneByteReader(strings.NewReader(tt.text))},
		} {
			t.Run(fmt.Sprintf("%q/%s", tt.text, name), func(t *testing.T) {
				got, err := io.ReadAll(r)
				if tt.ok && (err != nil || string(got) != tt.text) {
					t.Fatalf("%q, %v", got, err)
				}
				if !tt.ok && !errors.Is(err, errNotUTF8) {
					t.Fatalf("no error: %v", err)
				}
			})
		}
	}
}

// TestUnchanged: a scan serves under the lock only while the file is the
// one scanned.
func TestUnchanged(t *testing.T) {
	org := testOrg()
	org.BuildIndex()
	path := filepath.Join(t.TempDir(), "register.json")
	mergeToFile(t, path, org, []Accepted{plan("norra", "n1", "lag-a")}, MergeOptions{Round: "plan"})
	old, err := Scan(path, org)
	if err != nil {
		t.Fatal(err)
	}
	if !old.Unchanged() {
		t.Fatal("a file not touched is changed")
	}
	// Another collect replaces the file, with the same size.
	mergeToFile(t, path, org, []Accepted{plan("norra", "n2", "lag-a")}, MergeOptions{Round: "plan"})
	if old.Unchanged() {
		t.Fatal("a replaced file is unchanged")
	}
}
