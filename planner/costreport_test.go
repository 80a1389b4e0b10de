package planner

import (
	"math"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

func TestBreakEvenFormulaMatchesSweep(t *testing.T) {
	w := fourCall() // 19,050 µ$ a session, 10 days a month
	tbl := legacyTable()
	be, err := FindBreakEven(w, tbl, tbl.Plans[0])
	if err != nil {
		t.Fatal(err)
	}
	// $100 ÷ (10 days × $0.01905) = 524.934 sessions a day.
	if be.SessionsPerDay == nil || math.Abs(*be.SessionsPerDay-524.934) > 0.001 {
		t.Fatalf("break-even %v (%s), want 524.934", be.SessionsPerDay, be.Note)
	}
	spec, err := ParseSweep("sessions=520..530")
	if err != nil {
		t.Fatal(err)
	}
	sw, err := RunSweep(w, tbl, spec)
	if err != nil {
		t.Fatal(err)
	}
	first := 0.0
	for _, st := range sw.Steps {
		var api, plan tiers.Money
		for _, o := range st.Options {
			switch o.Name {
			case "tier-2":
				api = o.MonthlyCost
			case "max-5x":
				plan = o.MonthlyCost
			}
		}
		if plan < api {
			first = st.Value
			break
		}
	}
	if want := math.Floor(*be.SessionsPerDay) + 1; first != want {
		t.Errorf("the sweep finds the plan cheaper from %g sessions, the formula from %g", first, want)
	}
}

func TestBreakEvenNeverWhenTheAllowanceRunsOut(t *testing.T) {
	tbl := legacyTable()
	tbl.Plans[0].Window5h = &tiers.Allowance{Low: tiers.Dollars(0.01), High: tiers.Dollars(0.02)}
	be, err := FindBreakEven(fourCall(), tbl, tbl.Plans[0])
	if err != nil {
		t.Fatal(err)
	}
	if be.SessionsPerDay != nil || !strings.Contains(be.Note, "5-hour window allowance would already be exceeded") {
		t.Errorf("break-even %v, note %q", be.SessionsPerDay, be.Note)
	}
}

func TestTokensBreakEvenBracketsThePrice(t *testing.T) {
	w := Workload{SessionsPerDay: 10, TokensPerSession: 800_000}
	tbl := legacyTable()
	be, err := FindBreakEven(w, tbl, tbl.Plans[0])
	if err != nil || be.TokensPerSession == nil {
		t.Fatalf("%v %v", be, err)
	}
	cost := func(tok int64) tiers.Money {
		x := w
		x.TokensPerSession = tok
		wp, err := PlanWorkload(x, tbl, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return wp.MonthlyCost.Total
	}
	tok := *be.TokensPerSession
	if !(cost(tok-1_000) <= tiers.Dollars(100) && cost(tok) > tiers.Dollars(100)) {
		t.Errorf("at %d tokens the API costs %v, at %d %v: the $100 plan price is not bracketed", tok-1000, cost(tok-1000), tok, cost(tok))
	}
}

func TestParseSweep(t *testing.T) {
	spec, err := ParseSweep("tokens=100k..2M")
	if err != nil {
		t.Fatal(err)
	}
	// (2,000,000 − 100,000)/19 = 100,000 a step: 20 points.
	if v := spec.Values(); len(v) != 20 || v[0] != 100_000 || v[19] != 2_000_000 {
		t.Errorf("values %v", v)
	}
	spec, _ = ParseSweep("sessions=1..10:4")
	if v := spec.Values(); len(v) != 4 || v[3] != 10 { // 1, 5, 9, then the end 10
		t.Errorf("values %v", v)
	}
	for _, bad := range []string{"calls=1..5", "sessions=5", "sessions=5..1", "sessions=0..3", "tokens=1k..1B:1", "sessions=1..x", "sessions=1..5:0", "sessions=1..5:-1"} {
		if _, err := ParseSweep(bad); err == nil {
			t.Errorf("ParseSweep(%q) accepted", bad)
		}
	}
}

func FuzzParseSweep(f *testing.F) {
	for _, s := range []string{"sessions=1..60", "tokens=100k..2M", "tokens=1..2:1", "x", "sessions=1..1e308"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spec, err := ParseSweep(s)
		if err != nil {
			return
		}
		if n := len(spec.Values()); n == 0 || n > MaxSweepSteps+1 {
			t.Fatalf("%q gives %d steps", s, n)
		}
	})
}

func TestCostReportOptions(t *testing.T) {
	tbl := legacyTable()
	r, err := BuildCostReport(Workload{SessionsPerDay: 10, TokensPerSession: 800_000, BatchShare: 0.2}, tbl)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Options) != 3 || r.Options[2].Name != "max-5x" || r.Options[2].Window5hUSD == nil || r.Options[2].Weekly == nil {
		t.Fatalf("options %+v", r.Options)
	}
	// The batch part (20%) is billed at half: it saves half of its list price,
	// i.e. a ninth of the bill (0.1 of list ÷ 0.9 of list).
	if got, want := float64(r.BatchSavings), float64(r.APICost)/9; math.Abs(got-want) > 2 {
		t.Errorf("batch savings %v, want %v", r.BatchSavings, tiers.Money(want))
	}
	if len(r.BreakEven) != 1 || r.BreakEven[0].Plan != "max-5x" {
		t.Errorf("break-even %+v", r.BreakEven)
	}
}

// Pro at $20 against 20 sessions a day: even the smallest session the model
// can build (a 20k prefix) costs the API more than $20 a month, so there is
// no tokens break-even, and the note says the plan is cheaper at every size.
func TestTokensBreakEvenBelowTheSmallestSession(t *testing.T) {
	tbl := legacyTable()
	tbl.Plans[0].PriceMonthly = tiers.Dollars(20)
	be, err := FindBreakEven(Workload{SessionsPerDay: 20, TokensPerSession: 800_000}, tbl, tbl.Plans[0])
	if err != nil {
		t.Fatal(err)
	}
	if be.TokensPerSession != nil || !strings.Contains(be.Note, "cheaper than the API at every session size") {
		t.Errorf("tokens break-even %v, note %q", be.TokensPerSession, be.Note)
	}
}
