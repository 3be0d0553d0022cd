package workbook

import (
	"maps"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
)

// TestConfigContentIsWhatTheWriterWrites checks that configContent gives
// exactly the pre-filled content of a planning workbook, in both
// languages: the reader compares returned workbooks with it.
func TestConfigContentIsWhatTheWriterWrites(t *testing.T) {
	org := testOrg()
	for _, lang := range domain.Langs {
		t.Run(string(lang), func(t *testing.T) {
			w, err := newWriter(org, Options{Unit: "forradet", Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			defer w.f.Close()
			if err := w.build(); err != nil {
				t.Fatal(err)
			}
			unit, _ := org.Unit("forradet")
			if len(unit.Goals) == 0 || len(org.Criteria) == 0 {
				t.Fatal("the test organisation needs preset unit goals and criteria")
			}
			got := configContent(w.lay, org, unit, w.l, true)
			if !maps.Equal(got, w.content) {
				t.Errorf("configContent differs from the writer's content:\ngot  %v\nwant %v", got, w.content)
			}
		})
	}
}
