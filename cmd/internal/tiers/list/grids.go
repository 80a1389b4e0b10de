package list

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/cmd/internal/tiers/shared"
	"github.com/tierplan/tierplan/tiers"
)

func plansGrid(t *tiers.Table) render.Grid {
	credits := false
	for _, p := range t.Plans {
		credits = credits || p.APICredits != nil
	}
	g := render.Grid{Header: []string{"PLAN", "PRICE/MONTH", "5-HOUR WINDOW", "WEEKLY", "COUNTS"},
		RightAlign: []bool{false, true, true, true, false}}
	if credits {
		g.Header = append(g.Header, "API CREDITS/MONTH")
		g.RightAlign = append(g.RightAlign, true)
	}
	for _, p := range t.Plans {
		w5, week, counts := shared.AllowanceCell(p.Window5h), shared.AllowanceCell(p.Weekly), strings.Join(shared.KindNames(p.Counts), ", ")
		if p.AllowanceUnknown != "" {
			w5, week, counts = "unknown", "unknown", "-"
		}
		for _, m := range p.WeeklyMeters {
			week += fmt.Sprintf("; %s ≤ %s%%", m.Name, strconv.FormatFloat(100*m.ShareOfWeekly, 'f', -1, 64))
		}
		row := []string{shared.PlanNameCell(p), shared.PlanPriceCell(p), w5, week, counts}
		if credits {
			row = append(row, shared.CreditsCell(p.APICredits))
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

func modelsGrid(t *tiers.Table) render.Grid {
	fast := false
	for _, m := range t.Models {
		fast = fast || m.Fast != nil
	}
	g := render.Grid{
		Header:     []string{"MODEL", "POOL", "CONTEXT", "INPUT", "OUTPUT", "CACHE WRITE 5M", "CACHE READ", "WHOLE REQUEST ABOVE"},
		RightAlign: []bool{false, false, true, true, true, true, true, false},
	}
	if fast {
		g.Header = append(g.Header, "FAST IN / OUT")
		g.RightAlign = append(g.RightAlign, true)
	}
	for _, m := range t.Models {
		pool := m.Pool
		if m.ITPMCountsCacheReads {
			pool += " †"
		}
		row := []string{m.Name, pool, tiers.GroupDigits(m.ContextWindow), m.Price.Input.Exact(),
			m.Price.Output.Exact(), m.Price.CacheWrite5m.Exact(), m.Price.CacheRead.Exact(), longContextCell(m.LongContext)}
		if fast {
			cell := "-"
			if m.Fast != nil {
				cell = shared.PricePair(m.Fast.Price)
			}
			row = append(row, cell)
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

// longContextCell is the whole-request rule, "200,000: $6 / $22.50" (every
// token of a request whose input is above 200,000 at $6 in, $22.50 out),
// or "-" for none.
func longContextCell(lc *tiers.LongContext) string {
	if lc == nil {
		return "-"
	}
	return tiers.GroupDigits(lc.Threshold) + ": " + shared.PricePair(lc.Price)
}
