package planner

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// ReportSchemaVersion versions the JSON contract of plan reports.
const ReportSchemaVersion = 1

// Report is the result of planning one or more workloads against a table;
// every output format renders this one model.
type Report struct {
	SchemaVersion int            `json:"schema_version"`
	TiersSource   string         `json:"tiers_source"`
	TiersAsOf     string         `json:"tiers_as_of"`
	Workloads     []WorkloadPlan `json:"workloads"`
}

// WorkloadPlan is one workload's plan.
type WorkloadPlan struct {
	Name     string      `json:"name"`
	Workload Workload    `json:"inputs"`
	Model    ModelInfo   `json:"model"`
	Session  SessionInfo `json:"session"`
	Demand   Demand      `json:"demand"`
	// MonthlyUsage is the team's tokens per month by kind.
	MonthlyUsage   Usage          `json:"monthly_tokens_by_kind"`
	MonthlyCost    Cost           `json:"monthly_api_cost"`
	Results        []Result       `json:"results"`
	Recommendation Recommendation `json:"recommendation"`
	Notes          []string       `json:"notes"`
}

// ModelInfo names the model and the pool whose limits apply.
type ModelInfo struct {
	Name string `json:"name"`
	Pool string `json:"pool"`
}

// SessionInfo summarises the modelled session.
type SessionInfo struct {
	Calls          int     `json:"calls"`
	CallsDerived   bool    `json:"calls_derived"`
	Compactions    int     `json:"compactions"`
	GrowthPerCall  float64 `json:"growth_per_call"`
	OutputPerCall  int64   `json:"output_per_call"`
	FirstContext   int64   `json:"first_context"`
	LargestContext int64   `json:"largest_context"`
	Tokens         int64   `json:"tokens"`
	CacheTTL       string  `json:"cache"`
}

// Options are the choices about a plan that are not part of a workload.
type Options struct {
	// Tiers limits the evaluation to these tier and plan names (all if empty).
	Only []string
}

// Plan evaluates each workload against every tier and plan of the table.
func Plan(ws []Workload, t *tiers.Table, opt Options) (Report, error) {
	r := Report{SchemaVersion: ReportSchemaVersion, TiersSource: t.Origin}
	if !t.AsOf.IsZero() {
		r.TiersAsOf = t.AsOf.Format(time.DateOnly)
	}
	for _, w := range ws {
		wp, err := PlanWorkload(w, t, opt)
		if err != nil {
			if len(ws) > 1 {
				return Report{}, fmt.Errorf("workload %q: %w", w.Name, err)
			}
			return Report{}, err
		}
		r.Workloads = append(r.Workloads, wp)
	}
	return r, nil
}

// LookupModel finds a workload's model or says which models exist.
func LookupModel(t *tiers.Table, name string) (tiers.Model, error) {
	m, ok := t.Model(name)
	if !ok {
		names := make([]string, len(t.Models))
		for i, x := range t.Models {
			names[i] = x.Name
		}
		return tiers.Model{}, fmt.Errorf("unknown model %q (the tier table has: %s)", name, strings.Join(names, ", "))
	}
	return m, nil
}

// PlanWorkload builds the session, its demand and cost, rates every tier and
// plan, and recommends one.
func PlanWorkload(w Workload, t *tiers.Table, opt Options) (WorkloadPlan, error) {
	if w.Model == "" {
		w.Model = DefaultModel
	}
	m, err := LookupModel(t, w.Model)
	if err != nil {
		return WorkloadPlan{}, err
	}
	w = w.WithDefaults(m.ContextWindow)
	s, err := BuildSession(w, m)
	if err != nil {
		return WorkloadPlan{}, err
	}
	d := ComputeDemand(s, m, w)
	ttlHour := w.CacheTTLName() == "1h"
	sessionUsage := SessionUsage(s, m, ttlHour)
	monthlyUsage := sessionUsage.Scale(d.SessionsPerMonth)
	monthly := PriceUsage(monthlyUsage, m)
	sessionCost := PriceUsage(sessionUsage, m)

	wp := WorkloadPlan{
		Name: w.Name, Workload: w, Model: ModelInfo{m.Name, m.Pool}, Demand: d,
		MonthlyUsage: monthlyUsage, MonthlyCost: monthly,
		Session: SessionInfo{
			Calls: s.WorkCalls, CallsDerived: s.CallsDerived, Compactions: s.Compactions,
			GrowthPerCall: s.Growth, OutputPerCall: s.OutputPerCall, FirstContext: s.Calls[0].Context,
			LargestContext: s.LargestContext(), Tokens: s.Tokens(), CacheTTL: w.CacheTTLName(),
		},
	}
	selected := func(name string) bool {
		if len(opt.Only) == 0 {
			return true
		}
		for _, o := range opt.Only {
			if o == name {
				return true
			}
		}
		return false
	}
	for _, tier := range t.Tiers {
		if !selected(tier.Name) {
			continue
		}
		l, ok := tier.Limits[m.Pool]
		switch {
		case tier.Negotiated:
			wp.Notes = append(wp.Notes, fmt.Sprintf("%s: limits are negotiated with the vendor; not evaluated", tier.Name))
			continue
		case !ok:
			wp.Notes = append(wp.Notes, fmt.Sprintf("%s: no limits for pool %s in the table; not evaluated", tier.Name, m.Pool))
			continue
		}
		wp.Results = append(wp.Results, EvaluateTier(d, monthly.Total, l, tier, w.Headroom))
	}
	for _, p := range t.Plans {
		if selected(p.Name) && planCovers(p, m.Name) {
			wp.Results = append(wp.Results, EvaluatePlan(sessionCost, w, p, w.Headroom))
		}
	}
	wp.Recommendation = Recommend(wp.Results)
	if note := budgetParadox(wp.Results); note != "" {
		wp.Notes = append(wp.Notes, note)
	}
	return wp, nil
}

func planCovers(p tiers.Plan, model string) bool {
	if len(p.Models) == 0 {
		return true
	}
	for _, m := range p.Models {
		if m == model {
			return true
		}
	}
	return false
}

// budgetParadox finds the "6% used, still 429" case: a tier throttled by a
// per-minute limit while its daily or monthly budget is barely touched.
func budgetParadox(rs []Result) string {
	for _, r := range rs {
		if r.Kind != KindAPI || r.Verdict != Throttled || !r.Binding.perMinute() {
			continue
		}
		b, x, ok := lowestBudget(r.Utilization)
		if !ok || x >= 0.5 {
			continue
		}
		return fmt.Sprintf("on %s the %s would be only %.0f%% used, yet the peak minute needs %.0f%% of the %s: "+
			"a dashboard would show plenty left while calls get 429s, because per-minute limits bind long before budgets",
			r.Name, b.Describe(), 100*x, 100*r.Utilization[r.Binding], r.Binding.Describe())
	}
	return ""
}

// sortedCopy orders results by monthly cost, API tiers before plans at equal
// cost, then by table order.
func sortedCopy(rs []Result) []Result {
	out := append([]Result(nil), rs...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].MonthlyCost != out[j].MonthlyCost {
			return out[i].MonthlyCost < out[j].MonthlyCost
		}
		return out[i].Kind == KindAPI && out[j].Kind != KindAPI
	})
	return out
}
