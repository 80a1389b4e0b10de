package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/simulate"
	"github.com/tierplan/tierplan/tiers"
)

// simulateFlagKey maps a workload setting to simulate's flag name: the
// workload's "days" (working days per month) is --days-per-month here,
// because --days is the number of days to simulate.
func simulateFlagKey(key string) string {
	if key == "days" {
		return "days-per-month"
	}
	return key
}

// addSimulateWorkloadFlags defines the workload flags plan has, except
// those simulate defines itself.
func addSimulateWorkloadFlags(fs *pflag.FlagSet) {
	for _, f := range planner.WorkloadFields {
		if f.Key == "days" {
			continue // --days-per-month, defined with simulate's own flags
		}
		fs.String(f.Key, "", f.Usage)
	}
}

// simulateWorkload builds the one workload to simulate: from the files (or
// the defaults), picked by --workload when a file holds several, with the
// flags the user set on top.
func simulateWorkload(cmd *cobra.Command, o simulateOptions) (planner.Workload, error) {
	var ws []planner.Workload
	for _, name := range o.files {
		data, err := os.ReadFile(name)
		if err != nil {
			return planner.Workload{}, err
		}
		got, err := planner.ParseWorkloads(name, data)
		if err != nil {
			return planner.Workload{}, err
		}
		ws = append(ws, got...)
	}
	var w planner.Workload
	switch {
	case o.workload != "":
		found := false
		var names []string
		for _, x := range ws {
			names = append(names, x.Name)
			if x.Name == o.workload {
				w, found = x, true
			}
		}
		if !found {
			return w, usageErrorf("--workload: no workload named %q (the files have: %s)", o.workload, strings.Join(names, ", "))
		}
	case len(ws) == 1:
		w = ws[0]
	case len(ws) > 1:
		var names []string
		for _, x := range ws {
			names = append(names, x.Name)
		}
		return w, usageErrorf("the files hold %d workloads (%s): pick one with --workload", len(ws), strings.Join(names, ", "))
	}
	for _, f := range planner.WorkloadFields {
		fl := cmd.Flags().Lookup(simulateFlagKey(f.Key))
		if fl == nil || !fl.Changed {
			continue
		}
		if err := planner.SetWorkloadField(&w, f.Key, fl.Value.String()); err != nil {
			return w, usageErrorf("invalid value for --%s: %s", fl.Name, err)
		}
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
	if o.maxRetries >= 0 {
		p.MaxRetries = o.maxRetries
	}
	if o.retryBase != 0 {
		p.Base = o.retryBase
	}
	if o.retryCap != 0 {
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
	switch {
	case o.days < 1 || o.days > 3660:
		return cfg, info, usageErrorf("--days must be 1 to 3660, not %d", o.days)
	case o.runs < 1 || o.runs > 10_000:
		return cfg, info, usageErrorf("--runs must be 1 to 10000, not %d", o.runs)
	case o.window < time.Millisecond || o.window > time.Hour:
		return cfg, info, usageErrorf("--window must be between 1ms and 1h, not %s", o.window)
	case o.timelineStep < time.Millisecond:
		return cfg, info, usageErrorf("--timeline-step must be at least 1ms, not %s", o.timelineStep)
	case o.spent < 0 || o.spent > 1e12:
		return cfg, info, usageErrorf("--spent must be a dollar amount of 0 or more, not %g", o.spent)
	case o.tokensPerSec < 0 || o.firstToken < 0 || o.think < 0 || o.resumeAfter < 0:
		return cfg, info, usageErrorf("latency, output speed and think time must not be negative")
	case o.tokenSpread < 0 || o.tokenSpread > 3:
		return cfg, info, usageErrorf("--token-spread must be 0 to 3, not %g", o.tokenSpread)
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
