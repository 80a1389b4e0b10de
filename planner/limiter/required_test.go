package limiter

import (
	"math/rand/v2"
	"testing"
	"time"
)

func tokens(at, n int64) Draw { return Draw{At: at, Units: TokensToUnits(n)} }

// Hand-computed needs for a 60 s window, where a bucket of limit L holds L
// tokens and refills L/60 a second.
func TestRequiredLimitByHand(t *testing.T) {
	cases := []struct {
		name  string
		draws []Draw
		want  int64
	}{
		// One call of 20,000 tokens needs a bucket of 20,000.
		{"one call", []Draw{tokens(0, 20_000)}, 20_000},
		// Two 20k calls 30 s apart: after the first, L − 20k + L/2 ≥ 20k,
		// so 1.5·L ≥ 40k: L = 26,667 (26,666.67 rounded up).
		{"two calls 30s apart", []Draw{tokens(0, 20_000), tokens(30_000, 20_000)}, 26_667},
		// Two 20k calls 60 s apart: the bucket is full again: 20,000.
		{"two calls a minute apart", []Draw{tokens(0, 20_000), tokens(60_000, 20_000)}, 20_000},
		// Three 10k calls at once need 30,000.
		{"a burst", []Draw{tokens(0, 10_000), tokens(0, 10_000), tokens(0, 10_000)}, 30_000},
		{"nothing", nil, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := RequiredLimit(tc.draws, time.Minute); got != tc.want {
				t.Fatalf("got %d, want %d", got, tc.want)
			}
		})
	}
}

// With a 1 s window a bucket of limit L holds L/60; a call up to L passes
// only on a full bucket. Two 600-token calls 10 s apart: the first needs
// L ≥ 600 (it may overdraw a full bucket); it leaves L/60 − 600, and 10 s
// refill L/6, so the second needs a full bucket: L/60 − 600 + L/6 ≥ L/60,
// L ≥ 3,600.
func TestRequiredLimitShortWindow(t *testing.T) {
	draws := []Draw{tokens(0, 600), tokens(10_000, 600)}
	if got := RequiredLimit(draws, time.Second); got != 3_600 {
		t.Fatalf("got %d, want 3600", got)
	}
}

// For random traces the answer is exact: the limit found admits every draw,
// and one less does not.
func TestRequiredLimitIsTheBoundary(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		var draws []Draw
		at := int64(0)
		for range 1 + rng.IntN(40) {
			at += int64(rng.IntN(30_000))
			draws = append(draws, tokens(at, 1+rng.Int64N(50_000)))
		}
		window := time.Duration(1+rng.IntN(120)) * time.Second
		l := RequiredLimit(draws, window)
		if !admitsAll(draws, l, window) || admitsAll(draws, l-1, window) {
			t.Fatalf("trace %d (window %s): %d is not the smallest limit that admits it", i, window, l)
		}
	}
}
