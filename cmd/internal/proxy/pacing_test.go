package proxy

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
	"github.com/tierplan/tierplan/tiers"
)

// burst sends n calls at once to base with token, each retrying a 429 after
// its retry-after as the SDKs do (up to 10 times); it returns how many
// finished with a 200.
func burst(t *testing.T, base, token string, n int, body string) int {
	t.Helper()
	var ok atomic.Int64
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for try := 0; try <= 10; try++ {
				req, _ := http.NewRequest("POST", base+"/v1/messages", strings.NewReader(body))
				req.Header.Set("x-api-key", token)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				readAll(t, resp)
				if resp.StatusCode == 200 {
					ok.Add(1)
					return
				}
				secs, _ := strconv.Atoi(resp.Header.Get("retry-after"))
				time.Sleep(time.Duration(max(secs, 1)) * time.Second)
			}
		}()
	}
	wg.Wait()
	return int(ok.Load())
}

// The same burst of clients, straight at an API that enforces its buckets
// and through the proxy: through the proxy far fewer calls meet a 429, and
// every call completes. The proxy learns the limits from the first
// response's headers (a warm-up call), as it does with no --tier.
func TestPacingPreventsUpstream429s(t *testing.T) {
	cases := []struct {
		name   string
		limits tiers.Limits
		body   string
	}{
		// 1,200 RPM over a 1 s window: 20 requests at once, 20 a second.
		{"requests per minute", tiers.Limits{RPM: 1_200, ITPM: 100_000_000, OTPM: 100_000_000}, jsonBody("claude-sonnet-4-5")},
		// 480,000 ITPM over 1 s: 8,000 tokens at once; each call is 800 tokens
		// (3,200 bytes at four a token), so 10 at once and 10 a second.
		{"input tokens per minute", tiers.Limits{RPM: 100_000, ITPM: 480_000, OTPM: 100_000_000},
			`{"model":"claude-sonnet-4-5","max_tokens":20,"messages":[{"role":"user","content":"` + strings.Repeat("x", 3_200-87) + `"}]}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.body) != 3200 && strings.Contains(tc.name, "input") {
				t.Fatalf("body is %d bytes, want 3,200", len(tc.body))
			}
			const n = 60
			direct := fakeapi.NewEnforcer(tc.limits, time.Second, nil)
			upDirect := fakeapi.StartTest(t, fakeapi.Options{Respond: direct.Respond})
			// Straight at the API some calls may run out of retries: lost.
			directDone := burst(t, upDirect.URL, "sk-direct", n, tc.body)
			_, direct429 := direct.Counts()

			paced := fakeapi.NewEnforcer(tc.limits, time.Second, nil)
			up := fakeapi.StartTest(t, fakeapi.Options{Respond: paced.Respond})
			h := startProxy(t, up.URL, defaultUsers, func(c *Config) { c.Window = time.Second })
			if got := burst(t, h.url, h.tokens["ann"], 1, tc.body); got != 1 {
				t.Fatal("warm-up call failed")
			}
			time.Sleep(time.Second) // the bucket refills
			if got := burst(t, h.url, h.tokens["ann"], n, tc.body); got != n {
				t.Fatalf("through the proxy: %d of %d calls completed", got, n)
			}
			admitted, proxied429 := paced.Counts()
			t.Logf("upstream 429s: %d direct (%d of %d calls completed), %d through the proxy (all completed)", direct429, directDone, n, proxied429)
			// Paced, there are usually none; a quarter leaves room for a
			// machine so busy (-race, shared cores) that calls leave the
			// queue late and land in the next second together, while a
			// proxy that did not pace would meet as many as the direct run.
			if direct429 < n/2 || proxied429*4 > direct429 {
				t.Fatalf("upstream 429s: %d direct, %d through the proxy; want at least %d direct and a quarter of that through the proxy", direct429, proxied429, n/2)
			}
			recs := h.records(n + 1 + proxied429) // a call retried after a 429 has two
			waited := 0
			for _, r := range recs {
				if r.Status != 200 && r.Outcome == "upstream" {
					continue
				}
				if r.QueuedMs > 0 {
					waited++
				}
			}
			if admitted != n+1 || waited < n/2 {
				t.Fatalf("the API admitted %d calls (want %d); %d waited in the queue", admitted, n+1, waited)
			}
		})
	}
}
