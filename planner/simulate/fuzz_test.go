package simulate

import (
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/tiers"
)

// FuzzRun drives the engine with arbitrary limits, sessions and policies and
// checks the books always balance: every call ends succeeded or abandoned,
// every request is admitted or refused, and the wait percentiles are in
// order. It must never panic or loop forever.
func FuzzRun(f *testing.F) {
	f.Add(int64(50), int64(30_000), int64(8_000), int64(0), int64(0), uint16(2000), uint16(300), uint16(5), uint8(3), uint8(2), uint8(2), uint16(60), uint8(0), uint64(1))
	f.Add(int64(1), int64(0), int64(0), int64(0), int64(3), uint16(10), uint16(0), uint16(1), uint8(8), uint8(1), uint8(1), uint16(1), uint8(1), uint64(7))
	f.Add(int64(0), int64(0), int64(0), int64(5000), int64(0), uint16(4000), uint16(900), uint16(20), uint8(20), uint8(4), uint8(5), uint16(10), uint8(2), uint64(99))
	f.Fuzz(func(t *testing.T, rpm, itpm, otpm, tpm, rpd int64, in, out, calls uint16, devs, spd, policy uint8, windowS uint16, arrival uint8, seed uint64) {
		clamp := func(v, hi int64) int64 { return min(max(v, 0), hi) }
		h := hand{
			limits: tiers.Limits{RPM: clamp(rpm, 1e6), ITPM: clamp(itpm, 1e9), OTPM: clamp(otpm, 1e9), TPM: clamp(tpm, 1e9), RequestsPerDay: clamp(rpd, 1e6)},
			calls:  int(calls%60) + 1, input: int64(in) + 1, output: int64(out), firstToken: 500 * time.Millisecond, gap: 3 * time.Second,
			devs: int(devs%12) + 1, sessionsPerDay: float64(spd%4) + 0.5, arrival: day.Arrival(arrival % 3), hours: time.Hour, seed: seed | 1,
		}
		cfg := h.config(t)
		cfg.Workload.Window = time.Duration(int(windowS)%3600+1) * time.Second
		cfg.Workload.Parts[0].Spec.Shape.Cache = 0 // 5-minute cache: warm and expired calls
		cfg.Policy = mustPolicy(t, PolicyNames()[int(policy)%len(PolicyNames())])
		cfg.ResumeAfter = 5 * time.Second
		cfg.Tier.HasSpendCap, cfg.Tier.MonthlySpendCap = seed%2 == 0, tiers.Money(seed%50_000)
		r, err := Run(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var by int64
		for _, n := range r.RejectedBy {
			by += n
		}
		switch {
		case r.Succeeded+r.Abandoned != r.Attempted:
			t.Fatalf("succeeded %d + abandoned %d ≠ attempted %d", r.Succeeded, r.Abandoned, r.Attempted)
		case r.Succeeded+r.Rejected429 != r.Requests:
			t.Fatalf("succeeded %d + 429s %d ≠ requests %d", r.Succeeded, r.Rejected429, r.Requests)
		case by != r.Rejected429:
			t.Fatalf("429s by limit %v sum to %d, not %d", r.RejectedBy, by, r.Rejected429)
		case r.WaitP50S > r.WaitP95S || r.WaitP95S > r.WaitP99S || r.SessionWaitP50S > r.SessionWaitP95S:
			t.Fatalf("percentiles out of order: %+v", r)
		case r.NotAttempted < 0 || r.WaitP50S < 0:
			t.Fatalf("negative count: %+v", r)
		}
	})
}
