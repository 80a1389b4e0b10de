package proxy

import (
	"strings"
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

const hashA = "b1328389e6e0efac49bb624a7c9fb283449650385ddc4a2102a75449aeb44604"
const hashB = "0000000000000000000000000000000000000000000000000000000000000001"

func TestParseUsers(t *testing.T) {
	u, err := ParseUsers("users.yaml", []byte(`users:
  - name: ann
    token_sha256: `+hashA+`
    group: backend
    budget: {day: 20, week: 80.5, month: 300}
  - name: ci-bot
    token_sha256: `+strings.ToUpper(hashB)+`
    priority: batch
`))
	if err != nil {
		t.Fatal(err)
	}
	a, b := u.list[0], u.list[1]
	if a.Name != "ann" || a.Group != "backend" || !a.Interactive() || a.Budget.Day != tiers.Dollars(20) || a.Budget.Week != tiers.Dollars(80.5) {
		t.Fatalf("ann: %+v", a)
	}
	if b.Interactive() || !b.Budget.None() {
		t.Fatalf("ci-bot: %+v", b)
	}
}

// Every problem is reported with its file and line, all at once.
func TestParseUsersBadInput(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", "", "users.yaml: empty"},
		{"unknown key", "users:\n  - name: ann\n    tokens: x\n", "users.yaml:3: unknown key tokens (a user has name, token_sha256, group, priority, budget: {day, week, month})"},
		{"not yaml", "users: [", "users.yaml:1: did not find expected node content"},
		{"bad name", "users:\n  - name: 'a b'\n    token_sha256: " + hashA + "\n", "users.yaml:2: name \"a b\""},
		{"name twice", "users:\n  - name: ann\n    token_sha256: " + hashA + "\n  - name: ann\n    token_sha256: " + hashB + "\n", "users.yaml:4: name \"ann\" is listed twice"},
		{"short hash", "users:\n  - name: ann\n    token_sha256: abc\n", "users.yaml:2: token_sha256 of \"ann\": want 64 hex digits"},
		{"hash twice", "users:\n  - name: ann\n    token_sha256: " + hashA + "\n  - name: bob\n    token_sha256: " + hashA + "\n", "users.yaml:4: token_sha256 of \"bob\" is another user's too"},
		{"priority", "users:\n  - name: ann\n    token_sha256: " + hashA + "\n    priority: urgent\n", "priority \"urgent\" of \"ann\": valid values are interactive, batch"},
		{"budget zero", "users:\n  - name: ann\n    token_sha256: " + hashA + "\n    budget: {day: 0}\n", "budget.day of \"ann\": want dollars above 0"},
		{"budget negative", "users:\n  - name: ann\n    token_sha256: " + hashA + "\n    budget: {week: -5}\n", "budget.week of \"ann\""},
		{"budget text", "users:\n  - name: ann\n    token_sha256: " + hashA + "\n    budget: {month: lots}\n", "users.yaml:4: \"lots\" is not a number of dollars"},
		{"group", "users:\n  - name: ann\n    token_sha256: " + hashA + "\n    group: 'x/y'\n", "group \"x/y\""},
		{"huge", strings.Repeat("#", MaxUsersFileSize+1), "larger than"},
	}
	for _, tc := range cases {
		_, err := ParseUsers("users.yaml", []byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
	// Two problems, two lines.
	_, err := ParseUsers("users.yaml", []byte("users:\n  - name: ''\n    token_sha256: x\n"))
	if err == nil || strings.Count(err.Error(), "\n") != 1 {
		t.Errorf("want two problem lines, got %v", err)
	}
}

func FuzzParseUsers(f *testing.F) {
	f.Add("users:\n  - name: ann\n    token_sha256: " + hashA + "\n    budget: {day: 20}\n")
	f.Add("users:\n  - name: ann\n    priority: batch\n")
	f.Add("users: [{name: a, token_sha256: " + hashB + "}]")
	f.Fuzz(func(t *testing.T, in string) {
		u, err := ParseUsers("u.yaml", []byte(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "u.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, x := range u.list {
			if !namePattern().MatchString(x.Name) || x.Budget.Day < 0 || x.Budget.Week < 0 || x.Budget.Month < 0 {
				t.Fatalf("accepted %+v", x)
			}
		}
	})
}

// A token authenticates its user only; tokens are random and checked
// through their hash.
func TestTokensAuthenticate(t *testing.T) {
	tok, hash, err := NewToken()
	if err != nil || !strings.HasPrefix(tok, TokenPrefix) || len(tok) != len(TokenPrefix)+43 {
		t.Fatalf("token %q: %v", tok, err)
	}
	other, _, _ := NewToken()
	if other == tok {
		t.Fatal("two tokens alike")
	}
	u, err := ParseUsers("u", []byte("users:\n"+UsersFileEntry("ann", hash)+UsersFileEntry("bob", hashB)))
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := u.Authenticate(tok); !ok || got.Name != "ann" {
		t.Fatal("ann's token did not authenticate ann")
	}
	for _, bad := range []string{"", other, tok + "x", tok[:len(tok)-1], hash} {
		if _, ok := u.Authenticate(bad); ok {
			t.Errorf("%q authenticated", bad)
		}
	}
}
