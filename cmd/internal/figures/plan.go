// Package figures builds the charts of tierplan's reports (package chart's
// models) from the planner's results: a session's context call by call and
// the busiest minute against each tier (plan), the bill along a sweep with
// the break-even points (cost), days and 5-hour blocks of logged use
// (usage). The commands that draw them and the HTML report share them here.
package figures

import (
	"fmt"

	"github.com/tierplan/tierplan/cmd/internal/chart"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/tiers"
)

// Plan is plan's charts of one workload: its longest session's
// context call by call, with the compaction threshold and the context
// window; and the busiest minute against each API tier's per-minute limits.
func Plan(t *tiers.Table, wp planner.WorkloadPlan) ([]chart.Picture, error) {
	r, err := planner.Resolve(wp.Workload, t)
	if err != nil {
		return nil, err
	}
	part := r.Parts[0] // the model with most of the sessions
	for _, p := range r.Parts[1:] {
		if p.Share > part.Share {
			part = p
		}
	}
	spec := part.Spec
	calls := spec.Shape.Calls(spec.Length.Longest())
	fig := chart.Figure{
		Title: fmt.Sprintf("Context per call of the longest session (%s, %d calls)", part.Model.Name, len(calls)),
		X:     chart.Axis{Title: "call of the session", Unit: chart.Count},
		Y:     chart.Axis{Title: "tokens sent", Unit: chart.Tokens},
	}
	ctx := chart.Series{Name: "context sent with the call"}
	for i, c := range calls {
		ctx.X = append(ctx.X, float64(i+1))
		ctx.Y = append(ctx.Y, float64(c.Context))
	}
	fig.Series = []chart.Series{ctx}
	largest := int64(0)
	for _, c := range calls {
		largest = max(largest, c.Context)
	}
	// A threshold far above the session would flatten it to the axis: it
	// is drawn when the session comes within a third of it, else named.
	for _, ref := range []struct {
		name string
		at   int64
	}{{"compacts at", spec.Shape.CompactAt}, {"context window", part.Model.ContextWindow}} {
		switch {
		case ref.at <= 0:
		case largest*3 >= ref.at:
			fig.Refs = append(fig.Refs, chart.Ref{Name: ref.name + " " + chart.Tokens.Format(float64(ref.at)), Y: float64(ref.at)})
		case ref.name == "compacts at":
			fig.Title += "; compacts at " + chart.Tokens.Format(float64(ref.at)) + ", not reached"
		}
	}
	pics := []chart.Picture{fig}
	if m, ok := PeakMeter(t, wp); ok {
		pics = append(pics, m)
	}
	return pics, nil
}

// PeakMeter is the busiest minute against each API tier's per-minute
// limits, as plan's table rates them; the figures behind each share are
// given when the workload draws on one pool.
func PeakMeter(t *tiers.Table, wp planner.WorkloadPlan) (chart.Meter, bool) {
	m := chart.Meter{Title: "Busiest minute against each API tier's per-minute limits"}
	var pool string
	var peak planner.Charge
	pools := 0
	for _, p := range wp.Parts {
		if !p.Batch {
			pools++
			pool, peak = p.Model.Pool, p.Demand.PeakMinute
		}
	}
	for _, res := range wp.Results {
		if res.Kind != planner.KindAPI {
			continue
		}
		tier, _ := t.Tier(res.Name)
		lim := tier.Limits[pool]
		g := chart.MeterGroup{Name: res.Name}
		for _, l := range []struct {
			limit      planner.Limit
			name       string
			used, have int64
		}{
			{planner.LimitRPM, "RPM", peak.Requests, lim.RPM},
			{planner.LimitITPM, "ITPM", peak.ITPM, lim.ITPM},
			{planner.LimitOTPM, "OTPM", peak.OTPM, lim.OTPM},
			{planner.LimitTPM, "TPM", peak.TPM, lim.TPM},
		} {
			share, ok := res.Utilization[l.limit]
			if !ok {
				continue
			}
			note := ""
			if pools == 1 && l.have > 0 {
				note = tiers.GroupDigits(l.used) + " of " + tiers.GroupDigits(l.have)
			}
			g.Bars = append(g.Bars, chart.MeterBar{Label: l.name, Share: share, Note: note})
		}
		if len(g.Bars) > 0 {
			m.Groups = append(m.Groups, g)
		}
	}
	return m, len(m.Groups) > 0
}
