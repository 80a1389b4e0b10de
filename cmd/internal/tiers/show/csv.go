package show

import (
	"strconv"
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/cmd/internal/tiers/shared"
	"github.com/tierplan/tierplan/tiers"
)

// The CSV forms of `tiers show` hold raw values a spreadsheet reads as
// numbers: 1000 not "1,000", 3.75 not "$3.75", and snake_case headers with
// the unit in the name, the same columns `tiers list -o csv` uses.

// tierShowCSV is the tier's rows of `tiers list -o csv`, one per pool.
func tierShowCSV(t *tiers.Table, x tiers.Tier) render.Grid {
	return shared.TierLimitsCSV(&tiers.Table{Models: t.Models, Pools: t.Pools, Tiers: []tiers.Tier{x}})
}

// modelShowCSV is one row per price list (standard, long context, batch),
// in USD per million tokens.
func modelShowCSV(m tiers.Model) render.Grid {
	g := render.Grid{Header: []string{"model", "pool", "prices", "above_input_tokens", "input_usd_per_mtok",
		"output_usd_per_mtok", "cache_write_5m_usd_per_mtok", "cache_write_1h_usd_per_mtok", "cache_read_usd_per_mtok"}}
	row := func(kind, above string, p tiers.Prices) {
		g.Rows = append(g.Rows, []string{m.Name, m.Pool, kind, above, p.Input.Decimal(), p.Output.Decimal(),
			p.CacheWrite5m.Decimal(), p.CacheWrite1h.Decimal(), p.CacheRead.Decimal()})
	}
	row("standard", "", m.Price)
	if lc := m.LongContext; lc != nil {
		row("long_context", strconv.FormatInt(lc.Threshold, 10), lc.Price)
	}
	if d := m.BatchDiscount; d != 0 {
		f, p := 1-d, m.Price
		row("batch", "", tiers.Prices{Input: p.Input.Scale(f), Output: p.Output.Scale(f),
			CacheWrite5m: p.CacheWrite5m.Scale(f), CacheWrite1h: p.CacheWrite1h.Scale(f), CacheRead: p.CacheRead.Scale(f)})
	}
	return g
}

// planShowCSV is one row: prices and allowances in USD, estimates flagged.
func planShowCSV(p tiers.Plan) render.Grid {
	seat := ""
	if p.SeatPriceMonthly != 0 {
		seat = p.SeatPriceMonthly.Decimal()
	}
	row := []string{p.Name, p.PriceMonthly.Decimal(), seat}
	for _, a := range []*tiers.Allowance{p.Window5h, p.Weekly} {
		if a == nil {
			row = append(row, "", "", "")
			continue
		}
		row = append(row, a.Low.Decimal(), a.High.Decimal(), strconv.FormatBool(a.Estimate))
	}
	row = append(row, strings.Join(shared.KindNames(p.Counts), " "))
	return render.Grid{Header: []string{"plan", "price_monthly_usd", "seat_price_monthly_usd",
		"window_5h_low_usd", "window_5h_high_usd", "window_5h_estimate",
		"weekly_low_usd", "weekly_high_usd", "weekly_estimate", "counts"}, Rows: [][]string{row}}
}
