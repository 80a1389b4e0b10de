package planner

import (
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
	// APICredit is what a held subscription's API credits pay of an API
	// option's bill (cost --subscriber); MonthlyCost is the rest.
	APICredit *tiers.Money `json:"api_credit_usd,omitempty"`
	// UnknownLimits are pools whose limits are not published: the
	// verdict rests on the others.
	UnknownLimits []string `json:"unknown_limits,omitempty"`
}

// Range is a low–high estimate.
type Range struct {
	Low  tiers.Money `json:"low"`
	High tiers.Money `json:"high"`
}

// BuildCostReport prices a workload and compares every option; with
// opt.Subscriber, API options cost what is left after that plan's credits.
func BuildCostReport(w Workload, t *tiers.Table, opt Options) (CostReport, error) {
	wp, err := PlanWorkload(w, t, Options{Subscriber: opt.Subscriber})
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
	for _, res := range wp.Results {
		o := Option{Name: res.Name, Kind: res.Kind, MonthlyCost: res.MonthlyCost, Verdict: res.Verdict, Binding: res.Binding,
			Allowance: res.Allowance, APICredit: res.APICredit, UnknownLimits: res.UnknownLimits}
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
		if _, miss := planMissesModel(p, wp.Parts); miss || !p.Evaluated() || w.Fast {
			continue
		}
		// The searches resolve the user's inputs again at other sizes: the
		// report's echo carries derived values (a solved growth, the first
		// model's speed) that would read as the user's own settings.
		be, err := FindBreakEven(w, t, p)
		if err != nil {
			return CostReport{}, err
		}
		r.BreakEven = append(r.BreakEven, be)
	}
	return r, nil
}
