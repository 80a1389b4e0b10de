package simulate

import (
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/planner/session"
	"github.com/tierplan/tierplan/tiers"
)

// testModel prices input at $1 per million tokens and everything else at
// nothing, so a call's cost in micro-dollars is its uncached input.
func testModel() tiers.Model {
	return tiers.Model{Name: "m", Pool: "p", ContextWindow: 10_000_000,
		Price: tiers.Prices{Input: tiers.Dollars(1)}, OTPMAccounting: tiers.OTPMActual}
}

// hand is a hand-made run: every session makes calls work calls, the first
// sending input tokens uncached and each later one output tokens more (the
// context grows by the answer; with output 0 every call is the same);
// calls take firstToken plus their output at 1 token a millisecond, and
// every gap between calls is exponential with mean gap.
type hand struct {
	limits         tiers.Limits
	calls          int
	input, output  int64
	firstToken     time.Duration
	gap            time.Duration
	devs           int
	sessionsPerDay float64
	arrival        day.Arrival
	hours          time.Duration
	seed           uint64
}

func (h hand) config(t *testing.T) Config {
	t.Helper()
	if h.devs == 0 {
		h.devs = 1
	}
	if h.sessionsPerDay == 0 {
		h.sessionsPerDay = 1
	}
	if h.hours == 0 {
		h.hours = 8 * time.Hour
	}
	if h.seed == 0 {
		h.seed = 1
	}
	spec := session.Spec{
		Shape:  session.Shape{Prefix: h.input, Output: h.output, Growth: float64(h.output), Cache: session.CacheOff},
		Timing: session.Timing{FirstToken: h.firstToken, OutputPerSecond: 1000, ToolTime: h.gap, CallsPerTurn: 1e6, Pause: h.gap},
		Length: session.Length{Calls: h.calls},
	}
	r := planner.Resolved{
		Workload: planner.Workload{Devs: h.devs, SessionsPerDay: h.sessionsPerDay, DaysPerMonth: 21, MaxTokens: 32_000},
		Parts:    []planner.ResolvedPart{{Model: testModel(), Share: 1, Spec: spec}},
		Team:     day.Team{Devs: h.devs, SessionsPerDay: h.sessionsPerDay, Hours: h.hours, Arrival: h.arrival, Seed: h.seed},
		Window:   time.Minute,
	}
	cfg := ConfigFor(r, tiers.Tier{Name: "t", Limits: map[string]tiers.Limits{"p": h.limits}})
	cfg.Policy, cfg.ResumeAfter = mustPolicy(t, "none"), 0
	return cfg
}

func mustRun(t *testing.T, cfg Config) Result {
	t.Helper()
	r, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
