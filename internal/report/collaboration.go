package report

// Chapter: collaboration (Samverkan med) within the departments, between
// them and with others outside them, as the handout has it ("inom, mellan
// och utanför verksamheterna"). How a typed text is matched to the
// organisation is described in docs/report.md.

import (
	"slices"
	"strings"
	"unicode"

	"github.com/malarbete/malarbete/internal/document"
	"github.com/malarbete/malarbete/internal/domain"
)

// Levels of collaboration, as the handout names them.
const (
	levelWithin = iota
	levelBetween
	levelOutside
	levels
)

// maxMatrixNames is how many departments the matrix names in its column
// titles; with more it numbers them, as names would not fit.
const maxMatrixNames = 6

// partners is what one goal's Samverkan med names.
type partners struct {
	depts   []string // department IDs, each once, in the order found
	outside bool     // a party that is no department, unit or team
}

func (b *builder) collaboration() {
	b.chapter(b.t("ReportHeadingCollaboration"))
	b.para(document.StyleLead, b.t("ReportCollaborationIntro"))
	m := newMatcher(b.org)
	deptIdx := make(map[string]int, len(b.org.Departments))
	for i, d := range b.org.Departments {
		deptIdx[d.ID] = i
	}
	nd := len(b.org.Departments)
	// byLevel[i] counts department i's goals per level; matrix[i][j] its
	// goals that name department j, and [i][nd] those that name others.
	byLevel := make([][levels + 1]int, nd)
	matrix := make([][]int, nd)
	for i := range matrix {
		matrix[i] = make([]int, nd+1)
	}
	var rows []document.Row
	for _, r := range b.all {
		if strings.TrimSpace(r.goal.Collaboration) == "" {
			continue
		}
		from, ok := deptIdx[r.unit.Department]
		if !ok {
			continue
		}
		rows = append(rows, document.Row{Cells: []string{
			b.teamName(r.team) + "\n" + r.unit.Name, r.goal.What, r.goal.Collaboration,
		}})
		p := m.partners(r.goal.Collaboration, r.unit.Department)
		var lv [levels]bool
		for _, d := range p.depts {
			matrix[from][deptIdx[d]]++
			if d == r.unit.Department {
				lv[levelWithin] = true
			} else {
				lv[levelBetween] = true
			}
		}
		if p.outside {
			matrix[from][nd]++
			lv[levelOutside] = true
		}
		byLevel[from][levels]++ // goals with a Samverkan med at all
		for l, on := range lv {
			if on {
				byLevel[from][l]++
			}
		}
	}
	if len(rows) == 0 {
		b.para(document.StyleNote, b.t("ReportNoCollaboration"))
		return
	}

	b.section(b.t("ReportHeadingCollaborationLevels"), true)
	lt := document.Table{Columns: []document.Column{
		{Title: b.t("ReportColDepartment"), Width: 2.4},
		{Title: b.t("ReportColCollaborationGoals"), Width: 1.2, Numeric: true},
		{Title: b.t("ReportColWithin"), Width: 1.2, Numeric: true},
		{Title: b.t("ReportColBetween"), Width: 1.2, Numeric: true},
		{Title: b.t("ReportColOutside"), Width: 1.2, Numeric: true},
	}, RowHeaders: true}
	var tot [levels + 1]int
	for i, d := range b.org.Departments {
		n := byLevel[i]
		for k := range n {
			tot[k] += n[k]
		}
		lt.Rows = append(lt.Rows, document.Row{Cells: []string{d.Name, itoa(n[levels]), itoa(n[levelWithin]), itoa(n[levelBetween]), itoa(n[levelOutside])}})
	}
	lt.Rows = append(lt.Rows, document.Row{Bold: true, Cells: []string{b.t("ReportTotal"), itoa(tot[levels]), itoa(tot[levelWithin]), itoa(tot[levelBetween]), itoa(tot[levelOutside])}})
	lt.Caption = b.t("ReportCollaborationLevelsCaption")
	b.add(lt)

	b.section(b.t("ReportHeadingCollaborationMatrix"), true)
	numbered := nd > maxMatrixNames
	mt := document.Table{Columns: []document.Column{{Title: b.t("ReportColMatrixCorner"), Width: 2.4}}, RowHeaders: true}
	for i, d := range b.org.Departments {
		title := d.Name
		if numbered {
			title = itoa(i + 1)
		}
		mt.Columns = append(mt.Columns, document.Column{Title: title, Width: 1, Numeric: true})
	}
	mt.Columns = append(mt.Columns, document.Column{Title: b.t("ReportColOutside"), Width: 1.2, Numeric: true})
	for i, d := range b.org.Departments {
		name := d.Name
		if numbered {
			name = itoa(i+1) + " " + d.Name
		}
		cells := []string{name}
		for _, v := range matrix[i] {
			cells = append(cells, itoa(v))
		}
		mt.Rows = append(mt.Rows, document.Row{Cells: cells})
	}
	mt.Caption = b.t("ReportCollaborationMatrixCaption")
	b.add(mt)

	b.section(b.t("ReportHeadingCollaborationGoals"), true)
	b.add(document.Table{
		Columns: []document.Column{
			{Title: b.t("ReportColTeamUnit"), Width: 1.5},
			{Title: b.t("ReportColGoal"), Width: 3},
			{Title: b.t("ReportColCollaboration"), Width: 2},
		},
		Rows: rows,
	})
}

