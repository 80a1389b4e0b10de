package cli

import (
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/simulate"
)

// simulateOptions are simulate's flags beyond the workload settings.
type simulateOptions struct {
	tier           string
	files          []string
	workload       string
	policy         string
	maxRetries     int
	maxRetriesSet  bool
	retryBase      time.Duration
	retryCap       time.Duration
	ignoreRA       bool
	raJitter       time.Duration
	window         time.Duration
	arrival        string
	start          string
	seed           uint64
	runs           int
	tokenSpread    float64
	days           int
	timeline       string
	timelineStep   time.Duration
	compare        bool
	firstToken     time.Duration
	tokensPerSec   float64
	spent          float64
	think          time.Duration
	resumeAfter    time.Duration
	thinkSet       bool
	spreadExplicit bool
	// retryFlagsSet are the retry flags the user gave, by name: a value
	// set is used (even one equal to the default) or refused, never
	// silently replaced by the policy's.
	retryFlagsSet map[string]bool
}

// retryFlags tune a retrying policy; --policy none refuses them.
var retryFlags = []string{"max-retries", "retry-base", "retry-cap", "ignore-retry-after", "retry-after-jitter"}

func newSimulateCmd(app *App) *cobra.Command {
	var o simulateOptions
	var wf *simulateWorkloadFlags
	cmd := &cobra.Command{
		Use:   "simulate --tier NAME",
		Short: "Simulate a team's day against one tier's buckets: 429s, waits, retries",
		Long: `simulate runs a discrete-event simulation of the team's sessions over one or
more working days against one tier's token buckets (RPM, ITPM, OTPM, and
combined TPM where the tier has one), refilled continuously, plus the daily
quotas and the monthly spend cap. Sessions are closed loops: each call waits
for its response, then for tool and think time. Rejected calls are retried as
the chosen client does, honouring retry-after. It reports calls attempted,
succeeded and abandoned, 429s per hour, the added wait per call and per
session, how much longer the day took, and bucket use by hour.

Results are deterministic for a --seed. The enforcement window --window sets
how much a bucket may burst: 60s lets a whole minute's limit go at once, 1s
is the pessimistic reading of "60 RPM may be enforced as 1 request per second".`,
		Example: `  tierplan simulate --tier start --devs 20 --sessions 8 --tokens 800k
  tierplan simulate --tier build --devs 50 --arrival standup --window 1s --compare-retries
  tierplan simulate --tier start --devs 100 --days 5 --runs 20 -o json
  tierplan simulate --tier start --devs 20 --timeline day.csv --timeline-step 1s`,
		Args: argsUsage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.thinkSet = cmd.Flags().Changed("think")
			o.spreadExplicit = cmd.Flags().Changed("token-spread")
			o.maxRetriesSet = cmd.Flags().Changed("max-retries")
			o.retryFlagsSet = map[string]bool{}
			for _, name := range retryFlags {
				o.retryFlagsSet[name] = cmd.Flags().Changed(name)
			}
			return runSimulate(app, wf, o)
		},
	}
	cmd.SetFlagErrorFunc(simulateFlagError)
	fs := cmd.Flags()
	wf = addSimulateWorkloadFlags(fs)
	fs.StringVar(&o.tier, "tier", "", "the API tier to simulate against (required; see tierplan plan)")
	fs.StringArrayVarP(&o.files, "file", "f", nil, "workload `FILE` (YAML); flags override its values")
	fs.StringVar(&o.workload, "workload", "", "which workload of a file with several (by name)")
	fs.StringVar(&o.policy, "policy", "claude-code", "client retry policy: "+strings.Join(simulate.PolicyNames(), "|"))
	fs.IntVar(&o.maxRetries, "max-retries", 0, "retries before a call is abandoned, 0 to 1000 (default: the policy's)")
	fs.DurationVar(&o.retryBase, "retry-base", 0, "backoff base, a positive duration such as 250ms (default: the policy's, 500ms)")
	fs.DurationVar(&o.retryCap, "retry-cap", 0, "backoff cap, a positive duration no less than the base (default: the policy's, 8s for sdk, 32s otherwise)")
	fs.BoolVar(&o.ignoreRA, "ignore-retry-after", false, "clients back off by their own formula even when a retry-after is sent")
	fs.DurationVar(&o.raJitter, "retry-after-jitter", 0, "add a random 0..`D` to an honoured retry-after (clients that all got the same value wake apart)")
	fs.DurationVar(&o.window, "window", simulate.DefaultWindow, "enforcement window w: each bucket holds limit × w/60s ("+windowRange+")")
	fs.StringVar(&o.arrival, "arrival", "spread", "how sessions start: "+strings.Join(simulate.ArrivalNames(), "|"))
	fs.StringVar(&o.start, "start", "09:00", "start of the working day (HH:MM)")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed: the same seed gives the same output, byte for byte")
	fs.IntVar(&o.runs, "runs", 1, "repeat with seeds seed..seed+K-1 and varied session sizes; report percentiles over runs")
	fs.Float64Var(&o.tokenSpread, "token-spread", 0.5, "σ of the lognormal (mean 1) multiplier on each session's tokens; used when --runs > 1 unless set")
	fs.IntVar(&o.days, "days", 1, "working days to simulate, back to back")
	fs.StringVar(&o.timeline, "timeline", "", "write a CSV timeline to `FILE`: requests, 429s, tokens and bucket levels per step")
	fs.DurationVar(&o.timelineStep, "timeline-step", time.Second, "timeline step: 1s or 1m (any duration of 1ms or more)")
	fs.BoolVar(&o.compare, "compare-retries", false, "run every retry policy on the same seed and print one row each")
	fs.DurationVar(&o.firstToken, "first-token", simulate.DefaultFirstToken, "latency before the first output token of each call")
	fs.Float64Var(&o.tokensPerSec, "tokens-per-second", simulate.DefaultTokensPerSecond, "output speed in tokens per second, above 0; a call's latency is first-token + output / this")
	fs.DurationVar(&o.think, "think", 0, "mean tool and think time between calls (default: what keeps the workload's pace)")
	fs.DurationVar(&o.resumeAfter, "resume-after", simulate.DefaultResumeAfter, "after a call is abandoned, the developer re-prompts this long later")
	fs.Float64Var(&o.spent, "spent", 0, "dollars already spent this month when the run starts (counts toward the spend cap)")
	_ = cmd.RegisterFlagCompletionFunc("policy", fixedCompletion(simulate.PolicyNames()))
	_ = cmd.RegisterFlagCompletionFunc("arrival", fixedCompletion(simulate.ArrivalNames()))
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

