package session

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Cache is a session's prompt-cache setting.
type Cache uint8

// The cache settings: off, or on with the 5-minute or 1-hour lifetime.
const (
	Cache5m Cache = iota
	Cache1h
	CacheOff
)

// TTL is how long a cache entry lives after its last use; zero when off.
func (c Cache) TTL() time.Duration {
	switch c {
	case Cache5m:
		return 5 * time.Minute
	case Cache1h:
		return time.Hour
	}
	return 0
}

// String names the setting as flags and pricing tables do.
func (c Cache) String() string { return [...]string{"5m", "1h", "off"}[c] }

// Shape is what a session's calls send, in tokens.
type Shape struct {
	// Prefix is what the session's first call sends: the static prefix
	// (system prompt, tool definitions, memory files) and the first prompt.
	// Every later call sends it too, and what the session added since.
	Prefix int64
	// Growth is how much the context grows from one work call to the next:
	// the previous answer plus new prompts and tool results.
	Growth float64
	// Output is what each work call writes.
	Output int64
	// CompactAt is the context size at which the client compacts (zero:
	// never); CompactTo the context right after (prefix plus summary).
	CompactAt int64
	CompactTo int64
	Cache     Cache
	// ForcedMiss is a share of later work calls that find the cache expired
	// whatever the timing says (a measured miss rate), spread evenly.
	ForcedMiss float64
}

// Call is one API request of a session, in the token kinds a response's
// usage object reports.
type Call struct {
	// Context is the whole input: Input + CacheWrite + CacheRead.
	Context    int64 `json:"context"`
	Input      int64 `json:"input"` // uncached input
	CacheWrite int64 `json:"cache_write"`
	CacheRead  int64 `json:"cache_read"`
	Output     int64 `json:"output"`
	// Cold marks a call that writes its whole context whatever the timing:
	// the first, the first after a compaction, a forced miss.
	Cold bool `json:"cold,omitempty"`
	// Compaction marks the client's summarising call.
	Compaction bool `json:"compaction,omitempty"`
	// Work is the 1-based number of the work call this is, or for a
	// compaction call the number of the work call it comes before.
	Work int `json:"work"`
}

// Tokens is the call's total as usage tools count it (all four kinds).
func (c Call) Tokens() int64 { return c.Context + c.Output }

// Expired is the call sent after its cache entry expired: what it would have
// read is written again. A call with nothing to read is unchanged.
func (c Call) Expired() Call {
	c.CacheWrite += c.CacheRead
	c.CacheRead = 0
	return c
}

// Validate reports the first setting that cannot describe a session, in
// words that name what to change.
func (sh Shape) Validate() error {
	switch {
	case sh.Prefix < 0:
		return errors.New("the prefix cannot be negative")
	case !(sh.Growth >= 0) || math.IsInf(sh.Growth, 0):
		return fmt.Errorf("the growth per call must be 0 or more, not %g", sh.Growth)
	case sh.Output < 0:
		return errors.New("the output per call cannot be negative")
	case sh.Growth < float64(sh.Output):
		return fmt.Errorf("the context must grow by at least each call's output (%d tokens), not %.0f", sh.Output, sh.Growth)
	case sh.CompactAt < 0 || sh.CompactTo < 0:
		return errors.New("compaction sizes cannot be negative")
	case sh.CompactAt > 0 && sh.CompactTo < sh.Prefix:
		return fmt.Errorf("the post-compaction size %d is smaller than the prefix %d it must still hold", sh.CompactTo, sh.Prefix)
	case sh.CompactAt > 0 && float64(sh.CompactTo)+sh.Growth > float64(sh.CompactAt):
		return fmt.Errorf("a call adds %.0f tokens, more than the room of %d between the post-compaction size and the compaction threshold: every call would compact",
			sh.Growth, sh.CompactAt-sh.CompactTo)
	case float64(sh.Prefix)+sh.Growth > float64(math.MaxInt64/4):
		return errors.New("the prefix and growth are too large")
	case !(sh.ForcedMiss >= 0 && sh.ForcedMiss <= 1):
		return fmt.Errorf("the forced cache-miss share must be between 0 and 1, not %g", sh.ForcedMiss)
	}
	return nil
}

// summary is what a compaction call writes: the post-compaction context less
// the prefix.
func (sh Shape) summary() int64 { return max(sh.CompactTo-sh.Prefix, 0) }

// walker lays out the canonical call sequence one work call at a time; the
// calls of a session of n work calls are the first n steps.
type walker struct {
	sh     Shape
	ctx    float64 // context of the last work call
	prev   int64   // its rounded context
	work   int     // work calls laid out
	misses float64 // accumulated forced-miss share; a whole one makes a cold call
}

// step returns the calls of the next work call: a compaction call first when
// the context would pass the threshold, then the work call itself.
func (w *walker) step(emit func(Call)) {
	sh := w.sh
	w.work++
	cold := false
	if w.work == 1 {
		w.ctx, cold = float64(sh.Prefix), true
	} else {
		next := w.ctx + sh.Growth
		w.misses += sh.ForcedMiss
		if sh.CompactAt > 0 && next > float64(sh.CompactAt) {
			emit(w.compaction())
			w.ctx, cold = float64(sh.CompactTo)+sh.Growth, true
		} else {
			w.ctx = next
		}
		if w.misses >= 1-1e-9 {
			w.misses--
			cold = true
		}
	}
	c := Call{Context: int64(math.Round(w.ctx)), Output: sh.Output, Cold: cold, Work: w.work}
	switch {
	case sh.Cache == CacheOff:
		c.Input = c.Context
	case cold:
		c.CacheWrite = c.Context
	default:
		c.CacheRead = min(w.prev, c.Context)
		c.CacheWrite = c.Context - c.CacheRead
	}
	emit(c)
	w.prev = c.Context
}

// compaction is the summarising call: it sends the context so far with the
// last answer, reads the cached part and writes the summary.
func (w *walker) compaction() Call {
	sh := w.sh
	c := Call{Context: w.prev + sh.Output, Output: sh.summary(), Compaction: true, Work: w.work}
	if sh.Cache == CacheOff {
		c.Input = c.Context
	} else {
		c.CacheRead, c.CacheWrite = w.prev, sh.Output
	}
	return c
}

// Calls lays out the first n work calls with the compaction calls between
// them.
func (sh Shape) Calls(n int) []Call {
	out := make([]Call, 0, n+n/8)
	w := walker{sh: sh}
	for range n {
		w.step(func(c Call) { out = append(out, c) })
	}
	return out
}
