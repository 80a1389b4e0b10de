package planner

import (
	"math"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

// testModel is a Sonnet-class model with a 200k window.
func testModel() tiers.Model {
	return tiers.Model{
		Name: "sonnet", Pool: "sonnet-4", ContextWindow: 200_000,
		Price: tiers.Prices{
			Input: tiers.Dollars(3), Output: tiers.Dollars(15),
			CacheWrite5m: tiers.Dollars(3.75), CacheWrite1h: tiers.Dollars(6), CacheRead: tiers.Dollars(0.30),
		},
		BatchDiscount: 0.5, OTPMAccounting: tiers.OTPMActual,
	}
}

func contexts(s Session) []int64 {
	var out []int64
	for _, c := range s.Calls {
		out = append(out, c.Context)
	}
	return out
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestBuildSessionSolvesGrowth(t *testing.T) {
	// 4 calls, prefix 1,000, growth 500: contexts 1,500 + 2,000 + 2,500 +
	// 3,000 = 9,000; outputs 4 × 100 = 400; total 9,400. The output share
	// 400/9,400 gives 100 per call, and the solver must find d = 500.
	w := Workload{SessionsPerDay: 1, TokensPerSession: 9_400, CallsPerSession: 4,
		PrefixTokens: 1_000, OutputShare: 400.0 / 9_400, CompactAt: 1_000_000}
	s, err := BuildSession(w, testModel())
	if err != nil {
		t.Fatal(err)
	}
	// Contexts are whole tokens, so any d that rounds to the same contexts
	// is a solution; the solver returns the smallest, within half a token.
	if math.Abs(s.Growth-500) > 0.5 {
		t.Errorf("growth %.6f, want 500", s.Growth)
	}
	if want := []int64{1500, 2000, 2500, 3000}; !equalInts(contexts(s), want) {
		t.Errorf("contexts %v, want %v", contexts(s), want)
	}
	if s.OutputPerCall != 100 || s.Tokens() != 9_400 {
		t.Errorf("output/call %d, tokens %d; want 100, 9400", s.OutputPerCall, s.Tokens())
	}
	// Warm cache: call 2 reads call 1's 1,500 and writes the 500 it adds.
	c0, c1 := s.Calls[0], s.Calls[1]
	if !c0.Cold || c0.CacheWrite != 1500 || c0.CacheRead != 0 || c0.Input != 0 {
		t.Errorf("first call %+v, want a cold 1,500-token write", c0)
	}
	if c1.Cold || c1.CacheRead != 1500 || c1.CacheWrite != 500 {
		t.Errorf("second call %+v, want read 1,500 write 500", c1)
	}
}

func TestBuildSessionNoCacheSendsEverythingUncached(t *testing.T) {
	w := Workload{SessionsPerDay: 1, TokensPerSession: 9_400, CallsPerSession: 4,
		PrefixTokens: 1_000, OutputShare: 400.0 / 9_400, CompactAt: 1_000_000, NoCache: true}
	s, err := BuildSession(w, testModel())
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range s.Calls {
		if c.Input != c.Context || c.CacheRead != 0 || c.CacheWrite != 0 {
			t.Errorf("call %d %+v: uncached input should be the whole context", i+1, c)
		}
	}
}

func TestBuildSessionCompactionSawtooth(t *testing.T) {
	// Prefix 1,000, growth 500, output 100, compact above 3,000 down to
	// 1,500. Work calls: 1,500 2,000 2,500 3,000; the next would be 3,500, so
	// a compaction call reads 3,000 + 100 = 3,100 and writes a 500-token
	// summary; then 2,000 (cold) and 2,500.
	// Total = (1,500+2,000+2,500+3,000+2,000+2,500) + 6×100 + 3,100 + 500 = 17,700.
	w := Workload{SessionsPerDay: 1, TokensPerSession: 17_700, CallsPerSession: 6,
		PrefixTokens: 1_000, OutputShare: 600.0 / 17_700, CompactAt: 3_000, CompactTo: 1_500}
	s, err := BuildSession(w, testModel())
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{1500, 2000, 2500, 3000, 3100, 2000, 2500}; !equalInts(contexts(s), want) {
		t.Fatalf("contexts %v, want %v", contexts(s), want)
	}
	comp, after := s.Calls[4], s.Calls[5]
	if !comp.Compaction || comp.Output != 500 || comp.CacheRead != 3000 || comp.CacheWrite != 100 {
		t.Errorf("compaction call %+v", comp)
	}
	if !after.Cold || after.CacheWrite != 2000 {
		t.Errorf("first call after compaction %+v, want a cold 2,000-token write", after)
	}
	if s.Compactions != 1 || s.WorkCalls != 6 {
		t.Errorf("compactions %d work calls %d", s.Compactions, s.WorkCalls)
	}
}

func TestBuildSessionDerivesCalls(t *testing.T) {
	// 800k with a 20k prefix and 2.6% output (20,800): at 3,000 growth,
	// 16 calls send 16×20,000 + 3,000×136 = 728,000 (+20,800 < 800k) and
	// 17 calls 340,000 + 3,000×153 = 799,000 (+20,800 ≥ 800k): 17 calls.
	// Output per call round(20,800/17) = 1,224; growth
	// (800,000 − 340,000 − 17×1,224)/153 = 2,870.54.
	s, err := BuildSession(Workload{TokensPerSession: 800_000}, testModel())
	if err != nil {
		t.Fatal(err)
	}
	if s.WorkCalls != 17 || !s.CallsDerived || s.OutputPerCall != 1224 {
		t.Errorf("calls %d derived %v output %d; want 17 true 1224", s.WorkCalls, s.CallsDerived, s.OutputPerCall)
	}
	if math.Abs(s.Growth-2870.54) > 0.05 {
		t.Errorf("growth %.3f, want 2870.54", s.Growth)
	}
	if d := s.Tokens() - 800_000; d < -17 || d > 17 {
		t.Errorf("modelled total %d is more than one token a call from 800,000", s.Tokens())
	}
}

func TestBuildSessionDerivedCallsFallBackToFewer(t *testing.T) {
	// 30k tokens, 20k prefix: two calls would already send 40k, so the
	// session is one call growing ~9.2k.
	s, err := BuildSession(Workload{TokensPerSession: 30_000}, testModel())
	if err != nil {
		t.Fatal(err)
	}
	if s.WorkCalls != 1 {
		t.Errorf("calls %d, want 1", s.WorkCalls)
	}
}

func TestBuildSessionInconsistentInputs(t *testing.T) {
	cases := []struct {
		name string
		w    Workload
		msg  string
	}{
		{"prefix alone exceeds total", Workload{TokensPerSession: 800_000, CallsPerSession: 50}, "add up to at least"},
		{"too few calls for the total", Workload{TokensPerSession: 10_000_000, CallsPerSession: 2}, "raise --calls"},
		{"post-compaction below prefix", Workload{TokensPerSession: 800_000, CompactTo: 5_000}, "smaller than the prefix"},
		{"zero sessions", Workload{SessionsPerDay: -1}, "sessions per day"},
		{"share too big", Workload{OutputShare: 1.5}, "output share"},
	}
	for _, c := range cases {
		_, err := BuildSession(c.w, testModel())
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.msg)
		}
	}
}

