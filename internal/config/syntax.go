package config

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"github.com/malarbete/malarbete/internal/domain"
)

var lineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxMessages turns the parser's English detail into a sentence of our
// own, so that a Swedish reader does not meet English inside a Swedish
// message. Each row is one of go.yaml.in/yaml/v3's texts word for word
// (scannerc.go, parserc.go, decode.go); TestSyntaxMessages feeds every row
// real broken YAML, so a change of wording in the parser fails there. A
// named group becomes the template field of that name. Details not listed
// keep the ConfigSyntax message with the English text.
//
// The parser's line is where it noticed the problem, not always where the
// mistake is. For the rows marked "above" (parser, not scanner, errors)
// yaml gives the start of the list or mapping that holds the mistake
// counted from 0, which reads as the line above it; their sentences
// therefore say "here or further down".
var syntaxMessages = []struct {
	detail *regexp.Regexp
	id     string
}{
	{exact("mapping values are not allowed in this context"), "ConfigSyntaxColon"},
	{exact("could not find expected ':'"), "ConfigSyntaxMissingColon"},
	{exact("did not find expected key"), "ConfigSyntaxIndent"},                // above
	{exact("did not find expected '-' indicator"), "ConfigSyntaxListIndent"},  // above
	{exact("did not find expected node content"), "ConfigSyntaxMissingValue"}, // above
	{exact("did not find expected ',' or ']'"), "ConfigSyntaxFlowList"},       // above
	{exact("did not find expected ',' or '}'"), "ConfigSyntaxFlowMapping"},    // above
	{exact("block sequence entries are not allowed in this context"), "ConfigSyntaxDashInValue"},
	{exact("found character that cannot start any token"), "ConfigSyntaxReservedStart"},
	{exact("mapping keys are not allowed in this context"), "ConfigSyntaxReservedStart"},
	{exact("found unexpected end of stream"), "ConfigSyntaxUnclosedQuote"},
	{exact("found unexpected document indicator"), "ConfigSyntaxQuoteDocument"},
	{exact("found unknown escape character"), "ConfigSyntaxEscape"},
	{exact("did not find expected hexdecimal number"), "ConfigSyntaxEscape"},
	{exact("found invalid Unicode character escape code"), "ConfigSyntaxEscape"},
	{exact("did not find expected alphabetic or numeric character"), "ConfigSyntaxAnchor"},
	// Without a line: yaml finds it while building nodes and gives none.
	{regexp.MustCompile(`^unknown anchor '(?P<Name>.*)' referenced$`), "ConfigSyntaxUnknownAnchor"},
	{exact("found undefined tag handle"), "ConfigSyntaxTag"}, // above
	{exact("did not find expected tag URI"), "ConfigSyntaxTag"},
	{exact("did not find the expected '>'"), "ConfigSyntaxTag"},
	{exact("found unknown directive name"), "ConfigSyntaxDirective"},
	{exact("could not find expected directive name"), "ConfigSyntaxDirective"},
	{exact("found unexpected non-alphabetical character"), "ConfigSyntaxDirective"},
	{exact("found duplicate %TAG directive"), "ConfigSyntaxDirective"},
	{exact("did not find expected comment or line break"), "ConfigSyntaxBlockScalar"},
	{exact("found an indentation indicator equal to 0"), "ConfigSyntaxBlockScalar"},
}

// pointsAbove holds the messages of the rows marked "above": their line is
// moved to the first line whose indentation fits no enclosing block, when
// there is one (misindented).
var pointsAbove = map[string]bool{
	"ConfigSyntaxIndent": true, "ConfigSyntaxListIndent": true, "ConfigSyntaxMissingValue": true,
	"ConfigSyntaxFlowList": true, "ConfigSyntaxFlowMapping": true, "ConfigSyntaxTag": true,
}

func exact(text string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(text) + `$`)
}

// syntaxMessage returns the message id and template data for the
// parser's detail text.
func syntaxMessage(detail string) (string, map[string]any) {
	for _, m := range syntaxMessages {
		sub := m.detail.FindStringSubmatch(detail)
		if sub == nil {
			continue
		}
		var data map[string]any
		for i, name := range m.detail.SubexpNames() {
			if name != "" {
				if data == nil {
					data = map[string]any{}
				}
				// Typed by a person: quote no more than a short excerpt.
				data[name] = domain.Excerpt(sub[i], 30)
			}
		}
		return m.id, data
	}
	return "ConfigSyntax", map[string]any{"Detail": detail}
}

// syntax reports a YAML syntax error at its line; the column is where
// the text of that line starts, since the parser does not give one.
func (w *walker) syntax(data []byte, err error) {
	msg := err.Error()
	line := 0
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	col := 1
	if line > 0 {
		lines := bytes.Split(data, []byte("\n"))
		if line <= len(lines) {
			col = 1 + len(lines[line-1]) - len(bytes.TrimLeft(lines[line-1], " "))
		}
	}
	id, fields := syntaxMessage(msg)
	if pointsAbove[id] && line > 0 {
		if l, c, ok := misindented(data, line); ok {
			line, col = l, c
		}
	}
	w.findings = append(w.findings, domain.Finding{Code: CodeSyntax, Severity: domain.SeverityError,
		Location:  domain.Location{File: w.file, Line: max(line, 1), Column: col},
		MessageID: id, Data: fields})
}

// misindented returns the first line, at or after line from, whose
// indentation fits no enclosing block: shallower than the block before it
// but deeper than the one around it, such as a field of a list entry
// indented one space too little. That is where a person's mistake is when
// the parser reports the start of the block. Block scalars (| and >) are
// skipped; ok is false when every line fits.
func misindented(data []byte, from int) (line, col int, ok bool) {
	var levels []int // indentations of the enclosing blocks, increasing
	scalar := -1     // indentation of the key of a block scalar being skipped
	for i, raw := range bytes.Split(data, []byte("\n")) {
		text := strings.TrimRight(string(raw), " \r")
		body := strings.TrimLeft(text, " ")
		ind := len(text) - len(body)
		if body == "" || strings.HasPrefix(body, "#") || strings.HasPrefix(body, "---") || strings.HasPrefix(body, "...") {
			continue
		}
		if scalar >= 0 {
			if ind > scalar {
				continue
			}
			scalar = -1
		}
		popped := false
		for len(levels) > 0 && levels[len(levels)-1] > ind {
			levels, popped = levels[:len(levels)-1], true
		}
		if n := len(levels); n == 0 || levels[n-1] < ind {
			// Going deeper is only possible from the line before, not
			// back from a block that just ended.
			if popped && i+1 >= from {
				return i + 1, ind + 1, true
			}
			levels = append(levels, ind)
		}
		// A list entry's own fields stand where its text begins.
		if item := strings.TrimLeft(body[1:], " "); strings.HasPrefix(body, "- ") && item != "" {
			levels = append(levels, ind+len(body)-len(item))
		}
		if blockScalar.MatchString(body) {
			scalar = ind
		}
	}
	return 0, 0, false
}

// blockScalar matches a line that starts a block scalar: "text: |",
// "text: >-", "- |2", with or without a comment after it.
var blockScalar = regexp.MustCompile(`(^-|:)\s+[|>][-+0-9]*\s*(#.*)?$`)
