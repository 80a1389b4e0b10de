package simulate

import (
	"math"

	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/tiers"
)

// Result is what one run observed. Times are seconds rounded to the
// millisecond, shares are fractions; the json names are the CLI's contract.
type Result struct {
	Policy   string `json:"policy"`
	Seed     uint64 `json:"seed"`
	Days     int    `json:"days"`
	Sessions int64  `json:"sessions"`
	// Attempted counts distinct calls sent at least once; each ends
	// Succeeded or Abandoned (retries exhausted, never retried, or larger
	// than a bucket).
	Attempted int64 `json:"attempted"`
	Succeeded int64 `json:"succeeded"`
	Abandoned int64 `json:"abandoned"`
	// NotAttempted counts calls never sent because a quota or the spend cap
	// stopped their session.
	NotAttempted int64 `json:"not_attempted"`
	// Requests counts every request sent, retries included: the work the
	// policy adds.
	Requests int64 `json:"requests"`
	// CacheMisses counts calls sent cold because more than the cache TTL
	// passed since the session's previous call (throttling waits, long
	// think times): each rewrote its cached prefix.
	CacheMisses int64            `json:"cache_misses"`
	Rejected429 int64            `json:"rejected_429"`
	RejectedBy  map[string]int64 `json:"rejected_by"`
	// Rejected429PerHour is 429s per working hour, over all days.
	Rejected429PerHour float64 `json:"rejected_429_per_hour"`

	// Added wait per call: from its first send to its admission (or to the
	// moment it was abandoned).
	WaitMeanS float64 `json:"wait_mean_s"`
	WaitP50S  float64 `json:"wait_p50_s"`
	WaitP95S  float64 `json:"wait_p95_s"`
	WaitP99S  float64 `json:"wait_p99_s"`
	// Added wait per session: the sum over its calls.
	SessionWaitP50S float64 `json:"session_wait_p50_s"`
	SessionWaitP95S float64 `json:"session_wait_p95_s"`
	SessionWaitP99S float64 `json:"session_wait_p99_s"`

	// IncompleteSessions lost at least one call: abandoned after its
	// retries, or stopped by a daily quota or the spend cap. The makespan
	// and "longer" figures below leave them out, so dropped work never
	// reads as a shorter day.
	IncompleteSessions int64 `json:"incomplete_sessions"`
	// Makespan is, averaged over days, the time from the start of the working
	// day to the end of its last complete session; Unthrottled is the same
	// sessions with no limits at all (the same think times). Neither is
	// ever the shorter of the two, so DayLongerPct is never negative.
	MakespanS            float64 `json:"makespan_s"`
	UnthrottledMakespanS float64 `json:"unthrottled_makespan_s"`
	DayLongerPct         float64 `json:"day_longer_pct"`
	// SessionLongerPct is how much longer the complete sessions took in all
	// than they would have unthrottled: the developers' time lost to waiting.
	SessionLongerPct float64 `json:"session_longer_pct"`

	// Spend is what the admitted calls cost at list prices, exactly.
	Spend tiers.Money `json:"spend_usd"`
	// FirstRejection is the run's first 429; nil when none came.
	FirstRejection *FirstRejection `json:"first_rejection"`
	Hours          []HourStats     `json:"hours"`
	Events         int64           `json:"events"`
}

