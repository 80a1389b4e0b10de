package simulate

import (
	"fmt"
	"math"
	"time"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/tiers"
)

// ConfigFor builds a one-day simulation of a planner workload on one tier,
// with the documented defaults: a 60 s window, Claude Code's retry policy, spread
// arrivals from 9:00, latency of 1 s plus output at 60 tokens/s, and the
// think time that makes an unthrottled session run at the workload's pace.
// The caller overrides any field before Run.
func ConfigFor(w planner.Workload, m tiers.Model, tier tiers.Tier) (Config, error) {
	w = w.WithDefaults(m.ContextWindow)
	if err := w.Validate(); err != nil {
		return Config{}, err
	}
	if tier.Negotiated {
		return Config{}, fmt.Errorf("tier %s has negotiated limits; there is nothing to simulate against", tier.Name)
	}
	limits, ok := tier.Limits[m.Pool]
	if !ok {
		return Config{}, fmt.Errorf("tier %s has no limits for %s's pool %s", tier.Name, m.Name, m.Pool)
	}
	base, err := planner.BuildSession(w, m)
	if err != nil {
		return Config{}, err
	}
	ttlHour := w.CacheTTLName() == "1h"
	cc, _ := PolicyNamed("claude-code")
	cfg := Config{
		Limits:          limits,
		Window:          DefaultWindow,
		HasSpendCap:     tier.HasSpendCap,
		SpendCap:        tier.MonthlySpendCap,
		DaysPerMonth:    int(math.Round(w.DaysPerMonth)),
		Accounting:      AccountingFor(m, w.MaxTokens),
		Session:         sessionsOf(w, m, base, ttlHour),
		Devs:            w.Devs,
		SessionsPerDay:  w.SessionsPerDay,
		WorkHours:       time.Duration(w.HoursPerDay * float64(time.Hour)),
		DayStart:        DefaultDayStart,
		Days:            1,
		Arrival:         Spread,
		Policy:          cc,
		FirstToken:      DefaultFirstToken,
		TokensPerSecond: DefaultTokensPerSecond,
		ResumeAfter:     DefaultResumeAfter,
		Seed:            1,
	}
	if !w.NoCache {
		cfg.CacheTTL = w.CacheTTL
	}
	calls := convertCalls(base.Calls, m, ttlHour)
	cfg.Think = ThinkForPace(w.Pace, MeanLatency(calls, cfg.FirstToken, cfg.TokensPerSecond))
	return cfg, nil
}

// RepaceThink recomputes the think time after the latency model changed.
func (c *Config) RepaceThink(pace float64) error {
	calls, err := c.Session(1)
	if err != nil {
		return err
	}
	c.Think = ThinkForPace(pace, MeanLatency(calls, c.FirstToken, c.TokensPerSecond))
	return nil
}

// sessionsOf serves sessions from the planner's session model. A scaled
// session is the workload with scale times the tokens, solved afresh (a
// bigger session has more calls, or faster growth when the calls are
// fixed); a scale the model cannot solve (too few tokens for the calls and
// prefix given) falls back to the workload as given.
func sessionsOf(w planner.Workload, m tiers.Model, base planner.Session, ttlHour bool) SessionFunc {
	given := convertCalls(base.Calls, m, ttlHour)
	return func(scale float64) ([]Call, error) {
		if scale == 1 {
			return given, nil
		}
		ws := w
		ws.TokensPerSession = max(1, int64(math.Round(float64(w.TokensPerSession)*scale)))
		s, err := planner.BuildSession(ws, m)
		if err != nil {
			return given, nil
		}
		return convertCalls(s.Calls, m, ttlHour), nil
	}
}

// convertCalls prices the planner's calls, warm and cold, with the planner's
// own cost rules (cache TTL, long context).
func convertCalls(calls []planner.Call, m tiers.Model, ttlHour bool) []Call {
	out := make([]Call, len(calls))
	for i, c := range calls {
		cold := c
		cold.CacheWrite += cold.CacheRead
		cold.CacheRead = 0
		out[i] = Call{
			Input: c.Input, CacheWrite: c.CacheWrite, CacheRead: c.CacheRead, Output: c.Output,
			Cost:     planner.PriceUsage(planner.CallUsage(c, m, ttlHour), m).Total,
			ColdCost: planner.PriceUsage(planner.CallUsage(cold, m, ttlHour), m).Total,
		}
	}
	return out
}

// FitPace makes calls fast enough for the workload's pace, as the planner
// assumes they are: when the mean latency is longer than the 60/pace-second
// cycle, the output speed is raised until the mean latency equals the cycle
// (and the first-token latency halved to fit when it alone exceeds the
// cycle), and the think time set to what is left. Without it a session
// runs slower than its pace and the simulation sends fewer calls a minute
// than the plan rates. It reports whether it changed anything.
func (c *Config) FitPace(pace float64) (bool, error) {
	if pace <= 0 {
		return false, nil
	}
	calls, err := c.Session(1)
	if err != nil || len(calls) == 0 {
		return false, err
	}
	cycle := time.Duration(60 / pace * float64(time.Second))
	if MeanLatency(calls, c.FirstToken, c.TokensPerSecond) <= cycle {
		return false, nil
	}
	if c.FirstToken >= cycle {
		c.FirstToken = cycle / 2
	}
	var output int64
	for _, call := range calls {
		output += call.Output
	}
	meanOutput := float64(output) / float64(len(calls))
	// mean latency = first token + mean output / speed = cycle, less 1 ms
	// a call for the rounding of each latency to the millisecond.
	room := (cycle - c.FirstToken - time.Millisecond).Seconds()
	if meanOutput > 0 && room > 0 {
		c.TokensPerSecond = meanOutput / room
	}
	c.Think = ThinkForPace(pace, MeanLatency(calls, c.FirstToken, c.TokensPerSecond))
	return true, nil
}
