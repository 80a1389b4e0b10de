package simulate

import (
	"math/rand/v2"
	"testing"
	"time"
)

// windows is a compact way to write a schedule: min and max in seconds per
// retry.
func windows(pairs ...float64) []RetryWindow {
	var out []RetryWindow
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, RetryWindow{Retry: i/2 + 1, Min: seconds(pairs[i]), Max: seconds(pairs[i+1])})
	}
	return out
}

// Schedules computed by hand from each formula.
func TestScheduleByHand(t *testing.T) {
	s := time.Second
	cases := []struct {
		policy       string
		a            Answer
		want         []RetryWindow
		atOnce       string
		minTot, maxT float64
	}{
		// sdk: 0.5·[0.75, 1], 1·[0.75, 1]
		{"sdk", RateLimited(0), windows(0.375, 0.5, 0.75, 1), "", 1.125, 1.5},
		{"sdk", RateLimited(2 * s), windows(2, 2, 2, 2), "", 4, 4},
		{"sdk", RateLimited(61 * s), windows(61, 61, 61, 61), "", 122, 122},
		// claude-code: min(0.5·2^n, 32)·[1, 1.25]
		{"claude-code", RateLimited(0), windows(0.5, 0.625, 1, 1.25, 2, 2.5, 4, 5, 8, 10, 16, 20,
			32, 40, 32, 40, 32, 40, 32, 40), "", 159.5, 199.375},
		// retry-after 20 s: [max(20, b), max(25, 1.25·b)]; b = 32 from the 7th retry
		{"claude-code", RateLimited(20 * s), windows(20, 25, 20, 25, 20, 25, 20, 25, 20, 25, 20, 25,
			32, 40, 32, 40, 32, 40, 32, 40), "", 248, 310},
		{"claude-code", RateLimited(61 * s), nil, "the client does not wait for a retry-after over 1m", 0, 0},
		{"claude-code", Answer{Status: 529, Opus: true}, windows(0.5, 0.625, 1, 1.25), "", 1.5, 1.875},
		{"claude-code", Answer{Status: 400}, nil, "the client does not retry this answer", 0, 0},
		{"none", RateLimited(0), nil, "the policy does not retry", 0, 0},
		// AWS rules, first three retries of ten
		{"full-jitter", RateLimited(0), windows(0, 0.5, 0, 1, 0, 2), "", 0, 0},
		{"equal-jitter", RateLimited(0), windows(0.25, 0.5, 0.5, 1, 1, 2), "", 0, 0},
		// decorrelated: [0.5, min(32, 3·previous max)], the first from 3·0.5
		{"decorrelated", RateLimited(0), windows(0.5, 1.5, 0.5, 4.5, 0.5, 13.5, 0.5, 32), "", 0, 0},
	}
	for _, tc := range cases {
		got := mustPolicy(t, tc.policy).Schedule(tc.a)
		if got.GiveUpAtOnce != tc.atOnce {
			t.Errorf("%s %+v: gives up at once %q, want %q", tc.policy, tc.a, got.GiveUpAtOnce, tc.atOnce)
		}
		n := len(tc.want)
		if tc.minTot == 0 && tc.maxT == 0 && n > 0 { // a prefix only
			if len(got.Retries) < n {
				t.Fatalf("%s: %d retries", tc.policy, len(got.Retries))
			}
			got.Retries = got.Retries[:n]
		} else if got.MinTotal != seconds(tc.minTot) || got.MaxTotal != seconds(tc.maxT) {
			t.Errorf("%s %+v: totals %s–%s, want %gs–%gs", tc.policy, tc.a, got.MinTotal, got.MaxTotal, tc.minTot, tc.maxT)
		}
		if len(got.Retries) != n {
			t.Errorf("%s %+v: %d retries, want %d", tc.policy, tc.a, len(got.Retries), n)
			continue
		}
		for i := range n {
			if got.Retries[i] != tc.want[i] {
				t.Errorf("%s %+v retry %d: %+v, want %+v", tc.policy, tc.a, i+1, got.Retries[i], tc.want[i])
			}
		}
	}
}

// Every delay the simulator can draw lies in the schedule's window.
func TestScheduleBoundsEveryDraw(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	answers := []Answer{RateLimited(0), RateLimited(2 * time.Second), RateLimited(20 * time.Second),
		{Status: 529, Opus: true}, {Status: 500, RetryAfterMSHeader: 1500 * time.Millisecond}}
	for _, name := range PolicyNames() {
		p := mustPolicy(t, name)
		p.RetryAfterJitter = 3 * time.Second
		for _, a := range answers {
			sch := p.Schedule(a)
			for range 200 {
				var prev time.Duration
				for n := 0; ; n++ {
					d, ok := p.DelayAfter(a, n, prev, rng)
					if !ok {
						if n != len(sch.Retries) {
							t.Fatalf("%s %+v: gave up after %d retries, schedule says %d", name, a, n, len(sch.Retries))
						}
						break
					}
					w := sch.Retries[n]
					if d < w.Min || d > w.Max {
						t.Fatalf("%s %+v retry %d: drew %s outside [%s, %s]", name, a, n+1, d, w.Min, w.Max)
					}
					prev = d
				}
			}
		}
	}
}

func TestPolicyRulesInWords(t *testing.T) {
	cases := []struct{ policy, backoff, retryAfter string }{
		{"sdk", "min(500ms·2^n, 8s)·(1 − 0.25·U)", "waits v (retry-after-ms preferred) up to 24.9 days; over that, the backoff instead"},
		{"claude-code", "min(500ms·2^n, 32s)·(1 + 0.25·U)", "waits max(v·(1 + 0.25·U), backoff) up to 1m; over that, the call ends"},
		{"full-jitter", "U·min(500ms·2^n, 32s)", "waits v"},
		{"equal-jitter", "t/2 + U·t/2, t = min(500ms·2^n, 32s)", "waits v"},
		{"decorrelated", "min(32s, 500ms + U·(3·previous wait − 500ms))", "waits v"},
		{"none", "no retries", "no retries"},
	}
	for _, tc := range cases {
		p := mustPolicy(t, tc.policy)
		if got := p.BackoffRule(); got != tc.backoff {
			t.Errorf("%s backoff: %q", tc.policy, got)
		}
		if got := p.RetryAfterRule(); got != tc.retryAfter {
			t.Errorf("%s retry-after: %q", tc.policy, got)
		}
	}
	p := mustPolicy(t, "full-jitter")
	p.RetryAfterJitter = 2 * time.Second
	if got := p.RetryAfterRule(); got != "waits v + U·2s" {
		t.Errorf("jitter: %q", got)
	}
	p.HonourRetryAfter = false
	if got := p.RetryAfterRule(); got != "ignored" {
		t.Errorf("ignored: %q", got)
	}
	for d, want := range map[time.Duration]string{time.Minute: "1m", 90 * time.Second: "1m30s", 2 * time.Hour: "2h",
		2*time.Hour + 30*time.Second: "2h0m30s", 500 * time.Millisecond: "500ms", 72 * time.Hour: "3.0 days"} {
		if got := readable(d); got != want {
			t.Errorf("readable(%s) = %q, want %q", d, got, want)
		}
	}
}
