package simulate

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/tiers"
)

// One bucket offered load ρ > 1 with no retries rejects ≈ 1 − 1/ρ of calls
// (the fluid limit: the bucket is empty almost all the time, so it admits at
// its refill rate r out of λ offered). Calls take no time, so every session
// is a Poisson stream whatever its calls' fate.
func TestRejectedShareMatchesFluidLimit(t *testing.T) {
	cases := []struct {
		sessions int
		gapS     float64
		rpm      int64
		rho      float64
	}{
		// λ = 20 sessions / 1 s = 20 calls/s; r = 600/60 = 10/s; ρ = 2 → 1/2 rejected
		{20, 1, 600, 2},
		// λ = 20 / 1.5 s = 13.33/s; r = 10/s; ρ = 4/3 → 1/4 rejected
		{20, 1.5, 600, 4.0 / 3},
		// λ = 40 / 1 s = 40/s; r = 10/s; ρ = 4 → 3/4 rejected
		{40, 1, 600, 4},
	}
	for _, tc := range cases {
		h := hand{limits: tiers.Limits{RPM: tc.rpm}, calls: int(3 * 3600 / tc.gapS), input: 1,
			gap: time.Duration(tc.gapS * float64(time.Second)), devs: tc.sessions, arrival: day.Standup}
		r := mustRun(t, h.config(t))
		got := float64(r.Rejected429) / float64(r.Attempted)
		want := 1 - 1/tc.rho
		// Tolerance 0.015: the initial full bucket (600 of ~100k calls) and
		// Poisson noise are both well inside it.
		if math.Abs(got-want) > 0.015 {
			t.Errorf("ρ=%.3f: rejected %.4f of %d calls, want %.4f ± 0.015", tc.rho, got, r.Attempted, want)
		}
		if r.Abandoned != r.Rejected429 || r.Requests != r.Attempted {
			t.Errorf("ρ=%.3f: no retries, yet abandoned %d ≠ 429s %d or requests %d ≠ attempted %d",
				tc.rho, r.Abandoned, r.Rejected429, r.Requests, r.Attempted)
		}
	}
}

// K sessions arriving at the same instant (a stand-up) with one equal call
// each: exactly floor(B/c) pass.
func TestStandupBurstAdmitsFloorBOverC(t *testing.T) {
	// ITPM 30,000, w = 60 s: B = 30,000; c = 7,000 → floor(30000/7000) = 4
	h := hand{limits: tiers.Limits{ITPM: 30_000}, calls: 1, input: 7_000, devs: 9, arrival: day.Standup}
	r := mustRun(t, h.config(t))
	if r.Succeeded != 4 || r.Abandoned != 5 || r.RejectedBy["itpm"] != 5 {
		t.Fatalf("succeeded %d abandoned %d rejected %v, want 4, 5, itpm 5", r.Succeeded, r.Abandoned, r.RejectedBy)
	}
	// w = 15 s: B = 7,500 → floor(7500/7000) = 1
	cfg := h.config(t)
	cfg.Workload.Window = 15 * time.Second
	if r := mustRun(t, cfg); r.Succeeded != 1 {
		t.Fatalf("w=15s: succeeded %d, want 1", r.Succeeded)
	}
}

