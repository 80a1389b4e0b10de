package urlredact

import (
	"regexp"
	"strings"
	"testing"

	_ "github.com/tierplan/tierplan/internal/testflag"
)

func TestURL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://api.anthropic.com", "https://api.anthropic.com"},
		{"not a url", "not a url"},
		{"https://u:hunter2@proxy.example/team", "https://u:xxxxx@proxy.example/team"},
		{"ftp://u:hunter2@proxy.example", "ftp://u:xxxxx@proxy.example"},
		{"http://u:hunter2@x/%zz", "http://u:xxxxx@x/%zz"},
		{"https://u:hunter2@ x/a b", "https://u:xxxxx@ x/a b"},
		{"http://u:hunter2@h:port", "http://u:xxxxx@h:port"},
		{"https://u@proxy.example", "https://u@proxy.example"},
		{"://", "://"},
		{"", ""},
	} {
		if got := URL(c.in); got != c.want {
			t.Errorf("URL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*$`)

// FuzzURL: any text gives no panic, and the password of a
// "scheme://user:password@host…" URL never survives.
func FuzzURL(f *testing.F) {
	for _, s := range []string{"https://api.anthropic.com", "not a url", "http://", "ftp://x",
		"http://x/%zz", "https:// x/a b", "://", "http://[::1", "", "http://h:port/p?q#f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = URL(s)
		scheme, rest, ok := strings.Cut(s, "://")
		if !ok || !schemeRE.MatchString(scheme) || strings.ContainsAny(rest, "@/?#") {
			return // no userinfo position to put a password in
		}
		const pw = "SECRETPW"
		withPassword := strings.Replace(s, "://", "://u:"+pw+"@", 1)
		if strings.Contains(s, pw) {
			return
		}
		if got := URL(withPassword); strings.Contains(got, pw) {
			t.Fatalf("URL(%q) = %q: password shown", withPassword, got)
		}
	})
}
