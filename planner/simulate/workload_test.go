package simulate

import (
	"math"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/tiers"
)

// testModel is a Sonnet-class model as the April 2026 table lists it.
func testModel() tiers.Model {
	return tiers.Model{
		Name: "sonnet", Pool: "sonnet-4", ContextWindow: 200_000,
		Price: tiers.Prices{Input: tiers.Dollars(3), Output: tiers.Dollars(15),
			CacheWrite5m: tiers.Dollars(3.75), CacheWrite1h: tiers.Dollars(6), CacheRead: tiers.Dollars(0.30)},
		OTPMAccounting: tiers.OTPMActual,
	}
}

// tier1 is Tier 1 of the April 2026 table for the Sonnet pool.
func tier1() tiers.Tier {
	return tiers.Tier{Name: "tier-1", HasSpendCap: true, MonthlySpendCap: tiers.Dollars(100),
		Limits: map[string]tiers.Limits{"sonnet-4": {RPM: 50, ITPM: 30_000, OTPM: 8_000}}}
}

// The simulator charges the buckets exactly as the planner's ChargeOf does,
// for both accounting rules and both cache-read rules.
func TestChargesMatchPlanner(t *testing.T) {
	s, err := planner.BuildSession(planner.Workload{TokensPerSession: 2_000_000}, testModel())
	if err != nil {
		t.Fatal(err)
	}
	for _, reads := range []bool{false, true} {
		for _, acc := range []tiers.OTPMAccounting{tiers.OTPMActual, tiers.OTPMReserveMaxTokens} {
			m := testModel()
			m.ITPMCountsCacheReads, m.OTPMAccounting = reads, acc
			a := AccountingFor(m, 32_000)
			for i, c := range convertCalls(s.Calls, m, false) {
				want := planner.ChargeOf(s.Calls[i], m, 32_000)
				got := chargeOf(a, c)
				if got.ITPM != limiter.TokensToUnits(want.ITPM) || got.OTPM != limiter.TokensToUnits(want.OTPM) ||
					got.TPM != limiter.TokensToUnits(want.TPM) || got.RPM != limiter.UnitsPerToken {
					t.Fatalf("reads=%v %s call %d: got %+v, planner %+v", reads, acc, i+1, got, want)
				}
			}
		}
	}
}

// Calls are priced with the planner's rules: the session's calls add up to
// the planner's session cost, within half a micro-dollar per kind per call.
func TestConvertedCostsMatchPlanner(t *testing.T) {
	m := testModel()
	s, err := planner.BuildSession(planner.Workload{TokensPerSession: 800_000}, m)
	if err != nil {
		t.Fatal(err)
	}
	var sum tiers.Money
	for _, c := range convertCalls(s.Calls, m, false) {
		sum += c.Cost
		if c.ColdCost < c.Cost {
			t.Fatalf("a cold call costs less than a warm one: %+v", c)
		}
	}
	want := planner.PriceUsage(planner.SessionUsage(s, m, false), m).Total
	if d := sum - want; d < -tiers.Money(3*len(s.Calls)) || d > tiers.Money(3*len(s.Calls)) {
		t.Fatalf("calls sum to %d µ$, the planner prices the session at %d µ$", sum, want)
	}
}

func TestConfigForRejectsTiersWithoutLimits(t *testing.T) {
	m := testModel()
	neg := tiers.Tier{Name: "custom", Negotiated: true}
	if _, err := ConfigFor(planner.Workload{}, m, neg); err == nil {
		t.Error("negotiated tier accepted")
	}
	other := tiers.Tier{Name: "t", Limits: map[string]tiers.Limits{"opus-4": {RPM: 1}}}
	if _, err := ConfigFor(planner.Workload{}, m, other); err == nil {
		t.Error("tier without the model's pool accepted")
	}
	if _, err := ConfigFor(planner.Workload{Pace: -1}, m, tier1()); err == nil {
		t.Error("invalid workload accepted")
	}
}

