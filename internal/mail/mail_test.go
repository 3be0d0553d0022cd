package mail

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/malarbete/malarbete"
	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/config"
	"github.com/malarbete/malarbete/internal/domain"
	"github.com/malarbete/malarbete/internal/i18n"
	"github.com/malarbete/malarbete/internal/rules"
	"github.com/malarbete/malarbete/internal/workbook"
)

// longName is a unit name of 90 characters.
var longName = "Enheten för " + strings.Repeat("förebyggande arbete ", 4) + "och Åtgärder i Ö-vik"

// testConfig is a small municipality of our own: Sámi letters and the
// characters file names cannot hold, a unit without teams, a manager of
// two units, and a follow-up round with a meeting.
var testConfig = `organisation:
  id: cohkkiras
  name: Čohkkiras kommun
  period: "2027"
  hr:
    name: Åsa Öberg-Ärlig
    email: hr@cohkkiras.example
    phone: 0950-123 45
vision: Ett Čohkkiras där alla trivs.
overallGoal: Vi gör det tillsammans.
values:
  - {id: mod, name: Mod, behaviours: [att våga]}
departments:
  - id: skola
    name: Skola & förskola
    goals: [Alla barn lär sig läsa.]
units:
  - id: saivu
    name: 'Förskolan Ö/Å: "Sáivu" [1]?'
    department: skola
    manager: {name: Niillas Ánde-Ŋuđđu, email: niillas@cohkkiras.example}
  - id: lang
    name: "` + longName + `"
    department: skola
    manager: {name: Niillas Ánde-Ŋuđđu, email: Niillas@cohkkiras.example}
  - id: utanlag
    name: Skolan utan lag
    department: skola
    manager: {name: Märta Åström, email: marta@cohkkiras.example}
  - id: tom
    name: Enheten utan adress
    department: skola
    manager: {name: Ingen Adress, email: ingen@cohkkiras.example}
teams:
  - {id: saivu-ruoktu, name: 'Ruoktu: 1–3 år', unit: saivu}
  - {id: saivu-stuora, name: Stuora barn, unit: saivu}
  - {id: lang-a, name: Lag A, unit: lang}
  - {id: tom-a, name: Lag A, unit: tom}
rounds:
  - {id: plan, name: Planering, deadline: 2027-02-26}
  - id: november
    name: Uppföljning november
    deadline: 2027-11-12
    meeting: {date: 2027-11-19, time: "08:00–12:00", note: Uppföljande träff}
`

func testOrg(t testing.TB) *domain.Organisation {
	t.Helper()
	org, fs := config.Parse("test.yaml", []byte(testConfig))
	if org == nil {
		t.Fatalf("config: %v", fs)
	}
	return org
}

