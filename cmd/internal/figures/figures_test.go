package figures

import (
	"testing"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/tiers"
)

// The chart's sweep reaches past twice the workload and a quarter past the
// last break-even point, in about 40 steps, by hand.
func TestCostSweep(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, tt := range []struct {
		sessions  float64
		breakEven []*float64
		to, step  float64
	}{
		{20, []*float64{f(1.5), f(15.4)}, 40, 1}, // 2 × 20
		{20, []*float64{f(100), nil}, 125, 3},    // 1.25 × 100; 125/40 = 3.1
		{2, nil, 10, 1},                          // at least 10
		{20, []*float64{f(5000)}, 1000, 25},      // at most 1,000
	} {
		rep := planner.CostReport{Workload: planner.Workload{SessionsPerDay: tt.sessions}}
		for _, b := range tt.breakEven {
			rep.BreakEven = append(rep.BreakEven, planner.BreakEven{SessionsPerDay: b})
		}
		got := CostSweep(rep)
		if got.Param != "sessions" || got.From != 1 || got.To != tt.to || got.Step != tt.step {
			t.Errorf("sessions %g: %+v, want 1..%g step %g", tt.sessions, got, tt.to, tt.step)
		}
	}
}

// The cost figure: the API's line from the first API option, each plan's
// price across (with where it stops fitting), a mark per break-even point
// inside the sweep and one for the workload.
func TestCostFigure(t *testing.T) {
	rep := planner.CostReport{
		Workload: planner.Workload{SessionsPerDay: 4, TokensPerSession: 800_000},
		Options: []planner.Option{{Name: "start", Kind: planner.KindAPI}, {Name: "pro", Kind: planner.KindSubscription, MonthlyCost: tiers.Dollars(20)},
			{Name: "max", Kind: planner.KindSubscription, MonthlyCost: tiers.Dollars(100)}},
	}
	be := 1.5
	rep.BreakEven = []planner.BreakEven{{Plan: "pro", SessionsPerDay: &be}, {Plan: "max", SessionsPerDay: nil}}
	step := func(v float64, api float64, pro planner.Verdict) planner.SweepStep {
		return planner.SweepStep{Value: v, Options: []planner.StepOption{{Name: "start", MonthlyCost: tiers.Dollars(api), Verdict: planner.Fits},
			{Name: "pro", MonthlyCost: tiers.Dollars(20), Verdict: pro}, {Name: "max", MonthlyCost: tiers.Dollars(100), Verdict: planner.Fits}}}
	}
	sw := planner.Sweep{Param: "sessions", Options: []string{"start", "pro", "max"},
		Steps: []planner.SweepStep{step(1, 13, planner.Fits), step(5, 65, planner.Fits), step(10, 130, planner.Throttled)}}
	f := Cost(rep, sw)
	if len(f.Series) != 1 || len(f.Series[0].Y) != 3 || f.Series[0].Y[2] != 130 {
		t.Fatalf("series %+v", f.Series)
	}
	if len(f.Refs) != 2 || f.Refs[0].Name != "pro $20.00 (fits to 5)" || f.Refs[0].Y != 20 || f.Refs[1].Name != "max $100.00" {
		t.Errorf("refs %+v", f.Refs)
	}
	if len(f.Marks) != 2 || f.Marks[0].X != 1.5 || f.Marks[1].Name != "this workload" || f.Marks[1].X != 4 {
		t.Errorf("marks %+v", f.Marks)
	}
}
