package plan

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/tiers"
)

// limitColumns are plan's per-limit columns, in order, with their headers.
var limitColumns = []struct {
	limit  planner.Limit
	header string
}{
	{planner.LimitRPM, "RPM"},
	{planner.LimitITPM, "ITPM"},
	{planner.LimitOTPM, "OTPM"},
	{planner.LimitTPM, "TPM"},
	{planner.LimitRequestSize, "CALL SIZE"},
	{planner.LimitDailyTokens, "DAY TOKENS"},
	{planner.LimitDailyRequests, "DAY REQUESTS"},
	{planner.LimitMonthlySpend, "SPEND CAP"},
	{planner.LimitWindow5h, "5H"},
	{planner.LimitWeekly, "WEEKLY"},
	{planner.LimitBatchQueue, "BATCH QUEUE"},
}

// planReport is the plan report in every format; charts, when set, adds
// a workload's charts under its text.
func planReport(rep planner.Report, charts func(p *render.Page, workload int)) render.Report {
	return render.Report{
		Model: rep,
		CSV:   func() render.Grid { return planCSV(rep) },
		Text: func(buf *render.Page) error {
			md := buf.MD
			for i, wp := range rep.Workloads {
				if i > 0 {
					buf.WriteString("\n")
				}
				writePlanSummary(buf, rep, wp, md)
				table := render.Table
				if md {
					buf.WriteString("\n")
					table = render.Markdown
				}
				if err := table(buf, planGrid(wp)); err != nil {
					return err
				}
				writePlanFooter(buf, wp, md)
				if charts != nil {
					charts(buf, i)
				}
			}
			return nil
		},
	}
}

func writePlanSummary(w io.Writer, rep planner.Report, wp planner.WorkloadPlan, md bool) {
	in := wp.Workload
	models := wp.Parts[0].Model.Name + " (pool " + wp.Parts[0].Model.Pool + ")"
	if len(in.Mix) > 0 {
		var ms []string
		for _, s := range in.Shares() {
			ms = append(ms, fmt.Sprintf("%s %.0f%%", s.Model, 100*s.Share))
		}
		models = "a mix of " + strings.Join(ms, ", ")
	}
	title := fmt.Sprintf("Workload %s: %s/day × %s tokens × %s on %s",
		wp.Name, render.PluralF(in.SessionsPerDay, "session"), planner.FormatQuantity(in.TokensPerSession), render.Plural(in.Devs, "developer"), models)
	var lines []string
	seen := map[string]bool{}
	for _, p := range wp.Parts {
		s, d := p.Session, p.Demand
		prefix := ""
		if len(wp.Parts) > 1 {
			prefix = p.Model.Name + " "
			if p.Batch {
				prefix += "batch "
			}
		}
		if !seen[p.Model.Name] {
			seen[p.Model.Name] = true
			lines = append(lines, sessionLines(prefix, in, s)...)
		}
		if p.Batch {
			lines = append(lines, fmt.Sprintf("%s%.0f%% of sessions through the Batch API: %s requests a day, off the per-minute limits",
				prefix, 100*p.Share, tiers.GroupDigits(d.DailyRequests)))
			continue
		}
		lines = append(lines, fmt.Sprintf("%sthe day (%s arrivals, seed %d): at most %s at once; busiest minute %s, %s input tokens (as %s counts them), %s output tokens",
			prefix, in.Arrival, in.Seed, render.Plural(int(d.PeakSessions), "session"), render.Plural(int(d.PeakMinute.Requests), "request"),
			tiers.GroupDigits(d.PeakMinute.ITPM), p.Model.Pool, tiers.GroupDigits(d.PeakMinute.OTPM)))
	}
	var dayTokens, dayRequests int64
	for _, p := range wp.Parts {
		dayTokens += p.Demand.DailyTokens
		dayRequests += p.Demand.DailyRequests
	}
	lines = append(lines,
		fmt.Sprintf("per day: %s tokens, %s; per month (%s days): %s at list prices",
			planner.FormatQuantity(dayTokens), render.Plural(int(dayRequests), "request"), render.Num(in.DaysPerMonth), wp.MonthlyCost.Total),
		costLine(wp.MonthlyCost),
		fmt.Sprintf("tier table: %s (as of %s)", rep.TiersSource, rep.TiersAsOf))
	render.Summary(w, title, lines, md)
}

