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
	// min(base·2^n, cap)·(1 − 0.25·U), retry-after used when 0 < v ≤ 60 s.
	SDK
	// ClaudeCode is Claude Code's own loop: min(base·2^n, cap)·(1 + 0.25·U),
	// retry-after used whenever present.
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
	// HonourRetryAfter makes the client sleep for the server's retry-after
	// instead of its own backoff, when the value is in (0, RetryAfterMax]
	// (RetryAfterMax 0 = any value).
	HonourRetryAfter bool
	RetryAfterMax    time.Duration
	// RetryAfterJitter adds U(0, RetryAfterJitter) to an honoured retry-after,
	// the usual cure for clients that all wake at the same second. The SDKs
	// add none.
	RetryAfterJitter time.Duration
}

// PolicyNamed returns a policy with its documented defaults:
//   - sdk: 2 retries, 0.5 s base, 8 s cap, retry-after honoured up to 60 s
//     (anthropic-sdk-python _constants.py and _base_client.py);
//   - claude-code: 10 retries, 0.5 s base, 32 s cap, retry-after honoured
//     (public analyses of Claude Code's retry loop; jitter factor 0.25);
//   - full-jitter, equal-jitter, decorrelated: Claude Code's budget (10
//     retries, 0.5 s, 32 s) with the AWS formula, so a comparison isolates the
//     jitter rule; retry-after honoured.
func PolicyNamed(name string) (Policy, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "none":
		return Policy{Kind: NoRetry}, nil
	case "sdk":
		return Policy{Kind: SDK, MaxRetries: 2, Base: 500 * time.Millisecond, Cap: 8 * time.Second,
			HonourRetryAfter: true, RetryAfterMax: 60 * time.Second}, nil
	case "claude-code":
		return Policy{Kind: ClaudeCode, MaxRetries: 10, Base: 500 * time.Millisecond, Cap: 32 * time.Second,
			HonourRetryAfter: true}, nil
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
	}
	return nil
}

// Uniform is a source of uniform numbers in [0, 1): *rand.Rand, or a fixed
// sequence in tests.
type Uniform interface{ Float64() float64 }

// Delay returns how long a client sleeps before retry n (0 = the first retry)
// after a 429 carrying retryAfter (0 = no header), and false when it gives up.
// prev is the previous sleep, which only the decorrelated rule uses (0 before
// the first retry). Each call draws at most one number from u.
func (p Policy) Delay(n int, prev, retryAfter time.Duration, u Uniform) (time.Duration, bool) {
	if p.Kind == NoRetry || n >= p.MaxRetries {
		return 0, false
	}
	if p.HonourRetryAfter && retryAfter > 0 && (p.RetryAfterMax == 0 || retryAfter <= p.RetryAfterMax) {
		if p.RetryAfterJitter > 0 {
			retryAfter += seconds(u.Float64() * p.RetryAfterJitter.Seconds())
		}
		return retryAfter, true
	}
	base, limit := p.Base.Seconds(), p.Cap.Seconds()
	expo := math.Min(limit, math.Ldexp(base, n)) // min(cap, base·2^n)
	var s float64
	switch p.Kind {
	case SDK:
		s = expo * (1 - 0.25*u.Float64())
	case ClaudeCode:
		s = expo * (1 + 0.25*u.Float64())
	case FullJitter:
		s = u.Float64() * expo
	case EqualJitter:
		s = expo/2 + u.Float64()*expo/2
	case Decorrelated:
		last := prev.Seconds()
		if last < base {
			last = base
		}
		s = math.Min(limit, base+u.Float64()*(3*last-base))
	}
	return seconds(s), true
}

// seconds converts float seconds to a Duration rounded to the millisecond,
// the simulator's clock resolution.
func seconds(s float64) time.Duration {
	return time.Duration(math.Round(s*1000)) * time.Millisecond
}
