package statusline_test

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
)

// proxyToken is the developer's proxy token in these tests: it must reach
// the proxy and nothing else.
const proxyToken = "tp-dev-token-never-shown-5e1d"

// proxyAnswer is the fixture the domain package reads: sonnet's itpm at
// 35% left at 11:58:30, haiku's rpm at 20% at 11:59:10.
var proxyAnswer = filepath.Join("..", "..", "..", "planner", "statusline", "testdata", "proxy", "headroom.json")

// fakeProxy is a headroom endpoint on 127.0.0.1 that answers with handle
// and keeps what it was sent.
type fakeProxy struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []*http.Request
}

func startFakeProxy(t *testing.T, handle http.HandlerFunc) *fakeProxy {
	p := &fakeProxy{}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.reqs = append(p.reqs, r.Clone(r.Context()))
		p.mu.Unlock()
		handle(w, r)
	}))
	t.Cleanup(p.Close)
	return p
}

func (p *fakeProxy) requests() []*http.Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.reqs
}

func answer(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("content-type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

// apiKeyUser runs the status line for the API-key fixture, without the
// logs' day cost, with vars and args added.
func apiKeyUser(t *testing.T, vars map[string]string, args ...string) (stdout, stderr string) {
	t.Helper()
	e := newEnv(t)
	for k, v := range vars {
		e.vars[k] = v
	}
	r := e.run(t, input(t, "api-key.json"), append([]string{"--tz", "UTC", "--no-day-cost"}, args...)...)
	if r.Code != 0 {
		t.Fatalf("exit %d: %s", r.Code, r.Stderr)
	}
	if strings.Contains(r.Stdout+r.Stderr, proxyToken) {
		t.Fatalf("the token was shown:\n%s%s", r.Stdout, r.Stderr)
	}
	return r.Stdout, r.Stderr
}

func TestStatuslineProxyHeadroom(t *testing.T) {
	p := startFakeProxy(t, answer(200, string(cmdtest.ReadFile(t, proxyAnswer))))
	out, _ := apiKeyUser(t, map[string]string{"ANTHROPIC_AUTH_TOKEN": proxyToken, "ANTHROPIC_API_KEY": "other"}, "--proxy", p.URL)
	// The session's model is sonnet's: its itpm, not haiku's newer rpm.
	cmdtest.Golden(t, "api-key-proxy.txt", out)
	reqs := p.requests()
	if len(reqs) != 1 || reqs[0].Method != "GET" || reqs[0].URL.Path != "/tierplan/headroom" ||
		reqs[0].Header.Get("Authorization") != "Bearer "+proxyToken || reqs[0].Header.Get("X-Api-Key") != "" {
		t.Fatalf("requests: %+v", reqs)
	}
	// ANTHROPIC_API_KEY as x-api-key when there is no AUTH_TOKEN; a base
	// URL with a path and a trailing slash keeps its path.
	apiKeyUser(t, map[string]string{"ANTHROPIC_API_KEY": proxyToken}, "--proxy", p.URL+"/team/")
	reqs = p.requests()
	if len(reqs) != 2 || reqs[1].URL.Path != "/team/tierplan/headroom" || reqs[1].Header.Get("X-Api-Key") != proxyToken || reqs[1].Header.Get("Authorization") != "" {
		t.Fatalf("requests: %+v", reqs[1])
	}
}

// With --headers too, the newer reading is shown.
func TestStatuslineProxyAndHeadersNewerWins(t *testing.T) {
	tok := map[string]string{"ANTHROPIC_AUTH_TOKEN": proxyToken}
	headers := []string{"--headers", filepath.Join("testdata", "probe.log")}
	p := startFakeProxy(t, answer(200, string(cmdtest.ReadFile(t, proxyAnswer))))
	if out, _ := apiKeyUser(t, tok, append(headers, "--proxy", p.URL)...); !strings.Contains(out, "itpm 35% left at 11:58") {
		t.Errorf("the proxy's 11:58 reading should win over the file's 11:40:\n%s", out)
	}
	old := startFakeProxy(t, answer(200, `{"schema_version":1,"readings":[{"pool":"sonnet-4","at":"2026-12-07T11:30:00Z","buckets":[{"measures":"otpm","limit":8000,"remaining":800}]}]}`))
	if out, _ := apiKeyUser(t, tok, append(headers, "--proxy", old.URL)...); !strings.Contains(out, "rpm 40% left at 11:40") {
		t.Errorf("the file's 11:40 reading should win over the proxy's 11:30:\n%s", out)
	}
}

// On any failure the status line shows the rest, exits 0, and --debug says
// why; it never waits on the proxy much beyond its 300 ms.
func TestStatuslineProxyFailures(t *testing.T) {
	tok := map[string]string{"ANTHROPIC_AUTH_TOKEN": proxyToken}
	slow := make(chan struct{})
	t.Cleanup(func() { close(slow) })
	huge := `{"schema_version":1,"readings":[]` + strings.Repeat(" ", 70<<10) + `}`
	for _, c := range []struct {
		name    string
		handle  http.HandlerFunc
		vars    map[string]string
		want    string
		noAsk   bool
		maxTime time.Duration
	}{
		{name: "401", handle: answer(401, `{"type":"error","error":{"type":"authentication_error","message":"no"}}`), vars: tok,
			want: "answered 401 Unauthorized (the token in the environment is not a token of this proxy)"},
		{name: "404", handle: answer(404, "not here"), vars: tok, want: "answered 404 Not Found (not a tierplan proxy"},
		{name: "garbage", handle: answer(200, "<html>\x1b[2J"), vars: tok, want: "not the proxy's headroom JSON"},
		{name: "huge", handle: answer(200, huge), vars: tok, want: "answer larger than 64 KiB: not read"},
		{name: "newer schema", handle: answer(200, `{"schema_version":9}`), vars: tok, want: "schema_version 9: this tierplan reads version 1"},
		{name: "another pool only", handle: answer(200, `{"schema_version":1,"readings":[{"pool":"haiku-4-5","at":"2026-12-07T11:59:00Z","buckets":[{"measures":"rpm","limit":50,"remaining":1}]}]}`),
			vars: tok, want: "the proxy has no reading for pool sonnet-4 among its recent records"},
		{name: "no reading yet", handle: answer(200, `{"schema_version":1,"readings":[]}`), vars: tok, want: "the proxy has no rate-limit reading yet"},
		{name: "old reading", handle: answer(200, `{"schema_version":1,"readings":[{"pool":"sonnet-4","at":"2026-12-07T10:00:00Z","buckets":[{"measures":"rpm","limit":50,"remaining":1}]}]}`),
			vars: tok, want: "the last reading is of 2026-12-07T10:00:00Z, not within an hour"},
		{name: "redirect", handle: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://127.0.0.1:1/elsewhere", http.StatusFound)
		}, vars: tok, want: "answered 302 Found"},
		{name: "slow", handle: func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-slow:
			}
		}, vars: tok, want: "no answer within 300ms", maxTime: 2 * time.Second},
		{name: "no token", handle: answer(200, "{}"), want: "no ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY in the environment to send", noAsk: true},
		{name: "token with a newline", handle: answer(200, "{}"), vars: map[string]string{"ANTHROPIC_API_KEY": proxyToken + "\nX-Evil: 1"},
			want: "the token in the environment holds control characters; not sent", noAsk: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := startFakeProxy(t, c.handle)
			start := time.Now()
			out, errs := apiKeyUser(t, c.vars, "--debug", "--proxy", p.URL)
			if c.maxTime > 0 && time.Since(start) > c.maxTime {
				t.Errorf("took %s", time.Since(start))
			}
			if strings.Contains(out, "left") || !strings.Contains(out, "Sonnet 4.5 │ ctx 56%") {
				t.Errorf("stdout:\n%s", out)
			}
			if !strings.Contains(errs, "tierplan: statusline: proxy "+p.URL+"/tierplan/headroom: "+c.want) || strings.Contains(errs, "\x1b") {
				t.Errorf("stderr %q; want %q", errs, c.want)
			}
			if strings.Contains(out+errs, proxyToken) {
				t.Errorf("the token is shown:\n%s%s", out, errs)
			}
			if asked := len(p.requests()); asked != map[bool]int{false: 1, true: 0}[c.noAsk] {
				t.Errorf("asked %d times", asked)
			}
		})
	}
}

