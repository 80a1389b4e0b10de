package proxy

import (
	"context"
	"sync"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/planner/pacing"
	"github.com/tierplan/tierplan/tiers"
)

// poolBuckets are one rate-limit pool's per-minute buckets as the proxy
// knows them: from the tier table until a response's headers tell the real
// limits. A nil bucket is a limit not known yet, which holds nothing back.
type poolBuckets struct {
	rpm, itpm, otpm *limiter.Bucket
}

var bucketNames = [3]string{"rpm", "itpm", "otpm"}

func (p *poolBuckets) ptrs() [3]**limiter.Bucket {
	return [3]**limiter.Bucket{&p.rpm, &p.itpm, &p.otpm}
}

func (p *poolBuckets) view() *limiter.Limiter { return limiter.FromBuckets(p.rpm, p.itpm, p.otpm, nil) }

func newPoolBuckets(l tiers.Limits, window time.Duration) *poolBuckets {
	p := &poolBuckets{}
	for i, lim := range [3]int64{l.RPM, l.ITPM, l.OTPM} {
		if lim > 0 {
			*p.ptrs()[i] = limiter.NewBucket(bucketNames[i], lim, window)
		}
	}
	return p
}

// learn follows what a response's headers say: a limit the proxy did not
// know, or knew differently, and a remaining count below its own level.
func (p *poolBuckets) learn(now int64, rep pacing.Report, window time.Duration) {
	for i, r := range [3]pacing.Reading{rep.Requests, rep.Input, rep.Output} {
		if !r.Known {
			continue
		}
		b := p.ptrs()[i]
		if *b == nil {
			*b = limiter.NewBucket(bucketNames[i], r.Limit, window)
			(*b).Advance(now)
		} else {
			(*b).Resize(now, r.Limit)
		}
		(*b).Lower(now, r.Remaining)
	}
}

func (p *poolBuckets) states() map[string]limiter.BucketState {
	m := map[string]limiter.BucketState{}
	for i, b := range p.ptrs() {
		if *b != nil {
			m[bucketNames[i]] = (*b).State()
		}
	}
	return m
}

func poolFromStates(m map[string]limiter.BucketState) *poolBuckets {
	p := &poolBuckets{}
	for i, name := range bucketNames {
		if s, ok := m[name]; ok {
			*p.ptrs()[i] = limiter.RestoreBucket(name, s)
		}
	}
	return p
}

// bucketState is where the buckets live: in this process, or in PostgreSQL
// for every instance at once. Each method does one step of the limiter's
// arithmetic on a pool.
type bucketState interface {
	admit(ctx context.Context, pool string, c *limiter.Charge, now int64) limiter.Decision
	check(ctx context.Context, pool string, c *limiter.Charge, now int64) limiter.Decision
	adjust(ctx context.Context, pool string, reserved, actual *limiter.Charge, now int64)
	learn(ctx context.Context, pool string, rep pacing.Report, now int64)
}

// memState keeps the buckets in this process.
type memState struct {
	mu     sync.Mutex
	pools  map[string]*poolBuckets
	limits func(pool string) tiers.Limits
	window time.Duration
}

func newMemState(limits func(string) tiers.Limits, window time.Duration) *memState {
	return &memState{pools: map[string]*poolBuckets{}, limits: limits, window: window}
}

func (m *memState) pool(name string) *poolBuckets {
	p := m.pools[name]
	if p == nil {
		p = newPoolBuckets(m.limits(name), m.window)
		m.pools[name] = p
	}
	return p
}

func (m *memState) admit(_ context.Context, pool string, c *limiter.Charge, now int64) limiter.Decision {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.pool(pool).view().Admit(now, c)
}

func (m *memState) check(_ context.Context, pool string, c *limiter.Charge, now int64) limiter.Decision {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.pool(pool).view().Check(now, c)
}

func (m *memState) adjust(_ context.Context, pool string, reserved, actual *limiter.Charge, now int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pool(pool).view().Adjust(now, reserved, actual)
}

func (m *memState) learn(_ context.Context, pool string, rep pacing.Report, now int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pool(pool).learn(now, rep, m.window)
}

// sharedState keeps the buckets in PostgreSQL, so instances draw on the
// same buckets. While the database cannot be reached it paces with this
// instance's own buckets (local), which still protect the organisation
// from this instance's traffic, and says so once.
type sharedState struct {
	db     store.SharedBuckets
	local  *memState
	limits func(string) tiers.Limits
	window time.Duration
	warn   func(err error)
}

func (s *sharedState) update(ctx context.Context, pool string, fn func(p *poolBuckets)) bool {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	err := s.db.Update(ctx, pool, func(m map[string]limiter.BucketState) map[string]limiter.BucketState {
		p := poolFromStates(m)
		if len(m) == 0 {
			p = newPoolBuckets(s.limits(pool), s.window)
		}
		fn(p)
		return p.states()
	})
	if err != nil {
		s.warn(err)
		return false
	}
	return true
}

func (s *sharedState) admit(ctx context.Context, pool string, c *limiter.Charge, now int64) limiter.Decision {
	var d limiter.Decision
	if s.update(ctx, pool, func(p *poolBuckets) { d = p.view().Admit(now, c) }) {
		return d
	}
	return s.local.admit(ctx, pool, c, now)
}

func (s *sharedState) check(ctx context.Context, pool string, c *limiter.Charge, now int64) limiter.Decision {
	var d limiter.Decision
	if s.update(ctx, pool, func(p *poolBuckets) { d = p.view().Check(now, c) }) {
		return d
	}
	return s.local.check(ctx, pool, c, now)
}

func (s *sharedState) adjust(ctx context.Context, pool string, reserved, actual *limiter.Charge, now int64) {
	if !s.update(ctx, pool, func(p *poolBuckets) { p.view().Adjust(now, reserved, actual) }) {
		s.local.adjust(ctx, pool, reserved, actual, now)
	}
}

func (s *sharedState) learn(ctx context.Context, pool string, rep pacing.Report, now int64) {
	s.local.learn(ctx, pool, rep, now)
	s.update(ctx, pool, func(p *poolBuckets) { p.learn(now, rep, s.window) })
}
