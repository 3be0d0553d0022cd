package config

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/malarbete/malarbete/internal/domain"
)

// maxNodes bounds how many nodes the loader visits, aliases expanded, so
// that an alias bomb ends with a finding instead of exhausting memory.
const maxNodes = 200_000

// walker turns yaml.Nodes into values and collects problems with their
// positions.
type walker struct {
	file     string
	findings domain.Findings
	visited  int
	tooBig   bool
	at       where
}

func (w *walker) add(n *yaml.Node, sev domain.Severity, code, id string, data map[string]any) {
	loc := domain.Location{File: w.file}
	if n != nil {
		loc.Line, loc.Column = n.Line, n.Column
	}
	w.findings = append(w.findings, domain.Finding{Code: code, Severity: sev, Location: loc, MessageID: id, Data: data})
}

func (w *walker) errorf(n *yaml.Node, code, id string, data map[string]any) {
	w.add(n, domain.SeverityError, code, id, data)
}

// resolve follows aliases and counts visits.
func (w *walker) resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	w.visited++
	if w.visited > maxNodes && !w.tooBig {
		w.tooBig = true
		w.errorf(n, CodeTooComplex, "ConfigTooComplex", map[string]any{"Max": maxNodes})
	}
	return n
}

// field is a key of a mapping with its nodes.
type field struct {
	key   *yaml.Node
	value *yaml.Node
}

// object is a checked YAML mapping.
type object struct {
	w      *walker
	node   *yaml.Node
	path   string
	fields map[string]field
}

// mapping checks that n is a mapping with only the allowed keys and no
// duplicates. path names the mapping in messages ("units[2]").
func (w *walker) mapping(n *yaml.Node, path string, allowed ...string) *object {
	n = w.resolve(n)
	o := &object{w: w, node: n, path: path, fields: map[string]field{}}
	if n == nil || w.tooBig {
		return o
	}
	if n.Kind != yaml.MappingNode {
		w.wrongType(n, path, "ConfigWantMapping")
		return o
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := w.resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			w.errorf(k, CodeWrongType, "ConfigKeyNotText", map[string]any{"Path": path})
			continue
		}
		if prev, dup := o.fields[k.Value]; dup {
			w.errorf(k, CodeDuplicateKey, "ConfigDuplicateKey", map[string]any{"Key": k.Value, "Path": path, "Line": prev.key.Line})
			continue
		}
		if !contains(allowed, k.Value) {
			if s := suggest(k.Value, allowed); s != "" {
				w.errorf(k, CodeUnknownKey, "ConfigUnknownKeySuggest", map[string]any{"Key": k.Value, "Path": path, "Suggestion": s})
			} else {
				w.errorf(k, CodeUnknownKey, "ConfigUnknownKey", map[string]any{"Key": k.Value, "Path": path, "Allowed": strings.Join(allowed, ", ")})
			}
			continue
		}
		o.fields[k.Value] = field{key: k, value: v}
	}
	return o
}

func (w *walker) wrongType(n *yaml.Node, path, want string) {
	w.errorf(n, CodeWrongType, want, map[string]any{"Path": path})
}

// has reports whether key is present.
func (o *object) has(key string) bool { _, ok := o.fields[key]; return ok }

// at returns the position to report for key: its value, or the mapping
// when the key is missing.
func (o *object) at(key string) *yaml.Node {
	if f, ok := o.fields[key]; ok {
		return f.value
	}
	return o.node
}

func (o *object) sub(key string) string {
	if o.path == "" {
		return key
	}
	return o.path + "." + key
}

// str returns the text of a scalar key. Scalars keep their literal text:
// 0123 stays "0123", yes stays "yes".
func (o *object) str(key string, required bool) string {
	f, ok := o.fields[key]
	if !ok {
		if required {
			o.missing(key)
		}
		return ""
	}
	v := o.w.resolve(f.value)
	if v.Kind != yaml.ScalarNode {
		o.w.wrongType(v, o.sub(key), "ConfigWantText")
		return ""
	}
	if v.Tag == "!!null" {
		if required {
			o.missing(key)
		}
		return ""
	}
	s := strings.TrimSpace(v.Value)
	if s == "" && required {
		o.missing(key)
	}
	o.w.checkLength(v, o.sub(key), key, s)
	return s
}

func (o *object) missing(key string) {
	if o.node == nil {
		return
	}
	o.w.errorf(o.node, CodeMissingField, "ConfigMissingField", map[string]any{"Key": key, "Path": o.path})
}

