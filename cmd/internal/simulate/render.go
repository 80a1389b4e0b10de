package simulate

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/simulate"
	"github.com/tierplan/tierplan/tiers"
)

// simulateOutput is the simulate report in every format.
func simulateOutput(rep *simulateReport, charts func(*render.Page)) render.Report {
	return render.Report{
		Model: rep,
		CSV: func() render.Grid {
			switch {
			case len(rep.Compare) > 0:
				return compareGrid(rep.Compare, true)
			case rep.Runs != nil:
				return runsGrid(rep.Runs, true)
			}
			return summaryGrid(rep, true)
		},
		Text: func(buf *render.Page) error {
			md := buf.MD
			writeSimulateHeader(buf, rep, md)
			sections := []struct {
				title string
				grid  render.Grid
				show  bool
			}{
				{"Summary", summaryGrid(rep, false), true},
				{"By hour (mean per day)", hoursGrid(rep), len(rep.Hours) > 0},
				{"Retry policies on the same seed", compareGrid(rep.Compare, false), len(rep.Compare) > 0},
				{"Over runs", runsGrid(rep.Runs, false), rep.Runs != nil},
			}
			for _, s := range sections {
				if !s.show {
					continue
				}
				if err := render.Section(buf, s.title, s.grid); err != nil {
					return err
				}
			}
			writeSimulateNotes(buf, rep, md)
			if charts != nil {
				charts(buf)
			}
			return nil
		},
	}
}

func writeSimulateHeader(w io.Writer, rep *simulateReport, md bool) {
	st := rep.Settings
	title := fmt.Sprintf("Simulated %s on %s: %s × %s sessions/day × %s tokens on %s",
		render.Plural(st.Days, "working day"), rep.Tier, render.Plural(rep.Workload.Devs, "developer"),
		render.Num(rep.Workload.SessionsPerDay), planner.FormatQuantity(rep.Workload.TokensPerSession), rep.Model)
	var lines []string
	for _, p := range rep.Pools {
		lines = append(lines, fmt.Sprintf("limits (pool %s): %s", p.Pool, limitsLine(p.Limits)),
			fmt.Sprintf("window %s: the buckets hold %s", strconv.FormatFloat(st.WindowS, 'f', -1, 64)+"s", holdsLine(p.Limits.BucketHolds)))
	}
	lines = append(lines,
		fmt.Sprintf("session: %s calls, context %s → %s; a call takes %s, then %s of tool time; turns of %s calls, then a %s pause, on average",
			render.Num(rep.Session.Calls), planner.FormatQuantity(rep.Session.FirstContext),
			planner.FormatQuantity(rep.Session.LargestContext), seconds(rep.Session.MeanLatencyS), seconds(st.ToolTimeS),
			render.Num(st.CallsPerTurn), seconds(st.PauseS)),
		fmt.Sprintf("clients: %s; sessions arrive %s from %s; seed %d", policyLine(st), st.Arrival, st.DayStart, st.Seed),
		fmt.Sprintf("tier table: %s (as of %s)", rep.TiersSource, rep.TiersAsOf),
	)
	render.Summary(w, title, lines, md)
}

