package plan

import (
	"fmt"
	"math"
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/usage"
)

// plan --from-proxy derives the team's workload from a tierplan proxy's
// records, with the same calibration plan --from-logs applies to one
// developer's logs: the developers seen are --devs, and each plans the
// team's sessions per active day shared among them.

// ProxyOptions are the flags of plan --from-proxy.
type ProxyOptions struct {
	FromProxy string
	Since     string
	SinceSet  bool
}

// proxyCalibration is a calibration from proxy records, with what the
// notes say of it.
type proxyCalibration struct {
	cal  usage.Calibration
	devs int
	hits int // 429s recorded
}

// workloadsFromProxy derives the typical and the heavy workload from the
// records; pc is nil when --from-proxy is off.
func workloadsFromProxy(opts *Options) (ws []planner.Workload, pc *proxyCalibration, err error) {
	app, o := opts.App, opts.Proxy
	if o.FromProxy == "" {
		if o.SinceSet {
			return nil, nil, cmdutil.UsageErrorf("--proxy-since needs --from-proxy")
		}
		return nil, nil, nil
	}
	if len(opts.Files) > 0 || opts.Logs.FromLogsSet {
		return nil, nil, cmdutil.UsageErrorf("--from-proxy and --from-logs or --file both describe the workload; give one")
	}
	window, err := cmdutil.ParseLogWindow("", "", "UTC")
	if err != nil {
		return nil, nil, err
	}
	if window.Since, err = cmdutil.ParseDay("--proxy-since", o.Since, window.Loc); err != nil {
		return nil, nil, err
	}
	table, err := app.Table()
	if err != nil {
		return nil, nil, err
	}
	data, err := cmdutil.ReadProxyRecords(o.FromProxy, window)
	if err != nil {
		return nil, nil, err
	}
	c, err := usage.Calibrate(data, table, window.Loc)
	if err != nil {
		return nil, nil, fmt.Errorf("--from-proxy: %w", err)
	}
	devs := map[string]bool{}
	for _, e := range data.Entries() {
		devs[e.Project] = true
	}
	n := len(devs)
	ws = []planner.Workload{c.Typical, c.Heavy}
	for i := range ws {
		ws[i].Name = strings.Replace(ws[i].Name, "logs-", "proxy-", 1)
		ws[i].Devs = n
		ws[i].SessionsPerDay = max(math.Round(c.SessionsPerActiveDay/float64(n)*100)/100, 0.01)
		if err := opts.Workload.Apply(&ws[i]); err != nil {
			return nil, nil, err
		}
	}
	if app.Output == render.FormatTable || app.Output == render.FormatMarkdown {
		note := render.Plural(n, "developer") + "; sessions per day are per developer; --devs and the other workload flags override"
		if err := writeCalibrationFrom(app, c, "the proxy's records", note); err != nil {
			return nil, nil, err
		}
	}
	return ws, &proxyCalibration{c, n, len(data.LimitHits)}, nil
}

// addProxyNotes notes on each derived workload what it came from.
func addProxyNotes(rep *planner.Report, pc proxyCalibration) {
	for i := range rep.Workloads {
		wp := &rep.Workloads[i]
		which := "median"
		if strings.HasSuffix(wp.Name, "heavy") {
			which = "90th-percentile"
		}
		wp.Notes = append(wp.Notes, fmt.Sprintf("derived from the proxy's records: %s by %s on %s, %s recorded; the %s session (%s tokens, %s)",
			render.Plural(pc.cal.Sessions, "session"), render.Plural(pc.devs, "developer"), render.Plural(pc.cal.ActiveDays, "active day"),
			render.Plural(pc.hits, "429"), which, planner.FormatQuantity(wp.Workload.TokensPerSession), render.Plural(wp.Workload.CallsPerSession, "call")))
	}
}
