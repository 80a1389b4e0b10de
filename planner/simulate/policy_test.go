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
		// sdk: 60 s is still honoured (0 < v ≤ 60)
		{"sdk", 1, 0, 60 * s, 0.5, 60 * s, true, 0},
		// sdk: 61 s is not: backoff min(0.5, 8)·(1 − 0.25·0.2) = 0.5·0.95 = 0.475 s
		{"sdk", 0, 0, 61 * s, 0.2, 475 * ms, true, 1},
		// claude-code: 0.5·(1 + 0.25·0.5) = 0.5625 s → 563 ms
		{"claude-code", 0, 0, 0, 0.5, 563 * ms, true, 1},
		// claude-code: n=6: min(0.5·64, 32) = 32 s, ·(1 + 0) = 32 s
		{"claude-code", 6, 0, 0, 0, 32 * s, true, 1},
		// claude-code: n=7: min(64, 32) = 32 s · (1 + 0.25·0.4) = 35.2 s
		{"claude-code", 7, 0, 0, 0.4, 35200 * ms, true, 1},
		// claude-code honours any retry-after
		{"claude-code", 3, 0, 120 * s, 0.4, 120 * s, true, 0},
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
	}
	for i, p := range bad {
		if p.Validate() == nil {
			t.Errorf("bad policy %d accepted: %+v", i, p)
		}
	}
}
