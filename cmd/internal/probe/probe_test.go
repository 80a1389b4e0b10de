package probe_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/probe"
	"github.com/tierplan/tierplan/cmd/internal/root"
	"github.com/tierplan/tierplan/tiers"
)

const probeKey = "sk-ant-api03-LEAKCHECK-7f3a9c"

var okLimits = map[string]string{
	"anthropic-ratelimit-requests-limit":          "50",
	"anthropic-ratelimit-requests-remaining":      "49",
	"anthropic-ratelimit-requests-reset":          "2026-04-14T10:00:02Z",
	"anthropic-ratelimit-input-tokens-limit":      "30000",
	"anthropic-ratelimit-input-tokens-remaining":  "30000",
	"anthropic-ratelimit-input-tokens-reset":      "2026-04-14T10:00:00Z",
	"anthropic-ratelimit-output-tokens-limit":     "8000",
	"anthropic-ratelimit-output-tokens-remaining": "8000",
	"anthropic-ratelimit-output-tokens-reset":     "2026-04-14T10:00:00Z",
	"anthropic-ratelimit-tokens-limit":            "38000",
	"anthropic-ratelimit-tokens-remaining":        "38000",
	"anthropic-ratelimit-tokens-reset":            "2026-04-14T10:00:00Z",
	"request-id":                                  "req_probe_ok",
}

// apiServer answers every request with status, headers and body, counting
// requests, and fails the test if the key did not arrive in x-api-key.
func apiServer(t *testing.T, status int, headers map[string]string, body string, count *int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if count != nil {
			atomic.AddInt32(count, 1)
		}
		if r.Header.Get("x-api-key") != probeKey || r.URL.Path != "/v1/messages" {
			t.Errorf("request %s with x-api-key %q", r.URL.Path, r.Header.Get("x-api-key"))
		}
		w.Header().Set("date", "Tue, 14 Apr 2026 10:00:00 GMT")
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func probeEnv(t *testing.T, srv *httptest.Server) (cmdutil.Env, *strings.Builder, *strings.Builder) {
	env, out, errb := cmdtest.DiagnoseEnv(t, "", map[string]string{"ANTHROPIC_API_KEY": probeKey})
	if srv != nil {
		env.HTTP = srv.Client()
	}
	o, e := &strings.Builder{}, &strings.Builder{}
	env.Stdout, env.Stderr = io.MultiWriter(out, o), io.MultiWriter(errb, e)
	return env, o, e
}

// scrubServer replaces the test server's random address for golden files.
func scrubServer(s string, srv *httptest.Server) string {
	return strings.ReplaceAll(s, strings.TrimPrefix(srv.URL, "http://"), "127.0.0.1:PORT")
}

func noKey(t *testing.T, where, s string) {
	t.Helper()
	if strings.Contains(s, probeKey) || strings.Contains(s, "LEAKCHECK") {
		t.Fatalf("the API key appears in %s:\n%s", where, s)
	}
}

func TestProbeGolden(t *testing.T) {
	rateLimited := map[string]string{}
	for k, v := range okLimits {
		rateLimited[k] = v
	}
	rateLimited["retry-after"] = "12"
	rateLimited["anthropic-ratelimit-requests-remaining"] = "0"
	rateLimited["anthropic-ratelimit-requests-reset"] = "2026-04-14T10:00:12Z"
	tests := []struct {
		name   string
		status int
		hdr    map[string]string
		body   string
		args   []string
		code   int
		stderr string
	}{
		{"ok.txt", 200, okLimits, `{"id":"msg_01","type":"message"}`, nil, cmdutil.ExitOK, ""},
		{"ok.json", 200, okLimits, `{"id":"msg_01","type":"message"}`, []string{"-o", "json"}, cmdutil.ExitOK, ""},
		{"rate-limited.txt", 429, rateLimited,
			`{"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 50 requests per minute."}}`,
			nil, cmdutil.ExitError, "tierplan: 429 rate limit: the requests per minute (RPM) bucket is empty\n"},
		{"overloaded.json", 529, map[string]string{"retry-after": "3"}, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`,
			[]string{"-o", "json"}, cmdutil.ExitError, "tierplan: 529 overloaded: the API is busy; this is not your rate limit\n"},
		{"key-refused.txt", 401, nil, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`,
			nil, cmdutil.ExitError, "tierplan: 401 authentication error: the API key was refused; not a rate limit\n"},
		{"spend-cap.txt", 429, nil,
			`{"type":"error","error":{"type":"rate_limit_error","message":"monthly spend limit reached","details":{"error_code":"enforced_spend_limit_reached"}}}`,
			nil, cmdutil.ExitError, "tierplan: 429 spend cap: the tier's monthly spend cap is reached; requests fail until 2026-05-01 00:00 UTC\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := apiServer(t, tc.status, tc.hdr, tc.body, nil)
			env, out, errb := probeEnv(t, srv)
			args := append([]string{"probe", "--base-url", srv.URL}, tc.args...)
			if code := runWithEnvTable(env, cmdtest.DiagnoseTable(), args...); code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tc.code, errb.String())
			}
			if errb.String() != tc.stderr {
				t.Errorf("stderr %q, want %q", errb.String(), tc.stderr)
			}
			noKey(t, "stdout", out.String())
			noKey(t, "stderr", errb.String())
			cmdtest.Golden(t, tc.name, scrubServer(out.String(), srv))
		})
	}
}

