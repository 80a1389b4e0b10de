package windows

import (
	"math"
	"sort"
	"time"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/tiers"
)

// Observation is an interval with what the logs recorded in it.
type Observation struct {
	Interval
	Calls int
	// Tokens is every token of the interval's calls, by kind.
	Tokens usage.Tokens
	// Counted is the API-equivalent cost, at list prices, of the token
	// kinds the basis counts; All is the cost of all of them.
	Counted, All tiers.Money
	// CountedTokens is the number of tokens of the counted kinds.
	CountedTokens int64
	// Unpriced is the tokens of models the table does not know.
	Unpriced int64
}

// Figure is a measured quantity per percentage point of a window, with the
// band the observations support (95%: Student's t on the scatter of the
// observations about the estimate).
type Figure struct {
	Value, Low, High float64
}

// Estimate is what one percentage point of a window holds, measured.
type Estimate struct {
	Window       string
	Observations int
	// Points is the percentage points the observations cover together.
	Points      float64
	First, Last time.Time
	// Counts is the counting basis: the token kinds whose cost CountedUSD
	// measures (empty: all four kinds).
	Counts []tiers.TokenKind
	// CountedUSD is the API-equivalent dollars of the counted kinds per
	// point, AllUSD of all kinds; CountedTokens and AllTokens the tokens.
	CountedUSD    Figure
	AllUSD        Figure
	CountedTokens Figure
	AllTokens     Figure
	// Unpriced is the tokens of models the table does not know, left out
	// of the dollars (never priced at $0).
	Unpriced int64
	// Enough is false below MinObservations: the figures are shown but no
	// band can be trusted.
	Enough bool
}

// MinObservations is the fewest observations an estimate needs to state a
// band: with two, Student's t is 12.7 and the band is useless.
const MinObservations = 3

// Observe joins intervals with the calls the logs recorded in them (a call
// counts in an interval when its time is after the interval's start and not
// after its end), priced with table. entries must be sorted by time, as
// usage.Read returns them. Each model's tokens in an interval are priced
// once, so rounding happens once per model and interval.
func Observe(intervals []Interval, entries []usage.Entry, table *tiers.Table, counts []tiers.TokenKind) []Observation {
	models := map[string]*tiers.Model{}
	lookup := func(id string) *tiers.Model {
		m, ok := models[id]
		if !ok {
			if found, hit := table.MatchModel(id); hit {
				m = &found
			}
			models[id] = m
		}
		return m
	}
	out := make([]Observation, 0, len(intervals))
	for _, iv := range intervals {
		lo := sort.Search(len(entries), func(i int) bool { return entries[i].Time.After(iv.From) })
		o := Observation{Interval: iv}
		use := map[string]*planner.Usage{}
		var order []string
		for i := lo; i < len(entries) && !entries[i].Time.After(iv.To); i++ {
			e := &entries[i]
			o.Calls++
			o.Tokens.Add(e.Tokens)
			m := lookup(e.Model)
			if m == nil {
				o.Unpriced += e.Tokens.Total()
				continue
			}
			u := use[e.Model]
			if u == nil {
				u = &planner.Usage{}
				use[e.Model] = u
				order = append(order, e.Model)
			}
			u.Standard, u.LongContext = addCall(u.Standard, u.LongContext, e.Tokens, m)
		}
		for _, id := range order {
			c := planner.PriceUsage(*use[id], *lookup(id))
			o.All += c.Total
			o.Counted += planner.CountedCost(c, counts)
		}
		o.CountedTokens = countedTokens(o.Tokens, counts)
		out = append(out, o)
	}
	return out
}

// addCall files one call's tokens at the standard or the long-context rate:
// Anthropic bills every token of a request past the threshold at the
// premium rate.
func addCall(std, long planner.TokenCounts, t usage.Tokens, m *tiers.Model) (planner.TokenCounts, planner.TokenCounts) {
	c := planner.TokenCounts{Input: t.Input, Output: t.Output, CacheWrite5m: t.CacheWrite5m, CacheWrite1h: t.CacheWrite1h, CacheRead: t.CacheRead}
	if m.LongContext != nil && t.Context() > m.LongContext.Threshold {
		return std, long.Add(c)
	}
	return std.Add(c), long
}

