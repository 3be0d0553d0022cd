package mail

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/malarbete/malarbete/internal/domain"
)

func TestBodyText(t *testing.T) {
	long := strings.Repeat("åäö ", 30)
	b := Body{}
	b.para("Hej Åsa!")
	b.para("")
	b.list(Steps, []string{"Ett.", long})
	b.list(Bullets, []string{"<b>&</b>", "ett" + strings.Repeat("x", 90)})
	b.para("Rad ett", "Rad två")
	text := b.Text()
	for _, line := range strings.Split(text, "\n") {
		if n := utf8.RuneCountInString(line); n > textWidth && !strings.Contains(line, "xxxx") {
			t.Errorf("line of %d characters: %q", n, line)
		}
	}
	for _, want := range []string{"Hej Åsa!\n\n1. Ett.\n2. åäö", "\n   åäö", "- <b>&</b>\n", "Rad ett\nRad två\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	html := b.HTML(domain.Swedish, `Ämne "ett" & <två>`)
	for _, want := range []string{`<html lang="sv">`, "<title>Ämne &#34;ett&#34; &amp; &lt;två&gt;</title>", "<ol>\n<li>Ett.</li>", "<li>&lt;b&gt;&amp;&lt;/b&gt;</li>", "<p>Rad ett<br>\nRad två</p>"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q:\n%s", want, html)
		}
	}
	if strings.Contains(html, "<b>") {
		t.Error("HTML not escaped")
	}
}

func TestRFC2231Param(t *testing.T) {
	tests := []struct{ name, want string }{
		{"plain.xlsx", `filename="plain.xlsx"`},
		{"Ö.xlsx", "filename*0*=UTF-8''%C3%96.xlsx"},
	}
	for _, tt := range tests {
		if got := rfc2231Param("filename", tt.name); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.name, got, tt.want)
		}
	}
	// A long name is cut into pieces, never inside a %XX.
	name := strings.Repeat("åäö ", 40) + ".xlsx"
	got := rfc2231Param("filename", name)
	var joined strings.Builder
	for i, piece := range strings.Split(got, ";"+fold) {
		_, v, ok := strings.Cut(piece, "*=")
		if !ok {
			t.Fatalf("piece %q", piece)
		}
		if i == 0 {
			v = strings.TrimPrefix(v, "UTF-8''")
		}
		if strings.LastIndexByte(v, '%') > len(v)-3 {
			t.Errorf("piece %d ends inside an escape: %q", i, v)
		}
		joined.WriteString(v)
	}
	if joined.String() != percent(name) {
		t.Error("the pieces do not join to the whole name")
	}
}
