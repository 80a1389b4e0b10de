package simulate

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/tiers"
)

// benchRun simulates 100 developers for 30 working days with the default
// workload on sonnet (Claude Code's retry policy, Poisson arrivals) and
// reports simulated events per second of wall time.
func benchRun(b *testing.B, tier tiers.Tier, window time.Duration) {
	tab := loadTable(b, "")
	r, err := planner.Resolve(planner.Workload{Devs: 100, Arrival: day.Poisson}, tab)
	if err != nil {
		b.Fatal(err)
	}
	r.Window = window
	cfg := ConfigFor(r, tier)
	cfg.Days = 30
	var events, calls, rejected int64
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := Run(cfg)
		if err != nil {
			b.Fatal(err)
		}
		events += res.Events
		calls += res.Attempted
		rejected += res.Rejected429
	}
	s := b.Elapsed().Seconds()
	b.ReportMetric(float64(events)/s, "events/s")
	b.ReportMetric(float64(events)/float64(b.N), "events/op")
	b.ReportMetric(float64(calls)/float64(b.N), "calls/op")
	b.ReportMetric(float64(rejected)/float64(b.N), "429s/op")
}

// BenchmarkTeam100x30Start: a tier the team fits on (Start, 2M ITPM).
func BenchmarkTeam100x30Start(b *testing.B) {
	benchRun(b, tiers.Tier{Name: "start", HasSpendCap: true, MonthlySpendCap: tiers.Dollars(500_000),
		Limits: map[string]tiers.Limits{"sonnet-4": {RPM: 1_000, ITPM: 2_000_000, OTPM: 400_000}}}, time.Minute)
}

// BenchmarkTeam100x30Throttled: the same team on Tier 1 of April 2026
// (30k ITPM, 8k OTPM) with a 1 s enforcement window, where bursts meet
// 429s and retries multiply the events.
func BenchmarkTeam100x30Throttled(b *testing.B) {
	benchRun(b, tiers.Tier{Name: "tier-1", Limits: map[string]tiers.Limits{"sonnet-4": {RPM: 50, ITPM: 30_000, OTPM: 8_000}}}, time.Second)
}

// BenchmarkTeam1000Memory runs 1,000 developers on Start for 1 and for 30
// working days and reports the most heap a collection found live during
// each run: with session slots reused, thirty days hold what one day holds.
func BenchmarkTeam1000Memory(b *testing.B) {
	tab := loadTable(b, "")
	r, err := planner.Resolve(planner.Workload{Devs: 1000}, tab)
	if err != nil {
		b.Fatal(err)
	}
	tier := tiers.Tier{Name: "start", Limits: map[string]tiers.Limits{"sonnet-4": {RPM: 10_000, ITPM: 20_000_000, OTPM: 4_000_000}}}
	for _, days := range []int{1, 30} {
		b.Run(fmt.Sprintf("days=%d", days), func(b *testing.B) {
			cfg := ConfigFor(r, tier)
			cfg.Days = days
			var peak uint64
			for b.Loop() {
				runtime.GC()
				stop := watchHeap(&peak)
				if _, err := Run(cfg); err != nil {
					b.Fatal(err)
				}
				stop()
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-live-MiB")
		})
	}
}

// watchHeap samples the heap the last collection found live, every
// millisecond, into *peak until the returned stop is called.
func watchHeap(peak *uint64) (stop func()) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			*peak = max(*peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
