package proxy

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
	"github.com/tierplan/tierplan/tiers"
)

type usageErr struct{ error }

func testDeps(t *testing.T, env map[string]string) (Deps, *bytes.Buffer, *syncBuffer) {
	out, log := &bytes.Buffer{}, &syncBuffer{}
	return Deps{Stdout: out, Stderr: log, Getenv: func(k string) string { return env[k] }, Now: time.Now,
		Table:      func() (*tiers.Table, error) { return defaultTable(t), nil },
		UsageError: func(err error) error { return usageErr{err} }}, out, log
}

func runCmd(d Deps, args ...string) error {
	c := NewCmd(d)
	c.SetArgs(args)
	c.SetOut(d.Stdout)
	c.SetErr(d.Stderr)
	c.SilenceErrors, c.SilenceUsage = true, true
	return c.Execute()
}

func TestCommandLineErrors(t *testing.T) {
	users := filepath.Join(t.TempDir(), "users.yaml")
	if err := os.WriteFile(users, []byte("users:\n"+UsersFileEntry("ann", hashA)), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"ANTHROPIC_API_KEY": orgKey, "HOME": t.TempDir()}
	cases := []struct {
		args  []string
		want  string
		usage bool
	}{
		{[]string{}, "--users FILE is required", true},
		{[]string{"--users", users, "--upstream", "ftp://x"}, `--upstream "ftp://x"`, true},
		{[]string{"--users", users, "--upstream", "http://api.example.com"}, "unencrypted", true},
		{[]string{"--users", users, "--upstream", "https://u:p@api.example.com"}, "want the API's base URL", true},
		{[]string{"--users", users, "--upstream", "ftp://u:hunter2@api.example.com"}, `--upstream "ftp://u:xxxxx@api.example.com"`, true},
		{[]string{"--users", users, "--upstream", "https://u:hunter2@api.example.com:port"}, `--upstream "https://u:xxxxx@api.example.com:port"`, true},
		{[]string{"--users", users, "--warn-below", "150%"}, `--warn-below "150%"`, true},
		{[]string{"--users", users, "--warn-below", "x"}, `--warn-below "x"`, true},
		{[]string{"--users", users, "--queue-timeout", "0s"}, "--queue-timeout 0s", true},
		{[]string{"--users", users, "--window", "2h"}, "--window 2h0m0s: at most 1h", true},
		{[]string{"--users", users, "--queue-max", "0"}, "--queue-max 0", true},
		{[]string{"--users", users, "--max-request-bytes", "10"}, "--max-request-bytes 10", true},
		{[]string{"--users", users, "--tz", "Mars/Base"}, `--tz "Mars/Base"`, true},
		{[]string{"--users", users, "--tier", "no-such-tier", "--store", filepath.Join(t.TempDir(), "p.db"), "--listen", "127.0.0.1:0"}, `--tier "no-such-tier" is not in the tier table`, false},
		{[]string{"--users", filepath.Join(t.TempDir(), "none.yaml")}, "--users: open", false},
		{[]string{"--users", users, "--listen", "256.0.0.1:1", "--store", filepath.Join(t.TempDir(), "p.db")}, "--listen 256.0.0.1:1", true},
	}
	for _, tc := range cases {
		d, _, _ := testDeps(t, env)
		err := runCmd(d, tc.args...)
		var ue usageErr
		if err == nil || !strings.Contains(err.Error(), tc.want) || errors.As(err, &ue) != tc.usage {
			t.Errorf("%v: got %v (usage error: %v), want %q", tc.args, err, errors.As(err, &ue), tc.want)
		}
	}
	d, _, _ := testDeps(t, map[string]string{})
	if err := runCmd(d, "--users", users); err == nil || !strings.Contains(err.Error(), "ANTHROPIC_API_KEY is not set") {
		t.Errorf("no key: %v", err)
	}
	for _, args := range [][]string{{"token"}, {"token", "a", "b"}, {"token", "a b"}} {
		d, _, _ := testDeps(t, env)
		var ue usageErr
		if err := runCmd(d, args...); !errors.As(err, &ue) {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}

// The command runs a proxy end to end: a token made by `proxy token`, the
// default SQLite store under $XDG_DATA_HOME, a call, a shutdown.
func TestCommandRuns(t *testing.T) {
	up := fakeapi.StartTest(t, fakeapi.Options{})
	dir := t.TempDir()
	env := map[string]string{"ANTHROPIC_API_KEY": orgKey, "XDG_DATA_HOME": dir, "TIERPLAN_PROXY_ADMIN_TOKEN": adminToken}
	d, out, log := testDeps(t, env)
	if err := runCmd(d, "token", "ann"); err != nil {
		t.Fatal(err)
	}
	// The token on stderr, the entry alone on stdout: appending it to the
	// users file stores no token.
	token := strings.TrimSpace(log.String()[strings.LastIndex(log.String(), ": ")+2:])
	if !strings.HasPrefix(token, TokenPrefix) || strings.Contains(out.String(), token) || !strings.HasPrefix(out.String(), "  - name: ann\n") {
		t.Fatalf("token output: stdout %q stderr %q", out.String(), log.String())
	}
	users := filepath.Join(dir, "users.yaml")
	if err := os.WriteFile(users, []byte("users:\n"+out.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	d.Context, d.Listening = ctx, func(a string) { addr <- a }
	done := make(chan error, 1)
	go func() { done <- runCmd(d, "--users", users, "--upstream", up.URL, "--listen", "127.0.0.1:0") }()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case err := <-done:
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", base+"/v1/messages", strings.NewReader(jsonBody("claude-sonnet-4-5")))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("call: %d", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "tierplan", "proxy.db")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("default store: %v %v", fi, err)
	}
	if l := log.String(); !strings.Contains(l, "listening on http://127.0.0.1:") || !strings.Contains(l, "1 users") || strings.Contains(l, orgKey) {
		t.Fatalf("log: %s", l)
	}
}

// The users file is re-read when it changes; a broken version is reported
// and the previous one kept.
func TestUsersFileReload(t *testing.T) {
	up := fakeapi.StartTest(t, fakeapi.Options{})
	h := startProxy(t, up.URL, defaultUsers, nil)
	file := filepath.Join(t.TempDir(), "users.yaml")
	write := func(s string) {
		if err := os.WriteFile(file, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("users:\n" + UsersFileEntry("ann", hashOf(h.tokens["ann"])))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go watchUsers(ctx, file, h.srv)
	status := func(user string) int {
		resp := h.do("POST", "/v1/messages", user, jsonBody("claude-sonnet-4-5"))
		readAll(t, resp)
		return resp.StatusCode
	}
	time.Sleep(1100 * time.Millisecond)
	write("users:\n" + UsersFileEntry("bob", hashOf(h.tokens["bob"])) + "\n# changed\n")
	waitFor(t, func() bool { return status("bob") == 200 && status("ann") == 401 })
	write("users: [")
	waitFor(t, func() bool { return strings.Contains(h.log.String(), "users file not re-read") })
	if status("bob") != 200 {
		t.Fatal("a broken users file replaced the good one")
	}
	// The file's own words in the warning reach the log escaped.
	write("users:\n- name: bob\n  \"\\e]0;owned\\a\": 1\n")
	waitFor(t, func() bool { return strings.Contains(h.log.String(), `unknown key \x1b]0;owned\x07`) })
	if strings.ContainsAny(h.log.String(), "\x1b\a") {
		t.Errorf("log holds raw control characters: %q", h.log.String())
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met in 5 s")
}
