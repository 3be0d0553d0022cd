package orgimport

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// ErrCannotEdit means the config is written in a way the editor does not
// change safely (aliases in the organisation's lists, say); nothing is
// written.
var ErrCannotEdit = errors.New("config cannot be edited in place")

// The editor changes the config's text in place. It finds what to change
// through the yaml.Node tree (positions, styles) and splices new text into
// the original bytes, so that everything it does not change, comments,
// order, quoting, folded texts, stays byte for byte as it was. Block
// mappings and sequences are edited line by line; a flow collection
// ({…} or […]) that changes is written anew by the YAML encoder.
type editor struct {
	src   []byte // without a byte-order mark
	bom   bool
	nl    string // the file's line ending
	lines []int  // offset of each line's start
	root  *yaml.Node
	// parent of each node, to find the flow collection around a node.
	parent map[*yaml.Node]*yaml.Node
	edits  []splice
	// dirty flow collections to write anew.
	dirty map[*yaml.Node]bool
	// added marks the items put into flow sequences, so that the next
	// one added after the same item goes after them.
	added map[*yaml.Node]bool
}

// splice replaces src[start:end] with text. Splices at one offset apply in
// the order they were made.
type splice struct {
	start, end int
	text       string
	seq        int
}

func newEditor(data []byte) (*editor, error) {
	e := &editor{nl: "\n", parent: map[*yaml.Node]*yaml.Node{}, dirty: map[*yaml.Node]bool{}, added: map[*yaml.Node]bool{}}
	if bytes.HasPrefix(data, bomUTF8) {
		e.bom, data = true, data[len(bomUTF8):]
	}
	e.src = data
	if i := bytes.IndexByte(data, '\n'); i > 0 && data[i-1] == '\r' {
		e.nl = "\r\n"
	}
	e.lines = []int{0}
	for i, c := range data {
		if c == '\n' {
			e.lines = append(e.lines, i+1)
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse config: %w", err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%w: no mapping at the top", ErrCannotEdit)
	}
	e.root = doc.Content[0]
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range n.Content {
			e.parent[c] = n
			walk(c)
		}
	}
	walk(e.root)
	return e, nil
}

// output applies the splices.
func (e *editor) output() ([]byte, error) {
	for n := range e.dirty {
		if e.flowRoot(e.parent[n]) != nil {
			continue // written with its outer collection
		}
		start, end, err := e.flowSpan(n)
		if err != nil {
			return nil, err
		}
		text, err := renderFlow(n)
		if err != nil {
			return nil, err
		}
		e.splice(start, end, text)
	}
	sort.SliceStable(e.edits, func(i, j int) bool {
		a, b := e.edits[i], e.edits[j]
		if a.start != b.start {
			return a.start < b.start
		}
		// An item added after one and the removal of the next start at
		// the same line: the insertion goes first.
		if ai, bi := a.start == a.end, b.start == b.end; ai != bi {
			return ai
		}
		return a.seq < b.seq
	})
	var out bytes.Buffer
	if e.bom {
		out.Write(bomUTF8)
	}
	pos := 0
	for _, s := range e.edits {
		if s.start < pos {
			return nil, fmt.Errorf("%w: overlapping edits at byte %d", ErrCannotEdit, s.start)
		}
		out.Write(e.src[pos:s.start])
		out.WriteString(s.text)
		pos = s.end
	}
	out.Write(e.src[pos:])
	return out.Bytes(), nil
}

func (e *editor) splice(start, end int, text string) {
	e.edits = append(e.edits, splice{start: start, end: end, text: text, seq: len(e.edits)})
}

// offset returns the byte offset of a node's line and column (columns
// count characters, as the YAML parser does).
func (e *editor) offset(line, col int) int {
	if line < 1 || line > len(e.lines) {
		return len(e.src)
	}
	off := e.lines[line-1]
	for i := 1; i < col && off < len(e.src) && e.src[off] != '\n'; i++ {
		_, n := utf8.DecodeRune(e.src[off:])
		off += n
	}
	return off
}

func (e *editor) at(n *yaml.Node) int { return e.offset(n.Line, n.Column) }

// lineStart returns the offset of the start of the line holding off.
func (e *editor) lineStart(off int) int {
	return bytes.LastIndexByte(e.src[:off], '\n') + 1
}

// lineEnd returns the offset of the line break ending the line that holds
// off (before a carriage return), or the end of the file.
func (e *editor) lineEnd(off int) int {
	i := bytes.IndexByte(e.src[off:], '\n')
	if i < 0 {
		return len(e.src)
	}
	end := off + i
	if end > 0 && e.src[end-1] == '\r' {
		end--
	}
	return end
}

