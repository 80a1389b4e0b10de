package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"sync"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/chart"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/figures"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/tiers"
)

//go:embed page.html
var pageHTML string

// pageTemplate is the report's template, parsed when a report is written
// rather than at package init: every command links this package, and only
// report renders the page.
var pageTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Parse(pageHTML))
})

// page is what the template shows.
type page struct {
	Title, Generated, TiersSource, TiersAsOf, Command string
	ChartCSS                                          template.CSS
	Logs                                              *logsView
	Workloads                                         []workloadView
}

type fact struct{ Label, Value string }

// workloadView is one workload's section: its facts, recommendation, the
// table of every tier and plan, its notes and charts.
type workloadView struct {
	Name                string
	Facts               []fact
	Recommended, Reason string
	Header              []string
	Rows                [][]string
	Notes               []string
	Charts              []template.HTML
}

// buildPage plans the workloads (from the flags and files, or the logs)
// and lays out the page.
func buildPage(opts *Options) (page, error) {
	app := opts.App
	// The staleness warning names the oldest figure the plans used.
	app.DeferStaleness()
	t, err := app.Table()
	if err != nil {
		return page{}, err
	}
	p := page{
		Title:       "tierplan report",
		Generated:   app.Env.Clock().UTC().Format("2006-01-02 15:04 UTC"),
		TiersSource: t.Origin, Command: opts.command,
		ChartCSS: template.CSS(chart.Stylesheet),
	}
	if !t.AsOf.IsZero() {
		p.TiersAsOf = t.AsOf.Format(time.DateOnly)
	}
	var ws []planner.Workload
	var logs *fromLogs
	if opts.FromLogs != "" {
		if len(opts.Files) > 0 {
			return page{}, cmdutil.UsageErrorf("--from-logs and --file both describe the workload; give one")
		}
		if logs, err = readLogs(opts, t); err != nil {
			return page{}, err
		}
		ws = logs.workloads
		p.Title = "tierplan report: the workload of your logs"
	} else if ws, err = opts.Workload.Workloads(opts.Files); err != nil {
		return page{}, err
	}
	rep, err := planner.Plan(ws, t, planner.Options{})
	if err != nil {
		return page{}, err
	}
	app.UseFigures(cmdutil.PlanFigures(rep, "")...)
	for _, wp := range rep.Workloads {
		v, err := workloadSection(t, wp)
		if err != nil {
			return page{}, err
		}
		p.Workloads = append(p.Workloads, v)
	}
	if logs != nil {
		p.Logs = logs.view(t, rep.Workloads[0])
	}
	return p, nil
}

// workloadSection is one workload's facts, table and charts.
func workloadSection(t *tiers.Table, wp planner.WorkloadPlan) (workloadView, error) {
	in := wp.Workload
	v := workloadView{Name: wp.Name, Reason: wp.Recommendation.Reason, Notes: wp.Notes}
	if r := wp.Recommendation.Tier; r != nil {
		v.Recommended = *r
	}
	part := wp.Parts[0] // the model with most of the interactive sessions
	for _, p := range wp.Parts[1:] {
		if !p.Batch && (part.Batch || p.Share > part.Share) {
			part = p
		}
	}
	s, d := part.Session, part.Demand
	v.Facts = []fact{
		{"Sessions", fmt.Sprintf("%s a day × %s tokens × %s", render.PluralF(in.SessionsPerDay, "session"), planner.FormatQuantity(in.TokensPerSession), render.Plural(in.Devs, "developer"))},
		{"Model", part.Model.Name + " (pool " + part.Model.Pool + ")"},
		{"A session", fmt.Sprintf("%.2f calls on average; context %s → %s; %s", s.MeanCalls, planner.FormatQuantity(s.FirstContext), planner.FormatQuantity(s.LargestContext), render.Plural(s.Compactions, "compaction"))},
		{"Busiest minute", fmt.Sprintf("%s, %s input tokens, %s output tokens", render.Plural(int(d.PeakMinute.Requests), "request"), tiers.GroupDigits(d.PeakMinute.ITPM), tiers.GroupDigits(d.PeakMinute.OTPM))},
		{"API at list prices", fmt.Sprintf("%s a month (%s days)", wp.MonthlyCost.Total, render.Num(in.DaysPerMonth))},
	}
	v.Header = []string{"Tier or plan", "Kind", "Verdict", "Binding limit", "RPM", "ITPM", "OTPM", "Spend cap", "5-hour", "Weekly", "Cost a month"}
	limits := []planner.Limit{planner.LimitRPM, planner.LimitITPM, planner.LimitOTPM, planner.LimitMonthlySpend, planner.LimitWindow5h, planner.LimitWeekly}
	for _, r := range wp.Results {
		row := []string{r.Name, r.Kind, string(r.Verdict), string(r.Binding)}
		for _, l := range limits {
			cell := "–"
			if u, ok := r.Utilization[l]; ok {
				cell = render.Pct(u)
			}
			row = append(row, cell)
		}
		v.Rows = append(v.Rows, append(row, r.MonthlyCost.String()))
	}
	pics, err := figures.Plan(t, wp)
	if err != nil {
		return v, err
	}
	cost, err := planner.BuildCostReport(in, t, planner.Options{})
	if err != nil {
		return v, err
	}
	sw, err := planner.RunSweep(in, t, figures.CostSweep(cost), planner.Options{})
	if err != nil {
		return v, err
	}
	pics = append(pics, figures.Cost(cost, sw))
	for _, pic := range pics {
		v.Charts = append(v.Charts, template.HTML(pic.SVG())) // drawn here, every text escaped
	}
	return v, nil
}
