package list

import (
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/cmd/internal/tiers/shared"
	"github.com/tierplan/tierplan/tiers"
)

func plansGrid(t *tiers.Table) render.Grid {
	g := render.Grid{Header: []string{"PLAN", "PRICE/MONTH", "5-HOUR WINDOW", "WEEKLY", "COUNTS"},
		RightAlign: []bool{false, true, true, true, false}}
	for _, p := range t.Plans {
		price := p.PriceMonthly.Exact()
		if p.SeatPriceMonthly != 0 {
			price += " (" + p.SeatPriceMonthly.Exact() + "/seat)"
		}
		g.Rows = append(g.Rows, []string{p.Name, price, shared.AllowanceCell(p.Window5h), shared.AllowanceCell(p.Weekly),
			strings.Join(shared.KindNames(p.Counts), ", ")})
	}
	return g
}

func modelsGrid(t *tiers.Table) render.Grid {
	g := render.Grid{
		Header:     []string{"MODEL", "POOL", "CONTEXT", "INPUT", "OUTPUT", "CACHE WRITE 5M", "CACHE READ", "LONG CONTEXT"},
		RightAlign: []bool{false, false, true, true, true, true, true, false},
	}
	for _, m := range t.Models {
		pool := m.Pool
		if m.ITPMCountsCacheReads {
			pool += " †"
		}
		g.Rows = append(g.Rows, []string{m.Name, pool, tiers.GroupDigits(m.ContextWindow), m.Price.Input.Exact(),
			m.Price.Output.Exact(), m.Price.CacheWrite5m.Exact(), m.Price.CacheRead.Exact(), longContextCell(m.LongContext)})
	}
	return g
}

// longContextCell is "> 200,000: $6 / $22.50", or "-" for none.
func longContextCell(lc *tiers.LongContext) string {
	if lc == nil {
		return "-"
	}
	return "> " + tiers.GroupDigits(lc.Threshold) + ": " + lc.Price.Input.Exact() + " / " + lc.Price.Output.Exact()
}
