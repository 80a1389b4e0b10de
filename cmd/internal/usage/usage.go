// Package usage is `tierplan usage`: Claude Code's local transcripts read
// and reported as tokens and cost per day, session, project, model and
// 5-hour block, the limit hits Claude Code recorded, and the busiest minutes
// replayed against every API tier.
package usage

import (
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/cmd/internal/chart"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/figures"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/tiers"
)

// groupings are the values of --by, in the order sections print.
var groupings = []string{"day", "week", "month", "session", "project", "model", "block", "minute"}

// Options are usage's command line.
type Options struct {
	App *cmdutil.App
	// Paths are the transcripts or directories to read; none means Claude
	// Code's own directories.
	Paths        []string
	By           []string
	Since, Until string
	TZ           string
	Top          int

	// Shape measures the sessions' shape instead of totals (shape.go).
	Shape    bool
	MinCalls int
	// ByGiven, TopGiven and MinCallsGiven say a flag was on the command
	// line: --by and --top mean something else, or nothing, with --shape.
	ByGiven, TopGiven, MinCallsGiven bool
	// NoCache reads every file (--no-cache); Verbose says what the cache
	// did; Export is where --export writes the distinct calls read.
	NoCache, Verbose bool
	Export           string
	// FromProxy is --from-proxy: a tierplan proxy's store to read instead
	// of logs.
	FromProxy string

	// WeekStart, Plan, Windows, History and JSON are the subscriber
	// additions (subscriber.go).
	WeekStart string
	Plan      string
	Windows   bool
	History   string
	JSON      bool

	// Chart holds --chart, --ascii and --chart-out.
	Chart *cmdutil.ChartFlags
}

