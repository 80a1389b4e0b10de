// Package simulate is `tierplan simulate`: a discrete-event simulation of a
// team's working days against one tier's token buckets, with the client's
// retries, reported as 429s, waits and the time lost; with a CSV timeline,
// several seeds, or every retry policy side by side.
package simulate

import (
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/cmd/internal/chart"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/planner/simulate"
)

// Options are simulate's command line.
type Options struct {
	App *cmdutil.App
	// Workload holds the workload flags (--sessions, --tokens, …), with
	// the workload's "days" as --days-per-month.
	Workload *cmdutil.WorkloadFlags
	// Chart holds --chart, --ascii and --chart-out.
	Chart            *cmdutil.ChartFlags
	Tier             string
	Files            []string
	WorkloadName     string
	Policy           string
	MaxRetries       int
	RetryBase        time.Duration
	RetryCap         time.Duration
	IgnoreRetryAfter bool
	RetryAfterJitter time.Duration
	Start            string
	Runs             int
	TokenSpread      float64
	Days             int
	Timeline         string
	TimelineStep     time.Duration
	CompareRetries   bool
	Spent            float64
	ResumeAfter      time.Duration
	// TokenSpreadSet records --token-spread given: unset, the run derives
	// it.
	TokenSpreadSet bool
	// RetryFlagsSet are the retry flags the user gave, by name: a value
	// set is used (even one equal to the default) or refused, never
	// silently replaced by the policy's.
	RetryFlagsSet map[string]bool
	// ShowPolicy names a policy whose schedule to print instead of
	// simulating, after 429s carrying RetryAfter (0: none).
	ShowPolicy string
	RetryAfter time.Duration
}

