package proxy

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
	"github.com/tierplan/tierplan/cmd/internal/proxy/store/storetest"
	"github.com/tierplan/tierplan/tiers"
)

// twoInstances starts two proxies on one PostgreSQL database, with the
// same users and tokens.
func twoInstances(t *testing.T, upstream string, users []testUser, edit func(*Config)) (a, b *harness) {
	dsn := storetest.PostgresDSN(t)
	a = startProxy(t, upstream, users, func(c *Config) {
		if edit != nil {
			edit(c)
		}
	})
	// Move a onto PostgreSQL: restart it with the shared store.
	a.stop()
	open := func() store.Store {
		st, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	a.store = open()
	a.srv.cfg.Instance = "a"
	a.startWith(a.srv.cfg, a.srv.users.Load())
	b = &harness{t: t, log: &syncBuffer{}, tokens: a.tokens, store: open()}
	cfg := a.srv.cfg
	cfg.Instance, cfg.Log = "b", b.log
	b.startWith(cfg, a.srv.users.Load())
	return a, b
}

// Two instances share one budget: once ann's calls through either have
// used it, both refuse her; every call is recorded once.
func TestPostgresBudgetHoldsAcrossInstances(t *testing.T) {
	up := fakeapi.StartTest(t, fakeapi.Options{})
	// Each call costs $0.000366 (see TestBudgetRefusal): a budget of $0.002
	// allows 6 calls (the 6th starts at $0.00183); the 7th is refused.
	a, b := twoInstances(t, up.URL, []testUser{{name: "ann", dayBudget: 0.002}, {name: "bob"}}, nil)
	statuses := map[int]int{}
	for i := range 10 {
		h := []*harness{a, b}[i%2]
		resp := h.do("POST", "/v1/messages", "ann", jsonBody("claude-sonnet-4-5"))
		readAll(t, resp)
		statuses[resp.StatusCode]++
		time.Sleep(250 * time.Millisecond) // the writer's batch reaches the database
	}
	if statuses[200] != 6 || statuses[429] != 4 {
		t.Fatalf("statuses %v, want 6 × 200 and 4 × 429", statuses)
	}
	// Concurrent calls by bob on both: none lost, none doubled.
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			readAll(t, []*harness{a, b}[i%2].do("POST", "/v1/messages", "bob", jsonBody("claude-haiku-4-5")))
		}()
	}
	wg.Wait()
	recs := a.records(50)
	ids, per := map[string]bool{}, map[string]int{}
	for _, r := range recs {
		if ids[r.ID] {
			t.Fatal("a record is stored twice")
		}
		ids[r.ID] = true
		per[r.Instance]++
	}
	if per["a"] != 25 || per["b"] != 25 || len(up.Messages()) != 46 {
		t.Fatalf("records per instance %v, API calls %d; want 25 each and 46 calls", per, len(up.Messages()))
	}
}

// Two instances draw on the same buckets: a burst split across them meets
// no 429 from an API that enforces 20 requests at once.
func TestPostgresSharedPacing(t *testing.T) {
	limits := tiers.Limits{RPM: 1_200, ITPM: 100_000_000, OTPM: 100_000_000}
	enf := fakeapi.NewEnforcer(limits, time.Second, nil)
	up := fakeapi.StartTest(t, fakeapi.Options{Respond: enf.Respond})
	a, b := twoInstances(t, up.URL, defaultUsers, func(c *Config) { c.Window = time.Second })
	if burst(t, a.url, a.tokens["ann"], 1, jsonBody("claude-sonnet-4-5")) != 1 {
		t.Fatal("warm-up failed")
	}
	time.Sleep(time.Second)
	var wg sync.WaitGroup
	done := make([]int, 2)
	for i, h := range []*harness{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			done[i] = burst(t, h.url, h.tokens["ann"], 30, jsonBody("claude-sonnet-4-5"))
		}()
	}
	wg.Wait()
	_, rejected := enf.Counts()
	if done[0]+done[1] != 60 || rejected > 2 {
		t.Fatalf("%d of 60 calls completed, %d upstream 429s (want all, and at most 2)", done[0]+done[1], rejected)
	}
	t.Logf("60 calls through two instances sharing their buckets: %d upstream 429s", rejected)
}
