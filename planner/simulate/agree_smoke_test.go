package simulate

import (
	"fmt"
	"os"
	"testing"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/tiers"
)

func TestAgreeSmoke(t *testing.T) {
	data, _ := os.ReadFile("../../tiers/examples/anthropic-2026-04.yaml")
	tab, err := tiers.Parse("apr", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, devs := range []int{1, 3, 8, 30} {
		w := planner.Workload{SessionsPerDay: 20, TokensPerSession: 800_000, Devs: devs}
		r, err := planner.Resolve(w, tab)
		if err != nil {
			t.Fatal(err)
		}
		wp := planner.PlanResolved(r, tab, planner.Options{})
		for _, res := range wp.Results {
			tier, ok := tab.Tier(res.Name)
			if !ok {
				continue
			}
			cfg := ConfigFor(r, tier)
			out, err := Run(cfg)
			if err != nil {
				t.Fatal(err)
			}
			fr := -1
			if out.FirstRejection != nil {
				fr = out.FirstRejection.Call
			}
			from := 0
			if res.ThrottledFromCall != nil {
				from = *res.ThrottledFromCall
			}
			fmt.Printf("devs %2d %-7s %-9s itpm %.2f otpm %.2f rpm %.2f | sim 429 %d by %v first %d plan-from %d\n", devs, res.Name, res.Verdict,
				res.Utilization["itpm"], res.Utilization["otpm"], res.Utilization["rpm"], out.Rejected429, out.RejectedBy, fr, from)
		}
	}
}