// nextLine returns the offset after the line break ending off's line.
func (e *editor) nextLine(off int) int {
	i := bytes.IndexByte(e.src[off:], '\n')
	if i < 0 {
		return len(e.src)
	}
	return off + i + 1
}

// indentOf returns the indentation of the line holding off.
func (e *editor) indentOf(off int) int {
	start := e.lineStart(off)
	n := 0
	for start+n < len(e.src) && e.src[start+n] == ' ' {
		n++
	}
	return n
}

// flowRoot returns the outermost flow collection that holds n (n itself
// included), or nil when n is in block context.
func (e *editor) flowRoot(n *yaml.Node) *yaml.Node {
	var root *yaml.Node
	for ; n != nil; n = e.parent[n] {
		if (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && n.Style&yaml.FlowStyle != 0 {
			root = n
		}
	}
	return root
}

// skipProperties skips an anchor (&a) and a tag (!!str) before a node's
// content. The anchor is kept when the value is replaced; the tag is not.
func (e *editor) skipProperties(off int) (anchorEnd, content int) {
	anchorEnd = off
	for off < len(e.src) && (e.src[off] == '&' || e.src[off] == '!') {
		start := off
		for off < len(e.src) && e.src[off] != ' ' && e.src[off] != '\n' && e.src[off] != '\r' {
			off++
		}
		for off < len(e.src) && e.src[off] == ' ' {
			off++
		}
		if e.src[start] == '&' {
			anchorEnd = off
		}
	}
	return anchorEnd, off
}

// scalarSpan returns where a scalar's text is: from its content (after an
// anchor) to its end. It checks its answer by parsing the text found.
func (e *editor) scalarSpan(n *yaml.Node) (start, end int, err error) {
	start, content := e.skipProperties(e.at(n))
	if n.Kind == yaml.AliasNode {
		end = content + 1
		for end < len(e.src) && !isSpaceOrBreak(e.src[end]) && !bytes.ContainsRune([]byte(",]}"), rune(e.src[end])) {
			end++
		}
		return start, end, nil
	}
	if n.Kind != yaml.ScalarNode {
		return 0, 0, fmt.Errorf("%w: line %d is no text", ErrCannotEdit, n.Line)
	}
	inFlow := e.flowRoot(e.parent[n]) != nil
	end, err = e.scalarEnd(content, n, inFlow)
	if err != nil {
		return 0, 0, err
	}
	// The text found must read as the value the parser saw.
	var check yaml.Node
	text := string(e.src[content:end])
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 && n.Line == lineOf(e.src, content) {
		text = strings.TrimSpace(text)
	}
	if yaml.Unmarshal([]byte(text), &check) != nil || len(check.Content) != 1 || check.Content[0].Value != n.Value {
		if !(n.Tag == "!!null" && strings.TrimSpace(text) == "") {
			return 0, 0, fmt.Errorf("%w: cannot find the end of the text on line %d", ErrCannotEdit, n.Line)
		}
	}
	return start, end, nil
}

func lineOf(src []byte, off int) int { return bytes.Count(src[:off], []byte("\n")) + 1 }

func isSpaceOrBreak(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// scalarEnd finds the end of the scalar whose content starts at off.
func (e *editor) scalarEnd(off int, n *yaml.Node, inFlow bool) (int, error) {
	src := e.src
	if off >= len(src) {
		return off, nil
	}
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		for i := off + 1; i < len(src); i++ {
			switch src[i] {
			case '\\':
				i++
			case '"':
				return i + 1, nil
			}
		}
		return 0, fmt.Errorf("%w: unclosed quote on line %d", ErrCannotEdit, n.Line)
	case n.Style&yaml.SingleQuotedStyle != 0:
		for i := off + 1; i < len(src); i++ {
			if src[i] == '\'' {
				if i+1 < len(src) && src[i+1] == '\'' {
					i++
					continue
				}
				return i + 1, nil
			}
		}
		return 0, fmt.Errorf("%w: unclosed quote on line %d", ErrCannotEdit, n.Line)
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		// A block text runs while lines are blank or indented deeper
		// than the key it belongs to.
		keyIndent := e.indentOf(off)
		if p := e.parent[n]; p != nil && p.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(p.Content); i += 2 {
				if p.Content[i+1] == n {
					keyIndent = p.Content[i].Column - 1
				}
			}
		}
		end := e.lineEnd(off)
		for pos := e.nextLine(off); pos < len(src); pos = e.nextLine(pos) {
			le := e.lineEnd(pos)
			line := src[pos:le]
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			if e.indentOf(pos) <= keyIndent {
				break
			}
			end = le
		}
		return end, nil
	}
	// A plain scalar: in a flow collection it ends at , ] or }; in block
	// context at " #" or the line's end, and may go on over lines
	// indented deeper than its key.
	end := off
	for i := off; i < len(src) && src[i] != '\n' && src[i] != '\r'; i++ {
		c := src[i]
		if c == '#' && i > off && (src[i-1] == ' ' || src[i-1] == '\t') {
			break
		}
		if inFlow && (c == ',' || c == ']' || c == '}') {
			break
		}
		if !isSpaceOrBreak(c) {
			end = i + 1
		}
	}
	if inFlow || n.Value == string(src[off:end]) {
		return end, nil
	}
	keyIndent := e.indentOf(off)
	for pos := e.nextLine(end); pos < len(src); pos = e.nextLine(pos) {
		le := e.lineEnd(pos)
		t := bytes.TrimSpace(src[pos:le])
		if len(t) == 0 {
			continue
		}
		if e.indentOf(pos) <= keyIndent || t[0] == '#' {
			break
		}
		if i := bytes.Index(src[pos:le], []byte(" #")); i >= 0 {
			le = pos + i
		}
		end = pos + len(bytes.TrimRight(src[pos:le], " \t"))
	}
	return end, nil
}

