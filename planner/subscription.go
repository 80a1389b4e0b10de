package planner

import (
	"fmt"

	"github.com/tierplan/tierplan/tiers"
)

// SubscriptionUse is one developer's API-equivalent use of the token kinds a
// plan counts, per day, per busiest 5-hour window and per week.
type SubscriptionUse struct {
	Day      tiers.Money `json:"day_usd"`
	Window5h tiers.Money `json:"window_5h_usd"`
	Week     tiers.Money `json:"week_usd"`
}

// weeksPerMonth converts working days per month to working days per week.
const weeksPerMonth = 52.0 / 12

// UseOf spreads a developer's day of work (its API-equivalent cost) over the
// working day: a 5-hour window holds 5/hours of the day's work (all of it
// for days of 5 hours or less), and a week holds the working days of a month
// divided by 52/12.
func UseOf(dayCost Cost, counts []tiers.TokenKind, w Workload) SubscriptionUse {
	day := CountedCost(dayCost, counts)
	return SubscriptionUse{
		Day:      day,
		Window5h: day.Scale(min(1, 5/w.HoursPerDay)),
		Week:     day.Scale(w.DaysPerMonth / weeksPerMonth),
	}
}

// PlanPrice is a plan's monthly price per developer: its price, or its seat
// price for plans sold only by the seat.
func PlanPrice(p tiers.Plan) tiers.Money {
	if p.PriceMonthly > 0 {
		return p.PriceMonthly
	}
	return p.SeatPriceMonthly
}

// EvaluatePlan rates one developer's day of work (dayCost) against a subscription's 5-hour
// and weekly allowances. Allowances are ranges of estimates, so the verdict
// is judged against the low end, and the report says plainly whether it
// fits even at the low estimate, only at the high one, or not at all.
// Exceeding the 5-hour window throttles (it resets); exceeding the weekly
// allowance blocks until the week resets.
func EvaluatePlan(dayCost Cost, w Workload, p tiers.Plan, headroom float64) Result {
	use := UseOf(dayCost, p.Counts, w)
	r := Result{
		Name: p.Name, Kind: KindSubscription,
		Utilization: map[Limit]float64{}, UtilizationHigh: map[Limit]float64{},
		MonthlyCost: PlanPrice(p) * tiers.Money(w.Devs),
		Verdict:     Fits,
	}
	worstU := -1.0
	rate := func(name Limit, used tiers.Money, a *tiers.Allowance, exceeded Verdict) {
		if a == nil || a.Low <= 0 {
			return
		}
		low, high := float64(used)/float64(a.Low), float64(used)/float64(a.High)
		r.Utilization[name], r.UtilizationHigh[name] = low, high
		v := Fits
		switch {
		case high > 1:
			v = exceeded
		case low > headroom:
			v = Tight
		}
		if v.rank() > r.Verdict.rank() || (v == r.Verdict && low > worstU) {
			r.Verdict, r.Binding, worstU = v, name, low
		}
	}
	rate(LimitWindow5h, use.Window5h, p.Window5h, Throttled)
	rate(LimitWeekly, use.Week, p.Weekly, Blocked)
	r.Allowance = allowanceFit(r)
	r.Reason = planReason(r, use, p)
	return r
}

func allowanceFit(r Result) string {
	lowOK, highOK := true, true
	for name, x := range r.Utilization {
		lowOK = lowOK && x <= 1
		highOK = highOK && r.UtilizationHigh[name] <= 1
	}
	switch {
	case len(r.Utilization) == 0:
		return "no allowance published"
	case lowOK:
		return "fits even at the low estimate"
	case highOK:
		return "fits only at the high estimate"
	}
	return "exceeds even the high estimate"
}

func planReason(r Result, use SubscriptionUse, p tiers.Plan) string {
	if r.Binding == "" {
		return "no allowance to compare against"
	}
	a := p.Window5h
	used := use.Window5h
	what := "a 5-hour window"
	if r.Binding == LimitWeekly {
		a, used, what = p.Weekly, use.Week, "a week"
	}
	return fmt.Sprintf("%s of API-equivalent use in %s against an estimated %s–%s: %s",
		used, what, a.Low, a.High, r.Allowance)
}
