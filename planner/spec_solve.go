package planner

import (
	"errors"
	"fmt"

	"github.com/tierplan/tierplan/planner/session"
	"github.com/tierplan/tierplan/tiers"
)

// solveCallsAndTokens fits the growth per call when a session is given both
// as a number of calls and as a token total, and says plainly when no
// growth can make them agree.
func solveCallsAndTokens(w Workload, sh session.Shape) (session.Shape, session.Length, error) {
	if w.GrowthPerCall > 0 {
		return sh, session.Length{}, errors.New("--calls, --tokens and --growth all fix a session's length: give two of them")
	}
	if w.CallsPerSession == 1 {
		// One call has no growth: its size is its context, the prefix.
		if w.PrefixTokens != DefaultPrefixTokens {
			return sh, session.Length{}, errors.New("--calls 1, --tokens and --prefix all fix the one call's size: give two of them")
		}
		return oneCall(w, sh)
	}
	if w.OutputShare > 0 {
		sh.Output = int64(w.OutputShare*float64(w.TokensPerSession)/float64(w.CallsPerSession) + 0.5)
	}
	if w.MaxTokens > 0 && sh.Output > w.MaxTokens {
		return sh, session.Length{}, fmt.Errorf("--calls %d would each write %s output tokens, more than --max-tokens %s: raise --calls or --max-tokens, or lower --output-share",
			w.CallsPerSession, tiers.GroupDigits(sh.Output), tiers.GroupDigits(w.MaxTokens))
	}
	solved, err := sh.SolveGrowth(w.CallsPerSession, w.TokensPerSession)
	var ue *session.UnreachableError
	if errors.As(err, &ue) {
		if w.TokensPerSession < ue.Min {
			return sh, session.Length{}, fmt.Errorf("--calls %d with a %s-token prefix and %s output tokens a call add up to at least %s tokens, more than --tokens %s: lower --calls or --prefix, or raise --tokens",
				w.CallsPerSession, FormatQuantity(sh.Prefix), tiers.GroupDigits(sh.Output), tiers.GroupDigits(ue.Min), FormatQuantity(w.TokensPerSession))
		}
		why := ""
		if ue.CompactionCap {
			why = fmt.Sprintf(" (compaction at %s keeps every call's context below it)", FormatQuantity(sh.CompactAt))
		}
		return sh, session.Length{}, fmt.Errorf("--calls %d add up to at most %s tokens%s, less than --tokens %s: raise --calls or lower --tokens",
			w.CallsPerSession, tiers.GroupDigits(ue.Max), why, FormatQuantity(w.TokensPerSession))
	}
	if err != nil {
		return sh, session.Length{}, err
	}
	// Whole-token contexts can put the total a few tokens past the target:
	// the length then makes the mean session exact.
	l, err := solved.LengthFor(w.TokensPerSession)
	return solved, l, err
}

// solveOutputShare sets the output per call so that the mean session's
// output is the given share of its tokens. More output per call means fewer
// calls for the same total, so the share rises with the output, and a
// bisection finds it. The context grows by at least a call's output, so a
// growth left at its default rises with it.
func solveOutputShare(w Workload, sh session.Shape) (session.Shape, error) {
	target := w.OutputShare * float64(w.TokensPerSession)
	at := func(out int64) (session.Shape, float64, error) {
		s := sh
		s.Output = out
		if w.GrowthPerCall == 0 {
			s.Growth = max(DefaultGrowthPerCall, float64(out))
		}
		l, err := lengthFor(w, s)
		if err != nil {
			return s, 0, err
		}
		return s, meanOutput(s, l), nil
	}
	lo, hi := int64(0), w.TokensPerSession
	if w.GrowthPerCall > 0 {
		hi = int64(w.GrowthPerCall)
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		_, got, err := at(mid)
		if err == nil && got < target {
			lo = mid
		} else {
			hi = mid
		}
	}
	s, got, err := at(hi)
	if err != nil {
		s, got, err = at(lo)
	}
	if err != nil {
		return sh, err // no output makes a session of these tokens: lengthFor says why, and what to change
	}
	if got > 2*target+float64(s.Output) {
		return sh, fmt.Errorf("--output-share %g is too small for sessions of --tokens %s: even compaction summaries write more; raise it or leave it out",
			w.OutputShare, FormatQuantity(w.TokensPerSession))
	}
	return s, nil
}

// meanOutput is the output of the mean session of a length: its calls'
// output, compaction summaries included, and the share of the next step.
func meanOutput(sh session.Shape, l session.Length) float64 {
	var sum, next float64
	for _, c := range sh.Calls(l.Calls + 1) {
		if c.Work <= l.Calls {
			sum += float64(c.Output)
		} else {
			next += float64(c.Output)
		}
	}
	return sum + l.Extra*next
}

// oneCall is a session of a single call of the given tokens: its context is
// the total less the output.
func oneCall(w Workload, sh session.Shape) (session.Shape, session.Length, error) {
	if w.OutputShare > 0 {
		sh.Output = int64(w.OutputShare*float64(w.TokensPerSession) + 0.5)
	}
	if sh.Output >= w.TokensPerSession {
		return sh, session.Length{}, fmt.Errorf("--tokens %s is no more than one call's %s output tokens", FormatQuantity(w.TokensPerSession), tiers.GroupDigits(sh.Output))
	}
	sh.Prefix = w.TokensPerSession - sh.Output
	sh.Growth = max(sh.Growth, float64(sh.Output))
	sh.CompactAt, sh.CompactTo = 0, 0 // a single call never compacts
	return sh, session.Length{Calls: 1}, nil
}
