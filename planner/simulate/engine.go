package simulate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/tierplan/tierplan/planner/limiter"
)

// template is one session's calls with what each draws from the limits and
// how long each takes, built once per token scale and shared by sessions.
type template struct {
	calls       []Call
	charges     []charge
	coldCharges []charge // the same calls sent after their cache expired
	latency     []int64  // ms
}

// session is the state of one developer session in flight.
type session struct {
	tpl           *template
	next          int // index of the current call
	retries       int // retries made for the current call
	prevSleep     time.Duration
	firstAttempt  int64 // when the current call was first sent
	lastUse       int64 // when the session's cache was last read or written (its last admitted call)
	sentCold      bool  // the current call was admitted cold
	waitTotal     int64 // ms added by throttling over the session
	day           int
	start         int64 // arrival
	free          int64 // how long the session would take with no limits, ms
	dropped       bool  // a call was abandoned or the session was stopped
	think, jitter *rand.Rand
}

// engine is one run of the simulation.
type engine struct {
	cfg       Config
	lim       *limiter.Limiter
	q         eventQueue
	sessions  []session
	templates map[int64]*template
	thinkMs   float64
	active    int
	st        stats
	tl        *timeline
}

// Run simulates the configured days and returns what happened. It is
// deterministic: the same Config gives the same Result.
func Run(cfg Config) (Result, error) {
	if err := cfg.validate(); err != nil {
		return Result{}, err
	}
	e := &engine{
		cfg:       cfg,
		lim:       limiter.New(cfg.Limits, cfg.Window, limiter.Spend{HasCap: cfg.HasSpendCap, Cap: cfg.SpendCap, SpentBefore: cfg.SpentBefore, DaysPerMonth: cfg.DaysPerMonth}),
		templates: map[int64]*template{},
		thinkMs:   float64(cfg.Think) / float64(time.Millisecond),
	}
	e.st.init(cfg.Days)
	if cfg.Timeline != nil {
		e.tl = &timeline{step: cfg.TimelineStep.Milliseconds(), emit: cfg.Timeline}
	}
	if _, err := e.template(100); err != nil { // fail early on a bad session model
		return Result{}, err
	}
	for d := 0; d < cfg.Days; d++ {
		e.q.push(int64(d)*dayMs+cfg.DayStart.Milliseconds(), int32(d), evDay)
	}
	for e.q.len() > 0 {
		ev := e.q.pop()
		if e.tl != nil {
			if err := e.tl.advance(ev.at, e); err != nil {
				return Result{}, err
			}
		}
		e.st.events++
		var err error
		switch ev.kind {
		case evDay:
			e.startDay(int(ev.session), ev.at)
		case evStart:
			err = e.start(ev.session, ev.at)
		case evAttempt:
			e.attempt(ev.session, ev.at)
		case evDone:
			e.done(ev.session, ev.at)
		}
		if err != nil {
			return Result{}, err
		}
	}
	if e.tl != nil {
		if err := e.tl.finish(e); err != nil {
			return Result{}, err
		}
	}
	return e.result(), nil
}

// stream returns an independent random stream for one purpose of one session,
// so that each session's think times do not depend on anything else that
// happens in the run.
func (e *engine) stream(id int64, purpose uint64) *rand.Rand {
	return rand.New(rand.NewPCG(e.cfg.Seed, uint64(id)<<2|purpose))
}

const (
	streamThink  = 0
	streamJitter = 1
	streamScale  = 2
	streamDays   = 3
)

// startDay queues the day's session arrivals.
func (e *engine) startDay(day int, at int64) {
	rng := e.stream(int64(day), streamDays) // ids and days use different purposes, so no overlap
	for _, off := range startOffsets(e.cfg.Arrival, e.cfg.sessionsPerDay(), e.cfg.Devs, e.cfg.WorkHours.Milliseconds(), rng) {
		e.sessions = append(e.sessions, session{day: day})
		e.q.push(at+off, int32(len(e.sessions)-1), evStart)
	}
}

// template returns the session template for a token scale in percent.
func (e *engine) template(pct int64) (*template, error) {
	if t, ok := e.templates[pct]; ok {
		return t, nil
	}
	calls, err := e.cfg.Session(float64(pct) / 100)
	if err != nil {
		return nil, err
	}
	t := &template{calls: calls, charges: make([]charge, len(calls)), coldCharges: make([]charge, len(calls)), latency: make([]int64, len(calls))}
	for i, c := range calls {
		if err := c.validate(); err != nil {
			return nil, fmt.Errorf("call %d: %w", i+1, err)
		}
		t.charges[i] = chargeOf(e.cfg.Accounting, c)
		t.coldCharges[i] = chargeOf(e.cfg.Accounting, c.cold())
		t.latency[i] = latencyMs(c.Output, e.cfg.FirstToken, e.cfg.TokensPerSecond)
	}
	e.templates[pct] = t
	return t, nil
}

