package simulate

import "math"

// unitsPerToken scales bucket levels so that a limit of L per minute refills
// exactly L units per millisecond: one token is 60,000 units. With time in
// whole milliseconds every level, refill and wait is integer arithmetic, and a
// refill time computed here is exact to the millisecond.
const unitsPerToken = 60_000

// maxLimit and maxTokens bound inputs so that no product below can overflow
// int64: capacity L·w ≤ 1e12·8.64e7 ms would overflow, so the window is bounded
// too (maxWindowMs), and a cost of 1e12 tokens is 6e16 units.
const (
	maxLimit    = 1_000_000_000_000 // per minute
	maxTokens   = 1_000_000_000_000 // in one call
	maxWindowMs = 3_600_000         // one hour
)

// bucket is one continuously refilled token bucket. The level is stored as of
// time last and brought forward lazily, so idle buckets cost nothing.
type bucket struct {
	name     string
	rate     int64 // units per millisecond = the limit per minute
	capacity int64 // units = rate · window in ms
	level    int64 // units, as of last
	last     int64 // ms
}

// newBucket makes a full bucket for a per-minute limit enforced over a window
// of windowMs milliseconds.
func newBucket(name string, perMinute, windowMs int64) *bucket {
	c := perMinute * windowMs
	return &bucket{name: name, rate: perMinute, capacity: c, level: c}
}

// levelAt is the level the bucket will have at time now, without changing it.
func (b *bucket) levelAt(now int64) int64 {
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

// advance brings the stored level forward to now.
func (b *bucket) advance(now int64) {
	if now > b.last {
		b.level = b.levelAt(now)
		b.last = now
	}
}

// fits reports whether a cost in units could ever pass: a cost above the
// capacity never can, however long the caller waits.
func (b *bucket) fits(units int64) bool { return units <= b.capacity }

// wait is how many milliseconds from now until the bucket holds units, given
// nobody else draws on it meanwhile: ceil(deficit / rate). It is 0 when the
// bucket already has room. Call advance(now) first.
func (b *bucket) wait(units int64) int64 {
	deficit := units - b.level
	if deficit <= 0 {
		return 0
	}
	return (deficit + b.rate - 1) / b.rate
}

// take draws units from the bucket; the caller has checked there is room.
func (b *bucket) take(units int64) { b.level -= units }

// give returns units (an over-reserved output estimate) up to the capacity.
func (b *bucket) give(units int64) {
	b.level += units
	if b.level > b.capacity {
		b.level = b.capacity
	}
}

// fullness is the level as a share of capacity at time now, for timelines.
func (b *bucket) fullness(now int64) float64 {
	return float64(b.levelAt(now)) / float64(b.capacity)
}

// tokensToUnits converts a token count to bucket units, saturating instead of
// overflowing (validated inputs never get near it).
func tokensToUnits(tokens int64) int64 {
	if tokens > math.MaxInt64/unitsPerToken {
		return math.MaxInt64
	}
	return tokens * unitsPerToken
}
