package planner

import (
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// The cost report of the tiny day: a session costs 19,050 µ$ (400 output ×
// $15 + 3,000 written × $3.75 + 6,000 read × $0.30 per million), 2 a day
// for 10 days: 20 sessions, 381,000 µ$ (TestCostReportOptions, ported).
func TestCostReportOptions(t *testing.T) {
	r, err := BuildCostReport(tinyDay(), smallTable(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.APICost != 381_000 || r.ByKind.Output != 120_000 || r.ByKind.CacheWrite5m != 225_000 || r.ByKind.CacheRead != 36_000 {
		t.Errorf("API cost %s by kind %+v, want 381,000 µ$: 120,000 + 225,000 + 36,000", r.APICost, r.ByKind)
	}
	// The negotiated tier is not an option; the plan is, with its use and
	// allowances.
	if len(r.Options) != 3 || r.Options[0].Name != "low" || r.Options[2].Name != "seat" {
		t.Fatalf("options %+v, want low, high, seat", r.Options)
	}
	seat := r.Options[2]
	if seat.Window5hUSD == nil || seat.WeeklyUSD == nil || seat.Window5h == nil || *seat.Window5h != (Range{tiers.Dollars(16.5), tiers.Dollars(33)}) {
		t.Errorf("seat option %+v lacks its use or allowances", seat)
	}
	// Both sessions start within 5 hours: 2 × 19,050 = 38,100 µ$ in the
	// window; the plan counts every kind.
	if *seat.Window5hUSD != 38_100 {
		t.Errorf("5-hour use %s, want 38,100 µ$", *seat.Window5hUSD)
	}
	if len(r.BreakEven) != 1 || r.BreakEven[0].Plan != "seat" {
		t.Errorf("break-even %+v, want one for seat", r.BreakEven)
	}
	if r.Cheapest == nil || *r.Cheapest != "low" {
		t.Errorf("cheapest %v, want low", r.Cheapest)
	}
}

// Half the sessions through the Batch API at half price: 10 sessions at
// 19,050 + 10 at 9,525 = 190,500 + 95,250 = 285,750 µ$, saving 95,250.
func TestCostReportBatchSavings(t *testing.T) {
	w := tinyDay()
	w.BatchShare = 0.5
	r, err := BuildCostReport(w, smallTable(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.APICost != 285_750 || r.BatchSavings != 95_250 {
		t.Errorf("cost %s saving %s, want 285,750 and 95,250 µ$", r.APICost, r.BatchSavings)
	}
	want := []ModelCost{{"sonnet", false, 0.5, 190_500}, {"sonnet", true, 0.5, 95_250}}
	if len(r.ByModel) != 2 || r.ByModel[0] != want[0] || r.ByModel[1] != want[1] {
		t.Errorf("by model %+v, want %+v", r.ByModel, want)
	}
}

// `cost --calls 20 --tokens 800k` failed with "--calls, --tokens and
// --growth all fix a session's length", naming a --growth the user never
// gave: the break-even searches were given the report's echo of the inputs,
// which carries the solved growth, instead of the inputs themselves.
func TestCostBreakEvenReResolvedTheEchoedWorkload(t *testing.T) {
	for _, w := range []Workload{
		{CallsPerSession: 20, TokensPerSession: 800_000},
		{CallsPerSession: 20},
	} {
		r, err := BuildCostReport(w, smallTable(), Options{})
		if err != nil {
			t.Errorf("--calls %d --tokens %d: %v", w.CallsPerSession, w.TokensPerSession, err)
			continue
		}
		if len(r.BreakEven) != 1 || r.BreakEven[0].Sessions != BreaksEven {
			t.Errorf("--calls %d --tokens %d: break-even %+v", w.CallsPerSession, w.TokensPerSession, r.BreakEven)
		}
	}
}

// The same echo gave every model of a mix the first model's speed and
// compaction threshold, which moved the break-even of mixed workloads: the
// report's break-even is the one found from the inputs as given.
func TestCostBreakEvenOfAMixKeepsEachModelsSpeed(t *testing.T) {
	tab := mixTable()
	tab.Models[1].Speed = &tiers.Speed{FirstToken: 500 * time.Millisecond, OutputPerSecond: 200}
	w := Workload{SessionsPerDay: 10, TokensPerSession: 1_500_000, Mix: map[string]float64{"haiku": 0.3, "sonnet": 0.7}}
	r, err := BuildCostReport(w, tab, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := FindBreakEven(w, tab, tab.Plans[0])
	if err != nil {
		t.Fatal(err)
	}
	got := r.BreakEven[0]
	if got.Tokens != BreaksEven || want.Tokens != BreaksEven || got.Sessions != BreaksEven {
		t.Fatalf("report %+v, from the inputs %+v: want both to break even", got, want)
	}
	if *got.TokensPerSession != *want.TokensPerSession || *got.SessionsPerDay != *want.SessionsPerDay {
		t.Errorf("report: %g sessions, %d tokens; from the inputs: %g sessions, %d tokens",
			*got.SessionsPerDay, *got.TokensPerSession, *want.SessionsPerDay, *want.TokensPerSession)
	}
}
