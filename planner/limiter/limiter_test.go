package limiter

import (
	"math"
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

func window(ms int64) time.Duration { return time.Duration(ms) * time.Millisecond }

// itpmOnly is a limiter with a single ITPM bucket.
func itpmOnly(itpm, windowMs int64) *Limiter {
	return New(tiers.Limits{ITPM: itpm}, window(windowMs), Spend{})
}

func inCharge(tokens int64) *Charge {
	return &Charge{ITPM: TokensToUnits(tokens), Tokens: tokens}
}

var oneRequest = &Charge{RPM: UnitsPerToken}

// K equal calls at the same instant on a full bucket of B tokens admit
// exactly floor(B/c) of them.
func TestFullBucketAdmitsFloorBOverC(t *testing.T) {
	cases := []struct {
		name          string
		limit, window int64 // per minute, ms
		cost          int64
		k, wantAdmits int
	}{
		// B = 1000·60/60 = 1000; floor(1000/300) = 3
		{"w=60s", 1000, 60_000, 300, 5, 3},
		// B = 1000, c = 250: floor = 4 exactly, the 4th leaves the bucket at 0
		{"exact fit", 1000, 60_000, 250, 6, 4},
		// B = 1000·1/60 = 16.67 tokens; floor(16.67/5) = 3
		{"w=1s", 1000, 1_000, 5, 10, 3},
		// B = 30000·10/60 = 5000; floor(5000/1200) = 4
		{"w=10s", 30_000, 10_000, 1200, 9, 4},
		// fewer calls than fit: all K pass
		{"room to spare", 1000, 60_000, 100, 7, 7},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := itpmOnly(tc.limit, tc.window)
			admitted := 0
			for range tc.k {
				if l.Admit(0, inCharge(tc.cost)).Reason == Admitted {
					admitted++
				}
			}
			if admitted != tc.wantAdmits {
				t.Fatalf("admitted %d of %d, want %d", admitted, tc.k, tc.wantAdmits)
			}
		})
	}
}

// After a burst empties the bucket, the next request is admitted at exactly
// the millisecond its cost has refilled, and not one millisecond earlier.
func TestRefillTimeExactToTheMillisecond(t *testing.T) {
	cases := []struct {
		name       string
		limits     tiers.Limits
		window     int64
		burst      int // requests that empty the bucket at t=0
		c          *Charge
		wantWaitMs int64
		wantReason Reason
	}{
		// 7 RPM: one request refills in 60000/7 = 8571.43 ms → 8572 ms
		{"7 rpm", tiers.Limits{RPM: 7}, 60_000, 7, oneRequest, 8572, ByRPM},
		// 50 RPM: 60000/50 = 1200 ms exactly
		{"50 rpm", tiers.Limits{RPM: 50}, 60_000, 50, oneRequest, 1200, ByRPM},
		// 30,000 ITPM, calls of 10,000: 3 fill it; 10000 tokens at 500 tokens/s = 20,000 ms
		{"30k itpm", tiers.Limits{ITPM: 30_000}, 60_000, 3, inCharge(10_000), 20_000, ByITPM},
		// 8,000 OTPM at w=1s holds 133.33 tokens; a 100-token output leaves 33.33;
		// the next needs 66.67 tokens = 4,000,000 units at 8000 units/ms → 500 ms
		{"otpm w=1s", tiers.Limits{OTPM: 8_000}, 1_000, 1, &Charge{OTPM: TokensToUnits(100)}, 500, ByOTPM},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := New(tc.limits, window(tc.window), Spend{})
			for i := range tc.burst {
				if d := l.Admit(0, tc.c); d.Reason != Admitted {
					t.Fatalf("burst request %d rejected by %s", i+1, d.Reason)
				}
			}
			d := l.Admit(0, tc.c)
			if d.Reason != tc.wantReason || d.WaitMs != tc.wantWaitMs {
				t.Fatalf("got %s wait %d ms, want %s wait %d ms", d.Reason, d.WaitMs, tc.wantReason, tc.wantWaitMs)
			}
			if d := l.Admit(tc.wantWaitMs-1, tc.c); d.Reason != tc.wantReason || d.WaitMs != 1 {
				t.Fatalf("1 ms early: got %s wait %d, want rejected with 1 ms to go", d.Reason, d.WaitMs)
			}
			if d := l.Admit(tc.wantWaitMs, tc.c); d.Reason != Admitted {
				t.Fatalf("at the refill time: rejected by %s, wait %d", d.Reason, d.WaitMs)
			}
		})
	}
}