// Every token total, with derived calls, must give a session: compaction
// leaves gaps between the totals n and n+1 calls can reach, and the model
// must step over them rather than report the user's input as inconsistent.
func TestDerivedSessionsCoverEveryTotal(t *testing.T) {
	for tok := int64(25_000); tok < 50_000_000; tok += 997_919 {
		s, err := BuildSession(Workload{TokensPerSession: tok}, testModel())
		if err != nil {
			t.Fatalf("%d tokens: %v", tok, err)
		}
		if d := s.Tokens() - tok; d > int64(len(s.Calls)) || -d > int64(len(s.Calls)) {
			t.Errorf("%d tokens: modelled %d, off by more than a token a call", tok, s.Tokens())
		}
	}
}

func TestCacheMissShareMakesEvenlySpreadColdCalls(t *testing.T) {
	// The four-call session with half the later calls missing the cache: the
	// accumulator goes 0.5, 1.0, 0.5 over calls 2–4, so call 3 (2,500) is
	// cold besides the first (1,500).
	w := Workload{SessionsPerDay: 1, TokensPerSession: 9_400, CallsPerSession: 4,
		PrefixTokens: 1_000, OutputShare: 400.0 / 9_400, CompactAt: 1_000_000, CacheMissShare: 0.5}
	s, err := BuildSession(w, testModel())
	if err != nil {
		t.Fatal(err)
	}
	var cold []int64
	for _, c := range s.Calls {
		if c.Cold {
			cold = append(cold, c.CacheWrite)
		}
	}
	if want := []int64{1500, 2500}; !equalInts(cold, want) {
		t.Errorf("cold writes %v, want %v", cold, want)
	}
	// Tokens are the same; only their kinds move from reads to writes.
	if s.Tokens() != 9_400 {
		t.Errorf("tokens %d", s.Tokens())
	}
}

func TestOutputPerCallNeverExceedsMaxTokens(t *testing.T) {
	// 10% of 800k is 80,000 output tokens: at most 32,000 a call means at
	// least 3 calls.
	s, err := BuildSession(Workload{TokensPerSession: 800_000, OutputShare: 0.1}, testModel())
	if err != nil {
		t.Fatal(err)
	}
	if s.OutputPerCall > DefaultMaxTokens || s.WorkCalls < 3 {
		t.Errorf("%d calls of %d output tokens", s.WorkCalls, s.OutputPerCall)
	}
	if s.LargestContext() > 200_000 {
		t.Errorf("largest context %d beyond the window", s.LargestContext())
	}
	_, err = BuildSession(Workload{TokensPerSession: 800_000, OutputShare: 0.3, CallsPerSession: 2}, testModel())
	if err == nil || !strings.Contains(err.Error(), "more than max_tokens 32,000") {
		t.Errorf("two calls of 120,000 output tokens: %v", err)
	}
}

func TestOneCallSessionNeedNotGrow(t *testing.T) {
	// One call: a 29,220-token context plus 780 output tokens is 30,000.
	s, err := BuildSession(Workload{TokensPerSession: 30_000, CallsPerSession: 1, PrefixTokens: 29_220, OutputShare: 0.026}, testModel())
	if err != nil {
		t.Fatal(err)
	}
	if s.Calls[0].Context != 29_220 || s.Growth > 0.5 {
		t.Errorf("context %d growth %g", s.Calls[0].Context, s.Growth)
	}
}
