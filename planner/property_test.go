package planner

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/tiers"
)

// randomWorkload draws a workload a user might plan, small enough that 500
// of them run in seconds.
func randomWorkload(rng *rand.Rand, t *tiers.Table) Workload {
	w := Workload{
		SessionsPerDay:   0.5 + rng.Float64()*12,
		TokensPerSession: 50_000 + rng.Int64N(4_000_000),
		Devs:             1 + rng.IntN(8),
		HoursPerDay:      2 + rng.Float64()*10,
		Arrival:          day.Arrival(rng.IntN(3)),
		Seed:             1 + rng.Uint64N(5),
	}
	w.Model = t.Models[rng.IntN(len(t.Models))].Name
	switch rng.IntN(6) {
	case 0:
		w.NoCache = true
	case 1:
		w.CacheTTL = time.Hour
	}
	if rng.IntN(4) == 0 {
		w.Overlap = rng.Float64()
	}
	if rng.IntN(5) == 0 {
		w.BatchShare = rng.Float64() * 0.5
	}
	if rng.IntN(5) == 0 && len(t.Models) > 1 {
		a, b := t.Models[rng.IntN(len(t.Models))].Name, t.Models[rng.IntN(len(t.Models))].Name
		if a != b {
			x := 0.1 + rng.Float64()*0.8
			w.Mix, w.Model = map[string]float64{a: x, b: 1 - x}, ""
		}
	}
	return w
}

// perturbation makes a workload do more work (or the same work in fewer
// hours, or more of it at once), and says what it may move:
//   - more tokens, sessions or developers only add calls to the day
//     without moving any (the sessions are nested): nothing plan reports
//     may fall (exact);
//   - fewer hours bring every session start closer: the bill, the daily
//     budgets, the sessions running at once (intervals that overlapped
//     still do) and a plan's 5-hour use (sessions counted where they
//     start) can only grow; which calls of different sessions meet in one
//     minute changes, so the per-minute needs are not compared;
//   - more overlap moves developers' first sessions to the bell: the bill
//     and the daily budgets stay; where in the day sessions meet changes.
type perturbation struct {
	name  string
	more  func(Workload, *rand.Rand) Workload
	level int // 2: exact; 1: day totals, concurrency and 5-hour use; 0: totals only
}

var perturbations = []perturbation{
	{"more tokens", func(w Workload, r *rand.Rand) Workload {
		w.TokensPerSession += 1 + r.Int64N(w.TokensPerSession/2+1)
		return w
	}, 2},
	{"more sessions", func(w Workload, r *rand.Rand) Workload { w.SessionsPerDay += 0.1 + r.Float64()*5; return w }, 2},
	{"more developers", func(w Workload, r *rand.Rand) Workload { w.Devs += 1 + r.IntN(5); return w }, 2},
	{"more overlap", func(w Workload, r *rand.Rand) Workload {
		w.Overlap = w.Overlap + (1-w.Overlap)*r.Float64()
		return w
	}, 0},
	{"fewer hours", func(w Workload, r *rand.Rand) Workload { w.HoursPerDay *= 0.5 + 0.5*r.Float64(); return w }, 1},
}

// worse reports a way in which plan b (more work) came out lower than plan
// a: the bill, the daily budgets, the sessions at once, a part's peak
// minute, any tier's verdict or use of a limit, or the recommendation's
// price, as far as the perturbation's level promises.
func worse(a, b WorkloadPlan, level int) string {
	exact := level == 2
	if b.MonthlyCost.Total < a.MonthlyCost.Total {
		return fmt.Sprintf("bill %s → %s", a.MonthlyCost.Total, b.MonthlyCost.Total)
	}
	for i := range a.Parts {
		da, db := a.Parts[i].Demand, b.Parts[i].Demand
		if db.DailyTokens < da.DailyTokens || db.DailyRequests < da.DailyRequests || level >= 1 && db.PeakSessions < da.PeakSessions {
			return fmt.Sprintf("part %d day %+v → %+v", i, da, db)
		}
		pa, pb := da.PeakMinute, db.PeakMinute
		if exact && (pb.Requests < pa.Requests || pb.ITPM < pa.ITPM || pb.OTPM < pa.OTPM) {
			return fmt.Sprintf("part %d peak minute %+v → %+v", i, pa, pb)
		}
	}
	for i := range a.Results {
		ra, rb := a.Results[i], b.Results[i]
		if exact && rb.Verdict.rank() < ra.Verdict.rank() {
			return fmt.Sprintf("%s: %s → %s", ra.Name, ra.Verdict, rb.Verdict)
		}
		for l, x := range ra.Utilization {
			byTime := l.perMinute() || l == LimitRequestSize || l == LimitWindow5h
			if (exact || !byTime || level >= 1 && l == LimitWindow5h) && rb.Utilization[l] < x-1e-9 {
				return fmt.Sprintf("%s %s: %.4f → %.4f", ra.Name, l, x, rb.Utilization[l])
			}
		}
	}
	if exact && a.Recommendation.Tier != nil && b.Recommendation.Tier != nil && b.Recommendation.MonthlyCost < a.Recommendation.MonthlyCost {
		return fmt.Sprintf("recommendation %s %s → %s %s", *a.Recommendation.Tier, a.Recommendation.MonthlyCost,
			*b.Recommendation.Tier, b.Recommendation.MonthlyCost)
	}
	return ""
}

