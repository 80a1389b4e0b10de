package probe

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/tierplan/tierplan/planner/diagnose/paste"
)

// redactMask replaces the key wherever it shows.
const redactMask = "[redacted]"

// keyPattern matches the key as a server might echo it: as is, or with any
// of its characters written as a JSON escape (\u0061, with one backslash or
// several when a string was escaped twice), a percent escape (%61) or an
// HTML character reference (&#x61; &#97;). Redacting this pattern in the
// raw bytes catches the key before any decoding can bring it back, so no
// report, format or log can carry it.
func keyPattern(key string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("(?i:")
	for i := 0; i < len(key); i++ {
		c := key[i]
		fmt.Fprintf(&b, `(?:\\+u00%02x|%%%02x|&#x0*%x;|&#0*%d;|%s)`, c, c, c, c, regexp.QuoteMeta(string(c)))
	}
	b.WriteString(")")
	return regexp.MustCompile(b.String())
}

// redact blanks the key, in every form keyPattern knows, wherever a server
// (or a gateway echoing the request) put it in the response.
func redact(r paste.Response, key string) paste.Response {
	re := keyPattern(key)
	r.Body = re.ReplaceAllLiteral(r.Body, []byte(redactMask))
	for name, vals := range r.Header {
		for i, v := range vals {
			vals[i] = re.ReplaceAllLiteralString(v, redactMask)
		}
		r.Header[name] = vals
	}
	return r
}

// redactString is redact for one string (a redirect's Location).
func redactString(s, key string) string {
	return keyPattern(key).ReplaceAllLiteralString(s, redactMask)
}