// countedTokens is the tokens of the kinds counts names (all, when empty).
func countedTokens(t usage.Tokens, counts []tiers.TokenKind) int64 {
	if len(counts) == 0 {
		return t.Total()
	}
	var n int64
	for _, k := range counts {
		switch k {
		case tiers.KindInput:
			n += t.Input
		case tiers.KindOutput:
			n += t.Output
		case tiers.KindCacheWrite:
			n += t.CacheWrite()
		case tiers.KindCacheWrite5m:
			n += t.CacheWrite5m
		case tiers.KindCacheWrite1h:
			n += t.CacheWrite1h
		case tiers.KindCacheRead:
			n += t.CacheRead
		}
	}
	return n
}

// Summarise turns one window's observations into its estimate: each
// figure is the ratio of sums (total measured over total points, so large
// intervals weigh more), and its band is Student's t at 95% times the
// standard error of that ratio, from the observations' scatter about it.
func Summarise(window string, obs []Observation, counts []tiers.TokenKind) Estimate {
	e := Estimate{Window: window, Counts: counts, Observations: len(obs), Enough: len(obs) >= MinObservations}
	if len(obs) == 0 {
		return e
	}
	e.First, e.Last = obs[0].From, obs[0].To
	x := make([]float64, len(obs))
	for i, o := range obs {
		x[i] = o.Points()
		e.Points += x[i]
		e.Unpriced += o.Unpriced
		if o.From.Before(e.First) {
			e.First = o.From
		}
		if o.To.After(e.Last) {
			e.Last = o.To
		}
	}
	figure := func(y func(Observation) float64) Figure {
		ys := make([]float64, len(obs))
		for i, o := range obs {
			ys[i] = y(o)
		}
		return RatioFigure(x, ys)
	}
	e.CountedUSD = figure(func(o Observation) float64 { return o.Counted.Float() })
	e.AllUSD = figure(func(o Observation) float64 { return o.All.Float() })
	e.CountedTokens = figure(func(o Observation) float64 { return float64(o.CountedTokens) })
	e.AllTokens = figure(func(o Observation) float64 { return float64(o.Tokens.Total()) })
	return e
}

// RatioFigure estimates y per unit of x over paired observations: r =
// Σy/Σx, with the band r ± t·SE, SE = s·√n/Σx, where s² is the scatter
// Σ(y−r·x)²/(n−1). The low end is never below zero. With fewer than two
// observations the band is the value itself.
func RatioFigure(x, y []float64) Figure {
	var sx, sy float64
	for i := range x {
		sx += x[i]
		sy += y[i]
	}
	if sx <= 0 {
		return Figure{}
	}
	r := sy / sx
	n := len(x)
	if n < 2 {
		return Figure{r, r, r}
	}
	var ss float64
	for i := range x {
		d := y[i] - r*x[i]
		ss += d * d
	}
	se := math.Sqrt(ss/float64(n-1)) * math.Sqrt(float64(n)) / sx
	half := studentT95(n-1) * se
	return Figure{Value: r, Low: math.Max(0, r-half), High: r + half}
}

// studentT95 is the two-sided 95% quantile of Student's t with df degrees
// of freedom (from the standard table; past 30, the normal's 1.96 and a
// step between).
func studentT95(df int) float64 {
	table := []float64{0, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
		2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
		2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042}
	switch {
	case df <= 0:
		return math.Inf(1)
	case df < len(table):
		return table[df]
	case df < 60:
		return 2.021
	case df < 120:
		return 2.000
	}
	return 1.96
}

// EstimateAll measures every window of the history that has intervals:
// readings and entries in, one estimate per window, sorted by name.
func EstimateAll(readings []Reading, entries []usage.Entry, table *tiers.Table, counts []tiers.TokenKind) []Estimate {
	obs := Observe(Intervals(readings, MinPoints), entries, table, counts)
	byWindow := map[string][]Observation{}
	var names []string
	for _, o := range obs {
		if _, ok := byWindow[o.Window]; !ok {
			names = append(names, o.Window)
		}
		byWindow[o.Window] = append(byWindow[o.Window], o)
	}
	sort.Strings(names)
	out := make([]Estimate, 0, len(names))
	for _, n := range names {
		out = append(out, Summarise(n, byWindow[n], counts))
	}
	return out
}
