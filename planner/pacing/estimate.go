package pacing

import (
	"container/list"

	"github.com/tierplan/tierplan/planner/limiter"
)

// Defaults of the estimator, each replaced by what a session's own calls
// show as soon as one has completed.
const (
	// DefaultTokensPerByte is the usual rule of thumb for English text and
	// code (about four bytes a token); a request body's JSON framing makes
	// it an overestimate, which is the safe side for pacing.
	DefaultTokensPerByte = 0.25
	// DefaultOutputTokens is assumed for a session's first call; capped by
	// its max_tokens.
	DefaultOutputTokens = 1_000
	// CacheTTLMs is the prompt cache's default time to live (5 minutes):
	// a call later than that after the previous one finds no cached prefix.
	CacheTTLMs = 5 * 60_000
	// MaxRemembered bounds the sessions the estimator remembers.
	MaxRemembered = 10_000
)

// Request is what the proxy knows of a call before forwarding it.
type Request struct {
	// Key groups calls whose context grows one from the other: Claude
	// Code's session id, else the user.
	Key       string
	Bytes     int64 // size of the request body
	MaxTokens int64
	At        int64 // ms
}

// Estimator predicts a call's usage from the previous call of the same
// session: an agentic session resends its whole, growing context, so a call
// reads the previous one's context from the prompt cache and counts only
// the new part toward ITPM (on models whose cache reads do not count) —
// when the previous call used the cache at all; a client that never caches
// has every call count whole. It is not safe for concurrent use.
type Estimator struct {
	sessions map[string]*list.Element
	lru      list.List // of *memory, most recent at the front
}

// memory is what one session's last completed call showed.
type memory struct {
	key           string
	bytes         int64
	context       int64 // input + cache write + cache read tokens
	output        int64
	tokensPerByte float64
	at            int64
	// caching is set when the call read or wrote the prompt cache: a client
	// that sends no cache_control breakpoints has every call count whole.
	caching bool
}

// NewEstimator returns an estimator that remembers nothing yet.
func NewEstimator() *Estimator {
	return &Estimator{sessions: map[string]*list.Element{}}
}

// Estimate is the usage a call will probably report.
func (e *Estimator) Estimate(r Request) limiter.Usage {
	ratio := DefaultTokensPerByte
	out := int64(DefaultOutputTokens)
	m := e.get(r.Key)
	if m != nil {
		ratio, out = m.tokensPerByte, m.output
	}
	if r.MaxTokens > 0 {
		out = min(out, r.MaxTokens)
	}
	ctx := int64(float64(max(r.Bytes, 0))*ratio + 0.5)
	u := limiter.Usage{Input: ctx, Output: out}
	if m != nil && m.caching && r.At-m.at <= CacheTTLMs && r.Bytes >= m.bytes {
		// A warm cache: the previous context is read, the rest is new.
		cached := min(m.context, ctx)
		u.Input, u.CacheRead = ctx-cached, cached
	}
	return u
}

// Learn remembers what a completed call of r's session really used.
func (e *Estimator) Learn(r Request, u limiter.Usage) {
	ctx := u.Input + u.CacheWrite + u.CacheRead
	caching := u.CacheWrite+u.CacheRead > 0
	ratio := DefaultTokensPerByte
	if r.Bytes > 0 && ctx > 0 {
		ratio = min(max(float64(ctx)/float64(r.Bytes), 0.01), 1)
	}
	if el, ok := e.sessions[r.Key]; ok {
		m := el.Value.(*memory)
		*m = memory{key: r.Key, bytes: r.Bytes, context: ctx, output: u.Output, tokensPerByte: ratio, at: r.At, caching: caching}
		e.lru.MoveToFront(el)
		return
	}
	e.sessions[r.Key] = e.lru.PushFront(&memory{key: r.Key, bytes: r.Bytes, context: ctx, output: u.Output, tokensPerByte: ratio, at: r.At, caching: caching})
	if e.lru.Len() > MaxRemembered {
		old := e.lru.Back()
		e.lru.Remove(old)
		delete(e.sessions, old.Value.(*memory).key)
	}
}

// Remembered is how many sessions the estimator holds.
func (e *Estimator) Remembered() int { return e.lru.Len() }

func (e *Estimator) get(key string) *memory {
	if el, ok := e.sessions[key]; ok {
		return el.Value.(*memory)
	}
	return nil
}
