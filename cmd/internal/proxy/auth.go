package proxy

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// clientToken is the token a developer's client sent: Claude Code and the
// SDKs send ANTHROPIC_AUTH_TOKEN as "Authorization: Bearer" and
// ANTHROPIC_API_KEY as "x-api-key".
func clientToken(r *http.Request) string {
	if t, ok := bearer(r.Header.Get("Authorization")); ok {
		return t
	}
	return strings.TrimSpace(r.Header.Get("X-Api-Key"))
}

func bearer(h string) (string, bool) {
	const p = "bearer "
	if len(h) > len(p) && strings.EqualFold(h[:len(p)], p) {
		return strings.TrimSpace(h[len(p):]), true
	}
	return "", false
}

// adminAuthorized checks the admin token, sent as a bearer token (curl,
// Prometheus) or as the password of HTTP basic authentication (a browser's
// own prompt; the user name is ignored). Both sides are hashed first, so
// the comparison takes the same time whatever the lengths.
func adminAuthorized(r *http.Request, adminToken string) bool {
	if adminToken == "" {
		return false
	}
	got, ok := bearer(r.Header.Get("Authorization"))
	if !ok {
		_, got, ok = r.BasicAuth()
	}
	if !ok {
		return false
	}
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(adminToken))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}
