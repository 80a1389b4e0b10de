package plan

import (
	"fmt"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/simulate"
	"github.com/tierplan/tierplan/tiers"
)

// plan --simulate: run the simulator for every API tier of a plan and add
// the expected 429s per working hour to its table.

// simulateSettings are the checked --simulate settings of one plan run.
type simulateSettings struct {
	policy  simulate.Policy
	window  time.Duration
	arrival simulate.Arrival
	seed    uint64
	runs    int
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
	s.policy = p
	if s.arrival, err = simulate.ArrivalNamed(o.Arrival); err != nil {
		return s, false, cmdutil.UsageErrorf("--simulate-arrival: %s", err)
	}
	s.window, s.seed, s.runs = o.Window, o.Seed, o.Runs
	switch {
	case s.window < time.Millisecond || s.window > time.Hour:
		return s, false, cmdutil.UsageErrorf("--simulate-window must be between 1ms and 1h, not %s", s.window)
	case s.runs < 1 || s.runs > 1000:
		return s, false, cmdutil.UsageErrorf("--simulate-runs must be 1 to 1000, not %d", s.runs)
	}
	return s, true, nil
}

// addSimulated429s fills Expected429PerHour on every API tier result.
func addSimulated429s(o SimulateOptions, t *tiers.Table, rep *planner.Report) error {
	s, ok, err := checkSimulate(o)
	if err != nil || !ok {
		return err
	}
	for i := range rep.Workloads {
		wp := &rep.Workloads[i]
		w := wp.Workload
		if len(w.Mix) > 1 {
			wp.Notes = append(wp.Notes, "--simulate: a model mix is not simulated yet; simulate each model with tierplan simulate --model")
			continue
		}
		m, err := planner.LookupModel(t, w.Shares()[0].Model)
		if err != nil {
			return err
		}
		w.Model, w.Mix = m.Name, nil
		w.SessionsPerDay *= 1 - w.BatchShare // batch work is off the per-minute buckets
		capNote, fitted := false, false
		for j := range wp.Results {
			r := &wp.Results[j]
			tier, ok := t.Tier(r.Name)
			if r.Kind != planner.KindAPI || !ok {
				continue
			}
			rate, sped, err := expected429PerHour(w, m, tier, s)
			fitted = fitted || sped
			if err != nil {
				wp.Notes = append(wp.Notes, fmt.Sprintf("--simulate: %s not simulated: %s", tier.Name, err))
				continue
			}
			r.Expected429PerHour = &rate
			if r.Binding == planner.LimitMonthlySpend && r.Verdict == planner.Blocked {
				capNote = true
			}
		}
		if fitted {
			wp.Notes = append(wp.Notes, fmt.Sprintf("--simulate: calls are simulated fast enough for the pace of %g calls a minute, as the plan assumes (output speed raised above simulate's default %g tokens/s); tierplan simulate shows the slower default",
				w.Pace, simulate.DefaultTokensPerSecond))
		}
		if capNote {
			wp.Notes = append(wp.Notes, "--simulate: 429s per hour are for a working day early in the month; a spend cap that the month would exceed is judged by the verdict, not the simulation")
		}
	}
	return nil
}

// expected429PerHour is the mean over o.runs simulated days of 429s per
// working hour for the workload on the tier. The workload is simulated as
// plan models it: calls keep the pace (simulate.Config.FitPace), or the
// simulation would send fewer calls than the plan rates and contradict it;
// fitted reports that the latency was changed for that.
func expected429PerHour(w planner.Workload, m tiers.Model, tier tiers.Tier, o simulateSettings) (rate float64, fitted bool, err error) {
	cfg, err := simulate.ConfigFor(w, m, tier)
	if err != nil {
		return 0, false, err
	}
	cfg.Policy, cfg.Window, cfg.Arrival, cfg.Seed = o.policy, o.window, o.arrival, o.seed
	if fitted, err = cfg.FitPace(w.WithDefaults(m.ContextWindow).Pace); err != nil {
		return 0, false, err
	}
	rs, err := simulate.RunMany(cfg, o.runs)
	if err != nil {
		return 0, false, err
	}
	var sum float64
	for _, r := range rs {
		sum += r.Rejected429PerHour
	}
	return render.Round(sum/float64(len(rs)), 1), fitted, nil
}
