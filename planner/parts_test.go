package planner

import (
	"slices"
	"testing"
)

// A mix prices each share with its own model (ported from the deleted
// TestMixPricesEachShareWithItsModel). The tiny day's 20 sessions a month,
// half on each model: a sonnet session costs 19,050 µ$, a haiku one 400 ×
// $5 + 3,000 × $1.25 + 6,000 × $0.10 per million = 2,000 + 3,750 + 600 =
// 6,350 µ$; ten of each: 190,500 + 63,500 = 254,000.
func TestMixPricesEachShareWithItsModel(t *testing.T) {
	w := tinyDay()
	w.Mix = map[string]float64{"sonnet": 0.5, "haiku": 0.5}
	wp := mustPlan(t, w, mixTable())
	if got := wp.MonthlyCost.Total; got != 254_000 {
		t.Errorf("mix cost %d µ$, want 254,000", got)
	}
	if len(wp.Parts) != 2 || wp.Parts[0].Model.Name != "haiku" || wp.Parts[1].Model.Name != "sonnet" {
		t.Fatalf("parts %+v, want haiku then sonnet", wp.Parts)
	}
	if c := wp.Parts[0].MonthlyCost.Total; c != 63_500 {
		t.Errorf("haiku part %d µ$, want 63,500", c)
	}
	// "high" has no limits for haiku's pool: not evaluated, and said so.
	if slices.ContainsFunc(wp.Results, func(r Result) bool { return r.Name == "high" }) {
		t.Error("high lacks the haiku pool and should not be evaluated")
	}
	if !slices.Contains(wp.Notes, "high: no limits for pool haiku-4.5 in the table; not evaluated") {
		t.Errorf("notes %q", wp.Notes)
	}
	// A mix over two pools names the pool of the binding limit.
	if r := resultOf(t, wp, "low"); r.BindingPool == "" {
		t.Errorf("low: %+v names no binding pool", r)
	}
}

// The batch share is billed at the batch discount and stays off the
// per-minute limits (ported from the deleted
// TestBatchShareHalvesItsPriceAndLeavesTheMinute). Half the tiny day's
// sessions through the Batch API: 10 × 19,050 + 10 × 9,525 = 285,750 µ$;
// the queue takes 1 session × 4 calls a day of its 10 requests: 40%.
func TestBatchShareHalvesItsPriceAndLeavesTheMinute(t *testing.T) {
	w := tinyDay()
	w.BatchShare = 0.5
	wp := mustPlan(t, w, mixTable())
	if got := wp.MonthlyCost.Total; got != 285_750 {
		t.Errorf("batch cost %d µ$, want 285,750", got)
	}
	if got := resultOf(t, wp, "low").Utilization[LimitBatchQueue]; got != 0.4 {
		t.Errorf("batch queue utilisation %g, want 0.4", got)
	}
	// Every session through the Batch API: no call reaches the per-minute
	// buckets, and the queue holds 2 × 4 = 8 of 10.
	w.BatchShare = 1
	r := resultOf(t, mustPlan(t, w, mixTable()), "low")
	if r.Utilization[LimitITPM] != 0 || r.Utilization[LimitRPM] != 0 || r.Utilization[LimitBatchQueue] != 0.8 {
		t.Errorf("all batch: %v, want no per-minute use and the queue at 0.8", r.Utilization)
	}
}

// A model given next to a mix it is not in is an error (ported from the
// deleted TestModelOutsideTheMixIsAnError).
func TestModelOutsideTheMixIsAnError(t *testing.T) {
	w := tinyDay()
	w.Model, w.Mix = "haiku", map[string]float64{"sonnet": 1}
	_, err := PlanWorkload(w, mixTable(), Options{})
	if err == nil || err.Error() != "model haiku is not in the mix (sonnet): give either a model or a mix" {
		t.Errorf("error %v", err)
	}
}

// The tiny day's demand: 2 sessions of 9,400 tokens and 4 requests a day,
// 20 sessions and 188,000 tokens a month; by kind 20 × (400 output, 3,000
// written, 6,000 read).
func TestPartDemandOfTheTinyDay(t *testing.T) {
	wp := mustPlan(t, tinyDay(), smallTable())
	p := wp.Parts[0]
	d := p.Demand
	if d.DailyTokens != 18_800 || d.DailyRequests != 8 || d.SessionsPerMonth != 20 || d.MonthlyTokens != 188_000 {
		t.Errorf("demand %+v, want 18,800 tokens and 8 requests a day, 20 sessions and 188,000 tokens a month", d)
	}
	if d.PeakSessions != 1 || d.SessionMinutes != 0.1 || d.PeakMinute.ITPM != 6_000 || d.LargestCall.ITPM != 1_500 {
		t.Errorf("demand %+v, want 1 session at once of 0.1 minutes, 6,000 input tokens in the busiest minute, 1,500 the largest call", d)
	}
	if want := (TokenCounts{Output: 8_000, CacheWrite5m: 60_000, CacheRead: 120_000}); p.MonthlyUsage.Standard != want {
		t.Errorf("monthly usage %+v, want %+v", p.MonthlyUsage.Standard, want)
	}
	// One developer's day for a subscription: 2 × 19,050.
	if got := devDay(wp.Parts).Total; got != 38_100 {
		t.Errorf("a developer's day %d µ$, want 38,100", got)
	}
	if p.Model != (ModelInfo{"sonnet", "sonnet-4"}) || p.Batch || p.Share != 1 {
		t.Errorf("part %+v", p)
	}
}
