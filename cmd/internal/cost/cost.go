// Package cost is `tierplan cost`: a workload priced at list prices by token
// kind, set against every plan's price and allowances, with the point where
// each plan breaks even and an optional sweep over sessions or tokens.
package cost

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/cmd/internal/chart"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/figures"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/tiers"
)

// Options are cost's command line.
type Options struct {
	App *cmdutil.App
	// Workload holds the workload flags (--sessions, --tokens, …).
	Workload *cmdutil.WorkloadFlags
	Files    []string
	// WorkloadName picks one workload of a file that holds several.
	WorkloadName string
	Sweep        string
	// Subscriber is --subscriber: a plan the user already holds, whose API
	// credits pay part of the API options' bills.
	Subscriber string
	// Chart holds --chart, --ascii and --chart-out.
	Chart *cmdutil.ChartFlags
}

// NewCmdCost is the cost command; runF, when set, runs instead of costRun
// (tests check flag parsing with it).
func NewCmdCost(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
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
  tierplan cost --tokens 800k --sweep sessions=1..60 -o csv > sweep.csv
  tierplan cost --sessions 20 --tokens 800k --subscriber max
  tierplan cost --sessions 4 --tokens 2M --model opus-5.5 --fast`,
		Args: cmdutil.ArgsUsage(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return costRun(opts)
		},
	}
	opts.Workload = cmdutil.AddWorkloadFlags(cmd.Flags())
	cmd.Flags().StringArrayVarP(&opts.Files, "file", "f", nil, "workload `FILE` (YAML); flags override its values")
	cmd.Flags().StringVar(&opts.WorkloadName, "workload", "", "which workload of the file to price, by `NAME` (when it holds several)")
	opts.Chart = cmdutil.AddChartFlags(cmd.Flags())
	cmd.Flags().StringVar(&opts.Sweep, "sweep", "", "cost every option along a `RANGE`: sessions=1..60 or tokens=100k..2M (optionally :STEP)")
	cmd.Flags().StringVar(&opts.Subscriber, "subscriber", "", "a `PLAN` you already hold: its monthly API credits are taken off the API options' bills")
	return cmd
}

func costRun(opts *Options) error {
	var spec *planner.SweepSpec
	if opts.Sweep != "" {
		s, err := planner.ParseSweep(opts.Sweep)
		if err != nil {
			return cmdutil.UsageErrorf("--sweep: %s", err)
		}
		spec = &s
	}
	if err := opts.Chart.Check(); err != nil {
		return err
	}
	opts.App.DeferStaleness()
	t, err := opts.App.Table()
	if err != nil {
		return err
	}
	ws, err := opts.Workload.Workloads(opts.Files)
	if err != nil {
		return err
	}
	w, err := pickWorkload(ws, opts.WorkloadName)
	if err != nil {
		return err
	}
	opt := planner.Options{}
	if opts.Subscriber != "" {
		name, ok := opts.App.PlanName(t, opts.Subscriber)
		if !ok {
			return cmdutil.UsageErrorf("--subscriber: no plan named %q in %s (plans: %s)", opts.Subscriber, t.Origin, strings.Join(planNames(t), ", "))
		}
		opt.Subscriber = name
	}
	rep, err := planner.BuildCostReport(w, t, opt)
	if err != nil {
		return err
	}
	if spec != nil {
		sw, err := planner.RunSweep(w, t, *spec, opt)
		if err != nil {
			return err
		}
		rep.Sweep = &sw
	}
	opts.App.UseFigures(figuresUsed(t, rep, opt.Subscriber)...)
	var pics []chart.Picture
	if app := opts.App; opts.Chart.Wanted(app) {
		sw := rep.Sweep
		if sw == nil {
			s, err := planner.RunSweep(w, t, figures.CostSweep(rep), opt)
			if err != nil {
				return err
			}
			sw = &s
		}
		pics = append(pics, figures.Cost(rep, *sw))
	}
	if err := opts.App.Write(costReport(rep, func(p *render.Page) { opts.Chart.Write(opts.App, p, pics) })); err != nil {
		return err
	}
	return opts.Chart.WriteFile(pics)
}

// figuresUsed names the figures the cost report rests on.
func figuresUsed(t *tiers.Table, rep planner.CostReport, subscriber string) [][]string {
	var models, pools, tierNames, plans []string
	for _, m := range rep.ByModel {
		models = append(models, m.Model)
		if x, ok := t.Model(m.Model); ok {
			pools = append(pools, x.Pool)
			if rep.Workload.Fast && x.Fast != nil {
				pools = append(pools, x.Fast.Pool)
			}
		}
	}
	for _, o := range rep.Options {
		if o.Kind == planner.KindAPI {
			tierNames = append(tierNames, o.Name)
		} else {
			plans = append(plans, o.Name)
		}
	}
	out := cmdutil.FigurePaths(models, tierNames, pools, plans)
	if subscriber != "" {
		out = append(out, []string{"plans", subscriber, "api_credits"})
	}
	return out
}

func planNames(t *tiers.Table) []string {
	var names []string
	for _, p := range t.Plans {
		names = append(names, p.Name)
	}
	return names
}

// pickWorkload chooses the one workload cost prices.
func pickWorkload(ws []planner.Workload, name string) (planner.Workload, error) {
	if name != "" {
		for _, w := range ws {
			if w.Name == name {
				return w, nil
			}
		}
		return planner.Workload{}, cmdutil.UsageErrorf("--workload: no workload named %q", name)
	}
	if len(ws) > 1 {
		names := make([]string, len(ws))
		for i, w := range ws {
			names[i] = w.Name
		}
		return planner.Workload{}, cmdutil.UsageErrorf("the file holds %d workloads (%s): choose one with --workload", len(ws), strings.Join(names, ", "))
	}
	return ws[0], nil
}

// describeBreakEven says where a plan breaks even, in words.
func describeBreakEven(be planner.BreakEven, in planner.Workload) string {
	var sessions, tokens string
	switch be.Sessions {
	case planner.BreaksEven:
		sessions = fmt.Sprintf("cheaper than the API above %.1f sessions/day (at %s tokens each)",
			*be.SessionsPerDay, planner.FormatQuantity(in.TokensPerSession))
	case planner.AllowanceExceeded:
		sessions = "along sessions per day, never: " + be.Note
	case planner.NotModelled:
		sessions = "along sessions per day, not modelled: " + be.Note
	case planner.APIFree:
		sessions = "the API bill is zero"
	}
	at := render.Num(in.SessionsPerDay) + " sessions/day"
	carried := ""
	if be.TokensCarriedUpTo != nil && *be.TokensCarriedUpTo < planner.MaxSweepTokens {
		carried = fmt.Sprintf(", up to %s tokens, where its allowance runs out", planner.FormatQuantity(*be.TokensCarriedUpTo))
	}
	switch be.Tokens {
	case planner.BreaksEven:
		tokens = fmt.Sprintf("above %s tokens/session (at %s)%s", planner.FormatQuantity(*be.TokensPerSession), at, carried)
	case planner.AlwaysCheaper:
		tokens = fmt.Sprintf("cheaper at every session size (at %s)%s", at, carried)
	case planner.NeverCheaper:
		tokens = fmt.Sprintf("never along tokens per session up to %s (at %s)", planner.FormatQuantity(planner.MaxSweepTokens), at)
	case planner.AllowanceExceeded:
		tokens = fmt.Sprintf("never along tokens per session (at %s): where it would be cheaper, its allowance is used up", at)
	case planner.NotModelled:
		tokens = "no session size can be modelled with these settings"
	}
	var parts []string
	for _, p := range []string{sessions, tokens} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "; ")
}
