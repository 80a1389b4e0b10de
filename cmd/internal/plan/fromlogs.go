package plan

import (
	"fmt"
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/tiers"
)

// plan --from-logs derives the workload from Claude Code's logs instead of
// guesses: sessions per day, the median and 90th-percentile session, calls,
// pace, prefix, cache TTL and model mix.

// workloadsFromLogs derives the typical and the heavy workload from the
// logs, with the workload flags applied on top, and shows the derived values
// before the plan; cal is nil when --from-logs is off.
func workloadsFromLogs(opts *Options) (ws []planner.Workload, cal *usage.Calibration, err error) {
	app, o := opts.App, opts.Logs
	if !o.FromLogsSet {
		if o.SinceSet {
			return nil, nil, cmdutil.UsageErrorf("--logs-since needs --from-logs")
		}
		if o.TZSet {
			return nil, nil, cmdutil.UsageErrorf("--logs-tz needs --from-logs")
		}
		return nil, nil, nil
	}
	if len(opts.Files) > 0 {
		return nil, nil, cmdutil.UsageErrorf("--from-logs and --file both describe the workload; give one")
	}
	// The window's errors name --since and --tz, as `tierplan usage` does.
	window, err := cmdutil.ParseLogWindow(o.Since, "", o.TZ)
	if err != nil {
		return nil, nil, err
	}
	paths, err := cmdutil.FromLogsPaths(o.FromLogs)
	if err != nil {
		return nil, nil, err
	}
	table, err := app.Table()
	if err != nil {
		return nil, nil, err
	}
	_, c, ws, err := cmdutil.LogWorkloads(app, paths, window, table, opts.Workload)
	if err != nil {
		return nil, nil, err
	}
	if app.Output == render.FormatTable || app.Output == render.FormatMarkdown {
		if err := writeCalibration(app, c); err != nil {
			return nil, nil, err
		}
	}
	return ws, &c, nil
}

// addLogNotes notes on each derived workload what it came from, so the JSON
// report carries it too.
func addLogNotes(rep *planner.Report, cal usage.Calibration) {
	for i := range rep.Workloads {
		wp := &rep.Workloads[i]
		which, calls := "median", cal.CallsP50
		if wp.Name == cal.Heavy.Name {
			which, calls = "90th-percentile", cal.CallsP90
		}
		// The calls are the logs' (the workload solves its own from the
		// tokens and the growth, so its CallsPerSession is unset).
		wp.Notes = append(wp.Notes, fmt.Sprintf("derived from Claude Code logs: %s on %s; the %s session (%s tokens, %s in the logs)",
			render.Plural(cal.Sessions, "session"), render.Plural(cal.ActiveDays, "active day"), which,
			planner.FormatQuantity(wp.Workload.TokensPerSession), render.Plural(calls, "call")))
	}
}

// writeCalibration shows the values derived from logs before the plan.
func writeCalibration(app *cmdutil.App, c usage.Calibration) error {
	return writeCalibrationFrom(app, c, "logs", "one developer; --devs and the other workload flags override")
}

// writeCalibrationFrom shows derived values, saying where from.
func writeCalibrationFrom(app *cmdutil.App, c usage.Calibration, from, note string) error {
	pctf := func(f float64) string { return fmt.Sprintf("%.1f%%", f*100) }
	var mix []string
	for _, m := range c.ModelMix {
		mix = append(mix, fmt.Sprintf("%s %s", m.Model, pctf(m.Share)))
	}
	if c.UnknownModelSessions > 0 {
		mix = append(mix, fmt.Sprintf("(%s on models not in the table left out)", render.Plural(c.UnknownModelSessions, "session")))
	}
	days := "planner default (fewer than " + fmt.Sprint(usage.MinSpanDaysForMonth) + " days of logs)"
	switch {
	case c.ActiveDaysPerMonth > 0:
		days = fmt.Sprintf("%.1f", c.ActiveDaysPerMonth)
	case c.SpanDays >= usage.MinSpanDaysForMonth:
		days = fmt.Sprintf("planner default (%s over %s of logs is under %d a month)",
			render.Plural(c.ActiveDays, "active day"), render.Plural(c.SpanDays, "day"), usage.MinActiveDaysPerMonth)
	}
	ttl := c.Typical.CacheTTLName()
	g := render.Grid{
		Header: []string{"SETTING", "DERIVED", "FROM"},
		Rows: [][]string{
			{"sessions per day", fmt.Sprintf("%.2f", c.SessionsPerActiveDay), fmt.Sprintf("%s on %s", render.Plural(c.Sessions, "session"), render.Plural(c.ActiveDays, "active day"))},
			{"tokens per session", planner.FormatQuantity(c.TokensP50) + " typical, " + planner.FormatQuantity(c.TokensP90) + " heavy", "p50 and p90 of sessions, all four kinds, subagents included"},
			{"calls per session", fmt.Sprintf("%d typical, %d heavy", c.CallsP50, c.CallsP90), "p50 and p90"},
			{"pace", fmt.Sprintf("%.2f calls/min", c.PaceP50), "median calls per active minute"},
			{"prefix", tiers.GroupDigits(c.PrefixP50) + " tokens", "median context of a session's first call"},
			{"output share", pctf(c.OutputShare), "output tokens of all tokens"},
			{"cache", ttl + " TTL", pctf(c.CacheWrite1hShare) + " of cache writes with the 1-hour TTL; " + pctf(c.CacheReadShare) + " of tokens are cache reads"},
			{"cache misses", pctf(c.CacheMissShare) + " of later calls", "calls that rewrote over half their context (cache expired, or after a compaction)"},
			{"model mix", strings.Join(mix, ", "), "sessions by the model with most of their tokens"},
			{"hours per day", fmt.Sprintf("%.1f", c.HoursPerActiveDay), "median first-to-last call of an active day"},
			{"days per month", days, "active days over the logged span"},
		},
	}
	var buf render.Page
	write := render.Table
	if app.Output == render.FormatMarkdown {
		buf.WriteString("### Workload derived from " + from + "\n\n")
		write = render.Markdown
	} else {
		buf.Width = app.Width()
		buf.WriteString("Workload derived from " + from + " (" + note + "):\n")
	}
	if err := write(&buf, g); err != nil {
		return err
	}
	buf.WriteString("\n")
	err := render.WriteText(app.Env.Stdout, []byte(buf.Wrapped()))
	return err
}
