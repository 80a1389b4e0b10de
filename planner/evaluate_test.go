package planner

import (
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// A tier's verdict on the tiny day (ported from the deleted
// TestEvaluateTierVerdicts). The day needs RPM 6, ITPM 4,286, OTPM 572,
// TPM 4,858 (TestTinyDayNeeds); its largest call, sent cold, draws 1
// request, 3,000 input and 100 output tokens. The base tier: RPM 50, ITPM 10,000, OTPM
// 2,000, a $100 spend cap, against a $10 month.
func TestEvaluateTierVerdicts(t *testing.T) {
	_, pt := tinyPool(t, tinyDay())
	base := tiers.Limits{RPM: 50, ITPM: 10_000, OTPM: 2_000}
	cases := []struct {
		name    string
		mod     func(*PoolLoad, *tiers.Money, *tiers.Tier)
		verdict Verdict
		binding Limit
		util    float64 // of the binding limit
		first   int     // 429s from this call; 0: none
		reason  string
	}{
		// 4,286/10,000 = 43%, above RPM 6/50 = 12%, OTPM 572/2,000 = 29%,
		// the spend cap's $10/$100 = 10% and the largest call's (sent
		// cold) 3,000/10,000 = 30%.
		{"fits", nil, Fits, LimitITPM, 0.4286, 0, "most used: input-tokens-per-minute limit at 43%"},
		// 4,286/5,000 = 86% > the 80% headroom.
		{"tight", func(l *PoolLoad, _ *tiers.Money, _ *tiers.Tier) { l.Limits.ITPM = 5_000 }, Tight, LimitITPM, 0.8572, 0, "at 86%"},
		// 4,286/4,000 = 107%, the first 429 on call 3 (TestMeterUseAndFirstRejection),
		// with the spend cap at $6/$100 = 6%.
		{"throttled, budget barely used", func(l *PoolLoad, m *tiers.Money, _ *tiers.Tier) {
			l.Limits.ITPM, *m = 4_000, tiers.Dollars(6)
		}, Throttled, LimitITPM, 1.0715, 3,
			"the day's busiest moment needs 107% of the input-tokens-per-minute limit; 429s from call 3 of a session, while the monthly spend cap is only 6% used"},
		// The fourth call sent cold, 3,000 tokens against a 1,400 bucket:
		// 214%, it can never pass; the day would need 4,286/1,400 = 306%,
		// and the first call (1,500) is refused.
		{"request too large", func(l *PoolLoad, _ *tiers.Money, _ *tiers.Tier) { l.Limits.ITPM = 1_400 }, Blocked, LimitRequestSize, 3_000.0 / 1_400, 1,
			"one call needs 214% of a bucket (3,000 input tokens against 1,400 ITPM): it can never pass"},
		// $150 against the $100 cap.
		{"spend cap", func(_ *PoolLoad, m *tiers.Money, _ *tiers.Tier) { *m = tiers.Dollars(150) }, Blocked, LimitMonthlySpend, 1.5, 0,
			"$150.00 a month exceeds the $100.00 spend cap: requests stop until the 1st (UTC)"},
		// A free tier bills nothing, so its cap is never reached.
		{"free tier", func(_ *PoolLoad, m *tiers.Money, tr *tiers.Tier) { *m, tr.Free = tiers.Dollars(150), true }, Fits, LimitITPM, 0.4286, 0, "43%"},
		// 1,000,000 tokens a day against a 500,000 quota.
		{"daily tokens", func(l *PoolLoad, _ *tiers.Money, _ *tiers.Tier) {
			l.DailyTokens, l.Limits.TokensPerDay = 1_000_000, 500_000
		}, Blocked, LimitDailyTokens, 2, 0, "the daily token quota is used up (200% of it)"},
		// 250 requests a day against 100.
		{"daily requests", func(l *PoolLoad, _ *tiers.Money, _ *tiers.Tier) {
			l.DailyRequests, l.Limits.RequestsPerDay = 250, 100
		}, Blocked, LimitDailyRequests, 2.5, 0, "daily request quota"},
		// 6 requests against RPM 5: 120%; the 429 comes on call 3.
		{"rpm", func(l *PoolLoad, _ *tiers.Money, _ *tiers.Tier) { l.Limits.RPM = 5 }, Throttled, LimitRPM, 1.2, 3, "requests-per-minute"},
		// A combined TPM limit of 4,000: 4,858/4,000 = 121%. Calls draw
		// 1,600 then 600: the bucket runs 2,400, 1,933, 1,467, 1,000, then
		// 1,800 at 18 s → 200, and 333 < 600 at 20 s: call 2.
		{"combined tpm", func(l *PoolLoad, _ *tiers.Money, _ *tiers.Tier) { l.Limits = tiers.Limits{RPM: 50, TPM: 4_000} }, Throttled, LimitTPM, 1.2145, 2,
			"tokens-per-minute"},
	}
	for _, c := range cases {
		load := PoolLoad{Pool: "sonnet-4", Limits: base, trace: pt}
		monthly := tiers.Dollars(10)
		tr := tiers.Tier{Name: "t", HasSpendCap: true, MonthlySpendCap: tiers.Dollars(100)}
		if c.mod != nil {
			c.mod(&load, &monthly, &tr)
		}
		r := EvaluateTier([]PoolLoad{load}, time.Minute, monthly, 0, tr, 0.8)
		if r.Verdict != c.verdict || r.Binding != c.binding {
			t.Errorf("%s: %s/%s, want %s/%s (%v)", c.name, r.Verdict, r.Binding, c.verdict, c.binding, r.Utilization)
			continue
		}
		if !near(r.Utilization[c.binding], c.util, 1e-9) {
			t.Errorf("%s: utilisation %g, want %g", c.name, r.Utilization[c.binding], c.util)
		}
		first := 0
		if r.ThrottledFromCall != nil {
			first = *r.ThrottledFromCall
		}
		if first != c.first {
			t.Errorf("%s: 429s from call %d, want %d", c.name, first, c.first)
		}
		if !strings.Contains(r.Reason, c.reason) {
			t.Errorf("%s: reason %q lacks %q", c.name, r.Reason, c.reason)
		}
	}
}

// The batch queue: a day's batch requests against the requests the queue
// holds; over it, work waits (throttled), it is not refused.
func TestEvaluateTierBatchQueue(t *testing.T) {
	_, pt := tinyPool(t, tinyDay())
	tr := tiers.Tier{Name: "t", Batch: &tiers.BatchLimits{QueueRequests: 10}}
	load := PoolLoad{Pool: "sonnet-4", Limits: tiers.Limits{RPM: 1_000, ITPM: 1_000_000, OTPM: 1_000_000}, trace: pt}
	for batch, want := range map[int64]Verdict{4: Fits, 9: Tight, 20: Throttled} {
		r := EvaluateTier([]PoolLoad{load}, time.Minute, 0, batch, tr, 0.8)
		if r.Verdict != want || r.Utilization[LimitBatchQueue] != float64(batch)/10 {
			t.Errorf("%d batch requests against a queue of 10: %s at %g, want %s at %g",
				batch, r.Verdict, r.Utilization[LimitBatchQueue], want, float64(batch)/10)
		}
	}
}

// judge at the headroom and at 100% exactly, and its tie-breaks.
func TestJudgeThresholds(t *testing.T) {
	blocked := func(Limit) Verdict { return Blocked }
	cases := []struct {
		name    string
		u       map[Limit]float64
		verdict Verdict
		binding Limit
	}{
		{"at the headroom", map[Limit]float64{LimitITPM: 0.8}, Fits, LimitITPM},
		{"just over it", map[Limit]float64{LimitITPM: 0.8000000001}, Tight, LimitITPM},
		{"at 100%", map[Limit]float64{LimitITPM: 1}, Tight, LimitITPM},
		{"just over 100%", map[Limit]float64{LimitITPM: 1.0000000001}, Blocked, LimitITPM},
		// The worst verdict binds, even when a less severe limit is more used.
		{"worst verdict first", map[Limit]float64{LimitITPM: 0.95, LimitRPM: 0.5, LimitOTPM: 0.9}, Tight, LimitITPM},
		// Among equal verdicts, the most used; on a tie, the first in
		// limitOrder (request size, RPM, ITPM, …).
		{"most used", map[Limit]float64{LimitITPM: 0.3, LimitRPM: 0.5}, Fits, LimitRPM},
		{"tie", map[Limit]float64{LimitOTPM: 0.5, LimitRPM: 0.5, LimitITPM: 0.5}, Fits, LimitRPM},
		{"nothing applies", map[Limit]float64{}, Fits, ""},
	}
	for _, c := range cases {
		v, b := judge(c.u, 0.8, blocked)
		if v != c.verdict || b != c.binding {
			t.Errorf("%s: %s/%s, want %s/%s", c.name, v, b, c.verdict, c.binding)
		}
	}
}

// The "6% used, still 429" note: a throttled API tier bound by a
// per-minute limit while a budget is under half used. Not for plans, not
// for budgets at 50% or more, not for a tier blocked or merely tight.
func TestBudgetParadox(t *testing.T) {
	api := func(v Verdict, b Limit, spend float64) Result {
		return Result{Name: "t", Kind: KindAPI, Verdict: v, Binding: b,
			Utilization: map[Limit]float64{LimitITPM: 1.25, LimitMonthlySpend: spend}}
	}
	note := budgetParadox([]Result{api(Throttled, LimitITPM, 0.04)})
	if want := "on t the monthly spend cap would be only 4% used, yet the day's busiest moment needs 125% of the input-tokens-per-minute limit"; !strings.HasPrefix(note, want) {
		t.Errorf("note %q, want it to start %q", note, want)
	}
	for _, rs := range [][]Result{
		{api(Throttled, LimitITPM, 0.5)},
		{api(Blocked, LimitMonthlySpend, 0.04)},
		{api(Tight, LimitITPM, 0.04)},
		{{Name: "p", Kind: KindSubscription, Verdict: Throttled, Binding: LimitWindow5h, Utilization: map[Limit]float64{LimitWeekly: 0.1}}},
	} {
		if note := budgetParadox(rs); note != "" {
			t.Errorf("%+v: note %q, want none", rs[0], note)
		}
	}
}

// Which limits reset within the minute (exceeded: throttled) and which are
// budgets a dashboard shows as "% used"; every limit has words for reports.
func TestLimitKinds(t *testing.T) {
	perMinute := map[Limit]bool{LimitRPM: true, LimitITPM: true, LimitOTPM: true, LimitTPM: true}
	budget := map[Limit]bool{LimitDailyTokens: true, LimitDailyRequests: true, LimitMonthlySpend: true, LimitWindow5h: true, LimitWeekly: true}
	seen := map[string]bool{}
	for _, l := range limitOrder {
		if l.perMinute() != perMinute[l] || l.budget() != budget[l] {
			t.Errorf("%s: per minute %t, budget %t", l, l.perMinute(), l.budget())
		}
		d := l.Describe()
		if d == string(l) || seen[d] {
			t.Errorf("%s: description %q is not its own words", l, d)
		}
		seen[d] = true
	}
	if len(limitOrder) != 11 {
		t.Errorf("%d limits in order, want all 11", len(limitOrder))
	}
}
