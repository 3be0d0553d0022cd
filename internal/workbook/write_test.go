package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
)

func TestWriteSmoke(t *testing.T) {
	org := testOrg()
	var buf bytes.Buffer
	id, err := Write(&buf, org, Options{Unit: "bjorken"})
	if err != nil {
		t.Fatal(err)
	}
	if id.Unit != "bjorken" || len(id.Teams) != 2 || id.Language != domain.Swedish || id.ContentHash == "" {
		t.Errorf("identity %+v", id)
	}
	if dir := os.Getenv("MALARBETE_KEEP"); dir != "" {
		os.WriteFile(filepath.Join(dir, "bjorken.xlsx"), buf.Bytes(), 0o644)
	}
}
