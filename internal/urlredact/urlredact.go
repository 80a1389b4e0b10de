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
// it: "not a url" would read back as "not%20a%20url"). When url.Parse finds
// no password, the text is still masked by position (maskUserinfo): a
// password holding '/', '?' or '#' ("https://u:ab/cd@host", as base64
// often does) ends the authority early for url.Parse, which then reads no
// user information at all.
func URL(s string) string {
	if u, err := url.Parse(s); err == nil {
		if _, hasPassword := u.User.Password(); hasPassword {
			return u.Redacted()
		}
	}
	return maskUserinfo(s)
}

// maskUserinfo hides what lies between the first ':' after "scheme://" and
// the last '@' of the text, when the ':' comes before any '/', '?' or '#'.
// It cannot tell "https://u:12/ab@host" (a password "12/ab") from
// "https://host:12/ab@c" (a port, and an '@' in the path), so it masks
// both: a URL named back in a message may lose a few characters, a
// password is never shown.
func maskUserinfo(s string) string {
	_, rest, ok := strings.Cut(s, "://")
	if !ok {
		return s
	}
	start := len(s) - len(rest)
	at := strings.LastIndex(rest, "@")
	colon := strings.Index(rest, ":")
	if at < 0 || colon < 0 || colon > at || strings.ContainsAny(rest[:colon], "/?#") {
		return s
	}
	return s[:start+colon+1] + "xxxxx" + s[start+at:]
}
