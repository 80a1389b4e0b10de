package proxy

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
)

// anthropicError reads Anthropic's error shape, failing the test when a
// body is not in it.
func anthropicError(t *testing.T, body string) (typ, msg string) {
	t.Helper()
	var e struct {
		Type  string `json:"type"`
		Error struct {
			Type, Message string
		} `json:"error"`
		RequestID string `json:"request_id"`
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil || e.Type != "error" || e.Error.Type == "" || !strings.HasPrefix(e.RequestID, "req_proxy_") {
		t.Fatalf("not Anthropic's error shape: %s", body)
	}
	return e.Error.Type, e.Error.Message
}

func TestAuthentication(t *testing.T) {
	up := fakeapi.StartTest(t, fakeapi.Options{})
	h := startProxy(t, up.URL, defaultUsers, nil)
	cases := []struct {
		name   string
		header []string
		want   int
	}{
		{"no token", nil, 401},
		{"unknown bearer", []string{"Authorization", "Bearer tpk_not-a-real-token"}, 401},
		{"the org key itself", []string{"x-api-key", orgKey}, 401},
		{"empty bearer", []string{"Authorization", "Bearer "}, 401},
		{"basic auth", []string{"Authorization", "Basic YW5uOnB3"}, 401},
		{"bearer", []string{"Authorization", "Bearer " + h.tokens["ann"]}, 200},
		{"bearer, any case", []string{"Authorization", "bEaReR " + h.tokens["ann"]}, 200},
		{"x-api-key", []string{"x-api-key", h.tokens["bob"]}, 200},
	}
	for _, tc := range cases {
		resp := h.do("POST", "/v1/messages", "", jsonBody("claude-sonnet-4-5"), tc.header...)
		body := readAll(t, resp)
		if resp.StatusCode != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, resp.StatusCode, tc.want)
			continue
		}
		if tc.want == 401 {
			if typ, _ := anthropicError(t, body); typ != "authentication_error" {
				t.Errorf("%s: error type %s", tc.name, typ)
			}
		}
	}
	if n := len(up.Messages()); n != 3 {
		t.Fatalf("the API saw %d calls, want only the 3 authenticated ones", n)
	}
	// Admin pages: the admin token only, as bearer or basic password.
	for _, tc := range []struct {
		hdr  []string
		want int
	}{
		{nil, 401}, {[]string{"Authorization", "Bearer " + h.tokens["ann"]}, 401},
		{[]string{"Authorization", "Bearer " + adminToken}, 200},
		{[]string{"Authorization", "Basic " + basic("anyone", adminToken)}, 200},
		{[]string{"Authorization", "Basic " + basic("anyone", "wrong")}, 401},
	} {
		for _, p := range []string{"/rate-limit-log", "/metrics", "/", "/dashboard.json"} {
			resp := h.do("GET", p, "", "", tc.hdr...)
			readAll(t, resp)
			if resp.StatusCode != tc.want {
				t.Errorf("GET %s with %v: %d, want %d", p, tc.hdr, resp.StatusCode, tc.want)
			}
		}
	}
}

func basic(user, pw string) string {
	r, _ := http.NewRequest("GET", "/", nil)
	r.SetBasicAuth(user, pw)
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Basic ")
}

