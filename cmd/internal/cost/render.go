package cost

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/tiers"
)

// costReport is the cost report in every format.
func costReport(rep planner.CostReport, charts func(*render.Page)) render.Report {
	return render.Report{
		Model: rep,
		CSV: func() render.Grid {
			if rep.Sweep != nil {
				return sweepCSV(*rep.Sweep)
			}
			return optionsCSV(rep)
		},
		Text: func(buf *render.Page) error {
			md := buf.MD
			writeCostSummary(buf, rep, md)
			table := render.Table
			if md {
				table = render.Markdown
				buf.WriteString("\n")
			}
			if err := table(buf, optionsGrid(rep)); err != nil {
				return err
			}
			writeCostFooter(buf, rep, md)
			if rep.Sweep != nil {
				if err := render.Section(buf, "Sweep over "+rep.Sweep.Param+" (cost a month; verdict when it does not fit)", sweepGrid(*rep.Sweep)); err != nil {
					return err
				}
			}
			if charts != nil {
				charts(buf)
			}
			return nil
		},
	}
}

func writeCostSummary(w io.Writer, rep planner.CostReport, md bool) {
	in := rep.Workload
	c := rep.ByKind
	lines := []string{
		fmt.Sprintf("API at list prices: %s a month (%s days)", rep.APICost, render.Num(in.DaysPerMonth)),
		fmt.Sprintf("by kind: input %s, cache write 5m %s, cache write 1h %s, cache read %s, output %s",
			c.Input, c.CacheWrite5m, c.CacheWrite1h, c.CacheRead, c.Output),
	}
	if c.LongContext > 0 {
		lines = append(lines, fmt.Sprintf("of which %s is billed at long-context rates (requests over the threshold, every token)", c.LongContext))
	}
	if len(rep.ByModel) > 1 {
		var ms []string
		for _, m := range rep.ByModel {
			name := m.Model
			if m.Batch {
				name += " (batch)"
			}
			ms = append(ms, fmt.Sprintf("%s %.0f%% %s", name, 100*m.Share, m.Cost))
		}
		lines = append(lines, "by model: "+strings.Join(ms, ", "))
	}
	if rep.BatchSavings > 0 {
		lines = append(lines, fmt.Sprintf("batch: %.0f%% of the work through the Batch API saves %s", 100*in.BatchShare, rep.BatchSavings))
	}
	lines = append(lines, fmt.Sprintf("tier table: %s (as of %s)", rep.TiersSource, rep.TiersAsOf))
	model := in.Model
	if len(in.Mix) > 0 {
		var ms []string
		for _, s := range in.Shares() {
			ms = append(ms, fmt.Sprintf("%s %.0f%%", s.Model, 100*s.Share))
		}
		model = "a mix of " + strings.Join(ms, ", ")
	}
	// The model is named as plan names it: prices differ by model.
	title := fmt.Sprintf("Workload %s: %s/day × %s tokens × %s on %s", in.Name, render.PluralF(in.SessionsPerDay, "session"),
		planner.FormatQuantity(in.TokensPerSession), render.Plural(in.Devs, "developer"), model)
	render.Summary(w, title, lines, md)
}

func writeCostFooter(w io.Writer, rep planner.CostReport, md bool) {
	bullet := "  - "
	if md {
		bullet = "- "
		fmt.Fprintln(w)
	}
	if rep.Cheapest != nil {
		for _, o := range rep.Options {
			if o.Name == *rep.Cheapest {
				unknown := ""
				if len(o.UnknownLimits) > 0 {
					unknown = fmt.Sprintf(" (the limits of pool %s are not known)", strings.Join(o.UnknownLimits, ", "))
				}
				fmt.Fprintf(w, "Cheapest that fits: %s at %s a month%s\n", o.Name, o.MonthlyCost, unknown)
			}
		}
	} else {
		fmt.Fprintln(w, "Cheapest that fits: none")
	}
	if len(rep.BreakEven) > 0 {
		if md {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, "Break-even:")
		for _, be := range rep.BreakEven {
			fmt.Fprintf(w, "%s%s: %s\n", bullet, be.Plan, describeBreakEven(be, rep.Workload))
		}
	}
	if len(rep.Notes) > 0 {
		if md {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, "Notes:")
		for _, n := range rep.Notes {
			fmt.Fprintf(w, "%s%s\n", bullet, n)
		}
	}
}