// NewCmdUsage is the usage command; runF, when set, runs instead of usageRun
// (tests check flag parsing with it).
func NewCmdUsage(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
	cmd := &cobra.Command{
		Use:   "usage [PATH...]",
		Short: "Read Claude Code logs: tokens and cost per day, session, project, model, 5-hour block; peak minutes",
		Long: `usage reads Claude Code's local transcripts (JSONL) and reports what was
really used: tokens of each kind and their cost at the tier table's list
prices, per day, session, project, model and 5-hour block, the limit hits
Claude Code recorded, and the busiest minutes replayed against every API tier.

With no PATH it reads ~/.claude/projects and ~/.config/claude/projects
($XDG_CONFIG_HOME), or the comma-separated directories of CLAUDE_CONFIG_DIR.
A PATH may be a config directory, a projects directory, a project directory
or a file. Subagent transcripts (<session>/subagents/) count toward their
parent session.

Replies are counted once (one transcript line per content block, duplicates
folded on message id + request id, the most complete line kept); sidechain
replays of a parent reply are dropped; lines that cannot be read are counted
and reported on stderr, and the rest is still reported.

What each file held is kept in a cache ($XDG_CACHE_HOME/tierplan, else
~/.cache/tierplan), so the next run opens only the files that changed and
reads a grown file from where it stopped; --no-cache reads everything.
--export FILE writes the distinct calls read (no message text) to FILE;
give such files as PATHs, beside logs or alone, to merge several machines'
or a team's usage: each call counts once.

--shape measures what the sessions look like instead (calls, context growth,
output share, cache misses, compaction, turns, pauses, tool and call time,
pace): the figures the planner's session model is calibrated on.`,
		Example: `  tierplan usage
  tierplan usage --by day,model --since 2025-11-01 --tz Europe/Berlin
  tierplan usage ~/.claude/projects/-home-me-api --by session
  tierplan usage --by minute --top 5
  tierplan usage -o json | jq .totals
  tierplan usage --export laptop.tpu
  tierplan usage laptop.tpu desktop.tpu --by model
  tierplan usage --shape --by session,version
  tierplan usage weekly --week-start sunday
  tierplan usage blocks --plan max
  tierplan usage --windows --plan max`,
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			opts.ByGiven, opts.TopGiven, opts.MinCallsGiven = f.Changed("by"), f.Changed("top"), f.Changed("min-calls")
			if by, rest := reportNameArgs(args); by != "" {
				if opts.ByGiven {
					return cmdutil.UsageErrorf("%s names the report; leave out --by, or the name", args[0])
				}
				args, opts.By, opts.ByGiven = rest, []string{by}, true
			}
			opts.Paths = args
			if opts.JSON {
				if f.Changed("output") && app.Output != render.FormatJSON {
					return cmdutil.UsageErrorf("--json and -o %s disagree", app.Output)
				}
				app.Output = render.FormatJSON
			}
			if runF != nil {
				return runF(opts)
			}
			if opts.FromProxy != "" && opts.Shape {
				return cmdutil.UsageErrorf("--shape reads Claude Code's transcripts (turns, tools, pauses); a proxy's records hold calls only: drop --from-proxy or --shape")
			}
			return usageOrShapeRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&opts.By, "by", []string{"day"}, "`SECTIONS` to show: "+strings.Join(groupings, ", ")+" (comma-separated; json and yaml always hold all)")
	f.StringVar(&opts.Since, "since", "", "first day to include, a `DATE` (YYYY-MM-DD or YYYYMMDD); older files are not even opened")
	f.StringVar(&opts.Until, "until", "", "last day to include, a `DATE` (YYYY-MM-DD or YYYYMMDD)")
	f.StringVar(&opts.TZ, "tz", "", "time `ZONE` for days and --since/--until (IANA name such as Europe/Berlin, or UTC; default: local time)")
	f.IntVar(&opts.Top, "top", 10, "how many peak minutes to list (`N`)")
	addShapeFlags(f, opts)
	f.BoolVar(&opts.NoCache, "no-cache", false, "read every file and parse the tier table, ignoring and not updating the caches of earlier runs")
	f.StringVar(&opts.Export, "export", "", "also write the distinct calls read (no message text) to `FILE`, to merge elsewhere (- for stdout, the report then on stderr)")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "say on stderr what the cache did (rebuilt, not written)")
	f.StringVar(&opts.FromProxy, "from-proxy", "", "read a tierplan proxy's records instead of logs: its store's `DSN` (an SQLite file or postgres://…); projects are then developers")
	addSubscriberFlags(f, opts)
	opts.Chart = cmdutil.AddChartFlags(f)
	_ = cmd.RegisterFlagCompletionFunc("by", cmdutil.FixedCompletion(groupings))
	_ = cmd.RegisterFlagCompletionFunc("week-start", cmdutil.FixedCompletion(weekStarts))
	return cmd
}

// query is the validated command line.
type query struct {
	by     []string
	window cmdutil.LogWindow
	top    int
	proxy  bool // the data are a proxy's records
}

func parseOptions(o *Options) (query, error) {
	q := query{top: o.Top}
	if o.Top < 0 {
		return q, cmdutil.UsageErrorf("--top must be 0 or more, not %d", o.Top)
	}
	for _, b := range o.By {
		b = strings.ToLower(strings.TrimSpace(b))
		if !slices.Contains(groupings, b) {
			return q, cmdutil.UsageErrorf("--by %q: valid values are %s", b, strings.Join(groupings, ", "))
		}
		if !slices.Contains(q.by, b) {
			q.by = append(q.by, b)
		}
	}
	var err error
	q.window, err = cmdutil.ParseLogWindow(o.Since, o.Until, o.TZ)
	return q, err
}

