package planner

import (
	"fmt"
	"math"

	"github.com/tierplan/tierplan/tiers"
)

// Call is one API request of a modelled session, in the token kinds the API
// reports in its usage object.
type Call struct {
	// Context is the whole input the call sends: Input + CacheWrite + CacheRead.
	Context    int64 `json:"context"`
	Input      int64 `json:"input"` // uncached input
	CacheWrite int64 `json:"cache_write"`
	CacheRead  int64 `json:"cache_read"`
	Output     int64 `json:"output"`
	// Cold marks a cache miss: the first call, and the first after a
	// compaction, write their whole context.
	Cold bool `json:"cold,omitempty"`
	// Compaction marks the client's summarising call.
	Compaction bool `json:"compaction,omitempty"`
}

// Tokens is the call's total as usage tools count it (all four kinds).
func (c Call) Tokens() int64 { return c.Context + c.Output }

// Session is the modelled sequence of calls of one session: its context
// grows by Growth tokens a call from the prefix, and drops back to the
// post-compaction size whenever it would pass the compaction threshold.
type Session struct {
	Calls         []Call
	WorkCalls     int     // calls the user's work makes (compaction calls excluded)
	Compactions   int     // summarising calls
	Growth        float64 // context growth per call, solved from the totals
	OutputPerCall int64
	// CallsDerived is true when calls per session were not given and were
	// derived from the token total (see DefaultGrowthPerCall).
	CallsDerived bool
}

// Tokens is the modelled session total (all four kinds).
func (s Session) Tokens() int64 {
	var n int64
	for _, c := range s.Calls {
		n += c.Tokens()
	}
	return n
}

// LargestContext is the biggest input any call sends.
func (s Session) LargestContext() int64 {
	var m int64
	for _, c := range s.Calls {
		m = max(m, c.Context)
	}
	return m
}

// shape is what a session's calls depend on besides the growth per call.
type shape struct {
	calls     int
	prefix    float64
	output    int64 // per work call
	compactAt float64
	compactTo float64
	cache     bool
	missShare float64 // share of later calls that miss an expired cache
}

// build lays out the calls for a growth per call d: call 1 sends prefix+d;
// each later call adds d; a call that would pass compactAt is preceded by a
// compaction call (it reads the whole context and writes a summary of
// compactTo−prefix tokens) and then starts again from compactTo, cold. A
// missShare of 0.25 makes every fourth later call cold too, spread evenly,
// as a pause longer than the cache TTL does.
func (sh shape) build(d float64) []Call {
	calls := make([]Call, 0, sh.calls+sh.calls/4)
	sh.walk(d, func(c Call) { calls = append(calls, c) })
	return calls
}

// totalAt is the session's token total at growth d, without keeping the
// calls: the solver asks it a few hundred times a session.
func (sh shape) totalAt(d float64) int64 {
	var n int64
	sh.walk(d, func(c Call) { n += c.Tokens() })
	return n
}

// walk lays out the calls of build one at a time.
func (sh shape) walk(d float64, emit func(Call)) {
	ctx := sh.prefix + d
	cold := true
	var prev int64
	misses := 0.0 // accumulates missShare; a whole one makes a cold call
	for i := 0; i < sh.calls; i++ {
		if i > 0 {
			next := ctx + d
			misses += sh.missShare
			if sh.compactAt > 0 && next > sh.compactAt {
				emit(sh.compactionCall(prev))
				ctx, cold = sh.compactTo+d, true
			} else {
				ctx, cold = next, misses >= 1-1e-9
			}
			if misses >= 1-1e-9 {
				misses--
			}
		}
		c := Call{Context: int64(math.Round(ctx)), Output: sh.output, Cold: cold}
		switch {
		case !sh.cache:
			c.Input = c.Context
		case cold:
			c.CacheWrite = c.Context
		default:
			c.CacheRead = prev
			c.CacheWrite = c.Context - prev
		}
		emit(c)
		prev = c.Context
	}
}

