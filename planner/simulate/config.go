package simulate

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/tiers"
)

// sessionsPerDay is the number of sessions a day starts.
func (c *Config) sessionsPerDay() int64 {
	return max(1, int64(math.Round(float64(c.Devs)*c.SessionsPerDay)))
}

// SessionFunc builds one session's calls. scale multiplies the workload's
// tokens per session (1 = the workload as given); the simulator asks for
// other scales only when Config.TokenSpread is set.
type SessionFunc func(scale float64) ([]Call, error)

// Config is one simulation: a team's workload against one tier's limits for
// one pool, a client retry policy, and the knobs of the time model.
type Config struct {
	Limits tiers.Limits // the pool's limits on the tier
	// Window is the enforcement window w: each bucket holds L·w/60.
	Window time.Duration

	HasSpendCap  bool
	SpendCap     tiers.Money
	SpentBefore  tiers.Money // already spent this month when the run starts
	DaysPerMonth int         // working days per billing month; 0 = one month

	Accounting Accounting
	Session    SessionFunc

	Devs           int
	SessionsPerDay float64 // per developer; the day has round(Devs·SessionsPerDay) sessions
	WorkHours      time.Duration
	DayStart       time.Duration // after midnight
	Days           int
	Arrival        Arrival

	Policy Policy

	// Latency of a call = FirstToken + Output/TokensPerSecond (0 = output
	// adds nothing).
	FirstToken      time.Duration
	TokensPerSecond float64
	// Think is the mean tool and think time between a response and the next
	// call; gaps are exponential around it.
	Think time.Duration
	// ResumeAfter is how long a developer takes to notice a failed call and
	// re-prompt; the session's next call comes this long plus a think time
	// after the failure. Without it a session with no think time would fire
	// all its remaining calls into an empty bucket in the same millisecond.
	ResumeAfter time.Duration
	// CacheTTL, when set, sends a call cold (its cache read written again)
	// when more than the TTL has passed since the session's previous
	// admitted call: long throttling waits cost a cache rewrite.
	CacheTTL time.Duration

	// TokenSpread is σ of a lognormal multiplier (mean 1) on each session's
	// tokens; 0 runs every session as given.
	TokenSpread float64

	Seed uint64

	// Timeline, when set, receives one row per TimelineStep of active time.
	Timeline     func(TimelineRow) error
	TimelineStep time.Duration
}

// Documented defaults the CLI starts from.
const (
	DefaultWindow          = 60 * time.Second
	DefaultDayStart        = 9 * time.Hour
	DefaultFirstToken      = 1 * time.Second
	DefaultTokensPerSecond = 60.0
	DefaultMaxTokens       = 32_000
	DefaultResumeAfter     = 10 * time.Second
)

// ThinkForPace is the mean think time that makes an unthrottled session run at
// pace calls per minute when a call itself takes latency: the cycle of one
// call is 60/pace seconds. It is zero when the latency alone exceeds the
// cycle (the pace is then unreachable, and the session runs as fast as its
// calls return).
func ThinkForPace(pace float64, latency time.Duration) time.Duration {
	if pace <= 0 {
		return 0
	}
	cycle := time.Duration(60 / pace * float64(time.Second))
	if cycle <= latency {
		return 0
	}
	return cycle - latency
}

// MeanLatency is the mean latency of calls under the latency model.
func MeanLatency(calls []Call, firstToken time.Duration, tokensPerSecond float64) time.Duration {
	if len(calls) == 0 {
		return firstToken
	}
	var sum int64
	for _, c := range calls {
		sum += latencyMs(c.Output, firstToken, tokensPerSecond)
	}
	return time.Duration(sum/int64(len(calls))) * time.Millisecond
}

func latencyMs(output int64, firstToken time.Duration, tokensPerSecond float64) int64 {
	ms := firstToken.Milliseconds()
	if tokensPerSecond > 0 {
		ms += int64(math.Round(float64(output) / tokensPerSecond * 1000))
	}
	return ms
}

// validate reports the first setting the simulator cannot run with.
func (c *Config) validate() error {
	l := c.Limits
	for _, v := range []int64{l.RPM, l.ITPM, l.OTPM, l.TPM, l.TokensPerDay, l.RequestsPerDay} {
		if v < 0 || v > limiter.MaxLimit {
			return fmt.Errorf("limit %d is out of range (0 to %d)", v, int64(limiter.MaxLimit))
		}
	}
	switch {
	case c.Session == nil:
		return errors.New("no session model")
	case c.Window < time.Millisecond || c.Window > limiter.MaxWindowMs*time.Millisecond:
		return fmt.Errorf("window %s is out of range (1ms to 1h)", c.Window)
	case c.Devs < 1 || c.Devs > 1_000_000:
		return fmt.Errorf("developers %d is out of range (1 to 1,000,000)", c.Devs)
	case math.IsNaN(c.SessionsPerDay) || c.SessionsPerDay <= 0 || c.SessionsPerDay > 10_000:
		return fmt.Errorf("sessions per day %g is out of range (above 0, up to 10,000)", c.SessionsPerDay)
	case float64(c.Devs)*c.SessionsPerDay*float64(c.Days) > 1_000_000:
		return errors.New("more than a million sessions in one run (developers × sessions per day × days)")
	case c.WorkHours < time.Minute || c.WorkHours > 24*time.Hour:
		return fmt.Errorf("working hours %s are out of range (1m to 24h)", c.WorkHours)
	case c.DayStart < 0 || c.DayStart >= 24*time.Hour:
		return fmt.Errorf("day start %s is not a time of day", c.DayStart)
	case c.Days < 1 || c.Days > 3660:
		return fmt.Errorf("days %d is out of range (1 to 3660)", c.Days)
	case c.DaysPerMonth < 0:
		return fmt.Errorf("days per month %d is negative", c.DaysPerMonth)
	case c.FirstToken < 0 || c.Think < 0 || c.CacheTTL < 0 || c.ResumeAfter < 0 || math.IsNaN(c.TokensPerSecond) || c.TokensPerSecond < 0:
		return errors.New("latency and think time must not be negative")
	case math.IsNaN(c.TokenSpread) || c.TokenSpread < 0 || c.TokenSpread > 3:
		return fmt.Errorf("token spread %g is out of range (0 to 3)", c.TokenSpread)
	case c.Timeline != nil && c.TimelineStep < time.Millisecond:
		return fmt.Errorf("timeline step %s is too short", c.TimelineStep)
	}
	return c.Policy.Validate()
}