func fixedCompletion(values []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

func runSimulate(app *App, wf *simulateWorkloadFlags, o simulateOptions) error {
	if o.tier == "" {
		return usageErrorf("--tier is required: name the API tier to simulate against")
	}
	if o.compare && o.runs > 1 {
		return usageErrorf("--compare-retries and --runs cannot be combined: compare on one seed, or repeat one policy")
	}
	t, err := app.Table()
	if err != nil {
		return err
	}
	w, err := simulateWorkload(wf, o)
	if err != nil {
		return err
	}
	cfg, info, err := buildSimulation(t, w, o)
	if err != nil {
		return err
	}
	rep := newSimulateReport(t, w, info, cfg, o)
	var finish func() error
	if o.timeline != "" {
		tw, err := newTimelineWriter(o.timeline, cfg.Limits)
		if err != nil {
			return err
		}
		cfg.Timeline, cfg.TimelineStep = tw.row, o.timelineStep
		finish = tw.commit
		defer tw.discard()
	}
	switch {
	case o.compare:
		ps, labels, perr := comparedPolicies(o)
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
	case o.runs > 1:
		var rs []simulate.Result
		if rs, err = simulate.RunMany(cfg, o.runs); err == nil {
			rep.Result = rs[0]
			rep.Runs = &runsReport{Count: o.runs, TokenSpread: cfg.TokenSpread, Metrics: simulate.Summarize(rs)}
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
	return writeSimulateReport(app, rep)
}

// simulateInfo is what buildSimulation learnt that the report shows.
type simulateInfo struct {
	model, pool string
	session     planner.Session
	calls       []simulate.Call
	dayStart    time.Duration
}
