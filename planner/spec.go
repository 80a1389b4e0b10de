package planner

import (
	"errors"
	"fmt"
	"time"

	"github.com/tierplan/tierplan/planner/session"
	"github.com/tierplan/tierplan/tiers"
)

// resolveSpec builds one model's session from a workload whose
// model-independent defaults are set: the compaction threshold from the
// model's window, the speed from the table, then the shape, its length and
// its timing. Errors speak of the user's flags.
func resolveSpec(w Workload, m tiers.Model) (session.Spec, []string, error) {
	var notes []string
	sh := session.Shape{
		Prefix:     w.PrefixTokens,
		Growth:     w.GrowthPerCall,
		Output:     w.OutputPerCall,
		CompactAt:  w.CompactAt,
		CompactTo:  w.CompactTo,
		Cache:      w.Cache(),
		ForcedMiss: w.CacheMissShare,
	}
	if sh.Output == 0 && w.OutputShare == 0 {
		sh.Output = DefaultOutputPerCall
	}
	if sh.Growth == 0 {
		// The next call sends each answer back: the context grows by at
		// least the output.
		sh.Growth = max(DefaultGrowthPerCall, float64(sh.Output))
	}
	if err := checkOutput(w, sh); err != nil {
		return session.Spec{}, nil, err
	}
	if sh.CompactAt == 0 {
		window := min(m.ContextWindow, ClaudeCodeWindow)
		if window == 0 {
			window = ClaudeCodeWindow
		}
		if window > DefaultCompactionMargin {
			sh.CompactAt = window - DefaultCompactionMargin
		}
	}
	if sh.CompactTo == 0 {
		sh.CompactTo = sh.Prefix + DefaultSummaryTokens
	}
	if err := checkCompaction(w, sh); err != nil {
		return session.Spec{}, nil, err
	}
	spec := session.Spec{Timing: timingOf(w, m)}
	var err error
	switch {
	case w.CallsPerSession > 0 && w.TokensPerSession > 0:
		sh, spec.Length, err = solveCallsAndTokens(w, sh)
		if err == nil {
			notes = append(notes, fmt.Sprintf("%s: with --calls and --tokens both given, the growth per call is solved: %s tokens a call",
				m.Name, tiers.GroupDigits(int64(sh.Growth+0.5))))
		}
	case w.CallsPerSession > 0:
		spec.Length = session.Length{Calls: w.CallsPerSession}
	default:
		if w.OutputShare > 0 {
			sh, err = solveOutputShare(w, sh)
		}
		if err == nil && sh.Output > w.MaxTokens {
			err = fmt.Errorf("--output-share %g makes each call write %s output tokens, more than --max-tokens %s: raise --max-tokens or lower --output-share",
				w.OutputShare, tiers.GroupDigits(sh.Output), tiers.GroupDigits(w.MaxTokens))
		}
		if err == nil {
			spec.Length, err = lengthFor(w, sh)
		}
	}
	if err != nil {
		return session.Spec{}, nil, err
	}
	if err := sh.Validate(); err != nil {
		return session.Spec{}, nil, err
	}
	spec.Shape = sh
	if w.Pace > 0 {
		spec.Timing.ToolTime = toolTimeForPace(w.Pace, spec.Timing.LatencyMs(sh.Output))
	}
	if err := spec.Timing.Validate(); err != nil {
		return session.Spec{}, nil, err
	}
	if largest := largestContext(spec); m.ContextWindow > 0 && largest > m.ContextWindow {
		return session.Spec{}, nil, fmt.Errorf("the largest call would send %s tokens, more than %s's %s-token context window: set --compact-at below the window",
			tiers.GroupDigits(largest), m.Name, tiers.GroupDigits(m.ContextWindow))
	}
	return spec, notes, nil
}