// scalePercent draws a session's token multiplier, lognormal with mean 1,
// rounded to whole percent so sessions share templates.
func (e *engine) scalePercent(id int32) int64 {
	s := e.cfg.TokenSpread
	if s == 0 {
		return 100
	}
	z := e.stream(int64(id), streamScale).NormFloat64()
	pct := int64(math.Round(100 * math.Exp(s*z-s*s/2)))
	return max(pct, 1)
}

func (e *engine) drawThink(r *rand.Rand) int64 {
	return int64(math.Round(r.ExpFloat64() * e.thinkMs))
}

// start begins a session: it records when the session would end with no
// throttling at all (same think times), then sends the first call.
func (e *engine) start(id int32, at int64) error {
	tpl, err := e.template(e.scalePercent(id))
	if err != nil {
		return err
	}
	s := &e.sessions[id]
	s.tpl = tpl
	s.think = e.stream(int64(id), streamThink)
	s.jitter = e.stream(int64(id), streamJitter)
	end := at
	shadow := e.stream(int64(id), streamThink) // the same stream, replayed
	for i := range tpl.calls {
		end += tpl.latency[i]
		if i < len(tpl.calls)-1 {
			end += e.drawThink(shadow)
		}
	}
	s.start, s.free, s.dropped = at, end-at, false
	e.st.sessions++
	e.active++
	if len(tpl.calls) == 0 {
		e.end(s, at)
		return nil
	}
	e.attempt(id, at)
	return nil
}

// attempt sends the session's current call.
func (e *engine) attempt(id int32, at int64) {
	s := &e.sessions[id]
	if s.retries == 0 {
		s.firstAttempt = at
		e.st.attempted++
	}
	c := &s.tpl.charges[s.next]
	cold := e.cfg.CacheTTL > 0 && s.next > 0 && s.tpl.calls[s.next].CacheRead > 0 &&
		at-s.lastUse > e.cfg.CacheTTL.Milliseconds()
	if cold {
		c = &s.tpl.coldCharges[s.next]
	}
	dec := e.lim.Admit(at, c)
	e.st.request(at, dec.Reason, c, e.tl)
	if dec.Reason == Admitted {
		e.st.wait(s, at-s.firstAttempt)
		e.st.succeeded++
		s.lastUse, s.sentCold = at, cold
		if cold {
			e.st.cacheMisses++
		}
		e.q.push(at+s.tpl.latency[s.next], id, evDone)
		return
	}
	switch {
	case dec.Reason == ByRequestSize:
		e.abandon(s, at)
		e.moveOn(id, at, e.cfg.ResumeAfter.Milliseconds())
	case dec.Reason.Hard():
		e.abandon(s, at)
		e.st.notAttempted += int64(len(s.tpl.calls) - s.next - 1)
		e.end(s, at)
	default:
		retryAfter := time.Duration(limiter.RetryAfterSeconds(dec.WaitMs)) * time.Second
		d, ok := e.cfg.Policy.Delay(s.retries, s.prevSleep, retryAfter, s.jitter)
		if !ok {
			e.abandon(s, at)
			e.moveOn(id, at, e.cfg.ResumeAfter.Milliseconds())
			return
		}
		s.retries++
		s.prevSleep = d
		e.q.push(at+d.Milliseconds(), id, evAttempt)
	}
}

func (e *engine) abandon(s *session, at int64) {
	e.st.abandoned++
	s.dropped = true
	e.st.wait(s, at-s.firstAttempt)
}

// done handles a complete response: settle a reservation, go on.
func (e *engine) done(id int32, at int64) {
	s := &e.sessions[id]
	c := &s.tpl.charges[s.next]
	if s.sentCold {
		c = &s.tpl.coldCharges[s.next]
	}
	e.lim.Settle(at, c)
	e.moveOn(id, at, 0)
}

// moveOn schedules the session's next call a pause and a think time after
// at, or ends the session.
func (e *engine) moveOn(id int32, at, pause int64) {
	s := &e.sessions[id]
	s.next++
	s.retries, s.prevSleep = 0, 0
	if s.next >= len(s.tpl.calls) {
		e.end(s, at)
		return
	}
	e.q.push(at+pause+e.drawThink(s.think), id, evAttempt)
}

func (e *engine) end(s *session, at int64) {
	e.active--
	e.st.sessionWaits = append(e.st.sessionWaits, s.waitTotal)
	e.st.finished(s, at)
	s.tpl, s.think, s.jitter = nil, nil, nil
}
