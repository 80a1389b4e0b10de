package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/planner"
)

type costOptions struct {
	files    []string
	workload string
	sweep    string
}

func newCostCmd(app *App) *cobra.Command {
	var o costOptions
	cmd := &cobra.Command{
		Use:   "cost",
		Short: "API or subscription? Monthly cost of a workload, and where each plan breaks even",
		Long: `cost prices a workload at list prices by token kind (input, cache writes of
5 minutes and 1 hour, cache reads, output), with the long-context rule of each
model, a batch share and a model mix; compares it with every plan's price and
estimated allowances; and finds the sessions per day and tokens per session
at which each plan becomes cheaper than the API.`,
		Example: `  tierplan cost --sessions 20 --tokens 800k
  tierplan cost --sessions 10 --tokens 1.5M --mix haiku=0.3,sonnet=0.6,opus=0.1 --batch 0.2
  tierplan cost --tokens 800k --sweep sessions=1..60 -o csv > sweep.csv`,
		Args: argsUsage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return runCost(app, cmd, o) },
	}
	addWorkloadFlags(cmd.Flags())
	cmd.Flags().StringArrayVarP(&o.files, "file", "f", nil, "workload `FILE` (YAML); flags override its values")
	cmd.Flags().StringVar(&o.workload, "workload", "", "which workload of the file to price (when it holds several)")
	cmd.Flags().StringVar(&o.sweep, "sweep", "", "cost every option along a range: sessions=1..60 or tokens=100k..2M (optionally :STEP)")
	return cmd
}

func runCost(app *App, cmd *cobra.Command, o costOptions) error {
	var spec *planner.SweepSpec
	if o.sweep != "" {
		s, err := planner.ParseSweep(o.sweep)
		if err != nil {
			return usageErrorf("--sweep: %s", err)
		}
		spec = &s
	}
	t, err := app.Table()
	if err != nil {
		return err
	}
	ws, err := workloadsFromFlags(cmd.Flags(), o.files)
	if err != nil {
		return err
	}
	w, err := pickWorkload(ws, o.workload)
	if err != nil {
		return err
	}
	rep, err := planner.BuildCostReport(w, t)
	if err != nil {
		return err
	}
	if spec != nil {
		sw, err := planner.RunSweep(w, t, *spec)
		if err != nil {
			return err
		}
		rep.Sweep = &sw
	}
	return writeCostReport(app, rep)
}

// pickWorkload chooses the one workload cost prices.
func pickWorkload(ws []planner.Workload, name string) (planner.Workload, error) {
	if name != "" {
		for _, w := range ws {
			if w.Name == name {
				return w, nil
			}
		}
		return planner.Workload{}, usageErrorf("--workload: no workload named %q", name)
	}
	if len(ws) > 1 {
		names := make([]string, len(ws))
		for i, w := range ws {
			names[i] = w.Name
		}
		return planner.Workload{}, usageErrorf("the file holds %d workloads (%s): choose one with --workload", len(ws), strings.Join(names, ", "))
	}
	return ws[0], nil
}

// describeBreakEven says where a plan breaks even, in words.
func describeBreakEven(be planner.BreakEven, in planner.Workload) string {
	var parts []string
	if be.SessionsPerDay != nil {
		parts = append(parts, fmt.Sprintf("cheaper than the API above %.1f sessions/day (at %s tokens each)",
			*be.SessionsPerDay, planner.FormatQuantity(in.TokensPerSession)))
	}
	if be.TokensPerSession != nil {
		parts = append(parts, fmt.Sprintf("above %s tokens/session (at %s sessions/day)",
			planner.FormatQuantity(*be.TokensPerSession), num(in.SessionsPerDay)))
	}
	if len(parts) == 0 {
		s := "never cheaper than the API for this work"
		if be.Note != "" {
			s += ": " + be.Note
		}
		return s
	}
	s := strings.Join(parts, ", or ")
	if be.Note != "" {
		s += "; " + be.Note
	}
	return s
}
