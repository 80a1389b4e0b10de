package figures

import (
	"math"

	"github.com/tierplan/tierplan/cmd/internal/chart"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/tiers"
)

// CostSweep is the sweep the chart draws when the user gave none: sessions
// a day from 1 to past the last break-even point and twice the workload's
// own, in about 40 steps.
func CostSweep(rep planner.CostReport) planner.SweepSpec {
	to := 2 * rep.Workload.SessionsPerDay
	for _, b := range rep.BreakEven {
		if b.SessionsPerDay != nil {
			to = math.Max(to, 1.25**b.SessionsPerDay)
		}
	}
	to = math.Min(math.Max(math.Ceil(to), 10), 1000)
	return planner.SweepSpec{Param: "sessions", From: 1, To: to, Step: math.Max(1, math.Round(to/40))}
}

// Cost is the monthly bill along the sweep: the API at list prices
// as a line, each plan's price across, where each plan breaks even and
// where the workload itself stands.
func Cost(rep planner.CostReport, sw planner.Sweep) chart.Figure {
	f := chart.Figure{
		Title: "Cost a month: the API at list prices against each plan's price",
		X:     chart.Axis{Title: "sessions a day (at " + planner.FormatQuantity(rep.Workload.TokensPerSession) + " tokens each)", Unit: chart.Count},
		Y:     chart.Axis{Title: "dollars a month", Unit: chart.Dollars},
	}
	you := rep.Workload.SessionsPerDay
	if sw.Param == "tokens" {
		f.X = chart.Axis{Title: "tokens a session (at " + planner.FormatQuantity(int64(rep.Workload.SessionsPerDay)) + " sessions a day)", Unit: chart.Tokens}
		you = float64(rep.Workload.TokensPerSession)
	}
	kind := map[string]string{}
	price := map[string]tiers.Money{}
	for _, o := range rep.Options {
		kind[o.Name], price[o.Name] = o.Kind, o.MonthlyCost
	}
	api := chart.Series{Name: "API at list prices"}
	apiName := ""
	for _, name := range sw.Options {
		if kind[name] == planner.KindAPI {
			apiName = name
			break
		}
	}
	carried := map[string]float64{} // the last step each plan fits
	for _, st := range sw.Steps {
		for _, o := range st.Options {
			switch {
			case o.Name == apiName:
				api.X = append(api.X, st.Value)
				api.Y = append(api.Y, o.MonthlyCost.Float())
			case kind[o.Name] == planner.KindSubscription && (o.Verdict == planner.Fits || o.Verdict == planner.Tight):
				carried[o.Name] = st.Value
			}
		}
	}
	if apiName != "" {
		f.Series = append(f.Series, api)
	}
	last := 0.0
	if n := len(sw.Steps); n > 0 {
		last = sw.Steps[n-1].Value
	}
	for _, name := range sw.Options {
		if kind[name] != planner.KindSubscription {
			continue
		}
		label := name + " " + price[name].String()
		if c, ok := carried[name]; !ok {
			label += " (never fits)"
		} else if c < last {
			label += " (fits to " + f.X.Unit.Format(c) + ")"
		}
		f.Refs = append(f.Refs, chart.Ref{Name: label, Y: price[name].Float()})
	}
	for _, b := range rep.BreakEven {
		x := b.SessionsPerDay
		if sw.Param == "tokens" {
			if b.TokensPerSession == nil {
				continue
			}
			v := float64(*b.TokensPerSession)
			x = &v
		}
		if x != nil && *x <= last {
			f.Marks = append(f.Marks, chart.Mark{Name: b.Plan + " breaks even", X: *x})
		}
	}
	if you <= last {
		f.Marks = append(f.Marks, chart.Mark{Name: "this workload", X: you})
	}
	return f
}
