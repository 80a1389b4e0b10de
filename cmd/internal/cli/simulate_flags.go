package cli

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/simulate"
	"github.com/tierplan/tierplan/tiers"
)

// simulateWorkloadFlags are plan's workload flags (addWorkloadFlags), on
// simulate's command, with one rename: the workload's "days" (working days
// per month) is --days-per-month here, because --days is the number of days
// to simulate. The flags live in their own set too, where "days" keeps its
// name, so plan's workloadsFromFlags reads them unchanged.
type simulateWorkloadFlags struct {
	set          *pflag.FlagSet // the workload flags under their workload keys
	daysPerMonth *pflag.Flag    // simulate's --days-per-month, sharing days' value
}

func addSimulateWorkloadFlags(fs *pflag.FlagSet) *simulateWorkloadFlags {
	wf := &simulateWorkloadFlags{set: pflag.NewFlagSet("workload", pflag.ContinueOnError)}
	addWorkloadFlags(wf.set)
	wf.set.VisitAll(func(f *pflag.Flag) {
		if f.Name != "days" {
			fs.AddFlag(f) // the same flag: setting it on fs sets it here
			return
		}
		renamed := *f
		renamed.Name = "days-per-month"
		renamed.Usage = f.Usage + "; the spend cap resets each month"
		wf.daysPerMonth = &renamed
		fs.AddFlag(wf.daysPerMonth)
	})
	return wf
}

// workloads reads the files and applies the flags the user set, through
// plan's workloadsFromFlags.
func (wf *simulateWorkloadFlags) workloads(files []string) ([]planner.Workload, error) {
	if wf.daysPerMonth.Changed {
		// Checked here so the error names the flag the user typed.
		if err := planner.SetWorkloadField(&planner.Workload{}, "days", wf.daysPerMonth.Value.String()); err != nil {
			return nil, usageErrorf("invalid value for --days-per-month: %s", err)
		}
		wf.set.Lookup("days").Changed = true // the value is already shared
	}
	return workloadsFromFlags(wf.set, files)
}

// simulateWorkload builds the one workload to simulate: from the files (or
// the defaults), picked by --workload when a file holds several, with the
// flags the user set on top.
func simulateWorkload(wf *simulateWorkloadFlags, o simulateOptions) (planner.Workload, error) {
	ws, err := wf.workloads(o.files)
	if err != nil {
		return planner.Workload{}, err
	}
	var w planner.Workload
	var names []string
	for _, x := range ws {
		names = append(names, x.Name)
	}
	switch {
	case o.workload != "":
		found := false
		for _, x := range ws {
			if x.Name == o.workload {
				w, found = x, true
			}
		}
		if !found {
			return w, usageErrorf("--workload: no workload named %q (the files have: %s)", o.workload, strings.Join(names, ", "))
		}
	case len(ws) == 1:
		w = ws[0]
	default:
		return w, usageErrorf("the files hold %d workloads (%s): pick one with --workload", len(ws), strings.Join(names, ", "))
	}
	if len(w.Mix) > 1 {
		return w, usageErrorf("simulate runs one model's pool; a model mix (--mix) is not simulated yet: simulate each model with --model")
	}
	if len(w.Mix) == 1 {
		for m := range w.Mix {
			w.Model, w.Mix = m, nil
		}
	}
	return w, nil
}

// policyFromFlags is a named policy with the flags' overrides.
func policyFromFlags(name string, o simulateOptions) (simulate.Policy, error) {
	p, err := simulate.PolicyNamed(name)
	if err != nil {
		return p, usageErrorf("--policy: %s", err)
	}
	if p.Kind == simulate.NoRetry {
		return p, nil
	}
	if o.maxRetriesSet {
		p.MaxRetries = o.maxRetries
	}
	if o.retryFlagsSet["retry-base"] {
		p.Base = o.retryBase
	}
	if o.retryFlagsSet["retry-cap"] {
		p.Cap = o.retryCap
	}
	if o.ignoreRA {
		p.HonourRetryAfter = false
	}
	p.RetryAfterJitter = o.raJitter
	if err := p.Validate(); err != nil {
		return p, usageErrorf("retry policy %s: %s", name, err)
	}
	return p, nil
}

// noRetryAfter marks a compared policy run with retry-after ignored.
const noRetryAfter = " (no retry-after)"