// compactionCall summarises a context of prev tokens plus the last output.
func (sh shape) compactionCall(prev int64) Call {
	c := Call{Context: prev + sh.output, Output: int64(sh.compactTo - sh.prefix), Compaction: true}
	if sh.cache {
		c.CacheRead, c.CacheWrite = prev, sh.output
	} else {
		c.Input = c.Context
	}
	return c
}

// maxGrowth is the largest growth per call that does not compact on every
// call; with no compaction threshold the total itself bounds it.
func (sh shape) maxGrowth(target int64) float64 {
	if sh.compactAt > 0 {
		return sh.compactAt - sh.compactTo
	}
	return float64(target)
}

// BuildSession solves the session model for a workload on a model: it finds
// the growth per call that makes the session's calls add up to the
// workload's token total, and lays the calls out. Inputs that no session
// can satisfy get a plain explanation instead of a negative growth.
func BuildSession(w Workload, m tiers.Model) (Session, error) {
	w = w.WithDefaults(m.ContextWindow)
	if err := w.Validate(); err != nil {
		return Session{}, err
	}
	sh := shape{
		calls:     w.CallsPerSession,
		prefix:    float64(w.PrefixTokens),
		compactAt: float64(w.CompactAt),
		compactTo: float64(w.CompactTo),
		cache:     !w.NoCache,
		missShare: MissShare(w),
	}
	derived := sh.calls == 0
	if derived {
		n, err := deriveCalls(sh, w)
		if err != nil {
			return Session{}, err
		}
		sh.calls = n
	}
	var d float64
	var err error
	if derived {
		sh, d, err = solveNear(sh, w)
	} else {
		sh.output = outputPerCall(w, sh.calls)
		if w.MaxTokens > 0 && sh.output > w.MaxTokens {
			return Session{}, fmt.Errorf("%s would each write %s output tokens, more than max_tokens %s: raise --calls or --max-tokens, or lower --output-share",
				callsText(sh.calls), tiers.GroupDigits(sh.output), tiers.GroupDigits(w.MaxTokens))
		}
		d, err = solveGrowth(sh, w)
	}
	if err != nil {
		return Session{}, err
	}
	s := Session{Calls: sh.build(d), WorkCalls: sh.calls, Growth: d, OutputPerCall: sh.output, CallsDerived: derived}
	for _, c := range s.Calls {
		if c.Compaction {
			s.Compactions++
		}
	}
	if m.ContextWindow > 0 && s.LargestContext() > m.ContextWindow {
		return Session{}, fmt.Errorf("the largest call would send %s tokens, more than %s's %s-token context window: set a compaction threshold below the window",
			tiers.GroupDigits(s.LargestContext()), m.Name, tiers.GroupDigits(m.ContextWindow))
	}
	return s, nil
}

// callsText writes "1 call" or "30 calls".
func callsText(n int) string {
	if n == 1 {
		return "1 call"
	}
	return tiers.GroupDigits(int64(n)) + " calls"
}

// MissShare is the share of later calls that find the cache expired: the
// workload's own figure, or, when calls come further apart than that
// implies, the chance that an exponentially distributed gap of mean 60/pace
// seconds outlasts the cache TTL, exp(−TTL/gap).
func MissShare(w Workload) float64 {
	if w.NoCache || w.Pace <= 0 {
		return w.CacheMissShare
	}
	gap := 60 / w.Pace
	return max(w.CacheMissShare, math.Exp(-w.CacheTTL.Seconds()/gap))
}

func outputPerCall(w Workload, calls int) int64 {
	return int64(math.Round(w.OutputShare * float64(w.TokensPerSession) / float64(calls)))
}

// growthSamples is how finely solveGrowth scans for a bracket.
const growthSamples = 256

