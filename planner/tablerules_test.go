package planner

import (
	"strings"
	"testing"

	"github.com/tierplan/tierplan/planner/session"
	"github.com/tierplan/tierplan/tiers"
)

// Haiku 5.5 charges a whole request at the higher row once its prompt
// (input, cache writes and cache reads together) is over 100,000 tokens.
// Prices per million tokens: $0.10 in / $0.125 5-minute write / $0.01 read /
// $0.50 out, and 5x each above the threshold.
func TestHaiku55WholeRequestRule(t *testing.T) {
	m, err := LookupModel(defaultTable(t), "haiku-5.5")
	if err != nil {
		t.Fatal(err)
	}
	call := func(write int64) session.Call {
		return session.Call{CacheRead: 90_000, CacheWrite: write, Context: 90_000 + write, Output: 500}
	}
	for _, c := range []struct {
		name       string
		write      int64
		total      tiers.Money // micro-dollars
		atPremium  bool
		batchTotal tiers.Money
	}{
		// 90,000 × 0.01 = 900; 9,999 × 0.125 = 1,249.875 → 1,250;
		// 500 × 0.50 = 250: 2,400 µ$.
		{"99,999 input-side tokens", 9_999, 2_400, false, 1_200},
		// The threshold itself is not over it: 10,000 × 0.125 = 1,250.
		{"100,000 input-side tokens", 10_000, 2_400, false, 1_200},
		// 90,000 × 0.05 = 4,500; 10,001 × 0.625 = 6,250.625 → 6,251;
		// 500 × 2.50 = 1,250: 12,001 µ$, every token at 5x. Batch halves
		// it on top: 6,000.5 → 6,001.
		{"100,001 input-side tokens", 10_001, 12_001, true, 6_001},
	} {
		u := CallUsage(call(c.write), m, false)
		cost := PriceUsage(u, m)
		if cost.Total != c.total {
			t.Errorf("%s: %d µ$, want %d", c.name, cost.Total, c.total)
		}
		if long := cost.LongContext == cost.Total && cost.Total > 0; long != c.atPremium {
			t.Errorf("%s: at the premium rate %t, want %t (%+v)", c.name, long, c.atPremium, cost)
		}
		if b := cost.Scale(1 - m.BatchDiscount).Total; b != c.batchTotal {
			t.Errorf("%s in a batch: %d µ$, want %d", c.name, b, c.batchTotal)
		}
	}
}

// Fast mode plans at the model's fast prices ($8 / $40 for Opus 5.5, with
// the cache multipliers on the fast input price) on its own pool, whose
// limits are not published: tiers say their verdict rests on that.
func TestFastMode(t *testing.T) {
	tab := defaultTable(t)
	r, err := Resolve(Workload{Model: "opus-5.5", Fast: true}, tab)
	if err != nil {
		t.Fatal(err)
	}
	m := r.Parts[0].Model
	if m.Pool != "opus-5.5-fast" || m.BatchDiscount != 0 || m.Price.Input != tiers.Dollars(8) || m.Price.Output != tiers.Dollars(40) {
		t.Fatalf("fast model %+v", m)
	}
	// 1,000 in × 8 + 10,000 written × 10 + 100,000 read × 0.40 + 1,000
	// out × 40 = 8,000 + 100,000 + 40,000 + 40,000 = 188,000 µ$; twice the
	// standard 94,000.
	c := session.Call{Input: 1_000, CacheWrite: 10_000, CacheRead: 100_000, Context: 111_000, Output: 1_000}
	if got := PriceUsage(CallUsage(c, m, false), m).Total; got != 188_000 {
		t.Errorf("fast call %d µ$, want 188,000", got)
	}
	std, _ := tab.Model("opus-5.5")
	if got := PriceUsage(CallUsage(c, std, false), std).Total; got != 94_000 {
		t.Errorf("standard call %d µ$, want 94,000", got)
	}
	wp := mustPlan(t, Workload{Model: "opus-5.5", Fast: true, SessionsPerDay: 4, TokensPerSession: 2_000_000}, tab)
	for _, res := range wp.Results {
		if res.Kind != KindAPI {
			t.Errorf("%s rated in fast mode", res.Name)
		}
		if len(res.UnknownLimits) != 1 || res.UnknownLimits[0] != "opus-5.5-fast" || !strings.Contains(res.Reason, "the limits of pool opus-5.5-fast are not known") {
			t.Errorf("%s: unknown %v, reason %q", res.Name, res.UnknownLimits, res.Reason)
		}
	}
	notes := strings.Join(wp.Notes, "\n")
	for _, want := range []string{"start, build, scale: the limits of pool opus-5.5-fast are not known", "plans: fast mode on a subscription is not in the tier table"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	for _, c := range []struct {
		w    Workload
		want string
	}{
		{Workload{Model: "opus-5.5", Fast: true, BatchShare: 0.2}, "fast mode has no Batch API"},
		{Workload{Model: "sonnet", Fast: true}, "model sonnet has no fast mode in the tier table (fast mode: opus-5, opus-5.5, fable-5.2, mythos-5.2)"},
	} {
		if _, err := Resolve(c.w, tab); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.w, err, c.want)
		}
	}
}