// comparedPolicies lists the policies --compare-retries runs, with their
// row labels. Every 429 the simulated API sends carries a retry-after, and
// a client that honours it sleeps for exactly that: its own backoff formula
// never runs, so honouring policies come out alike. Each of them is run a
// second time with retry-after ignored, where the formulas differ.
func comparedPolicies(o simulateOptions) ([]simulate.Policy, []string, error) {
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

// parseClock reads a time of day "HH:MM".
func parseClock(s string) (time.Duration, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, fmt.Errorf("%q is not a time of day (HH:MM)", s)
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, nil
}

// buildSimulation turns the table, the workload and the flags into a run.
func buildSimulation(t *tiers.Table, w planner.Workload, o simulateOptions) (simulate.Config, simulateInfo, error) {
	var info simulateInfo
	tier, ok := t.Tier(o.tier)
	if !ok {
		var names []string
		for _, x := range t.Tiers {
			names = append(names, x.Name)
		}
		return simulate.Config{}, info, usageErrorf("--tier: no tier named %q (the tier table has: %s)", o.tier, strings.Join(names, ", "))
	}
	if w.Model == "" {
		w.Model = planner.DefaultModel
	}
	m, err := planner.LookupModel(t, w.Model)
	if err != nil {
		return simulate.Config{}, info, err
	}
	w = w.WithDefaults(m.ContextWindow)
	if w.BatchShare > 0 {
		w.SessionsPerDay *= 1 - w.BatchShare // batch work is off the per-minute buckets
	}
	cfg, err := simulate.ConfigFor(w, m, tier)
	if err != nil {
		return cfg, info, err
	}
	if info.session, err = planner.BuildSession(w, m); err != nil {
		return cfg, info, err
	}
	info.model, info.pool = m.Name, m.Pool
	if err := checkSimulateFlags(o); err != nil {
		return cfg, info, err
	}
	if cfg.Policy, err = policyFromFlags(o.policy, o); err != nil {
		return cfg, info, err
	}
	if cfg.Arrival, err = simulate.ArrivalNamed(o.arrival); err != nil {
		return cfg, info, usageErrorf("--arrival: %s", err)
	}
	if cfg.DayStart, err = parseClock(o.start); err != nil {
		return cfg, info, usageErrorf("--start: %s", err)
	}
	info.dayStart = cfg.DayStart
	cfg.Window, cfg.Days, cfg.Seed = o.window, o.days, o.seed
	cfg.SpentBefore = tiers.Dollars(o.spent)
	cfg.FirstToken, cfg.TokensPerSecond, cfg.ResumeAfter = o.firstToken, o.tokensPerSec, o.resumeAfter
	if o.thinkSet {
		cfg.Think = o.think
	} else if err := cfg.RepaceThink(w.Pace); err != nil {
		return cfg, info, err
	}
	if o.runs > 1 || o.spreadExplicit {
		cfg.TokenSpread = o.tokenSpread
	}
	info.calls, _ = cfg.Session(1)
	return cfg, info, nil
}

// checkSimulateFlags rejects every numeric flag out of its range, naming the
// flag: a NaN or infinite float, a negative duration or count, and an
// output speed of 0 (which would mean calls take no time at all).
func checkSimulateFlags(o simulateOptions) error {
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case o.days < 1 || o.days > 3660:
		return usageErrorf("--days must be 1 to 3660, not %d", o.days)
	case o.runs < 1 || o.runs > 10_000:
		return usageErrorf("--runs must be 1 to 10000, not %d", o.runs)
	case o.window < minWindow || o.window > maxWindow:
		return usageErrorf("--window must be %s, not %s", windowRange, o.window)
	case o.timelineStep < time.Millisecond:
		return usageErrorf("--timeline-step must be at least 1ms, not %s", o.timelineStep)
	case !finite(o.spent) || o.spent < 0 || o.spent > 1e12:
		return usageErrorf("--spent must be a dollar amount of 0 or more, not %g", o.spent)
	case !finite(o.tokensPerSec) || o.tokensPerSec <= 0:
		return usageErrorf("--tokens-per-second must be a positive number, not %g", o.tokensPerSec)
	case o.firstToken < 0:
		return usageErrorf("--first-token must not be negative, not %s", o.firstToken)
	case o.think < 0:
		return usageErrorf("--think must not be negative, not %s", o.think)
	case o.resumeAfter < 0:
		return usageErrorf("--resume-after must not be negative, not %s", o.resumeAfter)
	case !finite(o.tokenSpread) || o.tokenSpread < 0 || o.tokenSpread > 3:
		return usageErrorf("--token-spread must be 0 to 3, not %g", o.tokenSpread)
	case o.maxRetriesSet && (o.maxRetries < 0 || o.maxRetries > 1000):
		return usageErrorf("--max-retries must be 0 to 1000, not %d", o.maxRetries)
	case o.retryFlagsSet["retry-base"] && o.retryBase <= 0:
		return usageErrorf("--retry-base must be a positive duration, not %s", o.retryBase)
	case o.retryFlagsSet["retry-cap"] && o.retryCap <= 0:
		return usageErrorf("--retry-cap must be a positive duration, not %s", o.retryCap)
	case o.raJitter < 0:
		return usageErrorf("--retry-after-jitter must not be negative, not %s", o.raJitter)
	}
	if strings.EqualFold(strings.TrimSpace(o.policy), "none") && !o.compare {
		for _, name := range retryFlags {
			if o.retryFlagsSet[name] {
				return usageErrorf("--%s has no effect with --policy none (calls are never retried)", name)
			}
		}
	}
	return nil
}

// The enforcement window's range, in --window's help and its error: 1s is
// the pessimistic per-second reading of a per-minute limit; below it a
// bucket of a small tier would hold less than one request.
const (
	minWindow   = time.Second
	maxWindow   = time.Hour
	windowRange = "1s to 1h"
)
