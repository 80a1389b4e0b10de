package planner

import (
	"strings"
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

// overBy sets a result's binding limit and its utilisation.
func overBy(r Result, u float64) Result {
	r.Binding, r.Utilization = LimitITPM, map[Limit]float64{LimitITPM: u}
	return r
}

func option(name, kind string, v Verdict, dollars float64) Result {
	return Result{Name: name, Kind: kind, Verdict: v, MonthlyCost: tiers.Dollars(dollars), Reason: "why " + name}
}

// The recommendation is the cheapest option that fits; API tiers of one
// workload cost the same, so the first that fits stands for them, and the
// runner-up is the next fitting option of another price or kind. When
// nothing fits, the closest is named: the best verdict, then the least
// over (ported from the deleted TestRecommendOrder).
func TestRecommendOrder(t *testing.T) {
	cases := []struct {
		name     string
		rs       []Result
		want     string // "" = none
		runnerUp string
		reason   string
	}{
		{"cheapest fitting api tier, plan runner-up", []Result{
			option("api-1", KindAPI, Fits, 50), option("api-2", KindAPI, Fits, 50),
			option("plan-s", KindSubscription, Tight, 20), option("plan-m", KindSubscription, Fits, 100)}, "api-1", "plan-m",
			"the cheapest option that fits: $50.00 a month; why api-1; runner-up plan-m at $100.00"},
		{"lowest tier throttled", []Result{
			option("api-1", KindAPI, Throttled, 50), option("api-2", KindAPI, Fits, 50),
			option("plan-l", KindSubscription, Fits, 200)}, "api-2", "plan-l", "the cheapest option that fits"},
		{"plan cheaper than api", []Result{
			option("api-1", KindAPI, Fits, 400), option("plan-m", KindSubscription, Fits, 100)}, "plan-m", "api-1", "runner-up api-1 at $400.00"},
		// At equal cost an API tier ranks before a plan.
		{"api first at equal cost", []Result{
			option("plan-m", KindSubscription, Fits, 100), option("api-1", KindAPI, Fits, 100)}, "api-1", "plan-m", ""},
		{"one option", []Result{option("api-1", KindAPI, Fits, 10)}, "api-1", "", "a month; why api-1"},
		// Tight is closer than blocked.
		{"nothing fits", []Result{
			option("api-1", KindAPI, Blocked, 50), option("plan-s", KindSubscription, Tight, 20)}, "", "",
			"nothing fits with headroom; closest is plan-s (tight: why plan-s)"},
		// Among throttled options, the least over: 119% before 200% and 528%.
		{"closest is the least over", []Result{
			overBy(option("api-2", KindAPI, Throttled, 50), 5.28), overBy(option("api-4", KindAPI, Throttled, 50), 1.19),
			overBy(option("plan-s", KindSubscription, Throttled, 20), 2)}, "", "", "closest is api-4 (throttled: why api-4)"},
		{"nothing evaluated", nil, "", "", "no tier or plan in the table could be evaluated for this model"},
	}
	for _, c := range cases {
		rec := Recommend(c.rs)
		got, ru := "", ""
		if rec.Tier != nil {
			got = *rec.Tier
		}
		if rec.RunnerUp != nil {
			ru = *rec.RunnerUp
		}
		if got != c.want || ru != c.runnerUp {
			t.Errorf("%s: recommended %q runner-up %q, want %q %q (%s)", c.name, got, ru, c.want, c.runnerUp, rec.Reason)
		}
		if !strings.Contains(rec.Reason, c.reason) {
			t.Errorf("%s: reason %q lacks %q", c.name, rec.Reason, c.reason)
		}
	}
}

// The recommendation carries the chosen option's kind and cost.
func TestRecommendCarriesKindAndCost(t *testing.T) {
	rec := Recommend([]Result{option("api-1", KindAPI, Fits, 400), option("plan-m", KindSubscription, Fits, 100)})
	if rec.Kind != KindSubscription || rec.MonthlyCost != tiers.Dollars(100) {
		t.Errorf("recommendation %+v, want the $100 subscription", rec)
	}
	if rec := Recommend([]Result{option("api-1", KindAPI, Tight, 1)}); rec.Kind != "" || rec.MonthlyCost != 0 {
		t.Errorf("nothing fits, yet %+v", rec)
	}
}