// A planner workload runs end to end, and at the default pace an
// unthrottled session keeps its pace: think + latency = 60/pace.
func TestConfigForRuns(t *testing.T) {
	cfg, err := ConfigFor(planner.Workload{Devs: 5, TokensPerSession: 800_000}, testModel(), tier1())
	if err != nil {
		t.Fatal(err)
	}
	calls, _ := cfg.Session(1)
	lat := MeanLatency(calls, cfg.FirstToken, cfg.TokensPerSecond)
	if cycle := cfg.Think + lat; cfg.Think > 0 && cycle != 6*time.Second {
		t.Errorf("think %s + latency %s = %s, want 6s at 10 calls/min", cfg.Think, lat, cycle)
	}
	cfg.Days, cfg.TokenSpread = 2, 0.5
	r, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Attempted == 0 || r.Succeeded+r.Abandoned != r.Attempted || r.Sessions != 2*40 {
		t.Fatalf("inconsistent counts: %+v", r)
	}
}

// A call whose wait outlives the cache TTL is sent cold: it rewrites its
// cached prefix and pays the cold price.
func TestCacheExpiresDuringThrottling(t *testing.T) {
	cfg := baseConfig(tiers.Limits{RPM: 1}, func(float64) ([]Call, error) {
		return []Call{{Input: 10, Cost: tiers.Dollars(1)}, {Input: 10, CacheRead: 10_000, Cost: tiers.Dollars(1), ColdCost: tiers.Dollars(3)}}, nil
	})
	// The second call waits 60 s for the 1-RPM bucket; the TTL is 30 s.
	cfg.Policy, cfg.CacheTTL = mustPolicy(t, "claude-code"), 30*time.Second
	r := mustRun(t, cfg)
	if r.Succeeded != 2 || r.CacheMisses != 1 || r.Spend != tiers.Dollars(4) {
		t.Fatalf("succeeded %d misses %d spend %s, want 2, 1, $4 (1 + 3 cold)", r.Succeeded, r.CacheMisses, r.Spend)
	}
	cfg.CacheTTL = 5 * time.Minute
	if r := mustRun(t, cfg); r.CacheMisses != 0 || r.Spend != tiers.Dollars(2) {
		t.Fatalf("5m TTL: misses %d spend %s, want 0, $2", r.CacheMisses, r.Spend)
	}
}

// FitPace raises the output speed so the mean call fits the pace's cycle.
func TestFitPace(t *testing.T) {
	// Two calls of 1,000 and 2,000 output tokens: mean 1,500. At 60 tok/s
	// and 1 s first token the mean latency is 1 + 25 = 26 s, longer than
	// the 6 s cycle of 10 calls a minute. Fitted: 1,500 / (6 - 1 - 0.001) s
	// = 300.06 tok/s, mean latency 1 + 1,500/300.06 = 5.999 s, think 1 ms.
	cfg := Config{Session: func(float64) ([]Call, error) {
		return []Call{{Output: 1000}, {Output: 2000}}, nil
	}, FirstToken: time.Second, TokensPerSecond: 60}
	changed, err := cfg.FitPace(10)
	if err != nil || !changed {
		t.Fatalf("changed %v err %v", changed, err)
	}
	if math.Abs(cfg.TokensPerSecond-1500/4.999) > 1e-9 || cfg.FirstToken != time.Second {
		t.Fatalf("speed %g first token %s, want %g and 1s", cfg.TokensPerSecond, cfg.FirstToken, 1500/4.999)
	}
	if lat := MeanLatency([]Call{{Output: 1000}, {Output: 2000}}, cfg.FirstToken, cfg.TokensPerSecond); lat > 6*time.Second {
		t.Fatalf("mean latency %s exceeds the 6s cycle", lat)
	}
	// A pace the calls already keep changes nothing: 1 call a minute.
	slow := Config{Session: cfg.Session, FirstToken: time.Second, TokensPerSecond: 60}
	if changed, _ := slow.FitPace(1); changed || slow.TokensPerSecond != 60 {
		t.Fatalf("pace 1 changed the speed to %g", slow.TokensPerSecond)
	}
	// A cycle shorter than the first token: 120 calls a minute = 0.5 s;
	// the first token is halved to 0.25 s.
	fast := Config{Session: cfg.Session, FirstToken: time.Second, TokensPerSecond: 60}
	if _, err := fast.FitPace(120); err != nil || fast.FirstToken != 250*time.Millisecond {
		t.Fatalf("first token %s err %v, want 250ms", fast.FirstToken, err)
	}
}
