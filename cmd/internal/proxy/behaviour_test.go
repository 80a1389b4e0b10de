package proxy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/planner/pacing"
	"github.com/tierplan/tierplan/tiers"
)

// Over budget: a 429 with retry-after until the window resets and
// x-should-retry false, answered by the proxy; the API is not called.
func TestBudgetRefusal(t *testing.T) {
	up := fakeapi.StartTest(t, fakeapi.Options{})
	now := time.Date(2026, 12, 2, 23, 0, 0, 0, time.UTC)
	// The default reply on Sonnet 4.5 costs 12 in × $3 + 40 written × $3.75
	// + 300 read × $0.30 + 6 out × $15 per million = $0.000366: with a
	// budget of $0.0005 the second call still starts under it, the third not.
	h := startProxy(t, up.URL, []testUser{{name: "ann", dayBudget: 0.0005}}, func(c *Config) {
		c.Now = func() time.Time { return now }
	})
	for i, want := range []int{200, 200, 429} {
		resp := h.do("POST", "/v1/messages", "ann", jsonBody("claude-sonnet-4-5"))
		body := readAll(t, resp)
		if resp.StatusCode != want {
			t.Fatalf("call %d: %d, want %d: %s", i+1, resp.StatusCode, want, body)
		}
		if want == 429 {
			if resp.Header.Get("retry-after") != "3600" || resp.Header.Get("x-should-retry") != "false" {
				t.Fatalf("budget 429 headers: retry-after %q x-should-retry %q", resp.Header.Get("retry-after"), resp.Header.Get("x-should-retry"))
			}
			if typ, msg := anthropicError(t, body); typ != "rate_limit_error" || !strings.Contains(msg, "day budget of $0.0005") {
				t.Fatalf("budget 429: %s %s", typ, msg)
			}
		}
	}
	if n := len(up.Messages()); n != 2 {
		t.Fatalf("the API saw %d calls, want 2", n)
	}
	var got []string
	for _, r := range h.records(3) { // one instant: any order
		got = append(got, r.Outcome+" "+r.Cost.Decimal())
	}
	sort.Strings(got)
	if strings.Join(got, ", ") != "budget 0, upstream 0.000366, upstream 0.000366" {
		t.Fatalf("records: %v", got)
	}
}

// Interactive calls go before batch ones, and a user served a lot goes
// after one served little; a call that cannot wait long enough gets the
// proxy's own 429 with the time it would have needed.
func TestQueueOrderAndDeadline(t *testing.T) {
	st := newMemState(func(string) tiers.Limits { return tiers.Limits{RPM: 60} }, time.Minute)
	clock := time.Unix(0, 0)
	var nowMs atomic.Int64
	p := newPacer(st, func() time.Time { return clock.Add(time.Duration(nowMs.Load()) * time.Millisecond) }, 10, 5*time.Second)
	one := func(user string, interactive bool) *ticket {
		return &ticket{pool: "p", user: user, interactive: interactive, charge: oneRequestCharge()}
	}
	for range 60 { // empty the bucket: 60 requests
		if _, err := p.acquire(context.Background(), one("ann", true)); err != nil {
			t.Fatal(err)
		}
	}
	order := make(chan string, 3)
	start := func(user string, interactive bool) {
		go func() {
			if _, err := p.acquire(context.Background(), one(user, interactive)); err == nil {
				order <- user
			}
		}()
	}
	start("batch-bob", false)
	waitQueued(t, p, 1)
	start("ann", true) // ann was served 60 requests
	waitQueued(t, p, 2)
	start("cy", true)
	waitQueued(t, p, 3)
	// One request refills every second; move the clock a second at a time.
	var got []string
	for len(got) < 3 {
		nowMs.Add(1000)
		select {
		case u := <-order:
			got = append(got, u)
		case <-time.After(2 * time.Second):
			t.Fatalf("no grant after a refill; got %v", got)
		}
	}
	if strings.Join(got, " ") != "cy ann batch-bob" {
		t.Fatalf("order %v, want cy (interactive, served least), ann, batch-bob", got)
	}
	// Empty again; a call that may wait 50 ms for a refill a second away.
	p.timeout = 50 * time.Millisecond
	_, err := p.acquire(context.Background(), one("ann", true))
	var qe *queueError
	if !errors.As(err, &qe) || qe.full || qe.wait != time.Second {
		t.Fatalf("deadline: %v, want a queue timeout with a wait of 1 s", err)
	}
}

func waitQueued(t *testing.T, p *pacer, n int) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if p.waiting()["p"] == n {
			return
		}
	}
	t.Fatalf("%d waiting, want %d", p.waiting()["p"], n)
}

