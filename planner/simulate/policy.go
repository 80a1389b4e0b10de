package simulate

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// PolicyKind is a client retry algorithm.
type PolicyKind uint8

// The retry algorithms, as the SDKs, Claude Code and "Exponential Backoff
// and Jitter" (AWS, 2015) define them.
const (
	// NoRetry gives up on the first 429.
	NoRetry PolicyKind = iota
	// SDK is the official Anthropic and OpenAI SDKs (Stainless-generated):
	// min(base·2^n, cap)·(1 − 0.25·U), retry-after obeyed as sent.
	SDK
	// ClaudeCode is Claude Code's own loop: min(base·2^n, cap)·(1 + 0.25·U);
	// a retry-after is scattered by up to 25% and never shortens the wait.
	ClaudeCode
	// FullJitter is AWS's U(0, min(cap, base·2^n)).
	FullJitter
	// EqualJitter is AWS's t/2 + U(0, t/2) with t = min(cap, base·2^n).
	EqualJitter
	// Decorrelated is AWS's min(cap, U(base, 3·previous sleep)).
	Decorrelated
)

var policyNames = []string{"none", "sdk", "claude-code", "full-jitter", "equal-jitter", "decorrelated"}

func (k PolicyKind) String() string { return policyNames[k] }

// PolicyNames lists the policies for help, completion and --compare-retries.
func PolicyNames() []string { return append([]string(nil), policyNames...) }

// Policy is a retry policy with its parameters.
type Policy struct {
	Kind       PolicyKind
	MaxRetries int
	Base, Cap  time.Duration
	// HonourRetryAfter makes the client wait for the server's retry-after
	// instead of its own backoff, when the value is in (0, RetryAfterMax]
	// (RetryAfterMax 0 = any value).
	HonourRetryAfter bool
	RetryAfterMax    time.Duration
	// GiveUpOverRetryAfterMax ends the call on a retry-after above
	// RetryAfterMax instead of falling back to the backoff: Claude Code
	// does not wait more than a minute.
	GiveUpOverRetryAfterMax bool
	// RetryAfterScatter spreads an honoured retry-after v over
	// [v, v·(1 + RetryAfterScatter)]; Claude Code uses 0.25, the SDKs 0.
	RetryAfterScatter float64
	// BackoffFloor makes an honoured retry-after wait at least the backoff
	// the client would have used without it, as Claude Code does.
	BackoffFloor bool
	// HonourRetryAfterMS reads retry-after-ms, preferred to retry-after (the
	// SDKs). ShouldRetryHeader obeys x-should-retry: false (both clients)
	// and, for the SDK kind, true. The simulated API sends neither header;
	// they say how a client answers a server that does.
	HonourRetryAfterMS, ShouldRetryHeader bool
	// OpusOverloadedRetries, when above 0, limits the retries of 529s on an
	// Opus model: Claude Code stops after three 529s in a row there (and
	// moves to --fallback-model when one is given).
	OpusOverloadedRetries int
	// RetryAfterJitter adds U(0, RetryAfterJitter) to an honoured retry-after,
	// the usual cure for clients that all wake at the same second. The SDKs
	// add none.
	RetryAfterJitter time.Duration
}

// Measured defaults (see testdata/retry/README.md for the runs behind them).
const (
	// sdkRetryAfterMax is the longest retry-after the TypeScript SDK obeys:
	// one timer's range, 2^31−1 ms (about 24.9 days). A measured 61 s was
	// obeyed to the millisecond; the Python SDK stops at 60 s.
	sdkRetryAfterMax = (1<<31 - 1) * time.Millisecond
	// claudeCodeRetryAfterMax: over 60 s, Claude Code gives up at once.
	claudeCodeRetryAfterMax = 60 * time.Second
)

