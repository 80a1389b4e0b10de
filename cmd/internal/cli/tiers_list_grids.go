package cli

import (
	"strconv"
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/render"
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
		g.Rows = append(g.Rows, []string{p.Name, price, allowanceCell(p.Window5h), allowanceCell(p.Weekly),
			strings.Join(kindNames(p.Counts), ", ")})
	}
	return g
}

// allowanceCell is "$66–$132 (est.)", or "-" for none.
func allowanceCell(a *tiers.Allowance) string {
	if a == nil {
		return "-"
	}
	s := a.Low.Exact()
	if a.High != a.Low {
		s += "–" + a.High.Exact()
	}
	if a.Estimate {
		s += " (est.)"
	}
	return s
}

func kindNames(ks []tiers.TokenKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
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

// tierLimitsCSV is one row per tier and pool with every limit column, raw
// numbers, for spreadsheets.
func tierLimitsCSV(t *tiers.Table) render.Grid {
	g := render.Grid{Header: []string{"tier", "pool", "rpm", "itpm", "otpm", "tpm", "tokens_per_day",
		"requests_per_day", "monthly_spend_cap_usd", "negotiated", "free", "reached"}}
	for _, tier := range t.Tiers {
		capCell := ""
		if tier.HasSpendCap {
			capCell = tier.MonthlySpendCap.Decimal()
		}
		pools := tierPools(t, tier)
		if len(pools) == 0 {
			pools = []string{""}
		}
		for _, pool := range pools {
			row := []string{tier.Name, pool}
			for _, k := range limitKinds {
				v := k.get(tier.Limits[pool])
				cell := ""
				if v != 0 {
					cell = strconv.FormatInt(v, 10)
				}
				row = append(row, cell)
			}
			g.Rows = append(g.Rows, append(row, capCell, strconv.FormatBool(tier.Negotiated),
				strconv.FormatBool(tier.Free), tier.Reached))
		}
	}
	return g
}
