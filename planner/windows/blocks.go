package windows

import (
	"time"

	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/tiers"
)

// BlockUse is a 5-hour block of the logs measured against a plan's 5-hour
// allowance, in the plan's counting basis.
type BlockUse struct {
	usage.BlockRow
	// Counted is the API-equivalent cost of the kinds the plan counts;
	// CountedTokens their tokens.
	Counted       tiers.Money
	CountedTokens int64
	// Low and High are Counted as a share of the allowance's high and low
	// ends: the block used between Low and High of the window (1 = all).
	Low, High float64
}

// ActiveBlock is the block still running at a time: how fast it burns and
// where it ends at that pace.
type ActiveBlock struct {
	BlockUse
	Elapsed, Left time.Duration
	// PerHour is the counted cost per hour between the block's first and
	// last call; TokensPerMinute all tokens per minute over the same span.
	PerHour         tiers.Money
	TokensPerMinute float64
	// Projected is the counted cost at the block's end if the pace holds,
	// and ProjectedLow, ProjectedHigh its share of the allowance.
	Projected                   tiers.Money
	ProjectedLow, ProjectedHigh float64
}

// Against prices each block in the plan's counting basis and compares it
// with the plan's 5-hour allowance (shares stay zero when the plan has
// none). entries must be sorted by time.
func Against(blocks []usage.BlockRow, entries []usage.Entry, table *tiers.Table, plan tiers.Plan) []BlockUse {
	ivs := make([]Interval, len(blocks))
	for i, b := range blocks {
		ivs[i] = Interval{From: b.Start.Add(-time.Nanosecond), To: b.End.Add(-time.Nanosecond)}
	}
	obs := Observe(ivs, entries, table, plan.Counts)
	out := make([]BlockUse, len(blocks))
	for i, b := range blocks {
		out[i] = BlockUse{BlockRow: b, Counted: obs[i].Counted, CountedTokens: obs[i].CountedTokens}
		out[i].Low, out[i].High = shares(obs[i].Counted, plan.Window5h)
	}
	return out
}

// shares is m as a share of an allowance's high end and of its low end.
func shares(m tiers.Money, a *tiers.Allowance) (low, high float64) {
	if a == nil || a.Low <= 0 || a.High <= 0 {
		return 0, 0
	}
	return m.Float() / a.High.Float(), m.Float() / a.Low.Float()
}

// Active is the last block when it is still running at now (its end not
// reached, its last call within five hours), with its pace: the counted
// cost per hour between its first and last call (at least a minute), and
// where that pace takes it by the block's end. nil when no block runs.
func Active(blocks []BlockUse, plan tiers.Plan, now time.Time) *ActiveBlock {
	if len(blocks) == 0 {
		return nil
	}
	b := blocks[len(blocks)-1]
	if !now.Before(b.End) || now.Sub(b.LastEntry) >= usage.BlockLength || now.Before(b.Start) {
		return nil
	}
	a := &ActiveBlock{BlockUse: b, Elapsed: now.Sub(b.Start), Left: b.End.Sub(now)}
	span := max(b.LastEntry.Sub(b.FirstEntry), time.Minute)
	a.PerHour = b.Counted.Scale(float64(time.Hour) / float64(span))
	a.TokensPerMinute = float64(b.TotalTokens) / span.Minutes()
	a.Projected = b.Counted + a.PerHour.Scale(a.Left.Hours())
	a.ProjectedLow, a.ProjectedHigh = shares(a.Projected, plan.Window5h)
	return a
}
