package config

import (
	"bytes"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestSyntaxMessages feeds real broken YAML for every row of
// syntaxMessages: it fails when yaml changes its wording, when a row no
// longer matches what the parser says, or when a row has no case. The line
// is the parser's, except where misindented finds the misindented line
// after it (rows that point above the mistake; the comment gives yaml's).
func TestSyntaxMessages(t *testing.T) {
	tests := []struct {
		name     string
		from, to string // edit of base
		detail   string // what yaml says, without "yaml: line N: "
		id       string
		line     int
		data     map[string]string
	}{
		{"colon in a value", "vision: En vision.", "vision: Vår vision: trygghet.",
			"mapping values are not allowed in this context", "ConfigSyntaxColon", 8, nil},
		{"key without colon, seen on the next line", "  name: Testkommun", "  name Testkommun",
			"mapping values are not allowed in this context", "ConfigSyntaxColon", 3, nil},
		{"key indented too far", "    department: skola", "     department: skola",
			"mapping values are not allowed in this context", "ConfigSyntaxColon", 21, nil},
		{"text line without colon", "overallGoal: Ett mål.", "overallGoal Ett mål.",
			"could not find expected ':'", "ConfigSyntaxMissingColon", 9, nil},
		{"text after a closing quote", "    name: Björken", "    name: \"Björken\" AB",
			"did not find expected key", "ConfigSyntaxIndent", 18, nil},
		{"key indented too little", "      email: chef@test.example", "     email: chef@test.example",
			"did not find expected key", "ConfigSyntaxIndent", 24, nil}, // yaml: 18
		{"text after a flow list", "behaviours: [att ta ansvar]", "behaviours: [att ta ansvar] och mer",
			"did not find expected key", "ConfigSyntaxIndent", 10, nil},
		{"field of a list entry indented too little", "    department: skola", "   department: skola",
			"did not find expected '-' indicator", "ConfigSyntaxListIndent", 21, nil}, // yaml: 18
		{"list entry without dash", "    unit: bjorken\n", "    unit: bjorken\n  name: Lag 2\n",
			"did not find expected '-' indicator", "ConfigSyntaxListIndent", 25, nil},
		{"two commas in a row", "behaviours: [att ta ansvar]", "behaviours: [att ta ansvar, , att visa mod]",
			"did not find expected node content", "ConfigSyntaxMissingValue", 11, nil},
		{"value starting with a comma", "vision: En vision.", "vision: , En vision.",
			"did not find expected node content", "ConfigSyntaxMissingValue", 7, nil},
		{"flow list not closed", "behaviours: [att ta ansvar]", "behaviours: [att ta ansvar",
			"did not find expected ',' or ']'", "ConfigSyntaxFlowList", 11, nil},
		{"text after a quote in a flow list", "behaviours: [att ta ansvar]", "behaviours: [\"att ta\" ansvar]",
			"did not find expected ',' or ']'", "ConfigSyntaxFlowList", 11, nil},
		{"flow mapping not closed", "    manager:\n      name: Chef Ett\n      email: chef@test.example\n",
			"    manager: {name: Chef Ett, email: chef@test.example\n",
			"did not find expected ',' or '}'", "ConfigSyntaxFlowMapping", 21, nil},
		{"list entry after a colon", "behaviours: [att ta ansvar]", "behaviours: - att ta ansvar",
			"block sequence entries are not allowed in this context", "ConfigSyntaxDashInValue", 12, nil},
		{"value starting with @", "  name: Testkommun", "  name: @Testkommun",
			"found character that cannot start any token", "ConfigSyntaxReservedStart", 2, nil},
		{"value starting with %", "vision: En vision.", "vision: %50 av alla.",
			"found character that cannot start any token", "ConfigSyntaxReservedStart", 8, nil},
		{"tab after a dash", "  - name: Mod", "  -\tname: Mod",
			"found character that cannot start any token", "ConfigSyntaxReservedStart", 11, nil},
		{"value starting with ?", "vision: En vision.", "vision: ? Vad vill vi",
			"mapping keys are not allowed in this context", "ConfigSyntaxReservedStart", 8, nil},
		{"double quote not closed", "vision: En vision.", "vision: \"En vision.",
			"found unexpected end of stream", "ConfigSyntaxUnclosedQuote", 8, nil},
		{"single quote not closed", "    name: Björken", "    name: 'Björken",
			"found unexpected end of stream", "ConfigSyntaxUnclosedQuote", 20, nil},
		{"quote runs into ---", "vision: En vision.", "vision: \"En vision.\n---",
			"found unexpected document indicator", "ConfigSyntaxQuoteDocument", 8, nil},
		{"Windows path in double quotes", "  period: \"2027\"\n", "  period: \"2027\"\n  logo: \"C:\\Kommun\\logo.png\"\n",
			"found unknown escape character", "ConfigSyntaxEscape", 4, nil},
		{"Windows path with \\U", "  period: \"2027\"\n", "  period: \"2027\"\n  logo: \"C:\\Users\\logo.png\"\n",
			"did not find expected hexdecimal number", "ConfigSyntaxEscape", 4, nil},
		{"escape of no character", "  period: \"2027\"\n", "  period: \"2027\"\n  logo: \"\\uD800\"\n",
			"found invalid Unicode character escape code", "ConfigSyntaxEscape", 4, nil},
		{"value starting with &", "  name: Testkommun", "  name: & Co",
			"did not find expected alphabetic or numeric character", "ConfigSyntaxAnchor", 2, nil},
		{"value in stars", "vision: En vision.", "vision: *Viktigt* vision.",
			"did not find expected alphabetic or numeric character", "ConfigSyntaxAnchor", 8, nil},
		{"value starting with *name", "vision: En vision.", "vision: *Viktigt",
			"unknown anchor 'Viktigt' referenced", "ConfigSyntaxUnknownAnchor", 1, map[string]string{"Name": "Viktigt"}},
		{"long *name is cut", "vision: En vision.", "vision: *" + strings.Repeat("a", 40),
			"unknown anchor '" + strings.Repeat("a", 40) + "' referenced", "ConfigSyntaxUnknownAnchor", 1,
			map[string]string{"Name": strings.Repeat("a", 30) + "…"}},
		{"value starting with !x!y", "vision: En vision.", "vision: !a!b En vision.",
			"found undefined tag handle", "ConfigSyntaxTag", 7, nil},
		{"value starting with !x!", "vision: En vision.", "vision: !Viktigt! En vision.",
			"did not find expected tag URI", "ConfigSyntaxTag", 8, nil},
		{"value starting with !<", "vision: En vision.", "vision: !<Viktigt En vision.",
			"did not find the expected '>'", "ConfigSyntaxTag", 8, nil},
		{"line starting with %word", "overallGoal: Ett mål.", "overallGoal: Ett mål\n%50 av alla.",
			"found unknown directive name", "ConfigSyntaxDirective", 10, nil},
		{"line starting with % and space", "overallGoal: Ett mål.", "overallGoal: Ett mål\n% av alla.",
			"could not find expected directive name", "ConfigSyntaxDirective", 10, nil},
		{"line starting with %word.", "overallGoal: Ett mål.", "overallGoal: Ett mål\n%50.",
			"found unexpected non-alphabetical character", "ConfigSyntaxDirective", 10, nil},
		{"%TAG twice", "organisation:", "%TAG !a! tag:x,2000:\n%TAG !a! tag:y,2000:\n---\norganisation:",
			"found duplicate %TAG directive", "ConfigSyntaxDirective", 1, nil},
		{"value starting with >", "overallGoal: Ett mål.", "overallGoal: > 90 % nöjda",
			"did not find expected comment or line break", "ConfigSyntaxBlockScalar", 9, nil},
		{"value starting with >0", "overallGoal: Ett mål.", "overallGoal: >0 fel",
			"found an indentation indicator equal to 0", "ConfigSyntaxBlockScalar", 9, nil},
		{"unknown detail keeps the English", "vision: En vision.", "vision: " + strings.Repeat("[", 10001),
			"exceeded max depth of 10000", "ConfigSyntax", 8, map[string]string{"Detail": "exceeded max depth of 10000"}},
	}
	// Each case checks below that its detail is what yaml really says.
	for _, m := range syntaxMessages {
		found := false
		for _, tt := range tests {
			found = found || m.detail.MatchString(tt.detail)
		}
		if !found {
			t.Errorf("no case for row %q → %s", m.detail, m.id)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(base, tt.from, tt.to, 1)
			if src == base {
				t.Fatalf("replacement %q not found", tt.from)
			}
			var doc yaml.Node
			err := yaml.NewDecoder(bytes.NewReader([]byte(src))).Decode(&doc)
			if err == nil {
				t.Fatal("yaml accepts the broken file")
			}
			detail := strings.TrimPrefix(err.Error(), "yaml: ")
			if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
				detail = m[2]
			}
			if detail != tt.detail {
				t.Fatalf("yaml says %q, want %q", detail, tt.detail)
			}
			org, fs := Parse("o.yaml", []byte(src))
			f := find(fs, CodeSyntax)
			if org != nil || len(fs) != 1 || f == nil {
				t.Fatalf("want one %s finding, got %v", CodeSyntax, fs)
			}
			if f.MessageID != tt.id || f.Location.Line != tt.line {
				t.Errorf("got %s at line %d, want %s at line %d", f.MessageID, f.Location.Line, tt.id, tt.line)
			}
			if len(f.Data) != len(tt.data) {
				t.Errorf("data %v, want %v", f.Data, tt.data)
			}
			for k, v := range tt.data {
				if f.Data[k] != v {
					t.Errorf("data %s = %v, want %q", k, f.Data[k], v)
				}
			}
		})
	}
}

