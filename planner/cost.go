package planner

import (
	"math"

	"github.com/tierplan/tierplan/planner/session"
	"github.com/tierplan/tierplan/tiers"
)

// TokenCounts are tokens by the kinds priced differently.
type TokenCounts struct {
	Input        int64 `json:"input"`
	Output       int64 `json:"output"`
	CacheWrite5m int64 `json:"cache_write_5m"`
	CacheWrite1h int64 `json:"cache_write_1h"`
	CacheRead    int64 `json:"cache_read"`
}

// Total is all kinds together.
func (t TokenCounts) Total() int64 {
	return t.Input + t.Output + t.CacheWrite5m + t.CacheWrite1h + t.CacheRead
}

// Add sums two counts.
func (t TokenCounts) Add(o TokenCounts) TokenCounts {
	return TokenCounts{t.Input + o.Input, t.Output + o.Output, t.CacheWrite5m + o.CacheWrite5m,
		t.CacheWrite1h + o.CacheWrite1h, t.CacheRead + o.CacheRead}
}

// Scale multiplies every kind by f (sessions per month, a share), rounding
// each to whole tokens.
func (t TokenCounts) Scale(f float64) TokenCounts {
	r := func(n int64) int64 { return int64(math.Round(float64(n) * f)) }
	return TokenCounts{r(t.Input), r(t.Output), r(t.CacheWrite5m), r(t.CacheWrite1h), r(t.CacheRead)}
}

// Usage is a workload's tokens split by whether they are billed at the
// standard or the long-context rate.
type Usage struct {
	Standard    TokenCounts `json:"standard"`
	LongContext TokenCounts `json:"long_context"`
}

// Add sums two usages.
func (u Usage) Add(o Usage) Usage {
	return Usage{u.Standard.Add(o.Standard), u.LongContext.Add(o.LongContext)}
}

// Scale multiplies both parts by f.
func (u Usage) Scale(f float64) Usage {
	return Usage{u.Standard.Scale(f), u.LongContext.Scale(f)}
}

// Total is every token of the usage.
func (u Usage) Total() int64 { return u.Standard.Total() + u.LongContext.Total() }

// CallUsage files one call's tokens by kind. Cache writes go to the TTL's
// kind. A call whose input (uncached + cache write + cache read) exceeds the
// model's long-context threshold has every token, output included, billed at
// the premium rate: Anthropic applies the rule per request, not per kind.
func CallUsage(c session.Call, m tiers.Model, ttlHour bool) Usage {
	t := TokenCounts{Input: c.Input, Output: c.Output, CacheRead: c.CacheRead}
	if ttlHour {
		t.CacheWrite1h = c.CacheWrite
	} else {
		t.CacheWrite5m = c.CacheWrite
	}
	if m.LongContext != nil && c.Context > m.LongContext.Threshold {
		return Usage{LongContext: t}
	}
	return Usage{Standard: t}
}

// Cost is a bill broken down by token kind, in exact micro-dollars.
type Cost struct {
	Input        tiers.Money `json:"input_usd"`
	Output       tiers.Money `json:"output_usd"`
	CacheWrite5m tiers.Money `json:"cache_write_5m_usd"`
	CacheWrite1h tiers.Money `json:"cache_write_1h_usd"`
	CacheRead    tiers.Money `json:"cache_read_usd"`
	// LongContext is the part of the above billed at the long-context rate.
	LongContext tiers.Money `json:"long_context_usd"`
	Total       tiers.Money `json:"total_usd"`
}

// Add sums two bills; an amount beyond tiers.MaxMoney stops there
// (PlanWorkload refuses a plan whose bill does).
func (c Cost) Add(o Cost) Cost {
	return Cost{c.Input.Plus(o.Input), c.Output.Plus(o.Output), c.CacheWrite5m.Plus(o.CacheWrite5m),
		c.CacheWrite1h.Plus(o.CacheWrite1h), c.CacheRead.Plus(o.CacheRead), c.LongContext.Plus(o.LongContext), c.Total.Plus(o.Total)}
}

// Scale multiplies every line of the bill by f (a batch discount).
func (c Cost) Scale(f float64) Cost {
	return Cost{c.Input.Scale(f), c.Output.Scale(f), c.CacheWrite5m.Scale(f), c.CacheWrite1h.Scale(f),
		c.CacheRead.Scale(f), c.LongContext.Scale(f), 0}.withTotal()
}

func (c Cost) withTotal() Cost {
	c.Total = c.Input.Plus(c.Output).Plus(c.CacheWrite5m).Plus(c.CacheWrite1h).Plus(c.CacheRead)
	return c
}

// priceCounts bills token counts at one price list.
func priceCounts(t TokenCounts, p tiers.Prices) Cost {
	return Cost{
		Input:        p.Input.CostOf(t.Input),
		Output:       p.Output.CostOf(t.Output),
		CacheWrite5m: p.CacheWrite5m.CostOf(t.CacheWrite5m),
		CacheWrite1h: p.CacheWrite1h.CostOf(t.CacheWrite1h),
		CacheRead:    p.CacheRead.CostOf(t.CacheRead),
	}.withTotal()
}

// PriceUsage bills usage at a model's list prices: standard tokens at the
// standard rates, long-context tokens at the premium rates.
func PriceUsage(u Usage, m tiers.Model) Cost {
	c := priceCounts(u.Standard, m.Price)
	if m.LongContext != nil && u.LongContext.Total() > 0 {
		lc := priceCounts(u.LongContext, m.LongContext.Price)
		lc.LongContext = lc.Total
		c = c.Add(lc)
	} else if u.LongContext.Total() > 0 {
		c = c.Add(priceCounts(u.LongContext, m.Price))
	}
	return c
}

// CountedCost is the API-equivalent cost of only the token kinds a
// subscription counts against its allowance.
func CountedCost(c Cost, kinds []tiers.TokenKind) tiers.Money {
	if len(kinds) == 0 {
		return c.Total
	}
	var sum tiers.Money
	for _, k := range kinds {
		switch k {
		case tiers.KindInput:
			sum = sum.Plus(c.Input)
		case tiers.KindOutput:
			sum = sum.Plus(c.Output)
		case tiers.KindCacheWrite:
			sum = sum.Plus(c.CacheWrite5m).Plus(c.CacheWrite1h)
		case tiers.KindCacheWrite5m:
			sum = sum.Plus(c.CacheWrite5m)
		case tiers.KindCacheWrite1h:
			sum = sum.Plus(c.CacheWrite1h)
		case tiers.KindCacheRead:
			sum = sum.Plus(c.CacheRead)
		}
	}
	return sum
}
