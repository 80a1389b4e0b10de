package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/simulate"
	"github.com/tierplan/tierplan/tiers"
)

// plan --simulate: run the simulator for every API tier of a plan and add
// the expected 429s per working hour to its table. It plugs into plan
// through planExtensions, so plan.go stays unaware of the simulator.
var simulateExtension = planExtension{
	addFlags: addPlanSimulateFlags,
	decorate: decoratePlanSimulate,
}

// planSimulateOptions are the --simulate settings of one plan run.
type planSimulateOptions struct {
	policy  simulate.Policy
	window  time.Duration
	arrival simulate.Arrival
	seed    uint64
	runs    int
}

func addPlanSimulateFlags(fs *pflag.FlagSet) {
	fs.Bool("simulate", false, "also simulate each API tier and add expected 429s per working hour (see tierplan simulate)")
	fs.String("simulate-policy", "claude-code", "client retry policy for --simulate: "+strings.Join(simulate.PolicyNames(), "|"))
	fs.Duration("simulate-window", simulate.DefaultWindow, "enforcement window for --simulate")
	fs.String("simulate-arrival", "poisson", "session arrivals for --simulate: "+strings.Join(simulate.ArrivalNames(), "|"))
	fs.Uint64("simulate-seed", 1, "first random seed for --simulate")
	fs.Int("simulate-runs", 5, "simulated days per tier for --simulate; the column is their mean")
}

// readPlanSimulate reads the --simulate flags; ok is false when --simulate
// is off.
func readPlanSimulate(cmd *cobra.Command) (o planSimulateOptions, ok bool, err error) {
	fs := cmd.Flags()
	if on, _ := fs.GetBool("simulate"); !on {
		return o, false, nil
	}
	name, _ := fs.GetString("simulate-policy")
	p, err := simulate.PolicyNamed(name)
	if err != nil {
		return o, false, usageErrorf("--simulate-policy: %s", err)
	}
	o.policy = p
	arrival, _ := fs.GetString("simulate-arrival")
	if o.arrival, err = simulate.ArrivalNamed(arrival); err != nil {
		return o, false, usageErrorf("--simulate-arrival: %s", err)
	}
	o.window, _ = fs.GetDuration("simulate-window")
	o.seed, _ = fs.GetUint64("simulate-seed")
	o.runs, _ = fs.GetInt("simulate-runs")
	switch {
	case o.window < time.Millisecond || o.window > time.Hour:
		return o, false, usageErrorf("--simulate-window must be between 1ms and 1h, not %s", o.window)
	case o.runs < 1 || o.runs > 1000:
		return o, false, usageErrorf("--simulate-runs must be 1 to 1000, not %d", o.runs)
	}
	return o, true, nil
}

// decoratePlanSimulate fills Expected429PerHour on every API tier result.
func decoratePlanSimulate(_ *App, cmd *cobra.Command, t *tiers.Table, rep *planner.Report) error {
	o, ok, err := readPlanSimulate(cmd)
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
			rate, sped, err := expected429PerHour(w, m, tier, o)
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
func expected429PerHour(w planner.Workload, m tiers.Model, tier tiers.Tier, o planSimulateOptions) (rate float64, fitted bool, err error) {
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
	return roundTo(sum/float64(len(rs)), 1), fitted, nil
}
