package simulate

import (
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/tiers"
)

// benchRun simulates 100 developers for 30 working days with the default
// workload (8 sessions a day of 800k tokens, Claude Code's retry policy) and
// reports simulated events per second of wall time.
func benchRun(b *testing.B, tier tiers.Tier) {
	cfg, err := ConfigFor(planner.Workload{Devs: 100}, testModel(), tier)
	if err != nil {
		b.Fatal(err)
	}
	cfg.Days = 30
	if tier.Name == "tier-2" {
		cfg.Window = time.Second
	}
	cfg.Arrival = Poisson
	cfg.Policy, _ = PolicyNamed("claude-code")
	var events, calls, rejected int64
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := Run(cfg)
		if err != nil {
			b.Fatal(err)
		}
		events += r.Events
		calls += r.Attempted
		rejected += r.Rejected429
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
		Limits: map[string]tiers.Limits{"sonnet-4": {RPM: 1_000, ITPM: 2_000_000, OTPM: 400_000}}})
}

// BenchmarkTeam100x30Throttled: the same team on Tier 2 of April 2026
// (90k OTPM, 450k ITPM) with a 1 s enforcement window, where bursts meet 429s
// and retries multiply the events.
func BenchmarkTeam100x30Throttled(b *testing.B) {
	benchRun(b, tiers.Tier{Name: "tier-2", Limits: map[string]tiers.Limits{"sonnet-4": {RPM: 1_000, ITPM: 450_000, OTPM: 90_000}}})
}
