package simulate

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/tiers"
)

// Config is one simulation: a resolved workload against one tier, a client
// retry policy, and how many days to run.
type Config struct {
	// Workload is the resolved workload: its parts' sessions, the team and
	// its arrivals, the enforcement window and the seed.
	Workload planner.Resolved
	Tier     tiers.Tier
	// SpentBefore is what was already spent this month when the run starts
	// (it counts toward the spend cap).
	SpentBefore tiers.Money
	Days        int
	DayStart    time.Duration // after midnight
	Policy      Policy
	// ResumeAfter is how long a developer takes to notice a lost call and
	// re-prompt: the session's next call comes this long plus its usual
	// wait after the failure.
	ResumeAfter time.Duration
	// TokenSpread is σ of a lognormal multiplier (mean 1) on each session's
	// tokens; 0 runs every session as the workload gives it.
	TokenSpread float64

	// Timeline, when set, receives one row per TimelineStep of active time.
	Timeline     func(TimelineRow) error
	TimelineStep time.Duration

	// inspect, when set, sees the engine after the run (tests).
	inspect func(*engine)
}

// Documented defaults the CLI starts from.
const (
	DefaultDayStart    = 9 * time.Hour
	DefaultResumeAfter = 10 * time.Second
)

// maxSessions bounds one run (developers × sessions a day × days).
const maxSessions = 1_000_000

// validate reports the first setting the simulator cannot run with.
func (c *Config) validate() error {
	r := c.Workload
	switch {
	case len(r.Parts) == 0:
		return errors.New("no workload to simulate")
	case c.Tier.Negotiated:
		return fmt.Errorf("tier %s has negotiated limits; there is nothing to simulate against", c.Tier.Name)
	case c.Days < 1 || c.Days > 3660:
		return fmt.Errorf("days %d is out of range (1 to 3660)", c.Days)
	case float64(r.Team.Count())*float64(c.Days) > maxSessions:
		return errors.New("more than a million sessions in one run (developers × sessions per day × days)")
	case c.DayStart < 0 || c.DayStart >= 24*time.Hour:
		return fmt.Errorf("day start %s is not a time of day", c.DayStart)
	case c.ResumeAfter < 0:
		return errors.New("the resume pause must not be negative")
	case math.IsNaN(c.TokenSpread) || c.TokenSpread < 0 || c.TokenSpread > 3:
		return fmt.Errorf("token spread %g is out of range (0 to 3)", c.TokenSpread)
	case c.Timeline != nil && c.TimelineStep < time.Millisecond:
		return fmt.Errorf("timeline step %s is too short", c.TimelineStep)
	case c.SpentBefore < 0:
		return errors.New("the spend so far must not be negative")
	}
	for _, p := range r.Parts {
		l, ok := c.Tier.Limits[p.Model.Pool]
		if !ok {
			return fmt.Errorf("tier %s has no limits for %s's pool %s", c.Tier.Name, p.Model.Name, p.Model.Pool)
		}
		for _, v := range []int64{l.RPM, l.ITPM, l.OTPM, l.TPM, l.TokensPerDay, l.RequestsPerDay} {
			if v < 0 || v > limiter.MaxLimit {
				return fmt.Errorf("tier %s: limit %d of pool %s is out of range (0 to %d)", c.Tier.Name, v, p.Model.Pool, int64(limiter.MaxLimit))
			}
		}
	}
	return c.Policy.Validate()
}

// ConfigFor is a one-day simulation of a resolved workload on one tier with
// the documented defaults: Claude Code's retry policy, days starting at
// 9:00. The caller overrides any field before Run.
func ConfigFor(r planner.Resolved, tier tiers.Tier) Config {
	cc, _ := PolicyNamed("claude-code")
	return Config{
		Workload: r, Tier: tier, Days: 1, DayStart: DefaultDayStart,
		Policy: cc, ResumeAfter: DefaultResumeAfter,
	}
}