func limitsLine(l simulateLimits) string {
	var parts []string
	for _, x := range []struct {
		v    int64
		name string
	}{{l.RPM, "RPM"}, {l.ITPM, "ITPM"}, {l.OTPM, "OTPM"}, {l.TPM, "TPM"}, {l.TokensPerDay, "tokens/day"}, {l.RequestsPerDay, "requests/day"}} {
		if x.v > 0 {
			parts = append(parts, tiers.GroupDigits(x.v)+" "+x.name)
		}
	}
	if l.SpendCap != nil {
		parts = append(parts, "spend cap "+l.SpendCap.String()+"/month")
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func holdsLine(h map[string]float64) string {
	var parts []string
	for _, name := range simulate.LimitNames {
		if v, ok := h[name]; ok {
			unit := " tokens"
			if name == "rpm" {
				unit = " requests"
			}
			parts = append(parts, fmt.Sprintf("%s%s (%s)", quantity(v), unit, strings.ToUpper(name)))
		}
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

// quantity writes a bucket size: whole numbers grouped, fractions with two
// decimals.
func quantity(v float64) string {
	cents := int64(math.Round(v * 100))
	if cents%100 == 0 {
		return tiers.GroupDigits(cents / 100)
	}
	return fmt.Sprintf("%s.%02d", tiers.GroupDigits(cents/100), cents%100)
}

func policyLine(st simulateSettings) string {
	if st.Policy == "none" {
		return "none (no retries)"
	}
	ra := "retry-after honoured"
	if !st.HonourRetryAfter {
		ra = "retry-after ignored"
	}
	return fmt.Sprintf("%s (%d retries, %s base, %s cap, %s)", st.Policy, st.MaxRetries, seconds(st.RetryBaseS), seconds(st.RetryCapS), ra)
}

// summaryGrid is the run's key figures; raw gives machine-readable values
// (CSV) keyed by their JSON names.
func summaryGrid(rep *simulateReport, raw bool) render.Grid {
	r := rep.Result
	i := func(n int64) string { return tiers.GroupDigits(n) }
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	rows := [][3]string{
		{"sessions", "sessions", i(r.Sessions)},
		{"incomplete_sessions", "  incomplete (lost a call; left out of the two lines below)", i(r.IncompleteSessions)},
		{"attempted", "calls attempted", i(r.Attempted)},
		{"succeeded", "  succeeded", i(r.Succeeded)},
		{"abandoned", "  abandoned (retries exhausted, or too large)", i(r.Abandoned)},
		{"not_attempted", "calls not sent (session stopped by a quota or the cap)", i(r.NotAttempted)},
		{"requests", "requests sent, retries included", i(r.Requests)},
		{"rejected_429", "429 responses", i(r.Rejected429) + byLimit(r.RejectedBy)},
		{"rejected_429_per_hour", "429s per working hour", f(r.Rejected429PerHour)},
		{"wait_p50_s", "added wait per call p50 / p95 / p99", seconds(r.WaitP50S) + " / " + seconds(r.WaitP95S) + " / " + seconds(r.WaitP99S)},
		{"session_wait_p50_s", "added wait per session p50 / p95 / p99", seconds(r.SessionWaitP50S) + " / " + seconds(r.SessionWaitP95S) + " / " + seconds(r.SessionWaitP99S)},
		{"session_longer_pct", "complete sessions' time lost to throttling", signedPct(r.SessionLongerPct)},
		{"makespan_s", "working day (mean, to the last complete session)", dayLine(r)},
		{"cache_misses", "calls sent cold after the cache TTL ran out", i(r.CacheMisses)},
		{"spend_usd", "spend at list prices", r.Spend.String()},
	}
	if raw {
		g := render.Grid{Header: []string{"metric", "value"}}
		vals := map[string]string{
			"sessions": strconv.FormatInt(r.Sessions, 10), "incomplete_sessions": strconv.FormatInt(r.IncompleteSessions, 10), "attempted": strconv.FormatInt(r.Attempted, 10),
			"succeeded": strconv.FormatInt(r.Succeeded, 10), "abandoned": strconv.FormatInt(r.Abandoned, 10),
			"not_attempted": strconv.FormatInt(r.NotAttempted, 10), "requests": strconv.FormatInt(r.Requests, 10),
			"rejected_429": strconv.FormatInt(r.Rejected429, 10), "rejected_429_per_hour": f(r.Rejected429PerHour),
			"wait_mean_s": f(r.WaitMeanS), "wait_p50_s": f(r.WaitP50S), "wait_p95_s": f(r.WaitP95S), "wait_p99_s": f(r.WaitP99S),
			"session_wait_p50_s": f(r.SessionWaitP50S), "session_wait_p95_s": f(r.SessionWaitP95S), "session_wait_p99_s": f(r.SessionWaitP99S),
			"session_longer_pct": f(r.SessionLongerPct), "makespan_s": f(r.MakespanS), "unthrottled_makespan_s": f(r.UnthrottledMakespanS), "day_longer_pct": f(r.DayLongerPct),
			"cache_misses": strconv.FormatInt(r.CacheMisses, 10), "spend_usd": r.Spend.Decimal(),
		}
		for _, k := range []string{"sessions", "incomplete_sessions", "attempted", "succeeded", "abandoned", "not_attempted", "requests", "rejected_429",
			"rejected_429_per_hour", "wait_mean_s", "wait_p50_s", "wait_p95_s", "wait_p99_s", "session_wait_p50_s", "session_wait_p95_s",
			"session_wait_p99_s", "session_longer_pct", "makespan_s", "unthrottled_makespan_s", "day_longer_pct", "cache_misses", "spend_usd"} {
			g.Rows = append(g.Rows, []string{k, vals[k]})
		}
		for _, k := range sortedKeys(r.RejectedBy) {
			g.Rows = append(g.Rows, []string{"rejected_by_" + k, strconv.FormatInt(r.RejectedBy[k], 10)})
		}
		return g
	}
	g := render.Grid{Header: []string{"METRIC", "VALUE"}, RightAlign: []bool{false, true}}
	for _, row := range rows {
		g.Rows = append(g.Rows, []string{row[1], row[2]})
	}
	// A narrow terminal wraps the metric's words rather than lose the value.
	return g.WrapCells("METRIC", "VALUE")
}

func byLimit(by map[string]int64) string {
	if len(by) == 0 {
		return ""
	}
	var parts []string
	for _, k := range sortedKeys(by) {
		parts = append(parts, k+" "+tiers.GroupDigits(by[k]))
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func sortedKeys(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func dayLine(r simulate.Result) string {
	return fmt.Sprintf("%s vs %s unthrottled (%s)", seconds(r.MakespanS), seconds(r.UnthrottledMakespanS), signedPct(r.DayLongerPct))
}

// signedPct writes a change in percent with its sign: "+4.2%", "-1.0%".
func signedPct(x float64) string { return fmt.Sprintf("%+.1f%%", x) }

// hoursGrid is requests, 429s and bucket use per clock hour.
func hoursGrid(rep *simulateReport) render.Grid {
	g := render.Grid{Header: []string{"HOUR", "REQUESTS", "429S"}, RightAlign: []bool{false, true, true}}
	var present []string
	for _, name := range simulate.LimitNames {
		if _, ok := rep.Limits.BucketHolds[name]; ok {
			present = append(present, name)
			g.Header = append(g.Header, strings.ToUpper(name)+" USE")
			g.RightAlign = append(g.RightAlign, true)
		}
	}
	for _, h := range rep.Hours {
		row := []string{fmt.Sprintf("%02d:00", h.Hour), strconv.FormatFloat(h.Requests, 'f', -1, 64), strconv.FormatFloat(h.Rejected429, 'f', -1, 64)}
		for _, name := range present {
			row = append(row, render.Pct(h.Utilization[name]))
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

// compareGrid is one row per retry policy.
func compareGrid(rs []simulate.Result, raw bool) render.Grid {
	g := render.Grid{
		Header:     []string{"POLICY", "REQUESTS", "429S", "ABANDONED", "INCOMPLETE SESSIONS", "WAIT P50", "WAIT P95", "WAIT P99", "SESSION P95", "COMPLETE SESSIONS LONGER", "DAY LONGER"},
		RightAlign: []bool{false, true, true, true, true, true, true, true, true, true, true},
	}
	if raw {
		g.Header = []string{"policy", "requests", "rejected_429", "abandoned", "incomplete_sessions", "wait_p50_s", "wait_p95_s", "wait_p99_s", "session_wait_p95_s", "session_longer_pct", "day_longer_pct"}
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	for _, r := range rs {
		if raw {
			g.Rows = append(g.Rows, []string{r.Policy, strconv.FormatInt(r.Requests, 10), strconv.FormatInt(r.Rejected429, 10),
				strconv.FormatInt(r.Abandoned, 10), strconv.FormatInt(r.IncompleteSessions, 10), f(r.WaitP50S), f(r.WaitP95S), f(r.WaitP99S), f(r.SessionWaitP95S), f(r.SessionLongerPct), f(r.DayLongerPct)})
			continue
		}
		g.Rows = append(g.Rows, []string{r.Policy, tiers.GroupDigits(r.Requests), tiers.GroupDigits(r.Rejected429), tiers.GroupDigits(r.Abandoned), tiers.GroupDigits(r.IncompleteSessions),
			seconds(r.WaitP50S), seconds(r.WaitP95S), seconds(r.WaitP99S), seconds(r.SessionWaitP95S),
			signedPct(r.SessionLongerPct), signedPct(r.DayLongerPct)})
	}
	if raw {
		return g
	}
	// A narrow terminal keeps the policy, its 429s and the tail of its
	// waits.
	return g.DropFirst("COMPLETE SESSIONS LONGER", "WAIT P99", "WAIT P50", "INCOMPLETE SESSIONS", "ABANDONED", "SESSION P95", "REQUESTS", "DAY LONGER")
}

// runsGrid is each key metric's spread over runs.
func runsGrid(r *runsReport, raw bool) render.Grid {
	g := render.Grid{Header: []string{"METRIC", "P10", "P50", "P90", "MAX"}, RightAlign: []bool{false, true, true, true, true}}
	if raw {
		g.Header = []string{"metric", "p10", "p50", "p90", "max"}
	}
	if r == nil {
		return g
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	for _, m := range r.Metrics {
		g.Rows = append(g.Rows, []string{m.Metric, f(m.P10), f(m.P50), f(m.P90), f(m.Max)})
	}
	return g
}

func writeSimulateNotes(w io.Writer, rep *simulateReport, md bool) {
	if rep.Runs != nil {
		fmt.Fprintf(w, "\n%s: seeds %d to %d, session sizes varied (lognormal σ %g); the summary above is seed %d\n",
			render.Plural(rep.Runs.Count, "run"), rep.Settings.Seed, rep.Settings.Seed+uint64(rep.Runs.Count)-1, rep.Runs.TokenSpread, rep.Settings.Seed)
	}
	if len(rep.Notes) == 0 {
		return
	}
	bullet := "  - "
	if md {
		bullet = "- "
	}
	fmt.Fprintln(w, "\nNotes:")
	for _, n := range rep.Notes {
		fmt.Fprintf(w, "%s%s\n", bullet, n)
	}
}