// A client that honours retry-after comes back exactly when the bucket has
// refilled: its added wait is the header's whole seconds.
func TestRetryAfterHonouredWaitsTheRefill(t *testing.T) {
	// 1 RPM: the second call waits 60,000 ms; retry-after 60 s; the SDK
	// honours it (≤ 60 s) and is admitted at t+60 s.
	cfg := hand{limits: tiers.Limits{RPM: 1}, calls: 1, input: 10, devs: 2, arrival: day.Standup}.config(t)
	cfg.Policy = mustPolicy(t, "sdk")
	r := mustRun(t, cfg)
	if r.Succeeded != 2 || r.Rejected429 != 1 || r.Requests != 3 || r.WaitP99S != 60 || r.WaitP50S != 0 {
		t.Fatalf("got %+v", r)
	}
	// 7 RPM, 8 calls: the 8th waits 8,572 ms → retry-after 9 s.
	cfg = hand{limits: tiers.Limits{RPM: 7}, calls: 1, input: 10, devs: 8, arrival: day.Standup}.config(t)
	cfg.Policy = mustPolicy(t, "sdk")
	r = mustRun(t, cfg)
	if r.Succeeded != 8 || r.WaitP99S != 9 {
		t.Fatalf("7 rpm: succeeded %d, p99 wait %g s, want 8 and 9", r.Succeeded, r.WaitP99S)
	}
}

// Spend-cap 429s carry no retry-after: each policy retries them on its own
// backoff (both real clients do), gives up, and the session stops there.
func TestSpendCapRetriedThenSessionStops(t *testing.T) {
	// 300,000 input tokens at $1/MTok = $0.30 a call against a $1.00 cap:
	// spent before each call 0, .30, .60, .90 (< 1, admitted), then 1.20 ≥ 1
	// → the 5th call is refused, and so is each of its retries.
	cfg := hand{limits: tiers.Limits{RPM: 1000}, calls: 10, input: 300_000, gap: time.Second}.config(t)
	cfg.Tier.HasSpendCap, cfg.Tier.MonthlySpendCap = true, tiers.Dollars(1)
	retries := map[string]int64{"none": 0, "sdk": 2, "claude-code": 10, "full-jitter": 10, "equal-jitter": 10, "decorrelated": 10}
	for _, name := range PolicyNames() {
		cfg.Policy = mustPolicy(t, name)
		r := mustRun(t, cfg)
		n := retries[name]
		if r.Succeeded != 4 || r.Rejected429 != 1+n || r.RejectedBy["monthly_spend"] != 1+n ||
			r.Requests != 5+n || r.Abandoned != 1 || r.NotAttempted != 5 || r.Spend != tiers.Dollars(1.20) {
			t.Errorf("%s: got succeeded %d 429s %d %v requests %d abandoned %d not attempted %d spend %s; want %d retries",
				name, r.Succeeded, r.Rejected429, r.RejectedBy, r.Requests, r.Abandoned, r.NotAttempted, r.Spend, n)
		}
	}
	// Already over the cap before the day: nothing passes.
	cfg.SpentBefore = tiers.Dollars(1)
	if r := mustRun(t, cfg); r.Succeeded != 0 || r.NotAttempted != 9 {
		t.Errorf("spent before: succeeded %d, not attempted %d", r.Succeeded, r.NotAttempted)
	}
}

// A call larger than the per-minute limit is abandoned at once, never
// retried, and the session goes on with its next call.
func TestOversizedCallAbandoned(t *testing.T) {
	// Calls of 20,000, 40,000 and 60,000 input (growth 20,000), an hour
	// apart on average, against 50,000 ITPM: the third can never pass.
	cfg := hand{limits: tiers.Limits{ITPM: 50_000}, calls: 3, input: 20_000, gap: time.Hour}.config(t)
	cfg.Workload.Parts[0].Spec.Shape.Growth = 20_000
	cfg.Policy = mustPolicy(t, "claude-code")
	r := mustRun(t, cfg)
	if r.Succeeded != 2 || r.Abandoned != 1 || r.RejectedBy["request_size"] != 1 || r.Requests != 3 {
		t.Fatalf("got %+v", r)
	}
	if r.FirstRejection == nil || r.FirstRejection.Call != 3 {
		t.Fatalf("first rejection %+v, want call 3", r.FirstRejection)
	}
}

