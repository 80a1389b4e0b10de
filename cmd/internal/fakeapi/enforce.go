package fakeapi

import (
	"sync"
	"time"

	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/tiers"
)

// Enforcer makes the fake answer as the API's rate limiter would: each
// messages request is charged against token buckets (planner/limiter, the
// same physics plan and simulate use) and gets a 429 with retry-after when
// they are short, or a 200 with anthropic-ratelimit-* headers saying what
// is left. Use its Respond as Options.Respond.
//
// The output tokens are charged when the request is admitted, a little
// stricter than the API, which counts them as they are produced.
type Enforcer struct {
	// Usage is what a request reports and is charged; nil means its body's
	// size at four bytes a token as uncached input, and 20 output tokens.
	Usage func(Request) Usage

	mu       sync.Mutex
	lim      *limiter.Limiter
	now      func() time.Time
	admitted int
	rejected int
}

// NewEnforcer enforces a pool's per-minute limits over window, its buckets
// full at the start; now is the clock (nil: time.Now).
func NewEnforcer(l tiers.Limits, window time.Duration, now func() time.Time) *Enforcer {
	if now == nil {
		now = time.Now
	}
	return &Enforcer{lim: limiter.New(tiers.Limits{RPM: l.RPM, ITPM: l.ITPM, OTPM: l.OTPM}, window, limiter.Spend{}), now: now}
}

// Counts returns how many requests were admitted and how many got a 429.
func (e *Enforcer) Counts() (admitted, rejected int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.admitted, e.rejected
}

// Respond decides on one recorded messages request.
func (e *Enforcer) Respond(rec Request) Reply {
	u := Usage{InputTokens: approxTokens(rec.Body), OutputTokens: 20}
	if e.Usage != nil {
		u = e.Usage(rec)
	}
	c := limiter.Accounting{}.ChargeOf(limiter.Usage{Input: int64(u.InputTokens), CacheWrite: int64(u.CacheCreationInputTokens),
		CacheRead: int64(u.CacheReadInputTokens), Output: int64(u.OutputTokens)}, 0)
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	d := e.lim.Admit(now.UnixMilli(), &c)
	var r Reply
	if d.Reason == limiter.Admitted {
		e.admitted++
		r = Reply{Usage: u}
	} else {
		e.rejected++
		r = RateLimited(itoa(limiter.RetryAfterSeconds(d.WaitMs)))
	}
	return r.WithRateLimitHeaders(e.buckets(now))
}

// buckets reports the levels as the API's headers do, in whole tokens.
func (e *Enforcer) buckets(now time.Time) Buckets {
	b := Buckets{Reset: now}
	read := func(x *limiter.Bucket) (limit, left int) {
		if x == nil {
			return 0, 0
		}
		return int(x.PerMinute()), int(max(x.LevelAt(now.UnixMilli()), 0) / limiter.UnitsPerToken)
	}
	b.RequestsLimit, b.RequestsRemaining = read(e.lim.RPM)
	b.InputLimit, b.InputRemaining = read(e.lim.ITPM)
	b.OutputLimit, b.OutputRemaining = read(e.lim.OTPM)
	return b
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}
