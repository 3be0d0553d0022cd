package config

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestCodesDocumented checks that every code of codes.go has its row in
// docs/findings.md, as the codes' doc comment promises.
func TestCodesDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/findings.md")
	if err != nil {
		t.Fatal(err)
	}
	file, err := parser.ParseFile(token.NewFileSet(), "codes.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	ast.Inspect(file, func(node ast.Node) bool {
		lit, ok := node.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		code, _ := strconv.Unquote(lit.Value)
		n++
		if !strings.Contains(string(doc), "| "+code+" |") {
			t.Errorf("docs/findings.md has no row for %s", code)
		}
		return true
	})
	if n < 20 {
		t.Fatalf("found only %d codes in codes.go", n)
	}
}
