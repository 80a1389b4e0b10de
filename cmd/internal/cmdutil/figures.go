package cmdutil

import "github.com/tierplan/tierplan/planner"

// FigurePaths names the figures of the tier table an answer rests on, for
// App.UseFigures: every figure of the models it priced, the spend cap, batch
// limits and the limits of the pools it loaded on each tier it rated, and
// every figure of the plans it rated.
func FigurePaths(models, tierNames, pools, plans []string) [][]string {
	var out [][]string
	for _, m := range models {
		out = append(out, []string{"models", m})
	}
	for _, t := range tierNames {
		out = append(out, []string{"tiers", t, "monthly_spend_cap"}, []string{"tiers", t, "batch"})
		for _, p := range pools {
			out = append(out, []string{"tiers", t, "limits", p})
		}
	}
	for _, p := range plans {
		out = append(out, []string{"plans", p})
	}
	return out
}

// PlanFigures names the figures a plan report rests on (plan, report): the
// models and pools of its workloads' parts, the tiers and plans it rated,
// and the API credits of the subscriber's plan when --subscriber is set.
func PlanFigures(rep planner.Report, subscriber string) [][]string {
	var models, pools, tierNames, plans []string
	for _, wp := range rep.Workloads {
		for _, p := range wp.Parts {
			models = append(models, p.Model.Name)
			pools = append(pools, p.Model.Pool)
		}
		for _, r := range wp.Results {
			if r.Kind == planner.KindAPI {
				tierNames = append(tierNames, r.Name)
			} else {
				plans = append(plans, r.Name)
			}
		}
	}
	out := FigurePaths(models, tierNames, pools, plans)
	if subscriber != "" {
		out = append(out, []string{"plans", subscriber, "api_credits"})
	}
	return out
}
