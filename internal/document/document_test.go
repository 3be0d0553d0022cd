package document_test

import (
	"encoding/json"
	"go/build"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/document"
)

// TestMarshalTagsBlocks checks that every block carries its type in the
// JSON form, the form the snapshots compare.
func TestMarshalTagsBlocks(t *testing.T) {
	doc := &document.Document{Blocks: []document.Block{
		document.Heading{Level: 1, Text: "A"},
		document.PageBreak{},
		document.Paragraph{Text: "B"},
	}}
	got, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`{"type":"heading","level":1,"text":"A"}`, `{"type":"pageBreak"}`, `{"type":"paragraph","text":"B"}`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("%s lacks %s", got, want)
		}
	}
}

// TestRenderersReadTheTreeOnly keeps the renderers apart from the
// builder: a renderer that reached into the report package would tie
// every renderer to how the tree is made. The typeface is theirs to use.
func TestRenderersReadTheTreeOnly(t *testing.T) {
	for _, dir := range []string{"../report/pdf", "../report/html"} {
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range pkg.Imports {
			own := strings.HasPrefix(imp, "github.com/malarbete/malarbete/internal/")
			if own && imp != "github.com/malarbete/malarbete/internal/document" && imp != "github.com/malarbete/malarbete/internal/font" {
				t.Errorf("%s imports %s; a renderer reads the document tree only", dir, imp)
			}
		}
	}
}
