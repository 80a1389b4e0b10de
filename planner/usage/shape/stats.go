package shape

import (
	"math"
	"sort"
	"time"
)

// percentile is the nearest-rank percentile: the smallest value with at
// least q of the values at or below it. It is a value that occurred, never
// an interpolation; the median of an even count is the lower middle one.
// values must not be empty.
func percentile(values []float64, q float64) float64 {
	s := append([]float64{}, values...)
	sort.Float64s(s)
	r := int(math.Ceil(q*float64(len(s)))) - 1
	return s[max(0, min(r, len(s)-1))]
}

func median(values []float64) float64 { return percentile(values, 0.5) }

func floats(values []int64) []float64 {
	out := make([]float64, len(values))
	for i, v := range values {
		out[i] = float64(v)
	}
	return out
}

// activeMinutes counts the distinct clock minutes (UTC) holding a call's
// end: the minutes a session was doing something.
func activeMinutes(ends []time.Time) int {
	seen := map[int64]bool{}
	for _, t := range ends {
		seen[floorDiv(t.Unix(), 60)] = true
	}
	return len(seen)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// burst is the most calls ending within any 60 seconds (a window [t, t+60s)
// starting at a call): the sliding-minute peak a per-minute limit sees,
// which a clock minute can split in two.
func burst(ends []time.Time) int {
	s := append([]time.Time{}, ends...)
	sort.Slice(s, func(i, j int) bool { return s[i].Before(s[j]) })
	best, lo := 0, 0
	for hi := range s {
		for s[hi].Sub(s[lo]) >= time.Minute {
			lo++
		}
		best = max(best, hi-lo+1)
	}
	return best
}