// nodeEnd returns the offset just past the last character of n's text.
func (e *editor) nodeEnd(n *yaml.Node) (int, error) {
	switch n.Kind {
	case yaml.ScalarNode, yaml.AliasNode:
		_, end, err := e.scalarSpan(n)
		return end, err
	case yaml.MappingNode, yaml.SequenceNode:
		if n.Style&yaml.FlowStyle != 0 {
			_, end, err := e.flowSpan(n)
			return end, err
		}
		if len(n.Content) == 0 {
			return e.at(n), nil
		}
		return e.nodeEnd(n.Content[len(n.Content)-1])
	}
	return 0, fmt.Errorf("%w: unexpected node on line %d", ErrCannotEdit, n.Line)
}

// flowSpan returns where a flow collection's text is, brackets included.
func (e *editor) flowSpan(n *yaml.Node) (int, int, error) {
	_, start := e.skipProperties(e.at(n))
	depth := 0
	for i := start; i < len(e.src); i++ {
		switch c := e.src[i]; c {
		case '"', '\'':
			j := i + 1
			for ; j < len(e.src); j++ {
				if c == '"' && e.src[j] == '\\' {
					j++
					continue
				}
				if e.src[j] == c {
					if c == '\'' && j+1 < len(e.src) && e.src[j+1] == '\'' {
						j++
						continue
					}
					break
				}
			}
			i = j
		case '#':
			if i > start && isSpaceOrBreak(e.src[i-1]) {
				i = e.lineEnd(i) - 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return start, i + 1, nil
			}
		}
	}
	return 0, 0, fmt.Errorf("%w: unclosed bracket on line %d", ErrCannotEdit, n.Line)
}

// get returns the key and value nodes of key in mapping m.
func get(m *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// set gives key the text value in mapping m, adding the key where order
// (the schema's key order) puts it when m lacks it.
func (e *editor) set(m *yaml.Node, key, value string, order []string) error {
	k, v := get(m, key)
	if root := e.flowRoot(m); root != nil {
		if v != nil {
			*v = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value}
		} else {
			insertPair(m, key, scalarNode(value), order)
		}
		e.dirty[root] = true
		return nil
	}
	if v != nil {
		start, end, err := e.scalarSpan(v)
		if err != nil {
			return err
		}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "" {
			// "key:" with nothing after it.
			start, end = e.at(k), e.lineEnd(e.at(k))
			e.splice(start, end, key+": "+renderScalar(value))
			return nil
		}
		e.splice(start, end, renderScalar(value))
		return nil
	}
	line := key + ": " + renderScalar(value)
	if next := nextKey(m, key, order); next != nil {
		e.splice(e.at(next), e.at(next), line+e.nl+strings.Repeat(" ", next.Column-1))
		return nil
	}
	end, err := e.nodeEnd(m)
	if err != nil {
		return err
	}
	end = e.lineEnd(end)
	e.splice(end, end, e.nl+strings.Repeat(" ", m.Content[0].Column-1)+line)
	return nil
}

