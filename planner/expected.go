package planner

import (
	"math"

	"github.com/tierplan/tierplan/planner/session"
	"github.com/tierplan/tierplan/tiers"
)

// expectedUsage is a part's mean session, token kind by token kind: each
// call weighted by its chance of being sent after its cache expired, and the
// step after the session's whole calls weighted by the share of sessions
// that make it. It is exact in expectation under the time model (geometric
// turns, exponential tool times and pauses), draws nothing, and grows with
// every added call, so the bill it gives never falls as the work grows.
func expectedUsage(s session.Spec, m tiers.Model) Usage {
	calls := s.Shape.Calls(s.Length.Calls + 1)
	ttlHour := s.Shape.Cache == session.Cache1h
	var acc usageSum
	for i, c := range calls {
		weight := 1.0
		if c.Work > s.Length.Calls {
			weight = s.Length.Extra
		}
		if weight == 0 {
			continue
		}
		p := 0.0
		if i > 0 && !c.Cold && c.CacheRead > 0 {
			p = expiryChance(s, calls[i-1])
		}
		acc.add(CallUsage(c, m, ttlHour), weight*(1-p))
		if p > 0 {
			acc.add(CallUsage(c.Expired(), m, ttlHour), weight*p)
		}
	}
	return acc.usage()
}

// expiryChance is the chance that a call finds its cache expired: that the
// previous call's latency plus the wait after it passes the TTL. The wait
// after a work call ends a turn (a pause) with chance 1/calls-per-turn, else
// it is a tool time; after a compaction call there is none.
func expiryChance(s session.Spec, prev session.Call) float64 {
	ttl := float64(s.Shape.Cache.TTL().Milliseconds())
	if ttl == 0 {
		return 0
	}
	slack := ttl - float64(s.Timing.LatencyMs(prev.Output))
	if prev.Compaction {
		return tail(0, slack)
	}
	q := 1 / s.Timing.CallsPerTurn
	return q*tail(float64(s.Timing.Pause.Milliseconds()), slack) + (1-q)*tail(float64(s.Timing.ToolTime.Milliseconds()), slack)
}

// tail is P(X > slack) for X exponential with the given mean (0: X = 0).
func tail(mean, slack float64) float64 {
	switch {
	case slack < 0:
		return 1
	case mean <= 0:
		return 0
	}
	return math.Exp(-slack / mean)
}

// usageSum adds weighted usage in floating point and rounds once.
type usageSum struct{ std, long [5]float64 }

func (u *usageSum) add(x Usage, w float64) {
	for i, v := range x.Standard.kinds() {
		u.std[i] += w * float64(v)
	}
	for i, v := range x.LongContext.kinds() {
		u.long[i] += w * float64(v)
	}
}

func (u *usageSum) usage() Usage {
	return Usage{Standard: countsOf(u.std), LongContext: countsOf(u.long)}
}

func (t TokenCounts) kinds() [5]int64 {
	return [5]int64{t.Input, t.Output, t.CacheWrite5m, t.CacheWrite1h, t.CacheRead}
}

func countsOf(k [5]float64) TokenCounts {
	r := func(x float64) int64 { return int64(math.Round(x)) }
	return TokenCounts{r(k[0]), r(k[1]), r(k[2]), r(k[3]), r(k[4])}
}
