package planner

import (
	"strings"
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

func haikuModel() tiers.Model {
	return tiers.Model{Name: "haiku", Pool: "haiku-4.5", ContextWindow: 200_000, BatchDiscount: 0.5,
		Price: tiers.Prices{Input: tiers.Dollars(1), Output: tiers.Dollars(5),
			CacheWrite5m: tiers.Dollars(1.25), CacheWrite1h: tiers.Dollars(2), CacheRead: tiers.Dollars(0.1)}}
}

func mixTable() *tiers.Table {
	t := legacyTable()
	t.Models = append(t.Models, haikuModel())
	t.Tiers[0].Limits = map[string]tiers.Limits{"sonnet-4": {RPM: 50, ITPM: 30_000, OTPM: 8_000}, "haiku-4.5": {RPM: 50, ITPM: 50_000, OTPM: 10_000}}
	t.Tiers[0].Batch = &tiers.BatchLimits{RPM: 50, QueueRequests: 10}
	return t
}

// fourCall is the four-call session of the session tests (writes 3,000,
// reads 6,000, output 400 tokens, 5-minute cache), 2 sessions a day for 10
// days: 20 sessions a month.
func fourCall() Workload {
	return Workload{SessionsPerDay: 2, DaysPerMonth: 10, TokensPerSession: 9_400, CallsPerSession: 4,
		PrefixTokens: 1_000, OutputShare: 400.0 / 9_400, CompactAt: 1_000_000}
}

func TestMixPricesEachShareWithItsModel(t *testing.T) {
	w := fourCall()
	w.Mix = map[string]float64{"sonnet": 0.5, "haiku": 0.5}
	wp, err := PlanWorkload(w, mixTable(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A sonnet session costs 19,050 µ$; a haiku one 400×5 + 3,000×1.25 +
	// 6,000×0.1 = 6,350 µ$. Ten of each: 190,500 + 63,500 = 254,000.
	if got := wp.MonthlyCost.Total; got != 254_000 {
		t.Errorf("mix cost %d µ$, want 254,000", got)
	}
	if len(wp.Parts) != 2 || wp.Parts[0].Model.Name != "haiku" || wp.Parts[1].Model.Name != "sonnet" {
		t.Errorf("parts %+v", wp.Parts)
	}
	// tier-2 has no haiku pool: it is not evaluated, and the notes say so.
	for _, r := range wp.Results {
		if r.Name == "tier-2" {
			t.Errorf("tier-2 lacks the haiku pool and should not be evaluated")
		}
	}
	found := false
	for _, n := range wp.Notes {
		found = found || n == "tier-2: no limits for pool haiku-4.5 in the table; not evaluated"
	}
	if !found {
		t.Errorf("notes %q", wp.Notes)
	}
	// Tier 1: sonnet's first minute 1,500+500+… vs 30,000 and haiku's vs
	// 50,000: the ITPM utilisation is the higher of the two pools.
	r := resultFor(t, wp, "tier-1")
	if r.BindingPool == "" {
		t.Errorf("a mix over two pools should name the binding pool: %+v", r)
	}
}

func TestBatchShareHalvesItsPriceAndLeavesTheMinute(t *testing.T) {
	w := fourCall()
	w.BatchShare = 0.5
	wp, err := PlanWorkload(w, mixTable(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// 10 interactive sessions at 19,050 + 10 batch sessions at half price:
	// 190,500 + 95,250 = 285,750 µ$.
	if got := wp.MonthlyCost.Total; got != 285_750 {
		t.Errorf("batch cost %d µ$, want 285,750", got)
	}
	// The batch part queues 1 session × 4 calls a day against a queue of
	// 10 requests: 40%.
	r := resultFor(t, wp, "tier-1")
	if got := r.Utilization[LimitBatchQueue]; got != 0.4 {
		t.Errorf("batch queue utilisation %g, want 0.4", got)
	}
}

func TestMixRejectsBadShares(t *testing.T) {
	for _, mix := range []string{"sonnet=0.5,haiku=0.4", "sonnet=1.5", "sonnet", "sonnet=x", "sonnet=0.5,sonnet=0.5"} {
		var w Workload
		if err := ParseMix(&w, mix); err == nil {
			t.Errorf("ParseMix(%q) accepted", mix)
		}
	}
	var w Workload
	if err := ParseMix(&w, "haiku=30%, sonnet=70%"); err != nil || w.Mix["haiku"] != 0.3 {
		t.Errorf("percent shares: %v %v", w.Mix, err)
	}
}

func TestModelOutsideTheMixIsAnError(t *testing.T) {
	w := fourCall()
	w.Model, w.Mix = "haiku", map[string]float64{"sonnet": 1}
	if _, err := PlanWorkload(w, mixTable(), Options{}); err == nil || !strings.Contains(err.Error(), "give either a model or a mix") {
		t.Errorf("error %v", err)
	}
}
