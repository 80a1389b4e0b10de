package simulate

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/tiers"
)

func loadTable(t testing.TB, example string) *tiers.Table {
	t.Helper()
	if example == "" {
		tab, err := tiers.Load(tiers.Source{}, tierplan.DefaultTiers)
		if err != nil {
			t.Fatal(err)
		}
		return tab
	}
	path := filepath.Join("..", "..", "tiers", "examples", example)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := tiers.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// rateRejections counts the 429s the per-minute limits sent (and calls no
// bucket could ever hold), the ones plan's per-minute verdicts speak of.
func rateRejections(r Result) int64 {
	var n int64
	for _, k := range []string{"rpm", "itpm", "otpm", "tpm", "request_size"} {
		n += r.RejectedBy[k]
	}
	return n
}

// agreement checks one workload on every API tier: plan's per-minute
// verdict and the simulated day (same arrivals, same seed) tell the same
// story, down to the call of the first 429.
func agreement(t *testing.T, w planner.Workload, tab *tiers.Table) (checked int, why string) {
	r, err := planner.Resolve(w, tab)
	if err != nil {
		return 0, ""
	}
	wp := planner.PlanResolved(r, tab, planner.Options{})
	for _, res := range wp.Results {
		tier, ok := tab.Tier(res.Name)
		if !ok || res.Utilization[planner.LimitDailyTokens] > 1 || res.Utilization[planner.LimitDailyRequests] > 1 {
			continue // a daily quota ends sessions early: judged on the day's totals
		}
		if len(res.UnknownLimits) > 0 {
			continue // limits not published: nothing to simulate against
		}
		// The spend cap is judged on the month; one day of the simulation
		// leaves it out so that only the buckets speak.
		tier.HasSpendCap = false
		out, err := Run(ConfigFor(r, tier))
		if err != nil {
			return checked, err.Error()
		}
		checked++
		over := false
		for _, l := range []planner.Limit{planner.LimitRPM, planner.LimitITPM, planner.LimitOTPM, planner.LimitTPM} {
			over = over || res.Utilization[l] > 1
		}
		// CALL SIZE is a worst case over the day's calls, each as if sent
		// cold; the simulated day meets it only if such a call does go cold.
		sizeOver := res.Utilization[planner.LimitRequestSize] > 1
		n := rateRejections(out)
		switch {
		case !over && !sizeOver && n > 0:
			return checked, fmt.Sprintf("%s: plan says no per-minute limit is exceeded (%v), simulate sent %d 429s %v", res.Name, res.Utilization, n, out.RejectedBy)
		case over && n == 0:
			return checked, fmt.Sprintf("%s: plan says %v, simulate sent no 429", res.Name, res.Utilization)
		case out.RejectedBy["request_size"] > 0 && !sizeOver:
			return checked, fmt.Sprintf("%s: simulate met a call no bucket holds, plan's CALL SIZE says %v", res.Name, res.Utilization[planner.LimitRequestSize])
		case n > 0 && (res.ThrottledFromCall == nil || out.FirstRejection == nil || *res.ThrottledFromCall != out.FirstRejection.Call):
			return checked, fmt.Sprintf("%s: plan's first 429 at call %v, simulate's %+v", res.Name, res.ThrottledFromCall, out.FirstRejection)
		}
	}
	return checked, ""
}

// Over 500 random workloads on two tables, every tier that plan says stays
// within its per-minute limits gets no 429 in a simulated day with the same
// arrivals and seed, every tier it says is exceeded gets some, and the
// first comes at the call plan names; a call no bucket can hold comes only
// where plan's CALL SIZE said one could.
func TestPlanAndSimulateAgree(t *testing.T) {
	tables := []*tiers.Table{loadTable(t, ""), loadTable(t, "anthropic-2026-04.yaml")}
	rng := rand.New(rand.NewPCG(12, 2026))
	workloads, tiersChecked := 0, 0
	for i := 0; workloads < 500; i++ {
		tab := tables[i%2]
		w := planner.Workload{
			SessionsPerDay:   0.5 + rng.Float64()*10,
			TokensPerSession: 50_000 + rng.Int64N(3_000_000),
			Devs:             1 + rng.IntN(8),
			HoursPerDay:      1 + rng.Float64()*9,
			Arrival:          day.Arrival(rng.IntN(3)),
			Seed:             1 + rng.Uint64N(9),
			Model:            tab.Models[rng.IntN(len(tab.Models))].Name,
		}
		if rng.IntN(4) == 0 {
			w.Overlap = rng.Float64()
		}
		if rng.IntN(5) == 0 {
			w.NoCache = true
		}
		if rng.IntN(5) == 0 {
			w.CacheTTL = time.Hour
		}
		n, why := agreement(t, w, tab)
		if n == 0 && why == "" {
			continue
		}
		workloads++
		tiersChecked += n
		if why != "" {
			t.Errorf("workload %d (%+v): %s", i, w, why)
		}
	}
	if tiersChecked < 1_000 {
		t.Fatalf("only %d tier days compared", tiersChecked)
	}
}