// PolicyNamed returns a policy with its defaults, measured on the real
// clients where there is one (planner/simulate/testdata/retry):
//   - sdk: the official TypeScript SDK 1.17.0: 2 retries, min(0.5 s·2^n,
//     8 s)·(1 − 0.25·U); retry-after-ms, then retry-after, obeyed exactly up
//     to 2^31−1 ms; x-should-retry obeyed; 429, 529 and 500 alike;
//   - claude-code: Claude Code 2.1.328: 10 retries, min(0.5 s·2^n,
//     32 s)·(1 + 0.25·U); a retry-after v waits max(v·(1 + 0.25·U),
//     backoff), and over 60 s ends the call; retry-after-ms ignored,
//     x-should-retry: false obeyed; 429, 529 and 500 alike, except that
//     three 529s in a row end a call to an Opus model;
//   - full-jitter, equal-jitter, decorrelated: Claude Code's budget (10
//     retries, 0.5 s, 32 s) with the AWS formula, so a comparison isolates the
//     jitter rule; retry-after honoured.
func PolicyNamed(name string) (Policy, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "none":
		return Policy{Kind: NoRetry}, nil
	case "sdk":
		return Policy{Kind: SDK, MaxRetries: 2, Base: 500 * time.Millisecond, Cap: 8 * time.Second,
			HonourRetryAfter: true, RetryAfterMax: sdkRetryAfterMax,
			HonourRetryAfterMS: true, ShouldRetryHeader: true}, nil
	case "claude-code":
		return Policy{Kind: ClaudeCode, MaxRetries: 10, Base: 500 * time.Millisecond, Cap: 32 * time.Second,
			HonourRetryAfter: true, RetryAfterMax: claudeCodeRetryAfterMax, GiveUpOverRetryAfterMax: true,
			RetryAfterScatter: 0.25, BackoffFloor: true, ShouldRetryHeader: true, OpusOverloadedRetries: 2}, nil
	case "full-jitter", "equal-jitter", "decorrelated":
		k := map[string]PolicyKind{"full-jitter": FullJitter, "equal-jitter": EqualJitter, "decorrelated": Decorrelated}[name]
		return Policy{Kind: k, MaxRetries: 10, Base: 500 * time.Millisecond, Cap: 32 * time.Second,
			HonourRetryAfter: true}, nil
	}
	return Policy{}, fmt.Errorf("unknown retry policy %q (valid: %s)", name, strings.Join(policyNames, ", "))
}

// Validate rejects parameters no client could have.
func (p Policy) Validate() error {
	switch {
	case p.MaxRetries < 0 || p.MaxRetries > 1000:
		return fmt.Errorf("max retries %d is out of range (0 to 1000)", p.MaxRetries)
	case p.Kind != NoRetry && p.Base <= 0:
		return fmt.Errorf("retry base %s must be positive", p.Base)
	case p.Kind != NoRetry && p.Cap < p.Base:
		return fmt.Errorf("retry cap %s is below the base %s", p.Cap, p.Base)
	case p.RetryAfterMax < 0 || p.RetryAfterJitter < 0:
		return fmt.Errorf("retry-after bounds must not be negative")
	case p.RetryAfterScatter < 0 || p.RetryAfterScatter > 10 || math.IsNaN(p.RetryAfterScatter):
		return fmt.Errorf("retry-after scatter %g is out of range (0 to 10)", p.RetryAfterScatter)
	case p.OpusOverloadedRetries < 0:
		return fmt.Errorf("retries after an Opus overload %d must not be negative", p.OpusOverloadedRetries)
	}
	return nil
}

// Uniform is a source of uniform numbers in [0, 1): *rand.Rand, or a fixed
// sequence in tests.
type Uniform interface{ Float64() float64 }

// Answer is an error answer as far as a client's retry decision reads it.
type Answer struct {
	// Status is the HTTP status: 429, 529 (overloaded), 500, …
	Status int
	// RetryAfter and RetryAfterMSHeader are the retry-after and retry-after-ms
	// headers (0: absent).
	RetryAfter, RetryAfterMSHeader time.Duration
	// ShouldRetry is the x-should-retry header: "true", "false" or "".
	ShouldRetry string
	// Opus says the call went to an Opus model.
	Opus bool
}

