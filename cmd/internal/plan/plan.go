// Package plan is `tierplan plan`: a workload (from flags, workload files or
// Claude Code's logs) rated against every tier and plan of the tier table,
// with the binding limit, a verdict, the monthly cost and the cheapest
// option that fits; optionally with the simulator's 429s per hour.
package plan

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/cmd/internal/chart"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/figures"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/internal/suggest"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/simulate"
	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/tiers"
)

// Options are plan's command line.
type Options struct {
	App *cmdutil.App
	// Workload holds the workload flags (--sessions, --tokens, …).
	Workload   *cmdutil.WorkloadFlags
	Files      []string
	Only       []string
	FailIfNone bool
	// Subscriber is --subscriber: a plan the user holds, whose API credits
	// pay part of each API tier's bill.
	Subscriber string
	// Logs are the --from-logs settings.
	Logs LogsOptions
	// Proxy are the --from-proxy settings.
	Proxy ProxyOptions
	// Simulate are the --simulate settings.
	Simulate SimulateOptions
	// Chart holds --chart, --ascii and --chart-out.
	Chart *cmdutil.ChartFlags
}

// LogsOptions are the flags of plan --from-logs.
type LogsOptions struct {
	// FromLogs is --from-logs: cmdutil.FromLogsAuto when bare, else the paths.
	FromLogs    string
	FromLogsSet bool
	Since, TZ   string
	// SinceSet and TZSet record --logs-since and --logs-tz given (even
	// empty), which need --from-logs.
	SinceSet, TZSet bool
}

// SimulateOptions are the flags of plan --simulate, as typed: they are
// checked only when --simulate is on. The day's arrivals, seed and window
// are the workload's own (--arrival, --seed, --window), shared with the
// verdicts.
type SimulateOptions struct {
	On     bool
	Policy string
	Runs   int
}

// NewCmdPlan is the plan command; runF, when set, runs instead of planRun
// (tests check flag parsing with it).
func NewCmdPlan(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Which limit a workload hits on every tier and plan, and which fits",
		Long: `plan models a day of sessions (context growth, caching, compaction, pace,
team overlap) and rates it against every tier and plan of the tier table:
the utilisation of each limit, the binding one, a verdict (fits, tight,
throttled, blocked), the monthly cost, and the cheapest option that fits.`,
		Example: `  tierplan plan --sessions 20 --tokens 800k
  tierplan plan --sessions 6 --tokens 2M --devs 12 --model opus -o json
  tierplan plan -f workloads.yaml --fail-if-none
  tierplan plan --sessions 4 --tokens 2M --model opus-5.5 --fast`,
		// Positional arguments are accepted only with --from-logs
		// (plan --from-logs ~/.claude); a workload file takes -f.
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 0 && c.Flags().Changed("from-logs") {
				return nil
			}
			if len(args) > 0 {
				return cmdutil.UsageErrorf("plan takes no arguments, got %q (a workload file goes after -f; log paths after --from-logs)", args[0])
			}
			return nil
		},
		RunE: func(c *cobra.Command, _ []string) error {
			fs := c.Flags()
			opts.Logs.FromLogsSet = fs.Changed("from-logs")
			opts.Logs.SinceSet, opts.Logs.TZSet = fs.Changed("logs-since"), fs.Changed("logs-tz")
			opts.Proxy.SinceSet = fs.Changed("proxy-since")
			if runF != nil {
				return runF(opts)
			}
			return planRun(opts)
		},
	}
	fs := cmd.Flags()
	opts.Workload = cmdutil.AddWorkloadFlags(fs)
	fs.StringArrayVarP(&opts.Files, "file", "f", nil, "workload `FILE` (YAML; may hold several named workloads); flags override its values")
	fs.StringSliceVar(&opts.Only, "only", nil, "evaluate only these tiers and plans (comma-separated `NAMES`)")
	fs.BoolVar(&opts.FailIfNone, "fail-if-none", false, "exit 3 when no tier or plan fits a workload")
	fs.StringVar(&opts.Subscriber, "subscriber", "", "a `PLAN` you already hold: its monthly API credits are taken off each API tier's bill")

	fs.StringVar(&opts.Logs.FromLogs, "from-logs", "", "derive the workload from Claude Code logs: bare for the default locations, or =`PATHS` (comma-separated, as tierplan usage reads them)")
	fs.Lookup("from-logs").NoOptDefVal = cmdutil.FromLogsAuto
	fs.StringVar(&opts.Logs.Since, "logs-since", "", "with --from-logs: use only logs from this `DATE` on (YYYY-MM-DD or YYYYMMDD)")
	fs.StringVar(&opts.Logs.TZ, "logs-tz", "", "with --from-logs: time `ZONE` deciding which day a session belongs to (default: local time)")

	fs.StringVar(&opts.Proxy.FromProxy, "from-proxy", "", "derive the team's workload from a tierplan proxy's records: its store's `DSN` (an SQLite file or postgres://…)")
	fs.StringVar(&opts.Proxy.Since, "proxy-since", "", "with --from-proxy: use only records from this `DATE` on (YYYY-MM-DD or YYYYMMDD, UTC)")

	opts.Chart = cmdutil.AddChartFlags(fs)
	s := &opts.Simulate
	fs.BoolVar(&s.On, "simulate", false, "also simulate each API tier and add expected 429s per working hour (see tierplan simulate)")
	fs.StringVar(&s.Policy, "simulate-policy", "claude-code", "client retry `POLICY` for --simulate: "+strings.Join(simulate.PolicyNames(), "|"))
	fs.IntVar(&s.Runs, "simulate-runs", 5, "`N` simulated days per tier for --simulate (seeds --seed, --seed+1, …); the column is their mean")
	return cmd
}

