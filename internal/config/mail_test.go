package config

import (
	"os"
	"strings"
	"testing"

	"github.com/malarbete/malarbete/internal/domain"
)

func TestMailSection(t *testing.T) {
	tests := []struct {
		name string
		mail string
		want domain.MailServer
	}{
		{"defaults", "mail:\n  server: smtp.test.example\n",
			domain.MailServer{Server: "smtp.test.example", Security: domain.SecurityStartTLS, PerMinute: domain.DefaultMailPerMinute}},
		{"everything", "mail:\n  server: smtp.test.example\n  port: 465\n  security: TLS\n  username: hr@test.example\n  perMinute: 5\n",
			domain.MailServer{Server: "smtp.test.example", Port: 465, Security: domain.SecurityTLS, Username: "hr@test.example", PerMinute: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org, fs := Parse("o.yaml", []byte(base+tt.mail))
			if org == nil || len(fs) != 0 {
				t.Fatalf("findings %v", fs)
			}
			if org.Mail == nil || *org.Mail != tt.want {
				t.Errorf("mail %+v, want %+v", org.Mail, tt.want)
			}
		})
	}
	if org, _ := Parse("o.yaml", []byte(base)); org == nil || org.Mail != nil {
		t.Errorf("a config without mail has a mail server")
	}
}

func TestMailSectionProblems(t *testing.T) {
	// The mail section starts on line 33 of base+mail.
	tests := []struct {
		name, mail, code, messageID string
		line, col                   int
	}{
		{"no server", "mail:\n  port: 25\n", CodeMissingField, "ConfigMissingField", 34, 3},
		{"bad security", "mail:\n  server: s.example\n  security: ssl\n", CodeBadSecurity, "ConfigBadMailSecurity", 35, 13},
		{"bad port", "mail:\n  server: s.example\n  port: 70000\n", CodeBadNumber, "ConfigBadNumber", 35, 9},
		{"password", "mail:\n  server: s.example\n  password: hemligt123\n", CodeMailPassword, "ConfigMailPassword", 35, 13},
		{"unknown key", "mail:\n  server: s.example\n  sever: x\n", CodeUnknownKey, "ConfigUnknownKeySuggest", 35, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org, fs := Parse("o.yaml", []byte(base+tt.mail))
			if org != nil {
				t.Fatal("want no organisation on error")
			}
			f := find(fs, tt.code)
			if f == nil {
				t.Fatalf("no finding %s in %v", tt.code, fs)
			}
			if f.MessageID != tt.messageID || f.Location.Line != tt.line || f.Location.Column != tt.col {
				t.Errorf("got %s at %d:%d, want %s at %d:%d", f.MessageID, f.Location.Line, f.Location.Column, tt.messageID, tt.line, tt.col)
			}
			for _, f := range fs {
				for _, v := range f.Data {
					if s, ok := v.(string); ok && strings.Contains(s, "hemligt") {
						t.Errorf("a finding quotes the password: %v", f)
					}
				}
			}
		})
	}
}

// TestStarterMailSection uncomments the mail section of init's starters:
// it must be a valid section as it stands.
func TestStarterMailSection(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			data, err := os.ReadFile("../../examples/blank/organisation." + lang + ".yaml")
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			in := false
			for _, line := range strings.Split(string(data), "\n") {
				switch {
				case line == "# mail:":
					in = true
					line = "mail:"
				case in && strings.HasPrefix(line, "#   "):
					line = line[1:]
				default:
					in = false
				}
				out = append(out, line)
			}
			org, fs := Parse("starter.yaml", []byte(strings.Join(out, "\n")))
			if org == nil || len(fs) > 0 || org.Mail == nil || org.Mail.Server == "" || org.Mail.Username == "" {
				t.Fatalf("uncommented mail section: %v, %+v", fs, org)
			}
		})
	}
}