// Without --proxy nothing is asked, even with ANTHROPIC_BASE_URL set; a
// --proxy that is not an http(s) URL is said under --debug.
func TestStatuslineProxyOnlyWhenAsked(t *testing.T) {
	p := startFakeProxy(t, answer(200, string(cmdtest.ReadFile(t, proxyAnswer))))
	out, _ := apiKeyUser(t, map[string]string{"ANTHROPIC_BASE_URL": p.URL, "ANTHROPIC_AUTH_TOKEN": proxyToken})
	if n := len(p.requests()); n != 0 || strings.Contains(out, "left") {
		t.Errorf("asked %d times without --proxy:\n%s", n, out)
	}
	for _, bad := range []string{"127.0.0.1:8080", "ftp://127.0.0.1/", "http://"} {
		_, errs := apiKeyUser(t, map[string]string{"ANTHROPIC_AUTH_TOKEN": proxyToken}, "--debug", "--proxy", bad)
		if !strings.Contains(errs, "proxy: --proxy \""+bad+"\": not an http:// or https:// URL") {
			t.Errorf("--proxy %s: %q", bad, errs)
		}
	}
	// A password in a --proxy that is refused is not shown.
	for bad, named := range map[string]string{"ftp://u:hunter2@127.0.0.1/": "ftp://u:xxxxx@127.0.0.1/", "http://u:hunter2@127.0.0.1:port": "http://u:xxxxx@127.0.0.1:port"} {
		_, errs := apiKeyUser(t, map[string]string{"ANTHROPIC_AUTH_TOKEN": proxyToken}, "--debug", "--proxy", bad)
		if !strings.Contains(errs, "proxy: --proxy \""+named+"\": not an http:// or https:// URL") || strings.Contains(errs, "hunter2") {
			t.Errorf("--proxy %s: %q", bad, errs)
		}
	}
}
