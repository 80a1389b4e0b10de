package simulate

import (
	"math/rand/v2"
	"time"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/planner/session"
	"github.com/tierplan/tierplan/tiers"
)

// partState is one model part's sessions: their template, grown as longer
// sessions need it, and what each call draws from the limits, warm and with
// its cache expired.
type partState struct {
	rp      planner.ResolvedPart
	pool    int
	ttlMs   int64
	acc     limiter.Accounting
	tpl     *session.Template
	longest int // work calls the template holds
	warm    []limiter.Charge
	expired []limiter.Charge
}

func newPartState(rp planner.ResolvedPart, pool int, maxTokens int64) *partState {
	p := &partState{rp: rp, pool: pool, ttlMs: rp.Spec.Shape.Cache.TTL().Milliseconds(),
		acc: limiter.AccountingFor(rp.Model, maxTokens)}
	p.grow(rp.Spec.Length.Longest())
	return p
}

// grow makes the template hold sessions of n work calls.
func (p *partState) grow(n int) {
	if p.tpl != nil && n <= p.longest {
		return
	}
	spec := p.rp.Spec
	spec.Length = session.Length{Calls: n}
	p.tpl, p.longest = spec.Template(), n
	ttlHour := spec.Shape.Cache == session.Cache1h
	m := p.rp.Model
	p.warm, p.expired = p.warm[:0], p.expired[:0]
	for _, c := range p.tpl.Calls {
		x := c.Expired()
		p.warm = append(p.warm, p.acc.ChargeOf(usageOf(c), planner.PriceUsage(planner.CallUsage(c, m, ttlHour), m).Total))
		p.expired = append(p.expired, p.acc.ChargeOf(usageOf(x), planner.PriceUsage(planner.CallUsage(x, m, ttlHour), m).Total))
	}
}

func usageOf(c session.Call) limiter.Usage {
	return limiter.Usage{Input: c.Input, CacheWrite: c.CacheWrite, CacheRead: c.CacheRead, Output: c.Output}
}

// sessionState is one session in flight.
type sessionState struct {
	part         *partState
	calls        int // template calls this session makes
	next         int // index of the current call
	retries      int
	prevSleep    time.Duration
	firstAttempt int64 // when the current call was first sent
	lastUse      int64 // when the session's cache was last read or written
	sentExpired  bool  // the current call was admitted with its cache expired
	waitTotal    int64 // ms added by throttling over the session
	day          int
	start        int64 // arrival
	free         int64 // how long the session would take with no limits, ms
	dropped      bool  // a call was abandoned or the session was stopped
	script       *session.Script
	jitter       *rand.Rand
	who          day.Start
}

// current is the template call the session is sending.
func (s *sessionState) current() session.Call { return s.part.tpl.Calls[s.next] }

// charge is what the current call draws, expired or not.
func (s *sessionState) charge(expired bool) *limiter.Charge {
	if expired {
		return &s.part.expired[s.next]
	}
	return &s.part.warm[s.next]
}

// poolOf assigns each part the index of its pool, in order of first use.
func poolsOf(parts []planner.ResolvedPart) (names []string, index []int) {
	seen := map[string]int{}
	for _, p := range parts {
		i, ok := seen[p.Model.Pool]
		if !ok {
			i = len(names)
			seen[p.Model.Pool] = i
			names = append(names, p.Model.Pool)
		}
		index = append(index, i)
	}
	return names, index
}

// newLimiters makes each pool's limiter (its buckets and daily quotas) and
// the organisation-wide spend limiter (nil without a cap).
func newLimiters(cfg Config, pools []string) ([]*limiter.Limiter, *limiter.Limiter) {
	window := cfg.Workload.Window
	out := make([]*limiter.Limiter, len(pools))
	for i, name := range pools {
		out[i] = limiter.New(cfg.Tier.Limits[name], window, limiter.Spend{})
	}
	if !cfg.Tier.HasSpendCap {
		return out, nil
	}
	days := int(cfg.Workload.Workload.DaysPerMonth + 0.5)
	return out, limiter.New(tiers.Limits{}, window, limiter.Spend{
		HasCap: true, Cap: cfg.Tier.MonthlySpendCap, SpentBefore: cfg.SpentBefore, DaysPerMonth: days,
	})
}
