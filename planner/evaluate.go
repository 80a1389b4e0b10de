package planner

import (
	"fmt"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// Result is one workload on one tier or plan.
type Result struct {
	Name        string            `json:"tier"`
	Kind        string            `json:"kind"` // "api" or "subscription"
	Verdict     Verdict           `json:"verdict"`
	Binding     Limit             `json:"binding_limit"`
	Utilization map[Limit]float64 `json:"utilization"`
	MonthlyCost tiers.Money       `json:"monthly_cost_usd"`
	// ThrottledFromCall is the call of a session from which it is throttled
	// (API tiers); nil when it never is.
	ThrottledFromCall *int `json:"throttled_from_call"`
	// BindingPool names the pool of the binding limit when a model mix
	// draws on several pools.
	BindingPool string `json:"binding_pool,omitempty"`
	// UtilizationHigh is utilisation against the high estimate of a
	// subscription's allowances (the Utilization map uses the low one).
	UtilizationHigh map[Limit]float64 `json:"utilization_at_high_estimate,omitempty"`
	// Allowance says plainly how sure a subscription verdict is.
	Allowance string `json:"allowance_fit,omitempty"`
	Reason    string `json:"reason"`
	// Reached is how an organisation gets an API tier, from the table
	// ("automatic (usage history and account standing)", "deposit $40").
	Reached string `json:"reached,omitempty"`
	// Use is a subscription's measured use: one developer's API-equivalent
	// dollars per day, busiest 5-hour window and week, in the token kinds
	// the plan counts.
	Use *SubscriptionUse `json:"subscription_use,omitempty"`
	// Expected429PerHour is filled by a simulation (plan --simulate).
	Expected429PerHour *float64 `json:"expected_429_per_hour,omitempty"`
	// UnknownLimits names the pools whose limits the vendor does not
	// publish: the verdict rests on the tier's other limits alone.
	UnknownLimits []string `json:"unknown_limits,omitempty"`
	// APICredit is the part of an API tier's bill a subscription's monthly
	// API credits pay (plan and cost --subscriber); MonthlyCost is what is
	// left.
	APICredit *tiers.Money `json:"api_credit_usd,omitempty"`
}

// Kinds of option.
const (
	KindAPI          = "api"
	KindSubscription = "subscription"
)

// PoolLoad is what the interactive work on one rate-limit pool asks of a
// tier: its day in the buckets and its daily budgets.
type PoolLoad struct {
	Pool          string
	Limits        tiers.Limits
	DailyTokens   int64
	DailyRequests int64
	trace         *poolTrace
}

// EvaluateTier rates a workload's load on each pool against one API tier:
// the day runs through the tier's buckets (the limiter simulate uses), and
// the budgets are compared with the totals. Each limit's utilisation is the
// highest over the pools; BindingPool names the pool of the binding one.
func EvaluateTier(loads []PoolLoad, window time.Duration, monthly tiers.Money, batchPerDay int64, t tiers.Tier, headroom float64) Result {
	if t.Free {
		monthly = 0 // a free tier bills nothing; only its limits apply
	}
	u := map[Limit]float64{}
	poolOf := map[Limit]string{}
	put := func(name Limit, pool string, x float64) {
		if old, ok := u[name]; !ok || x > old {
			u[name], poolOf[name] = x, pool
		}
	}
	share := func(demand, limit int64) (float64, bool) {
		return float64(demand) / float64(limit), limit > 0
	}
	firstRejected := map[string]int{}
	for _, pl := range loads {
		m := pl.trace.meter(pl.Limits, window)
		for name, x := range m.use {
			put(name, pl.Pool, x)
		}
		if len(m.use) > 0 {
			put(LimitRequestSize, pl.Pool, m.requestSize)
		}
		firstRejected[pl.Pool] = m.firstRejected
		if x, ok := share(pl.DailyTokens, pl.Limits.TokensPerDay); ok {
			put(LimitDailyTokens, pl.Pool, x)
		}
		if x, ok := share(pl.DailyRequests, pl.Limits.RequestsPerDay); ok {
			put(LimitDailyRequests, pl.Pool, x)
		}
	}
	if t.HasSpendCap && t.MonthlySpendCap > 0 {
		u[LimitMonthlySpend] = float64(monthly) / float64(t.MonthlySpendCap)
	}
	if t.Batch != nil && batchPerDay > 0 && t.Batch.QueueRequests > 0 {
		put(LimitBatchQueue, "", float64(batchPerDay)/float64(t.Batch.QueueRequests))
	}

	r := Result{Name: t.Name, Kind: KindAPI, Utilization: u, MonthlyCost: monthly}
	r.Verdict, r.Binding = judge(u, headroom, func(l Limit) Verdict {
		if l.perMinute() || l == LimitBatchQueue {
			return Throttled
		}
		return Blocked
	})
	if len(loads) > 1 {
		r.BindingPool = poolOf[r.Binding]
	}
	var binding PoolLoad
	for _, pl := range loads {
		if pl.Pool == poolOf[r.Binding] || len(loads) == 1 {
			binding = pl
		}
	}
	if first := firstThrottled(u, poolOf, firstRejected); first > 0 {
		r.ThrottledFromCall = &first
	}
	r.Reason = tierReason(r, binding, t)
	r.Reached = t.Reached
	return r
}

// firstThrottled is the call from which sessions get 429s: on the pool of
// the most exceeded per-minute limit (or of a call larger than a bucket),
// the work call of the day's first rejection. Zero when none is exceeded.
func firstThrottled(u map[Limit]float64, poolOf map[Limit]string, first map[string]int) int {
	worst, pool := 1.0, ""
	for _, l := range []Limit{LimitRequestSize, LimitRPM, LimitITPM, LimitOTPM, LimitTPM} {
		if x, ok := u[l]; ok && x > worst {
			worst, pool = x, poolOf[l]
		}
	}
	if pool == "" {
		return 0
	}
	return first[pool]
}

// judge turns utilisations into a verdict and the binding limit: the most
// used limit among the worst-rated ones. exceeded says what exceeding a
// limit means (throttled or blocked).
func judge(u map[Limit]float64, headroom float64, exceeded func(Limit) Verdict) (Verdict, Limit) {
	verdict, binding, bindingU := Fits, Limit(""), -1.0
	for _, name := range limitOrder {
		x, ok := u[name]
		if !ok {
			continue
		}
		v := Fits
		switch {
		case x > 1:
			v = exceeded(name)
		case x > headroom:
			v = Tight
		}
		if v.rank() > verdict.rank() || (v == verdict && x > bindingU) {
			verdict, binding, bindingU = v, name, x
		}
	}
	return verdict, binding
}

func tierReason(r Result, pl PoolLoad, t tiers.Tier) string {
	pct := func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }
	switch {
	case r.Binding == LimitRequestSize && r.Verdict == Blocked:
		big := tokensOf(pl.trace.largest)
		return fmt.Sprintf("one call needs %s of a bucket (%s input tokens against %s ITPM): it can never pass",
			pct(r.Utilization[LimitRequestSize]), tiers.GroupDigits(big.ITPM), tiers.GroupDigits(pl.Limits.ITPM))
	case r.Binding == LimitMonthlySpend && r.Verdict == Blocked:
		return fmt.Sprintf("%s a month exceeds the %s spend cap: requests stop until the 1st (UTC)", r.MonthlyCost, t.MonthlySpendCap)
	case r.Verdict == Blocked:
		return fmt.Sprintf("the %s is used up (%s of it)", r.Binding.Describe(), pct(r.Utilization[r.Binding]))
	case r.Verdict == Throttled:
		s := fmt.Sprintf("the day's busiest moment needs %s of the %s", pct(r.Utilization[r.Binding]), r.Binding.Describe())
		if r.ThrottledFromCall != nil {
			s += fmt.Sprintf("; 429s from call %d of a session", *r.ThrottledFromCall)
		}
		if b, x, ok := lowestBudget(r.Utilization); ok && x < 0.5 {
			s += fmt.Sprintf(", while the %s is only %s used", b.Describe(), pct(x))
		}
		return s
	case r.Binding == "":
		return "no limit applies"
	}
	return fmt.Sprintf("most used: %s at %s", r.Binding.Describe(), pct(r.Utilization[r.Binding]))
}

// lowestBudget finds the daily or monthly budget a dashboard would show, if
// the tier has one.
func lowestBudget(u map[Limit]float64) (Limit, float64, bool) {
	for _, name := range limitOrder {
		if x, ok := u[name]; ok && name.budget() {
			return name, x, true
		}
	}
	return "", 0, false
}
