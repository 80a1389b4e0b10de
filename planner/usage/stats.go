package usage

import (
	"math"
	"sort"
	"time"

	"github.com/tierplan/tierplan/planner"
)

// round keeps derived figures to the precision they are known to, so a
// plan reads "1.58 calls/min", not 1.5813953488372092.
func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}

// MainModel is the model with the most tokens (the smaller id on a tie):
// the model a session or a history is taken to be on.
func MainModel(tokens map[string]int64) string {
	best, bestN := "", int64(-1)
	for m, n := range tokens {
		if n > bestN || (n == bestN && m < best) {
			best, bestN = m, n
		}
	}
	return best
}

// mixShares turns session counts per model into shares, largest first.
func mixShares(counts map[string]int) []planner.ModelShare {
	total := 0
	for _, n := range counts {
		total += n
	}
	out := []planner.ModelShare{}
	for m, n := range counts {
		out = append(out, planner.ModelShare{Model: m, Share: float64(n) / float64(total)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Share != out[j].Share {
			return out[i].Share > out[j].Share
		}
		return out[i].Model < out[j].Model
	})
	return out
}

// percentile is the nearest-rank percentile: the smallest value with at
// least q of the values at or below it.
func percentile(values []int64, q float64) int64 {
	s := append([]int64{}, values...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[rank(len(s), q)]
}

func percentileFloat(values []float64, q float64) float64 {
	s := append([]float64{}, values...)
	sort.Float64s(s)
	return s[rank(len(s), q)]
}

func rank(n int, q float64) int {
	r := int(math.Ceil(q*float64(n))) - 1
	return max(0, min(r, n-1))
}

// calendarDays counts the calendar days from a to b, both included.
func calendarDays(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	// Unix seconds, not Sub: a Duration saturates at about 292 years, and a
	// stray timestamp can lie millennia away.
	return int((db.Unix()-da.Unix())/86400) + 1
}

// dayHours is the median over active days of the time from the day's first
// call to its last, at least an hour (a day with any work in it is a
// working hour or more), at most 24 hours.
func dayHours(entries []Entry, loc *time.Location) float64 {
	type span struct{ first, last time.Time }
	spans := map[string]*span{}
	for i := range entries {
		t := entries[i].Time
		d := t.In(loc).Format("2006-01-02")
		if s := spans[d]; s == nil {
			spans[d] = &span{t, t}
		} else {
			s.last = t
		}
	}
	var hours []float64
	for _, s := range spans {
		hours = append(hours, math.Max(s.last.Sub(s.first).Hours(), 1))
	}
	return math.Min(percentileFloat(hours, 0.5), 24)
}
