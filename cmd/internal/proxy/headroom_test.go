package proxy

import (
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
	"github.com/tierplan/tierplan/planner/statusline"
)

// headroomOf asks the proxy for the headroom as user and decodes it.
func (h *harness) headroomOf(user string) statusline.ProxyHeadroom {
	h.t.Helper()
	resp := h.do("GET", statusline.ProxyHeadroomPath, user, "")
	body := readAll(h.t, resp)
	if resp.StatusCode != 200 || resp.Header.Get("cache-control") != "no-store" {
		h.t.Fatalf("headroom: %d %s", resp.StatusCode, body)
	}
	for _, secret := range []string{orgKey, adminToken, h.tokens["ann"], h.tokens["bob"], `"ann"`, `"bob"`, "backend"} {
		if strings.Contains(body, secret) {
			h.t.Fatalf("headroom answer holds %q:\n%s", secret, body)
		}
	}
	var got statusline.ProxyHeadroom
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		h.t.Fatal(err)
	}
	return got
}

// The headroom answer holds each pool's newest reading, newest first, with
// the time the headers arrived; a response without rate-limit headers
// leaves the last reading in place; what the status line reads of it is
// the session's pool's tightest bucket.
func TestHeadroomAnswer(t *testing.T) {
	reset := time.Date(2026, 12, 7, 11, 59, 0, 0, time.UTC)
	sonnet := fakeapi.OK().WithRateLimitHeaders(fakeapi.Buckets{RequestsLimit: 50, RequestsRemaining: 40,
		InputLimit: 30_000, InputRemaining: 6_000, OutputLimit: 8_000, OutputRemaining: 7_000, Reset: reset})
	opus := fakeapi.OK().WithRateLimitHeaders(fakeapi.Buckets{RequestsLimit: 50, RequestsRemaining: 5,
		InputLimit: 30_000, InputRemaining: 29_000, OutputLimit: 8_000, OutputRemaining: 8_000, Reset: reset})
	up := fakeapi.StartTest(t, fakeapi.Options{Script: []fakeapi.Reply{sonnet, opus, fakeapi.OK()}})
	var minute atomic.Int64
	start := time.Date(2026, 12, 7, 11, 50, 0, 0, time.UTC)
	h := startProxy(t, up.URL, defaultUsers, func(c *Config) {
		c.Now = func() time.Time { return start.Add(time.Duration(minute.Load()) * time.Minute) }
	})
	if got := h.headroomOf("ann"); got.SchemaVersion != 1 || got.Readings == nil || len(got.Readings) != 0 {
		t.Fatalf("before any call: %+v", got)
	}
	for i, c := range []struct{ user, model string }{{"ann", "claude-sonnet-4-5"}, {"bob", "claude-opus-4-6"}, {"ann", "claude-opus-4-6"}} {
		minute.Store(int64(i))
		readAll(t, h.do("POST", "/v1/messages", c.user, jsonBody(c.model)))
	}
	got := h.headroomOf("bob")
	if len(got.Readings) != 2 {
		t.Fatalf("readings: %+v", got.Readings)
	}
	o, s := got.Readings[0], got.Readings[1]
	if o.Pool != "opus-4" || o.Model != "claude-opus-4-6" || !o.At.Equal(start.Add(time.Minute)) ||
		s.Pool != "sonnet-4" || s.Model != "claude-sonnet-4-5" || !s.At.Equal(start) {
		t.Fatalf("readings: %+v", got.Readings)
	}
	var buckets []string
	for _, b := range s.Buckets {
		if b.Reset == nil || !b.Reset.Equal(reset) {
			t.Errorf("%s reset %v, want %v", b.Measures, b.Reset, reset)
		}
		buckets = append(buckets, b.Measures+" "+itoa(b.Remaining)+"/"+itoa(b.Limit))
	}
	if want := "rpm 40/50 itpm 6000/30000 otpm 7000/8000 tokens 13000/38000"; strings.Join(buckets, " ") != want {
		t.Errorf("sonnet buckets %s, want %s", strings.Join(buckets, " "), want)
	}
	// The answer is what the status line reads: the sonnet session's
	// tightest bucket is itpm (20% left), an opus session's rpm (10%).
	b, _ := json.Marshal(got)
	if hr, err := statusline.ParseProxyHeadroom(b, "", "sonnet-4"); err != nil || hr.Measure != "itpm" || hr.Left() != 0.2 {
		t.Errorf("sonnet: %+v, %v", hr, err)
	}
	if hr, err := statusline.ParseProxyHeadroom(b, "claude-opus-4-6", ""); err != nil || hr.Measure != "rpm" || hr.Left() != 0.1 {
		t.Errorf("opus: %+v, %v", hr, err)
	}
	// Once stored, the same answer.
	h.records(3)
	if again := h.headroomOf("ann"); len(again.Readings) != 2 || again.Readings[0].Pool != "opus-4" || !again.Readings[1].At.Equal(start) {
		t.Errorf("from the store: %+v", again.Readings)
	}
}

// Only a developer's own token opens the headroom, exactly as for API
// calls (the admin token is not one); refusals are in Anthropic's shape;
// only GET is answered.
func TestHeadroomRefusals(t *testing.T) {
	up := fakeapi.StartTest(t, fakeapi.Options{})
	h := startProxy(t, up.URL, defaultUsers, nil)
	for _, c := range []struct {
		name   string
		hdr    []string
		status int
		typ    string
	}{
		{"no token", nil, 401, "authentication_error"},
		{"unknown token", []string{"Authorization", "Bearer sk-not-a-proxy-token"}, 401, "authentication_error"},
		{"admin token", []string{"Authorization", "Bearer " + adminToken}, 401, "authentication_error"},
		{"org key", []string{"X-Api-Key", orgKey}, 401, "authentication_error"},
		{"x-api-key", []string{"X-Api-Key", h.tokens["ann"]}, 200, ""},
	} {
		resp := h.do("GET", statusline.ProxyHeadroomPath, "", "", c.hdr...)
		body := readAll(t, resp)
		if resp.StatusCode != c.status || c.typ != "" && !strings.Contains(body, `"type":"error","error":{"type":"`+c.typ+`"`) {
			t.Errorf("%s: %d %s", c.name, resp.StatusCode, body)
		}
	}
	for _, m := range []string{"POST", "PUT", "DELETE"} {
		resp := h.do(m, statusline.ProxyHeadroomPath, "ann", "{}")
		if body := readAll(t, resp); resp.StatusCode != 405 || !strings.Contains(body, "invalid_request_error") || resp.Header.Get("Allow") != "GET" {
			t.Errorf("%s: %d %s", m, resp.StatusCode, body)
		}
	}
	// Nothing below it, and it is not an API path the proxy forwards.
	if strings.HasPrefix(statusline.ProxyHeadroomPath, "/v1/") {
		t.Errorf("%s is under the API's /v1/", statusline.ProxyHeadroomPath)
	}
	resp := h.do("GET", statusline.ProxyHeadroomPath+"/x", "ann", "")
	if readAll(t, resp); resp.StatusCode != 404 || len(up.Requests()) != 0 {
		t.Errorf("%s/x: %d, %d calls upstream", statusline.ProxyHeadroomPath, resp.StatusCode, len(up.Requests()))
	}
}
