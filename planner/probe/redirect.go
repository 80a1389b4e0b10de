package probe

import (
	"fmt"
	"net/http"
	"net/url"
)

func isRedirect(status int) bool {
	return status >= 300 && status < 400 && status != http.StatusNotModified
}

// redirectError reports a redirect that was not followed: the status and
// where it pointed (scheme, host and path: a query may carry anything), so
// the user can decide whether that address is the one to probe.
func redirectError(r *http.Response, host, key string) error {
	to := "no Location header"
	if loc := r.Header.Get("Location"); loc != "" {
		to = "a redirect to " + redactString(locationWithoutQuery(r.Request, loc), key)
	}
	return &Error{Kind: ErrRedirect, Host: host, Status: r.Status, Location: to}
}

// locationWithoutQuery resolves a Location against the request and drops
// its query, fragment and user information.
func locationWithoutQuery(req *http.Request, loc string) string {
	u, err := url.Parse(loc)
	if err != nil {
		return fmt.Sprintf("%.80q", loc)
	}
	if req != nil && req.URL != nil {
		u = req.URL.ResolveReference(u)
	}
	u.User, u.RawQuery, u.Fragment, u.ForceQuery = nil, "", "", false
	return u.String()
}
