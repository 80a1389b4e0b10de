package limiter

import (
	"math"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// UnitsPerToken scales bucket levels so that a limit of L per minute refills
// exactly L units per millisecond: one token (or request) is 60,000 units.
const UnitsPerToken = 60_000

// Bounds on inputs, so that no product below can overflow int64: a capacity
// is at most 1e12·3.6e6 = 3.6e18 units, a cost of 1e12 tokens 6e16 units.
const (
	MaxLimit    = tiers.MaxLimit    // per minute: the tier table's own bound
	MaxTokens   = 1_000_000_000_000 // in one call
	MaxWindowMs = 3_600_000         // one hour
)

// Bucket is one continuously refilled token bucket. The level is stored as of
// time last and brought forward lazily, so idle buckets cost nothing.
type Bucket struct {
	Name     string
	rate     int64 // units per millisecond = the limit per minute
	capacity int64 // units = rate · window in ms
	level    int64 // units, as of last; negative while in debt
	last     int64 // ms
	// pressure is the largest share of the capacity any call has needed so
	// far (see Observe); above 1 a call found too little room.
	pressure float64
}

// NewBucket makes a full bucket for a per-minute limit enforced over a
// window. Limits and windows outside the documented bounds are clamped to
// them; callers validate their inputs first.
func NewBucket(name string, perMinute int64, window time.Duration) *Bucket {
	perMinute = min(max(perMinute, 1), MaxLimit)
	ms := min(max(window.Milliseconds(), 1), MaxWindowMs)
	c := perMinute * ms
	return &Bucket{Name: name, rate: perMinute, capacity: c, level: c}
}

// PerMinute is the limit the bucket enforces.
func (b *Bucket) PerMinute() int64 { return b.rate }

// Capacity is the most the bucket holds, in units.
func (b *Bucket) Capacity() int64 { return b.capacity }

// LevelAt is the level the bucket will have at time now, without changing it.
func (b *Bucket) LevelAt(now int64) int64 {
	dt := now - b.last
	if dt <= 0 {
		return b.level
	}
	missing := b.capacity - b.level
	if missing <= 0 || dt >= (missing+b.rate-1)/b.rate {
		return b.capacity
	}
	return b.level + dt*b.rate
}

// Advance brings the stored level forward to now.
func (b *Bucket) Advance(now int64) {
	if now > b.last {
		b.level = b.LevelAt(now)
		b.last = now
	}
}

// Fits reports whether a cost in units could ever pass: the API refuses a
// request larger than the per-minute limit itself ("would exceed the rate
// limit of N tokens per minute"), however long the caller waits, unless the
// window is longer than a minute and the bucket holds more.
func (b *Bucket) Fits(units int64) bool { return units <= max(b.rate*60_000, b.capacity) }

// Need is the level a request of units must find: its whole cost, or a full
// bucket when it costs more than the bucket holds (a short enforcement
// window with a request up to the per-minute limit). Such a request then
// leaves the bucket in debt, so the requests after it wait for the refill.
func (b *Bucket) Need(units int64) int64 { return min(units, b.capacity) }

// Wait is how many milliseconds from the last Advance until the bucket can
// admit units, if nobody else draws on it meanwhile: ceil(deficit / rate).
// It is 0 when the bucket already has room.
func (b *Bucket) Wait(units int64) int64 {
	deficit := b.Need(units) - b.level
	if deficit <= 0 {
		return 0
	}
	return (deficit + b.rate - 1) / b.rate
}

// Take draws units from the bucket; the level may go below zero (see Need).
func (b *Bucket) Take(units int64) { b.level -= units }

// Give returns units (an over-reserved output estimate) up to the capacity.
func (b *Bucket) Give(units int64) {
	b.level = min(b.level+units, b.capacity)
}

// Sync sets the level at time now to what the provider reports as remaining
// (in tokens or requests), as read from a response's headers.
func (b *Bucket) Sync(now, remaining int64) {
	b.Advance(now)
	b.level = min(TokensToUnits(max(remaining, 0)), b.capacity)
	b.last = max(b.last, now)
}

// Fullness is the level as a share of capacity at time now, for timelines;
// a bucket in debt reads as empty.
func (b *Bucket) Fullness(now int64) float64 {
	return float64(max(b.LevelAt(now), 0)) / float64(b.capacity)
}

// Pressure is the largest share of the bucket's capacity a call has needed
// since the bucket was made: for each observed call, (capacity − level +
// need) / capacity. It stays at or under 1 exactly when every call found
// room, and grows with how far a day overdraws the limit.
func (b *Bucket) Pressure() float64 { return b.pressure }

// observe records the pressure of a call of units at the current level.
func (b *Bucket) observe(units int64) {
	p := (float64(b.capacity) - float64(b.level) + float64(b.Need(units))) / float64(b.capacity)
	b.pressure = max(b.pressure, p)
}

// TokensToUnits converts a token count to bucket units, saturating instead of
// overflowing (validated inputs never get near it).
func TokensToUnits(tokens int64) int64 {
	if tokens > math.MaxInt64/UnitsPerToken {
		return math.MaxInt64
	}
	return tokens * UnitsPerToken
}
