package planner

import (
	"strings"
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

// The break-even along sessions is a formula: the plan's price over one
// session a day's monthly bill. The tiny day's session costs 19,050 µ$, 10
// days a month: $100 ÷ (10 × $0.01905) = 524.934 sessions a day. A sweep
// over 520..530 finds the plan cheaper from 525 on (ported from the
// deleted TestBreakEvenFormulaMatchesSweep).
func TestBreakEvenFormulaMatchesSweep(t *testing.T) {
	w, tab := tinyDay(), smallTable()
	be, err := FindBreakEven(w, tab, tab.Plans[0])
	if err != nil {
		t.Fatal(err)
	}
	if be.Sessions != BreaksEven || be.SessionsPerDay == nil || !near(*be.SessionsPerDay, 524.934, 0.001) {
		t.Fatalf("break-even %+v, want 524.934 sessions a day", be)
	}
	spec, err := ParseSweep("sessions=520..530")
	if err != nil {
		t.Fatal(err)
	}
	sw, err := RunSweep(w, tab, spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := 0.0
	for _, st := range sw.Steps {
		var api, plan tiers.Money
		for _, o := range st.Options {
			switch o.Name {
			case "low":
				api = o.MonthlyCost
			case "seat":
				plan = o.MonthlyCost
			}
		}
		if plan < api {
			first = st.Value
			break
		}
	}
	if first != 525 {
		t.Errorf("the sweep finds the plan cheaper from %g sessions, the formula from 524.934", first)
	}
}

// Where the plan would match the API's price its allowance is already
// used up: at 524.9 sessions of 19,050 µ$ in a 36-second day, $10 falls in
// one 5-hour window, against at most $0.02 (ported from the deleted
// TestBreakEvenNeverWhenTheAllowanceRunsOut).
func TestBreakEvenNeverWhenTheAllowanceRunsOut(t *testing.T) {
	tab := smallTable()
	tab.Plans[0].Window5h = &tiers.Allowance{Low: tiers.Dollars(0.01), High: tiers.Dollars(0.02)}
	be, err := FindBreakEven(tinyDay(), tab, tab.Plans[0])
	if err != nil {
		t.Fatal(err)
	}
	want := "at 524.9 sessions a day, where it would match the API's price, its allowance would be used up"
	if be.Sessions != AllowanceExceeded || be.SessionsPerDay != nil || be.Note != want {
		t.Errorf("break-even %+v, want allowance_exceeded with the note %q", be, want)
	}
}

// The tokens break-even brackets the plan's price: the bill at one token
// under it is at most $100, and within the search's 1,000-token step above
// it, more (ported from the deleted TestTokensBreakEvenBracketsThePrice).
func TestTokensBreakEvenBracketsThePrice(t *testing.T) {
	w, tab := Workload{SessionsPerDay: 10, TokensPerSession: 800_000}, smallTable()
	be, err := FindBreakEven(w, tab, tab.Plans[0])
	if err != nil || be.Tokens != BreaksEven || be.TokensPerSession == nil {
		t.Fatalf("%+v %v", be, err)
	}
	bill := func(tok int64) tiers.Money {
		x := w
		x.TokensPerSession = tok
		r := mustResolve(t, x, tab)
		return monthlyAPICost(r, sessionCosts(r))
	}
	tok := *be.TokensPerSession
	if below, above := bill(tok-1), bill(tok+1_000); below > tiers.Dollars(100) || above <= tiers.Dollars(100) {
		t.Errorf("at %d tokens the API costs %s, at %d %s: the $100 price is not bracketed", tok-1, below, tok+1_000, above)
	}
	// The plan's generous allowances carry sessions far larger than that.
	if be.TokensCarriedUpTo == nil || *be.TokensCarriedUpTo <= tok {
		t.Errorf("carried up to %v, want beyond %d", be.TokensCarriedUpTo, tok)
	}
}

// Each outcome of the searches, reached by a constructed case.
func TestBreakEvenOutcomes(t *testing.T) {
	free := smallTable()
	free.Models[0].Price = tiers.Prices{}
	cheap := smallTable() // a $1 plan that carries anything
	cheap.Plans[0].PriceMonthly = tiers.Dollars(1)
	cheap.Plans[0].Window5h = &tiers.Allowance{Low: tiers.Dollars(1e6), High: tiers.Dollars(2e6)}
	cheap.Plans[0].Weekly = nil
	dear := smallTable() // a plan dearer than any bill up to 50M tokens a session
	dear.Plans[0] = tiers.Plan{Name: "dear", PriceMonthly: tiers.Dollars(5_000)}
	tight := smallTable() // allowances that only small sessions fit
	tight.Plans[0].Window5h = &tiers.Allowance{Low: tiers.Dollars(0.5), High: tiers.Dollars(1)}
	narrow := smallTable() // a window of 18,500 tokens holds one first call, no second
	narrow.Models[0].ContextWindow = 18_500

	cases := []struct {
		name             string
		w                Workload
		tab              *tiers.Table
		sessions, tokens string
	}{
		// Session of 800k at about $0.62, 10 a day: the $100 plan wins
		// above some 160 sessions a day and some 600k tokens a session.
		{"breaks even", Workload{SessionsPerDay: 10, TokensPerSession: 800_000}, smallTable(), BreaksEven, BreaksEven},
		// A zero bill: nothing is cheaper, at any size.
		{"api free", Workload{SessionsPerDay: 10}, free, APIFree, NeverCheaper},
		// The smallest session the search builds (32k tokens: 1,000 to
		// 16,000 are less than one 18,475-token call) already costs 20 ×
		// 21 × more than $0.07 > $1 a month.
		{"always cheaper", Workload{SessionsPerDay: 20}, cheap, BreaksEven, AlwaysCheaper},
		// $5,000 a month, no allowance: past some 380 sessions of 800k a
		// day, but 8 sessions a day of 50M tokens (about $25 each) cost
		// only some 8 × 21 × $25 = $4,200.
		{"never cheaper", Workload{}, dear, BreaksEven, NeverCheaper},
		// At most $1 in 5 hours: the plan runs out long before it pays.
		{"allowance exceeded", Workload{SessionsPerDay: 10}, tight, AllowanceExceeded, AllowanceExceeded},
		// Only one call of exactly 18,475 tokens fits the window; the search
		// tries 1,000 × 2ⁿ tokens, none of which is that session.
		{"not modelled", Workload{TokensPerSession: 18_475}, narrow, BreaksEven, NotModelled},
	}
	for _, c := range cases {
		be, err := FindBreakEven(c.w, c.tab, c.tab.Plans[0])
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if be.Sessions != c.sessions || be.Tokens != c.tokens {
			t.Errorf("%s: sessions %s, tokens %s; want %s, %s (%+v)", c.name, be.Sessions, be.Tokens, c.sessions, c.tokens, be)
		}
		if (be.Sessions == BreaksEven) != (be.SessionsPerDay != nil) || (be.Tokens == BreaksEven) != (be.TokensPerSession != nil) {
			t.Errorf("%s: a figure is given exactly when the outcome breaks even: %+v", c.name, be)
		}
	}
}

// A workload with no session at all is an error, not an outcome.
func TestBreakEvenOfAnImpossibleWorkload(t *testing.T) {
	tab := smallTable()
	if _, err := FindBreakEven(Workload{TokensPerSession: 10_000}, tab, tab.Plans[0]); err == nil {
		t.Error("a session smaller than one call was given a break-even")
	}
}

// cost said a plan "would be used up" along sessions per day where it had
// no allowance at all: the sessions search took any failure to model the
// day at the break-even point (here 76,817 sessions a day, past the 10,000
// tierplan models) for the allowance running out.
func TestBreakEvenCalledAnUnmodelledDayAnAllowanceUsedUp(t *testing.T) {
	tab := smallTable()
	tab.Plans[0] = tiers.Plan{Name: "dear", PriceMonthly: tiers.Dollars(1e6)}
	be, err := FindBreakEven(Workload{}, tab, tab.Plans[0])
	if err != nil {
		t.Fatal(err)
	}
	want := "at 76816.9 sessions a day, where it would match the API's price: sessions per day must be above 0 and at most 10,000"
	if be.Sessions != NotModelled || be.SessionsPerDay != nil || !strings.HasPrefix(be.Note, want) {
		t.Errorf("break-even %+v\nwant not_modelled with a note starting %q", be, want)
	}
}

// The bill the searches compare with a plan's price: sessions a month by
// share, the batch share at its discount. Two developers of the tiny day
// with half their sessions batched: 2 × 2 × 10 = 40 sessions, 20 at
// 19,050 µ$ and 20 at half: 381,000 + 190,500 = 571,500.
func TestMonthlyAPICost(t *testing.T) {
	w := tinyDay()
	w.Devs, w.BatchShare = 2, 0.5
	r := mustResolve(t, w, smallTable())
	if got := monthlyAPICost(r, sessionCosts(r)); got != 571_500 {
		t.Errorf("monthly bill %d µ$, want 571,500", got)
	}
}