// A shutdown lets an open stream finish, takes no new connection, and
// writes every record before it returns.
func TestShutdownDrainsStreams(t *testing.T) {
	up := fakeapi.StartTest(t, fakeapi.Options{Then: fakeapi.Reply{Text: "one two three four five six", EventGap: 100 * time.Millisecond}})
	h := startProxy(t, up.URL, defaultUsers, nil)
	resp := h.do("POST", "/v1/messages", "ann", streamBody("claude-sonnet-4-5"))
	stopped := make(chan error, 1)
	go func() { stopped <- h.stop() }()
	time.Sleep(150 * time.Millisecond)
	if c, err := net.DialTimeout("tcp", strings.TrimPrefix(h.url, "http://"), time.Second); err == nil {
		c.Close()
		t.Error("a new connection was taken during the shutdown")
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || !strings.Contains(string(body), "message_stop") {
		t.Fatalf("the open stream was cut: %v, %q", err, body)
	}
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	recs, _ := h.store.Range(context.Background(), time.Time{}, time.Time{})
	if len(recs) != 1 || recs[0].Usage.Output != int64(fakeapi.DefaultUsage.OutputTokens) {
		t.Fatalf("records after shutdown: %+v", recs)
	}
}

// flakyStore fails while down is set.
type flakyStore struct {
	store.Store
	down atomic.Bool
}

func (f *flakyStore) Insert(ctx context.Context, r []store.Record) error {
	if f.down.Load() {
		return errors.New("connection refused")
	}
	return f.Store.Insert(ctx, r)
}

func (f *flakyStore) Spent(ctx context.Context, u string, w pacing.Windows) (pacing.Spent, error) {
	if f.down.Load() {
		return pacing.Spent{}, errors.New("connection refused")
	}
	return f.Store.Spent(ctx, u, w)
}

// While the store is down calls still pass; their records wait in memory
// and are written, once each, when it is back.
func TestStoreDownKeepsRecords(t *testing.T) {
	up := fakeapi.StartTest(t, fakeapi.Options{})
	h := startProxy(t, up.URL, []testUser{{name: "ann", dayBudget: 100}}, nil)
	flaky := &flakyStore{Store: h.store}
	h.stop()
	h.store = flaky
	users, _ := ParseUsers("u", []byte("users:\n"+UsersFileEntry("ann", hashOf(h.tokens["ann"]))+"    budget: {day: 100}\n"))
	h.startWith(h.srv.cfg, users)
	flaky.down.Store(true)
	for range 5 {
		if resp := h.do("POST", "/v1/messages", "ann", jsonBody("claude-sonnet-4-5")); resp.StatusCode != 200 {
			t.Fatalf("with the store down: %d", resp.StatusCode)
		}
	}
	time.Sleep(300 * time.Millisecond)
	if !strings.Contains(h.log.String(), "cannot write records (") || strings.Count(h.log.String(), "budgets not checked (first: ann)") != 1 {
		t.Fatalf("log: %s", h.log.String())
	}
	flaky.down.Store(false)
	recs := h.records(5)
	seen := map[string]bool{}
	for _, r := range recs {
		if seen[r.ID] {
			t.Fatal("a record was written twice")
		}
		seen[r.ID] = true
	}
}

// An API that cannot be reached gives a 502 in Anthropic's shape, and the
// record says so.
func TestUpstreamDown(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	h := startProxy(t, "http://"+addr, defaultUsers, nil)
	resp := h.do("POST", "/v1/messages", "ann", jsonBody("claude-sonnet-4-5"))
	if typ, _ := anthropicError(t, readAll(t, resp)); resp.StatusCode != http.StatusBadGateway || typ != "api_error" {
		t.Fatalf("%d %s", resp.StatusCode, typ)
	}
	if r := h.records(1)[0]; r.Outcome != "upstream_error" || r.Status != 502 {
		t.Fatalf("record %s %d", r.Outcome, r.Status)
	}
	if !strings.Contains(h.log.String(), "connection refused") {
		t.Fatalf("log: %s", h.log.String())
	}
}

func oneRequestCharge() limiter.Charge { return limiter.Charge{RPM: limiter.UnitsPerToken} }

func hashOf(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// An API that does not answer in time gets a 504 in Anthropic's shape; a
// stream that goes silent is cut after the idle timeout.
func TestUpstreamTimeouts(t *testing.T) {
	slow := fakeapi.Reply{FirstByte: 2 * time.Second}
	silent := fakeapi.Reply{Text: "a b c", EventGap: 2 * time.Second}
	up := fakeapi.StartTest(t, fakeapi.Options{Script: []fakeapi.Reply{slow, silent}})
	h := startProxy(t, up.URL, defaultUsers, func(c *Config) {
		c.UpstreamTimeout = 200 * time.Millisecond
		c.StreamIdleTimeout = 300 * time.Millisecond
	})
	resp := h.do("POST", "/v1/messages", "ann", jsonBody("claude-sonnet-4-5"))
	if typ, _ := anthropicError(t, readAll(t, resp)); resp.StatusCode != http.StatusGatewayTimeout || typ != "timeout_error" {
		t.Fatalf("slow API: %d %s", resp.StatusCode, typ)
	}
	start := time.Now()
	resp = h.do("POST", "/v1/messages", "ann", streamBody("claude-sonnet-4-5"))
	// The cut is a broken stream, not a clean end, so the client knows.
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if took := time.Since(start); !errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(string(body), "message_stop") || took > 1500*time.Millisecond {
		t.Fatalf("silent stream: %v after %s, %q", err, took, body)
	}
	recs := h.records(2)
	if recs[0].Outcome != "upstream_error" || recs[0].Status != 504 || recs[1].Outcome != "upstream_cut" ||
		recs[1].Usage.Input != int64(fakeapi.DefaultUsage.InputTokens) {
		t.Fatalf("records: %+v", recs)
	}
}

// A client that leaves in the middle of a stream: the call upstream is
// cancelled, and the record says so, with the usage seen so far.
func TestClientLeavesMidStream(t *testing.T) {
	up := fakeapi.StartTest(t, fakeapi.Options{Then: fakeapi.Reply{Text: "a b c d e f", EventGap: 200 * time.Millisecond}})
	h := startProxy(t, up.URL, defaultUsers, nil)
	resp := h.do("POST", "/v1/messages", "ann", streamBody("claude-sonnet-4-5"))
	buf := make([]byte, 64)
	if _, err := io.ReadAtLeast(resp.Body, buf, 1); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	r := h.records(1)[0]
	if r.Outcome != "client_gone" || r.Usage.Input != int64(fakeapi.DefaultUsage.InputTokens) || r.Usage.Output == int64(fakeapi.DefaultUsage.OutputTokens) {
		t.Fatalf("record %s %+v", r.Outcome, r.Usage)
	}
}
