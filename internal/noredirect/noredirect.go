// Package noredirect gives the HTTP client every request that carries a
// key or token is sent with: one that never follows a redirect. Go's
// client strips Authorization and cookies on a redirect to another host,
// but sends every other header again, so an x-api-key or a proxy token
// would go wherever the server pointed. A redirect comes back as the
// answer, for the caller to report.
package noredirect

import "net/http"

// Client is a copy of c (http.DefaultClient's settings when c is nil)
// that returns a redirect instead of following it.
func Client(c *http.Client) *http.Client {
	out := &http.Client{}
	if c != nil {
		*out = *c
	}
	out.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return out
}