// usageRun reads the logs and writes the report; what could not be read or
// priced is said on stderr, and the rest is still reported.
func usageRun(opts *Options) error {
	app := opts.App
	q, err := parseOptions(opts)
	if err != nil {
		return err
	}
	if err := opts.Chart.Check(); err != nil {
		return err
	}
	if opts.Export == "-" && app.Env.StdoutIsTerminal {
		// The export is binary, its strings raw from the logs: on a
		// screen it is noise at best, escape sequences at worst.
		return cmdutil.UsageErrorf("--export -: the export is binary and stdout is a terminal; pipe it elsewhere, or give a FILE")
	}
	// The staleness warning waits for the report, to name the oldest
	// figure of the models it priced rather than judge the whole table.
	app.DeferStaleness()
	app.NoCache = opts.NoCache
	// The walk and the index need no table: it is parsed meanwhile, and
	// the read waits for it before it prices a call.
	app.StartTable()
	loc := q.window.Loc
	week, err := weekPeriod(app, opts, loc)
	if err != nil {
		return err
	}
	// Weeks and months are summed with the report, so a kept report has
	// them too and a read of what changed needs no other call.
	ropt := usage.ReportOptions{Location: loc, Top: q.top, Periods: []usage.PeriodSpec{week.PeriodSpec, {Key: "month", Period: usage.Month(loc)}}}
	var data *usage.Data
	if opts.FromProxy != "" {
		if len(opts.Paths) > 0 {
			return cmdutil.UsageErrorf("--from-proxy reads the proxy's records; give no PATH (got %q)", opts.Paths[0])
		}
		q.proxy = true
		data, err = cmdutil.ReadProxyRecords(opts.FromProxy, q.window)
	} else {
		cache := cmdutil.LogCache{Off: opts.NoCache, Verbose: opts.Verbose, Report: &usage.ReportSpec{Options: ropt, Await: app.Table}}
		data, err = cmdutil.ReadLogsCached(app, opts.Paths, q.window, cache)
	}
	if err != nil {
		return err
	}
	table, err := app.Table()
	if err != nil {
		return err
	}
	if err := writeExport(opts.Export, app.Env.Stdout, data); err != nil {
		return err
	}
	if opts.Export == "-" {
		// stdout carried the export; the report goes beside it, on stderr.
		to := *app
		to.Env.Stdout = app.Env.Stderr
		app = &to
	}
	rep := usage.BuildReport(data, table, ropt)
	if loc == time.Local {
		rep.Timezone = "local (" + app.Env.Clock().In(time.Local).Format("MST") + ")"
	}
	x, err := buildExtras(app, opts, q, data, table, rep, week.name)
	if err != nil {
		return err
	}
	app.UseFigures(figuresUsed(rep, x)...)
	app.WarnStale()
	warnProblems(app, rep)
	var pics []chart.Picture
	if opts.Chart.Wanted(app) {
		pics = figures.Usage(rep, x.plan, x.PlanBasis, x.uses, loc)
	}
	if err := writeReport(app, rep, x, q, func(p *render.Page) { opts.Chart.Write(app, p, pics) }); err != nil {
		return err
	}
	return opts.Chart.WriteFile(pics)
}

// figuresUsed names the figures of the tier table the report rests on:
// the prices (long-context prices included) of every table model that
// priced a call, and the plan blocks were measured against. A model's
// other figures (its limits' pool, context window, speed) price nothing.
func figuresUsed(rep usage.Report, x extras) [][]string {
	var out [][]string
	seen := map[string]bool{}
	for _, m := range rep.Models {
		if m.TableModel != "" && !seen[m.TableModel] {
			seen[m.TableModel] = true
			out = append(out, []string{"models", m.TableModel, "price_per_mtok"}, []string{"models", m.TableModel, "long_context"})
		}
	}
	if x.plan != nil {
		out = append(out, []string{"plans", x.plan.Name})
	}
	return out
}

// warnProblems says on stderr what could not be read, one line per file,
// and what could not be priced; the report itself still prints.
func warnProblems(app *cmdutil.App, rep usage.Report) {
	for _, p := range rep.Problems {
		cmdutil.Warnf(app.Env, "%s: %s", p.Path, p.What)
	}
	for _, m := range rep.UnknownModels {
		cmdutil.Warnf(app.Env, "model %s is not in the tier table (%s): %s, %s tokens not priced",
			m.Model, rep.TierTable, render.Plural(int(m.Requests), "request"), tiers.GroupDigits(m.TotalTokens))
	}
}
