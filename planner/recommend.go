package planner

import (
	"fmt"

	"github.com/tierplan/tierplan/tiers"
)

// Recommendation is the cheapest option that fits, with the runner-up.
type Recommendation struct {
	// Tier is the recommended tier or plan; nil when nothing fits.
	Tier        *string     `json:"tier"`
	Kind        string      `json:"kind,omitempty"`
	MonthlyCost tiers.Money `json:"monthly_cost_usd"`
	RunnerUp    *string     `json:"runner_up"`
	Reason      string      `json:"reason"`
}

// Recommend picks the cheapest option whose verdict is "fits". API tiers of
// one workload all cost the same list price, so the lowest that fits stands
// for them; the runner-up is the next cheapest fitting option of a
// different price or kind. "Tight" options are not recommended (they have
// no headroom), but when nothing fits the closest one is named. More work
// can only shrink the set that fits and raise its costs, so the
// recommendation never gets cheaper as sessions grow.
func Recommend(rs []Result) Recommendation {
	ranked := sortedCopy(rs)
	var fit []Result
	apiSeen := false
	for _, r := range ranked {
		if r.Verdict != Fits {
			continue
		}
		if r.Kind == KindAPI {
			if apiSeen {
				continue
			}
			apiSeen = true
		}
		fit = append(fit, r)
	}
	if len(fit) == 0 {
		return Recommendation{Reason: noneFits(ranked)}
	}
	best := fit[0]
	rec := Recommendation{Tier: &best.Name, Kind: best.Kind, MonthlyCost: best.MonthlyCost}
	rec.Reason = fmt.Sprintf("%s is the cheapest option that fits: %s a month; %s", best.Name, best.MonthlyCost, best.Reason)
	if len(fit) > 1 {
		ru := fit[1]
		rec.RunnerUp = &ru.Name
		rec.Reason += fmt.Sprintf("; runner-up %s at %s", ru.Name, ru.MonthlyCost)
	}
	return rec
}

func noneFits(ranked []Result) string {
	// The closest is the best verdict, and among equals the one whose
	// binding limit is least over (the cheaper on a tie).
	var closest *Result
	for i := range ranked {
		r := &ranked[i]
		if closest == nil || r.Verdict.rank() < closest.Verdict.rank() ||
			r.Verdict == closest.Verdict && r.Utilization[r.Binding] < closest.Utilization[closest.Binding] {
			closest = r
		}
	}
	if closest == nil {
		return "no tier or plan in the table could be evaluated for this model"
	}
	return fmt.Sprintf("nothing fits with headroom; closest is %s (%s: %s)", closest.Name, closest.Verdict, closest.Reason)
}