// sessionLines describe a part's session: its shape, then its timing and
// what the time model made of it.
func sessionLines(prefix string, in planner.Workload, s planner.SessionInfo) []string {
	calls := render.Plural(s.Calls, "call")
	if s.ExtraShare > 0 {
		calls = fmt.Sprintf("%s calls on average (%d, or %d for %s of sessions)", render.Num(s.MeanCalls), s.Calls, s.Calls+1, render.Pct(s.ExtraShare))
	}
	shape := fmt.Sprintf("%ssession: %s; context %s → %s, +%s tokens a call, %s output; cache %s; %s",
		prefix, calls, planner.FormatQuantity(s.FirstContext), planner.FormatQuantity(s.LargestContext),
		tiers.GroupDigits(int64(s.GrowthPerCall+0.5)), tiers.GroupDigits(s.OutputPerCall), s.CacheTTL, compactions(s.Compactions))
	timing := fmt.Sprintf("%stime: turns of %s calls, %s of tool time between, %s pauses; a call takes %ss; a session runs %s min, %s calls a minute, up to %d in one minute; %s of later calls cold",
		prefix, render.Num(in.CallsPerTurn), seconds(in.ToolTimeS), seconds(in.PauseS), strconv.FormatFloat(render.Round(s.CallSeconds, 1), 'f', -1, 64),
		render.Num(s.Minutes), render.Num(s.CallsPerMinute), s.BurstPerMinute, render.Pct(s.ColdShare))
	if s.Minutes == 0 {
		// A model with a small share of a mix may have no session on the
		// modelled day: its timing is unknown, not zero.
		timing = fmt.Sprintf("%stime: turns of %s calls, %s of tool time between, %s pauses; a call takes %ss; no session of this model falls on the modelled day (seed %d)",
			prefix, render.Num(in.CallsPerTurn), seconds(in.ToolTimeS), seconds(in.PauseS), strconv.FormatFloat(render.Round(s.CallSeconds, 1), 'f', -1, 64), in.Seed)
	}
	return []string{shape, timing}
}

// seconds writes a duration in seconds as people read one: "8s", "3m",
// "1m 30s".
func seconds(x float64) string {
	switch s := int64(x + 0.5); {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s%60 == 0:
		return fmt.Sprintf("%dm", s/60)
	default:
		return fmt.Sprintf("%dm %02ds", s/60, s%60)
	}
}

func writePlanFooter(w io.Writer, wp planner.WorkloadPlan, md bool) {
	rec := wp.Recommendation
	head := "Recommendation: none"
	if rec.Tier != nil {
		head = "Recommendation: " + *rec.Tier
	}
	bullet := "  - "
	if md {
		head = "**" + head + "**"
		bullet = "- "
		fmt.Fprintln(w)
	}
	sep := ": "
	if rec.Tier != nil {
		sep = ", "
	}
	fmt.Fprintf(w, "%s%s%s\n", head, sep, rec.Reason)
	if len(wp.Notes) > 0 {
		if md {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, "Notes:")
		for _, n := range wp.Notes {
			fmt.Fprintf(w, "%s%s\n", bullet, n)
		}
	}
}

