package cli

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"
	_ "time/tzdata" // --tz and limit messages name IANA zones; work where the system has no zoneinfo

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/tiers"
)

// usageGroupings are the values of --by, in the order sections print.
var usageGroupings = []string{"day", "session", "project", "model", "block", "minute"}

type usageOptions struct {
	by           []string
	since, until string
	tz           string
	top          int
}

func newUsageCmd(app *App) *cobra.Command {
	var o usageOptions
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
and reported on stderr, and the rest is still reported.`,
		Example: `  tierplan usage
  tierplan usage --by day,model --since 2025-11-01 --tz Europe/Berlin
  tierplan usage ~/.claude/projects/-home-me-api --by session
  tierplan usage --by minute --top 5
  tierplan usage -o json | jq .totals`,
		RunE: func(cmd *cobra.Command, args []string) error { return runUsage(app, o, args) },
	}
	f := cmd.Flags()
	f.StringSliceVar(&o.by, "by", []string{"day"}, "sections to show: "+strings.Join(usageGroupings, ", ")+" (comma-separated; json and yaml always hold all)")
	f.StringVar(&o.since, "since", "", "first day to include (YYYY-MM-DD or YYYYMMDD); older files are not even opened")
	f.StringVar(&o.until, "until", "", "last day to include (YYYY-MM-DD or YYYYMMDD)")
	f.StringVar(&o.tz, "tz", "", "time zone for days and --since/--until (IANA name such as Europe/Berlin, or UTC; default: local time)")
	f.IntVar(&o.top, "top", 10, "how many peak minutes to list")
	_ = cmd.RegisterFlagCompletionFunc("by", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return usageGroupings, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// usageQuery is the validated command line.
type usageQuery struct {
	by           []string
	loc          *time.Location
	since, until time.Time // instants; zero = open
	top          int
}

func parseUsageOptions(o usageOptions) (usageQuery, error) {
	q := usageQuery{top: o.top, loc: time.Local}
	if o.top < 0 {
		return q, usageErrorf("--top must be 0 or more, not %d", o.top)
	}
	for _, b := range o.by {
		b = strings.ToLower(strings.TrimSpace(b))
		if !contains(usageGroupings, b) {
			return q, usageErrorf("--by %q: valid values are %s", b, strings.Join(usageGroupings, ", "))
		}
		if !contains(q.by, b) {
			q.by = append(q.by, b)
		}
	}
	if o.tz != "" {
		loc, err := time.LoadLocation(o.tz)
		if err != nil {
			return q, usageErrorf("--tz %q: unknown time zone (use an IANA name such as Europe/Berlin, or UTC)", o.tz)
		}
		q.loc = loc
	}
	var err error
	if q.since, err = parseDay("--since", o.since, q.loc); err != nil {
		return q, err
	}
	if q.until, err = parseDay("--until", o.until, q.loc); err != nil {
		return q, err
	}
	if !q.until.IsZero() {
		q.until = q.until.AddDate(0, 0, 1) // through the end of that day
	}
	if !q.since.IsZero() && !q.until.IsZero() && !q.since.Before(q.until) {
		return q, usageErrorf("--since %s is after --until %s", o.since, o.until)
	}
	return q, nil
}

// parseDay reads YYYY-MM-DD or YYYYMMDD as the start of that day in loc.
func parseDay(flag, s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "20060102"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usageErrorf("%s %q: want a date as YYYY-MM-DD or YYYYMMDD", flag, s)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func runUsage(app *App, o usageOptions, args []string) error {
	q, err := parseUsageOptions(o)
	if err != nil {
		return err
	}
	table, err := loadUsageTable(app)
	if err != nil {
		return err
	}
	data, err := readUsage(app, args, q)
	if err != nil {
		return err
	}
	rep := usage.BuildReport(data, table, usage.ReportOptions{Location: q.loc, Top: q.top})
	if q.loc == time.Local {
		rep.Timezone = "local (" + app.env.now().In(time.Local).Format("MST") + ")"
	}
	warnUsageProblems(app, rep)
	return writeUsageReport(app, rep, q)
}

func loadUsageTable(app *App) (*tiers.Table, error) { return app.Table() }

// readUsage finds the transcripts (the given paths, or Claude Code's own
// directories) and reads them, with progress on a terminal.
// lazyGCPercent is the collector's target while logs are read. Parsing
// makes short-lived garbage at a high rate and keeps little (a small entry
// per API call), so a lazier collector saves about 15% of the time for a
// few tens of MB; the live heap, and so the peak, still follows the number
// of calls and the longest line, not the size of the history.
const lazyGCPercent = 400

func readLazyGC(read func() *usage.Data) *usage.Data {
	defer debug.SetGCPercent(debug.SetGCPercent(lazyGCPercent))
	return read()
}

func readUsage(app *App, args []string, q usageQuery) (*usage.Data, error) {
	fsys := usage.OSFileSystem{}
	paths := args
	if len(paths) == 0 {
		home := app.env.getenv("HOME")
		if home == "" && app.env.getenv(usage.ConfigDirEnv) == "" {
			return nil, errors.New("no home directory ($HOME is not set): give a PATH, or set " + usage.ConfigDirEnv)
		}
		roots, err := usage.DefaultRoots(fsys, app.env.getenv, home)
		if err != nil {
			return nil, err
		}
		paths = roots
	}
	files, problems, err := usage.FindFiles(fsys, paths)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 && len(problems) == 0 {
		return nil, fmt.Errorf("no Claude Code transcripts (*.jsonl) in %s", strings.Join(paths, ", "))
	}
	opt := usage.Options{Since: q.since, Until: q.until}
	var prog *progress
	if app.env.StderrIsTerminal {
		prog = newProgress(app.env.Stderr)
		opt.Progress = prog.update
	}
	data := readLazyGC(func() *usage.Data { return usage.Read(fsys, files, opt) })
	if prog != nil {
		prog.done()
	}
	data.Problems = append(problems, data.Problems...)
	return data, nil
}

// warnUsageProblems says on stderr what could not be read, one line per
// file, and what could not be priced; the report itself still prints.
func warnUsageProblems(app *App, rep usage.Report) {
	w := app.env.Stderr
	for _, p := range rep.Problems {
		fmt.Fprintf(w, "tierplan: warning: %s: %s\n", p.Path, p.What)
	}
	for _, m := range rep.UnknownModels {
		fmt.Fprintf(w, "tierplan: warning: model %s is not in the tier table (%s): %s, %s tokens not priced\n",
			m.Model, rep.TierTable, plural(int(m.Requests), "request"), tiers.GroupDigits(m.TotalTokens))
	}
}
