package simulate

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/simulate"
	"github.com/tierplan/tierplan/tiers"
)

// simulateWorkload builds the one workload to simulate: from the files (or
// the defaults), picked by --workload when a file holds several, with the
// flags the user set on top.
func simulateWorkload(o *Options) (planner.Workload, error) {
	ws, err := o.Workload.Workloads(o.Files)
	if err != nil {
		return planner.Workload{}, err
	}
	var w planner.Workload
	var names []string
	for _, x := range ws {
		names = append(names, x.Name)
	}
	switch {
	case o.WorkloadName != "":
		found := false
		for _, x := range ws {
			if x.Name == o.WorkloadName {
				w, found = x, true
			}
		}
		if !found {
			return w, cmdutil.UsageErrorf("--workload: no workload named %q (the files have: %s)", o.WorkloadName, strings.Join(names, ", "))
		}
	case len(ws) == 1:
		w = ws[0]
	default:
		return w, cmdutil.UsageErrorf("the files hold %d workloads (%s): pick one with --workload", len(ws), strings.Join(names, ", "))
	}
	return w, nil
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

// buildSimulation turns the table, the workload and the flags into a run:
// the workload resolved as plan resolves it, so the first simulated day is
// the day plan rates.
func buildSimulation(t *tiers.Table, w planner.Workload, o Options) (simulate.Config, error) {
	tier, ok := t.Tier(o.Tier)
	if !ok {
		var names []string
		for _, x := range t.Tiers {
			names = append(names, x.Name)
		}
		return simulate.Config{}, cmdutil.UsageErrorf("--tier: no tier named %q (the tier table has: %s)", o.Tier, strings.Join(names, ", "))
	}
	if err := checkSimulateFlags(o); err != nil {
		return simulate.Config{}, err
	}
	r, err := planner.Resolve(w, t)
	if err != nil {
		return simulate.Config{}, err
	}
	if tier.Negotiated {
		return simulate.Config{}, fmt.Errorf("tier %s has negotiated limits; there is nothing to simulate against", tier.Name)
	}
	for _, p := range r.Parts {
		if _, ok := tier.Limits[p.Model.Pool]; !ok {
			if why, unknown := t.UnknownLimits[p.Model.Pool]; unknown {
				return simulate.Config{}, fmt.Errorf("tier %s has no limits for %s's pool %s, and there is nothing to simulate against: %s (tierplan tiers pull reads your organisation's)",
					tier.Name, p.Model.Name, p.Model.Pool, why)
			}
			return simulate.Config{}, fmt.Errorf("tier %s has no limits for %s's pool %s", tier.Name, p.Model.Name, p.Model.Pool)
		}
	}
	cfg := simulate.ConfigFor(r, tier)
	if cfg.Policy, err = policyFromFlags(o.Policy, o); err != nil {
		return cfg, err
	}
	if cfg.DayStart, err = parseClock(o.Start); err != nil {
		return cfg, cmdutil.UsageErrorf("--start: %s", err)
	}
	cfg.Days, cfg.SpentBefore, cfg.ResumeAfter = o.Days, tiers.Dollars(o.Spent), o.ResumeAfter
	if o.Runs > 1 || o.TokenSpreadSet {
		cfg.TokenSpread = o.TokenSpread
	}
	return cfg, nil
}
