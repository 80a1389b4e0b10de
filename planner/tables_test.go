package planner

import (
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

// The tests of this package build their own small tables, so that a
// renamed or re-priced tier in the shipped table changes none of their
// hand-computed figures.

// smallTable has one model (testModel, pool sonnet-4), two API tiers with a
// spend cap, a negotiated tier and one plan. Its plan counts every token
// kind (no counts listed).
func smallTable() *tiers.Table {
	return &tiers.Table{
		Origin: "test table",
		Models: []tiers.Model{testModel()},
		Tiers: []tiers.Tier{
			{Name: "low", HasSpendCap: true, MonthlySpendCap: tiers.Dollars(100),
				Limits: map[string]tiers.Limits{"sonnet-4": {RPM: 50, ITPM: 30_000, OTPM: 8_000}}},
			{Name: "high", HasSpendCap: true, MonthlySpendCap: tiers.Dollars(500),
				Limits: map[string]tiers.Limits{"sonnet-4": {RPM: 1_000, ITPM: 450_000, OTPM: 90_000}}},
			{Name: "custom", Negotiated: true},
		},
		Plans: []tiers.Plan{
			{Name: "seat", PriceMonthly: tiers.Dollars(100),
				Window5h: &tiers.Allowance{Low: tiers.Dollars(16.5), High: tiers.Dollars(33)},
				Weekly:   &tiers.Allowance{Low: tiers.Dollars(123), High: tiers.Dollars(200)}},
		},
	}
}

// haikuModel is Haiku-class pricing in its own pool: $1 in, $5 out, $1.25 /
// $2 cache writes, $0.10 cache reads per million tokens.
func haikuModel() tiers.Model {
	return tiers.Model{Name: "haiku", Pool: "haiku-4.5", ContextWindow: 200_000, BatchDiscount: 0.5,
		Price: tiers.Prices{Input: tiers.Dollars(1), Output: tiers.Dollars(5),
			CacheWrite5m: tiers.Dollars(1.25), CacheWrite1h: tiers.Dollars(2), CacheRead: tiers.Dollars(0.1)}}
}

// mixTable is smallTable with the haiku model: "low" has limits for both
// pools and a batch queue of 10 requests, "high" only for sonnet-4.
func mixTable() *tiers.Table {
	t := smallTable()
	t.Models = append(t.Models, haikuModel())
	t.Tiers[0].Limits = map[string]tiers.Limits{
		"sonnet-4":  {RPM: 50, ITPM: 30_000, OTPM: 8_000},
		"haiku-4.5": {RPM: 50, ITPM: 50_000, OTPM: 10_000},
	}
	t.Tiers[0].Batch = &tiers.BatchLimits{RPM: 50, QueueRequests: 10}
	return t
}

// tableOf is a table of testModel and the given tiers, without plans.
func tableOf(ts ...tiers.Tier) *tiers.Table {
	return &tiers.Table{Origin: "test table", Models: []tiers.Model{testModel()}, Tiers: ts}
}

// apiTier is a tier without a spend cap with limits on testModel's pool.
func apiTier(name string, l tiers.Limits) tiers.Tier {
	return tiers.Tier{Name: name, Limits: map[string]tiers.Limits{"sonnet-4": l}}
}

// tinyDay is one developer's two sessions of four calls, laid out so that
// every figure of the day can be computed by hand:
//   - shape: a first context of 1,500, growing 500 a call, 100 output
//     tokens each: contexts 1,500, 2,000, 2,500 and 3,000, which add up
//     with the output to 1,600 + 2,100 + 2,600 + 3,100 = 9,400 tokens:
//     exactly four calls;
//   - time: a call takes 1 s to its first token and 100 tokens at 100 a
//     second, 2,000 ms in all; tool times and pauses of 0.1 ms round to 0 ms,
//     so each call starts as the one before ends: at +0, +2,000, +4,000 and
//     +6,000 ms;
//   - day: two sessions spread over a 0.01-hour (36,000 ms) day start at
//     0 and 18,000 ms (van der Corput: 0, ½);
//   - cache 5m: a call reads the context before it and writes what it adds.
func tinyDay() Workload {
	return Workload{SessionsPerDay: 2, TokensPerSession: 9_400, PrefixTokens: 1_500, GrowthPerCall: 500,
		OutputPerCall: 100, FirstTokenS: 1, OutputPerSecond: 100, ToolTimeS: 0.0001, PauseS: 0.0001,
		HoursPerDay: 0.01, DaysPerMonth: 10}
}

// mustResolve resolves a workload or stops the test.
func mustResolve(t *testing.T, w Workload, tab *tiers.Table) Resolved {
	t.Helper()
	r, err := Resolve(w, tab)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// tinyPool is the tiny day's trace on its one pool.
func tinyPool(t *testing.T, w Workload) (*dayTrace, *poolTrace) {
	t.Helper()
	r := mustResolve(t, w, smallTable())
	tr := buildTrace(r)
	pools := poolTraces(tr, r)
	if len(pools) != 1 {
		t.Fatalf("%d pools, want 1", len(pools))
	}
	return tr, pools[0]
}

// near reports whether two floats agree to within tol.
func near(a, b, tol float64) bool { return a-b <= tol && b-a <= tol }
