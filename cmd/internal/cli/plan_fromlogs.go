package cli

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/tiers"
)

// plan --from-logs derives the workload from Claude Code's logs instead of
// guesses: sessions per day, the median and 90th-percentile session, calls,
// pace, prefix, cache TTL and model mix. It plugs into plan through the
// extension hooks, so plan's own file does not change.
var fromLogsExtension = planExtension{
	addFlags:  addFromLogsFlags,
	workloads: workloadsFromLogs,
	decorate:  decorateFromLogs,
}

// fromLogsAuto is the value of a bare --from-logs: Claude Code's own
// directories, as `tierplan usage` with no PATH reads them.
const fromLogsAuto = "auto"

func addFromLogsFlags(fs *pflag.FlagSet) {
	fs.String("from-logs", "", "derive the workload from Claude Code logs: bare for the default locations, or =PATH[,PATH…] (as tierplan usage reads them)")
	fs.Lookup("from-logs").NoOptDefVal = fromLogsAuto
	fs.String("logs-since", "", "with --from-logs: use only logs from this day on (YYYY-MM-DD or YYYYMMDD)")
	fs.String("logs-tz", "", "with --from-logs: time zone deciding which day a session belongs to (default: local time)")
}

// calibrationKey carries a run's calibration from the workloads hook to the
// decorate hook in the command's context: no state outlives the run.
type calibrationKey struct{}

func workloadsFromLogs(app *App, cmd *cobra.Command) ([]planner.Workload, bool, error) {
	fl := cmd.Flags().Lookup("from-logs")
	if fl == nil || !fl.Changed {
		for _, other := range []string{"logs-since", "logs-tz"} {
			if f := cmd.Flags().Lookup(other); f != nil && f.Changed {
				return nil, false, usageErrorf("--%s needs --from-logs", other)
			}
		}
		return nil, false, nil
	}
	if f := cmd.Flags().Lookup("file"); f != nil && f.Changed {
		return nil, false, usageErrorf("--from-logs and --file both describe the workload; give one")
	}
	q, err := parseUsageOptions(usageOptions{
		by: []string{"day"}, since: flagValue(cmd, "logs-since"), tz: flagValue(cmd, "logs-tz"),
	})
	if err != nil {
		return nil, false, err
	}
	var paths []string
	if v := fl.Value.String(); v != fromLogsAuto {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				paths = append(paths, p)
			}
		}
		if len(paths) == 0 {
			return nil, false, usageErrorf("--from-logs=%q names no path", v)
		}
	}
	table, err := loadUsageTable(app)
	if err != nil {
		return nil, false, err
	}
	data, err := readUsage(app, paths, q)
	if err != nil {
		return nil, false, err
	}
	for _, p := range data.Problems {
		fmt.Fprintf(app.env.Stderr, "tierplan: warning: %s: %s\n", p.Path, p.What)
	}
	cal, err := usage.Calibrate(data, table, q.loc)
	if err != nil {
		return nil, false, err
	}
	ws := []planner.Workload{cal.Typical, cal.Heavy}
	for i := range ws {
		if err := applyWorkloadFlags(cmd, &ws[i]); err != nil {
			return nil, false, err
		}
	}
	cmd.SetContext(context.WithValue(cmd.Context(), calibrationKey{}, cal))
	if app.output == render.FormatTable || app.output == render.FormatMarkdown {
		if err := writeCalibration(app, cal); err != nil {
			return nil, false, err
		}
	}
	return ws, true, nil
}

func flagValue(cmd *cobra.Command, name string) string {
	if f := cmd.Flags().Lookup(name); f != nil {
		return f.Value.String()
	}
	return ""
}

// applyWorkloadFlags lets the user override any derived value (say --devs
// 8 to plan a team that works like the logged developer).
func applyWorkloadFlags(cmd *cobra.Command, w *planner.Workload) error {
	for _, f := range planner.WorkloadFields {
		fl := cmd.Flags().Lookup(f.Key)
		if fl == nil || !fl.Changed {
			continue
		}
		if err := planner.SetWorkloadField(w, f.Key, fl.Value.String()); err != nil {
			return usageErrorf("invalid value for --%s: %s", f.Key, err)
		}
	}
	return nil
}

// decorateFromLogs notes on each derived workload what it came from, so
// the JSON report carries it too.
func decorateFromLogs(_ *App, cmd *cobra.Command, _ *tiers.Table, rep *planner.Report) error {
	cal, ok := cmd.Context().Value(calibrationKey{}).(usage.Calibration)
	if !ok {
		return nil
	}
	for i := range rep.Workloads {
		wp := &rep.Workloads[i]
		which := "median"
		if wp.Name == cal.Heavy.Name {
			which = "90th-percentile"
		}
		wp.Notes = append(wp.Notes, fmt.Sprintf("derived from Claude Code logs: %s on %s; the %s session (%s tokens, %s)",
			plural(cal.Sessions, "session"), plural(cal.ActiveDays, "active day"), which,
			planner.FormatQuantity(wp.Workload.TokensPerSession), plural(wp.Workload.CallsPerSession, "call")))
	}
	return nil
}

// writeCalibration shows the derived values before the plan.
func writeCalibration(app *App, c usage.Calibration) error {
	pctf := func(f float64) string { return fmt.Sprintf("%.1f%%", f*100) }
	var mix []string
	for _, m := range c.ModelMix {
		mix = append(mix, fmt.Sprintf("%s %s", m.Model, pctf(m.Share)))
	}
	if c.UnknownModelSessions > 0 {
		mix = append(mix, fmt.Sprintf("(%s on models not in the table left out)", plural(c.UnknownModelSessions, "session")))
	}
	days := "planner default (fewer than " + fmt.Sprint(usage.MinSpanDaysForMonth) + " days of logs)"
	switch {
	case c.ActiveDaysPerMonth > 0:
		days = fmt.Sprintf("%.1f", c.ActiveDaysPerMonth)
	case c.SpanDays >= usage.MinSpanDaysForMonth:
		days = fmt.Sprintf("planner default (%s over %s of logs is under %d a month)",
			plural(c.ActiveDays, "active day"), plural(c.SpanDays, "day"), usage.MinActiveDaysPerMonth)
	}
	ttl := c.Typical.CacheTTLName()
	g := render.Grid{
		Header: []string{"SETTING", "DERIVED", "FROM"},
		Rows: [][]string{
			{"sessions per day", fmt.Sprintf("%.2f", c.SessionsPerActiveDay), fmt.Sprintf("%s on %s", plural(c.Sessions, "session"), plural(c.ActiveDays, "active day"))},
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
	var buf bytes.Buffer
	write := render.Table
	if app.output == render.FormatMarkdown {
		buf.WriteString("### Workload derived from logs\n\n")
		write = render.Markdown
	} else {
		buf.WriteString("Workload derived from logs (one developer; --devs and the other workload flags override):\n")
	}
	if err := write(&buf, g); err != nil {
		return err
	}
	buf.WriteString("\n")
	_, err := app.env.Stdout.Write(buf.Bytes())
	return err
}
