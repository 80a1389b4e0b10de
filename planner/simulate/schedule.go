package simulate

import (
	"fmt"
	"strings"
	"time"
)

// RetryWindow is the range of one retry's wait.
type RetryWindow struct {
	// Retry is 1 for the first retry.
	Retry    int
	Min, Max time.Duration
}

// Schedule is what a policy does with a run of identical error answers:
// how long it waits before each retry, at least and at most, and when it
// gives up.
type Schedule struct {
	Policy string
	// MaxRetries is the retry budget for this answer.
	MaxRetries int
	Answer     Answer
	// Retries holds one window per retry the client makes; after the last
	// it gives up. None means it gives up on the first 429, and
	// GiveUpAtOnce says why (no retries, or a retry-after it will not
	// wait for).
	Retries      []RetryWindow
	GiveUpAtOnce string
	// MinTotal and MaxTotal bound the time from the first 429 to giving up.
	MinTotal, MaxTotal time.Duration
}

// extremes are the uniform numbers at the ends of [0, 1]: every rule is
// monotone in each number it draws, so its extremes are at these corners.
var extremes = []float64{0, 1}

// cornerU returns, in turn, the corners picked by the bits of mask.
type cornerU struct {
	mask, draw int
}

func (c *cornerU) Float64() float64 {
	v := extremes[(c.mask>>c.draw)&1]
	c.draw++
	return v
}

// Schedule returns the policy's schedule for a run of answers like a
// (RateLimited(retryAfter) for the simulator's 429s). The windows come
// from DelayAfter itself, at every corner of its random numbers (and, for
// the decorrelated rule, at the shortest and longest previous sleep), so
// they bound exactly what the simulator draws.
func (p Policy) Schedule(a Answer) Schedule {
	s := Schedule{Policy: p.Kind.String(), MaxRetries: p.maxRetries(a), Answer: a}
	if !p.retries(a) {
		s.MaxRetries = 0
	}
	var prevMax time.Duration
	for n := 0; ; n++ {
		w, ok := p.window(a, n, prevMax)
		if !ok {
			break
		}
		s.Retries = append(s.Retries, w)
		s.MinTotal += w.Min
		s.MaxTotal += w.Max
		prevMax = w.Max
	}
	switch {
	case len(s.Retries) > 0:
	case p.Kind == NoRetry || p.MaxRetries == 0:
		s.GiveUpAtOnce = "the policy does not retry"
	case s.MaxRetries == 0:
		s.GiveUpAtOnce = "the client does not retry this answer"
	default:
		s.GiveUpAtOnce = "the client does not wait for a retry-after over " + readable(p.RetryAfterMax)
	}
	return s
}

// window bounds retry n's wait over every corner of DelayAfter's draws.
func (p Policy) window(a Answer, n int, prevMax time.Duration) (RetryWindow, bool) {
	w := RetryWindow{Retry: n + 1, Min: time.Duration(1<<63 - 1)}
	const draws = 3 // DelayAfter draws at most three numbers
	for _, prev := range []time.Duration{0, prevMax} {
		for mask := 0; mask < 1<<draws; mask++ {
			d, ok := p.DelayAfter(a, n, prev, &cornerU{mask: mask})
			if !ok {
				return RetryWindow{}, false
			}
			w.Min, w.Max = min(w.Min, d), max(w.Max, d)
		}
	}
	return w, true
}

// BackoffRule writes the policy's own wait before retry n (n = 0 first) as
// a formula, U being uniform in [0, 1).
func (p Policy) BackoffRule() string {
	b, c := readable(p.Base), readable(p.Cap)
	switch p.Kind {
	case SDK:
		return fmt.Sprintf("min(%s·2^n, %s)·(1 − 0.25·U)", b, c)
	case ClaudeCode:
		return fmt.Sprintf("min(%s·2^n, %s)·(1 + 0.25·U)", b, c)
	case FullJitter:
		return fmt.Sprintf("U·min(%s·2^n, %s)", b, c)
	case EqualJitter:
		return fmt.Sprintf("t/2 + U·t/2, t = min(%s·2^n, %s)", b, c)
	case Decorrelated:
		return fmt.Sprintf("min(%s, %s + U·(3·previous wait − %s))", c, b, b)
	}
	return "no retries"
}

// RetryAfterRule says what the policy does with a retry-after of v.
func (p Policy) RetryAfterRule() string {
	if p.Kind == NoRetry {
		return "no retries"
	}
	if !p.HonourRetryAfter {
		return "ignored"
	}
	wait := "v"
	if p.RetryAfterScatter > 0 {
		wait = fmt.Sprintf("v·(1 + %g·U)", p.RetryAfterScatter)
	}
	if p.RetryAfterJitter > 0 {
		wait += " + U·" + readable(p.RetryAfterJitter)
	}
	if p.BackoffFloor {
		wait = "max(" + wait + ", backoff)"
	}
	rule := "waits " + wait
	if p.HonourRetryAfterMS {
		rule += " (retry-after-ms preferred)"
	}
	if p.RetryAfterMax > 0 {
		over := "the backoff instead"
		if p.GiveUpOverRetryAfterMax {
			over = "the call ends"
		}
		rule += fmt.Sprintf(" up to %s; over that, %s", readable(p.RetryAfterMax), over)
	}
	return rule
}

// readable writes a duration as Go does without its empty parts ("1m",
// not "1m0s"), and two days or more in days (the SDK's limit is 2^31−1 ms,
// 24.9 days).
func readable(d time.Duration) string {
	if d >= 48*time.Hour {
		return fmt.Sprintf("%.1f days", d.Hours()/24)
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