// planGrid is the result table: one row per tier or plan, a column per limit
// that any of them has.
func planGrid(wp planner.WorkloadPlan) render.Grid {
	present := map[planner.Limit]bool{}
	sim := false
	for _, r := range wp.Results {
		for l := range r.Utilization {
			present[l] = true
		}
		if len(r.UnknownLimits) > 0 { // shown as unknown, not left out
			present[planner.LimitRPM], present[planner.LimitITPM], present[planner.LimitOTPM] = true, true, true
		}
		sim = sim || r.Expected429PerHour != nil
	}
	g := render.Grid{Header: []string{"TIER/PLAN", "KIND", "VERDICT", "BINDING"}}
	right := []bool{false, false, false, false}
	for _, c := range limitColumns {
		if present[c.limit] {
			g.Header = append(g.Header, c.header)
			right = append(right, true)
		}
	}
	g.Header = append(g.Header, "COST/MONTH", "429 FROM")
	right = append(right, true, true)
	if sim {
		g.Header = append(g.Header, "429S/HOUR")
		right = append(right, true)
	}
	g.RightAlign = right
	for _, r := range wp.Results {
		row := []string{r.Name, r.Kind, string(r.Verdict), string(r.Binding)}
		for _, c := range limitColumns {
			if present[c.limit] {
				row = append(row, pctCell(r, c.limit))
			}
		}
		from := "-"
		if r.ThrottledFromCall != nil {
			from = strconv.Itoa(*r.ThrottledFromCall)
		}
		row = append(row, r.MonthlyCost.String(), from)
		if sim {
			cell := "-"
			if r.Expected429PerHour != nil {
				cell = strconv.FormatFloat(*r.Expected429PerHour, 'f', 1, 64)
			}
			row = append(row, cell)
		}
		g.Rows = append(g.Rows, row)
	}
	// What a narrow terminal loses first: the rarer limits, then the
	// per-minute detail; the name, verdict, cost and binding limit stay.
	return g.DropFirst("429 FROM", "BATCH QUEUE", "DAY REQUESTS", "DAY TOKENS", "CALL SIZE", "TPM", "SPEND CAP",
		"KIND", "OTPM", "RPM", "WEEKLY", "429S/HOUR", "ITPM", "5H")
}

// pctCell is a limit's use, "-" where the tier or plan has no such limit,
// and "?" for a per-minute limit of a pool whose limits are not published.
func pctCell(r planner.Result, l planner.Limit) string {
	x, ok := r.Utilization[l]
	switch {
	case ok && len(r.UnknownLimits) > 0 && l.PerMinute():
		return render.Pct(x) + "?" // the known pools' use; the unknown pool's is not
	case ok:
		return render.Pct(x)
	case len(r.UnknownLimits) > 0 && l.PerMinute():
		return "?"
	}
	return "-"
}

// planCSV flattens every workload's results into rows for spreadsheets.
func planCSV(rep planner.Report) render.Grid {
	g := render.Grid{Header: []string{"workload", "tier", "kind", "verdict", "binding_limit"}}
	for _, c := range limitColumns {
		g.Header = append(g.Header, "utilization_"+string(c.limit))
	}
	g.Header = append(g.Header, "monthly_cost_usd", "throttled_from_call", "recommended")
	for _, wp := range rep.Workloads {
		for _, r := range wp.Results {
			row := []string{wp.Name, r.Name, r.Kind, string(r.Verdict), string(r.Binding)}
			for _, c := range limitColumns {
				cell := ""
				if x, ok := r.Utilization[c.limit]; ok {
					cell = strconv.FormatFloat(x, 'f', 4, 64)
				}
				row = append(row, cell)
			}
			from := ""
			if r.ThrottledFromCall != nil {
				from = strconv.Itoa(*r.ThrottledFromCall)
			}
			rec := wp.Recommendation.Tier != nil && *wp.Recommendation.Tier == r.Name
			row = append(row, r.MonthlyCost.Decimal(), from, strconv.FormatBool(rec))
			g.Rows = append(g.Rows, row)
		}
	}
	return g
}

// costLine breaks the monthly API bill down by token kind.
func costLine(c planner.Cost) string {
	s := fmt.Sprintf("API cost a month by kind: input %s, cache writes %s, cache reads %s, output %s",
		c.Input, c.CacheWrite5m+c.CacheWrite1h, c.CacheRead, c.Output)
	if c.LongContext > 0 {
		s += fmt.Sprintf(" (%s of it at long-context rates)", c.LongContext)
	}
	return s
}

func compactions(n int) string {
	switch n {
	case 0:
		return "no compaction"
	case 1:
		return "1 compaction"
	}
	return fmt.Sprintf("%d compactions", n)
}
