package plan

import (
	"fmt"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/simulate"
	"github.com/tierplan/tierplan/tiers"
)

// plan --simulate: run the simulator for every API tier of a plan and add
// the expected 429s per working hour to its table. The simulator runs the
// very day the verdicts rest on (same arrivals, seed and window), then more
// days for the mean.

// simulateSettings are the checked --simulate settings of one plan run.
type simulateSettings struct {
	policy simulate.Policy
	runs   int
}

// checkSimulate checks the --simulate flags; ok is false when --simulate is
// off.
func checkSimulate(o SimulateOptions) (s simulateSettings, ok bool, err error) {
	if !o.On {
		return s, false, nil
	}
	p, err := simulate.PolicyNamed(o.Policy)
	if err != nil {
		return s, false, cmdutil.UsageErrorf("--simulate-policy: %s", err)
	}
	s.policy, s.runs = p, o.Runs
	if s.runs < 1 || s.runs > 1000 {
		return s, false, cmdutil.UsageErrorf("--simulate-runs must be 1 to 1000, not %d", s.runs)
	}
	return s, true, nil
}

// addSimulated429s fills Expected429PerHour on every API tier result.
func addSimulated429s(o SimulateOptions, t *tiers.Table, ws []planner.Workload, rep *planner.Report) error {
	s, ok, err := checkSimulate(o)
	if err != nil || !ok {
		return err
	}
	for i := range rep.Workloads {
		wp := &rep.Workloads[i]
		r, err := planner.Resolve(ws[i], t)
		if err != nil {
			return err
		}
		capNote := false
		for j := range wp.Results {
			res := &wp.Results[j]
			tier, ok := t.Tier(res.Name)
			if res.Kind != planner.KindAPI || !ok {
				continue
			}
			rate, err := expected429PerHour(r, tier, s)
			if err != nil {
				wp.Notes = append(wp.Notes, fmt.Sprintf("--simulate: %s not simulated: %s", tier.Name, err))
				continue
			}
			res.Expected429PerHour = &rate
			capNote = capNote || res.Binding == planner.LimitMonthlySpend && res.Verdict == planner.Blocked
		}
		if capNote {
			wp.Notes = append(wp.Notes, "--simulate: 429s per hour are for a working day early in the month; a spend cap that the month would exceed is judged by the verdict, not the simulation")
		}
	}
	return nil
}

// expected429PerHour is the mean over the runs of 429s per working hour for
// the workload on the tier: the first run is the day plan's verdict rests
// on, the others the days of the following seeds.
func expected429PerHour(r planner.Resolved, tier tiers.Tier, o simulateSettings) (float64, error) {
	cfg := simulate.ConfigFor(r, tier)
	cfg.Policy = o.policy
	rs, err := simulate.RunMany(cfg, o.runs)
	if err != nil {
		return 0, err
	}
	var sum float64
	for _, x := range rs {
		sum += x.Rejected429PerHour
	}
	return render.Round(sum/float64(len(rs)), 1), nil
}
