// Package mail writes HR's mail about the workbooks: the send-out, the
// follow-up round, feedback on an annotated copy and reminders, each as
// an RFC 5322 message with a plain-text body, an HTML alternative and the
// workbooks attached byte for byte. It writes them as drafts (.eml, marked
// unsent) or sends them through SMTP, keeping a send log so that nothing
// is sent twice. MIME, header encodings and SMTP are go-mail's.
package mail

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"sort"
	"strings"
	"time"
	"unicode"

	gomail "github.com/wneessen/go-mail"

	"github.com/malarbete/malarbete/internal/atomicfile"
	"github.com/malarbete/malarbete/internal/domain"
)

// Content types of attachments.
const (
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	TypeXLSM = "application/vnd.ms-excel.sheet.macroEnabled.12"
	TypeXLS  = "application/vnd.ms-excel"
)

// Attachment is a file sent with a message, held whole in memory:
// workbooks are at most a few megabytes.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// SHA256 returns the hash of the attachment's bytes, as the send log
// keeps it.
func (a Attachment) SHA256() string {
	s := sha256.Sum256(a.Data)
	return hex.EncodeToString(s[:])
}

// Message is a composed mail, ready to be written as a draft or sent.
type Message struct {
	// Letter is what the message was composed from.
	Letter *Letter
	From   domain.Contact
	To     domain.Contact
	// Subject and Body are in the letter's language.
	Subject     string
	Body        Body
	Attachments []Attachment
	// Date and ID are the Date and Message-ID headers.
	Date time.Time
	ID   string
}

// newMessageID returns a random Message-ID in the domain of HR's address,
// so that it says nothing about the machine it was made on.
func newMessageID(hr string) string {
	host := "malarbete.invalid"
	if at := strings.LastIndexByte(hr, '@'); at >= 0 && at+1 < len(hr) {
		host = hr[at+1:]
	}
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:]) + "@" + host
}

// Msg builds the go-mail message. A draft carries X-Unsent: 1, which
// makes Outlook open it as a message to send, not one received.
func (m *Message) Msg(draft bool) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.FromFormat(m.From.Name, m.From.Email); err != nil {
		return nil, fmt.Errorf("from: %w", err)
	}
	if err := msg.ReplyToFormat(m.From.Name, m.From.Email); err != nil {
		return nil, fmt.Errorf("reply-to: %w", err)
	}
	if err := msg.AddToFormat(m.To.Name, m.To.Email); err != nil {
		return nil, fmt.Errorf("to: %w", err)
	}
	// go-mail folds right after "Subject:" when the first encoded word is
	// long, and some readers then show the subject with a leading space.
	msg.SetGenHeaderPreformatted(gomail.HeaderSubject, foldWords(mime.QEncoding.Encode("UTF-8", m.Subject), len("Subject: ")))
	msg.SetDateWithValue(m.Date)
	msg.SetMessageIDWithValue(m.ID)
	msg.SetUserAgent("malarbete")
	if draft {
		msg.SetGenHeader("X-Unsent", "1")
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Body.Text())
	msg.AddAlternativeString(gomail.TypeTextHTML, m.Body.HTML(m.Letter.Lang, m.Subject))
	for _, a := range m.Attachments {
		if err := msg.AttachReader(a.Name, strings.NewReader(string(a.Data)), withParams(a)); err != nil {
			return nil, fmt.Errorf("attach %s: %w", a.Name, err)
		}
	}
	return msg, nil
}

// WriteDraft writes the message as an .eml draft at path, atomically;
// an existing file is replaced only with overwrite.
func (m *Message) WriteDraft(path string, overwrite bool) error {
	msg, err := m.Msg(true)
	if err != nil {
		return err
	}
	return atomicfile.Write(path, atomicfile.Options{Overwrite: overwrite}, func(w io.Writer) error {
		_, err := msg.WriteTo(w)
		return err
	})
}

// withParams sets the attachment's Content-Type and Content-Disposition
// as Thunderbird writes them, which Outlook and Gmail read too: the name
// of Content-Type as an RFC 2047 encoded word, the filename of
// Content-Disposition in RFC 2231 form (filename*, in pieces short enough
// for a header line).
func withParams(a Attachment) gomail.FileOption {
	return func(f *gomail.File) {
		name := cleanName(a.Name)
		f.Header.Set("Content-Type", a.ContentType+";"+fold+encodedWordParam("name", name))
		f.Header.Set("Content-Disposition", "attachment;"+fold+rfc2231Param("filename", name))
	}
}

// fold continues a header on the next line. go-mail writes the headers
// of parts as they are given, so long names are folded here to keep
// lines short, as RFC 5322 asks.
const fold = "\r\n "

// foldWords folds a header value at spaces so that lines stay within 78
// characters where the words allow; used is what the line holds before
// the value. Encoded words hold no spaces, so they are never cut.
func foldWords(v string, used int) string {
	var b strings.Builder
	width := used
	for i, w := range strings.Split(v, " ") {
		if i > 0 {
			if width+1+len(w) > 78 {
				b.WriteString(fold)
				width = 1
			} else {
				b.WriteByte(' ')
				width++
			}
		}
		b.WriteString(w)
		width += len(w)
	}
	return b.String()
}

// encodedWordParam returns key="name", RFC 2047-encoded when it is not
// ASCII.
func encodedWordParam(key, name string) string {
	if isASCII(name) {
		return key + `="` + name + `"`
	}
	return key + `="` + strings.ReplaceAll(mime.BEncoding.Encode("UTF-8", name), " ", fold) + `"`
}

// cleanName drops what no file name may hold in a header: control
// characters, quotes and backslashes.
func cleanName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' || r == '\\' {
			return -1
		}
		return r
	}, s)
}

// rfc2231Chunk is the longest piece of a name's RFC 2231 form.
const rfc2231Chunk = 48

// rfc2231Param returns key="name" for an ASCII name, else the RFC 2231
// pieces key*0*=UTF-8”…; key*1*=…, never cutting a %XX in two.
func rfc2231Param(key, name string) string {
	if isASCII(name) {
		return key + `="` + name + `"`
	}
	var parts []string
	enc := percent(name)
	for i := 0; len(enc) > 0; i++ {
		n := min(rfc2231Chunk, len(enc))
		if p := strings.LastIndexByte(enc[:n], '%'); p >= 0 && p > n-3 && n < len(enc) {
			n = p
		}
		head := fmt.Sprintf("%s*%d*=", key, i)
		if i == 0 {
			head += "UTF-8''"
		}
		parts = append(parts, head+enc[:n])
		enc = enc[n:]
	}
	return strings.Join(parts, ";"+fold)
}

// percent encodes s as RFC 2231 wants: attribute characters as they are,
// every other byte as %XX.
func percent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Key identifies what a message is for in the send log: the kind, the
// round, the units, the recipient and the attachments' bytes. A rerun
// with the same workbooks gives the same key; a new annotated copy gives
// a new one.
func (m *Message) Key() string {
	h := sha256.New()
	units := append([]string(nil), m.Letter.Units...)
	sort.Strings(units)
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", m.Letter.Kind, m.Letter.Round.ID, strings.Join(units, ","), strings.ToLower(m.To.Email))
	var sums []string
	for _, a := range m.Attachments {
		if strings.HasSuffix(strings.ToLower(a.Name), ".ics") {
			continue // made anew on every run
		}
		sums = append(sums, a.SHA256())
	}
	sort.Strings(sums)
	fmt.Fprint(h, strings.Join(sums, ","))
	return hex.EncodeToString(h.Sum(nil))
}
