package planner

import (
	"fmt"

	"github.com/tierplan/tierplan/tiers"
)

// BreakEven is where a plan gets cheaper than paying per token, along
// sessions per day (keeping tokens per session) and along tokens per
// session (keeping sessions per day). A plan is only a better deal where it
// is cheaper and its allowances, at their high estimate, still carry the
// work: the break-even respects the allowance.
type BreakEven struct {
	Plan string `json:"plan"`
	// SessionsPerDay is set when Sessions is "breaks_even": above it the
	// plan costs less than the API.
	SessionsPerDay *float64 `json:"sessions_per_day"`
	Sessions       string   `json:"sessions_break_even"`
	// TokensPerSession is set when Tokens is "breaks_even": above it the
	// plan costs less; TokensCarriedUpTo is where its allowance runs out.
	TokensPerSession  *int64 `json:"tokens_per_session"`
	Tokens            string `json:"tokens_break_even"`
	TokensCarriedUpTo *int64 `json:"tokens_carried_up_to,omitempty"`
	Note              string `json:"note,omitempty"`
}

// The outcomes of a break-even search, as sessions_break_even and
// tokens_break_even name them.
const (
	// BreaksEven: the plan gets cheaper past the number given.
	BreaksEven = "breaks_even"
	// AlwaysCheaper: the plan is cheaper at every size it can carry, from
	// the smallest session the workload can have.
	AlwaysCheaper = "always_cheaper"
	// NeverCheaper: the API stays cheaper up to MaxSweepTokens.
	NeverCheaper = "never_cheaper"
	// AllowanceExceeded: where the plan would be cheaper, its allowance
	// (even at the high estimate) cannot carry the work.
	AllowanceExceeded = "allowance_exceeded"
	// APIFree: the API bill is zero, so no plan is cheaper.
	APIFree = "api_free"
	// NotModelled: no session of these settings can be built (along
	// sessions per day: not at the number where the plan would match the
	// API's price; the note says why).
	NotModelled = "not_modelled"
)

// MaxSweepTokens bounds the tokens-per-session search for a break-even.
const MaxSweepTokens = 50_000_000

// quick is what the break-even searches need of a workload: its API bill and
// whether a plan carries it, without running the day through the buckets.
type quick struct {
	api     float64 // monthly API bill, micro-dollars
	carries bool
}

func quickLook(w Workload, t *tiers.Table, p tiers.Plan) (quick, error) {
	r, err := Resolve(w, t)
	if err != nil {
		return quick{}, err
	}
	costs := sessionCosts(r)
	res := EvaluatePlan(subscriptionUse(r, costs, p), r.Workload, p, r.Workload.Headroom)
	return quick{api: float64(monthlyAPICost(r, costs)), carries: res.Allowance != exceedsHigh}, nil
}

// monthlyAPICost is the team's bill a month at list prices, batch discount
// taken off the batch share.
func monthlyAPICost(r Resolved, costs []Cost) tiers.Money {
	w := r.Workload
	var sum tiers.Money
	for i, p := range r.Parts {
		sessions := float64(w.Devs) * w.SessionsPerDay * p.Share * w.DaysPerMonth
		inter := costs[i].Scale(sessions * (1 - w.BatchShare))
		batch := costs[i].Scale(sessions * w.BatchShare).Scale(1 - p.Model.BatchDiscount)
		sum += inter.Total + batch.Total
	}
	return sum
}

// FindBreakEven finds where plan p gets cheaper than the API and can still
// carry the work: by formula along sessions per day (the bill is linear in
// sessions), and by bisection along tokens per session (the bill grows with
// them, and the plan's use with it).
func FindBreakEven(w Workload, t *tiers.Table, p tiers.Plan) (BreakEven, error) {
	be := BreakEven{Plan: p.Name}
	planCost := float64(PlanPrice(p).Times(int64(max(1, w.Devs))))
	one := w
	one.SessionsPerDay = 1
	q, err := quickLook(one, t, p)
	if err != nil {
		return be, err
	}
	switch {
	case q.api <= 0:
		be.Sessions = APIFree
	default:
		s := planCost / q.api
		at := w
		at.SessionsPerDay = max(s, 1e-9)
		switch x, err := quickLook(at, t, p); {
		case err != nil:
			be.Sessions = NotModelled
			be.Note = fmt.Sprintf("at %.1f sessions a day, where it would match the API's price: %v", s, err)
		case x.carries:
			be.Sessions, be.SessionsPerDay = BreaksEven, &s
		default:
			be.Sessions = AllowanceExceeded
			be.Note = fmt.Sprintf("at %.1f sessions a day, where it would match the API's price, its allowance would be used up", s)
		}
	}
	return tokensBreakEven(w, t, p, planCost, be)
}

// tokensBreakEven bisects tokens per session twice: for X, the first size
// whose API bill passes the plan's price, and for Y, the last size the plan
// carries. The plan is the better deal on (X, Y].
func tokensBreakEven(w Workload, t *tiers.Table, p tiers.Plan, planCost float64, be BreakEven) (BreakEven, error) {
	at := func(tok int64) (quick, error) {
		x := w
		x.TokensPerSession, x.CallsPerSession = tok, 0
		return quickLook(x, t, p)
	}
	lo := int64(1_000)
	qLo, err := at(lo)
	for err != nil && lo < MaxSweepTokens {
		lo *= 2
		qLo, err = at(lo)
	}
	if err != nil {
		be.Tokens = NotModelled
		return be, nil
	}
	// Y: the largest size the plan carries (carrying only gets harder).
	carried := int64(0)
	if qLo.carries {
		carried = bisect(lo, MaxSweepTokens, func(tok int64) bool { q, err := at(tok); return err == nil && q.carries })
		be.TokensCarriedUpTo = &carried
	}
	// X: the smallest size whose bill passes the plan's price.
	var cheaperFrom int64
	switch qHi, err := at(MaxSweepTokens); {
	case qLo.api > planCost:
		cheaperFrom = lo
	case err != nil || qHi.api <= planCost:
		be.Tokens = NeverCheaper
		return be, nil
	default:
		cheaperFrom = 1 + bisect(lo, MaxSweepTokens, func(tok int64) bool { q, err := at(tok); return err == nil && q.api <= planCost })
	}
	switch {
	case carried < cheaperFrom:
		be.Tokens = AllowanceExceeded
	case cheaperFrom == lo:
		be.Tokens = AlwaysCheaper
	default:
		be.Tokens, be.TokensPerSession = BreaksEven, &cheaperFrom
	}
	return be, nil
}

// bisect returns the largest n in [lo, hi] with ok(n), given ok(lo) and that
// ok holds on a prefix of the range; to 1,000 tokens.
func bisect(lo, hi int64, ok func(int64) bool) int64 {
	if ok(hi) {
		return hi
	}
	for hi-lo > 1_000 {
		mid := lo + (hi-lo)/2
		if ok(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}
