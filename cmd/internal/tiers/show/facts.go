package show

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/cmd/internal/tiers/shared"
	"github.com/tierplan/tierplan/tiers"
)

// The first fact of each list is its heading.

func tierFacts(t *tiers.Table, x tiers.Tier) []fact {
	facts := []fact{{"", fmt.Sprintf("tier %s (%s, as of %s)", x.Name, t.Origin, t.AsOf.Format("2006-01-02"))}}
	if x.Reached != "" {
		facts = append(facts, fact{"reached", x.Reached})
	}
	facts = append(facts, fact{"monthly spend cap", shared.SpendCap(x)})
	if x.Negotiated {
		facts = append(facts, fact{"limits", "negotiated with the vendor; not evaluated"})
	}
	if b := x.Batch; b != nil {
		facts = append(facts, fact{"batch API", fmt.Sprintf("%s requests/min, %s requests queued", shared.CountCell(b.RPM), shared.CountCell(b.QueueRequests))})
	}
	if !x.Negotiated {
		for _, p := range t.Pools {
			if why, unknown := t.UnknownLimits[p]; unknown {
				if _, has := x.Limits[p]; !has {
					facts = append(facts, fact{"pool " + p, "limits unknown (" + why + ")"})
				}
			}
		}
	}
	return facts
}

// tierPoolsGrid lists a tier's limits per pool with the models that draw on
// each pool; nil for a tier without limits.
func tierPoolsGrid(t *tiers.Table, x tiers.Tier) *render.Grid {
	pools := shared.TierPools(t, x)
	if len(pools) == 0 {
		return nil
	}
	kinds := shared.UsedLimitKinds([]tiers.Tier{x})
	g := render.Grid{Header: []string{"POOL"}, RightAlign: []bool{false}}
	for _, k := range kinds {
		g.Header = append(g.Header, shared.LimitKinds[k].Header)
		g.RightAlign = append(g.RightAlign, true)
	}
	g.Header = append(g.Header, "MODELS")
	g.RightAlign = append(g.RightAlign, false)
	for _, p := range pools {
		row := []string{p}
		for _, k := range kinds {
			row = append(row, shared.CountCell(shared.LimitKinds[k].Get(x.Limits[p])))
		}
		g.Rows = append(g.Rows, append(row, strings.Join(poolModels(t, p), ", ")))
	}
	return &g
}

func poolModels(t *tiers.Table, pool string) []string {
	var out []string
	for _, m := range t.Models {
		if m.Pool == pool {
			out = append(out, m.Name)
		}
	}
	return out
}

func planFacts(t *tiers.Table, p tiers.Plan) []fact {
	facts := []fact{{"", fmt.Sprintf("plan %s (%s, as of %s)", p.Name, t.Origin, t.AsOf.Format("2006-01-02"))}}
	if len(p.Aliases) > 0 {
		facts = append(facts, fact{"former names", strings.Join(p.Aliases, ", ") + " (accepted, with a note)"})
	}
	if p.PriceMonthly != 0 {
		facts = append(facts, fact{"price", p.PriceMonthly.Exact() + " a month"})
	}
	if p.SeatPriceMonthly != 0 {
		facts = append(facts, fact{"seat price", p.SeatPriceMonthly.Exact() + " a month"})
	}
	if p.AllowanceUnknown != "" {
		facts = append(facts, fact{"allowance", "unknown: " + p.AllowanceUnknown + "; not evaluated"})
	}
	for _, a := range []struct {
		label string
		a     *tiers.Allowance
	}{{"5-hour window", p.Window5h}, {"weekly", p.Weekly}} {
		if a.a == nil {
			if p.AllowanceUnknown == "" {
				facts = append(facts, fact{a.label, "none"})
			}
			continue
		}
		facts = append(facts, fact{a.label, shared.AllowanceCell(a.a) + " of API-equivalent use"})
		if a.a.Basis != "" {
			facts = append(facts, fact{a.label + " basis", a.a.Basis})
		}
	}
	for _, m := range p.WeeklyMeters {
		facts = append(facts, fact{m.Name + " meter", fmt.Sprintf("up to %s of the weekly allowance, a week, for %s",
			strconv.FormatFloat(100*m.ShareOfWeekly, 'f', -1, 64)+"%", strings.Join(m.Models, ", "))})
	}
	if c := p.APICredits; c != nil {
		facts = append(facts, fact{"API credits", shared.CreditsCell(c) + " a month, for API use (not for the plan's own use)"})
	}
	models := "all"
	if len(p.Models) > 0 {
		models = strings.Join(p.Models, ", ")
	}
	if len(p.ExcludedModels) > 0 {
		models += " but " + strings.Join(p.ExcludedModels, ", ")
	}
	if p.Evaluated() {
		facts = append(facts, fact{"counts", strings.Join(shared.KindNames(p.Counts), ", ")})
	}
	return append(facts, fact{"models", models})
}

