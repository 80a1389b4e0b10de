package paste

import (
	"sort"
	"strings"
)

// Header maps lower-case header names to their values in the order seen.
// HTTP header names are case-insensitive and users paste them in any case
// (HTTP/2 lower, HTTP/1.1 Title-Case, Go's Canonical-Form), so they are folded
// once, here.
type Header map[string][]string

// Get returns the first value of name (any case) and whether it was present.
func (h Header) Get(name string) (string, bool) {
	v, ok := h[strings.ToLower(name)]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// Add appends a value under the folded name.
func (h Header) Add(name, value string) {
	k := strings.ToLower(strings.TrimSpace(name))
	h[k] = append(h[k], strings.TrimSpace(value))
}

// Names returns the header names, sorted.
func (h Header) Names() []string {
	out := make([]string, 0, len(h))
	for k := range h {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// isToken reports whether s is an RFC 9110 token, the syntax of a header
// name.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// diagnosticHeader reports whether the diagnosis reads a header, so only
// those get a note when they repeat: a cookie or a trace id appearing twice
// is normal, and quoting it would print what is none of the report's
// business.
func diagnosticHeader(name string) bool {
	switch name {
	case "retry-after", "retry-after-ms", "date", "request-id", "x-request-id", ":status", "status":
		return true
	}
	return strings.HasPrefix(name, "anthropic-ratelimit-") || strings.HasPrefix(name, "x-ratelimit-")
}