// planRun plans the workloads (from the logs, or the flags and files) and
// writes the report; with --fail-if-none a workload nothing fits ends the
// run with exit code 3.
func planRun(opts *Options) error {
	app := opts.App
	if err := opts.Chart.Check(); err != nil {
		return err
	}
	app.DeferStaleness()
	t, err := app.Table()
	if err != nil {
		return err
	}
	ws, pc, err := workloadsFromProxy(opts)
	if err != nil {
		return err
	}
	var cal *usage.Calibration
	if pc == nil {
		if ws, cal, err = workloadsFromLogs(opts); err != nil {
			return err
		}
	}
	if cal == nil && pc == nil {
		if ws, err = opts.Workload.Workloads(opts.Files); err != nil {
			return err
		}
	}
	only := make([]string, len(opts.Only))
	for i, name := range opts.Only {
		_, isTier := t.Tier(name)
		plan, isPlan := app.PlanName(t, name)
		switch {
		case isTier:
			only[i] = name
		case isPlan:
			only[i] = plan
		default:
			return onlyError(t, name)
		}
	}
	subscriber := ""
	if opts.Subscriber != "" {
		name, ok := app.PlanName(t, opts.Subscriber)
		if !ok {
			return cmdutil.UsageErrorf("--subscriber: no plan named %q in %s", opts.Subscriber, t.Origin)
		}
		subscriber = name
	}
	rep, err := planner.Plan(ws, t, planner.Options{Only: only, Subscriber: subscriber})
	if err != nil {
		return err
	}
	if cal != nil {
		addLogNotes(&rep, *cal)
	}
	if pc != nil {
		addProxyNotes(&rep, *pc)
	}
	if err := addSimulated429s(opts.Simulate, t, ws, &rep); err != nil {
		return err
	}
	app.UseFigures(cmdutil.PlanFigures(rep, subscriber)...)
	var pics [][]chart.Picture
	if opts.Chart.Wanted(app) {
		for _, wp := range rep.Workloads {
			p, err := figures.Plan(t, wp)
			if err != nil {
				return err
			}
			pics = append(pics, p)
		}
	}
	if err := app.Write(planReport(rep, func(p *render.Page, i int) {
		if i < len(pics) {
			opts.Chart.Write(app, p, pics[i])
		}
	})); err != nil {
		return err
	}
	var all []chart.Picture
	for _, p := range pics {
		all = append(all, p...)
	}
	if err := opts.Chart.WriteFile(all); err != nil {
		return err
	}
	if opts.FailIfNone {
		for _, w := range rep.Workloads {
			if w.Recommendation.Tier == nil {
				if app.Output == "table" {
					fmt.Fprintf(app.Env.Stderr, "tierplan: no tier or plan fits workload %q\n", w.Name)
				}
				return cmdutil.SilentExit(cmdutil.ExitNoneFits)
			}
		}
	}
	return nil
}

// onlyError says a name --only gave is in the table neither as a tier nor
// as a plan: with the nearest name when it looks like a typo, and the list.
func onlyError(t *tiers.Table, name string) error {
	var names []string
	for _, x := range t.Tiers {
		names = append(names, x.Name)
	}
	for _, x := range t.Plans {
		names = append(names, x.Name)
	}
	hint := "valid: " + strings.Join(names, ", ")
	if s := suggest.Closest(name, names); s != "" {
		hint = fmt.Sprintf("did you mean %q? %s", s, hint)
	}
	return cmdutil.BriefUsageErrorf("--only: no tier or plan named %q in %s (%s)", name, t.Origin, hint)
}
