package limiter

import "time"

// Draw is one request's charge on one bucket: when, and how many units.
type Draw struct {
	At    int64 // ms
	Units int64
}

// RequiredLimit is the smallest per-minute limit under which a bucket of
// the given window, starting full, admits every draw of a trace in order:
// what a day of traffic needs of that limit. A tier whose limit is at least
// this sends no 429 from this bucket, and one whose limit is lower sends at
// least one, so limit ÷ RequiredLimit is the bucket's headroom and
// RequiredLimit ÷ limit its utilisation. It is found by bisection with the
// bucket itself (admission only gets easier as the limit grows: a bigger
// bucket refilling faster is at every moment at least as full), so it is
// exact for any window, short ones included.
func RequiredLimit(draws []Draw, window time.Duration) int64 {
	var total, largest int64
	for _, d := range draws {
		total += d.Units
		largest = max(largest, d.Units)
	}
	if total == 0 {
		return 0
	}
	// A limit whose bucket holds the whole day at once always admits it; one
	// below the largest draw (per minute) never does.
	ms := max(window.Milliseconds(), 1)
	hi := min(total/ms+1, MaxLimit)
	lo := min(max((largest-1)/max(ms, 60_000), 0), hi-1)
	if !admitsAll(draws, hi, window) {
		return hi
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if admitsAll(draws, mid, window) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// admitsAll reports whether a bucket with a per-minute limit admits every
// draw of a trace, drawing each as it passes.
func admitsAll(draws []Draw, perMinute int64, window time.Duration) bool {
	b := NewBucket("", perMinute, window)
	for _, d := range draws {
		if !b.Fits(d.Units) {
			return false
		}
		b.Advance(d.At)
		if b.Wait(d.Units) > 0 {
			return false
		}
		b.Take(d.Units)
	}
	return true
}