// Daily quotas reset at midnight: a quota of 3 requests a day passes 3
// calls on each of two days; the sdk retries the 4th call twice, then the
// session stops.
func TestDailyRequestQuotaResets(t *testing.T) {
	cfg := hand{limits: tiers.Limits{RequestsPerDay: 3}, calls: 5, input: 10, gap: time.Second}.config(t)
	cfg.Days = 2
	cfg.Policy = mustPolicy(t, "sdk")
	r := mustRun(t, cfg)
	if r.Succeeded != 6 || r.RejectedBy["daily_requests"] != 6 || r.NotAttempted != 2 {
		t.Fatalf("got succeeded %d rejected %v not attempted %d", r.Succeeded, r.RejectedBy, r.NotAttempted)
	}
}

// With reserve_max_tokens accounting, max_tokens is drawn at the start and
// the unused part returned at the end.
func TestReserveMaxTokens(t *testing.T) {
	// OTPM 8,000, max_tokens 4,000, output 500 (10 s calls): two calls in
	// flight at once reserve 8,000 and a third must wait, though only 1,000
	// are produced.
	h := hand{limits: tiers.Limits{OTPM: 8_000}, calls: 1, input: 10, output: 500, firstToken: 10 * time.Second, devs: 3, arrival: day.Standup}
	cfg := h.config(t)
	cfg.Workload.Workload.MaxTokens = 4_000
	cfg.Workload.Parts[0].Model.OTPMAccounting = tiers.OTPMReserveMaxTokens
	r := mustRun(t, cfg)
	if r.Succeeded != 2 || r.RejectedBy["otpm"] != 1 {
		t.Fatalf("reserve: got succeeded %d rejected %v", r.Succeeded, r.RejectedBy)
	}
	if r := mustRun(t, h.config(t)); r.Succeeded != 3 {
		t.Fatalf("actual: succeeded %d, want 3", r.Succeeded)
	}
}

// The same seed gives the same result; another seed gives another.
func TestDeterministic(t *testing.T) {
	h := hand{limits: tiers.Limits{RPM: 50, ITPM: 30_000, OTPM: 8_000}, calls: 40, input: 2_000, output: 100,
		firstToken: time.Second, gap: 5 * time.Second, devs: 10, sessionsPerDay: 3, arrival: day.Poisson, hours: 30 * time.Minute}
	cfg := h.config(t)
	cfg.Days, cfg.Policy, cfg.TokenSpread = 2, mustPolicy(t, "claude-code"), 0.5
	cfg.Workload.Workload.TokensPerSession = 200_000
	a, b := mustRun(t, cfg), mustRun(t, cfg)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("same seed, different results:\n%+v\n%+v", a, b)
	}
	if a.Rejected429 == 0 {
		t.Fatal("the scenario should be throttled")
	}
	cfg.Workload.Team.Seed = 2
	if c := mustRun(t, cfg); reflect.DeepEqual(a, c) {
		t.Fatal("another seed gave the identical result")
	}
}

// After a failed call the developer re-prompts after ResumeAfter: the
// session's next call comes that much later instead of at once.
func TestResumeAfterAbandonedCall(t *testing.T) {
	// 1 RPM, no retries, no wait between calls: call 1 passes at 0; call 2
	// at 0 is refused; call 3 comes at 0 + 10 s, is refused too.
	cfg := hand{limits: tiers.Limits{RPM: 1}, calls: 3, input: 10}.config(t)
	cfg.ResumeAfter = 10 * time.Second
	var sentAt []time.Duration
	cfg.TimelineStep = time.Second
	cfg.Timeline = func(row TimelineRow) error {
		for range row.Requests {
			sentAt = append(sentAt, row.Clock)
		}
		return nil
	}
	r := mustRun(t, cfg)
	if r.Succeeded != 1 || r.Abandoned != 2 || len(sentAt) != 3 || sentAt[2]-sentAt[0] != 10*time.Second {
		t.Fatalf("succeeded %d abandoned %d requests at %v, want 1, 2, the last 10 s after the first", r.Succeeded, r.Abandoned, sentAt)
	}
	// The session lost calls: it is left out of the makespan and the
	// "longer" figures, which would otherwise compare less work with more.
	if r.IncompleteSessions != 1 || r.MakespanS != 0 || r.DayLongerPct != 0 || r.SessionLongerPct != 0 {
		t.Fatalf("incomplete %d makespan %g day %+g%% sessions %+g%%, want 1, 0, 0, 0", r.IncompleteSessions, r.MakespanS, r.DayLongerPct, r.SessionLongerPct)
	}
}

