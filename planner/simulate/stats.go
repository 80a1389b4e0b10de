package simulate

import (
	"math"
	"slices"

	"github.com/tierplan/tierplan/planner/limiter"
)

// Bucket indexes for per-limit series, in the order LimitNames gives.
const (
	limRPM = iota
	limITPM
	limOTPM
	limTPM
	numLimits
)

// LimitNames names the per-minute limits in the order of
// TimelineRow.Fullness.
var LimitNames = [numLimits]string{"rpm", "itpm", "otpm", "tpm"}

const hourMs = 3_600_000

// stats accumulates what a run observes.
type stats struct {
	events                          int64
	sessions                        int64
	attempted, succeeded, abandoned int64
	notAttempted, requests          int64
	cacheMisses                     int64
	sessionTime, sessionFree        int64 // summed durations of complete sessions, throttled and not
	incomplete                      int64 // sessions that lost a call
	rejected                        [numReasons]int64
	zeroWaits                       int64
	waits                           []int64 // the non-zero added waits per call, ms
	sessionWaits                    []int64
	hourRequests, hourRejected      [24]int64
	hourUse                         [numLimits][24]int64 // units drawn, net of refunds
	dayEnd, dayUnthrottledEnd       []int64
	spent                           int64 // micro-dollars
}

func (s *stats) init(days int) {
	s.dayEnd = make([]int64, days)
	s.dayUnthrottledEnd = make([]int64, days)
	for d := range days {
		s.dayEnd[d] = -1 // no complete session yet
	}
}

// request records one request sent and the API's answer.
func (s *stats) request(at int64, r Reason, c *charge, tl *timeline) {
	s.requests++
	h := (at / hourMs) % 24
	s.hourRequests[h]++
	if tl != nil {
		tl.cur.Requests++
	}
	if r != Admitted {
		s.rejected[r]++
		s.hourRejected[h]++
		if tl != nil {
			tl.cur.Rejected++
		}
		return
	}
	s.hourUse[limRPM][h] += c.RPM
	s.hourUse[limITPM][h] += c.ITPM
	s.hourUse[limOTPM][h] += c.OTPM - c.ReserveExtra
	s.hourUse[limTPM][h] += c.TPM - c.ReserveExtra
	s.spent += int64(c.Cost)
	if tl != nil {
		tl.cur.Admitted++
		tl.cur.InputTokens += c.ITPM / limiter.UnitsPerToken
		tl.cur.OutputTokens += (c.OTPM - c.ReserveExtra) / limiter.UnitsPerToken
	}
}

// wait records the throttling delay of one call (admitted or abandoned).
func (s *stats) wait(se *session, ms int64) {
	se.waitTotal += ms
	if ms == 0 {
		s.zeroWaits++
		return
	}
	s.waits = append(s.waits, ms)
}

// finished records a session's end. Only a session that completed every
// call counts toward how much longer sessions and days took: one that lost
// calls (abandoned, or stopped by a quota or the spend cap) did less work
// than its unthrottled twin, and would show as "shorter".
func (s *stats) finished(se *session, at int64) {
	if se.dropped {
		s.incomplete++
		return
	}
	s.sessionTime += at - se.start
	s.sessionFree += se.free
	s.dayEnd[se.day] = max(s.dayEnd[se.day], at)
	s.dayUnthrottledEnd[se.day] = max(s.dayUnthrottledEnd[se.day], se.start+se.free)
}

// percentile is the nearest-rank p-quantile (0 < p ≤ 1) of zeros zero values
// plus the values in sorted, all positive.
func percentile(zeros int64, sorted []int64, p float64) int64 {
	n := zeros + int64(len(sorted))
	if n == 0 {
		return 0
	}
	// ceil(p·n), robust to p·n landing a hair above an integer (0.95·100)
	k := int64(math.Ceil(p*float64(n) - 1e-9))
	k = max(k, 1)
	k = min(k, n)
	if k <= zeros {
		return 0
	}
	return sorted[k-zeros-1]
}

// splitZeros sorts values and counts its zeros, for percentile.
func splitZeros(values []int64) (int64, []int64) {
	v := slices.Clone(values)
	slices.Sort(v)
	i, _ := slices.BinarySearch(v, 1)
	return int64(i), v[i:]
}