// matcher finds the departments that a typed Samverkan med names, through
// the names of the organisation's departments, units and teams. Names are
// indexed by their first word, so that reading a text costs the same
// however large the organisation: a look-up per word, not a scan of every
// name.
type matcher struct {
	// byWords finds a name by its words and punctuation (nameKey), and
	// lengths lists, per first word, the names' lengths in words, longest
	// first: a text is matched by a lookup per length, not by a scan of
	// every name that starts with its word (thousands of "Enhet …").
	byWords map[string]*orgName
	lengths map[string][]int
	// depts are the departments in the config's order, for the phrases
	// that name them all.
	depts []string
}

// orgName is a name of the organisation split into words, with the
// punctuation between them, and the departments it stands for.
type orgName struct {
	// order is the name's place among the names added, which decides
	// between two names of one length that both match.
	order int
	words []string
	seps  []string // seps[i] is between words[i] and words[i+1]
	depts []string // "*" for every department
}

// token is one word of a typed text, with the punctuation before it and
// whether it stands in parentheses.
type token struct {
	word   string
	sep    string // punctuation since the last word, without spaces
	inside bool   // within parentheses: a qualifier, not a party
}

// everyone are phrases that name every department.
var everyone = []string{
	"alla verksamheter", "alla enheter", "alla enhetschefer", "alla chefer", "hela kommunen", "hela organisationen", "hela förvaltningen",
	"all departments", "all units", "all managers", "the whole organisation", "the whole organization", "the whole municipality",
}

// noParty are words that name nobody: what is left of a part when only
// they remain is no party.
var noParty = map[string]bool{
	"och": true, "samt": true, "med": true, "i": true, "på": true, "vid": true, "för": true, "av": true, "till": true, "från": true, "inom": true, "mellan": true,
	"and": true, "with": true, "in": true, "at": true, "for": true, "of": true, "to": true, "from": true, "the": true, "within": true, "between": true,
}

func newMatcher(org *domain.Organisation) *matcher {
	m := &matcher{byWords: map[string]*orgName{}, lengths: map[string][]int{}}
	add := func(name, dept string) {
		toks := tokenize(name)
		var n orgName
		for _, t := range toks {
			if t.inside {
				continue // "Avdelning Myran (1–3 år)" is called "Avdelning Myran"
			}
			if len(n.words) > 0 {
				n.seps = append(n.seps, t.sep)
			}
			n.words = append(n.words, t.word)
		}
		if len(n.words) == 0 {
			return
		}
		k := nameKey(n.words, n.seps)
		if o, ok := m.byWords[k]; ok {
			if !slices.Contains(o.depts, dept) {
				o.depts = append(o.depts, dept)
			}
			return
		}
		n.depts, n.order = []string{dept}, len(m.byWords)
		m.byWords[k] = &n
		if !slices.Contains(m.lengths[n.words[0]], len(n.words)) {
			m.lengths[n.words[0]] = append(m.lengths[n.words[0]], len(n.words))
		}
	}
	for _, d := range org.Departments {
		add(d.Name, d.ID)
		m.depts = append(m.depts, d.ID)
	}
	units := make(map[string]string, len(org.Units))
	for _, u := range org.Units {
		add(u.Name, u.Department)
		units[u.ID] = u.Department
	}
	for _, t := range org.Teams {
		if d, ok := units[t.Unit]; ok {
			add(t.Name, d)
		}
	}
	for _, p := range everyone {
		add(p, "*")
	}
	// Longest names first, so that "Förskolan i Ammarnäs" wins over
	// "Förskolan".
	for _, ls := range m.lengths {
		slices.SortFunc(ls, func(a, b int) int { return b - a })
	}
	return m
}

