package usage

import (
	"math"

	"github.com/tierplan/tierplan/tiers"
)

// Sums never wrap around. One usage field of one line is at most
// maxTokenCount, but a report adds up any number of lines, and prices
// multiply: instead of a negative total, a sum that would pass the
// largest int64 stays there, and the report says so (see overflowProblem).

// addSat adds two non-negative counts, stopping at math.MaxInt64.
func addSat(a, b int64) int64 {
	if s := a + b; s >= a {
		return s
	}
	return math.MaxInt64
}

func addMoneySat(a, b tiers.Money) tiers.Money { return tiers.Money(addSat(int64(a), int64(b))) }

// saturated reports whether a sum reached the cap.
func saturated(n int64) bool { return n == math.MaxInt64 }

// overflowProblem is the report's note when a sum reached the cap.
func overflowProblem(s Sum) (Problem, bool) {
	for _, n := range []int64{s.Requests, s.InputTokens, s.OutputTokens, s.CacheCreationTokens, s.CacheWrite5mTokens,
		s.CacheWrite1hTokens, s.CacheReadTokens, s.TotalTokens, int64(s.CostUSD), s.UnpricedTokens, s.WebSearchRequests} {
		if saturated(n) {
			return Problem{What: "token or cost sums pass 9,223,372,036,854,775,807, the largest number tierplan can add up to; the totals shown stop there"}, true
		}
	}
	return Problem{}, false
}
