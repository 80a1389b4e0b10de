package session

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// compactingSpec is TestCallsByHand's shape (work calls 1,500, 2,000,
// 2,500, a compaction call before the fourth, then 2,200 and 2,700) with
// calls of 1 s to the first token plus output at 100 a second: 2,000 ms
// for a work call (100 tokens), 3,000 ms for the compaction call (its
// 200-token summary). Turns are long (1,000 calls on average), so every
// wait is a tool time, 10 s on average.
func compactingSpec() Spec {
	return Spec{
		Shape:  Shape{Prefix: 1_500, Growth: 500, Output: 100, CompactAt: 2_800, CompactTo: 1_700},
		Timing: Timing{FirstToken: time.Second, OutputPerSecond: 100, ToolTime: 10 * time.Second, CallsPerTurn: 1_000, Pause: time.Minute},
		Length: Length{Calls: 5},
	}
}

func TestTemplateCountsCompactionCalls(t *testing.T) {
	tpl := compactingSpec().Template()
	if len(tpl.Calls) != 6 {
		t.Fatalf("%d calls, want 5 work calls and 1 compaction call", len(tpl.Calls))
	}
	want := []int64{2_000, 2_000, 2_000, 3_000, 2_000, 2_000}
	for i, ms := range tpl.Latency {
		if ms != want[i] {
			t.Errorf("call %d: latency %d ms, want %d", i+1, ms, want[i])
		}
	}
	// A session of n work calls makes: 3 → 3; 4 → 5 (the compaction call
	// comes before the fourth); 5 → 6; past the template, all 6.
	for n, calls := range map[int]int{0: 0, 1: 1, 3: 3, 4: 5, 5: 6, 9: 6} {
		if got := tpl.CallsOf(n); got != calls {
			t.Errorf("CallsOf(%d) = %d, want %d", n, got, calls)
		}
	}
}

// The client sends the real request as soon as the compaction call
// returns: no tool time after it. After a work call there is one (drawn
// from an exponential of mean 10 s). With a 1 ms cache lifetime every call
// that reads the cache finds it expired, except the first (nothing to
// read) and the cold call after the compaction.
func TestWalkSendsTheCallAfterCompactionAtOnce(t *testing.T) {
	spec := compactingSpec()
	tpl := spec.Template()
	var at []int64
	var expired []bool
	tpl.Walk(1_000, 5, spec.Timing.Script(rand.New(rand.NewPCG(4, 2))), 1, func(_ int, t int64, x bool) {
		at, expired = append(at, t), append(expired, x)
	})
	if len(at) != 6 || at[0] != 1_000 {
		t.Fatalf("calls at %v, want 6 from 1,000 ms", at)
	}
	for i := 1; i < len(at); i++ {
		gap := at[i] - at[i-1] - tpl.Latency[i-1]
		if tpl.Calls[i-1].Compaction && gap != 0 || !tpl.Calls[i-1].Compaction && gap <= 0 {
			t.Errorf("wait before call %d: %d ms (after a compaction call: none; else a tool time)", i+1, gap)
		}
	}
	if want := []bool{false, true, true, true, false, true}; !slices.Equal(expired, want) {
		t.Errorf("expired %v, want %v", expired, want)
	}
}

// The small rules of the session model.
func TestCallCacheAndLengthRules(t *testing.T) {
	// An expired call writes what it would have read: 1,500 + 500.
	c := Call{Context: 2_000, CacheRead: 1_500, CacheWrite: 500, Output: 100}
	if x := c.Expired(); x.CacheWrite != 2_000 || x.CacheRead != 0 || x.Context != 2_000 || x.Output != 100 {
		t.Errorf("expired %+v", x)
	}
	if x := (Call{Context: 1_500, CacheWrite: 1_500}).Expired(); x.CacheWrite != 1_500 {
		t.Errorf("a call with nothing to read changed: %+v", x)
	}
	// Expired: strictly more than the lifetime since the last use.
	if Expired(300_000, 0, 300_000) || !Expired(300_001, 0, 300_000) || Expired(1e9, 0, 0) {
		t.Error("Expired: more than ttlMs after the last use, never without a cache")
	}
	for c, want := range map[Cache]time.Duration{Cache5m: 5 * time.Minute, Cache1h: time.Hour, CacheOff: 0} {
		if c.TTL() != want {
			t.Errorf("%s: TTL %v, want %v", c, c.TTL(), want)
		}
	}
	if Cache5m.String() != "5m" || Cache1h.String() != "1h" || CacheOff.String() != "off" {
		t.Error("cache names")
	}
	// 3 calls and half a fourth: a mean of 3.5, the longer sessions 4.
	if l := (Length{Calls: 3, Extra: 0.5}); l.Mean() != 3.5 || l.Longest() != 4 {
		t.Errorf("%+v: mean %g, longest %d", l, l.Mean(), l.Longest())
	}
	if l := (Length{Calls: 3}); l.Mean() != 3 || l.Longest() != 3 {
		t.Errorf("%+v: mean %g, longest %d", l, l.Mean(), l.Longest())
	}
}

// A single call has no growth to solve: its total is its prefix and
// output, 1,000 + 100, whatever the growth.
func TestSolveGrowthOfOneCall(t *testing.T) {
	sh := Shape{Prefix: 1_000, Output: 100}
	got, err := sh.SolveGrowth(1, 1_100)
	if err != nil || got.Growth != 0 {
		t.Errorf("one call of 1,100: growth %g, %v; want 0", got.Growth, err)
	}
	var ue *UnreachableError
	_, err = sh.SolveGrowth(1, 5_000)
	if !errors.As(err, &ue) || ue.Max != 1_100 || ue.Min != 1_100 {
		t.Fatalf("one call of 5,000: %v, want unreachable with min = max = 1,100", err)
	}
	if want := "1 calls add up to at most 1100 tokens, less than 5000"; ue.Error() != want {
		t.Errorf("message %q, want %q", ue.Error(), want)
	}
}