func testCatalogue(t testing.TB) *i18n.Catalogue {
	t.Helper()
	cat, err := i18n.Load(malarbete.Locales)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// writeWorkbook generates a workbook into dir and returns its path.
func writeWorkbook(t testing.TB, dir, name string, org *domain.Organisation, opts workbook.Options) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if _, err := workbook.WriteFile(path, org, opts, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	return path
}

// annotated writes the feedback copy of a generated (so unfilled)
// workbook, as validate --annotate does, and returns it with its findings
// as mail reads them back.
func annotated(t testing.TB, dir, src string, org *domain.Organisation) Workbook {
	t.Helper()
	sub, fs, err := workbook.ReadFile(context.Background(), src, org)
	if err != nil || sub == nil {
		t.Fatalf("read %s: %v %v", src, err, fs)
	}
	fs = append(fs, rules.Check(src, sub, org, rules.Options{})...)
	dst := filepath.Join(dir, "kopia-"+filepath.Base(src))
	if err := workbook.AnnotateFile(src, dst, sub, org, fs); err != nil {
		t.Fatal(err)
	}
	st, err := workbook.ReadIdentity(dst)
	if err != nil || !st.Feedback {
		t.Fatalf("feedback copy %v %+v", err, st)
	}
	return Workbook{Path: dst, Stamp: st, Findings: fs}
}

func stamped(t testing.TB, path string) Workbook {
	t.Helper()
	st, err := workbook.ReadIdentity(path)
	if err != nil {
		t.Fatal(err)
	}
	return Workbook{Path: path, Stamp: st}
}

// parsed is what a mail program shows of a draft: the shape
// testdata/parse_eml.py prints.
type parsed struct {
	Defects     []string     `json:"defects"`
	From        [][2]string  `json:"from"`
	ReplyTo     [][2]string  `json:"reply_to"`
	To          [][2]string  `json:"to"`
	Subject     string       `json:"subject"`
	XUnsent     *string      `json:"x_unsent"`
	MessageID   string       `json:"message_id"`
	ContentType string       `json:"content_type"`
	Text        *string      `json:"text"`
	HTML        *string      `json:"html"`
	Attachments []attachment `json:"attachments"`
}

type attachment struct {
	Filename    string `json:"filename"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	SHA256      string `json:"sha256"`
	Size        int    `json:"size"`
}

// parsePython reads drafts with Python's email package; it skips the
// test when Debian's python3 is absent.
func parsePython(t *testing.T, paths ...string) []parsed {
	t.Helper()
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		t.Skip("no /usr/bin/python3")
	}
	out, err := exec.Command(py, append([]string{"testdata/parse_eml.py"}, paths...)...).Output()
	if err != nil {
		t.Fatalf("parse_eml.py: %v", err)
	}
	var ps []parsed
	if err := json.Unmarshal(out, &ps); err != nil {
		t.Fatal(err)
	}
	return ps
}

// parseGo reads a draft with net/mail and mime/multipart.
func parseGo(t *testing.T, path string) parsed {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	msg, err := netmail.ReadMessage(f)
	if err != nil {
		t.Fatal(err)
	}
	var p parsed
	addrs := func(key string) [][2]string {
		list, err := msg.Header.AddressList(key)
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		var out [][2]string
		for _, a := range list {
			out = append(out, [2]string{a.Name, a.Address})
		}
		return out
	}
	p.From, p.ReplyTo, p.To = addrs("From"), addrs("Reply-To"), addrs("To")
	dec := new(mime.WordDecoder)
	if p.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatal(err)
	}
	if v := msg.Header.Get("X-Unsent"); v != "" {
		p.XUnsent = &v
	}
	p.MessageID = msg.Header.Get("Message-Id")
	ct, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	p.ContentType = ct
	var walk func(r io.Reader, boundary string)
	walk = func(r io.Reader, boundary string) {
		mr := multipart.NewReader(r, boundary)
		for {
			part, err := mr.NextRawPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			ct, params, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(ct, "multipart/") {
				walk(part, params["boundary"])
				continue
			}
			data := decodeBody(t, part, part.Header.Get("Content-Transfer-Encoding"))
			disp, dparams, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
			switch {
			case disp == "attachment":
				sum := sha256.Sum256(data)
				name, err := dec.DecodeHeader(params["name"])
				if err != nil {
					t.Fatal(err)
				}
				p.Attachments = append(p.Attachments, attachment{Filename: dparams["filename"], Name: name, ContentType: ct,
					SHA256: hex.EncodeToString(sum[:]), Size: len(data)})
			case ct == "text/plain":
				s := string(data)
				p.Text = &s
			case ct == "text/html":
				s := string(data)
				p.HTML = &s
			}
		}
	}
	walk(msg.Body, params["boundary"])
	return p
}

func decodeBody(t *testing.T, r io.Reader, cte string) []byte {
	t.Helper()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	switch strings.ToLower(cte) {
	case "base64":
		return mustBase64(t, data)
	case "quoted-printable":
		return mustQP(t, data)
	}
	return data
}

// draftCase is a letter with what its draft must show.
type draftCase struct {
	name       string
	letter     *Letter
	to         [2]string
	subject    []string // parts of the decoded subject
	body       []string // parts of the text body, also in the HTML
	attachment []string // attached files, in order; .ics by name
}

func TestDraftsParse(t *testing.T) {
	org := testOrg(t)
	cat := testCatalogue(t)
	dir := t.TempDir()
	now := time.Date(2027, 1, 20, 9, 0, 0, 0, time.UTC)

	saivuA := writeWorkbook(t, dir, "saivu-ruoktu.xlsx", org, workbook.Options{Unit: "saivu", Team: "saivu-ruoktu"})
	saivuB := writeWorkbook(t, dir, "saivu-stuora.xlsx", org, workbook.Options{Unit: "saivu", Team: "saivu-stuora"})
	lang := writeWorkbook(t, dir, longName[:40]+".xlsx", org, workbook.Options{Unit: "lang"})
	utan := writeWorkbook(t, dir, "Skolan utan lag – uppföljning.xlsx", org, workbook.Options{Unit: "utanlag", Round: "november", Lang: domain.English})
	feedback := annotated(t, dir, writeWorkbook(t, dir, "Förskolan Ö-Å- Sáivu [1]-.xlsx", org, workbook.Options{Unit: "saivu"}), org)

	letters, fs := Plan(org, []Workbook{stamped(t, saivuA), stamped(t, lang), stamped(t, saivuB), stamped(t, utan), feedback})
	if len(fs) != 0 {
		t.Fatalf("findings %v", fs)
	}
	if len(letters) != 3 {
		t.Fatalf("%d letters, want 3 (send-out to Niillas, feedback to Niillas, follow-up to Märta)", len(letters))
	}
	niillas := [2]string{"Niillas Ánde-Ŋuđđu", "niillas@cohkkiras.example"}
	cases := []draftCase{
		{"send-out of three workbooks to a manager of two units", letters[0], niillas,
			[]string{"Målarbete 2027, Planering: arbetsböcker för", "Förskolan Ö/Å: \"Sáivu\" [1]? – Ruoktu: 1–3 år", "svar senast 26 februari 2027"},
			[]string{"Hej Niillas Ánde-Ŋuđđu!", "Här kommer arbetsböckerna", "senast 26 februari 2027", "Frågor? Hör av dig till Åsa Öberg-Ärlig, hr@cohkkiras.example, telefon 0950-123 45."},
			[]string{saivuA, saivuB, lang}},
		{"feedback with the findings in words", letters[1], niillas,
			[]string{"att rätta i arbetsboken för Förskolan Ö/Å"},
			[]string{"fel som behöver rättas", "cell", "fliken Att åtgärda"},
			[]string{feedback.Path}},
		{"English follow-up with the meeting's invitation", letters[2], [2]string{"Märta Åström", "marta@cohkkiras.example"},
			[]string{"Goal work 2027, Uppföljning november: follow-up for Skolan utan lag – reply by 12 November 2027"},
			[]string{"Hello Märta Åström,", "Follow-up meeting on 19 November 2027, 08:00–12:00: Uppföljande träff.", "november.ics"},
			[]string{utan, "november.ics"}},
	}
	var paths []string
	subjects := map[string]string{}
	for i, tc := range cases {
		m, err := Compose(org, tc.letter, cat, now)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "drafts", strings.Repeat("x", i+1)+".eml")
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := m.WriteDraft(path, false); err != nil {
			t.Fatal(err)
		}
		if err := m.WriteDraft(path, false); err == nil {
			t.Error("a draft was written over an existing one")
		}
		paths = append(paths, path)
		subjects[tc.name] = m.Subject
	}
	check := func(t *testing.T, tc draftCase, p parsed) {
		if p.Subject != subjects[tc.name] {
			t.Errorf("subject decodes to %q, want %q", p.Subject, subjects[tc.name])
		}
		if len(p.Defects) > 0 {
			t.Errorf("defects %v", p.Defects)
		}
		hr := [][2]string{{"Åsa Öberg-Ärlig", "hr@cohkkiras.example"}}
		if !equal(p.From, hr) || !equal(p.ReplyTo, hr) {
			t.Errorf("From %v, Reply-To %v", p.From, p.ReplyTo)
		}
		if len(p.To) != 1 || p.To[0] != tc.to {
			t.Errorf("To %v, want %v", p.To, tc.to)
		}
		for _, s := range tc.subject {
			if !strings.Contains(p.Subject, s) {
				t.Errorf("subject %q lacks %q", p.Subject, s)
			}
		}
		if p.XUnsent == nil || *p.XUnsent != "1" {
			t.Errorf("X-Unsent %v", p.XUnsent)
		}
		if p.ContentType != "multipart/mixed" || p.Text == nil || p.HTML == nil {
			t.Fatalf("structure %s, text %v, html %v", p.ContentType, p.Text != nil, p.HTML != nil)
		}
		text := strings.Join(strings.Fields(*p.Text), " ")
		html := strings.Join(strings.Fields(strings.NewReplacer("<br>", " ", "&#34;", `"`, "&#39;", "'", "&amp;", "&").Replace(*p.HTML)), " ")
		for _, s := range tc.body {
			if !strings.Contains(text, s) {
				t.Errorf("text lacks %q:\n%s", s, *p.Text)
			}
			if !strings.Contains(html, s) {
				t.Errorf("HTML lacks %q:\n%s", s, *p.HTML)
			}
		}
		if len(p.Attachments) != len(tc.attachment) {
			t.Fatalf("%d attachments, want %d: %+v", len(p.Attachments), len(tc.attachment), p.Attachments)
		}
		for i, want := range tc.attachment {
			got := p.Attachments[i]
			if got.Filename != filepath.Base(want) || got.Name != filepath.Base(want) {
				t.Errorf("attachment %d named %q / %q, want %q", i, got.Filename, got.Name, filepath.Base(want))
			}
			if strings.HasSuffix(want, ".ics") {
				if got.ContentType != "text/calendar" {
					t.Errorf("invitation type %s", got.ContentType)
				}
				continue
			}
			data, _ := os.ReadFile(want)
			sum := sha256.Sum256(data)
			if got.SHA256 != hex.EncodeToString(sum[:]) || got.Size != len(data) || got.ContentType != TypeXLSX {
				t.Errorf("attachment %s: %d bytes of %s, want the file's %d bytes", got.Filename, got.Size, got.ContentType, len(data))
			}
		}
	}
	for i, tc := range cases {
		t.Run("go/"+tc.name, func(t *testing.T) { check(t, tc, parseGo(t, paths[i])) })
	}
	for i, p := range parsePython(t, paths...) {
		t.Run("python/"+cases[i].name, func(t *testing.T) { check(t, cases[i], p) })
	}
}

func equal(a, b [][2]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