func TestProbeFailures(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body) // so the server notices when the client gives up
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	}))
	t.Cleanup(slow.Close)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := l.Addr().String()
	l.Close()
	tests := []struct {
		name string
		args []string
		env  map[string]string
		code int
		want string
	}{
		{"timeout", []string{"--base-url", slow.URL, "--timeout", "50ms"}, nil, cmdutil.ExitError,
			"tierplan: timed out: no answer from " + strings.TrimPrefix(slow.URL, "http://") + " within 50ms\n"},
		{"refused", []string{"--base-url", "http://" + dead}, nil, cmdutil.ExitError,
			"tierplan: connection refused by " + dead + ": nothing is listening there; check the base URL\n"},
		{"no key", nil, map[string]string{}, cmdutil.ExitError, "tierplan: ANTHROPIC_API_KEY is not set: probe needs an API key to send its one request\n"},
		{"watch too often", []string{"--watch", "10s"}, nil, cmdutil.ExitUsage, "tierplan: --watch 10s: polls must be at least 30s apart"},
		{"bad timeout", []string{"--timeout", "0s"}, nil, cmdutil.ExitUsage, "--timeout 0s: must be positive"},
		{"bad base url", []string{"--base-url", "api.anthropic.com"}, nil, cmdutil.ExitUsage, `tierplan: --base-url: base URL "api.anthropic.com": expected http(s)://`},
		{"base url quoted as given", []string{"--base-url", "not a url"}, nil, cmdutil.ExitUsage,
			"tierplan: --base-url: base URL \"not a url\": expected http(s)://host[:port][/path]\n"},
		{"base url without host, checked before the key", []string{"--base-url", "https://"}, map[string]string{}, cmdutil.ExitUsage, `--base-url: base URL "https://"`},
		{"unwritable log", []string{"--log", filepath.Join(t.TempDir(), "no-dir", "x.jsonl")}, nil, cmdutil.ExitError, "no such file or directory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vars := map[string]string{"ANTHROPIC_API_KEY": probeKey}
			if tc.env != nil {
				vars = tc.env
			}
			env, out, errb := cmdtest.DiagnoseEnv(t, "", vars)
			env.HTTP = &http.Client{}
			code := runWithEnvTable(env, cmdtest.DiagnoseTable(), append([]string{"probe"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tc.code, errb.String())
			}
			if !strings.HasPrefix(errb.String(), tc.want) && !strings.Contains(errb.String(), tc.want) {
				t.Fatalf("stderr %q, want %q", errb.String(), tc.want)
			}
			noKey(t, "stdout", out.String())
			noKey(t, "stderr", errb.String())
		})
	}
}

// TestProbeWatch polls twice back to back (the wait between polls is
// replaced), then Ctrl-C arrives during the second wait; both readings are
// appended to the log, one JSON line each, after a line already there.
func TestProbeWatch(t *testing.T) {
	var count int32
	srv := apiServer(t, 200, okLimits, `{"id":"msg_01"}`, &count)
	logPath := filepath.Join(t.TempDir(), "limits.jsonl")
	if err := os.WriteFile(logPath, []byte(`{"earlier":true}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	intr := make(chan struct{})
	waits := 0
	defer probe.SetWatchAfter(func(d time.Duration) <-chan time.Time {
		if d != time.Minute {
			t.Errorf("waits %s between polls, want 1m", d)
		}
		waits++
		if waits == 2 {
			close(intr) // Ctrl-C
			return nil  // never fires
		}
		c := make(chan time.Time, 1)
		c <- time.Time{}
		return c
	})()
	env, out, errb := probeEnv(t, srv)
	env.Interrupt = func() <-chan struct{} { return intr }
	code := runWithEnvTable(env, cmdtest.DiagnoseTable(), "probe", "--base-url", srv.URL, "--watch", "1m", "--log", logPath, "-o", "csv")
	if code != cmdutil.ExitOK {
		t.Fatalf("exit %d; stderr %q", code, errb.String())
	}
	if got := atomic.LoadInt32(&count); got != 2 {
		t.Fatalf("%d requests, want 2", got)
	}
	if !strings.Contains(errb.String(), "stopped after 2 readings") {
		t.Fatalf("stderr %q", errb.String())
	}
	if n := strings.Count(out.String(), "reference_time,"); n != 1 {
		t.Fatalf("CSV header printed %d times:\n%s", n, out.String())
	}
	logData, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	noKey(t, "the log", string(logData))
	sc := bufio.NewScanner(strings.NewReader(string(logData)))
	var lines []map[string]any
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("log line %q is not JSON: %v", sc.Text(), err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 3 || lines[0]["earlier"] != true {
		t.Fatalf("log has %d lines (want the earlier one and 2 readings):\n%s", len(lines), logData)
	}
	for _, m := range lines[1:] {
		if m["schema_version"] != 2.0 || m["status"] != 200.0 || m["kind"] != "ok" || m["model"] != "claude-sonnet-4-6" {
			t.Fatalf("log line %v", m)
		}
	}
}

// TestProbeWatchStopsOnRefusedKey: waiting cannot fix a refused key.
func TestProbeWatchStopsOnRefusedKey(t *testing.T) {
	var count int32
	srv := apiServer(t, 401, nil, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`, &count)
	defer probe.SetWatchAfter(func(time.Duration) <-chan time.Time {
		t.Error("waited after a refused key")
		return nil
	})()
	env, _, errb := probeEnv(t, srv)
	code := runWithEnvTable(env, cmdtest.DiagnoseTable(), "probe", "--base-url", srv.URL, "--watch", "30s")
	if code != cmdutil.ExitError || !strings.Contains(errb.String(), "watch stopped: 401 authentication error: the API key was refused") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	if count != 1 {
		t.Fatalf("%d requests", count)
	}
}

// runWithEnvTable runs the CLI as Main does, but with the tier table already
// loaded, so output does not depend on the embedded table.
func runWithEnvTable(env cmdutil.Env, table *tiers.Table, args ...string) int {
	return cmdtest.WithTable(root.Run, env, table, args...)
}