// RateLimited is the 429 the simulated API sends: a retry-after and nothing
// else.
func RateLimited(retryAfter time.Duration) Answer {
	return Answer{Status: 429, RetryAfter: retryAfter}
}

// Delay returns how long a client sleeps before retry n (0 = the first retry)
// after a 429 carrying retryAfter (0 = no header), and false when it gives up.
// prev is the previous sleep, which only the decorrelated rule uses (0 before
// the first retry). Each call draws at most three numbers from u: the
// backoff's jitter, then the retry-after's scatter and jitter.
func (p Policy) Delay(n int, prev, retryAfter time.Duration, u Uniform) (time.Duration, bool) {
	return p.DelayAfter(RateLimited(retryAfter), n, prev, u)
}

// DelayAfter is Delay for any error answer: a status the client does not
// retry, or a retry-after it will not wait for, gives up at once.
func (p Policy) DelayAfter(a Answer, n int, prev time.Duration, u Uniform) (time.Duration, bool) {
	if !p.retries(a) || n >= p.maxRetries(a) {
		return 0, false
	}
	retryAfter := a.RetryAfter
	if p.HonourRetryAfterMS && a.RetryAfterMSHeader > 0 {
		retryAfter = a.RetryAfterMSHeader
	}
	honoured := p.HonourRetryAfter && retryAfter > 0
	if honoured && p.RetryAfterMax > 0 && retryAfter > p.RetryAfterMax {
		if p.GiveUpOverRetryAfterMax {
			return 0, false
		}
		honoured = false
	}
	if !honoured {
		return seconds(p.backoff(n, prev, u)), true
	}
	floor := 0.0
	if p.BackoffFloor {
		floor = p.backoff(n, prev, u)
	}
	wait := retryAfter.Seconds()
	if p.RetryAfterScatter > 0 {
		wait *= 1 + p.RetryAfterScatter*u.Float64()
	}
	if p.RetryAfterJitter > 0 {
		wait += u.Float64() * p.RetryAfterJitter.Seconds()
	}
	return seconds(math.Max(wait, floor)), true
}

// retries reports whether the client retries the answer at all. Both
// clients retry 429 and 5xx (overloaded 529 included) and obey
// x-should-retry: false; the SDKs also retry 408, 409 and any answer with
// x-should-retry: true.
func (p Policy) retries(a Answer) bool {
	if p.Kind == NoRetry {
		return false
	}
	if p.ShouldRetryHeader && a.ShouldRetry == "false" {
		return false
	}
	if p.ShouldRetryHeader && a.ShouldRetry == "true" && p.Kind == SDK {
		return true
	}
	switch {
	case a.Status == 429 || a.Status >= 500:
		return true
	case a.Status == 408 || a.Status == 409:
		return p.Kind == SDK
	}
	return false
}

// maxRetries is the retry budget for a run of answers like a.
func (p Policy) maxRetries(a Answer) int {
	if a.Status == 529 && a.Opus && p.OpusOverloadedRetries > 0 {
		return min(p.MaxRetries, p.OpusOverloadedRetries)
	}
	return p.MaxRetries
}

// backoff is the policy's own wait before retry n, in seconds, drawing one
// number from u.
func (p Policy) backoff(n int, prev time.Duration, u Uniform) float64 {
	base, limit := p.Base.Seconds(), p.Cap.Seconds()
	expo := math.Min(limit, math.Ldexp(base, n)) // min(cap, base·2^n)
	switch p.Kind {
	case SDK:
		return expo * (1 - 0.25*u.Float64())
	case ClaudeCode:
		return expo * (1 + 0.25*u.Float64())
	case FullJitter:
		return u.Float64() * expo
	case EqualJitter:
		return expo/2 + u.Float64()*expo/2
	case Decorrelated:
		last := math.Max(prev.Seconds(), base)
		return math.Min(limit, base+u.Float64()*(3*last-base))
	}
	return 0
}

// seconds converts float seconds to a Duration rounded to the millisecond,
// the simulator's clock resolution.
func seconds(s float64) time.Duration {
	return time.Duration(math.Round(s*1000)) * time.Millisecond
}
