package simulate

import (
	"testing"
	"time"
)

// fixedU returns the given numbers in turn and counts the draws.
type fixedU struct {
	vals  []float64
	draws int
}

func (f *fixedU) Float64() float64 {
	v := f.vals[f.draws%len(f.vals)]
	f.draws++
	return v
}

func mustPolicy(t *testing.T, name string) Policy {
	t.Helper()
	p, err := PolicyNamed(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Each policy's delay for a fixed random number, computed by hand.
func TestPolicyDelays(t *testing.T) {
	ms := time.Millisecond
	s := time.Second
	cases := []struct {
		policy     string
		n          int
		prev       time.Duration
		retryAfter time.Duration
		u          float64
		want       time.Duration
		ok         bool
		draws      int
	}{
		// sdk: min(0.5·2^0, 8)·(1 − 0.25·0.5) = 0.5·0.875 = 0.4375 s → 438 ms (half up)
		{"sdk", 0, 0, 0, 0.5, 438 * ms, true, 1},
		// sdk: min(0.5·2^1, 8)·(1 − 0) = 1 s
		{"sdk", 1, 0, 0, 0, 1 * s, true, 1},
		// sdk: only 2 retries
		{"sdk", 2, 0, 0, 0, 0, false, 0},
		// sdk: retry-after 30 s is honoured as is, no draw
		{"sdk", 0, 0, 30 * s, 0.5, 30 * s, true, 0},
		// sdk: 61 s is honoured too (measured: the TypeScript SDK has no 60 s cap)
		{"sdk", 1, 0, 61 * s, 0.5, 61 * s, true, 0},
		// sdk: past 2^31−1 ms (24.9 days) it falls back to its backoff:
		// min(0.5, 8)·(1 − 0.25·0.2) = 0.5·0.95 = 0.475 s
		{"sdk", 0, 0, 25 * 24 * time.Hour, 0.2, 475 * ms, true, 1},
		// claude-code: 0.5·(1 + 0.25·0.5) = 0.5625 s → 563 ms
		{"claude-code", 0, 0, 0, 0.5, 563 * ms, true, 1},
		// claude-code: n=6: min(0.5·64, 32) = 32 s, ·(1 + 0) = 32 s
		{"claude-code", 6, 0, 0, 0, 32 * s, true, 1},
		// claude-code: n=7: min(64, 32) = 32 s · (1 + 0.25·0.4) = 35.2 s
		{"claude-code", 7, 0, 0, 0.4, 35200 * ms, true, 1},
		// claude-code gives up on a retry-after over 60 s
		{"claude-code", 3, 0, 61 * s, 0.4, 0, false, 0},
		// claude-code: retry-after 2 s, n=0: backoff 0.5·(1 + 0.25·0.4) = 0.55 s;
		// 2·(1 + 0.25·0.4) = 2.2 s is longer; two draws
		{"claude-code", 0, 0, 2 * s, 0.4, 2200 * ms, true, 2},
		// claude-code: retry-after 2 s, n=4: backoff 8·1.1 = 8.8 s floors the 2.2 s
		{"claude-code", 4, 0, 2 * s, 0.4, 8800 * ms, true, 2},
		// claude-code: 60 s exactly is still waited for: 60·1.1 = 66 s
		{"claude-code", 0, 0, 60 * s, 0.4, 66 * s, true, 2},
		// claude-code: 10 retries, then gives up
		{"claude-code", 10, 0, 0, 0.4, 0, false, 0},
		// full jitter: U·min(32, 0.5·2^2) = 0.25·2 = 0.5 s
		{"full-jitter", 2, 0, 0, 0.25, 500 * ms, true, 1},
		// equal jitter: t = 2; 2/2 + 0.5·2/2 = 1.5 s
		{"equal-jitter", 2, 0, 0, 0.5, 1500 * ms, true, 1},
		// decorrelated, first retry (prev = base): 0.5 + 0.5·(3·0.5 − 0.5) = 1 s
		{"decorrelated", 0, 0, 0, 0.5, 1 * s, true, 1},
		// decorrelated after a 1 s sleep: 0.5 + 0.5·(3·1 − 0.5) = 1.75 s
		{"decorrelated", 1, 1 * s, 0, 0.5, 1750 * ms, true, 1},
		// decorrelated after 20 s: 0.5 + 0.9·(60 − 0.5) = 54.05 s, capped at 32 s
		{"decorrelated", 2, 20 * s, 0, 0.9, 32 * s, true, 1},
		// none never retries
		{"none", 0, 0, 1 * s, 0.5, 0, false, 0},
	}
	for _, tc := range cases {
		p := mustPolicy(t, tc.policy)
		u := &fixedU{vals: []float64{tc.u}}
		got, ok := p.Delay(tc.n, tc.prev, tc.retryAfter, u)
		if got != tc.want || ok != tc.ok || u.draws != tc.draws {
			t.Errorf("%s n=%d prev=%s ra=%s u=%g: got %s %v (%d draws), want %s %v (%d draws)",
				tc.policy, tc.n, tc.prev, tc.retryAfter, tc.u, got, ok, u.draws, tc.want, tc.ok, tc.draws)
		}
	}
}

// Jitter on an honoured retry-after spreads clients that got the same value.
func TestRetryAfterJitter(t *testing.T) {
	p := mustPolicy(t, "sdk")
	p.RetryAfterJitter = 2 * time.Second
	// 10 s + 0.25·2 s = 10.5 s
	got, ok := p.Delay(0, 0, 10*time.Second, &fixedU{vals: []float64{0.25}})
	if !ok || got != 10500*time.Millisecond {
		t.Fatalf("got %s %v, want 10.5s", got, ok)
	}
	p.HonourRetryAfter = false
	// ignored: backoff 0.5·(1 − 0.25·0.25) = 0.46875 s → 469 ms
	got, _ = p.Delay(0, 0, 10*time.Second, &fixedU{vals: []float64{0.25}})
	if got != 469*time.Millisecond {
		t.Fatalf("ignoring retry-after: got %s, want 469ms", got)
	}
}

// DelayAfter: which answers each client retries, and with what budget.
func TestDelayAfterAnswers(t *testing.T) {
	ms, s := time.Millisecond, time.Second
	cases := []struct {
		policy string
		a      Answer
		n      int
		u      float64
		want   time.Duration
		ok     bool
	}{
		// 529 and 500 take the 429 backoff: 0.5·2·(1 − 0.25·0.5) = 0.875 s
		{"sdk", Answer{Status: 529}, 1, 0.5, 875 * ms, true},
		{"sdk", Answer{Status: 500}, 1, 0.5, 875 * ms, true},
		// 400 is not retried, unless x-should-retry: true says so (SDK only)
		{"sdk", Answer{Status: 400}, 0, 0.5, 0, false},
		{"sdk", Answer{Status: 400, ShouldRetry: "true"}, 0, 0, 500 * ms, true},
		{"claude-code", Answer{Status: 400, ShouldRetry: "true"}, 0, 0, 0, false},
		// x-should-retry: false stops both
		{"sdk", Answer{Status: 429, ShouldRetry: "false"}, 0, 0, 0, false},
		{"claude-code", Answer{Status: 429, ShouldRetry: "false"}, 0, 0, 0, false},
		{"full-jitter", Answer{Status: 429, ShouldRetry: "false"}, 0, 0.5, 250 * ms, true},
		// 408 and 409: the SDK retries them, Claude Code does not
		{"sdk", Answer{Status: 409}, 0, 0, 500 * ms, true},
		{"claude-code", Answer{Status: 408}, 0, 0, 0, false},
		// retry-after-ms wins over retry-after for the SDK; Claude Code ignores it:
		// backoff 0.5·(1 + 0.25·0.4) = 0.55 s
		{"sdk", Answer{Status: 429, RetryAfter: 5 * s, RetryAfterMSHeader: 1500 * ms}, 0, 0.4, 1500 * ms, true},
		{"claude-code", Answer{Status: 429, RetryAfterMSHeader: 1500 * ms}, 0, 0.4, 550 * ms, true},
		// Claude Code: the third 529 in a row on Opus ends the call; not on Sonnet
		{"claude-code", Answer{Status: 529, Opus: true}, 1, 0, 1 * s, true},
		{"claude-code", Answer{Status: 529, Opus: true}, 2, 0, 0, false},
		{"claude-code", Answer{Status: 529}, 2, 0, 2 * s, true},
		{"claude-code", Answer{Status: 429, Opus: true}, 2, 0, 2 * s, true},
	}
	for _, tc := range cases {
		got, ok := mustPolicy(t, tc.policy).DelayAfter(tc.a, tc.n, 0, &fixedU{vals: []float64{tc.u}})
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s %+v n=%d: got %s %v, want %s %v", tc.policy, tc.a, tc.n, got, ok, tc.want, tc.ok)
		}
	}
}

func TestPolicyNamesAndValidation(t *testing.T) {
	for _, n := range PolicyNames() {
		p := mustPolicy(t, n)
		if p.Kind.String() != n {
			t.Errorf("%s parses to %s", n, p.Kind)
		}
		if err := p.Validate(); err != nil {
			t.Errorf("%s defaults invalid: %v", n, err)
		}
	}
	if _, err := PolicyNamed("exponential"); err == nil {
		t.Error("unknown policy accepted")
	}
	bad := []Policy{
		{Kind: SDK, MaxRetries: -1, Base: time.Second, Cap: time.Second},
		{Kind: SDK, MaxRetries: 2, Base: 0, Cap: time.Second},
		{Kind: SDK, MaxRetries: 2, Base: 2 * time.Second, Cap: time.Second},
		{Kind: SDK, MaxRetries: 1001, Base: time.Second, Cap: time.Second},
		{Kind: SDK, MaxRetries: 2, Base: time.Second, Cap: time.Second, RetryAfterJitter: -1},
		{Kind: SDK, MaxRetries: 2, Base: time.Second, Cap: time.Second, RetryAfterScatter: -0.1},
		{Kind: SDK, MaxRetries: 2, Base: time.Second, Cap: time.Second, RetryAfterScatter: 11},
		{Kind: SDK, MaxRetries: 2, Base: time.Second, Cap: time.Second, OpusOverloadedRetries: -1},
	}
	for i, p := range bad {
		if p.Validate() == nil {
			t.Errorf("bad policy %d accepted: %+v", i, p)
		}
	}
}
