package tiers

// The largest figures a table may hold: far above any vendor's (Scale's
// 10,000,000 ITPM, a $200,000 spend cap, Opus 4.1's $75 per million output
// tokens), low enough that the planner's sums of them stay exact. One set
// of bounds, checked when a table is read, so a table tiers validate
// accepts is one every command can use.
const (
	// MaxLimit bounds every limit (per minute or per day) and count: the
	// token buckets (planner/limiter) are exact up to it.
	MaxLimit = 1_000_000_000_000
	// MaxPricePerMTok bounds a price per million tokens: $100,000.
	MaxPricePerMTok Money = 100_000 * 1_000_000
	// MaxAmount bounds a spend cap, a plan's price and an allowance:
	// $1,000,000,000.
	MaxAmount Money = 1_000_000_000 * 1_000_000
)
