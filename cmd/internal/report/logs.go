package report

import (
	"fmt"
	"html/template"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/figures"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/planner/windows"
	"github.com/tierplan/tierplan/tiers"
)

// fromLogs is what --from-logs read: the typical and heavy workloads the
// logs show, and their days and blocks for the charts.
type fromLogs struct {
	workloads []planner.Workload
	cal       usage.Calibration
	report    usage.Report
	data      *usage.Data
	plan      string
	loc       *time.Location
}

// logsView is the logs' section: what was read and the charts.
type logsView struct {
	Facts  []fact
	Charts []template.HTML
}

// readLogs reads the logs as `tierplan usage` does and derives the
// workloads as `tierplan plan --from-logs` does; the workload flags apply on
// top.
func readLogs(opts *Options, t *tiers.Table) (*fromLogs, error) {
	app := opts.App
	window, err := cmdutil.ParseLogWindow(opts.Since, "", opts.TZ)
	if err != nil {
		return nil, err
	}
	paths, err := cmdutil.FromLogsPaths(opts.FromLogs)
	if err != nil {
		return nil, err
	}
	if opts.Plan != "" {
		if _, ok := t.Plan(opts.Plan); !ok {
			return nil, cmdutil.UsageErrorf("--plan %q: no plan of that name in the tier table %s", opts.Plan, t.Origin)
		}
	}
	data, c, ws, err := cmdutil.LogWorkloads(app, paths, window, t, opts.Workload)
	if err != nil {
		return nil, err
	}
	l := &fromLogs{workloads: ws, cal: c, data: data, plan: opts.Plan, loc: window.Loc}
	l.report = usage.BuildReport(data, t, usage.ReportOptions{Location: window.Loc})
	return l, nil
}

// view is the logs' facts and charts; the blocks are set against --plan,
// else the plan recommended for the typical workload when a plan is.
func (l *fromLogs) view(t *tiers.Table, typical planner.WorkloadPlan) *logsView {
	r, c := l.report, l.cal
	v := &logsView{Facts: []fact{
		{"Read", fmt.Sprintf("%s, %s of usage", render.Plural(r.Files, "file"), render.Plural(r.UsageLines, "line"))},
		{"Sessions", fmt.Sprintf("%s on %s", render.Plural(c.Sessions, "session"), render.Plural(c.ActiveDays, "active day"))},
		{"Tokens", fmt.Sprintf("%s, %s at list prices", tiers.GroupDigits(r.Totals.TotalTokens), r.Totals.CostUSD)},
		{"Time zone", r.Timezone},
	}}
	name := l.plan
	if rec := typical.Recommendation; name == "" && rec.Tier != nil && rec.Kind == planner.KindSubscription {
		name = *rec.Tier
	}
	var plan *tiers.Plan
	var uses []windows.BlockUse
	if p, ok := t.Plan(name); ok {
		plan, uses = &p, windows.Against(r.Blocks, l.data.Entries(), t, p)
		v.Facts = append(v.Facts, fact{"5-hour blocks against", p.Name + " (" + figures.Basis(p.Counts) + " at list prices)"})
	}
	for _, pic := range figures.Usage(r, plan, figures.Basis(planCounts(plan)), uses, l.loc) {
		v.Charts = append(v.Charts, template.HTML(pic.SVG()))
	}
	return v
}

func planCounts(p *tiers.Plan) []tiers.TokenKind {
	if p == nil {
		return nil
	}
	return p.Counts
}
