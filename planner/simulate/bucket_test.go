package simulate

import (
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

// itpmOnly is a limiter with a single ITPM bucket.
func itpmOnly(itpm, windowMs int64) *limiter {
	return newLimiter(tiers.Limits{ITPM: itpm}, windowMs, 0, false, 0, 0)
}

func inCharge(tokens int64) *charge {
	return &charge{itpm: tokensToUnits(tokens), tokens: tokens}
}

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
				if l.admit(0, inCharge(tc.cost)).reason == Admitted {
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
		c          *charge
		wantWaitMs int64
		wantReason Reason
	}{
		// 7 RPM: one request refills in 60000/7 = 8571.43 ms → 8572 ms
		{"7 rpm", tiers.Limits{RPM: 7}, 60_000, 7, &charge{rpm: unitsPerToken}, 8572, ByRPM},
		// 50 RPM: 60000/50 = 1200 ms exactly
		{"50 rpm", tiers.Limits{RPM: 50}, 60_000, 50, &charge{rpm: unitsPerToken}, 1200, ByRPM},
		// 30,000 ITPM, calls of 10,000: 3 fill it; 10000 tokens at 500 tokens/s = 20,000 ms
		{"30k itpm", tiers.Limits{ITPM: 30_000}, 60_000, 3, inCharge(10_000), 20_000, ByITPM},
		// 8,000 OTPM at w=1s holds 133.33 tokens; a 100-token output leaves 33.33;
		// the next needs 66.67 tokens = 4,000,000 units at 8000 units/ms → 500 ms
		{"otpm w=1s", tiers.Limits{OTPM: 8_000}, 1_000, 1, &charge{otpm: tokensToUnits(100)}, 500, ByOTPM},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := newLimiter(tc.limits, tc.window, 0, false, 0, 0)
			for i := range tc.burst {
				if d := l.admit(0, tc.c); d.reason != Admitted {
					t.Fatalf("burst request %d rejected by %s", i+1, d.reason)
				}
			}
			d := l.admit(0, tc.c)
			if d.reason != tc.wantReason || d.waitMs != tc.wantWaitMs {
				t.Fatalf("got %s wait %d ms, want %s wait %d ms", d.reason, d.waitMs, tc.wantReason, tc.wantWaitMs)
			}
			if d := l.admit(tc.wantWaitMs-1, tc.c); d.reason != tc.wantReason || d.waitMs != 1 {
				t.Fatalf("1 ms early: got %s wait %d, want rejected with 1 ms to go", d.reason, d.waitMs)
			}
			if d := l.admit(tc.wantWaitMs, tc.c); d.reason != Admitted {
				t.Fatalf("at the refill time: rejected by %s, wait %d", d.reason, d.waitMs)
			}
		})
	}
}

// The retry-after header is the exact wait rounded up to whole seconds.
func TestRetryAfterSeconds(t *testing.T) {
	for _, tc := range []struct{ ms, want int64 }{{0, 0}, {1, 1}, {999, 1}, {1000, 1}, {1001, 2}, {8572, 9}, {20_000, 20}} {
		if got := retryAfterSeconds(tc.ms); got != tc.want {
			t.Errorf("retryAfterSeconds(%d) = %d, want %d", tc.ms, got, tc.want)
		}
	}
}

// With a 1 s window, a request up to the per-minute limit passes only on a
// full bucket and leaves it in debt; a request over the per-minute limit
// never passes.
func TestShortWindowLargeRequests(t *testing.T) {
	// 30,000 ITPM at w=1s holds 500 tokens and refills 500 tokens/s.
	l := itpmOnly(30_000, 1_000)
	if d := l.admit(0, inCharge(20_000)); d.reason != Admitted {
		t.Fatalf("20k call on a full bucket: rejected by %s", d.reason)
	}
	// Level is 500 − 20,000 = −19,500 tokens; a 100-token call needs 100:
	// 19,600 tokens at 500 tokens/s = 39,200 ms.
	if d := l.admit(0, inCharge(100)); d.reason != ByITPM || d.waitMs != 39_200 {
		t.Fatalf("after the large call: %s wait %d, want itpm wait 39200", d.reason, d.waitMs)
	}
	if d := l.admit(0, inCharge(30_001)); d.reason != ByRequestSize {
		t.Fatalf("call over the per-minute limit: %s, want request_size", d.reason)
	}
	if d := l.admit(1_000_000, inCharge(30_001)); d.reason != ByRequestSize {
		t.Fatalf("call over the per-minute limit, much later: %s, want request_size", d.reason)
	}
}

// A level never exceeds the capacity however long the bucket idles, and the
// lazy refill does not overflow over years of simulated time.
func TestBucketCapsAndDoesNotOverflow(t *testing.T) {
	b := newBucket("itpm", maxLimit, maxWindowMs)
	b.take(b.capacity)
	if got := b.levelAt(1); got != maxLimit {
		t.Fatalf("after 1 ms: %d, want %d", got, int64(maxLimit))
	}
	if got := b.levelAt(10 * 365 * dayMs); got != b.capacity {
		t.Fatalf("after ten years: %d, want capacity %d", got, b.capacity)
	}
}