// A subscriber's monthly API credits pay part of an API bill: Max's $100
// leaves $159.92 of $259.92 and nothing of $40; a Team's are per seat, up
// to $500.
func TestAPICreditsAgainstSpend(t *testing.T) {
	tab := defaultTable(t)
	plan := func(devs int) WorkloadPlan {
		return WorkloadPlan{Workload: Workload{Devs: devs}, Results: []Result{
			{Name: "start", Kind: KindAPI, MonthlyCost: tiers.Dollars(259.92)},
			{Name: "small", Kind: KindAPI, MonthlyCost: tiers.Dollars(40)},
			{Name: "pro", Kind: KindSubscription, MonthlyCost: tiers.Dollars(20)},
		}}
	}
	for _, c := range []struct {
		subscriber string
		devs       int
		want       []float64 // start, small, pro
		credits    []float64
	}{
		{"max", 1, []float64{159.92, 0, 20}, []float64{100, 40}},
		{"max-5x", 1, []float64{159.92, 0, 20}, []float64{100, 40}},
		{"ultra", 1, []float64{59.92, 0, 20}, []float64{200, 40}},
		{"team-standard", 3, []float64{199.92, 0, 20}, []float64{60, 40}}, // 3 × $20
		{"team-premium", 30, []float64{0, 0, 20}, []float64{259.92, 40}},  // 30 × $100, capped at $500
		{"pro", 1, []float64{259.92, 40, 20}, nil},                        // no credits
	} {
		wp := plan(c.devs)
		applyCredits(&wp, tab, c.subscriber)
		for i, want := range c.want {
			if got := wp.Results[i].MonthlyCost; got != tiers.Dollars(want) {
				t.Errorf("%s, %d devs: %s costs %s, want $%.2f", c.subscriber, c.devs, wp.Results[i].Name, got, want)
			}
		}
		for i, want := range c.credits {
			if got := wp.Results[i].APICredit; got == nil || *got != tiers.Dollars(want) {
				t.Errorf("%s: %s credit %v, want $%.2f", c.subscriber, wp.Results[i].Name, got, want)
			}
		}
		if c.credits == nil && (wp.Results[0].APICredit != nil || !strings.Contains(strings.Join(wp.Notes, ""), "comes with no API credits")) {
			t.Errorf("%s: a credit where the plan has none: %+v", c.subscriber, wp)
		}
	}
	// Through the planner: every API tier's bill is the list price less
	// the credit, and the subscriptions are untouched.
	w := Workload{SessionsPerDay: 20, TokensPerSession: 800_000}
	gross := mustPlan(t, w, tab)
	net, err := PlanWorkload(w, tab, Options{Subscriber: "max"})
	if err != nil {
		t.Fatal(err)
	}
	for i, res := range net.Results {
		want := gross.Results[i].MonthlyCost
		if res.Kind == KindAPI {
			want -= tiers.Dollars(100)
		}
		if res.MonthlyCost != want {
			t.Errorf("%s: %s, want %s", res.Name, res.MonthlyCost, want)
		}
	}
}

