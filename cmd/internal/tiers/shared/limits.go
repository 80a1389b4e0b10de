package shared

import (
	"strconv"
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/tiers"
)

// The limit columns and cells that `tiers list` and `tiers show` share.

// LimitKinds are the per-pool limits in column order; a column is shown
// only when some tier has that limit.
var LimitKinds = []struct {
	Header string
	Get    func(tiers.Limits) int64
}{
	{"RPM", func(l tiers.Limits) int64 { return l.RPM }},
	{"ITPM", func(l tiers.Limits) int64 { return l.ITPM }},
	{"OTPM", func(l tiers.Limits) int64 { return l.OTPM }},
	{"TPM (IN+OUT)", func(l tiers.Limits) int64 { return l.TPM }},
	{"TOKENS/DAY", func(l tiers.Limits) int64 { return l.TokensPerDay }},
	{"REQUESTS/DAY", func(l tiers.Limits) int64 { return l.RequestsPerDay }},
}

// UsedLimitKinds picks the limit columns some tier of t uses.
func UsedLimitKinds(ts []tiers.Tier) []int {
	var used []int
	for i, k := range LimitKinds {
		for _, t := range ts {
			for _, l := range t.Limits {
				if k.Get(l) != 0 && (len(used) == 0 || used[len(used)-1] != i) {
					used = append(used, i)
				}
			}
		}
	}
	return used
}

// TierPools lists a tier's pools in the table's pool order.
func TierPools(t *tiers.Table, tier tiers.Tier) []string {
	var out []string
	for _, p := range t.Pools {
		if _, ok := tier.Limits[p]; ok {
			out = append(out, p)
		}
	}
	return out
}

// SpendCap is a tier's monthly spend cap as a cell: "free", "none" or the
// exact amount.
func SpendCap(t tiers.Tier) string {
	switch {
	case t.Free:
		return "free"
	case t.HasSpendCap:
		return t.MonthlySpendCap.Exact()
	}
	return "none"
}

// CountCell is a limit as a cell: grouped digits, "-" for none.
func CountCell(n int64) string {
	if n == 0 {
		return "-"
	}
	return tiers.GroupDigits(n)
}

// AllowanceCell is "$66–$132 (est.)", or "-" for none.
func AllowanceCell(a *tiers.Allowance) string {
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

// KindNames are the token kinds' names.
func KindNames(ks []tiers.TokenKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

// TierLimitsCSV is one row per tier and pool with every limit column, raw
// numbers, for spreadsheets.
func TierLimitsCSV(t *tiers.Table) render.Grid {
	g := render.Grid{Header: []string{"tier", "pool", "rpm", "itpm", "otpm", "tpm", "tokens_per_day",
		"requests_per_day", "monthly_spend_cap_usd", "negotiated", "free", "reached"}}
	for _, tier := range t.Tiers {
		capCell := ""
		if tier.HasSpendCap {
			capCell = tier.MonthlySpendCap.Decimal()
		}
		pools := TierPools(t, tier)
		if len(pools) == 0 {
			pools = []string{""}
		}
		for _, pool := range pools {
			row := []string{tier.Name, pool}
			for _, k := range LimitKinds {
				v := k.Get(tier.Limits[pool])
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

// PlanNameCell is a plan's name with its former names: "max (was max-5x)".
func PlanNameCell(p tiers.Plan) string {
	if len(p.Aliases) == 0 {
		return p.Name
	}
	return p.Name + " (was " + strings.Join(p.Aliases, ", ") + ")"
}

// PlanPriceCell is "$100", "$30/seat" or "$100 ($25/seat)".
func PlanPriceCell(p tiers.Plan) string {
	switch {
	case p.PriceMonthly == 0:
		return p.SeatPriceMonthly.Exact() + "/seat"
	case p.SeatPriceMonthly != 0:
		return p.PriceMonthly.Exact() + " (" + p.SeatPriceMonthly.Exact() + "/seat)"
	}
	return p.PriceMonthly.Exact()
}

// CreditsCell is a plan's monthly API credits: "$100", "$20/seat, ≤ $500",
// "-" for none.
func CreditsCell(c *tiers.APICredits) string {
	if c == nil {
		return "-"
	}
	s := c.Monthly.Exact()
	if c.PerSeat {
		s += "/seat"
	}
	if c.Cap > 0 {
		s += ", ≤ " + c.Cap.Exact()
	}
	return s
}

// PricePair is "$8 / $40": input and output per MTok.
func PricePair(p tiers.Prices) string { return p.Input.Exact() + " / " + p.Output.Exact() }
