package planner

import (
	"fmt"
	"strings"

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
	// The reason follows the name ("Recommendation: pro, the cheapest …"),
	// so it does not repeat it.
	rec.Reason = fmt.Sprintf("the cheapest option that fits: %s a month; %s", best.MonthlyCost, best.Reason)
	if capped := ruledOutBySpendCap(ranked); len(capped) > 0 {
		rec.Reason += fmt.Sprintf("; %s ruled out by %s monthly spend %s", strings.Join(capped, " and "),
			map[bool]string{true: "its", false: "their"}[len(capped) == 1], map[bool]string{true: "cap", false: "caps"}[len(capped) == 1])
	}
	if best.Kind == KindAPI && strings.HasPrefix(best.Reached, "automatic") && !entryTier(rs, best.Name) {
		rec.Reason += fmt.Sprintf("; %s cannot be bought: an organisation reaches it automatically (%s)", best.Name,
			strings.TrimSpace(strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(best.Reached, "automatic"), ")"), " (")))
	}
	if len(fit) > 1 {
		ru := fit[1]
		rec.RunnerUp = &ru.Name
		rec.Reason += fmt.Sprintf("; runner-up %s at %s", ru.Name, ru.MonthlyCost)
	}
	return rec
}

// entryTier reports whether name is the table's first API tier, where every
// organisation starts: nothing to buy or wait for.
func entryTier(rs []Result, name string) bool {
	for _, r := range rs {
		if r.Kind == KindAPI {
			return r.Name == name
		}
	}
	return false
}

// ruledOutBySpendCap names the API tiers that would otherwise serve the
// workload but whose monthly spend cap it passes: a reader who sees a
// dearer option recommended learns why the cheaper tiers are not.
func ruledOutBySpendCap(rs []Result) []string {
	var out []string
	for _, r := range rs {
		if r.Kind == KindAPI && r.Verdict == Blocked && r.Binding == LimitMonthlySpend {
			out = append(out, r.Name)
		}
	}
	return out
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
