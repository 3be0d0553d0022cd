package domain

import (
	"net/mail"
	"strings"
)

// MailSecurity is how the connection to the SMTP server is protected.
type MailSecurity string

// The kinds of connection security.
const (
	// SecurityStartTLS connects in plain text and upgrades with STARTTLS
	// before anything is sent; a server without STARTTLS is refused.
	SecurityStartTLS MailSecurity = "starttls"
	// SecurityTLS speaks TLS from the start (often port 465).
	SecurityTLS MailSecurity = "tls"
	// SecurityNone sends in plain text: only for a relay on the local
	// network.
	SecurityNone MailSecurity = "none"
)

// MailSecurities lists the kinds of security, the default first.
var MailSecurities = []MailSecurity{SecurityStartTLS, SecurityTLS, SecurityNone}

// DefaultMailPerMinute is how many messages a minute are sent when the
// config does not say: below the limits of common mail services.
const DefaultMailPerMinute = 20

// MailServer is the SMTP server that HR's mail is sent through. The
// password is never part of the config.
type MailServer struct {
	Server   string       `json:"server"`
	Port     int          `json:"port,omitempty"`
	Security MailSecurity `json:"security"`
	// Username logs in; empty means the server takes mail without.
	Username string `json:"username,omitempty"`
	// PerMinute bounds how many messages are sent a minute.
	PerMinute int `json:"perMinute"`
}

// PortOrDefault returns the port, or the usual one for the security:
// 587 for STARTTLS, 465 for TLS, 25 for none.
func (s MailServer) PortOrDefault() int {
	switch {
	case s.Port != 0:
		return s.Port
	case s.Security == SecurityTLS:
		return 465
	case s.Security == SecurityNone:
		return 25
	}
	return 587
}

// ValidEmail reports whether s is a bare e-mail address (no display name)
// whose domain has a dot.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".") && !strings.HasSuffix(s, ".")
}