// nextKey returns the first key of m that order puts after key.
func nextKey(m *yaml.Node, key string, order []string) *yaml.Node {
	rank := func(k string) int {
		for i, o := range order {
			if o == k {
				return i
			}
		}
		return len(order)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if rank(m.Content[i].Value) > rank(key) {
			return m.Content[i]
		}
	}
	return nil
}

func insertPair(m *yaml.Node, key string, v *yaml.Node, order []string) {
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}
	if next := nextKey(m, key, order); next != nil {
		for i := 0; i < len(m.Content); i += 2 {
			if m.Content[i] == next {
				m.Content = append(m.Content[:i], append([]*yaml.Node{k, v}, m.Content[i:]...)...)
				return
			}
		}
	}
	m.Content = append(m.Content, k, v)
}

func scalarNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// renderScalar writes s as a YAML scalar in block context: plain where
// that reads back as the same text, quoted otherwise ("0042", "yes: no").
func renderScalar(s string) string {
	out, err := yaml.Marshal(scalarNode(s))
	text := strings.TrimSuffix(string(out), "\n")
	if err != nil || strings.ContainsAny(text, "\n\r") {
		return doubleQuoted(s)
	}
	return text
}

func doubleQuoted(s string) string {
	out, _ := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: s})
	return strings.TrimSuffix(string(out), "\n")
}

// renderFlow writes a flow collection on one line, without the comments
// the parser attached to its nodes (they stay where they are in the file).
func renderFlow(n *yaml.Node) (string, error) {
	out, err := yaml.Marshal(stripComments(n))
	if err != nil {
		return "", fmt.Errorf("write flow collection: %w", err)
	}
	text := strings.TrimSuffix(string(out), "\n")
	if strings.ContainsAny(text, "\n\r") {
		return "", fmt.Errorf("%w: a flow collection would span lines", ErrCannotEdit)
	}
	return text, nil
}

func stripComments(n *yaml.Node) *yaml.Node {
	c := *n
	c.HeadComment, c.LineComment, c.FootComment = "", "", ""
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, x := range n.Content {
		c.Content[i] = stripComments(x)
	}
	return &c
}

// dash returns the offset of the "-" that starts a block sequence's item.
func (e *editor) dash(item *yaml.Node) (int, error) {
	off := e.at(item)
	for i := off - 1; i >= 0; i-- {
		switch e.src[i] {
		case ' ', '\t', '\n', '\r':
			continue
		case '-':
			return i, nil
		}
		break
	}
	return 0, fmt.Errorf("%w: no item marker before line %d", ErrCannotEdit, item.Line)
}

// remove deletes an item of a sequence: its lines in block context, the
// node in a flow collection.
func (e *editor) remove(seq, item *yaml.Node) error {
	if root := e.flowRoot(seq); root != nil {
		for i, c := range seq.Content {
			if c == item {
				seq.Content = append(seq.Content[:i], seq.Content[i+1:]...)
				break
			}
		}
		e.dirty[root] = true
		return nil
	}
	d, err := e.dash(item)
	if err != nil {
		return err
	}
	end, err := e.nodeEnd(item)
	if err != nil {
		return err
	}
	e.splice(e.lineStart(d), e.nextLine(end), "")
	return nil
}

// itemShape is how a sequence's items are written: where the dash and the
// keys stand, how deep nested blocks go, and whether items are flow
// mappings.
type itemShape struct {
	dash, key, step int
	flow            bool
}

func (e *editor) shapeOf(seq *yaml.Node) itemShape {
	sh := itemShape{dash: 2, key: 4, step: 2}
	if seq == nil || len(seq.Content) == 0 {
		return sh
	}
	item := seq.Content[0]
	if item.Kind == yaml.MappingNode && item.Style&yaml.FlowStyle != 0 {
		sh.flow = true
	}
	if d, err := e.dash(item); err == nil {
		sh.dash = d - e.lineStart(d)
		sh.key = item.Column - 1
		if sh.flow {
			sh.key = sh.dash + 2
		}
	}
	// The nested step: from a nested block mapping or sequence if the
	// items have one.
	for _, it := range seq.Content {
		for i := 0; i+1 < len(it.Content); i += 2 {
			v := it.Content[i+1]
			if (v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode) && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 && v.Line > it.Content[i].Line {
				if step := v.Column - it.Content[i].Column; step > 0 || v.Kind == yaml.SequenceNode {
					if v.Kind == yaml.SequenceNode {
						// From the key to the item's dash.
						step = v.Content[0].Column - 2 - it.Content[i].Column
					}
					if step > 0 {
						sh.step = step
						return sh
					}
				}
			}
		}
	}
	return sh
}

