package planner

import (
	"fmt"
	"slices"
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
	Name     string   `json:"name"`
	Workload Workload `json:"inputs"`
	// Parts is the workload by model and by interactive or batch work; a
	// single-model workload without batch has one part.
	Parts []Part `json:"parts"`
	// MonthlyUsage is the team's tokens per month by kind, all parts.
	MonthlyUsage   Usage          `json:"monthly_tokens_by_kind"`
	MonthlyCost    Cost           `json:"monthly_api_cost"`
	Results        []Result       `json:"results"`
	Recommendation Recommendation `json:"recommendation"`
	Notes          []string       `json:"notes"`
}

// Options are the choices about a plan that are not part of a workload.
type Options struct {
	// Tiers limits the evaluation to these tier and plan names (all if empty).
	Only []string
	// Subscriber names a plan the user already holds: its monthly API
	// credits are taken off every API tier's bill.
	Subscriber string
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

// DefaultModelOf is the model a workload that names none is planned on:
// DefaultModel, or the table's first model when the table (another
// vendor's, say) has no model of that name.
func DefaultModelOf(t *tiers.Table) string {
	if _, ok := t.Model(DefaultModel); ok || len(t.Models) == 0 {
		return DefaultModel
	}
	return t.Models[0].Name
}

// LookupModel finds a workload's model by its short name, a model id or a
// dotted version (through the table's match prefixes), or says which
// models exist and which one the name is nearest.
func LookupModel(t *tiers.Table, name string) (tiers.Model, error) {
	m, _, err := t.ResolveModel(name)
	return m, err
}

// PlanWorkload resolves a workload, lays out its day, runs it through every
// tier's buckets and rates every plan's allowances, and recommends one.
func PlanWorkload(w Workload, t *tiers.Table, opt Options) (WorkloadPlan, error) {
	r, err := Resolve(w, t)
	if err != nil {
		return WorkloadPlan{}, err
	}
	wp := PlanResolved(r, t, opt)
	if err := wp.checkCountable(t); err != nil {
		return WorkloadPlan{}, err
	}
	return wp, nil
}

// checkCountable refuses a plan whose money passed tiers.MaxMoney (about
// $9.2 trillion): the sums stop there rather than wrap to a negative
// amount, and a figure that stopped is no figure to report.
func (wp WorkloadPlan) checkCountable(t *tiers.Table) error {
	beyond := wp.MonthlyCost.Total.Saturated()
	for _, res := range wp.Results {
		beyond = beyond || res.MonthlyCost.Saturated()
		if res.Use != nil {
			beyond = beyond || res.Use.Day.Saturated() || res.Use.Window5h.Saturated() || res.Use.Week.Saturated()
		}
	}
	if !beyond {
		return nil
	}
	return fmt.Errorf("this workload would cost more than %s a month at the prices of %s, beyond what tierplan counts: check the table's prices (per million tokens) and the workload's size", tiers.MaxMoney, t.Origin)
}

// PlanResolved plans a resolved workload.
func PlanResolved(r Resolved, t *tiers.Table, opt Options) WorkloadPlan {
	w := r.Workload
	trace := buildTrace(r)
	pools := poolTraces(trace, r)
	parts := buildParts(r, trace, pools)
	monthly := totalCost(parts)
	wp := WorkloadPlan{Name: w.Name, Workload: w, Parts: parts, MonthlyUsage: totalUsage(parts), MonthlyCost: monthly,
		Notes: append([]string{}, r.Notes...)}
	batchPerDay := batchRequestsPerDay(parts)
	costs := sessionCosts(r)
	unknown := map[string][]string{} // pool → the tiers whose verdicts rest on its unknown limits
	for _, tier := range t.Tiers {
		if !opt.selected(tier.Name) {
			continue
		}
		if tier.Negotiated {
			wp.Notes = append(wp.Notes, fmt.Sprintf("%s: limits are negotiated with the vendor; not evaluated", tier.Name))
			continue
		}
		loads, missing, unknownPools := poolLoads(parts, pools, tier, t.UnknownLimits)
		if missing != "" {
			wp.Notes = append(wp.Notes, fmt.Sprintf("%s: no limits for pool %s in the table; not evaluated", tier.Name, missing))
			continue
		}
		res := EvaluateTier(loads, r.Window, monthly.Total, batchPerDay, tier, w.Headroom)
		if len(unknownPools) > 0 {
			res.UnknownLimits = unknownPools
			res.Reason += fmt.Sprintf("; the limits of pool %s are not known", strings.Join(unknownPools, ", "))
			for _, p := range unknownPools {
				unknown[p] = append(unknown[p], tier.Name)
			}
		}
		wp.Results = append(wp.Results, res)
	}
	wp.Notes = append(wp.Notes, unknownNote(t, unknown)...)
	if opt.Subscriber != "" {
		applyCredits(&wp, t, opt.Subscriber)
	}
	fastNoted := false
	var unevaluated []string // plans with no allowance, and why, in table order
	unevaluatedWhy := map[string][]string{}
	for _, p := range t.Plans {
		if !opt.selected(p.Name) {
			continue
		}
		switch m, misses := planMissesModel(p, parts); {
		case w.Fast:
			if !fastNoted {
				wp.Notes = append(wp.Notes, "plans: fast mode on a subscription is not in the tier table; not evaluated")
				fastNoted = true
			}
		case !p.Evaluated():
			if _, seen := unevaluatedWhy[p.AllowanceUnknown]; !seen {
				unevaluated = append(unevaluated, p.AllowanceUnknown)
			}
			unevaluatedWhy[p.AllowanceUnknown] = append(unevaluatedWhy[p.AllowanceUnknown], p.Name)
		case misses:
			wp.Notes = append(wp.Notes, fmt.Sprintf("%s: does not include %s; not evaluated", p.Name, m))
		default:
			wp.Results = append(wp.Results, EvaluatePlan(subscriptionUse(r, costs, p), w, p, w.Headroom))
		}
	}
	for _, why := range unevaluated {
		wp.Notes = append(wp.Notes, fmt.Sprintf("%s: %s; not evaluated", strings.Join(unevaluatedWhy[why], ", "), why))
	}
	if m := parts[0].Session.Minutes; m > w.HoursPerDay*60 {
		wp.Notes = append(wp.Notes, fmt.Sprintf("a session takes %.0f minutes, longer than the %g-hour working day", m, w.HoursPerDay))
	}
	wp.Recommendation = Recommend(wp.Results)
	if note := budgetParadox(wp.Results); note != "" {
		wp.Notes = append(wp.Notes, note)
	}
	return wp
}

// selected reports whether --only lets a tier or plan through.
func (o Options) selected(name string) bool {
	return len(o.Only) == 0 || slices.Contains(o.Only, name)
}

// poolLoads groups the interactive parts by pool with the tier's limits for
// each; missing names a pool the tier has no limits for, unknown the pools
// whose limits are not published (they load the tier with no limits).
func poolLoads(parts []Part, pools []*poolTrace, tier tiers.Tier, unpublished map[string]string) (loads []PoolLoad, missing string, unknown []string) {
	for _, pt := range pools {
		l, ok := tier.Limits[pt.pool]
		if !ok {
			if _, u := unpublished[pt.pool]; !u {
				return nil, pt.pool, nil
			}
			unknown = append(unknown, pt.pool)
		}
		pl := PoolLoad{Pool: pt.pool, Limits: l, trace: pt}
		for _, p := range parts {
			if !p.Batch && p.Model.Pool == pt.pool {
				pl.DailyTokens += p.Demand.DailyTokens
				pl.DailyRequests += p.Demand.DailyRequests
			}
		}
		loads = append(loads, pl)
	}
	return loads, "", unknown
}

// planMissesModel names a model of the workload that the plan does not
// cover, if any.
func planMissesModel(p tiers.Plan, parts []Part) (string, bool) {
	for _, part := range parts {
		if !planCovers(p, part.Model.Name) {
			return part.Model.Name, true
		}
	}
	return "", false
}

func planCovers(p tiers.Plan, model string) bool {
	if slices.Contains(p.ExcludedModels, model) {
		return false
	}
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
		return fmt.Sprintf("on %s the %s would be only %.0f%% used, yet the day's busiest moment needs %.0f%% of the %s: "+
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
