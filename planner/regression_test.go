package planner

import (
	"testing"

	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/tiers"
)

func mustPlan(t *testing.T, w Workload, tab *tiers.Table) WorkloadPlan {
	t.Helper()
	wp, err := PlanWorkload(w, tab, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return wp
}

func resultOf(t *testing.T, wp WorkloadPlan, name string) Result {
	t.Helper()
	for _, r := range wp.Results {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no result for %s", name)
	return Result{}
}

// The monthly bill fell from $71.31 to $44.35 as --tokens rose from 42k to
// 44k, because the derived call count stepped and the growth was solved
// again. A session is now the first calls of one sequence, so more tokens
// are more calls of the same shape: the bill and the peak only grow.
func TestRegressionBillFellAsTokensRose(t *testing.T) {
	tab := defaultTable(t)
	var prev WorkloadPlan
	for tok := int64(30_000); tok <= 60_000; tok += 500 {
		wp := mustPlan(t, Workload{SessionsPerDay: 20, TokensPerSession: tok}, tab)
		if tok > 30_000 {
			if wp.MonthlyCost.Total < prev.MonthlyCost.Total {
				t.Fatalf("--tokens %d: bill %s, below %s at 500 fewer", tok, wp.MonthlyCost.Total, prev.MonthlyCost.Total)
			}
			if wp.Parts[0].Demand.PeakMinute.ITPM < prev.Parts[0].Demand.PeakMinute.ITPM {
				t.Fatalf("--tokens %d: peak ITPM fell", tok)
			}
		}
		prev = wp
	}
}

// `plan --calls 3 --tokens 364k` modelled 406,620 tokens without a word.
// The mean session now adds up to the total exactly, or the plan refuses.
func TestRegressionSolverMissedTheTotal(t *testing.T) {
	wp := mustPlan(t, Workload{CallsPerSession: 3, TokensPerSession: 364_000}, defaultTable(t))
	if got := wp.Parts[0].Session.Tokens; got != 364_000 {
		t.Fatalf("session tokens %d, want 364,000", got)
	}
	for _, tok := range []int64{100_000, 800_000, 2_500_000} {
		for _, calls := range []int{1, 5, 40} {
			wp, err := PlanWorkload(Workload{CallsPerSession: calls, TokensPerSession: tok}, defaultTable(t), Options{})
			if err != nil {
				continue // an honest refusal is allowed
			}
			if got := wp.Parts[0].Session.Tokens; got != tok {
				t.Errorf("--calls %d --tokens %d: modelled %d", calls, tok, got)
			}
		}
	}
}

// A mix of two models in one pool doubled the peak (each part took its own
// 99th percentile): ITPM 325% against 162% for one model. The pool's day is
// now one trace: two models of the same shape, prices and speed split the
// same sessions and need exactly what one model needs.
func TestRegressionMixInOnePoolDoubledThePeak(t *testing.T) {
	tab := exampleTable(t, "anthropic-2026-04.yaml")
	one := mustPlan(t, Workload{SessionsPerDay: 20, TokensPerSession: 800_000, Model: "opus"}, tab)
	mix := mustPlan(t, Workload{SessionsPerDay: 20, TokensPerSession: 800_000, Mix: map[string]float64{"opus": 0.5, "opus-4.5": 0.5}}, tab)
	a, b := resultOf(t, one, "tier-1"), resultOf(t, mix, "tier-1")
	if a.Utilization[LimitITPM] != b.Utilization[LimitITPM] {
		t.Fatalf("ITPM: one model %.4f, the same work as a mix %.4f", a.Utilization[LimitITPM], b.Utilization[LimitITPM])
	}
}

// "429 FROM" was blank on mixes across pools when the binding limit was the
// spend cap, and counted the compaction call as a work call.
func TestRegressionThrottledFromCallOnMixes(t *testing.T) {
	w := Workload{Devs: 40, SessionsPerDay: 20, Overlap: 1, Mix: map[string]float64{"sonnet": 0.5, "opus": 0.5}}
	r := resultOf(t, mustPlan(t, w, exampleTable(t, "anthropic-2026-04.yaml")), "tier-1")
	if r.Binding != LimitMonthlySpend || r.Utilization[LimitITPM] <= 1 {
		t.Fatalf("setup: binding %s, ITPM %.2f", r.Binding, r.Utilization[LimitITPM])
	}
	if r.ThrottledFromCall == nil {
		t.Fatal("per-minute limits are exceeded but 429 FROM is blank")
	}
}

// cost called Pro "cheaper than the API at every session size" for
// --model opus --sessions 60, while plan at that size said Pro exceeds even
// the high estimate of its allowance.
func TestRegressionBreakEvenIgnoredTheAllowance(t *testing.T) {
	tab := defaultTable(t)
	w := Workload{Model: "opus", SessionsPerDay: 60}
	pro, _ := tab.Plan("pro")
	be, err := FindBreakEven(w, tab, pro)
	if err != nil {
		t.Fatal(err)
	}
	r := resultOf(t, mustPlan(t, w, tab), "pro")
	if r.Allowance == exceedsHigh && be.Tokens == AlwaysCheaper {
		t.Fatalf("plan says pro %s, cost says %s", r.Allowance, be.Tokens)
	}
}

// Peak sessions dropped from 323 to 322 going from 10,000 to 10,001
// developers (the normal approximation's correction). A bigger team's day
// now contains the smaller one's, session for session.
func TestRegressionMoreDevelopersFewerPeakSessions(t *testing.T) {
	tab := defaultTable(t)
	prev := int64(0)
	for devs := 40; devs <= 60; devs++ {
		wp := mustPlan(t, Workload{Devs: devs, SessionsPerDay: 4, TokensPerSession: 300_000}, tab)
		got := wp.Parts[0].Demand.PeakSessions
		if got < prev {
			t.Fatalf("%d developers: %d sessions at once, fewer than %d with one less", devs, got, prev)
		}
		prev = got
	}
}

// Subscription use was counted on all four token kinds against allowances
// measured on output alone (2.5x on the default workload). The shipped plans
// now count what their estimates measured.
func TestRegressionAllowanceBasis(t *testing.T) {
	tab := defaultTable(t)
	wp := mustPlan(t, Workload{SessionsPerDay: 20, TokensPerSession: 800_000}, tab)
	r := resultOf(t, wp, "ultra")
	day := CountedCost(devDay(wp.Parts), []tiers.TokenKind{tiers.KindOutput})
	if r.Use == nil || r.Use.Day != day {
		t.Fatalf("ultra counts %v a day, want the output alone: %s", r.Use, day)
	}
}

// Each model of a mix takes its own speed from the table: the first
// model's figures once leaked into the others.
func TestRegressionMixPartsKeepTheirOwnSpeed(t *testing.T) {
	tab := defaultTable(t)
	r, err := Resolve(Workload{Mix: map[string]float64{"opus": 0.5, "sonnet": 0.5}}, tab)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Parts {
		if p.Spec.Timing.OutputPerSecond != p.Model.Speed.OutputPerSecond || p.Spec.Timing.FirstToken != p.Model.Speed.FirstToken {
			t.Errorf("%s: timing %+v, model speed %+v", p.Model.Name, p.Spec.Timing, p.Model.Speed)
		}
	}
}

// A call sent after a pause longer than the cache's lifetime writes its
// whole context; on Tier 1 of April 2026 (30,000 ITPM for Sonnet) a late
// call of a 26-call session can no longer pass, though the seed's day may
// happen to send every late call warm. `plan` called it "fits" and
// `--simulate` then showed 429s on other days. CALL SIZE now takes every
// call of the day as if sent cold.
func TestRegressionCallSizeIgnoredColdLateCalls(t *testing.T) {
	tab := exampleTable(t, "anthropic-2026-04.yaml")
	wp := mustPlan(t, Workload{SessionsPerDay: 2, TokensPerSession: 800_000, Arrival: day.Poisson}, tab)
	r := resultOf(t, wp, "tier-1")
	// The longest session makes 26 calls (25.88 on average): its last sends
	// 18,000 + 25 × 1,000 = 43,000 tokens; cold, all of it counts toward
	// ITPM: 43,000 / 30,000 = 1.4333.
	if got := r.Utilization[LimitRequestSize]; got < 1.4333 || got > 1.4334 {
		t.Fatalf("CALL SIZE %v, want 43,000/30,000 = 1.4333", got)
	}
	if r.Verdict != Blocked || r.Binding != LimitRequestSize {
		t.Fatalf("verdict %s on %s, want blocked on request_size", r.Verdict, r.Binding)
	}
	// Call i sends 18,000 + (i − 1) × 1,000; the first over 30,000 is i = 14.
	if r.ThrottledFromCall == nil || *r.ThrottledFromCall != 14 {
		t.Fatalf("429s from call %v, want 14", r.ThrottledFromCall)
	}
}
