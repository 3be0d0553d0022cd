package bench

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/synthetic"
	"github.com/malarbete/malarbete/internal/workbook"
)

// TestBareWritesSameWorkbook keeps the comparison honest: the bare
// program's workbook holds what ours holds, part for part. Only the order
// of the shared strings may differ (they are numbered in the order cells
// are written), so worksheets are compared without their cell values and
// the values through the spec.
func TestBareWritesSameWorkbook(t *testing.T) {
	org := synthetic.Organisation(synthetic.Options{Units: 2, TeamsPerUnit: 5})
	for _, o := range []workbook.Options{
		{Unit: org.Units[0].ID, Date: benchDate},
		{Unit: org.Units[1].ID, Round: "augusti", Lang: domain.English, Date: benchDate},
		{Unit: org.Units[1].ID, Team: org.TeamsOf(org.Units[1].ID)[2].ID, Date: benchDate},
	} {
		t.Run(o.Unit+"/"+o.Team+o.Round, func(t *testing.T) {
			var ours, theirs bytes.Buffer
			if _, err := workbook.Write(&ours, org, o); err != nil {
				t.Fatal(err)
			}
			a, err := specOf(ours.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if err := bareSame(&theirs, a); err != nil {
				t.Fatal(err)
			}
			b, err := specOf(theirs.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a, b) {
				x, _ := json.MarshalIndent(a, "", " ")
				y, _ := json.MarshalIndent(b, "", " ")
				t.Errorf("bare program writes another workbook:\n%s", firstDiff(string(x), string(y)))
			}
			pa, pb := parts(t, ours.Bytes()), parts(t, theirs.Bytes())
			for name, want := range pa {
				got, ok := pb[name]
				switch {
				case !ok:
					t.Errorf("bare program lacks %s", name)
				case name == "xl/sharedStrings.xml":
				case want != got:
					t.Errorf("%s differs:\n%s", name, firstDiff(want, got))
				}
			}
			if len(pa) != len(pb) {
				t.Errorf("%d parts, bare program %d", len(pa), len(pb))
			}
			n, styled := 0, 0
			for _, s := range a.Sheets {
				for _, c := range s.Cells {
					n++
					if c.Style != 0 {
						styled++
					}
				}
			}
			if n < 200 || styled < n/2 {
				t.Errorf("only %d cells, %d styled", n, styled)
			}
		})
	}
}

// cellValue matches a cell's value in worksheet XML.
var cellValue = regexp.MustCompile(`<v>[^<]*</v>`)

// parts returns the parts of a workbook; worksheets without cell values.
func parts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			s = cellValue.ReplaceAllString(s, "<v/>")
		}
		out[f.Name] = s
	}
	return out
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return "ours: …" + a[from:min(len(a), i+200)] + "\nbare: …" + b[from:min(len(b), i+200)]
}