// integer returns a whole number between lo and hi, or def when absent.
func (o *object) integer(key string, def, lo, hi int) int {
	s := o.str(key, false)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		o.w.errorf(o.at(key), CodeBadNumber, "ConfigBadNumber", map[string]any{"Path": o.sub(key), "Value": domain.Excerpt(s, 20), "Min": lo, "Max": hi})
		return def
	}
	return n
}

// boolean returns true or false, or def when absent.
func (o *object) boolean(key string, def bool) bool {
	switch s := strings.ToLower(o.str(key, false)); s {
	case "":
		return def
	case "true", "yes", "ja":
		return true
	case "false", "no", "nej":
		return false
	default:
		o.w.wrongType(o.at(key), o.sub(key), "ConfigWantBool")
		return def
	}
}

// date returns an ISO date, or the zero Date when absent or malformed.
func (o *object) date(key string, required bool) domain.Date {
	s := o.str(key, required)
	if s == "" {
		return domain.Date{}
	}
	d, err := domain.ParseDate(s)
	if err != nil {
		o.w.errorf(o.at(key), CodeBadDate, "ConfigBadDate", map[string]any{"Path": o.sub(key), "Value": domain.Excerpt(s, 20)})
		return domain.Date{}
	}
	return d
}

// list returns the items of a sequence key.
func (o *object) list(key string, required bool) []*yaml.Node {
	f, ok := o.fields[key]
	if !ok {
		if required {
			o.missing(key)
		}
		return nil
	}
	v := o.w.resolve(f.value)
	if o.w.tooBig {
		return nil
	}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		if required {
			o.missing(key)
		}
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		o.w.wrongType(v, o.sub(key), "ConfigWantList")
		return nil
	}
	if len(v.Content) == 0 && required {
		o.w.errorf(v, CodeMissingField, "ConfigEmptyList", map[string]any{"Path": o.sub(key)})
	}
	return v.Content
}

// strings returns a sequence of texts.
func (o *object) strings(key string, required bool) []string {
	var out []string
	total := 0
	for i, n := range o.list(key, required) {
		if n = o.w.resolve(n); o.w.tooBig {
			return nil
		}
		if n.Kind != yaml.ScalarNode {
			o.w.wrongType(n, o.sub(key)+"["+strconv.Itoa(i+1)+"]", "ConfigWantText")
			continue
		}
		if s := strings.TrimSpace(n.Value); s != "" {
			path := o.sub(key) + "[" + strconv.Itoa(i+1) + "]"
			if !o.w.checkLength(n, path, key, s) {
				total += utf8.RuneCountInString(s) + listItemExtra
			}
			out = append(out, s)
		}
	}
	// A list such as a value's behaviours goes into one cell as bullets.
	if total > MaxCellText {
		o.w.errorf(o.at(key), CodeTooLong, "ConfigListTooLong", map[string]any{"Path": o.sub(key), "Length": total, "Max": MaxCellText})
	}
	return out
}

// Lengths of config texts, in characters. Every text ends up in a
// workbook cell, which holds at most MaxCellText (Excel's limit; longer
// texts were cut silently or made generate fail), and in the printed
// report, where a page of text is about 4,000 characters: a 1 MB vision
// took report a minute. Names and short values are much shorter.
const (
	MaxCellText = 32767
	MaxText     = 4000
	MaxName     = 200
	// listItemExtra is what a bullet and a line break add per item.
	listItemExtra = 3
)

// longTexts are the keys whose values are free texts; the others are
// names, ids and short values.
var longTexts = map[string]bool{
	"vision": true, "overallGoal": true, "purpose": true, "behaviours": true, "text": true,
	"description": true, "indicator": true, "target": true, "responsible": true, "levels": true, "note": true,
	"logo": true, // a path, which may be long
}

// checkLength reports a text longer than its key allows (MaxText for free
// texts, MaxName for the others); it returns whether it did.
func (w *walker) checkLength(n *yaml.Node, path, key, s string) bool {
	limit := MaxName
	if longTexts[key] {
		limit = MaxText
	}
	// Counting stops just past the limit: the text may be megabytes.
	count := 0
	for range s {
		if count++; count > limit {
			w.errorf(n, CodeTooLong, "ConfigTextTooLong", map[string]any{"Path": path, "Max": limit})
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest returns the allowed key closest to key when it is close enough
// to be a typo.
func suggest(key string, allowed []string) string {
	best, bestD := "", 1<<30
	cands := append([]string(nil), allowed...)
	sort.Strings(cands)
	for _, a := range cands {
		d := distance(strings.ToLower(key), strings.ToLower(a))
		if d < bestD {
			best, bestD = a, d
		}
	}
	limit := 2
	if len(key) > 8 {
		limit = 3
	}
	if bestD <= limit {
		return best
	}
	return ""
}

// distance is the Levenshtein distance between a and b in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