// Fable on Max draws on a weekly meter of its own, half the weekly
// allowance ($307.50–$500): $153.75–$250. $200 of Fable a week fits only at
// the high estimate (200 / 153.75 = 130%, 200 / 250 = 80%).
func TestFableMeter(t *testing.T) {
	tab := defaultTable(t)
	max, _ := tab.Plan("max")
	use := SubscriptionUse{Week: tiers.Dollars(200), Meters: map[string]tiers.Money{"fable": tiers.Dollars(200)}}
	r := EvaluatePlan(use, Workload{Devs: 1}, max, 0.8)
	if r.Binding != "weekly_fable" || r.Verdict != Tight || r.Allowance != fitsHigh {
		t.Fatalf("binding %s, verdict %s, %s", r.Binding, r.Verdict, r.Allowance)
	}
	if u := r.Utilization["weekly_fable"]; u != 200/153.75 {
		t.Errorf("meter use %v, want %v", u, 200/153.75)
	}
	if !strings.Contains(r.Reason, "$200.00 of API-equivalent use in a week on the fable meter (50% of the weekly allowance, for fable-5, fable-5.1, fable-5.2) against an estimated $153.75–$250.00") {
		t.Errorf("reason %q", r.Reason)
	}
	// A Fable workload: all its use is on the meter; Pro does not cover it.
	wp := mustPlan(t, Workload{Model: "fable-5.1", SessionsPerDay: 4, TokensPerSession: 400_000}, tab)
	m := resultOf(t, wp, "max")
	if m.Use == nil || m.Use.Meters["fable"] != m.Use.Week || m.Use.Week <= 0 {
		t.Errorf("max use %+v", m.Use)
	}
	if !strings.Contains(strings.Join(wp.Notes, "\n"), "pro: does not include fable-5.1; not evaluated") {
		t.Errorf("notes %q", wp.Notes)
	}
	// Sonnet on Max: no meter in use.
	if s := resultOf(t, mustPlan(t, Workload{SessionsPerDay: 4}, tab), "max"); s.Use.Meters != nil {
		t.Errorf("a sonnet workload on the fable meter: %+v", s.Use)
	}
}

// --model and --mix take model ids and dotted versions; the report names
// the table's model; a typo gets the nearest name.
func TestModelNames(t *testing.T) {
	tab := defaultTable(t)
	r, err := Resolve(Workload{Model: "claude-sonnet-4-6"}, tab)
	if err != nil || r.Workload.Model != "sonnet" || r.Parts[0].Model.Name != "sonnet" ||
		!strings.Contains(strings.Join(r.Notes, "\n"), "model claude-sonnet-4-6 is sonnet in the tier table") {
		t.Fatalf("claude-sonnet-4-6: %v, %+v, notes %q", err, r.Workload.Model, r.Notes)
	}
	r, err = Resolve(Workload{Mix: map[string]float64{"opus-4.7": 0.3, "sonnet": 0.7}}, tab)
	if err != nil || r.Workload.Mix["opus"] != 0.3 || len(r.Parts) != 2 {
		t.Fatalf("mix: %v, %+v", err, r.Workload.Mix)
	}
	for _, c := range []struct {
		w    Workload
		want string
	}{
		{Workload{Model: "sonet"}, `unknown model "sonet": did you mean sonnet?`},
		{Workload{Mix: map[string]float64{"claude-opus-4-6": 0.5, "opus": 0.5}}, "mix: claude-opus-4-6 and opus are both model opus in the tier table: give it once"},
		{Workload{Mix: map[string]float64{"sonet": 0.5, "opus": 0.5}}, `mix: unknown model "sonet": did you mean sonnet?`},
	} {
		if _, err := Resolve(c.w, tab); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.w, err, c.want)
		}
	}
}

// Fable 5.2's pool has no published limits: each tier is rated on its
// spend cap and says so, rather than on a guess.
func TestUnknownPoolLimits(t *testing.T) {
	wp := mustPlan(t, Workload{Model: "fable-5.2", SessionsPerDay: 4}, defaultTable(t))
	n := 0
	for _, res := range wp.Results {
		if res.Kind == KindAPI {
			n++
			if len(res.UnknownLimits) != 1 || res.UnknownLimits[0] != "fable-5.2" {
				t.Errorf("%s: unknown %v", res.Name, res.UnknownLimits)
			}
			for _, l := range []Limit{LimitRPM, LimitITPM, LimitOTPM} {
				if _, ok := res.Utilization[l]; ok {
					t.Errorf("%s: a %s use against an unknown limit", res.Name, l)
				}
			}
		}
	}
	if n != 3 || !strings.Contains(strings.Join(wp.Notes, "\n"), "start, build, scale: the limits of pool fable-5.2 are not known (not published:") {
		t.Errorf("%d tiers, notes %q", n, wp.Notes)
	}
}