func modelFacts(t *tiers.Table, m tiers.Model) []fact {
	shared := poolModels(t, m.Pool)
	pool := m.Pool
	if len(shared) > 1 {
		pool += " (shared by " + strings.Join(shared, ", ") + ")"
	}
	reads := "no"
	if m.ITPMCountsCacheReads {
		reads = "yes"
	}
	batch := "none"
	if m.BatchDiscount != 0 {
		batch = strconv.FormatFloat(m.BatchDiscount*100, 'f', -1, 64) + "% off list prices"
	}
	facts := []fact{
		{"", fmt.Sprintf("model %s (%s, as of %s)", m.Name, t.Origin, t.AsOf.Format("2006-01-02"))},
		{"match", strings.Join(m.Match, ", ")},
		{"pool", pool},
		{"context window", tiers.GroupDigits(m.ContextWindow) + " tokens"},
		{"batch discount", batch},
		{"cache reads count toward ITPM", reads},
		{"OTPM accounting", string(m.OTPMAccounting)},
	}
	if why, ok := t.UnknownLimits[m.Pool]; ok {
		facts = append(facts, fact{"pool limits", "unknown (" + why + ")"})
	}
	if f := m.Fast; f != nil {
		limits := "limits on the tiers below"
		if why, ok := t.UnknownLimits[f.Pool]; ok {
			limits = "limits unknown (" + why + ")"
		}
		facts = append(facts, fact{"fast mode", "pool " + f.Pool + ", " + limits})
	}
	return facts
}

// modelPriceGrid shows the standard prices, the long-context prices if any,
// and the batch prices (the discount applied to each).
func modelPriceGrid(m tiers.Model) *render.Grid {
	g := render.Grid{Header: []string{"PER MTOK", "INPUT", "OUTPUT", "CACHE WRITE 5M", "CACHE WRITE 1H", "CACHE READ"},
		RightAlign: []bool{false, true, true, true, true, true}}
	row := func(label string, p tiers.Prices) []string {
		return []string{label, p.Input.Exact(), p.Output.Exact(), p.CacheWrite5m.Exact(), p.CacheWrite1h.Exact(), p.CacheRead.Exact()}
	}
	g.Rows = append(g.Rows, row("standard", m.Price))
	if lc := m.LongContext; lc != nil {
		g.Rows = append(g.Rows, row("input > "+tiers.GroupDigits(lc.Threshold)+" (whole request)", lc.Price))
	}
	if f := m.Fast; f != nil {
		g.Rows = append(g.Rows, row("fast mode", f.Price))
	}
	if d := m.BatchDiscount; d != 0 {
		f := 1 - d
		p := m.Price
		g.Rows = append(g.Rows, row("batch", tiers.Prices{Input: p.Input.Scale(f), Output: p.Output.Scale(f),
			CacheWrite5m: p.CacheWrite5m.Scale(f), CacheWrite1h: p.CacheWrite1h.Scale(f), CacheRead: p.CacheRead.Scale(f)}))
	}
	return &g
}

// modelLimitsGrid shows the model's pool on every tier that limits it.
func modelLimitsGrid(t *tiers.Table, m tiers.Model) *render.Grid {
	var ts []tiers.Tier
	for _, x := range t.Tiers {
		if _, ok := x.Limits[m.Pool]; ok {
			ts = append(ts, x)
		}
	}
	if len(ts) == 0 {
		return &render.Grid{Header: []string{"TIER", "LIMITS"}, RightAlign: []bool{false, false},
			Rows: [][]string{{"-", "no tier lists limits for pool " + m.Pool}}}
	}
	kinds := shared.UsedLimitKinds(ts)
	g := render.Grid{Header: []string{"TIER (POOL " + m.Pool + ")"}, RightAlign: []bool{false}}
	for _, k := range kinds {
		g.Header = append(g.Header, shared.LimitKinds[k].Header)
		g.RightAlign = append(g.RightAlign, true)
	}
	for _, x := range ts {
		row := []string{x.Name}
		for _, k := range kinds {
			row = append(row, shared.CountCell(shared.LimitKinds[k].Get(x.Limits[m.Pool])))
		}
		g.Rows = append(g.Rows, row)
	}
	return &g
}
