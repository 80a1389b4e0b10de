package simulate

import (
	"math"
	"time"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/planner/session"
)

// engine is one run of the simulation.
type engine struct {
	cfg      Config
	r        planner.Resolved
	parts    []*partState
	pools    []string
	lims     []*limiter.Limiter
	spend    *limiter.Limiter // the spend cap shared by all pools; nil without one
	q        eventQueue
	sessions []sessionState
	free     []int32 // slots of ended sessions, reused: memory is one day's
	active   int
	st       stats
	tl       *timeline
}

// Run simulates the configured days and returns what happened. It is
// deterministic: the same Config gives the same Result.
func Run(cfg Config) (Result, error) {
	if err := cfg.validate(); err != nil {
		return Result{}, err
	}
	e := &engine{cfg: cfg, r: cfg.Workload}
	var index []int
	e.pools, index = poolsOf(e.r.Parts)
	for i, rp := range e.r.Parts {
		e.parts = append(e.parts, newPartState(rp, index[i], e.r.Workload.MaxTokens))
	}
	e.lims, e.spend = newLimiters(cfg, e.pools)
	e.st.init(cfg.Days, len(e.pools))
	if cfg.Timeline != nil {
		e.tl = &timeline{step: cfg.TimelineStep.Milliseconds(), emit: cfg.Timeline}
	}
	for d := 0; d < cfg.Days; d++ {
		e.q.push(int64(d)*limiter.DayMs+cfg.DayStart.Milliseconds(), int32(d), evDay)
	}
	for e.q.len() > 0 {
		ev := e.q.pop()
		if e.tl != nil {
			if err := e.tl.advance(ev.at, e); err != nil {
				return Result{}, err
			}
		}
		e.st.events++
		switch ev.kind {
		case evDay:
			e.startDay(int(ev.session), ev.at)
		case evStart:
			e.start(ev.session, ev.at)
		case evAttempt:
			e.attempt(ev.session, ev.at)
		case evDone:
			e.done(ev.session, ev.at)
		}
	}
	if e.tl != nil {
		if err := e.tl.finish(e); err != nil {
			return Result{}, err
		}
	}
	if cfg.inspect != nil {
		cfg.inspect(e)
	}
	return e.result(), nil
}

// startDay queues the day's interactive sessions, assigned exactly as plan
// assigns them; batch sessions are off the per-minute buckets.
func (e *engine) startDay(d int, at int64) {
	team := e.r.Team
	for _, s := range team.Starts(d) {
		a := e.r.Assign(d, s)
		if a.Batch {
			continue
		}
		p := e.parts[a.Part]
		n := e.scaledCalls(d, s, a)
		p.grow(n)
		id := e.slot()
		e.sessions[id] = sessionState{
			part: p, calls: p.tpl.CallsOf(n), day: d, who: s,
			script: p.rp.Spec.Timing.Script(team.Stream(d, s, day.PurposeTiming)),
			jitter: team.Stream(d, s, day.PurposeJitter),
		}
		e.q.push(at+s.At, id, evStart)
	}
}

// slot returns a free session slot, reusing those of ended sessions.
func (e *engine) slot() int32 {
	if n := len(e.free); n > 0 {
		id := e.free[n-1]
		e.free = e.free[:n-1]
		return id
	}
	e.sessions = append(e.sessions, sessionState{})
	return int32(len(e.sessions) - 1)
}

// scaledCalls is a session's work calls: as assigned, or, with a token
// spread, the length of its own token total drawn lognormal with mean 1
// around the workload's (a bigger session runs further along the same
// calls).
func (e *engine) scaledCalls(d int, s day.Start, a planner.SessionAssignment) int {
	sigma := e.cfg.TokenSpread
	w := e.r.Workload
	if sigma == 0 {
		return a.Calls
	}
	z := e.r.Team.Stream(d, s, day.PurposeScale).NormFloat64()
	tokens := int64(math.Round(float64(w.TokensPerSession) * math.Exp(sigma*z-sigma*sigma/2)))
	l, err := e.parts[a.Part].rp.Spec.Shape.LengthFor(max(tokens, 1))
	if err != nil {
		return max(1, min(a.Calls, session.MaxCalls))
	}
	return max(l.Longest(), 1)
}

// start begins a session: it records when the session would end with no
// throttling at all (the same draws), then sends the first call.
func (e *engine) start(id int32, at int64) {
	s := &e.sessions[id]
	shadow := s.part.rp.Spec.Timing.Script(e.r.Team.Stream(s.day, s.who, day.PurposeTiming))
	end := at
	s.part.tpl.Walk(at, workOf(s), shadow, s.part.ttlMs, func(i int, t int64, _ bool) {
		end = t + s.part.tpl.Latency[i]
	})
	s.start, s.free = at, end-at
	e.st.sessions++
	e.active++
	e.attempt(id, at)
}

