package planner

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tierplan/tierplan/tiers"
)

// SubscriptionUse is one developer's API-equivalent use of the token kinds a
// plan counts, per day, per busiest 5-hour window and per week.
type SubscriptionUse struct {
	Day      tiers.Money `json:"day_usd"`
	Window5h tiers.Money `json:"window_5h_usd"`
	Week     tiers.Money `json:"week_usd"`
	// Meters is a week's use of the models each of the plan's own weekly
	// meters covers (Fable on Max), by meter; only meters in use.
	Meters map[string]tiers.Money `json:"weekly_meters_usd,omitempty"`
}

// weeksPerMonth converts working days per month to working days per week.
const weeksPerMonth = 52.0 / 12

// windowMs is a subscription's rolling usage window: five hours.
const windowMs = 5 * 3_600_000

// subscriptionUse is one developer's API-equivalent use of the token kinds a
// plan counts: per day (the mean session times sessions a day), per busiest
// 5-hour window of any developer in the modelled day (each session counted
// where it starts), per week (working days a month ÷ 52/12), and per week on
// each of the plan's own meters.
func subscriptionUse(r Resolved, costs []Cost, p tiers.Plan) SubscriptionUse {
	w := r.Workload
	counts := p.Counts
	var dayCost Cost
	for i, c := range costs {
		dayCost = dayCost.Add(c.Scale(w.SessionsPerDay * r.Parts[i].Share))
	}
	day := CountedCost(dayCost, counts)
	week := func(m tiers.Money) tiers.Money { return m.Scale(w.DaysPerMonth / weeksPerMonth) }
	var meters map[string]tiers.Money
	for _, m := range p.WeeklyMeters {
		var metered Cost
		for i, c := range costs {
			if slices.Contains(m.Models, r.Parts[i].Model.Name) {
				metered = metered.Add(c.Scale(w.SessionsPerDay * r.Parts[i].Share))
			}
		}
		if used := CountedCost(metered, counts); used > 0 {
			if meters == nil {
				meters = map[string]tiers.Money{}
			}
			meters[m.Name] = week(used)
		}
	}
	// Sessions of one developer, in start order.
	byDev := map[int][]tiers.Money{}
	starts := map[int][]int64{}
	for _, s := range r.Team.Starts(0) {
		a := r.Assign(0, s)
		byDev[s.Dev] = append(byDev[s.Dev], CountedCost(costs[a.Part], counts))
		starts[s.Dev] = append(starts[s.Dev], s.At)
	}
	var busiest tiers.Money
	for dev, cost := range byDev {
		at := starts[dev]
		var sum tiers.Money
		lo := 0
		for i := range cost {
			sum = sum.Plus(cost[i])
			for at[i]-at[lo] >= windowMs {
				sum = sum.Plus(-cost[lo])
				lo++
			}
			busiest = max(busiest, sum)
		}
	}
	return SubscriptionUse{Day: day, Window5h: busiest, Week: week(day), Meters: meters}
}

// sessionCosts is each resolved part's mean session at list prices.
func sessionCosts(r Resolved) []Cost {
	out := make([]Cost, len(r.Parts))
	for i, p := range r.Parts {
		out[i] = PriceUsage(expectedUsage(p.Spec, p.Model), p.Model)
	}
	return out
}

// PlanPrice is a plan's monthly price per developer: its price, or its seat
// price for plans sold only by the seat.
func PlanPrice(p tiers.Plan) tiers.Money {
	if p.PriceMonthly > 0 {
		return p.PriceMonthly
	}
	return p.SeatPriceMonthly
}

// EvaluatePlan rates one developer's use against a subscription's 5-hour and
// weekly allowances, counted in the token kinds the plan's estimates were
// measured in. Allowances are ranges of estimates, so the verdict
// is judged against the low end, and the report says plainly whether it
// fits even at the low estimate, only at the high one, or not at all.
// Exceeding the 5-hour window throttles (it resets); exceeding the weekly
// allowance blocks until the week resets.
func EvaluatePlan(use SubscriptionUse, w Workload, p tiers.Plan, headroom float64) Result {
	r := Result{
		Name: p.Name, Kind: KindSubscription,
		Utilization: map[Limit]float64{}, UtilizationHigh: map[Limit]float64{},
		MonthlyCost: PlanPrice(p).Times(int64(w.Devs)),
		Verdict:     Fits,
		Use:         &use,
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
	for _, m := range p.WeeklyMeters {
		if used, ok := use.Meters[m.Name]; ok && p.Weekly != nil {
			rate(MeterLimit(m.Name), used, meterAllowance(p.Weekly, m), Blocked)
		}
	}
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
		return fitsLow
	case highOK:
		return fitsHigh
	}
	return exceedsHigh
}

// How sure a subscription verdict is, as reports say it.
const (
	fitsLow     = "fits even at the low estimate"
	fitsHigh    = "fits only at the high estimate"
	exceedsHigh = "exceeds even the high estimate"
)

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
	for _, m := range p.WeeklyMeters {
		if r.Binding == MeterLimit(m.Name) {
			a, used = meterAllowance(p.Weekly, m), use.Meters[m.Name]
			what = fmt.Sprintf("a week on the %s meter (%s of the weekly allowance, for %s)", m.Name,
				strconv.FormatFloat(100*m.ShareOfWeekly, 'f', -1, 64)+"%", strings.Join(m.Models, ", "))
		}
	}
	return fmt.Sprintf("%s of API-equivalent use in %s against an estimated %s–%s: %s",
		used, what, a.Low, a.High, r.Allowance)
}

// MeterLimit names a plan's own weekly meter as a limit: weekly_fable.
func MeterLimit(meter string) Limit { return Limit("weekly_" + meter) }

// meterAllowance is a meter's share of the weekly allowance.
func meterAllowance(weekly *tiers.Allowance, m tiers.Meter) *tiers.Allowance {
	a := *weekly
	a.Low, a.High = weekly.Low.Scale(m.ShareOfWeekly), weekly.High.Scale(m.ShareOfWeekly)
	return &a
}