// Calls refused by the spend cap stop sessions early; only complete
// sessions count toward "longer", which is never negative.
func TestLongerNeverNegative(t *testing.T) {
	cfg := hand{limits: tiers.Limits{RPM: 1_000, ITPM: 10_000_000, OTPM: 1_000_000}, calls: 20, input: 3_000_000,
		firstToken: time.Second, gap: 5 * time.Second, devs: 5, sessionsPerDay: 2}.config(t)
	// Each call costs $3: a $100 cap stops the day after 33 calls of 200.
	cfg.Tier.HasSpendCap, cfg.Tier.MonthlySpendCap = true, tiers.Dollars(100)
	r := mustRun(t, cfg)
	if r.IncompleteSessions == 0 || r.NotAttempted == 0 {
		t.Fatalf("the spend cap should stop sessions: %+v", r)
	}
	if r.DayLongerPct < 0 || r.SessionLongerPct < 0 {
		t.Fatalf("day %+g%%, sessions %+g%%: never negative", r.DayLongerPct, r.SessionLongerPct)
	}
}

// A call that waits past the cache TTL since its session's last admitted
// call is sent cold, and counts its whole context against ITPM.
func TestCacheExpiresDuringThrottling(t *testing.T) {
	cfg := hand{limits: tiers.Limits{RPM: 1}, calls: 2, input: 10}.config(t)
	cfg.Workload.Parts[0].Spec.Shape.Cache = 0 // 5 minutes
	cfg.Workload.Parts[0].Spec.Shape.Growth = 5
	cfg.Policy = mustPolicy(t, "claude-code")
	r := mustRun(t, cfg)
	// 1 RPM: the second call waits 60 s, under the TTL: sent warm.
	if r.Succeeded != 2 || r.CacheMisses != 0 {
		t.Fatalf("1 rpm: %+v", r)
	}
	// Eight developers at a stand-up, two calls each, 1 RPM: the second
	// calls queue behind the first ones for minutes, past the 5-minute TTL.
	cfg = hand{limits: tiers.Limits{RPM: 1}, calls: 2, input: 10, devs: 8, arrival: day.Standup}.config(t)
	cfg.Workload.Parts[0].Spec.Shape.Cache = 0
	cfg.Workload.Parts[0].Spec.Shape.Growth = 5
	cfg.Policy = mustPolicy(t, "claude-code")
	r = mustRun(t, cfg)
	if r.CacheMisses == 0 {
		t.Fatalf("calls that waited for minutes should have found the cache expired: %+v", r)
	}
}

// The timeline's waits add up to the run's: each call's throttling delay
// lands in the step where the call ended.
func TestTimelineWaits(t *testing.T) {
	cfg := hand{limits: tiers.Limits{RPM: 1}, calls: 3, input: 10}.config(t)
	cfg.Policy = mustPolicy(t, "claude-code")
	var waited time.Duration
	cfg.TimelineStep = time.Second
	cfg.Timeline = func(row TimelineRow) error {
		waited += row.Waited
		return nil
	}
	r := mustRun(t, cfg)
	ended := float64(r.Succeeded + r.Abandoned)
	if want := r.WaitMeanS * ended; waited <= 0 || math.Abs(waited.Seconds()-want) > 0.001*ended {
		t.Fatalf("timeline waits %s, run's %.3fs over %g calls", waited, want, ended)
	}
}
