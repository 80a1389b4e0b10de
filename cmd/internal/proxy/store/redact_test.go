package store

import (
	"context"
	"strings"
	"testing"
)

// The driver takes a password from the query as well as from the user
// information, so a DSN in a message hides both.
func TestRedactDSN(t *testing.T) {
	for _, c := range []struct{ dsn, want string }{
		{"postgres://bob:hunter2@db.example:5432/tp", "postgres://bob:xxxxx@db.example:5432/tp"},
		{"postgres://bob@db.example/tp?password=hunter2&sslmode=require", "postgres://bob@db.example/tp?password=xxxxx&sslmode=require"},
		{"postgresql://db.example/tp?sslmode=verify-full&sslpassword=hunter2", "postgresql://db.example/tp?sslmode=verify-full&sslpassword=xxxxx"},
		{"postgres://db.example/tp?PASSWORD=hunter2", "postgres://db.example/tp?PASSWORD=xxxxx"},
		{"postgres://db.example/tp?pass%77ord=hunter2", "postgres://db.example/tp?pass%77ord=xxxxx"},
		{"postgres://db.example/tp?%zz=hunter2", "postgres://db.example/tp?%zz=xxxxx"},
		{"postgres://u:p@db.example/tp?application_name=tierplan", "postgres://u:xxxxx@db.example/tp?application_name=tierplan"},
		{"postgres://db.example:bad port/hunter2", "(unreadable URL)"},
	} {
		if got := redactDSN(c.dsn); got != c.want {
			t.Errorf("redactDSN(%q) = %q, want %q", c.dsn, got, c.want)
		}
	}
}

// An unreachable server named with a query password: the error names the
// server and never the password.
func TestOpenErrorHidesQueryPassword(t *testing.T) {
	_, err := Open(context.Background(), "postgres://u@127.0.0.1:1/db?connect_timeout=2&password=hunter2")
	if err == nil || strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Errorf("unreachable postgres: %v (must name the server, never the password)", err)
	}
}

// FuzzRedactDSN: whatever surrounds it, a password in the user
// information or in the query's password= or sslpassword= never survives
// into a message. (A fragment, after '#', is not sent to the server, so
// what it holds is not a password the driver uses.)
func FuzzRedactDSN(f *testing.F) {
	for _, s := range []string{"db.example:5432/tp", "h/db?sslmode=require", "h", "[::1]:5432/x?a=b", "h/%zz", "x@y/z", "db.example:bad port/x"} {
		f.Add(s, "sslmode=require")
	}
	f.Fuzz(func(t *testing.T, rest, query string) {
		const pw = "SECRETPW"
		if strings.Contains(rest+query, pw) || strings.Contains(rest+query, "#") {
			return
		}
		path, _, _ := strings.Cut(rest, "?")
		for _, dsn := range []string{
			"postgres://u:" + pw + "@" + rest,
			"postgres://" + path + "?" + query + "&password=" + pw,
			"postgresql://" + path + "?" + query + "&sslpassword=" + pw,
		} {
			if got := redactDSN(dsn); strings.Contains(got, pw) {
				t.Fatalf("redactDSN(%q) = %q: the password shows", dsn, got)
			}
		}
	})
}
