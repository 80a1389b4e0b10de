package simulate

import (
	"testing"
	"time"

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
		limits := tiers.Limits{RPM: clamp(rpm, 1e6), ITPM: clamp(itpm, 1e9), OTPM: clamp(otpm, 1e9), TPM: clamp(tpm, 1e9), RequestsPerDay: clamp(rpd, 1e6)}
		cfg := baseConfig(limits, repeatCalls(int(calls%60)+1, Call{Input: int64(in), CacheRead: int64(in) * 3, Output: int64(out), Cost: 1000}))
		cfg.Devs, cfg.SessionsPerDay = int(devs%12)+1, float64(spd%4)+0.5
		cfg.WorkHours = time.Hour
		cfg.Window = time.Duration(int(windowS)%3600+1) * time.Second
		cfg.Arrival = Arrival(arrival % 3)
		cfg.Policy = mustPolicy(t, PolicyNames()[int(policy)%len(PolicyNames())])
		cfg.Think, cfg.FirstToken, cfg.TokensPerSecond = 3*time.Second, 500*time.Millisecond, 80
		cfg.ResumeAfter, cfg.CacheTTL, cfg.Seed = 5*time.Second, time.Minute, seed
		cfg.HasSpendCap, cfg.SpendCap = seed%2 == 0, tiers.Money(seed%50_000)
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
