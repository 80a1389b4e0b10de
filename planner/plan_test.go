package planner

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// uncachedOneCall is five sessions a day of one uncached call of 150,000
// tokens: a context of 150,000 − 475 = 149,525 sent whole.
func uncachedOneCall() Workload {
	return Workload{SessionsPerDay: 5, TokensPerSession: 150_000, CallsPerSession: 1, NoCache: true}
}

// One call of 149,525 input tokens against low's 30,000-token ITPM bucket
// can never pass: 498%; high's 450,000 takes it (ported from the deleted
// TestPlanUncachedLargeContextIsBlockedBySize).
func TestPlanUncachedLargeContextIsBlockedBySize(t *testing.T) {
	rep, err := Plan([]Workload{uncachedOneCall()}, smallTable(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	wp := rep.Workloads[0]
	r := resultOf(t, wp, "low")
	if r.Verdict != Blocked || r.Binding != LimitRequestSize || !near(r.Utilization[LimitRequestSize], 149_525.0/30_000, 1e-12) {
		t.Errorf("low: %s/%s at %g, want blocked/request_size at 4.98", r.Verdict, r.Binding, r.Utilization[LimitRequestSize])
	}
	if r2 := resultOf(t, wp, "high"); r2.Verdict == Blocked {
		t.Errorf("high should take a 149,525-token call: %s (%s)", r2.Verdict, r2.Reason)
	}
	if !slices.Contains(wp.Notes, "custom: limits are negotiated with the vendor; not evaluated") {
		t.Errorf("notes %q should say the negotiated tier is not evaluated", wp.Notes)
	}
	if rep.SchemaVersion != ReportSchemaVersion || rep.TiersSource != "test table" || rep.TiersAsOf != "" {
		t.Errorf("report header %d %q %q", rep.SchemaVersion, rep.TiersSource, rep.TiersAsOf)
	}
}

// The same day with low's ITPM raised to 2,000,000 fits: the call is 7.5%
// of it, five calls hours apart, and the bill, 105 sessions × (149,525 ×
// $3 + 475 × $15 per million) = 105 × $0.455700 = $47.85, is 48% of the
// $100 cap (ported from the deleted TestPlanRaisingITPMChangesVerdict).
func TestPlanRaisingITPMChangesVerdict(t *testing.T) {
	tab := smallTable()
	tab.Tiers[0].Limits["sonnet-4"] = tiers.Limits{RPM: 50, ITPM: 2_000_000, OTPM: 8_000}
	wp := mustPlan(t, uncachedOneCall(), tab)
	if wp.MonthlyCost.Total != 47_848_500 {
		t.Errorf("bill %s, want $47.85", wp.MonthlyCost.Total)
	}
	if r := resultOf(t, wp, "low"); r.Verdict != Fits || r.Binding != LimitMonthlySpend {
		t.Errorf("low with 2M ITPM: %s/%s, want fits, most used the spend cap", r.Verdict, r.Binding)
	}
}

// Ten developers start at the bell, caching off: some 10 × 18,000 input
// tokens in the first seconds against low's 30,000 a minute, while the
// month's bill (10 sessions of 90k tokens) is about $3 of the $100 cap
// (ported from the deleted TestPlanBudgetParadoxNote).
func TestPlanBudgetParadoxNote(t *testing.T) {
	w := Workload{SessionsPerDay: 1, TokensPerSession: 90_000, CallsPerSession: 4, NoCache: true, Devs: 10, Overlap: 1, DaysPerMonth: 1}
	wp := mustPlan(t, w, smallTable())
	r := resultOf(t, wp, "low")
	if r.Verdict != Throttled || r.Binding != LimitITPM {
		t.Fatalf("low: %s/%s (%v)", r.Verdict, r.Binding, r.Utilization)
	}
	if !strings.Contains(strings.Join(wp.Notes, "\n"), "per-minute limits bind long before budgets") {
		t.Errorf("notes %q lack the budget paradox", wp.Notes)
	}
}

// An unknown model names the models the table has (ported from the deleted
// TestPlanUnknownModel); with several workloads, the error names which.
func TestPlanUnknownModel(t *testing.T) {
	_, err := Plan([]Workload{{Model: "gpt-9"}}, smallTable(), Options{})
	if err == nil || err.Error() != `unknown model "gpt-9" (the tier table has: sonnet)` {
		t.Errorf("error %v", err)
	}
	_, err = Plan([]Workload{{Name: "a"}, {Name: "b", Model: "gpt-9"}}, smallTable(), Options{})
	if err == nil || !strings.HasPrefix(err.Error(), `workload "b": unknown model "gpt-9"`) {
		t.Errorf("error %v", err)
	}
}

// --only, plans that do not cover the model, and a session longer than
// the working day.
func TestPlanOptionsAndNotes(t *testing.T) {
	wp, err := PlanWorkload(tinyDay(), smallTable(), Options{Only: []string{"seat", "high"}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range wp.Results {
		names = append(names, r.Name)
	}
	if !slices.Equal(names, []string{"high", "seat"}) {
		t.Errorf("--only seat,high evaluated %v", names)
	}

	tab := smallTable()
	tab.Plans[0].Models = []string{"haiku"}
	wp = mustPlan(t, tinyDay(), tab)
	if !slices.Contains(wp.Notes, "seat: does not include sonnet; not evaluated") {
		t.Errorf("notes %q", wp.Notes)
	}

	// Calls of 302 s: a session of 20.1 minutes in a 0.01-hour day.
	w := tinyDay()
	w.FirstTokenS = 301
	wp = mustPlan(t, w, smallTable())
	if !slices.Contains(wp.Notes, "a session takes 20 minutes, longer than the 0.01-hour working day") {
		t.Errorf("notes %q", wp.Notes)
	}
	tab = smallTable()
	tab.AsOf = time.Date(2026, 4, 23, 0, 0, 0, 0, time.UTC)
	if rep, _ := Plan([]Workload{tinyDay()}, tab, Options{}); rep.TiersAsOf != "2026-04-23" {
		t.Errorf("as of %q", rep.TiersAsOf)
	}
}
