package planner

import (
	"testing"

	"github.com/tierplan/tierplan/planner/session"
	"github.com/tierplan/tierplan/tiers"
)

func TestSessionCostByKind(t *testing.T) {
	s := fourCalls(session.Cache5m)
	m := testModel()
	// Cached, 5m: writes 1,500+500+500+500 = 3,000; reads 1,500+2,000+2,500
	// = 6,000; output 400.
	u := usageOfCalls(s, m, false)
	if want := (TokenCounts{Output: 400, CacheWrite5m: 3_000, CacheRead: 6_000}); u.Standard != want {
		t.Fatalf("usage %+v, want %+v", u.Standard, want)
	}
	// 400×$15 + 3,000×$3.75 + 6,000×$0.30 per MTok = 6,000 + 11,250 + 1,800 µ$.
	c := PriceUsage(u, m)
	if c.Output != 6_000 || c.CacheWrite5m != 11_250 || c.CacheRead != 1_800 || c.Total != 19_050 {
		t.Errorf("cost %+v, want total 19,050 µ$", c)
	}
	// 1-hour writes at $6: 3,000×6 = 18,000 → 6,000 + 18,000 + 1,800.
	if got := PriceUsage(usageOfCalls(s, m, true), m).Total; got != 25_800 {
		t.Errorf("1h total %d, want 25,800", got)
	}
	// Uncached: input 9,000 × $3 = 27,000 + output 6,000.
	s2 := fourCalls(session.CacheOff)
	if got := PriceUsage(usageOfCalls(s2, m, false), m).Total; got != 33_000 {
		t.Errorf("uncached total %d, want 33,000", got)
	}
}

func TestLongContextIsPerRequest(t *testing.T) {
	s := fourCalls(session.Cache5m)
	m := testModel()
	m.LongContext = &tiers.LongContext{Threshold: 2_200, Price: tiers.Prices{
		Input: tiers.Dollars(6), Output: tiers.Dollars(22.5), CacheWrite5m: tiers.Dollars(7.5),
		CacheWrite1h: tiers.Dollars(12), CacheRead: tiers.Dollars(0.6)}}
	// Calls 3 (2,500) and 4 (3,000) pass 2,200: all their tokens are
	// premium, output included. Standard: writes 2,000 ×3.75 = 7,500, reads
	// 1,500 ×0.3 = 450, output 200 ×15 = 3,000 → 10,950. Premium: writes
	// 1,000 ×7.5 = 7,500, reads 4,500 ×0.6 = 2,700, output 200 ×22.5 = 4,500
	// → 14,700. Total 25,650.
	c := PriceUsage(usageOfCalls(s, m, false), m)
	if c.Total != 25_650 || c.LongContext != 14_700 {
		t.Errorf("cost %+v, want total 25,650 of which 14,700 long-context", c)
	}
}

func TestCountedCost(t *testing.T) {
	c := Cost{Input: 1, Output: 6_000, CacheWrite5m: 11_250, CacheWrite1h: 100, CacheRead: 1_800}.withTotal()
	cases := []struct {
		kinds []tiers.TokenKind
		want  tiers.Money
	}{
		{nil, 19_151},
		{[]tiers.TokenKind{tiers.KindOutput}, 6_000},
		{[]tiers.TokenKind{tiers.KindInput, tiers.KindOutput}, 6_001},
		{[]tiers.TokenKind{tiers.KindCacheWrite, tiers.KindCacheRead}, 13_150},
		{[]tiers.TokenKind{tiers.KindCacheWrite1h}, 100},
	}
	for _, x := range cases {
		if got := CountedCost(c, x.kinds); got != x.want {
			t.Errorf("CountedCost(%v) = %d, want %d", x.kinds, got, x.want)
		}
	}
}

// Scaling rounds each kind once, to the token or micro-dollar (halves away
// from zero), and the total is the sum of the scaled lines: 3 × ½ = 1.5 →
// 2, 5 × ½ = 2.5 → 3, 7 × ½ = 3.5 → 4; total 2 + 3 + 4 = 9, not 15 × ½.
func TestScaleRoundsEachKind(t *testing.T) {
	c := Cost{Input: 3, Output: 5, CacheRead: 7}.withTotal().Scale(0.5)
	if c.Input != 2 || c.Output != 3 || c.CacheRead != 4 || c.Total != 9 {
		t.Errorf("scaled cost %+v, want 2 + 3 + 4 = 9", c)
	}
	u := Usage{Standard: TokenCounts{Input: 3, CacheWrite1h: 5}, LongContext: TokenCounts{Output: 7}}.Scale(0.5)
	if u.Standard.Input != 2 || u.Standard.CacheWrite1h != 3 || u.LongContext.Output != 4 || u.Total() != 9 {
		t.Errorf("scaled usage %+v, want 2, 3 and 4 tokens", u)
	}
	if sum := u.Add(u); sum.Total() != 18 || sum.LongContext.Output != 8 {
		t.Errorf("usage added to itself %+v", sum)
	}
}

// Long-context tokens of a model without long-context prices are billed at
// its standard prices: 1,000 output at $15 per million = 15,000 µ$, and
// none of it is counted as long-context.
func TestLongContextTokensWithoutPremiumPrices(t *testing.T) {
	c := PriceUsage(Usage{LongContext: TokenCounts{Output: 1_000}}, testModel())
	if c.Output != 15_000 || c.Total != 15_000 || c.LongContext != 0 {
		t.Errorf("cost %+v, want 15,000 µ$ at the standard rate", c)
	}
}
