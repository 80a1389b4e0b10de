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
		{"https://u:ab/cd@proxy.example/team", "https://u:xxxxx@proxy.example/team"},
		{"https://u:12/ab@proxy.example", "https://u:xxxxx@proxy.example"},
		{"https://u:ab?cd@proxy.example", "https://u:xxxxx@proxy.example"},
		{"https://u:ab#cd@proxy.example", "https://u:xxxxx@proxy.example"},
		{"https://proxy.example:8080/team", "https://proxy.example:8080/team"},
		{"https://u@proxy.example:8080/a", "https://u@proxy.example:8080/a"},
		{"https://proxy.example/a:b@c", "https://proxy.example/a:b@c"},
		{"https://proxy.example:8080/a@b", "https://proxy.example:xxxxx@b"}, // masked: it reads as a password "8080/a"
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
// "scheme://user:password@host…" URL never survives, whatever the password
// holds ('/', '?', '#', '%', spaces: url.Parse reads some of them as the
// end of the authority) and whatever follows the host.
func FuzzURL(f *testing.F) {
	for _, s := range []string{"https://api.anthropic.com", "not a url", "http://", "ftp://x",
		"http://x/%zz", "https:// x/a b", "://", "http://[::1", "", "http://h:port/p?q#f"} {
		f.Add(s, "")
	}
	f.Add("https://proxy.example/team", "ab/cd")
	f.Add("https://proxy.example", "12?x#y")
	f.Fuzz(func(t *testing.T, s, pwTail string) {
		_ = URL(s)
		scheme, rest, ok := strings.Cut(s, "://")
		if !ok || !schemeRE.MatchString(scheme) || strings.Contains(rest, "@") || strings.Contains(pwTail, "@") {
			return // no single userinfo position to put a password in
		}
		const marker = "SECRETPW"
		if strings.Contains(s, marker) {
			return
		}
		withPassword := strings.Replace(s, "://", "://u:"+marker+pwTail+"@", 1)
		if got := URL(withPassword); strings.Contains(got, marker) {
			t.Fatalf("URL(%q) = %q: password shown", withPassword, got)
		}
	})
}
