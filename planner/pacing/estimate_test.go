package pacing

import (
	"fmt"
	"testing"

	"github.com/tierplan/tierplan/planner/limiter"
)

func TestEstimateFirstCallUsesTheDefaults(t *testing.T) {
	e := NewEstimator()
	// 40,000 bytes at 4 bytes a token: 10,000 tokens, all new; output 1,000.
	got := e.Estimate(Request{Key: "s", Bytes: 40_000, MaxTokens: 32_000})
	if want := (limiter.Usage{Input: 10_000, Output: 1_000}); got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	// max_tokens caps the output guess.
	if got := e.Estimate(Request{Key: "s", Bytes: 40_000, MaxTokens: 200}); got.Output != 200 {
		t.Fatalf("output %d, want 200", got.Output)
	}
}

// After one call the session's own ratio and context predict the next:
// the first call of 40,000 bytes really held 8,000 tokens (0.2 a byte) and
// wrote 500 output tokens; the next call, 10 s later with 50,000 bytes, is
// 10,000 tokens of which 8,000 are read from the cache and 2,000 are new.
func TestEstimateGrowsFromThePreviousCall(t *testing.T) {
	e := NewEstimator()
	e.Learn(Request{Key: "s", Bytes: 40_000, At: 0}, limiter.Usage{Input: 10, CacheWrite: 7_990, Output: 500})
	got := e.Estimate(Request{Key: "s", Bytes: 50_000, MaxTokens: 32_000, At: 10_000})
	if want := (limiter.Usage{Input: 2_000, CacheRead: 8_000, Output: 500}); got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	// Six minutes later the cache has expired: all 10,000 count.
	cold := e.Estimate(Request{Key: "s", Bytes: 50_000, At: 6 * 60_000})
	if cold.Input != 10_000 || cold.CacheRead != 0 {
		t.Fatalf("cold: %+v, want 10,000 new tokens", cold)
	}
	// A shorter body than before (a compaction) starts over.
	if c := e.Estimate(Request{Key: "s", Bytes: 20_000, At: 20_000}); c.Input != 4_000 || c.CacheRead != 0 {
		t.Fatalf("after compaction: %+v, want 4,000 new tokens", c)
	}
	// Another session knows nothing of this one.
	if o := e.Estimate(Request{Key: "t", Bytes: 50_000, At: 10_000}); o.Input != 12_500 {
		t.Fatalf("other session: %+v", o)
	}
}

func TestEstimatorForgetsTheOldest(t *testing.T) {
	e := NewEstimator()
	for i := range MaxRemembered + 5 {
		e.Learn(Request{Key: fmt.Sprint(i), Bytes: 4, At: int64(i)}, limiter.Usage{Input: 4, Output: 7})
	}
	if e.Remembered() != MaxRemembered {
		t.Fatalf("remembers %d, want %d", e.Remembered(), MaxRemembered)
	}
	if e.Estimate(Request{Key: "0", Bytes: 4}).Output != DefaultOutputTokens {
		t.Fatal("the oldest session should be forgotten")
	}
	if e.Estimate(Request{Key: fmt.Sprint(MaxRemembered + 4), Bytes: 4}).Output != 7 {
		t.Fatal("the newest session should be remembered")
	}
}

// A session whose calls never touch the prompt cache gets no cache
// discount: each call of 4,000 bytes counts 1,000 tokens whole.
func TestEstimateWithoutCaching(t *testing.T) {
	e := NewEstimator()
	e.Learn(Request{Key: "s", Bytes: 4_000, At: 0}, limiter.Usage{Input: 1_000, Output: 20})
	if got := e.Estimate(Request{Key: "s", Bytes: 4_000, At: 1_000}); got != (limiter.Usage{Input: 1_000, Output: 20}) {
		t.Fatalf("got %+v, want 1,000 new input tokens", got)
	}
}
