package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that the loader never panics and that every problem
// names a place in the file.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../examples/*/organisation*.yaml")
	more, _ := filepath.Glob("testdata/*.yaml")
	for _, p := range append(files, more...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(base))
	f.Add([]byte(bomb()))
	f.Fuzz(func(t *testing.T, data []byte) {
		org, fs := Parse("f.yaml", data)
		if org == nil && len(fs) == 0 {
			t.Fatal("no organisation and no problem")
		}
		for _, p := range fs {
			if p.Location.File != "f.yaml" || p.MessageID == "" || p.Code == "" {
				t.Fatalf("finding without place or message: %+v", p)
			}
			if p.Location.Line == 0 && !strings.Contains("MB0102 MB0104", p.Code) {
				t.Fatalf("finding without line: %+v", p)
			}
		}
	})
}