// field is a key of a new item: a text, a nested mapping or a list of
// texts.
type field struct {
	key    string
	text   string
	fields []field
	list   []string
}

// renderItem writes a new sequence item in the shape of its neighbours,
// each line ending with the file's line break.
func (e *editor) renderItem(sh itemShape, fields []field) (string, error) {
	if sh.flow {
		text, err := renderFlow(flowNode(fields))
		if err != nil {
			return "", err
		}
		return strings.Repeat(" ", sh.dash) + "- " + text + e.nl, nil
	}
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", sh.dash) + "-" + strings.Repeat(" ", sh.key-sh.dash-1))
	e.writeFields(&b, fields, sh.key, sh.step, true)
	return b.String(), nil
}

func (e *editor) writeFields(b *strings.Builder, fields []field, indent, step int, first bool) {
	for _, f := range fields {
		if !first {
			b.WriteString(strings.Repeat(" ", indent))
		}
		first = false
		switch {
		case f.fields != nil:
			b.WriteString(f.key + ":" + e.nl)
			e.writeFields(b, f.fields, indent+step, step, false)
		case f.list != nil:
			b.WriteString(f.key + ":" + e.nl)
			for _, s := range f.list {
				b.WriteString(strings.Repeat(" ", indent+step) + "- " + renderScalar(s) + e.nl)
			}
		default:
			b.WriteString(f.key + ": " + renderScalar(f.text) + e.nl)
		}
	}
}

func flowNode(fields []field) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	for _, f := range fields {
		var v *yaml.Node
		switch {
		case f.fields != nil:
			v = flowNode(f.fields)
		case f.list != nil:
			v = &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			for _, s := range f.list {
				v.Content = append(v.Content, scalarNode(s))
			}
		default:
			v = scalarNode(f.text)
		}
		m.Content = append(m.Content, scalarNode(f.key), v)
	}
	return m
}

// insertAfter writes a new item into seq after the item prev (nil: after
// the last item). seq may be nil or empty: then the list is written under
// its key, or a new top-level key after the one named by afterKey.
func (e *editor) insertAfter(key, afterKey string, prev *yaml.Node, fields []field) error {
	k, seq := get(e.root, key)
	if seq != nil && seq.Kind == yaml.SequenceNode && len(seq.Content) > 0 {
		if root := e.flowRoot(seq); root != nil {
			at := len(seq.Content)
			for i, c := range seq.Content {
				if c == prev {
					at = i + 1
				}
			}
			for at < len(seq.Content) && e.added[seq.Content[at]] {
				at++
			}
			n := flowNode(fields)
			e.added[n] = true
			seq.Content = append(seq.Content[:at], append([]*yaml.Node{n}, seq.Content[at:]...)...)
			e.dirty[root] = true
			return nil
		}
		if prev == nil {
			prev = seq.Content[len(seq.Content)-1]
		}
		text, err := e.renderItem(e.shapeOf(seq), fields)
		if err != nil {
			return err
		}
		end, err := e.nodeEnd(prev)
		if err != nil {
			return err
		}
		at := e.nextLine(end)
		if at == len(e.src) && (len(e.src) == 0 || e.src[len(e.src)-1] != '\n') {
			text = e.nl + strings.TrimSuffix(text, e.nl)
		}
		e.splice(at, at, text)
		return nil
	}
	// An empty or missing list: written as a block list in the shape of
	// the units' list, the file's biggest.
	_, units := get(e.root, "units")
	sh := e.shapeOf(units)
	sh.flow = false
	text, err := e.renderItem(sh, fields)
	if err != nil {
		return err
	}
	if k != nil {
		// "teams:", "teams: ~" or "teams: []".
		start := e.at(k)
		end := e.lineEnd(start)
		if seq != nil && seq.Kind == yaml.SequenceNode {
			_, end, err = e.flowSpan(seq)
			if err != nil {
				return err
			}
		} else if seq != nil && seq.Value != "" {
			_, end, err = e.scalarSpan(seq)
			if err != nil {
				return err
			}
		}
		e.splice(start, end, key+":"+e.nl+strings.TrimSuffix(text, e.nl))
		return nil
	}
	ak, av := get(e.root, afterKey)
	if ak == nil {
		return fmt.Errorf("%w: no %s in the config", ErrCannotEdit, afterKey)
	}
	end, err := e.nodeEnd(av)
	if err != nil {
		return err
	}
	at := e.lineEnd(end)
	e.splice(at, at, e.nl+e.nl+key+":"+e.nl+strings.TrimSuffix(text, e.nl))
	return nil
}
