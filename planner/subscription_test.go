package planner

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

// A session that costs $1 of output and $0.25 of cache reads.
var dollarSession = []Cost{Cost{Output: 1_000_000, CacheRead: 250_000}.withTotal()}

// One developer's use of a plan: per day the mean session times sessions a
// day; per 5-hour window the busiest window of session starts; per week
// the day times working days a month ÷ 52/12.
func TestSubscriptionUse(t *testing.T) {
	output := []tiers.TokenKind{tiers.KindOutput}
	cases := []struct {
		name     string
		w        Workload
		counts   []tiers.TokenKind
		want     SubscriptionUse
		sessions string // where the sessions start, for the reader
	}{
		// Four sessions over 8 hours start at 0, 4, 2, 6 h (van der Corput
		// ×8): the windows from 0 and from 2 h hold three each. Counting
		// output only: $4 a day, $3 a window, and a week of 21 ÷ (52/12) =
		// 4.846154 days: $19.384615.
		{"output", Workload{SessionsPerDay: 4, HoursPerDay: 8}, output,
			SubscriptionUse{Day: 4_000_000, Window5h: 3_000_000, Week: 19_384_615}, "0, 2, 4, 6 h"},
		// Counting every kind, $1.25 a session: $5, $3.75, 5 × 4.846154 =
		// $24.230769.
		{"all kinds", Workload{SessionsPerDay: 4, HoursPerDay: 8}, nil,
			SubscriptionUse{Day: 5_000_000, Window5h: 3_750_000, Week: 24_230_769}, "0, 2, 4, 6 h"},
		// Over 24 hours the sessions are 6 h apart: one in any window.
		{"a long day", Workload{SessionsPerDay: 4, HoursPerDay: 24}, output,
			SubscriptionUse{Day: 4_000_000, Window5h: 1_000_000, Week: 19_384_615}, "0, 6, 12, 18 h"},
		// Two sessions exactly 5 h apart are in different windows; 4.995 h
		// apart, in one.
		{"exactly five hours", Workload{SessionsPerDay: 2, HoursPerDay: 10}, output,
			SubscriptionUse{Day: 2_000_000, Window5h: 1_000_000, Week: 9_692_308}, "0, 5 h"},
		{"just under five hours", Workload{SessionsPerDay: 2, HoursPerDay: 9.99}, output,
			SubscriptionUse{Day: 2_000_000, Window5h: 2_000_000, Week: 9_692_308}, "0, 4.995 h"},
		// The window is a developer's: three developers' windows hold three
		// sessions each, not nine. Their days are still per developer.
		{"per developer", Workload{SessionsPerDay: 4, HoursPerDay: 8, Devs: 3}, output,
			SubscriptionUse{Day: 4_000_000, Window5h: 3_000_000, Week: 19_384_615}, "each developer offset"},
		// 10 working days a month: a week of 10 ÷ 4.333 = 2.307692 days.
		{"ten days a month", Workload{SessionsPerDay: 4, HoursPerDay: 8, DaysPerMonth: 10}, output,
			SubscriptionUse{Day: 4_000_000, Window5h: 3_000_000, Week: 9_230_769}, "0, 2, 4, 6 h"},
	}
	for _, c := range cases {
		r := mustResolve(t, c.w, smallTable())
		if got := subscriptionUse(r, dollarSession, tiers.Plan{Counts: c.counts}); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s (%s): use %+v, want %+v", c.name, c.sessions, got, c.want)
		}
	}
}

// planOf is a plan at $100 a seat with the given 5-hour and weekly
// allowances (low–high, dollars).
func planOf(wLow, wHigh, kLow, kHigh float64) tiers.Plan {
	return tiers.Plan{Name: "seat", PriceMonthly: tiers.Dollars(100),
		Window5h: &tiers.Allowance{Low: tiers.Dollars(wLow), High: tiers.Dollars(wHigh)},
		Weekly:   &tiers.Allowance{Low: tiers.Dollars(kLow), High: tiers.Dollars(kHigh)}}
}

