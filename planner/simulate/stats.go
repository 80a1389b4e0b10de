package simulate

import (
	"math"
	"slices"
	"time"

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

// stats accumulates what a run observes. Its memory is bounded by the
// run's distinct waits and one entry per day, not by its calls.
type stats struct {
	events                          int64
	sessions                        int64
	attempted, succeeded, abandoned int64
	notAttempted, requests          int64
	cacheMisses                     int64
	sessionTime, sessionFree        int64 // summed durations of complete sessions, throttled and not
	incomplete                      int64 // sessions that lost a call
	rejected                        [numReasons]int64
	waits                           histogram // added wait per call, ms
	sessionWaits                    histogram // added wait per session, ms
	hourRequests, hourRejected      [24]int64
	hourUse                         [][numLimits][24]int64 // per pool: units drawn, net of refunds
	dayEnd, dayUnthrottledEnd       []int64
	spent                           int64 // micro-dollars
	first                           *FirstRejection
}

func (s *stats) init(days, pools int) {
	s.dayEnd = make([]int64, days)
	s.dayUnthrottledEnd = make([]int64, days)
	for d := range days {
		s.dayEnd[d] = -1 // no complete session yet
	}
	s.hourUse = make([][numLimits][24]int64, pools)
	s.waits, s.sessionWaits = histogram{}, histogram{}
}

// request records one request sent and the API's answer.
func (s *stats) request(at int64, pool int, r Reason, c *charge, tl *timeline) {
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
	use := &s.hourUse[pool]
	use[limRPM][h] += c.RPM
	use[limITPM][h] += c.ITPM
	use[limOTPM][h] += c.OTPM - c.ReserveExtra
	use[limTPM][h] += c.TPM - c.ReserveExtra
	s.spent += int64(c.Cost)
	if tl != nil {
		tl.cur.Admitted++
		tl.cur.InputTokens += c.ITPM / limiter.UnitsPerToken
		tl.cur.OutputTokens += (c.OTPM - c.ReserveExtra) / limiter.UnitsPerToken
	}
}

// FirstRejection is the run's first 429: when, on which day, and which work
// call of its session it was (plan's "429s from call N").
type FirstRejection struct {
	Day  int     `json:"day"`
	AtS  float64 `json:"at_s"` // seconds after midnight of that day
	Call int     `json:"call"`
}

func (s *stats) firstRejection(se *sessionState, at int64, work int) {
	if s.first != nil {
		return
	}
	s.first = &FirstRejection{Day: se.day + 1, AtS: msToS(at - int64(se.day)*dayMs), Call: work}
}

// wait records the throttling delay of one call (admitted or abandoned).
func (s *stats) wait(se *sessionState, ms int64, tl *timeline) {
	se.waitTotal += ms
	s.waits.add(ms)
	if tl != nil {
		tl.cur.Waited += time.Duration(ms) * time.Millisecond
	}
}

// sessionWait records the throttling delay of one whole session.
func (s *stats) sessionWait(ms int64) { s.sessionWaits.add(ms) }

// finished records a session's end. Only a session that completed every
// call counts toward how much longer sessions and days took: one that lost
// calls (abandoned, or stopped by a quota or the spend cap) did less work
// than its unthrottled twin, and would show as "shorter".
func (s *stats) finished(se *sessionState, at int64) {
	if se.dropped {
		s.incomplete++
		return
	}
	s.sessionTime += at - se.start
	s.sessionFree += se.free
	s.dayEnd[se.day] = max(s.dayEnd[se.day], at)
	s.dayUnthrottledEnd[se.day] = max(s.dayUnthrottledEnd[se.day], se.start+se.free)
}

// histogram counts values (whole milliseconds) by value: percentiles stay
// exact while memory grows only with the distinct values.
type histogram map[int64]int64

func (h histogram) add(v int64) { h[v]++ }

// count and sum of all values.
func (h histogram) totals() (n, sum int64) {
	for v, k := range h {
		n += k
		sum += v * k
	}
	return n, sum
}

// percentile is the nearest-rank p-quantile (0 < p ≤ 1) of the values.
func (h histogram) percentile(p float64) int64 {
	n, _ := h.totals()
	if n == 0 {
		return 0
	}
	keys := make([]int64, 0, len(h))
	for v := range h {
		keys = append(keys, v)
	}
	slices.Sort(keys)
	// ceil(p·n), robust to p·n landing a hair above an integer (0.95·100)
	k := min(max(int64(math.Ceil(p*float64(n)-1e-9)), 1), n)
	for _, v := range keys {
		k -= h[v]
		if k <= 0 {
			return v
		}
	}
	return keys[len(keys)-1]
}
