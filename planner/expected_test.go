package planner

import (
	"math"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/session"
)

// fourCallSpec is the session of fourCalls (contexts 1,500, 2,000, 2,500,
// 3,000; 100 output each) with calls of 2,000 ms (1 s to the first token,
// 100 tokens at 100 a second) and the given turn length, tool time and
// pause.
func fourCallSpec(callsPerTurn float64, tool, pause time.Duration, cache session.Cache) session.Spec {
	return session.Spec{
		Shape:  session.Shape{Prefix: 1_500, Growth: 500, Output: 100, Cache: cache},
		Timing: session.Timing{FirstToken: time.Second, OutputPerSecond: 100, CallsPerTurn: callsPerTurn, ToolTime: tool, Pause: pause},
		Length: session.Length{Calls: 4},
	}
}

// With no wait between calls nothing expires: the mean session is the
// four calls as laid out: writes 1,500 + 3 × 500 = 3,000, reads 1,500 +
// 2,000 + 2,500 = 6,000, output 400.
func TestExpectedUsageWithoutExpiry(t *testing.T) {
	u := expectedUsage(fourCallSpec(10, 0, 0, session.Cache5m), testModel())
	if want := (TokenCounts{Output: 400, CacheWrite5m: 3_000, CacheRead: 6_000}); u.Standard != want {
		t.Errorf("usage %+v, want %+v", u.Standard, want)
	}
}

// Turns of two calls on average (a pause after a call with chance ½, else
// a tool time of 0) and pauses of 5 minutes on average, exponential. A
// later call finds its 5-minute cache expired when the call before it
// (2 s) and the wait after it outlast 300 s, i.e. when a pause passes
// 298 s:
//
//	p = ½ · e^(−298/300) = ½ · 0.370340 = 0.185170.
//
// Each of calls 2–4 writes its whole context with chance p, else reads the
// context before and writes the 500 it adds:
//
//	writes = 1,500 + 3 × 500 × (1 − p) + p × (2,000 + 2,500 + 3,000)
//	       = 3,000 + 6,000 p = 4,111.02 → 4,111
//	reads  = 6,000 × (1 − p) = 4,888.98 → 4,889
//
// The expected cold share of later calls is p itself: (4,111 − 3,000) /
// 6,000 = 0.18517. At Sonnet prices: 400 × $15 + 4,111 × $3.75 + 4,889 ×
// $0.30 per million = 6,000 + 15,416.25 + 1,466.7 → 6,000 + 15,416 + 1,467
// = 22,883 µ$.
func TestExpectedUsageWithPauses(t *testing.T) {
	spec := fourCallSpec(2, 0, 5*time.Minute, session.Cache5m)
	calls := spec.Shape.Calls(4)
	if p := expiryChance(spec, calls[0]); !near(p, 0.185170, 1e-6) {
		t.Fatalf("expiry chance %g, want 0.185170", p)
	}
	u := expectedUsage(spec, testModel())
	if want := (TokenCounts{Output: 400, CacheWrite5m: 4_111, CacheRead: 4_889}); u.Standard != want {
		t.Fatalf("usage %+v, want %+v", u.Standard, want)
	}
	if cold := float64(u.Standard.CacheWrite5m-3_000) / 6_000; !near(cold, 0.18517, 1e-4) {
		t.Errorf("expected cold share %g, want 0.18517", cold)
	}
	if c := PriceUsage(u, testModel()); c.CacheWrite5m != 15_416 || c.CacheRead != 1_467 || c.Total != 22_883 {
		t.Errorf("cost %+v, want 15,416 + 1,467 + 6,000 = 22,883 µ$", c)
	}
	// The 1-hour cache outlasts a 5-minute mean pause far more often:
	// p = ½ · e^(−3,598/300) = 3.1e-6; writes 3,000.02 → 3,000, at $6.
	u = expectedUsage(fourCallSpec(2, 0, 5*time.Minute, session.Cache1h), testModel())
	if want := (TokenCounts{Output: 400, CacheWrite1h: 3_000, CacheRead: 6_000}); u.Standard != want {
		t.Errorf("1h cache: usage %+v, want %+v", u.Standard, want)
	}
}

// The chance of expiry in its corner cases.
func TestExpiryChance(t *testing.T) {
	calls := session.Shape{Prefix: 1_500, Growth: 500, Output: 100}.Calls(2)
	cases := []struct {
		name string
		spec session.Spec
		prev session.Call
		want float64
	}{
		// A call slower than the TTL (400 s to the first token): every
		// later call finds its cache gone.
		{"call outlasts the ttl", func() session.Spec {
			s := fourCallSpec(10, 0, 0, session.Cache5m)
			s.Timing.FirstToken = 400 * time.Second
			return s
		}(), calls[0], 1},
		// No cache, nothing to expire.
		{"cache off", fourCallSpec(1, 0, time.Hour, session.CacheOff), calls[0], 0},
		// After a compaction call the client sends the next at once.
		{"after compaction", fourCallSpec(1, 0, time.Hour, session.Cache5m), session.Call{Compaction: true, Output: 100}, 0},
		// Every wait a pause (one call a turn), a mean of 298 s: e^(−1).
		{"one call a turn", fourCallSpec(1, 0, 298*time.Second, session.Cache5m), calls[0], math.Exp(-1)},
		// Tool times only matter inside a turn: ten calls a turn, tool time
		// of 298 s and no pause: 9/10 · e^(−1).
		{"tool times", fourCallSpec(10, 298*time.Second, 0, session.Cache5m), calls[0], 0.9 * math.Exp(-1)},
	}
	for _, c := range cases {
		if got := expiryChance(c.spec, c.prev); !near(got, c.want, 1e-12) {
			t.Errorf("%s: %g, want %g", c.name, got, c.want)
		}
	}
	if tail(10, -1) != 1 || tail(0, 5) != 0 || tail(0, 0) != 0 || tail(2, 2) != math.Exp(-1) {
		t.Error("tail: P(X > slack) for X exponential: 1 below 0, 0 for X = 0, e^(−slack/mean) otherwise")
	}
}

// A share of sessions making one more call adds that share of the call:
// three calls and half a fourth write 1,500 + 2 × 500 + ½ × 500 = 2,750,
// read 1,500 + 2,000 + ½ × 2,500 = 4,750, and output 300 + 50 = 350.
func TestExpectedUsageWeighsTheExtraCall(t *testing.T) {
	spec := fourCallSpec(10, 0, 0, session.Cache5m)
	spec.Length = session.Length{Calls: 3, Extra: 0.5}
	u := expectedUsage(spec, testModel())
	if want := (TokenCounts{Output: 350, CacheWrite5m: 2_750, CacheRead: 4_750}); u.Standard != want {
		t.Errorf("usage %+v, want %+v", u.Standard, want)
	}
	// And the mean requests: 3 + ½.
	if got := meanRequests(spec); got != 3.5 {
		t.Errorf("mean requests %g, want 3.5", got)
	}
}
