package planner

import (
	"fmt"
	"math"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// CostReport answers "API or subscription?" for one workload: the API bill
// by token kind and model, every option's monthly cost and verdict, the
// cheapest that fits, and where each plan breaks even.
type CostReport struct {
	SchemaVersion int      `json:"schema_version"`
	TiersSource   string   `json:"tiers_source"`
	TiersAsOf     string   `json:"tiers_as_of"`
	Workload      Workload `json:"inputs"`
	// APICost is the monthly bill at list prices, by token kind, with the
	// batch discount applied to the batch share.
	APICost tiers.Money `json:"api_monthly_cost_usd"`
	ByKind  Cost        `json:"api_cost_by_kind"`
	ByModel []ModelCost `json:"api_cost_by_model"`
	// BatchSavings is what the batch share saves against list prices.
	BatchSavings tiers.Money `json:"batch_savings_usd"`
	Options      []Option    `json:"options"`
	// Cheapest is the cheapest option that fits; nil when none does.
	Cheapest  *string     `json:"cheapest"`
	BreakEven []BreakEven `json:"break_even"`
	Sweep     *Sweep      `json:"sweep,omitempty"`
	Notes     []string    `json:"notes"`
}

// ModelCost is one model's (and batch or not) share of the bill.
type ModelCost struct {
	Model string      `json:"model"`
	Batch bool        `json:"batch"`
	Share float64     `json:"share"`
	Cost  tiers.Money `json:"monthly_cost_usd"`
}

// Option is one tier or plan with its monthly cost and verdict.
type Option struct {
	Name        string      `json:"name"`
	Kind        string      `json:"kind"`
	MonthlyCost tiers.Money `json:"monthly_cost_usd"`
	Verdict     Verdict     `json:"verdict"`
	Binding     Limit       `json:"binding_limit"`
	// Subscriptions: one developer's API-equivalent use per busiest 5-hour
	// window and per week, against the plan's estimated allowances.
	Window5hUSD *tiers.Money `json:"window_5h_usd,omitempty"`
	WeeklyUSD   *tiers.Money `json:"weekly_usd,omitempty"`
	Window5h    *Range       `json:"window_5h_allowance_usd,omitempty"`
	Weekly      *Range       `json:"weekly_allowance_usd,omitempty"`
	Allowance   string       `json:"allowance_fit,omitempty"`
}

// Range is a low–high estimate.
type Range struct {
	Low  tiers.Money `json:"low"`
	High tiers.Money `json:"high"`
}

// BuildCostReport prices a workload and compares every option.
func BuildCostReport(w Workload, t *tiers.Table) (CostReport, error) {
	wp, err := PlanWorkload(w, t, Options{})
	if err != nil {
		return CostReport{}, err
	}
	r := CostReport{
		SchemaVersion: ReportSchemaVersion, TiersSource: t.Origin, Workload: wp.Workload,
		APICost: wp.MonthlyCost.Total, ByKind: wp.MonthlyCost, Notes: wp.Notes,
		Cheapest: wp.Recommendation.Tier,
	}
	if !t.AsOf.IsZero() {
		r.TiersAsOf = t.AsOf.Format(time.DateOnly)
	}
	for _, p := range wp.Parts {
		r.ByModel = append(r.ByModel, ModelCost{p.Model.Name, p.Batch, p.Share, p.MonthlyCost.Total})
		if p.Batch {
			r.BatchSavings += PriceUsage(p.MonthlyUsage, p.model).Total - p.MonthlyCost.Total
		}
	}
	w = wp.Workload
	for _, res := range wp.Results {
		o := Option{Name: res.Name, Kind: res.Kind, MonthlyCost: res.MonthlyCost, Verdict: res.Verdict, Binding: res.Binding, Allowance: res.Allowance}
		if p, ok := t.Plan(res.Name); ok && res.Use != nil {
			o.Window5hUSD, o.WeeklyUSD = &res.Use.Window5h, &res.Use.Week
			if p.Window5h != nil {
				o.Window5h = &Range{p.Window5h.Low, p.Window5h.High}
			}
			if p.Weekly != nil {
				o.Weekly = &Range{p.Weekly.Low, p.Weekly.High}
			}
		}
		r.Options = append(r.Options, o)
	}
	for _, p := range t.Plans {
		if _, miss := planMissesModel(p, wp.Parts); miss {
			continue
		}
		be, err := FindBreakEven(w, t, p)
		if err != nil {
			return CostReport{}, err
		}
		r.BreakEven = append(r.BreakEven, be)
	}
	return r, nil
}

// BreakEven is where a plan gets cheaper than paying per token.
type BreakEven struct {
	Plan string `json:"plan"`
	// SessionsPerDay is the sessions per developer per day above which the
	// plan costs less than the API, keeping tokens per session; nil when it
	// never does (its allowance runs out first, or the work costs nothing).
	SessionsPerDay *float64 `json:"sessions_per_day"`
	// TokensPerSession is the same point along tokens per session, keeping
	// sessions per day; nil when it never breaks even below MaxSweepTokens.
	TokensPerSession *int64 `json:"tokens_per_session"`
	Note             string `json:"note,omitempty"`
}

// MaxSweepTokens bounds the tokens-per-session search for a break-even.
const MaxSweepTokens = 50_000_000

// apiCostPerSession is the team's monthly API bill per unit of sessions per
// developer per day. The bill is linear in sessions (every session is the
// same), which is what makes the break-even a formula.
func apiCostPerSession(w Workload, t *tiers.Table) (float64, error) {
	probe := w
	probe.SessionsPerDay = 1
	wp, err := PlanWorkload(probe, t, Options{})
	if err != nil {
		return 0, err
	}
	return float64(wp.MonthlyCost.Total), nil
}

// FindBreakEven finds where plan p gets cheaper than the API: by formula
// along sessions per day (price × developers ÷ API cost per session-day),
// and by bisection along tokens per session. A break-even the plan cannot
// carry (its use exceeds even the high estimate of an allowance there) is
// reported as none, with the reason.
func FindBreakEven(w Workload, t *tiers.Table, p tiers.Plan) (BreakEven, error) {
	be := BreakEven{Plan: p.Name}
	planCost := float64(PlanPrice(p) * tiers.Money(max(1, w.Devs)))
	perSession, err := apiCostPerSession(w, t)
	if err != nil {
		return be, err
	}
	if perSession > 0 {
		s := planCost / perSession
		at := w
		at.SessionsPerDay = math.Max(s, 1e-9)
		if ok, why := planCarries(at, t, p); ok {
			be.SessionsPerDay = &s
		} else {
			be.Note = fmt.Sprintf("at %.1f sessions a day, where it would match the API's price, %s", s, why)
		}
	} else {
		be.Note = "the API bill is zero"
	}
	tok, ok, note, err := tokensBreakEven(w, t, p, planCost)
	if err != nil {
		return be, err
	}
	if ok {
		be.TokensPerSession = &tok
	}
	if note != "" {
		if be.Note != "" {
			be.Note += "; "
		}
		be.Note += "along tokens per session: " + note
	}
	return be, nil
}

// planCarries reports whether the plan's allowances, at their high
// estimate, can carry the workload.
func planCarries(w Workload, t *tiers.Table, p tiers.Plan) (bool, string) {
	wp, err := PlanWorkload(w, t, Options{Only: []string{p.Name}})
	if err != nil || len(wp.Results) == 0 {
		return false, "it cannot be evaluated"
	}
	r := wp.Results[0]
	if r.Allowance == "exceeds even the high estimate" {
		return false, fmt.Sprintf("its %s would already be exceeded", r.Binding.Describe())
	}
	return true, ""
}

// tokensBreakEven bisects tokens per session for the point where the API
// bill passes the plan's price. The bill grows with tokens, so the first
// size whose bill exceeds the price is found in ~30 steps. Sizes the session
// model cannot build (below the prefix, say) are never taken for "cheaper":
// the search starts at the smallest size that has a session, and when even
// that costs more than the plan, the plan is cheaper at every size.
func tokensBreakEven(w Workload, t *tiers.Table, p tiers.Plan, planCost float64) (tok int64, ok bool, note string, err error) {
	cost := func(tok int64) (float64, error) {
		x := w
		x.TokensPerSession = tok
		wp, err := PlanWorkload(x, t, Options{})
		if err != nil {
			return 0, err
		}
		return float64(wp.MonthlyCost.Total), nil
	}
	lo := int64(1_000)
	cLo, err := cost(lo)
	for err != nil && lo < MaxSweepTokens {
		lo *= 2
		cLo, err = cost(lo)
	}
	switch {
	case err != nil:
		return 0, false, "no session size up to " + FormatQuantity(MaxSweepTokens) + " tokens can be modelled with these settings", nil
	case cLo > planCost:
		return 0, false, fmt.Sprintf("cheaper than the API at every session size this workload can have (from %s tokens)", FormatQuantity(lo)), nil
	}
	hi := int64(MaxSweepTokens)
	if c, err := cost(hi); err != nil || c <= planCost {
		return 0, false, "", nil
	}
	for hi-lo > 1_000 {
		mid := lo + (hi-lo)/2
		c, err := cost(mid)
		if err != nil {
			return 0, false, fmt.Sprintf("the session model has no solution at %s tokens with these settings", FormatQuantity(mid)), nil
		}
		if c <= planCost {
			lo = mid
		} else {
			hi = mid
		}
	}
	at := w
	at.TokensPerSession = hi
	if ok, _ := planCarries(at, t, p); !ok {
		return 0, false, "", nil
	}
	return hi, true, "", nil
}
