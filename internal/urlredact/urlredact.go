// Package urlredact hides a password a user may have put in a URL they
// gave (a --base-url, --proxy or --upstream), so a message that names the
// URL back never shows it, whether or not the URL parses.
package urlredact

import (
	"net/url"
	"strings"
)

// URL is s with the password of its user information, if any, written as
// xxxxx, and otherwise exactly as written (url.URL.String would re-escape
// it: "not a url" would read back as "not%20a%20url"). A URL that url.Parse
// refuses is masked by position: what follows the ':' of
// "scheme://user:password@host".
func URL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return maskUserinfo(s)
	}
	if _, hasPassword := u.User.Password(); hasPassword {
		return u.Redacted()
	}
	return s
}

// maskUserinfo hides what follows the ':' in "scheme://user:password@host"
// for a URL url.Parse refused, which therefore cannot be redacted by it.
func maskUserinfo(s string) string {
	_, rest, ok := strings.Cut(s, "://")
	if !ok {
		return s
	}
	start := len(s) - len(rest)
	auth := rest
	if i := strings.IndexAny(auth, "/?#"); i >= 0 {
		auth = auth[:i]
	}
	at := strings.LastIndex(auth, "@")
	colon := strings.Index(auth, ":")
	if at < 0 || colon < 0 || colon > at {
		return s
	}
	return s[:start+colon+1] + "xxxxx" + s[start+at:]
}
