package probe

import (
	"regexp"
	"strings"
	"testing"
)

var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*$`)

// FuzzCheckBaseURL: any --base-url gives no panic, and a refusal never shows
// the password of a "scheme://user:password@host" URL.
func FuzzCheckBaseURL(f *testing.F) {
	for _, s := range []string{"https://api.anthropic.com", "not a url", "http://", "ftp://x",
		"http://u:hunter2@x/%zz", "https://u:hunter2@ x/a b", "://", "http://[::1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, base string) {
		_ = CheckBaseURL(base) // must not panic
		scheme, rest, ok := strings.Cut(base, "://")
		if !ok || !schemeRE.MatchString(scheme) || strings.ContainsAny(rest, "@/?#") {
			return // no userinfo position to put a password in
		}
		const pw = "SECRETPW"
		withPassword := strings.Replace(base, "://", "://u:"+pw+"@", 1)
		if err := CheckBaseURL(withPassword); err != nil && strings.Contains(err.Error(), pw) {
			t.Fatalf("%q: password shown: %v", withPassword, err)
		}
	})
}
