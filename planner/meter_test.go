package planner

import (
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// What the tiny day needs of each per-minute limit. A bucket of limit L
// (capacity L, refilled L per 60 s, starting full) admits every call exactly
// when, for every run of calls from j to k, their sum is at most
// L × (1 + (t_k − t_j)/60 s). The binding run is the whole day, 24 s long,
// for every bucket (a factor of 1.4):
//
//	RPM:  8 requests      / 1.4 = 5.71  → 6
//	ITPM: 6,000 tokens    / 1.4 = 4,285.7 → 4,286
//	OTPM: 800 tokens      / 1.4 = 571.4 → 572
//	TPM:  6,800 tokens    / 1.4 = 4,857.1 → 4,858
//
// (The first session alone: 3,000 input tokens / 1.1 = 2,727; less.)
//
// Under a 1 s window a bucket holds only L/60: the first call (1,500)
// needs a full bucket and leaves it L/60 − 1,500 in debt; two seconds
// later it has refilled L/30, and the second call's 500 must fit:
// L/60 − 1,500 + L/30 ≥ 500, so L ≥ 40,000.
func TestTinyDayNeeds(t *testing.T) {
	_, pt := tinyPool(t, tinyDay())
	want := map[Limit]int64{LimitRPM: 6, LimitITPM: 4_286, LimitOTPM: 572, LimitTPM: 4_858}
	got := pt.needs(time.Minute)
	for l, n := range want {
		if got[l] != n {
			t.Errorf("%s needs %d, want %d", l, got[l], n)
		}
	}
	pt.need = nil
	if got := pt.needs(time.Second)[LimitITPM]; got != 40_000 {
		t.Errorf("ITPM under a 1 s window needs %d, want 40,000", got)
	}
}

// A tier's use of each limit is need ÷ limit, and the call of the first
// 429 comes from running the day through the tier's buckets (ported from
// the deleted TestThrottledFromCall). With an ITPM bucket of L input
// tokens refilling L/60,000 a millisecond (levels after each call):
//
//	L = 1,600: 0 ms 1,600 → 100; 2,000 ms 153 < 500: call 2.
//	L = 2,000: 500; 566 → 66; 4,000 ms 133 < 500: call 3.
//	L = 3,000: 1,500; 1,600 → 1,100; 1,200 → 700; 800 → 300; at 18,000 ms
//	           300 + 600 = 900 < 1,500: call 1 of the second session.
//	L = 4,000: 2,500; 2,633 → 2,133; 2,267 → 1,767; 1,900 → 1,400; 2,200 →
//	           700; 833 → 333; at 22,000 ms 467 < 500: call 3.
//	L = 4,286: exactly what the day needs: no 429.
func TestMeterUseAndFirstRejection(t *testing.T) {
	_, pt := tinyPool(t, tinyDay())
	for itpm, first := range map[int64]int{1_600: 2, 2_000: 3, 3_000: 1, 4_000: 3, 4_286: 0, 10_000: 0} {
		m := pt.meter(tiers.Limits{RPM: 1_000, ITPM: itpm, OTPM: 10_000}, time.Minute)
		if m.firstRejected != first {
			t.Errorf("ITPM %d: first 429 at call %d, want %d", itpm, m.firstRejected, first)
		}
		if want := 4_286 / float64(itpm); m.use[LimitITPM] != want {
			t.Errorf("ITPM %d: use %g, want 4,286/%d = %g", itpm, m.use[LimitITPM], itpm, want)
		}
	}
	// RPM 10, ITPM 4,000, OTPM 1,000: 6/10, 4,286/4,000, 572/1,000; no TPM
	// limit, so no TPM use. The largest call, any call taken as if sent
	// cold (the fourth writes its 3,000 again), against each bucket: 1/10,
	// 3,000/4,000 = 0.75, 100/1,000.
	m := pt.meter(tiers.Limits{RPM: 10, ITPM: 4_000, OTPM: 1_000}, time.Minute)
	if m.use[LimitRPM] != 0.6 || m.use[LimitITPM] != 1.0715 || m.use[LimitOTPM] != 0.572 {
		t.Errorf("use %v, want rpm 0.6, itpm 1.0715, otpm 0.572", m.use)
	}
	if _, ok := m.use[LimitTPM]; ok {
		t.Errorf("a tier without a TPM limit has TPM use %v", m.use)
	}
	if m.requestSize != 0.75 {
		t.Errorf("request size %g, want 0.75", m.requestSize)
	}
	// RPM 5: 5 → 4; 4.17 → 3.17; 3.33 → 2.33; 2.5 → 1.5; at 18 s 2.5 → 1.5;
	// 1.67 → 0.67; at 22 s 0.83 < 1: call 3 of the second session.
	if m := pt.meter(tiers.Limits{RPM: 5, ITPM: 10_000}, time.Minute); m.firstRejected != 3 || m.use[LimitRPM] != 1.2 {
		t.Errorf("RPM 5: first 429 at call %d, use %g; want 3 and 6/5", m.firstRejected, m.use[LimitRPM])
	}
	// ITPM 1,400: the first call's 1,500 can never pass, nor the fourth's
	// 3,000 sent cold (3,000/1,400).
	if m := pt.meter(tiers.Limits{RPM: 1_000, ITPM: 1_400}, time.Minute); m.firstRejected != 1 || !near(m.requestSize, 3_000.0/1_400, 1e-12) {
		t.Errorf("ITPM 1,400: first 429 at call %d, request size %g; want 1 and 2.1429", m.firstRejected, m.requestSize)
	}
	// One session a day needs 3,000/1.1 = 2,728 input tokens a minute, so
	// ITPM 2,800 admits the whole day; but after a long pause the fourth
	// call writes its 3,000 again, more than 2,800 can ever admit: the
	// 429 comes from call 4 (the third, 2,500 cold, still fits).
	w := tinyDay()
	w.SessionsPerDay = 1
	_, one := tinyPool(t, w)
	m = one.meter(tiers.Limits{RPM: 1_000, ITPM: 2_800}, time.Minute)
	if m.use[LimitITPM] != 2_728.0/2_800 || m.firstRejected != 4 || !near(m.requestSize, 3_000.0/2_800, 1e-12) {
		t.Errorf("one session on ITPM 2,800: use %g, first 429 at call %d, request size %g; want 0.974, 4, 1.0714",
			m.use[LimitITPM], m.firstRejected, m.requestSize)
	}
}

// The verdict at the boundaries, through the whole plan: the day needs 572
// output tokens a minute, so an OTPM limit of 715 is used exactly 80% (fits:
// at or under the headroom), 714 just over (tight), 572 exactly 100% (tight,
// and no call gets a 429), 571 just over (throttled). At 571 the bucket
// (levels after each call, 9.5 tokens refilled a second) runs 471, 390,
// 309, 228, then 342 at 18 s → 242, 161, 80, and at 24 s holds 99.4 < 100:
// the fourth call of the second session gets the 429.
func TestVerdictAtTheBoundaries(t *testing.T) {
	cases := []struct {
		otpm    int64
		verdict Verdict
		use     float64
		first   int // 0: no 429
	}{
		{715, Fits, 0.8, 0},
		{714, Tight, 572.0 / 714, 0},
		{572, Tight, 1, 0},
		{571, Throttled, 572.0 / 571, 4},
	}
	for _, c := range cases {
		tab := tableOf(apiTier("t", tiers.Limits{RPM: 1_000, ITPM: 1_000_000, OTPM: c.otpm}))
		r := resultOf(t, mustPlan(t, tinyDay(), tab), "t")
		if r.Verdict != c.verdict || r.Binding != LimitOTPM || r.Utilization[LimitOTPM] != c.use {
			t.Errorf("OTPM %d: %s/%s at %g, want %s/otpm at %g", c.otpm, r.Verdict, r.Binding, r.Utilization[LimitOTPM], c.verdict, c.use)
		}
		first := 0
		if r.ThrottledFromCall != nil {
			first = *r.ThrottledFromCall
		}
		if first != c.first {
			t.Errorf("OTPM %d: 429s from call %d, want %d", c.otpm, first, c.first)
		}
	}
	// The headroom is the workload's: at 0.9, 80% and 90% fit.
	w := tinyDay()
	w.Headroom = 0.9
	tab := tableOf(apiTier("t", tiers.Limits{RPM: 1_000, ITPM: 1_000_000, OTPM: 636}))
	if r := resultOf(t, mustPlan(t, w, tab), "t"); r.Verdict != Fits { // 572/636 = 0.8994
		t.Errorf("headroom 0.9, use %g: %s, want fits", r.Utilization[LimitOTPM], r.Verdict)
	}
}
