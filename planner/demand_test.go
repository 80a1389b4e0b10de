package planner

import (
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

// fourCallSession is the session of TestBuildSessionSolvesGrowth: contexts
// 1,500 / 2,000 / 2,500 / 3,000, 100 output tokens each, warm 5-minute cache.
func fourCallSession(t *testing.T, w Workload) (Session, Workload) {
	t.Helper()
	w.TokensPerSession, w.CallsPerSession, w.PrefixTokens = 9_400, 4, 1_000
	w.OutputShare, w.CompactAt = 400.0/9_400, 1_000_000
	if w.SessionsPerDay == 0 {
		w.SessionsPerDay = 1
	}
	s, err := BuildSession(w, testModel())
	if err != nil {
		t.Fatal(err)
	}
	return s, w.WithDefaults(200_000)
}

func TestComputeDemandCacheAwareITPM(t *testing.T) {
	s, w := fourCallSession(t, Workload{Pace: 2, Devs: 2, SessionsPerDay: 3})
	m := testModel()
	d := ComputeDemand(s, m, w)
	// Charges (reads free): 1,500, 500, 500, 500; two calls a minute:
	// minutes 1,500 / 2,000 / 1,000 / 1,000 → peak ITPM 2,000.
	// TPM adds 100 output per call: 1,600 / 2,200 / 1,200 / 1,200.
	want := Charge{Requests: 2, ITPM: 2_000, OTPM: 200, TPM: 2_200}
	if d.PeakMinute != want {
		t.Errorf("peak minute %+v, want %+v", d.PeakMinute, want)
	}
	if d.LargestCall != (Charge{Requests: 1, ITPM: 1_500, OTPM: 100, TPM: 1_600}) {
		t.Errorf("largest call %+v", d.LargestCall)
	}
	// 2 devs × 3 sessions = 6 sessions × 9,400 tokens and × 4 calls.
	if d.DailyTokens != 56_400 || d.DailyRequests != 24 {
		t.Errorf("daily %d tokens %d requests, want 56,400 and 24", d.DailyTokens, d.DailyRequests)
	}
	// 6 sessions × 21 days = 126 sessions × 9,400 = 1,184,400.
	if d.MonthlyTokens != 1_184_400 || d.SessionMinutes != 2 {
		t.Errorf("monthly %d, session minutes %g", d.MonthlyTokens, d.SessionMinutes)
	}

	// A † model counts reads too: 1,500, 2,000, 2,500, 3,000 → peak 5,500.
	m.ITPMCountsCacheReads = true
	if got := ComputeDemand(s, m, w).PeakMinute.ITPM; got != 5_500 {
		t.Errorf("ITPM counting cache reads = %d, want 5,500", got)
	}
	// Reserving max_tokens charges 1,000 per call: two calls → 2,000.
	m.OTPMAccounting = tiers.OTPMReserveMaxTokens
	w.MaxTokens = 1_000
	if got := ComputeDemand(s, m, w).PeakMinute.OTPM; got != 2_000 {
		t.Errorf("reserved OTPM = %d, want 2,000", got)
	}
}

func TestComputeDemandUncachedChargesWholeContext(t *testing.T) {
	s, w := fourCallSession(t, Workload{Pace: 2, NoCache: true})
	d := ComputeDemand(s, testModel(), w)
	// Windows: 1,500 / 3,500 / 4,500 / 5,500.
	if d.PeakMinute.ITPM != 5_500 || d.LargestCall.ITPM != 3_000 {
		t.Errorf("uncached peak %d largest %d, want 5,500 and 3,000", d.PeakMinute.ITPM, d.LargestCall.ITPM)
	}
}

func TestThrottledFromCall(t *testing.T) {
	s, w := fourCallSession(t, Workload{Pace: 2, NoCache: true})
	d := ComputeDemand(s, testModel(), w)
	// Minute sums 1,500 / 3,500 / 4,500 / 5,500 against 4,000 ITPM: call 3.
	if got := d.ThrottledFromCall(tiers.Limits{ITPM: 4_000}); got != 3 {
		t.Errorf("throttled from call %d, want 3", got)
	}
	if got := d.ThrottledFromCall(tiers.Limits{ITPM: 6_000, RPM: 2}); got != 0 {
		t.Errorf("throttled from call %d, want never (0)", got)
	}
	// RPM 1 at two calls a minute: the second call.
	if got := d.ThrottledFromCall(tiers.Limits{RPM: 1}); got != 2 {
		t.Errorf("RPM-throttled from call %d, want 2", got)
	}
}

func TestBinomialQuantile(t *testing.T) {
	cases := []struct {
		n    int
		p, q float64
		want int64
	}{
		{20, 0.25, 0.99, 10}, // P(X≤9)=0.986, P(X≤10)=0.996
		{100, 0.1, 0.99, 18}, // P(X≤18)=0.9954
		{1, 0.5, 0.99, 1},
		{5, 0, 0.99, 0},
		{5, 1, 0.99, 5},
		{1, 0.004, 0.99, 0}, // P(X=0)=0.996
	}
	for _, c := range cases {
		if got := BinomialQuantile(c.n, c.p, c.q); got != c.want {
			t.Errorf("BinomialQuantile(%d, %g, %g) = %d, want %d", c.n, c.p, c.q, got, c.want)
		}
	}
}

func TestPeakSessions(t *testing.T) {
	cases := []struct {
		name    string
		w       Workload
		minutes float64
		want    int64
	}{
		// 1 dev, 20 two-minute sessions in 480 minutes: busy 8%, one session.
		{"solo", Workload{Devs: 1, SessionsPerDay: 20, HoursPerDay: 8}, 2, 1},
		// 20 devs busy a quarter of the day: p99 of Bin(20, 0.25) = 10.
		{"team", Workload{Devs: 20, SessionsPerDay: 60, HoursPerDay: 8}, 2, 10},
		// Busy 2.08 sessions' worth of the day: 3 side by side.
		{"parallel agents", Workload{Devs: 1, SessionsPerDay: 500, HoursPerDay: 8}, 2, 3},
		// Stand-up: half of 10 devs at once.
		{"overlap", Workload{Devs: 10, SessionsPerDay: 20, HoursPerDay: 8, Overlap: 0.5}, 2, 5},
	}
	for _, c := range cases {
		if got := PeakSessions(c.w, c.minutes); got != c.want {
			t.Errorf("%s: %d peak sessions, want %d", c.name, got, c.want)
		}
	}
}