// timingOf reads the time model: the workload's settings, else the model's
// speed from the table, else the documented defaults.
func timingOf(w Workload, m tiers.Model) session.Timing {
	t := session.Timing{
		FirstToken:      seconds(w.FirstTokenS),
		OutputPerSecond: w.OutputPerSecond,
		ToolTime:        seconds(w.ToolTimeS),
		CallsPerTurn:    w.CallsPerTurn,
		Pause:           seconds(w.PauseS),
	}
	if w.FirstTokenS == 0 {
		t.FirstToken = DefaultFirstToken
		if m.Speed != nil {
			t.FirstToken = m.Speed.FirstToken
		}
	}
	if t.OutputPerSecond == 0 {
		t.OutputPerSecond = DefaultOutputPerSecond
		if m.Speed != nil {
			t.OutputPerSecond = m.Speed.OutputPerSecond
		}
	}
	return t
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// toolTimeForPace is the tool time that makes a turn run pace calls a
// minute when a call itself takes latencyMs: what is left of the 60/pace
// second cycle, or none when the call alone takes longer.
func toolTimeForPace(pace float64, latencyMs int64) time.Duration {
	cycle := time.Duration(60 / pace * float64(time.Second))
	return max(0, cycle-time.Duration(latencyMs)*time.Millisecond)
}

// checkOutput catches a call's output that no session can have: more than
// the max_tokens the call asks for, or more than the context grows by.
func checkOutput(w Workload, sh session.Shape) error {
	switch {
	case w.OutputPerCall > w.MaxTokens:
		return fmt.Errorf("--output-per-call %s is more than --max-tokens %s, the most a call may write: lower --output-per-call or raise --max-tokens",
			tiers.GroupDigits(w.OutputPerCall), tiers.GroupDigits(w.MaxTokens))
	case w.GrowthPerCall > 0 && float64(sh.Output) > w.GrowthPerCall:
		return fmt.Errorf("--growth %s is less than the %s output tokens each call writes, which the next call sends back: raise --growth or lower --output-per-call",
			tiers.GroupDigits(int64(w.GrowthPerCall)), tiers.GroupDigits(sh.Output))
	}
	return nil
}

// checkCompaction catches compaction settings that cannot work, naming the
// flags involved.
func checkCompaction(w Workload, sh session.Shape) error {
	switch {
	case sh.CompactAt == 0:
		return nil
	case sh.CompactTo < sh.Prefix:
		return fmt.Errorf("--compact-to %s is smaller than the %s-token prefix it must still hold: raise --compact-to or lower --prefix",
			FormatQuantity(sh.CompactTo), FormatQuantity(sh.Prefix))
	case sh.CompactAt <= sh.CompactTo:
		return fmt.Errorf("the compaction threshold %s must be above the post-compaction size %s (the prefix%s plus a %s summary): %s",
			compactAtText(w, sh), FormatQuantity(sh.CompactTo), prefixText(w, sh), FormatQuantity(DefaultSummaryTokens), compactionFix(w))
	case w.GrowthPerCall > 0 && float64(sh.CompactTo)+w.GrowthPerCall > float64(sh.CompactAt):
		return fmt.Errorf("--growth %s is more than the %s tokens between the post-compaction size and the compaction threshold %s: every call would compact; lower --growth",
			FormatQuantity(int64(w.GrowthPerCall)), FormatQuantity(sh.CompactAt-sh.CompactTo), compactAtText(w, sh))
	}
	return nil
}

func compactAtText(w Workload, sh session.Shape) string {
	if w.CompactAt > 0 {
		return "--compact-at " + FormatQuantity(sh.CompactAt)
	}
	return FormatQuantity(sh.CompactAt) + " (the model's window less 33k)"
}

func prefixText(w Workload, sh session.Shape) string {
	if w.PrefixTokens != DefaultPrefixTokens {
		return " (--prefix " + FormatQuantity(sh.Prefix) + ")"
	}
	return ""
}

func compactionFix(w Workload) string {
	if w.CompactAt > 0 {
		return "raise --compact-at or lower --prefix"
	}
	return "lower --prefix (or set --compact-at for a larger window)"
}

// lengthFor reads the session's length from its token total.
func lengthFor(w Workload, sh session.Shape) (session.Length, error) {
	l, err := sh.LengthFor(w.TokensPerSession)
	var small *session.TooSmallError
	var long *session.TooLongError
	switch {
	case errors.As(err, &small):
		parts := FormatQuantity(sh.Prefix) + "-token prefix"
		if sh.Output > 0 {
			parts += " and " + FormatQuantity(sh.Output) + " of output"
		}
		return l, fmt.Errorf("--tokens %s is less than one call: a session's first call alone counts %s tokens (its %s); raise --tokens or lower --prefix",
			FormatQuantity(w.TokensPerSession), tiers.GroupDigits(small.FirstCall), parts)
	case errors.As(err, &long):
		return l, fmt.Errorf("--tokens %s would need more than %s calls at %s tokens of growth a call: raise --growth or lower --tokens",
			FormatQuantity(w.TokensPerSession), tiers.GroupDigits(session.MaxCalls), FormatQuantity(int64(sh.Growth)))
	}
	return l, err
}

// largestContext is the biggest input any call of the spec's longer
// sessions sends.
func largestContext(s session.Spec) int64 {
	var m int64
	for _, c := range s.Shape.Calls(s.Length.Longest()) {
		m = max(m, c.Context)
	}
	return m
}