// NewCmdSimulate is the simulate command; runF, when set, runs instead of
// simulateRun (tests check flag parsing with it).
func NewCmdSimulate(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	o := &Options{App: app}
	cmd := &cobra.Command{
		Use:   "simulate --tier NAME",
		Short: "Simulate a team's day against one tier's buckets: 429s, waits, retries",
		Long: `simulate runs a discrete-event simulation of the team's sessions over one or
more working days against one tier's token buckets (RPM, ITPM, OTPM, and
combined TPM where the tier has one; one set per pool of a model mix),
refilled continuously, plus the daily quotas and the monthly spend cap.
Sessions are closed loops: each call waits for its response, then for the
tool or, at the end of a turn, the developer. Rejected calls are retried as
the chosen client does, honouring retry-after. It reports calls attempted,
succeeded and abandoned, 429s per hour, the added wait per call and per
session, how much longer the day took, and bucket use by hour.

The first day is the day plan rates for the same workload and --seed: until
the first 429 the two are the same, call for call, so a tier plan calls
"fits" sends no 429 here, and one it calls "throttled" sends some, from the
call plan names. Results are deterministic for a --seed. The enforcement
window --window sets how much a bucket may burst: 60s lets a whole minute's
limit go at once, 1s is the pessimistic reading of "60 RPM may be enforced as
1 request per second".`,
		Example: `  tierplan simulate --tier start --devs 20 --sessions 8 --tokens 800k
  tierplan simulate --show-policy claude-code --retry-after 2s
  tierplan simulate --tier build --devs 50 --arrival standup --window 1s --compare-retries
  tierplan simulate --tier start --devs 100 --days 5 --runs 20 -o json
  tierplan simulate --tier start --devs 20 --timeline day.csv --timeline-step 1s`,
		Args: cmdutil.ArgsUsage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.TokenSpreadSet = cmd.Flags().Changed("token-spread")
			o.RetryFlagsSet = map[string]bool{}
			for _, name := range retryFlags {
				o.RetryFlagsSet[name] = cmd.Flags().Changed(name)
			}
			var changed []string
			cmd.LocalFlags().VisitAll(func(f *pflag.Flag) {
				if f.Changed {
					changed = append(changed, f.Name)
				}
			})
			if err := checkShowPolicyFlags(*o, changed); err != nil {
				return err
			}
			if runF != nil {
				return runF(o)
			}
			if o.ShowPolicy != "" {
				return showPolicyRun(o)
			}
			return simulateRun(o)
		},
	}
	cmd.SetFlagErrorFunc(simulateFlagError)
	fs := cmd.Flags()
	// The workload's "days" (working days per month) is --days-per-month
	// here, because --days is the number of days to simulate.
	o.Workload = cmdutil.AddWorkloadFlags(fs,
		cmdutil.FlagRename{Key: "days", Name: "days-per-month", Note: "; the spend cap resets each month"},
		cmdutil.FlagRename{Key: "headroom", Omit: true}) // simulate counts 429s; it has no verdict to be tight
	fs.StringVar(&o.Tier, "tier", "", "the API `TIER` to simulate against (required; see tierplan plan)")
	fs.StringArrayVarP(&o.Files, "file", "f", nil, "workload `FILE` (YAML); flags override its values")
	fs.StringVar(&o.WorkloadName, "workload", "", "which workload of a file with several, by `NAME`")
	fs.StringVar(&o.Policy, "policy", "claude-code", "client retry `POLICY`: "+strings.Join(simulate.PolicyNames(), "|"))
	fs.IntVar(&o.MaxRetries, "max-retries", 0, "`N` retries before a call is abandoned, 0 to 1000 (default: the policy's)")
	fs.DurationVar(&o.RetryBase, "retry-base", 0, "backoff base, a positive `DURATION` such as 250ms (default: the policy's, 500ms)")
	fs.DurationVar(&o.RetryCap, "retry-cap", 0, "backoff cap, a positive `DURATION` no less than the base (default: the policy's, 8s for sdk, 32s otherwise)")
	fs.BoolVar(&o.IgnoreRetryAfter, "ignore-retry-after", false, "clients back off by their own formula even when a retry-after is sent")
	fs.DurationVar(&o.RetryAfterJitter, "retry-after-jitter", 0, "add a random 0..`D` to an honoured retry-after (clients that all got the same value wake apart)")
	fs.StringVar(&o.Start, "start", "09:00", "start of the working day (`HH:MM`)")
	fs.IntVar(&o.Runs, "runs", 1, "repeat `K` times with seeds seed..seed+K-1 and varied session sizes; report percentiles over runs")
	fs.Float64Var(&o.TokenSpread, "token-spread", 0.5, "`SIGMA` of the lognormal (mean 1) multiplier on each session's tokens; used when --runs > 1 unless set")
	fs.IntVar(&o.Days, "days", 1, "`N` working days to simulate, back to back")
	o.Chart = cmdutil.AddChartFlags(fs)
	fs.StringVar(&o.Timeline, "timeline", "", "write a CSV timeline to `FILE` (- for stdout, the report then on stderr): requests, 429s, tokens and bucket levels per step")
	fs.DurationVar(&o.TimelineStep, "timeline-step", time.Second, "timeline step: 1s or 1m (any `DURATION` of 1ms or more)")
	fs.BoolVar(&o.CompareRetries, "compare-retries", false, "run every retry policy on the same seed and print one row each")
	fs.DurationVar(&o.ResumeAfter, "resume-after", simulate.DefaultResumeAfter, "after a call is abandoned, the developer re-prompts this long (`DURATION`) later")
	fs.Float64Var(&o.Spent, "spent", 0, "`DOLLARS` already spent this month when the run starts (counts toward the spend cap)")
	fs.StringVar(&o.ShowPolicy, "show-policy", "", "print the retry schedule of policy `NAME` (each retry's shortest and longest wait, and when it gives up) and exit")
	fs.DurationVar(&o.RetryAfter, "retry-after", 0, "with --show-policy: the 429s carry this retry-after `DURATION` (default: none)")
	_ = cmd.RegisterFlagCompletionFunc("policy", cmdutil.FixedCompletion(simulate.PolicyNames()))
	_ = cmd.RegisterFlagCompletionFunc("show-policy", cmdutil.FixedCompletion(simulate.PolicyNames()))
	_ = cmd.RegisterFlagCompletionFunc("arrival", cmdutil.FixedCompletion(day.ArrivalNames()))
	_ = cmd.RegisterFlagCompletionFunc("tier", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		t, err := app.Table()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var names []string
		for _, x := range t.Tiers {
			names = append(names, x.Name)
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// simulateRun builds the simulation from the table, the workload and the
// flags, runs it (once, per retry policy, or over several seeds) and writes
// the report, and the timeline file when asked for.
func simulateRun(o *Options) error {
	app := o.App
	if o.Tier == "" {
		return cmdutil.UsageErrorf("--tier is required: name the API tier to simulate against (or --show-policy NAME)")
	}
	if o.CompareRetries && o.Runs > 1 {
		return cmdutil.UsageErrorf("--compare-retries and --runs cannot be combined: compare on one seed, or repeat one policy")
	}
	if err := o.Chart.Check(); err != nil {
		return err
	}
	app.DeferStaleness()
	t, err := app.Table()
	if err != nil {
		return err
	}
	w, err := simulateWorkload(o)
	if err != nil {
		return err
	}
	cfg, err := buildSimulation(t, w, *o)
	if err != nil {
		return err
	}
	rep := newSimulateReport(t, cfg)
	var finish func() error
	if o.Timeline != "" {
		tw, err := newTimelineWriter(o.Timeline, app.Env.Stdout, cfg)
		if err != nil {
			return err
		}
		cfg.Timeline, cfg.TimelineStep = tw.row, o.TimelineStep
		finish = tw.commit
		defer tw.discard()
	}
	var day *dayCharts
	if o.Chart.Wanted(app) {
		day = newDayCharts(cfg)
		day.next = cfg.Timeline
		cfg.Timeline = day.row
		// Steps of a second catch a bucket's dips within a minute (a
		// CSV timeline keeps the step it was given).
		if cfg.TimelineStep <= 0 {
			cfg.TimelineStep = time.Second
		}
	}
	switch {
	case o.CompareRetries:
		ps, labels, perr := comparedPolicies(*o)
		if perr != nil {
			return perr
		}
		if rep.Compare, err = simulate.CompareRetries(cfg, ps); err != nil {
			return err
		}
		for i := range rep.Compare {
			rep.Compare[i].Policy = labels[i]
		}
		rep.Result, err = simulate.Run(cfg) // the chosen policy, with its timeline
	case o.Runs > 1:
		var rs []simulate.Result
		if rs, err = simulate.RunMany(cfg, o.Runs); err == nil {
			rep.Result = rs[0]
			rep.Runs = &runsReport{Count: o.Runs, TokenSpread: cfg.TokenSpread, Metrics: simulate.Summarize(rs)}
		}
	default:
		rep.Result, err = simulate.Run(cfg)
	}
	if err != nil {
		return err
	}
	if finish != nil {
		if err := finish(); err != nil {
			return err
		}
	}
	rep.addNotes(cfg)
	var models, pools []string
	for _, p := range cfg.Workload.Parts {
		models, pools = append(models, p.Model.Name), append(pools, p.Model.Pool)
	}
	app.UseFigures(cmdutil.FigurePaths(models, []string{cfg.Tier.Name}, pools, nil)...)
	var pics []chart.Picture
	if day != nil {
		if len(day.minutes) == 0 && o.Runs > 1 {
			// Repeated runs keep no timeline: the chart draws the first seed's.
			day.next = nil
			if _, err := simulate.Run(cfg); err != nil {
				return err
			}
		}
		pics = day.pictures(cfg.Tier.Name, cfg.Days)
	}
	out := simulateOutput(rep, func(p *render.Page) { o.Chart.Write(app, p, pics) })
	to := app
	if o.Timeline == "-" {
		// stdout carried the timeline; the report goes beside it, on stderr.
		copied := *app
		copied.Env.Stdout = app.Env.Stderr
		to = &copied
	}
	if err := to.Write(out); err != nil {
		return err
	}
	return o.Chart.WriteFile(pics)
}