// workOf is the work calls a session makes.
func workOf(s *sessionState) int { return s.part.tpl.Calls[s.calls-1].Work }

// attempt sends the session's current call.
func (e *engine) attempt(id int32, at int64) {
	s := &e.sessions[id]
	if s.retries == 0 {
		s.firstAttempt = at
		e.st.attempted++
	}
	c := s.current()
	expired := s.next > 0 && !c.Cold && c.CacheRead > 0 && session.Expired(at, s.lastUse, s.part.ttlMs)
	ch := s.charge(expired)
	dec := e.decide(s.part.pool, at, ch)
	e.st.request(at, s.part.pool, dec.Reason, ch, e.tl)
	if dec.Reason == limiter.Admitted {
		e.st.wait(s, at-s.firstAttempt, e.tl)
		e.st.succeeded++
		s.lastUse, s.sentExpired = at, expired
		if expired {
			e.st.cacheMisses++
		}
		e.q.push(at+s.part.tpl.Latency[s.next], id, evDone)
		return
	}
	e.st.firstRejection(s, at, c.Work)
	if dec.Reason == limiter.ByRequestSize {
		e.abandon(s, at)
		e.moveOn(id, at, e.cfg.ResumeAfter.Milliseconds())
		return
	}
	d, ok := e.cfg.Policy.DelayAfter(answerFor(dec), s.retries, s.prevSleep, s.jitter)
	if ok {
		s.retries++
		s.prevSleep = d
		e.q.push(at+d.Milliseconds(), id, evAttempt)
		return
	}
	e.abandon(s, at)
	if dec.Reason.Hard() {
		// A quota or the spend cap will not lift within the day: the
		// developer stops this session.
		e.st.notAttempted += int64(s.calls - s.next - 1)
		e.end(id, at)
		return
	}
	e.moveOn(id, at, e.cfg.ResumeAfter.Milliseconds())
}

// answerFor is the 429 the API sends for a decision: a per-minute bucket's
// carries a retry-after (whole seconds, rounded up); a quota's or the spend
// cap's carries none, so clients retry on their own backoff, as both real
// clients were measured to do on the spend-cap 429.
func answerFor(dec limiter.Decision) Answer {
	if dec.Reason.Hard() {
		return RateLimited(0)
	}
	return RateLimited(time.Duration(limiter.RetryAfterSeconds(dec.WaitMs)) * time.Second)
}

// decide asks the pool's limiter and the spend cap; a call passes only if
// both admit it, and then draws from both.
func (e *engine) decide(pool int, at int64, c *limiter.Charge) limiter.Decision {
	lim := e.lims[pool]
	if e.spend != nil {
		if d := e.spend.Check(at, c); d.Reason != limiter.Admitted {
			return d
		}
	}
	d := lim.Check(at, c)
	if d.Reason == limiter.Admitted {
		lim.Draw(c)
		if e.spend != nil {
			e.spend.Draw(c)
		}
	}
	return d
}

func (e *engine) abandon(s *sessionState, at int64) {
	e.st.abandoned++
	s.dropped = true
	e.st.wait(s, at-s.firstAttempt, e.tl)
}

// done handles a complete response: settle a reservation, go on.
func (e *engine) done(id int32, at int64) {
	s := &e.sessions[id]
	e.lims[s.part.pool].Settle(at, s.charge(s.sentExpired))
	e.moveOn(id, at, 0)
}

// moveOn schedules the session's next call, or ends the session. After a
// work call the session waits its next tool time or pause (plus pause, after
// a lost call); a compaction call is followed at once by the real request.
func (e *engine) moveOn(id int32, at, pause int64) {
	s := &e.sessions[id]
	wasCompaction := s.current().Compaction
	s.next++
	s.retries, s.prevSleep = 0, 0
	if s.next >= s.calls {
		e.end(id, at)
		return
	}
	if !wasCompaction {
		gap, _ := s.script.Gap()
		pause += gap
	}
	e.q.push(at+pause, id, evAttempt)
}

func (e *engine) end(id int32, at int64) {
	s := &e.sessions[id]
	e.active--
	e.st.sessionWait(s.waitTotal)
	e.st.finished(s, at)
	e.sessions[id] = sessionState{}
	e.free = append(e.free, id)
}
