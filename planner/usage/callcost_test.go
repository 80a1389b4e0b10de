package usage

import (
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

func TestCallCost(t *testing.T) {
	table := &tiers.Table{Models: []tiers.Model{{
		Name: "sonnet", Match: []string{"claude-sonnet-4-5"},
		Price: tiers.Prices{Input: tiers.Dollars(3), Output: tiers.Dollars(15), CacheWrite5m: tiers.Dollars(3.75),
			CacheWrite1h: tiers.Dollars(6), CacheRead: tiers.Dollars(0.3)},
		LongContext: &tiers.LongContext{Threshold: 200_000, Price: tiers.Prices{Input: tiers.Dollars(6), Output: tiers.Dollars(22.5)}},
	}}}
	// 1,000 in × $3 + 2,000 out × $15 + 10,000 write × $3.75 + 100,000 read × $0.30, per million:
	// 0.003 + 0.03 + 0.0375 + 0.03 = $0.1005.
	got, ok := CallCost(table, "claude-sonnet-4-5-20250929", Tokens{Input: 1_000, Output: 2_000, CacheWrite5m: 10_000, CacheRead: 100_000})
	if !ok || got != tiers.Dollars(0.1005) {
		t.Fatalf("got %s (%v), want $0.1005", got.Exact(), ok)
	}
	// 250,000 input tokens is past the 200k threshold: all at $6 → $1.50.
	if got, _ := CallCost(table, "claude-sonnet-4-5", Tokens{Input: 250_000}); got != tiers.Dollars(1.5) {
		t.Fatalf("long context: got %s, want $1.50", got.Exact())
	}
	if _, ok := CallCost(table, "gpt-9", Tokens{Input: 1}); ok {
		t.Fatal("an unknown model must not be priced")
	}
}
