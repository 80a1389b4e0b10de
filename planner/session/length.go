package session

import "fmt"

// MaxCalls bounds the work calls of one session.
const MaxCalls = 100_000

// Length is how far a session runs along its canonical sequence: every
// session makes Calls work calls, and a share Extra of them (0 ≤ Extra < 1)
// makes one more. The mean session then adds up to a token total exactly.
type Length struct {
	Calls int
	Extra float64
}

// Mean is the mean number of work calls.
func (l Length) Mean() float64 { return float64(l.Calls) + l.Extra }

// Longest is the work calls of the longer sessions.
func (l Length) Longest() int {
	if l.Extra > 0 {
		return l.Calls + 1
	}
	return l.Calls
}

// TooSmallError says a token total is less than the session's first call.
type TooSmallError struct{ Tokens, FirstCall int64 }

func (e *TooSmallError) Error() string {
	return fmt.Sprintf("a session of %d tokens is smaller than its first call, which alone counts %d", e.Tokens, e.FirstCall)
}

// TooLongError says a token total needs more than MaxCalls calls.
type TooLongError struct{ Tokens int64 }

func (e *TooLongError) Error() string {
	return fmt.Sprintf("a session of %d tokens would need more than %d calls", e.Tokens, MaxCalls)
}

// LengthFor finds where the canonical sequence reaches a token total: the
// largest n whose first n work calls (with their compaction calls) stay at
// or under it, and the share of the next step that makes up the rest.
func (sh Shape) LengthFor(tokens int64) (Length, error) {
	w := walker{sh: sh}
	var cum int64
	for n := 0; n < MaxCalls; n++ {
		var step int64
		w.step(func(c Call) { step += c.Tokens() })
		switch {
		case cum+step == tokens:
			return Length{Calls: n + 1}, nil
		case cum+step > tokens && n == 0:
			return Length{}, &TooSmallError{Tokens: tokens, FirstCall: step}
		case cum+step > tokens:
			return Length{Calls: n, Extra: float64(tokens-cum) / float64(step)}, nil
		}
		cum += step
	}
	return Length{}, &TooLongError{Tokens: tokens}
}

// Totals is the token total of the first n work calls and of the step after
// them (the next work call with its compaction call, if any).
func (sh Shape) Totals(n int) (upTo, next int64) {
	w := walker{sh: sh}
	for i := 0; i <= n; i++ {
		var step int64
		w.step(func(c Call) { step += c.Tokens() })
		if i < n {
			upTo += step
		} else {
			next = step
		}
	}
	return upTo, next
}

// UnreachableError says a number of calls cannot add up to a token total
// whatever the growth per call: Min is their total with the smallest growth
// (each call's output), Max the most any growth reaches.
type UnreachableError struct {
	Calls         int
	Tokens        int64
	Min, Max      int64
	CompactionCap bool // Max is bounded by the compaction threshold
}

func (e *UnreachableError) Error() string {
	if e.Tokens < e.Min {
		return fmt.Sprintf("%d calls add up to at least %d tokens, more than %d", e.Calls, e.Min, e.Tokens)
	}
	return fmt.Sprintf("%d calls add up to at most %d tokens, less than %d", e.Calls, e.Max, e.Tokens)
}

// growthSamples is how finely SolveGrowth scans for a bracket.
const growthSamples = 256

// SolveGrowth finds the smallest growth per call at which n work calls add
// up to tokens, and returns the shape with it. The total rises with the
// growth between compactions but drops whenever a compaction moves one call
// earlier, so it scans for the first bracket where the total crosses the
// target from below, then bisects inside it; the last call takes the few
// tokens of rounding left over, so the total is exact.
func (sh Shape) SolveGrowth(n int, tokens int64) (Shape, error) {
	total := func(d float64) int64 {
		s := sh
		s.Growth = d
		upTo, _ := s.Totals(n)
		return upTo
	}
	lo := float64(sh.Output)
	hi := float64(tokens)
	capped := false
	if sh.CompactAt > 0 {
		hi, capped = float64(sh.CompactAt-sh.CompactTo), true
	}
	if n == 1 {
		lo = 0 // a single call has no next call to grow into
	}
	tLo := total(lo)
	if tLo > tokens || hi < lo {
		return sh, &UnreachableError{Calls: n, Tokens: tokens, Min: tLo, Max: tLo, CompactionCap: capped}
	}
	if tLo == tokens {
		sh.Growth = lo
		return sh, nil
	}
	maxT, found := tLo, false
	for i := 1; i <= growthSamples; i++ {
		d := lo + (hi-lo)*float64(i)/growthSamples
		t := total(d)
		maxT = max(maxT, t)
		if t >= tokens {
			hi, found = d, true
			break
		}
		lo = d
	}
	if !found {
		return sh, &UnreachableError{Calls: n, Tokens: tokens, Min: tLo, Max: maxT, CompactionCap: capped}
	}
	for range 80 {
		mid := (lo + hi) / 2
		if total(mid) < tokens {
			lo = mid
		} else {
			hi = mid
		}
	}
	sh.Growth = hi
	return sh, nil
}