func moneyCell(m *tiers.Money) string {
	if m == nil {
		return "-"
	}
	return m.String()
}

func rangeCell(r *planner.Range) string {
	if r == nil {
		return "-"
	}
	return r.Low.String() + "–" + r.High.String()
}

func optionsGrid(rep planner.CostReport) render.Grid {
	g := render.Grid{
		Header:     []string{"OPTION", "KIND", "COST/MONTH", "VERDICT", "BINDING", "5H USE", "5H ALLOWANCE", "WEEK USE", "WEEK ALLOWANCE", "ALLOWANCE"},
		RightAlign: []bool{false, false, true, false, false, true, true, true, true, false},
	}
	for _, o := range rep.Options {
		fit := o.Allowance
		if fit == "" {
			fit = "-"
		}
		g.Rows = append(g.Rows, []string{o.Name, o.Kind, o.MonthlyCost.String(), string(o.Verdict), string(o.Binding),
			moneyCell(o.Window5hUSD), rangeCell(o.Window5h), moneyCell(o.WeeklyUSD), rangeCell(o.Weekly), fit})
	}
	// A narrow terminal keeps the option, its cost, verdict and binding
	// limit; the allowance detail goes first.
	return g.DropFirst("ALLOWANCE", "WEEK ALLOWANCE", "5H ALLOWANCE", "KIND", "WEEK USE", "5H USE")
}

func optionsCSV(rep planner.CostReport) render.Grid {
	g := render.Grid{Header: []string{"option", "kind", "monthly_cost_usd", "verdict", "binding_limit",
		"window_5h_use_usd", "window_5h_low_usd", "window_5h_high_usd", "weekly_use_usd", "weekly_low_usd", "weekly_high_usd", "cheapest"}}
	dec := func(m *tiers.Money) string {
		if m == nil {
			return ""
		}
		return m.Decimal()
	}
	for _, o := range rep.Options {
		var wl, wh, kl, kh *tiers.Money
		if o.Window5h != nil {
			wl, wh = &o.Window5h.Low, &o.Window5h.High
		}
		if o.Weekly != nil {
			kl, kh = &o.Weekly.Low, &o.Weekly.High
		}
		cheapest := rep.Cheapest != nil && *rep.Cheapest == o.Name
		g.Rows = append(g.Rows, []string{o.Name, o.Kind, o.MonthlyCost.Decimal(), string(o.Verdict), string(o.Binding),
			dec(o.Window5hUSD), dec(wl), dec(wh), dec(o.WeeklyUSD), dec(kl), dec(kh), strconv.FormatBool(cheapest)})
	}
	return g
}

func sweepValue(param string, v float64) string {
	if param == "tokens" {
		return planner.FormatQuantity(int64(v + 0.5))
	}
	return render.Num(v)
}

func sweepGrid(sw planner.Sweep) render.Grid {
	g := render.Grid{Header: append(append([]string{strings.ToUpper(sw.Param)}, sw.Options...), "CHEAPEST THAT FITS")}
	g.RightAlign = make([]bool, len(g.Header))
	for i := 0; i < len(g.Header)-1; i++ {
		g.RightAlign[i] = true
	}
	for _, st := range sw.Steps {
		row := []string{sweepValue(sw.Param, st.Value)}
		for _, o := range st.Options {
			cell := o.MonthlyCost.String()
			if o.Verdict != planner.Fits {
				cell += " " + string(o.Verdict)
			}
			row = append(row, cell)
		}
		cheapest := "none"
		if st.Cheapest != nil {
			cheapest = *st.Cheapest
		}
		g.Rows = append(g.Rows, append(row, cheapest))
	}
	return g
}

// sweepCSV has a cost and a verdict column per option, for spreadsheets.
func sweepCSV(sw planner.Sweep) render.Grid {
	g := render.Grid{Header: []string{sw.Param}}
	for _, o := range sw.Options {
		g.Header = append(g.Header, o+"_monthly_cost_usd", o+"_verdict")
	}
	g.Header = append(g.Header, "cheapest_that_fits")
	for _, st := range sw.Steps {
		row := []string{strconv.FormatFloat(st.Value, 'f', -1, 64)}
		for _, o := range st.Options {
			row = append(row, o.MonthlyCost.Decimal(), string(o.Verdict))
		}
		cheapest := ""
		if st.Cheapest != nil {
			cheapest = *st.Cheapest
		}
		g.Rows = append(g.Rows, append(row, cheapest))
	}
	return g
}
