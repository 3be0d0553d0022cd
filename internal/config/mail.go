package config

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/malarbete/malarbete/internal/domain"
)

// mailKeys are the keys of the mail section. password is known only to
// say where the password goes instead.
var mailKeys = []string{"server", "port", "security", "username", "perMinute", "password"}

// mail walks the mail section: the SMTP server of mail --send.
func (w *walker) mail(n *yaml.Node) *domain.MailServer {
	m := w.mapping(n, "mail", mailKeys...)
	s := &domain.MailServer{
		Server:    m.str("server", true),
		Port:      m.integer("port", 0, 1, 65535),
		Username:  m.str("username", false),
		PerMinute: m.integer("perMinute", domain.DefaultMailPerMinute, 1, 1000),
		Security:  domain.SecurityStartTLS,
	}
	if sec := m.str("security", false); sec != "" {
		s.Security = domain.MailSecurity(strings.ToLower(sec))
		if !slices.Contains(domain.MailSecurities, s.Security) {
			var allowed []string
			for _, x := range domain.MailSecurities {
				allowed = append(allowed, string(x))
			}
			w.errorf(m.at("security"), CodeBadSecurity, "ConfigBadMailSecurity", map[string]any{"Value": domain.Excerpt(sec, 20), "Allowed": strings.Join(allowed, ", ")})
		}
	}
	if m.has("password") {
		// The value is not quoted: it is a secret.
		w.errorf(m.at("password"), CodeMailPassword, "ConfigMailPassword", nil)
	}
	return s
}
