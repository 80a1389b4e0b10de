package limiter

import "time"

// The team proxy paces live traffic with the same buckets: it reserves an
// estimate before it forwards a call, learns the real usage from the
// response, and hears from the provider's headers what is really left. The
// functions below are those three steps; they keep the arithmetic here, so
// the proxy decides nothing about the physics itself.

// FromBuckets makes a limiter over existing per-minute buckets (nil where a
// limit is unknown or absent), with no daily quotas and no spend cap. The
// proxy keeps its buckets apart, as it learns their limits one by one from
// headers, and views them as one limiter to admit a call.
func FromBuckets(rpm, itpm, otpm, tpm *Bucket) *Limiter {
	l := &Limiter{RPM: rpm, ITPM: itpm, OTPM: otpm, TPM: tpm}
	for _, b := range []*Bucket{rpm, itpm, otpm, tpm} {
		if b != nil {
			l.buckets = append(l.buckets, b)
		}
	}
	return l
}

// Adjust replaces, at time now, the charge drawn when a call was admitted
// (an estimate) by what it really cost: each bucket gives back or takes the
// difference, never rising above its capacity. Releasing a call that never
// reached the provider is Adjust to a zero charge.
func (l *Limiter) Adjust(now int64, reserved, actual *Charge) {
	for _, b := range l.buckets {
		b.Advance(now)
		d := actual.of(b, l) - reserved.of(b, l)
		if d > 0 {
			b.Take(d)
		} else {
			b.Give(-d)
		}
	}
	if actual.RPM == 0 && reserved.RPM > 0 {
		l.requestsToday--
	}
	l.tokensToday += actual.Tokens - reserved.Tokens
	l.spent += actual.Cost - reserved.Cost
}

// Lower brings the level at time now down to what the provider reports as
// remaining (in tokens or requests), and never raises it. A response's
// remaining count was true when the provider answered, before the calls
// still in flight were counted there, and it is rounded (to 1,000 tokens);
// the local level already holds every reservation. Taking the lower of the
// two never lets through more than either side allows, and a level that
// reads low refills at the bucket's rate. It reports whether the level
// changed.
func (b *Bucket) Lower(now, remaining int64) bool {
	b.Advance(now)
	u := TokensToUnits(max(remaining, 0))
	if u >= b.level {
		return false
	}
	b.level = u
	return true
}

// Resize changes the bucket's per-minute limit at time now, as when a
// response's headers announce a limit that differs from the one assumed:
// the capacity follows the new limit over the same window, and the level
// keeps what was already drawn (a full bucket stays full).
func (b *Bucket) Resize(now, perMinute int64) {
	perMinute = min(max(perMinute, 1), MaxLimit)
	if perMinute == b.rate {
		return
	}
	b.Advance(now)
	drawn := b.capacity - b.level
	windowMs := b.capacity / b.rate
	b.rate = perMinute
	b.capacity = perMinute * windowMs
	b.level = b.capacity - drawn
}

// BucketState is everything a bucket is, for keeping it outside the process
// (the proxy's instances share their buckets through PostgreSQL).
type BucketState struct {
	PerMinute int64 `json:"per_minute"`
	WindowMs  int64 `json:"window_ms"`
	Level     int64 `json:"level"`   // units
	LastMs    int64 `json:"last_ms"` // the time Level is as of
}

// State is the bucket's state as of its last Advance.
func (b *Bucket) State() BucketState {
	return BucketState{PerMinute: b.rate, WindowMs: b.capacity / b.rate, Level: b.level, LastMs: b.last}
}

// RestoreBucket makes a bucket from a saved state; limits and windows out of
// range are clamped as NewBucket clamps them, and a level above the
// capacity is cut to it.
func RestoreBucket(name string, s BucketState) *Bucket {
	b := NewBucket(name, s.PerMinute, time.Duration(s.WindowMs)*time.Millisecond)
	b.level = min(s.Level, b.capacity)
	b.last = s.LastMs
	return b
}