// HourStats is one clock hour, averaged over the days of the run.
type HourStats struct {
	Hour        int     `json:"hour"`
	Requests    float64 `json:"requests"`
	Rejected429 float64 `json:"rejected_429"`
	// Utilization is the share of each per-minute limit used in the hour:
	// tokens (or requests) drawn over 60 × the limit.
	Utilization map[string]float64 `json:"utilization"`
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

func msToS(ms int64) float64 { return float64(ms) / 1000 }

func (e *engine) result() Result {
	st, cfg := &e.st, &e.cfg
	r := Result{
		Policy: cfg.Policy.Kind.String(), Seed: e.r.Team.Seed, Days: cfg.Days, Sessions: st.sessions,
		Attempted: st.attempted, Succeeded: st.succeeded, Abandoned: st.abandoned,
		NotAttempted: st.notAttempted, IncompleteSessions: st.incomplete, Requests: st.requests, CacheMisses: st.cacheMisses,
		RejectedBy: map[string]int64{}, Events: st.events,
		Spend: tiers.Money(st.spent), FirstRejection: st.first,
	}
	for reason := ByRPM; reason < numReasons; reason++ {
		if n := st.rejected[reason]; n > 0 {
			r.RejectedBy[reason.String()] = n
			r.Rejected429 += n
		}
	}
	workHours := e.r.Team.Hours.Hours() * float64(cfg.Days)
	r.Rejected429PerHour = round(float64(r.Rejected429)/workHours, 2)

	if n, sum := st.waits.totals(); n > 0 {
		r.WaitMeanS = round(float64(sum)/float64(n)/1000, 3)
	}
	r.WaitP50S = msToS(st.waits.percentile(0.50))
	r.WaitP95S = msToS(st.waits.percentile(0.95))
	r.WaitP99S = msToS(st.waits.percentile(0.99))
	r.SessionWaitP50S = msToS(st.sessionWaits.percentile(0.50))
	r.SessionWaitP95S = msToS(st.sessionWaits.percentile(0.95))
	r.SessionWaitP99S = msToS(st.sessionWaits.percentile(0.99))

	var span, free int64
	days := 0 // days with a complete session
	for d := range cfg.Days {
		if st.dayEnd[d] < 0 {
			continue
		}
		days++
		start := int64(d)*dayMs + cfg.DayStart.Milliseconds()
		span += max(st.dayEnd[d]-start, 0)
		free += max(st.dayUnthrottledEnd[d]-start, 0)
	}
	if days > 0 {
		r.MakespanS = round(float64(span)/float64(days)/1000, 3)
		r.UnthrottledMakespanS = round(float64(free)/float64(days)/1000, 3)
	}
	if free > 0 {
		r.DayLongerPct = round(100*float64(span-free)/float64(free), 2)
	}
	if st.sessionFree > 0 {
		r.SessionLongerPct = round(100*float64(st.sessionTime-st.sessionFree)/float64(st.sessionFree), 2)
	}
	r.Hours = e.hours()
	return r
}

// hours lists the clock hours in which anything was sent, in the order the
// working day meets them: from the hour it starts in, so a day starting at
// 23:30 lists 23:00 before 00:00.
func (e *engine) hours() []HourStats {
	days := float64(e.cfg.Days)
	out := []HourStats{}
	first := int(e.cfg.DayStart.Milliseconds() / hourMs)
	for k := range 24 {
		h := (first + k) % 24
		if e.st.hourRequests[h] == 0 {
			continue
		}
		hs := HourStats{
			Hour:        h,
			Requests:    round(float64(e.st.hourRequests[h])/days, 2),
			Rejected429: round(float64(e.st.hourRejected[h])/days, 2),
			Utilization: map[string]float64{},
		}
		for p, lim := range e.lims {
			for i, b := range []*limiter.Bucket{lim.RPM, lim.ITPM, lim.OTPM, lim.TPM} {
				if b == nil {
					continue
				}
				allowed := float64(b.PerMinute()) * hourMs * days // units the limit allows in this hour over all days
				hs.Utilization[e.bucketName(p, i)] = round(float64(e.st.hourUse[p][i][h])/allowed, 4)
			}
		}
		out = append(out, hs)
	}
	return out
}

// bucketName names a pool's bucket in reports: "itpm" with one pool,
// "sonnet-4/itpm" with several.
func (e *engine) bucketName(pool, limit int) string {
	if len(e.pools) == 1 {
		return LimitNames[limit]
	}
	return e.pools[pool] + "/" + LimitNames[limit]
}