// A plan's verdict from its allowance ranges (ported from the deleted
// TestEvaluatePlanAllowanceRanges): $0.119063 in the busiest 5 hours,
// $0.923192 a week, two developers.
func TestEvaluatePlanAllowanceRanges(t *testing.T) {
	use := SubscriptionUse{Day: 190_500, Window5h: 119_063, Week: 923_192}
	w := Workload{Devs: 2}
	cases := []struct {
		name      string
		p         tiers.Plan
		verdict   Verdict
		binding   Limit
		allowance string
		reason    string
	}{
		// 0.119/1 = 11.9% of the window, 0.923/10 = 9.2% of the week: the
		// window is the most used.
		{"fits at low", planOf(1, 2, 10, 20), Fits, LimitWindow5h, fitsLow,
			"$0.12 of API-equivalent use in a 5-hour window against an estimated $1.00–$2.00: fits even at the low estimate"},
		// 0.119/0.10 = 119% of the low estimate, 60% of the high.
		{"only at high", planOf(0.10, 0.20, 10, 20), Tight, LimitWindow5h, fitsHigh, "fits only at the high estimate"},
		// 0.119/0.10 = 119% even of the high estimate: throttled until the
		// window resets.
		{"window exceeded", planOf(0.05, 0.10, 10, 20), Throttled, LimitWindow5h, exceedsHigh, "exceeds even the high estimate"},
		// 0.923/0.5 = 185% of the weekly high: blocked for the week, and
		// ranked above the window's fits.
		{"weekly exceeded", planOf(1, 2, 0.4, 0.5), Blocked, LimitWeekly, exceedsHigh,
			"$0.92 of API-equivalent use in a week against an estimated $0.40–$0.50"},
	}
	for _, c := range cases {
		r := EvaluatePlan(use, w, c.p, 0.8)
		if r.Verdict != c.verdict || r.Binding != c.binding || r.Allowance != c.allowance {
			t.Errorf("%s: %s/%s %q, want %s/%s %q", c.name, r.Verdict, r.Binding, r.Allowance, c.verdict, c.binding, c.allowance)
		}
		if !strings.Contains(r.Reason, c.reason) {
			t.Errorf("%s: reason %q lacks %q", c.name, r.Reason, c.reason)
		}
		// Two developers × $100.
		if r.MonthlyCost != tiers.Dollars(200) || r.Kind != KindSubscription {
			t.Errorf("%s: %s %s, want a subscription at 2 × $100", c.name, r.Kind, r.MonthlyCost)
		}
	}
}

// The thresholds exactly: a use of the low estimate at the headroom (80%)
// fits, a micro-dollar more is tight; a use exactly at the high estimate
// is not exceeded (tight), a micro-dollar more is.
func TestEvaluatePlanThresholds(t *testing.T) {
	p := planOf(1, 2, 1_000, 2_000) // the weekly allowance never binds
	cases := []struct {
		window  tiers.Money
		verdict Verdict
		low     float64
	}{
		{800_000, Fits, 0.8},
		{800_001, Tight, 0.800001},
		{2_000_000, Tight, 2},
		{2_000_001, Throttled, 2.000001},
	}
	for _, c := range cases {
		r := EvaluatePlan(SubscriptionUse{Window5h: c.window}, Workload{Devs: 1}, p, 0.8)
		if r.Verdict != c.verdict || r.Utilization[LimitWindow5h] != c.low {
			t.Errorf("%s in 5 hours: %s at %g of the low estimate, want %s at %g", c.window, r.Verdict, r.Utilization[LimitWindow5h], c.verdict, c.low)
		}
		if high := r.UtilizationHigh[LimitWindow5h]; high != c.low/2 {
			t.Errorf("%s in 5 hours: %g of the high estimate, want %g", c.window, high, c.low/2)
		}
	}
}

// A plan with no allowance published fits with nothing binding; a plan
// sold only by the seat is priced by its seat.
func TestEvaluatePlanWithoutAllowances(t *testing.T) {
	p := tiers.Plan{Name: "team", SeatPriceMonthly: tiers.Dollars(30)}
	r := EvaluatePlan(SubscriptionUse{Window5h: 5_000_000}, Workload{Devs: 3}, p, 0.8)
	if r.Verdict != Fits || r.Binding != "" || r.Allowance != "no allowance published" || r.Reason != "no allowance to compare against" {
		t.Errorf("no allowance: %+v", r)
	}
	if r.MonthlyCost != tiers.Dollars(90) { // 3 seats × $30
		t.Errorf("cost %s, want 3 × $30", r.MonthlyCost)
	}
	if PlanPrice(tiers.Plan{PriceMonthly: 1, SeatPriceMonthly: 2}) != 1 {
		t.Error("a plan's price comes before its seat price")
	}
}