// The retry-after header is the exact wait rounded up to whole seconds.
func TestRetryAfterSeconds(t *testing.T) {
	for _, tc := range []struct{ ms, want int64 }{{0, 0}, {1, 1}, {999, 1}, {1000, 1}, {1001, 2}, {8572, 9}, {20_000, 20}} {
		if got := RetryAfterSeconds(tc.ms); got != tc.want {
			t.Errorf("RetryAfterSeconds(%d) = %d, want %d", tc.ms, got, tc.want)
		}
	}
}

// With a 1 s window, a request up to the per-minute limit passes only on a
// full bucket and leaves it in debt; a request over the per-minute limit
// never passes.
func TestShortWindowLargeRequests(t *testing.T) {
	// 30,000 ITPM at w=1s holds 500 tokens and refills 500 tokens/s.
	l := itpmOnly(30_000, 1_000)
	if d := l.Admit(0, inCharge(20_000)); d.Reason != Admitted {
		t.Fatalf("20k call on a full bucket: rejected by %s", d.Reason)
	}
	// Level is 500 − 20,000 = −19,500 tokens; a 100-token call needs 100:
	// 19,600 tokens at 500 tokens/s = 39,200 ms.
	if d := l.Admit(0, inCharge(100)); d.Reason != ByITPM || d.WaitMs != 39_200 {
		t.Fatalf("after the large call: %s wait %d, want itpm wait 39200", d.Reason, d.WaitMs)
	}
	if d := l.Admit(0, inCharge(30_001)); d.Reason != ByRequestSize {
		t.Fatalf("call over the per-minute limit: %s, want request_size", d.Reason)
	}
	if d := l.Admit(1_000_000, inCharge(30_001)); d.Reason != ByRequestSize {
		t.Fatalf("call over the per-minute limit, much later: %s, want request_size", d.Reason)
	}
}

// A level never exceeds the capacity however long the bucket idles, and the
// lazy refill does not overflow over years of simulated time.
func TestBucketCapsAndDoesNotOverflow(t *testing.T) {
	b := NewBucket("itpm", MaxLimit, window(MaxWindowMs))
	b.Take(b.Capacity())
	if got := b.LevelAt(1); got != MaxLimit {
		t.Fatalf("after 1 ms: %d, want %d", got, int64(MaxLimit))
	}
	if got := b.LevelAt(10 * 365 * DayMs); got != b.Capacity() {
		t.Fatalf("after ten years: %d, want capacity %d", got, b.Capacity())
	}
}

// Observe keeps Admit's levels up to the first rejection and reports it;
// Pressure is the deepest need as a share of the capacity.
func TestObservePressureAndFirstRejection(t *testing.T) {
	// 30,000 ITPM at w=60s: capacity 30,000 tokens, 500 tokens a second.
	l := itpmOnly(30_000, 60_000)
	// t=0: 20,000 (level 30k → 10k; pressure (30−30+20)/30 = 0.667)
	if d := l.Observe(0, inCharge(20_000)); d.Reason != Admitted {
		t.Fatalf("first call: %s", d.Reason)
	}
	if p := l.ITPM.Pressure(); math.Abs(p-20.0/30) > 1e-12 {
		t.Fatalf("pressure after 20k = %g, want 2/3", p)
	}
	// t=10 s: level 10k + 5k = 15k; a 12k call: pressure (30−15+12)/30 = 0.9, admitted.
	if d := l.Observe(10_000, inCharge(12_000)); d.Reason != Admitted {
		t.Fatalf("second call: %s", d.Reason)
	}
	if p := l.ITPM.Pressure(); math.Abs(p-0.9) > 1e-12 {
		t.Fatalf("pressure = %g, want 0.9", p)
	}
	// t=12 s: level 3k + 1k = 4k; a 10k call needs 6k more: rejected with a
	// 12 s wait; pressure (30−4+10)/30 = 1.2; the level goes to −6k.
	d := l.Observe(12_000, inCharge(10_000))
	if d.Reason != ByITPM || d.WaitMs != 12_000 {
		t.Fatalf("third call: %s wait %d, want itpm 12000", d.Reason, d.WaitMs)
	}
	if p := l.ITPM.Pressure(); math.Abs(p-1.2) > 1e-12 {
		t.Fatalf("pressure = %g, want 1.2", p)
	}
	if lv := l.ITPM.LevelAt(12_000); lv != TokensToUnits(-6_000) {
		t.Fatalf("level = %d units, want −6,000 tokens", lv)
	}
}

