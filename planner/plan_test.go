package planner

import (
	"math"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

// legacyTable is a small Tier 1–2 table with two plans, built in Go so the
// planner's tests do not depend on the YAML loader.
func legacyTable() *tiers.Table {
	m := testModel()
	m.Match = []string{"claude-sonnet-4"}
	return &tiers.Table{
		Origin: "test table",
		Models: []tiers.Model{m},
		Tiers: []tiers.Tier{
			{Name: "tier-1", HasSpendCap: true, MonthlySpendCap: tiers.Dollars(100),
				Limits: map[string]tiers.Limits{"sonnet-4": {RPM: 50, ITPM: 30_000, OTPM: 8_000}}},
			{Name: "tier-2", HasSpendCap: true, MonthlySpendCap: tiers.Dollars(500),
				Limits: map[string]tiers.Limits{"sonnet-4": {RPM: 1_000, ITPM: 450_000, OTPM: 90_000}}},
			{Name: "custom", Negotiated: true},
		},
		Plans: []tiers.Plan{
			{Name: "max-5x", PriceMonthly: tiers.Dollars(100),
				Window5h: &tiers.Allowance{Low: tiers.Dollars(16.5), High: tiers.Dollars(33)},
				Weekly:   &tiers.Allowance{Low: tiers.Dollars(123), High: tiers.Dollars(200)}},
		},
	}
}

func resultFor(t *testing.T, wp WorkloadPlan, name string) Result {
	t.Helper()
	for _, r := range wp.Results {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no result for %s", name)
	return Result{}
}

func TestPlanUncachedLargeContextIsBlockedBySize(t *testing.T) {
	// One uncached call of a 150k-token session: a context of ~146k against
	// Tier 1's 30,000-token ITPM bucket can never pass.
	w := Workload{SessionsPerDay: 5, TokensPerSession: 150_000, CallsPerSession: 1, NoCache: true}
	rep, err := Plan([]Workload{w}, legacyTable(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := resultFor(t, rep.Workloads[0], "tier-1")
	if r.Verdict != Blocked || r.Binding != LimitRequestSize {
		t.Errorf("tier-1: %s/%s, want blocked/request_size", r.Verdict, r.Binding)
	}
	if r2 := resultFor(t, rep.Workloads[0], "tier-2"); r2.Verdict == Blocked {
		t.Errorf("tier-2 should take a 146k call: %s (%s)", r2.Verdict, r2.Reason)
	}
	if !strings.Contains(strings.Join(rep.Workloads[0].Notes, "\n"), "custom: limits are negotiated") {
		t.Errorf("notes %q should say the negotiated tier is not evaluated", rep.Workloads[0].Notes)
	}
}

func TestPlanRaisingITPMChangesVerdict(t *testing.T) {
	w := Workload{SessionsPerDay: 5, TokensPerSession: 150_000, CallsPerSession: 1, NoCache: true}
	tbl := legacyTable()
	tbl.Tiers[0].Limits["sonnet-4"] = tiers.Limits{RPM: 50, ITPM: 2_000_000, OTPM: 8_000}
	rep, err := Plan([]Workload{w}, tbl, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := resultFor(t, rep.Workloads[0], "tier-1"); r.Verdict != Fits {
		t.Errorf("tier-1 with 2M ITPM: %s/%s, want fits", r.Verdict, r.Binding)
	}
}

func TestPlanBudgetParadoxNote(t *testing.T) {
	// Ten devs all in the same minute, cache off: the per-minute input limit
	// binds while the $100 cap sees a small bill.
	w := Workload{SessionsPerDay: 1, TokensPerSession: 100_000, CallsPerSession: 4, NoCache: true,
		Devs: 10, Overlap: 1, DaysPerMonth: 1}
	rep, err := Plan([]Workload{w}, legacyTable(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	wp := rep.Workloads[0]
	r := resultFor(t, wp, "tier-1")
	if r.Verdict != Throttled || !r.Binding.perMinute() {
		t.Fatalf("tier-1: %s/%s (%v)", r.Verdict, r.Binding, r.Utilization)
	}
	if !strings.Contains(strings.Join(wp.Notes, "\n"), "per-minute limits bind long before budgets") {
		t.Errorf("notes %q lack the budget paradox", wp.Notes)
	}
}

func TestMoreSessionsNeverMakeTheRecommendationCheaper(t *testing.T) {
	prev := tiers.Money(0)
	for sessions := 1.0; sessions <= 60; sessions++ {
		w := Workload{SessionsPerDay: sessions, TokensPerSession: 800_000}
		rep, err := Plan([]Workload{w}, legacyTable(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		rec := rep.Workloads[0].Recommendation
		cost := tiers.Money(math.MaxInt64)
		if rec.Tier != nil {
			cost = rec.MonthlyCost
		}
		if cost < prev {
			t.Fatalf("%g sessions: recommendation %v costs %v, less than %v at one session fewer", sessions, *rec.Tier, cost, prev)
		}
		prev = cost
	}
	if prev != tiers.Money(math.MaxInt64) {
		t.Errorf("at 60 sessions of 800k something still fits (%v); the sweep should reach 'none'", prev)
	}
}

func TestPlanUnknownModel(t *testing.T) {
	_, err := Plan([]Workload{{Model: "gpt-9"}}, legacyTable(), Options{})
	if err == nil || !strings.Contains(err.Error(), `unknown model "gpt-9" (the tier table has: sonnet)`) {
		t.Errorf("error %v", err)
	}
}