// solveGrowth finds a growth per call whose session adds up to the total.
// The total is not monotone in d: it rises with d between compactions but
// drops whenever a compaction moves one call earlier. So it first scans d
// for the lowest bracket where the total crosses the target from below,
// then bisects inside it (within a bracket the total only jumps down, so
// keeping total(lo) < target ≤ total(hi) converges on the crossing).
func solveGrowth(sh shape, w Workload) (float64, error) {
	target := w.TokensPerSession
	// A call's output becomes part of the next call's context, so the
	// context grows at least by the output a call; a one-call session has
	// no next call, and may not grow at all.
	lo, hi := float64(sh.output), sh.maxGrowth(target)
	if sh.calls == 1 {
		lo = 0
	}
	if hi < lo {
		return 0, fmt.Errorf("each call's %s output tokens do not fit between the post-compaction size %s and the compaction threshold %s",
			tiers.GroupDigits(sh.output), tiers.GroupDigits(w.CompactTo), tiers.GroupDigits(w.CompactAt))
	}
	f := sh.totalAt
	if f(lo) == target {
		return lo, nil
	}
	prevD, prevT := lo, f(lo)
	minT, maxT := prevT, prevT
	found := false
	for i := 1; i <= growthSamples; i++ {
		d := lo + (hi-lo)*float64(i)/growthSamples
		t := f(d)
		minT, maxT = min(minT, t), max(maxT, t)
		if prevT < target && t >= target {
			lo, hi, found = prevD, d, true
			break
		}
		prevD, prevT = d, t
	}
	if !found {
		if minT > target {
			return 0, fmt.Errorf("%s with a %s-token prefix and %s output tokens each add up to at least %s tokens, more than the %s per session given: lower --calls, --prefix or --output-share, or raise --tokens",
				callsText(sh.calls), tiers.GroupDigits(w.PrefixTokens), tiers.GroupDigits(sh.output), tiers.GroupDigits(minT), tiers.GroupDigits(target))
		}
		return 0, fmt.Errorf("%s cannot add up to %s tokens (at most %s): raise --calls",
			callsText(sh.calls), tiers.GroupDigits(target), tiers.GroupDigits(maxT))
	}
	for range 60 {
		mid := (lo + hi) / 2
		if f(mid) < target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi, nil
}

// solveNear solves the growth for the derived call count, or for the
// nearest count that has a solution. Compaction makes the reachable totals
// of n calls a narrow band (the context averages half-way between the
// threshold and the post-compaction size whatever the growth), so a total
// can fall between the bands of n and n+1 calls; a neighbour then fits.
func solveNear(sh shape, w Workload) (shape, float64, error) {
	base := sh.calls
	var firstErr error
	for _, delta := range []int{0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -8, 8, -10, 10} {
		n := base + delta
		if n < 1 {
			continue
		}
		try := sh
		try.calls = n
		try.output = outputPerCall(w, n)
		if w.MaxTokens > 0 && try.output > w.MaxTokens {
			continue // fewer calls would each write more than max_tokens
		}
		d, err := solveGrowth(try, w)
		if err == nil {
			return try, d, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return sh, 0, firstErr
}

// deriveCalls finds the fewest calls whose session, growing by
// DefaultGrowthPerCall a call, reaches the token total. The total grows with
// every added call, so a doubling search then a bisection finds it.
func deriveCalls(sh shape, w Workload) (int, error) {
	g := DefaultGrowthPerCall
	if sh.compactAt > 0 {
		g = min(g, sh.maxGrowth(w.TokensPerSession))
	}
	reaches := func(n int) bool {
		s := sh
		s.calls = n
		s.output = outputPerCall(w, n)
		return s.totalAt(max(g, float64(s.output))) >= w.TokensPerSession
	}
	const limit = 100_000
	// Enough calls that no call writes more than max_tokens.
	fewest := 1
	if w.MaxTokens > 0 {
		fewest = max(1, int(math.Ceil(w.OutputShare*float64(w.TokensPerSession)/float64(w.MaxTokens))))
	}
	hi := fewest
	for !reaches(hi) {
		hi *= 2
		if hi > limit {
			return 0, fmt.Errorf("a session of %s tokens would need more than %s calls: check --tokens", tiers.GroupDigits(w.TokensPerSession), tiers.GroupDigits(limit))
		}
	}
	lo := max(hi/2, fewest-1) // reaches(lo) is false, or lo is below the fewest
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if reaches(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, nil
}