// More work never lowers demand, the bill, any tier's verdict or the
// recommendation's price, over 500 random workloads and every way of adding
// work (see perturbation for what each may move); and a tier whose every
// limit is at least another's never rates a workload worse.
func TestMoreWorkNeverCostsLess(t *testing.T) {
	tables := []*tiers.Table{defaultTable(t), exampleTable(t, "anthropic-2026-04.yaml")}
	rng := rand.New(rand.NewPCG(2026, 12))
	checked := 0
	for i := 0; checked < 500; i++ {
		tab := tables[i%len(tables)]
		w := randomWorkload(rng, tab)
		a, err := PlanWorkload(w, tab, Options{})
		if err != nil {
			continue // an inconsistent draw (too few tokens for one call, …)
		}
		checked++
		for _, p := range perturbations {
			w2 := p.more(w, rng)
			b, err := PlanWorkload(w2, tab, Options{})
			if err != nil {
				continue
			}
			if why := worse(a, b, p.level); why != "" {
				t.Errorf("workload %d, %s (%+v → %+v): %s", i, p.name, brief(w), brief(w2), why)
			}
		}
		if why := higherTierWorse(a, tab); why != "" {
			t.Errorf("workload %d (%+v): %s", i, brief(w), why)
		}
	}
}

// higherTierWorse finds a tier rated worse than one whose limits are all
// lower or equal.
func higherTierWorse(wp WorkloadPlan, tab *tiers.Table) string {
	for _, lo := range wp.Results {
		for _, hi := range wp.Results {
			tl, ok1 := tab.Tier(lo.Name)
			th, ok2 := tab.Tier(hi.Name)
			if !ok1 || !ok2 || lo.Name == hi.Name || !dominates(th, tl) {
				continue
			}
			if hi.Verdict.rank() > lo.Verdict.rank() {
				return fmt.Sprintf("%s is %s but the lower %s is %s", hi.Name, hi.Verdict, lo.Name, lo.Verdict)
			}
		}
	}
	return ""
}

// dominates reports whether tier a's every limit (and spend cap) is at
// least tier b's.
func dominates(a, b tiers.Tier) bool {
	at := func(x int64) int64 {
		if x == 0 {
			return 1 << 62 // no limit
		}
		return x
	}
	for pool, lb := range b.Limits {
		la, ok := a.Limits[pool]
		if !ok {
			return false
		}
		for _, pair := range [][2]int64{{la.RPM, lb.RPM}, {la.ITPM, lb.ITPM}, {la.OTPM, lb.OTPM}, {la.TPM, lb.TPM},
			{la.TokensPerDay, lb.TokensPerDay}, {la.RequestsPerDay, lb.RequestsPerDay}} {
			if at(pair[0]) < at(pair[1]) {
				return false
			}
		}
	}
	capA, capB := int64(a.MonthlySpendCap), int64(b.MonthlySpendCap)
	if !a.HasSpendCap {
		capA = 1 << 62
	}
	if !b.HasSpendCap {
		capB = 1 << 62
	}
	return capA >= capB && !a.Free && !b.Free
}

func brief(w Workload) string {
	return fmt.Sprintf("sessions %.2f tokens %d devs %d hours %.2f %s overlap %.2f model %s mix %v batch %.2f cache %s seed %d",
		w.SessionsPerDay, w.TokensPerSession, w.Devs, w.HoursPerDay, w.Arrival, w.Overlap, w.Model, w.Mix, w.BatchShare, w.CacheTTLName(), w.Seed)
}