// TestMisindented checks the search for the line whose indentation fits
// no enclosing block, and that valid layouts (block scalars, values over
// several lines, comments, list entries in lists) give none.
func TestMisindented(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		from      int
		line, col int // 0: none
	}{
		{"field of a list entry one space short", "units:\n  - id: a\n    name: A\n   department: x\n", 1, 4, 4},
		{"list entry one space short", "values:\n  - name: Mod\n    behaviours:\n      - ansvar\n     - beslut\n", 1, 5, 6},
		{"key back between two levels", "a:\n    b: 1\n  c: 2\n", 1, 3, 3},
		{"before from is not reported", "a:\n    b: 1\n  c: 2\nd: 1\n", 4, 0, 0},
		{"valid nesting", "organisation:\n  name: X\nunits:\n  - id: a\n    manager:\n      name: B\n  - id: c\n", 1, 0, 0},
		{"block scalar", "vision: |\n  Rad ett\n     indragen rad\n  rad tre\nperiod: 2027\n", 1, 0, 0},
		{"folded block scalar with indicator", "vision: >-\n    Rad ett\n  # inget\n    rad två\nx: 1\n", 1, 0, 0},
		{"value over several lines", "vision: Ett livskraftigt\n   Sorsele för alla\nperiod: 2027\n", 1, 0, 0},
		{"comments and blank lines", "a:\n  # kommentar\n\n  b: 1\n# slut\n", 1, 0, 0},
		{"list of lists", "a:\n  - - x\n    - y\n", 1, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, col, ok := misindented([]byte(tt.src), tt.from)
			if ok != (tt.line > 0) || line != tt.line || col != tt.col {
				t.Errorf("misindented = %d:%d %v, want %d:%d", line, col, ok, tt.line, tt.col)
			}
		})
	}
}
