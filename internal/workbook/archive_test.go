package workbook

import (
	"bytes"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
)

// TestReadInsecureName reads a filled workbook with an extra entry "../x"
// under both settings of GODEBUG zipinsecurepath: the main package sets 0,
// tests and other programs run with Go's default. Either way the file is
// refused with MB0315 before excelize opens it, and nothing else is said.
func TestReadInsecureName(t *testing.T) {
	data := editParts(t, filled(t, domain.Swedish), nil, zpart{"../x", []byte("x")})
	for _, setting := range []string{"zipinsecurepath=1", "zipinsecurepath=0"} {
		t.Run(setting, func(t *testing.T) {
			t.Setenv("GODEBUG", setting)
			sub, fs, err := Read(bytes.NewReader(data), int64(len(data)), testOrg(), ReadOptions{Name: "x.xlsx"})
			if err != nil || sub != nil || len(fs) != 1 || fs[0].Code != "MB0315" || fs[0].MessageID != "ArchiveInsecureName" {
				t.Errorf("Read = %v, %+v, %v; want only MB0315", sub != nil, fs, err)
			}
		})
	}
}