// nameKey is a name's words and the punctuation between them, as one
// string.
func nameKey(words, seps []string) string {
	return strings.Join(words, "\x1f") + "\x1e" + strings.Join(seps, "\x1f")
}

// partners returns what text names: the departments, each once, and
// whether it names someone outside them. own is the department of the
// goal's unit; a name that several departments share stands for it when
// it is one of them.
func (m *matcher) partners(text, own string) partners {
	toks := tokenize(text)
	var p partners
	addDept := func(d string) {
		if !slices.Contains(p.depts, d) {
			p.depts = append(p.depts, d)
		}
	}
	matched := make([]bool, len(toks))
	for i := 0; i < len(toks); i++ {
		if toks[i].inside {
			continue
		}
		n, length := m.match(toks, i)
		if n == nil {
			continue
		}
		for k := i; k < i+length; k++ {
			matched[k] = true
		}
		i += length - 1
		switch {
		case n.depts[0] == "*":
			for _, d := range m.depts {
				addDept(d)
			}
		case slices.Contains(n.depts, own):
			addDept(own)
		default:
			addDept(n.depts[0])
		}
	}
	// What is left, part by part between commas (outside parentheses):
	// a part with a name in it is that name; a part of other words is a
	// party outside.
	partHasName, partHasWords := false, false
	flush := func() {
		if partHasWords && !partHasName {
			p.outside = true
		}
		partHasName, partHasWords = false, false
	}
	for i, t := range toks {
		if i > 0 && !t.inside && strings.ContainsAny(t.sep, ",;/+&\n") {
			flush()
		}
		switch {
		case t.inside:
		case matched[i]:
			partHasName = true
		case !noParty[t.word]:
			partHasWords = true
		}
	}
	flush()
	return p
}

// match returns the longest name that starts at toks[i], and how many
// tokens it takes. The last word of a name may carry a Swedish or English
// ending ("Nattpatrullens", "socialtjänsten", "skolorna").
func (m *matcher) match(toks []token, i int) (*orgName, int) {
	for _, key := range forms(toks[i].word) {
		for _, n := range m.lengths[key] {
			if n == 1 {
				return m.byWords[nameKey([]string{key}, nil)], 1
			}
			if key != toks[i].word || i+n > len(toks) {
				continue // only the last word is inflected
			}
			words, seps := []string{key}, []string{}
			ok := true
			for k := 1; k < n && ok; k++ {
				t := toks[i+k]
				ok = !t.inside
				seps = append(seps, t.sep)
				words = append(words, t.word)
			}
			if !ok {
				continue
			}
			// The last word as typed or any form it is an inflection
			// of; of two names that match, the one added first.
			var best *orgName
			for _, last := range forms(words[n-1]) {
				words[n-1] = last
				if o, found := m.byWords[nameKey(words, seps)]; found && (best == nil || o.order < best.order) {
					best = o
				}
			}
			if best != nil {
				return best, n
			}
		}
	}
	return nil, 0
}

// endings are the endings a name's last word may carry: genitive,
// definite and plural forms in Swedish, and the English genitive.
var endings = []string{"s", "n", "t", "en", "et", "ens", "ets", "ns", "ts", "na", "nas", "er", "erna", "ernas", "ar", "arna", "arnas", "or", "orna", "ornas", "'s", "’s"}

// forms returns a word and the words it may be an inflection of, the
// word itself first.
func forms(w string) []string {
	out := []string{w}
	for _, e := range endings {
		stem, ok := strings.CutSuffix(w, e)
		if !ok || len([]rune(stem)) < 2 {
			continue
		}
		out = append(out, stem)
		if strings.HasPrefix(e, "or") {
			out = append(out, stem+"a") // skola → skolorna
		}
	}
	return out
}

// tokenize splits text into lower-case words: letters and digits, with
// hyphens, dashes and apostrophes inside them ("IT-supporten", "F–3",
// "Depot's").
func tokenize(text string) []token {
	var out []token
	var word, sep strings.Builder
	depth := 0
	wordDepth := 0
	flush := func() {
		if word.Len() > 0 {
			out = append(out, token{word: word.String(), sep: sep.String(), inside: wordDepth > 0})
			word.Reset()
			sep.Reset()
		}
	}
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || (word.Len() > 0 && strings.ContainsRune("-–'’", r)):
			if word.Len() == 0 {
				wordDepth = depth
			}
			word.WriteRune(r)
		default:
			flush()
			switch r {
			case '(', '[':
				depth++
			case ')', ']':
				depth = max(depth-1, 0)
			}
			if !unicode.IsSpace(r) || r == '\n' {
				sep.WriteRune(r)
			}
		}
	}
	flush()
	return out
}
