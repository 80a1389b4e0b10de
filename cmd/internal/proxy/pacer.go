package proxy

import (
	"context"
	"sync"
	"time"

	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/planner/pacing"
)

// pacer holds calls back while the organisation's buckets are short, so
// they wait in a short queue instead of going upstream into a 429. The
// limiter decides whether a call fits and how long until it would; the
// pacer only orders the waiting calls (pacing.Next) and sleeps.
type pacer struct {
	state   bucketState
	now     func() time.Time
	max     int           // waiting calls per pool
	timeout time.Duration // longest wait

	mu     sync.Mutex
	queues map[string]*queue
	shares *pacing.Shares
	seq    uint64

	onWait func(pool string, waiting int)
}

type queue struct {
	pool    string
	waiting []*ticket
	running bool
	kick    chan struct{}
}

// ticket is one call asking to go upstream.
type ticket struct {
	pool        string
	user        string
	interactive bool
	charge      limiter.Charge
	seq         uint64
	done        chan struct{}
	granted     bool
}

// queueError is a call the pacer gave up on: the queue was full, or the
// wait ran past the deadline. Wait is the limiter's estimate of when the
// call would fit.
type queueError struct {
	full bool
	wait time.Duration
}

func (e *queueError) Error() string {
	if e.full {
		return "the proxy's queue is full"
	}
	return "the proxy's queue deadline passed"
}

func newPacer(state bucketState, now func() time.Time, max int, timeout time.Duration) *pacer {
	return &pacer{state: state, now: now, max: max, timeout: timeout, queues: map[string]*queue{},
		shares: pacing.NewShares(), onWait: func(string, int) {}}
}

func (p *pacer) ms() int64 { return p.now().UnixMilli() }

// acquire returns once t's charge is drawn from the buckets, with the time
// it waited; or an error when it may not wait longer (the context ended,
// the queue is full, the deadline passed), its charge then not drawn.
func (p *pacer) acquire(ctx context.Context, t *ticket) (time.Duration, error) {
	start := p.now()
	t.done = make(chan struct{})
	p.mu.Lock()
	q := p.queues[t.pool]
	if q == nil {
		q = &queue{pool: t.pool, kick: make(chan struct{}, 1)}
		p.queues[t.pool] = q
	}
	if len(q.waiting) == 0 {
		d := p.state.admit(ctx, t.pool, &t.charge, p.ms())
		if passes(d) {
			p.served(t)
			p.mu.Unlock()
			return 0, nil
		}
	}
	if len(q.waiting) >= p.max {
		d := p.state.check(ctx, t.pool, &t.charge, p.ms())
		p.mu.Unlock()
		return 0, &queueError{full: true, wait: time.Duration(max(d.WaitMs, 1000)) * time.Millisecond}
	}
	p.seq++
	t.seq = p.seq
	q.waiting = append(q.waiting, t)
	p.onWait(q.pool, len(q.waiting))
	if !q.running {
		q.running = true
		go p.dispatch(q)
	} else {
		q.poke()
	}
	p.mu.Unlock()

	timer := time.NewTimer(p.timeout)
	defer timer.Stop()
	var err error
	select {
	case <-t.done:
		return p.now().Sub(start), nil
	case <-ctx.Done():
		err = ctx.Err()
	case <-timer.C:
		err = &queueError{wait: time.Second}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if t.granted {
		if ctx.Err() != nil { // granted as the client left: give it back
			p.state.adjust(context.Background(), t.pool, &t.charge, &limiter.Charge{}, p.ms())
			return 0, err
		}
		return p.now().Sub(start), nil
	}
	p.remove(q, t)
	if qe, ok := err.(*queueError); ok {
		d := p.state.check(context.Background(), t.pool, &t.charge, p.ms())
		qe.wait = time.Duration(max(d.WaitMs, 1000)) * time.Millisecond
	}
	return p.now().Sub(start), err
}

func passes(d limiter.Decision) bool {
	// A call larger than a bucket can never pass; the API says so better
	// than the proxy can, so it goes through.
	return d.Reason == limiter.Admitted || d.Reason == limiter.ByRequestSize
}

func (q *queue) poke() {
	select {
	case q.kick <- struct{}{}:
	default:
	}
}

func (p *pacer) served(t *ticket) {
	p.shares.Add(t.user, float64(t.charge.ITPM+t.charge.OTPM)/limiter.UnitsPerToken+1, p.ms())
}

func (p *pacer) remove(q *queue, t *ticket) {
	for i, w := range q.waiting {
		if w == t {
			q.waiting = append(q.waiting[:i], q.waiting[i+1:]...)
			break
		}
	}
	p.onWait(q.pool, len(q.waiting))
}

// dispatch admits a pool's waiting calls in pacing order, sleeping until the
// limiter says the next one fits (or something changes), and ends when the
// queue is empty.
func (p *pacer) dispatch(q *queue) {
	for {
		p.mu.Lock()
		if len(q.waiting) == 0 {
			q.running = false
			p.shares.Forget(p.ms())
			p.mu.Unlock()
			return
		}
		now := p.ms()
		order := make([]pacing.Waiting, len(q.waiting))
		for i, t := range q.waiting {
			order[i] = pacing.Waiting{User: t.user, Interactive: t.interactive, Seq: t.seq}
		}
		t := q.waiting[pacing.Next(order, func(u string) float64 { return p.shares.Of(u, now) })]
		d := p.state.admit(context.Background(), t.pool, &t.charge, now)
		if passes(d) {
			p.remove(q, t)
			t.granted = true
			p.served(t)
			close(t.done)
			p.mu.Unlock()
			continue
		}
		p.mu.Unlock()
		wait := time.Duration(min(max(d.WaitMs, 1), 1000)) * time.Millisecond
		timer := time.NewTimer(wait)
		select {
		case <-timer.C:
		case <-q.kick:
			timer.Stop()
		}
	}
}

// finish settles a call that went upstream: its reserved charge becomes the
// real one, the headers' news is learnt, and waiting calls get a new look.
func (p *pacer) finish(pool string, reserved, actual *limiter.Charge, rep pacing.Report) {
	now := p.ms()
	ctx := context.Background()
	p.state.adjust(ctx, pool, reserved, actual, now)
	if rep.Requests.Known || rep.Input.Known || rep.Output.Known {
		p.state.learn(ctx, pool, rep, now)
	}
	p.mu.Lock()
	if q := p.queues[pool]; q != nil && q.running {
		q.poke()
	}
	p.mu.Unlock()
}

// waiting is how many calls wait, per pool.
func (p *pacer) waiting() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	m := map[string]int{}
	for name, q := range p.queues {
		m[name] = len(q.waiting)
	}
	return m
}