// Only the Messages API is forwarded: anything else is a 404 in Anthropic's
// shape and never reaches the API.
func TestOnlyMessagesAPIIsForwarded(t *testing.T) {
	up := fakeapi.StartTest(t, fakeapi.Options{})
	h := startProxy(t, up.URL, defaultUsers, nil)
	for _, tc := range []struct{ method, path string }{
		{"GET", "/v1/complete"}, {"POST", "/v1/complete"}, {"POST", "/v1/messages/batches"},
		{"GET", "/v1/files"}, {"POST", "/v1/organizations/api_keys"}, {"GET", "/v1/messages/../../admin"},
		{"GET", "/v1/models/../../v1/files"}, {"POST", "/v1/messages/"}, {"POST", "//v1/messages"},
		{"POST", "/v1/%6Dessages"}, {"GET", "/v1/models/a/b"}, {"DELETE", "/v1/messages"}, {"PUT", "/v1/models"},
	} {
		resp := h.do(tc.method, tc.path, "ann", "{}")
		body := readAll(t, resp)
		if resp.StatusCode != 404 && resp.StatusCode != 405 {
			t.Errorf("%s %s: %d, want 404 or 405", tc.method, tc.path, resp.StatusCode)
			continue
		}
		anthropicError(t, body)
	}
	// A request for another host, as an open proxy would take it.
	conn, err := net.Dial("tcp", strings.TrimPrefix(h.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = io.WriteString(conn, "GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == 200 {
		t.Error("an absolute URL for another host was answered 200")
	}
	if n := len(up.Requests()); n != 0 {
		t.Fatalf("the API saw %d requests, want none", n)
	}
	// The allowed paths do pass, with their methods.
	for _, tc := range []struct{ method, path string }{
		{"POST", "/v1/messages"}, {"POST", "/v1/messages/count_tokens"}, {"GET", "/v1/models"}, {"GET", "/v1/models/claude-opus-4-5"}, {"HEAD", "/v1/models"},
	} {
		resp := h.do(tc.method, tc.path, "ann", jsonBody("claude-sonnet-4-5"))
		readAll(t, resp)
		if resp.Header.Get("request-id") == "" || strings.HasPrefix(resp.Header.Get("request-id"), "req_proxy_") {
			t.Errorf("%s %s: %d, not answered by the API", tc.method, tc.path, resp.StatusCode)
		}
	}
	if n := len(up.Requests()); n != 5 {
		t.Fatalf("the API saw %d requests, want the 5 allowed", n)
	}
	if resp := h.do("HEAD", "/", "", ""); resp.StatusCode != 200 {
		t.Errorf("HEAD / (a client's probe): %d", resp.StatusCode)
	}
}

// A body over the limit is refused with 413, one that does not arrive in
// time with 408; neither reaches the API.
func TestOversizedAndSlowRequests(t *testing.T) {
	up := fakeapi.StartTest(t, fakeapi.Options{})
	h := startProxy(t, up.URL, defaultUsers, func(c *Config) {
		c.MaxRequestBytes = 4096
		c.ReadTimeout = 300 * time.Millisecond
	})
	resp := h.do("POST", "/v1/messages", "ann", `{"model":"x","pad":"`+strings.Repeat("a", 5000)+`"}`)
	if typ, _ := anthropicError(t, readAll(t, resp)); resp.StatusCode != 413 || typ != "request_too_large" {
		t.Errorf("oversized: %d %s", resp.StatusCode, typ)
	}
	// A client that sends half its body and stalls.
	conn, err := net.Dial("tcp", strings.TrimPrefix(h.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = io.WriteString(conn, "POST /v1/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "+h.tokens["ann"]+
		"\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"model\":")
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	sresp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("a stalled body got no answer: %v", err)
	}
	if sresp.StatusCode != 408 {
		t.Errorf("stalled body: %d, want 408", sresp.StatusCode)
	}
	// Headers that never finish: the connection is closed.
	c2, err := net.Dial("tcp", strings.TrimPrefix(h.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	_, _ = io.WriteString(c2, "POST /v1/messages HTTP/1.1\r\nHost: x\r\n")
	_ = c2.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := c2.Read(make([]byte, 1)); err == nil || strings.Contains(err.Error(), "timeout") {
		t.Errorf("unfinished headers: connection still open after the read timeout (%v)", err)
	}
	if n := len(up.Requests()); n != 0 {
		t.Fatalf("the API saw %d requests, want none", n)
	}
	h.records(2) // the 413 and the 408 are recorded
}

// The org key and the developers' tokens appear in no output: responses,
// logs, records, the rate-limit log, the dashboard, the metrics, the store.
func TestNoSecretInAnySink(t *testing.T) {
	up := fakeapi.StartTest(t, fakeapi.Options{Script: []fakeapi.Reply{fakeapi.OK(), fakeapi.RateLimited("3"), fakeapi.ServerError()}})
	h := startProxy(t, up.URL, []testUser{{name: "ann"}, {name: "bob", dayBudget: 0.000001}}, nil)
	var sinks []string
	add := func(resp *http.Response) {
		var b strings.Builder
		for k, v := range resp.Header {
			b.WriteString(k + ": " + strings.Join(v, ",") + "\n")
		}
		sinks = append(sinks, b.String()+readAll(t, resp))
	}
	add(h.do("POST", "/v1/messages", "ann", streamBody("claude-sonnet-4-5")))
	add(h.do("POST", "/v1/messages", "ann", jsonBody("claude-sonnet-4-5")))
	add(h.do("POST", "/v1/messages", "ann", jsonBody("claude-opus-4-5")))
	add(h.do("POST", "/v1/messages", "bob", jsonBody("claude-haiku-4-5")))
	add(h.do("POST", "/v1/messages", "bob", jsonBody("claude-haiku-4-5"))) // over budget
	add(h.do("POST", "/v1/messages", "", jsonBody("x"), "x-api-key", h.tokens["ann"]+"x"))
	add(h.do("GET", "/v1/files", "ann", ""))
	h.records(5) // the unauthenticated call and the refused path leave none
	for _, p := range []string{"/rate-limit-log?limit=100", "/", "/metrics", "/dashboard.json"} {
		add(h.do("GET", p, "", "", "Authorization", "Bearer "+adminToken))
	}
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	db, err := os.ReadFile(h.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	wal, _ := os.ReadFile(h.dbPath + "-wal")
	sinks = append(sinks, h.log.String(), string(db), string(wal))
	for _, r := range up.Requests() {
		sinks = append(sinks, fmtRequest(r))
	}
	for i, s := range sinks {
		for name, secret := range map[string]string{"org key": orgKey, "ann's token": h.tokens["ann"], "bob's token": h.tokens["bob"], "admin token": adminToken} {
			if strings.Contains(s, secret) {
				t.Errorf("sink %d shows the %s", i, name)
			}
		}
	}
	if !strings.Contains(sinks[9], "tierplan_proxy_requests_total") || !strings.Contains(sinks[4], "budget") {
		t.Fatalf("the sinks checked are not the right pages:\n%s\n%s", sinks[9][:200], sinks[4])
	}
}

func fmtRequest(r fakeapi.Request) string {
	var b strings.Builder
	for k, v := range r.Header {
		b.WriteString(k + ": " + strings.Join(v, ",") + "\n")
	}
	return b.String()
}
