package planner

import (
	"strings"
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

// TestMoneyBeyondCountingIsRefusedNotWrapped: a bill past what int64
// micro-dollars hold once wrapped to a negative (or a wrong positive)
// amount: `plan` printed $1,386,116,216,850.00 for a month of $4.7e13 at
// the table's largest price. Three kinds of 50 trillion tokens at $100,000
// per million are $5e12 each, $1.5e13 together: the total stops at
// tiers.MaxMoney, and a plan holding it is refused, naming the table.
func TestMoneyBeyondCountingIsRefusedNotWrapped(t *testing.T) {
	m := testModel()
	m.Price = tiers.Prices{Input: tiers.MaxPricePerMTok, Output: tiers.MaxPricePerMTok, CacheRead: tiers.MaxPricePerMTok,
		CacheWrite5m: tiers.MaxPricePerMTok, CacheWrite1h: tiers.MaxPricePerMTok}
	u := Usage{Standard: TokenCounts{Input: 50e12, Output: 50e12, CacheRead: 50e12}}
	c := PriceUsage(u, m)
	if c.Input != tiers.Dollars(5e12) || c.Total != tiers.MaxMoney || !c.Total.Saturated() {
		t.Fatalf("bill %+v: want $5e12 a kind and a total stopped at MaxMoney", c)
	}
	if sum := c.Add(c); sum.Total != tiers.MaxMoney || sum.Input != tiers.MaxMoney { // $1e13 each
		t.Fatalf("sum %+v", sum)
	}
	if got := CountedCost(c, []tiers.TokenKind{tiers.KindInput, tiers.KindOutput, tiers.KindCacheRead}); got != tiers.MaxMoney {
		t.Errorf("counted %v", got)
	}
	tab := &tiers.Table{Origin: "big.yaml (--tiers)"}
	err := WorkloadPlan{MonthlyCost: c}.checkCountable(tab)
	want := "this workload would cost more than $9,223,372,036,854.78 a month at the prices of big.yaml (--tiers), beyond what tierplan counts"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("err = %v", err)
	}
	if err := (WorkloadPlan{MonthlyCost: Cost{Total: tiers.Dollars(1e12)}}).checkCountable(tab); err != nil {
		t.Errorf("a trillion dollars is countable: %v", err)
	}
}