// Observing a trace and admitting it agree call for call up to the first
// rejection, for any trace.
func TestObserveMatchesAdmitUntilFirstRejection(t *testing.T) {
	trace := []struct {
		at     int64
		tokens int64
	}{{0, 9_000}, {500, 9_000}, {2_000, 9_000}, {2_500, 5_000}, {30_000, 20_000}, {31_000, 9_000}}
	a, o := itpmOnly(30_000, 60_000), itpmOnly(30_000, 60_000)
	for i, c := range trace {
		da := a.Admit(c.at, inCharge(c.tokens))
		do := o.Observe(c.at, inCharge(c.tokens))
		if da != do {
			t.Fatalf("call %d: Admit %+v, Observe %+v", i+1, da, do)
		}
		if da.Reason != Admitted {
			return
		}
	}
	t.Fatal("the trace was meant to reach a rejection")
}

// Sync sets a bucket to what a response's headers report, capped at its
// capacity, and refill goes on from there.
func TestSyncFromHeaders(t *testing.T) {
	b := NewBucket("itpm", 30_000, time.Minute)
	b.Sync(1_000, 1_000) // 1,000 tokens left at t = 1 s
	if got := b.LevelAt(1_000); got != TokensToUnits(1_000) {
		t.Fatalf("level after sync = %d, want 1,000 tokens", got)
	}
	// 4,000 tokens need 3,000 more at 500 a second: 6 s.
	if w := b.Wait(TokensToUnits(4_000)); w != 6_000 {
		t.Fatalf("wait = %d ms, want 6000", w)
	}
	b.Sync(2_000, 99_999_999)
	if got := b.LevelAt(2_000); got != b.Capacity() {
		t.Fatalf("an over-large remaining must cap at the capacity, got %d", got)
	}
}

// Daily quotas reset at midnight; the spend cap stops calls until the next
// billing month.
func TestQuotasAndSpendCap(t *testing.T) {
	l := New(tiers.Limits{RequestsPerDay: 2}, time.Minute, Spend{HasCap: true, Cap: tiers.Dollars(1), DaysPerMonth: 2})
	c := &Charge{Cost: tiers.Dollars(0.6)}
	if d := l.Admit(0, c); d.Reason != Admitted {
		t.Fatalf("first: %s", d.Reason)
	}
	if d := l.Admit(1, c); d.Reason != Admitted {
		t.Fatalf("second: %s", d.Reason)
	}
	if d := l.Admit(2, c); d.Reason != BySpendCap {
		t.Fatalf("third: %s, want monthly_spend ($1.20 spent of $1)", d.Reason)
	}
	if d := l.Admit(DayMs, c); d.Reason != BySpendCap {
		t.Fatalf("next day, same month: %s, want monthly_spend", d.Reason)
	}
	if d := l.Admit(2*DayMs, c); d.Reason != Admitted {
		t.Fatalf("new month: %s, want admitted", d.Reason)
	}
	l2 := New(tiers.Limits{RequestsPerDay: 1}, time.Minute, Spend{})
	l2.Admit(0, c)
	if d := l2.Admit(1, c); d.Reason != ByDailyRequests || !d.Reason.Hard() {
		t.Fatalf("second request of the day: %s, want daily_requests (hard)", d.Reason)
	}
}

// Charges follow the model's accounting: cache reads count only on †
// models, and reserved output is given back at the end.
func TestChargeOfAccounting(t *testing.T) {
	u := Usage{Input: 10, CacheWrite: 1_000, CacheRead: 50_000, Output: 300}
	plain := Accounting{}.ChargeOf(u, 0)
	if plain.ITPM != TokensToUnits(1_010) || plain.OTPM != TokensToUnits(300) || plain.ReserveExtra != 0 {
		t.Fatalf("plain: %+v", plain)
	}
	dagger := Accounting{CountsCacheReads: true, ReserveMaxTokens: 32_000}.ChargeOf(u, 0)
	if dagger.ITPM != TokensToUnits(51_010) || dagger.OTPM != TokensToUnits(32_000) || dagger.ReserveExtra != TokensToUnits(31_700) {
		t.Fatalf("reads counted and max_tokens reserved: %+v", dagger)
	}
	if dagger.TPM != TokensToUnits(51_010+32_000) || dagger.Tokens != 51_310 {
		t.Fatalf("combined: tpm %d tokens %d", dagger.TPM, dagger.Tokens)
	}
	l := New(tiers.Limits{OTPM: 40_000}, time.Minute, Spend{})
	l.Admit(0, &dagger)
	l.Settle(0, &dagger)
	if got := l.OTPM.LevelAt(0); got != TokensToUnits(40_000-300) {
		t.Fatalf("after settle: %d units, want 39,700 tokens", got)
	}
}
