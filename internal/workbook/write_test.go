package workbook

import (
	"archive/zip"
	"bytes"
	"io"
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

// TestStructureProtected: sheets cannot be renamed, moved or deleted by
// mistake; like the sheets, the structure has no password.
func TestStructureProtected(t *testing.T) {
	var b bytes.Buffer
	if _, err := Write(&b, testOrg(), Options{Unit: "bjorken"}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "xl/workbook.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Contains(data, []byte(`<workbookProtection lockStructure="true">`)) || bytes.Contains(data, []byte("Password")) {
			t.Errorf("workbook protection: %s", data[:min(len(data), 400)])
		}
		return
	}
	t.Fatal("no xl/workbook.xml")
}
