package simulate

import (
	"math"
	"strings"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/planner/simulate"
)

// retryFlags tune a retrying policy; --policy none refuses them.
var retryFlags = []string{"max-retries", "retry-base", "retry-cap", "ignore-retry-after", "retry-after-jitter"}

// policyFromFlags is a named policy with the flags' overrides.
func policyFromFlags(name string, o Options) (simulate.Policy, error) {
	p, err := simulate.PolicyNamed(name)
	if err != nil {
		return p, cmdutil.UsageErrorf("--policy: %s", err)
	}
	if p.Kind == simulate.NoRetry {
		return p, nil
	}
	if o.RetryFlagsSet["max-retries"] {
		p.MaxRetries = o.MaxRetries
	}
	if o.RetryFlagsSet["retry-base"] {
		p.Base = o.RetryBase
	}
	if o.RetryFlagsSet["retry-cap"] {
		p.Cap = o.RetryCap
	}
	if o.IgnoreRetryAfter {
		p.HonourRetryAfter = false
	}
	p.RetryAfterJitter = o.RetryAfterJitter
	if err := p.Validate(); err != nil {
		return p, cmdutil.UsageErrorf("retry policy %s: %s", name, err)
	}
	return p, nil
}

// noRetryAfter marks a compared policy run with retry-after ignored.
const noRetryAfter = " (no retry-after)"

// comparedPolicies lists the policies --compare-retries runs, with their
// row labels. Every 429 the simulated API sends carries a retry-after, and
// most clients that honour it sleep for exactly that: their own backoff
// formula never runs, so they come out alike (Claude Code alone spreads the
// retry-after and floors it at its backoff). Each policy is run a second
// time with retry-after ignored, where the formulas differ.
func comparedPolicies(o Options) ([]simulate.Policy, []string, error) {
	var ps []simulate.Policy
	var labels []string
	for _, name := range simulate.PolicyNames() {
		p, err := policyFromFlags(name, o)
		if err != nil {
			return nil, nil, err
		}
		ps, labels = append(ps, p), append(labels, name)
		if p.Kind != simulate.NoRetry && p.HonourRetryAfter {
			p.HonourRetryAfter = false
			ps, labels = append(ps, p), append(labels, name+noRetryAfter)
		}
	}
	return ps, labels, nil
}

// checkSimulateFlags rejects every numeric flag of simulate's own out of its
// range, naming the flag: a NaN or infinite float, a negative duration or
// count. The workload flags are checked as they are read.
func checkSimulateFlags(o Options) error {
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case o.Days < 1 || o.Days > 3660:
		return cmdutil.UsageErrorf("--days must be 1 to 3660, not %d", o.Days)
	case o.Runs < 1 || o.Runs > 10_000:
		return cmdutil.UsageErrorf("--runs must be 1 to 10000, not %d", o.Runs)
	case o.TimelineStep < time.Millisecond:
		return cmdutil.UsageErrorf("--timeline-step must be at least 1ms, not %s", o.TimelineStep)
	case !finite(o.Spent) || o.Spent < 0 || o.Spent > 1e12:
		return cmdutil.UsageErrorf("--spent must be a dollar amount of 0 or more, not %g", o.Spent)
	case o.ResumeAfter < 0:
		return cmdutil.UsageErrorf("--resume-after must not be negative, not %s", o.ResumeAfter)
	case !finite(o.TokenSpread) || o.TokenSpread < 0 || o.TokenSpread > 3:
		return cmdutil.UsageErrorf("--token-spread must be 0 to 3, not %g", o.TokenSpread)
	case o.RetryFlagsSet["max-retries"] && (o.MaxRetries < 0 || o.MaxRetries > 1000):
		return cmdutil.UsageErrorf("--max-retries must be 0 to 1000, not %d", o.MaxRetries)
	case o.RetryFlagsSet["retry-base"] && o.RetryBase <= 0:
		return cmdutil.UsageErrorf("--retry-base must be a positive duration, not %s", o.RetryBase)
	case o.RetryFlagsSet["retry-cap"] && o.RetryCap <= 0:
		return cmdutil.UsageErrorf("--retry-cap must be a positive duration, not %s", o.RetryCap)
	case o.RetryAfterJitter < 0:
		return cmdutil.UsageErrorf("--retry-after-jitter must not be negative, not %s", o.RetryAfterJitter)
	}
	if strings.EqualFold(strings.TrimSpace(o.Policy), "none") && !o.CompareRetries {
		for _, name := range retryFlags {
			if o.RetryFlagsSet[name] {
				return cmdutil.UsageErrorf("--%s has no effect with --policy none (calls are never retried)", name)
			}
		}
	}
	return nil
}
