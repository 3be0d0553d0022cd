package workbook

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestCustomPropsAsExcelize keeps setCustomProps writing the bytes that
// one SetCustomProps call per property writes, so that the shortcut never
// changes a workbook; a new excelize that writes the part otherwise fails
// here first.
func TestCustomPropsAsExcelize(t *testing.T) {
	pairs := [][2]string{{"a", "1"}, {"b", ""}, {"c", "<&\"Åsa\">"}, {"teams", "x,y"}}
	slow := excelize.NewFile()
	defer slow.Close()
	for _, p := range pairs {
		if err := slow.SetCustomProps(excelize.CustomProperty{Name: propPrefix + p[0], Value: p[1]}); err != nil {
			t.Fatal(err)
		}
	}
	fast := excelize.NewFile()
	defer fast.Close()
	if err := setCustomProps(fast, pairs); err != nil {
		t.Fatal(err)
	}
	a, _ := slow.Pkg.Load(customPropsPart)
	b, _ := fast.Pkg.Load(customPropsPart)
	if !bytes.Equal(a.([]byte), b.([]byte)) {
		t.Errorf("custom properties differ:\n%s\n%s", a, b)
	}
	// Whole files, with the core properties' clock fixed: the
	// relationship and content type of the part must match too.
	var files [2]bytes.Buffer
	for i, f := range []*excelize.File{slow, fast} {
		stamp := "2027-01-01T00:00:00Z"
		if err := f.SetDocProps(&excelize.DocProperties{Created: stamp, Modified: stamp}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteTo(&files[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0].Bytes(), files[1].Bytes()) {
		t.Error("workbooks differ")
	}
	got, err := fast.GetCustomProps()
	if err != nil || len(got) != len(pairs) || got[2].Value != pairs[2][1] {
		t.Errorf("read back %v, %v", got, err)
	}
}
