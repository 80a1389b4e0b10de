package planner

import (
	"strings"
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

func tier1() (tiers.Tier, tiers.Limits) {
	l := tiers.Limits{RPM: 50, ITPM: 30_000, OTPM: 8_000}
	return tiers.Tier{Name: "tier-1", HasSpendCap: true, MonthlySpendCap: tiers.Dollars(100),
		Limits: map[string]tiers.Limits{"sonnet-4": l}}, l
}

func TestEvaluateTierVerdicts(t *testing.T) {
	tr, l := tier1()
	base := Demand{
		PeakSessions: 1,
		PeakMinute:   Charge{Requests: 10, ITPM: 12_000, OTPM: 2_000, TPM: 14_000},
		LargestCall:  Charge{Requests: 1, ITPM: 6_000, OTPM: 1_000, TPM: 7_000},
	}
	cases := []struct {
		name    string
		mod     func(*Demand, *tiers.Money, *tiers.Limits)
		verdict Verdict
		binding Limit
		util    float64 // of the binding limit
		reason  string
	}{
		// ITPM 12,000/30,000 = 40% is the most used.
		{"fits", nil, Fits, LimitITPM, 0.4, "40%"},
		// 27,000/30,000 = 90% > 80% headroom.
		{"tight", func(d *Demand, _ *tiers.Money, _ *tiers.Limits) { d.PeakMinute.ITPM = 27_000 }, Tight, LimitITPM, 0.9, "90%"},
		// 45,000/30,000 = 150% with the $100 cap at $6 (6%).
		{"throttled, budget barely used", func(d *Demand, m *tiers.Money, _ *tiers.Limits) {
			d.PeakMinute.ITPM = 45_000
			*m = tiers.Dollars(6)
		}, Throttled, LimitITPM, 1.5, "only 6% used"},
		// One 150,000-token uncached call against a 30,000 bucket: 500%.
		{"request too large", func(d *Demand, _ *tiers.Money, _ *tiers.Limits) {
			d.LargestCall.ITPM, d.PeakMinute.ITPM = 150_000, 150_000
		}, Blocked, LimitRequestSize, 5, "can never pass"},
		// $150 against a $100 cap.
		{"spend cap", func(_ *Demand, m *tiers.Money, _ *tiers.Limits) { *m = tiers.Dollars(150) }, Blocked, LimitMonthlySpend, 1.5, "spend cap"},
		// 1,000,000 tokens a day against a 500,000 daily quota.
		{"daily quota", func(d *Demand, _ *tiers.Money, l *tiers.Limits) {
			d.DailyTokens, l.TokensPerDay = 1_000_000, 500_000
		}, Blocked, LimitDailyTokens, 2, "used up"},
		// 250 requests a day against a 100-request daily quota.
		{"daily requests", func(d *Demand, _ *tiers.Money, l *tiers.Limits) {
			d.DailyRequests, l.RequestsPerDay = 250, 100
		}, Blocked, LimitDailyRequests, 2.5, "daily request quota"},
		// 60 requests a minute against 50 RPM.
		{"rpm", func(d *Demand, _ *tiers.Money, _ *tiers.Limits) { d.PeakMinute.Requests = 60 }, Throttled, LimitRPM, 1.2, "requests-per-minute"},
		// A combined 40,000 TPM limit: 14,000/40,000 = 35% < ITPM's 40%; at
		// 10,000 TPM it is 140%.
		{"combined tpm", func(_ *Demand, _ *tiers.Money, l *tiers.Limits) { *l = tiers.Limits{RPM: 50, TPM: 10_000} }, Throttled, LimitTPM, 1.4, "tokens-per-minute"},
	}
	for _, c := range cases {
		d, monthly, lim := base, tiers.Dollars(10), l
		if c.mod != nil {
			c.mod(&d, &monthly, &lim)
		}
		load := PoolLoad{Pool: "sonnet-4", Limits: lim, PeakMinute: d.PeakMinute, LargestCall: d.LargestCall,
			DailyTokens: d.DailyTokens, DailyRequests: d.DailyRequests, demands: []Demand{d}}
		r := EvaluateTier([]PoolLoad{load}, monthly, 0, tr, 0.8)
		if r.Verdict != c.verdict || r.Binding != c.binding {
			t.Errorf("%s: %s/%s, want %s/%s (%v)", c.name, r.Verdict, r.Binding, c.verdict, c.binding, r.Utilization)
			continue
		}
		if got := r.Utilization[c.binding]; got < c.util-1e-9 || got > c.util+1e-9 {
			t.Errorf("%s: utilisation %g, want %g", c.name, got, c.util)
		}
		if !strings.Contains(r.Reason, c.reason) {
			t.Errorf("%s: reason %q lacks %q", c.name, r.Reason, c.reason)
		}
	}
}

func TestEvaluatePlanAllowanceRanges(t *testing.T) {
	dayCost := Cost{Output: 190_500}.withTotal() // 10 sessions × 19,050 µ$
	w := Workload{SessionsPerDay: 10, HoursPerDay: 8, DaysPerMonth: 21, Devs: 2}
	plan := func(wLow, wHigh, kLow, kHigh float64) tiers.Plan {
		return tiers.Plan{Name: "max", PriceMonthly: tiers.Dollars(100),
			Window5h: &tiers.Allowance{Low: tiers.Dollars(wLow), High: tiers.Dollars(wHigh)},
			Weekly:   &tiers.Allowance{Low: tiers.Dollars(kLow), High: tiers.Dollars(kHigh)}}
	}
	// Use: 5-hour window $0.119063, week $0.923192 (TestUseOfSpreadsTheDay).
	cases := []struct {
		name      string
		p         tiers.Plan
		verdict   Verdict
		binding   Limit
		allowance string
	}{
		{"fits at low", plan(1, 2, 10, 20), Fits, LimitWindow5h, // 11.9% vs 9.2% of the week
			"fits even at the low estimate"},
		// window 0.119/0.10 = 119% of low, 60% of high.
		{"only at high", plan(0.10, 0.20, 10, 20), Tight, LimitWindow5h, "fits only at the high estimate"},
		// window above even the high estimate: throttled until it resets.
		{"window exceeded", plan(0.05, 0.10, 10, 20), Throttled, LimitWindow5h, "exceeds even the high estimate"},
		// weekly allowance gone: blocked.
		{"weekly exceeded", plan(1, 2, 0.4, 0.5), Blocked, LimitWeekly, "exceeds even the high estimate"},
	}
	for _, c := range cases {
		r := EvaluatePlan(dayCost, w, c.p, 0.8)
		if r.Verdict != c.verdict || r.Binding != c.binding || r.Allowance != c.allowance {
			t.Errorf("%s: %s/%s %q, want %s/%s %q", c.name, r.Verdict, r.Binding, r.Allowance, c.verdict, c.binding, c.allowance)
		}
		if r.MonthlyCost != tiers.Dollars(200) {
			t.Errorf("%s: cost %v, want 2 seats × $100", c.name, r.MonthlyCost)
		}
	}
}

// overBy sets a result's binding limit and its utilisation.
func overBy(r Result, u float64) Result {
	r.Binding, r.Utilization = LimitITPM, map[Limit]float64{LimitITPM: u}
	return r
}

func TestRecommendOrder(t *testing.T) {
	res := func(name, kind string, v Verdict, dollars float64) Result {
		return Result{Name: name, Kind: kind, Verdict: v, MonthlyCost: tiers.Dollars(dollars), Reason: "r"}
	}
	cases := []struct {
		name     string
		rs       []Result
		want     string // "" = none
		runnerUp string
	}{
		{"cheapest fitting api tier, plan runner-up", []Result{
			res("start", KindAPI, Fits, 50), res("build", KindAPI, Fits, 50),
			res("pro", KindSubscription, Tight, 20), res("max-5x", KindSubscription, Fits, 100)}, "start", "max-5x"},
		{"lowest tier throttled", []Result{
			res("tier-1", KindAPI, Throttled, 50), res("tier-2", KindAPI, Fits, 50),
			res("max-20x", KindSubscription, Fits, 200)}, "tier-2", "max-20x"},
		{"plan cheaper than api", []Result{
			res("start", KindAPI, Fits, 400), res("max-5x", KindSubscription, Fits, 100)}, "max-5x", "start"},
		{"nothing fits", []Result{
			res("tier-1", KindAPI, Blocked, 50), res("pro", KindSubscription, Tight, 20)}, "", ""},
		{"closest is the least over", []Result{
			overBy(res("tier-2", KindAPI, Throttled, 50), 5.28), overBy(res("tier-4", KindAPI, Throttled, 50), 1.19),
			overBy(res("pro", KindSubscription, Throttled, 20), 2)}, "", ""},
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
		closest := "closest is pro"
		if c.name == "closest is the least over" {
			closest = "closest is tier-4"
		}
		if c.want == "" && !strings.Contains(rec.Reason, closest) {
			t.Errorf("%s: reason %q should name the closest option", c.name, rec.Reason)
		}
	}
}
