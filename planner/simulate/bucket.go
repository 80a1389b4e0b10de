package simulate

import "math"

// unitsPerToken scales bucket levels so that a limit of L per minute refills
// exactly L units per millisecond: one token is 60,000 units. With time in
// whole milliseconds every level, refill and wait is integer arithmetic, and a
// refill time computed here is exact to the millisecond.
const unitsPerToken = 60_000

// maxLimit, maxWindowMs and maxTokens bound inputs so that no product below
// can overflow int64: a capacity is at most 1e12·3.6e6 = 3.6e18 units, a debt
// at most one minute of refill (6e16), a cost of 1e12 tokens 6e16 units.
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

// fits reports whether a cost in units could ever pass: the API refuses a
// request larger than the per-minute limit itself ("would exceed the rate
// limit of N tokens per minute"), however long the caller waits, unless the
// window is longer than a minute and the bucket holds more.
func (b *bucket) fits(units int64) bool { return units <= max(b.rate*60_000, b.capacity) }

// need is the level a request of units must find: its whole cost, or a full
// bucket when it costs more than the bucket holds (a short enforcement window
// with a request up to the per-minute limit). Such a request then leaves the
// bucket in debt, so the requests after it wait for the refill, as a limiter
// that lets one large request through must.
func (b *bucket) need(units int64) int64 { return min(units, b.capacity) }

// wait is how many milliseconds from now until the bucket can admit units,
// given nobody else draws on it meanwhile: ceil(deficit / rate). It is 0 when
// the bucket already has room. Call advance(now) first.
func (b *bucket) wait(units int64) int64 {
	deficit := b.need(units) - b.level
	if deficit <= 0 {
		return 0
	}
	return (deficit + b.rate - 1) / b.rate
}

// take draws units from the bucket; the caller has checked there is room.
// The level may go below zero (see need).
func (b *bucket) take(units int64) { b.level -= units }

// give returns units (an over-reserved output estimate) up to the capacity.
func (b *bucket) give(units int64) {
	b.level += units
	if b.level > b.capacity {
		b.level = b.capacity
	}
}

// fullness is the level as a share of capacity at time now, for timelines;
// a bucket in debt reads as empty.
func (b *bucket) fullness(now int64) float64 {
	return float64(max(b.levelAt(now), 0)) / float64(b.capacity)
}

// tokensToUnits converts a token count to bucket units, saturating instead of
// overflowing (validated inputs never get near it).
func tokensToUnits(tokens int64) int64 {
	if tokens > math.MaxInt64/unitsPerToken {
		return math.MaxInt64
	}
	return tokens * unitsPerToken
}
