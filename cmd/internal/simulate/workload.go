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

// simulateInfo is what buildSimulation learnt that the report shows.
type simulateInfo struct {
	model, pool string
	session     planner.Session
	calls       []simulate.Call
	dayStart    time.Duration
}

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
	if len(w.Mix) > 1 {
		return w, cmdutil.UsageErrorf("simulate runs one model's pool; a model mix (--mix) is not simulated yet: simulate each model with --model")
	}
	if len(w.Mix) == 1 {
		for m := range w.Mix {
			w.Model, w.Mix = m, nil
		}
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

// buildSimulation turns the table, the workload and the flags into a run.
func buildSimulation(t *tiers.Table, w planner.Workload, o Options) (simulate.Config, simulateInfo, error) {
	var info simulateInfo
	tier, ok := t.Tier(o.Tier)
	if !ok {
		var names []string
		for _, x := range t.Tiers {
			names = append(names, x.Name)
		}
		return simulate.Config{}, info, cmdutil.UsageErrorf("--tier: no tier named %q (the tier table has: %s)", o.Tier, strings.Join(names, ", "))
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
	if cfg.Policy, err = policyFromFlags(o.Policy, o); err != nil {
		return cfg, info, err
	}
	if cfg.Arrival, err = simulate.ArrivalNamed(o.Arrival); err != nil {
		return cfg, info, cmdutil.UsageErrorf("--arrival: %s", err)
	}
	if cfg.DayStart, err = parseClock(o.Start); err != nil {
		return cfg, info, cmdutil.UsageErrorf("--start: %s", err)
	}
	info.dayStart = cfg.DayStart
	cfg.Window, cfg.Days, cfg.Seed = o.Window, o.Days, o.Seed
	cfg.SpentBefore = tiers.Dollars(o.Spent)
	cfg.FirstToken, cfg.TokensPerSecond, cfg.ResumeAfter = o.FirstToken, o.TokensPerSecond, o.ResumeAfter
	if o.ThinkSet {
		cfg.Think = o.Think
	} else if err := cfg.RepaceThink(w.Pace); err != nil {
		return cfg, info, err
	}
	if o.Runs > 1 || o.TokenSpreadSet {
		cfg.TokenSpread = o.TokenSpread
	}
	info.calls, _ = cfg.Session(1)
	return cfg, info, nil
}
