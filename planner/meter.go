package planner

import (
	"time"

	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/planner/session"
	"github.com/tierplan/tierplan/tiers"
)

// poolTrace is the day's calls on one rate-limit pool with what each draws
// from the buckets, warm and expired, per part.
type poolTrace struct {
	pool    string
	events  []event
	charges map[int32]*partCharges
	// largest is the biggest single charge on each bucket, in units, of the
	// day's calls each taken as if sent cold: any later call of a session
	// can follow a pause longer than the cache's lifetime and write its
	// whole context, so a call a bucket can never hold is a matter of when,
	// not whether (the seed's day may not show it; a month of days will).
	largest limiter.Charge
	// need caches what the day needs of each limit (see needs).
	need map[Limit]int64
}

// partCharges are a part's template calls as its model's accounting counts
// them, warm and after their cache expired.
type partCharges struct {
	warm, expired []limiter.Charge
	work          []int // each call's work-call number, for "429s from call N"
}

// poolTraces splits the day's trace by pool, with each model's charges.
func poolTraces(t *dayTrace, r Resolved) []*poolTrace {
	var out []*poolTrace
	byPool := map[string]*poolTrace{}
	for i, p := range r.Parts {
		pt := byPool[p.Model.Pool]
		if pt == nil {
			pt = &poolTrace{pool: p.Model.Pool, charges: map[int32]*partCharges{}}
			byPool[p.Model.Pool] = pt
			out = append(out, pt)
		}
		acc := limiter.AccountingFor(p.Model, r.Workload.MaxTokens)
		pc := &partCharges{}
		for _, c := range t.templates[i].Calls {
			w := acc.ChargeOf(usageOf(c), 0)
			x := acc.ChargeOf(usageOf(c.Expired()), 0)
			pc.warm, pc.expired, pc.work = append(pc.warm, w), append(pc.expired, x), append(pc.work, c.Work)
		}
		pt.charges[int32(i)] = pc
	}
	for _, e := range t.events {
		pt := byPool[r.Parts[e.part].Model.Pool]
		pt.events = append(pt.events, e)
		pt.largest = maxCharge(pt.largest, pt.charges[e.part].expired[e.call])
	}
	return out
}

// usageOf is a session call in the limiter's terms.
func usageOf(c session.Call) limiter.Usage {
	return limiter.Usage{Input: c.Input, CacheWrite: c.CacheWrite, CacheRead: c.CacheRead, Output: c.Output}
}

func (pt *poolTrace) charge(e event) *limiter.Charge {
	pc := pt.charges[e.part]
	if e.expired {
		return &pc.expired[e.call]
	}
	return &pc.warm[e.call]
}

// metered is what one tier's buckets did with a pool's day.
type metered struct {
	// use is, per per-minute limit, what the day needs of it (the smallest
	// limit under which no call would get a 429) over what the tier gives:
	// at or under 1, no call gets a 429 from it.
	use map[Limit]float64
	// requestSize is the largest single call against each bucket's most a
	// call may be; over 1, that call can never pass.
	requestSize float64
	// firstRejected is the work-call number (of its session) of the first
	// call the tier's buckets rejected, 0 when none was; when the day had no
	// rejection but a call can be too large for a bucket, the first work
	// call that is, sent cold.
	firstRejected int
}

// limitKinds are the per-minute limits in the order the limiter keeps them.
var limitKinds = []Limit{LimitRPM, LimitITPM, LimitOTPM, LimitTPM}

// needs is what the pool's day needs of each per-minute limit: the smallest
// limit under which its bucket admits every call (limiter.RequiredLimit).
// It depends on the trace and the window, not on the tier, so it is found
// once and every tier is rated against it.
func (pt *poolTrace) needs(window time.Duration) map[Limit]int64 {
	if pt.need != nil {
		return pt.need
	}
	pt.need = map[Limit]int64{}
	draws := make([]limiter.Draw, len(pt.events))
	for k, name := range limitKinds {
		for i, e := range pt.events {
			c := pt.charge(e)
			draws[i] = limiter.Draw{At: e.at, Units: [4]int64{c.RPM, c.ITPM, c.OTPM, c.TPM}[k]}
		}
		pt.need[name] = limiter.RequiredLimit(draws, window)
	}
	return pt.need
}

// meter rates a pool's day on one tier's per-minute limits, and runs it
// through the tier's buckets (the limiter plan shares with simulate and the
// proxy) for the call of the first 429. Daily quotas and the spend cap are
// budgets, judged from the totals.
func (pt *poolTrace) meter(l tiers.Limits, window time.Duration) metered {
	lim := limiter.New(tiers.Limits{RPM: l.RPM, ITPM: l.ITPM, OTPM: l.OTPM, TPM: l.TPM}, window, limiter.Spend{})
	m := metered{use: map[Limit]float64{}}
	need := pt.needs(window)
	limits := map[Limit]int64{LimitRPM: l.RPM, LimitITPM: l.ITPM, LimitOTPM: l.OTPM, LimitTPM: l.TPM}
	largest := map[Limit]int64{LimitRPM: pt.largest.RPM, LimitITPM: pt.largest.ITPM, LimitOTPM: pt.largest.OTPM, LimitTPM: pt.largest.TPM}
	most := limiter.Charge{} // the most one request may draw from each bucket, 0 when unlimited
	for k, name := range limitKinds {
		limit := limits[name]
		if limit <= 0 {
			continue
		}
		m.use[name] = float64(need[name]) / float64(limit)
		b := limiter.NewBucket("", limit, window)
		per := max(b.PerMinute()*60_000, b.Capacity())
		*[]*int64{&most.RPM, &most.ITPM, &most.OTPM, &most.TPM}[k] = per
		m.requestSize = max(m.requestSize, float64(largest[name])/float64(per))
	}
	for _, e := range pt.events {
		if d := lim.Observe(e.at, pt.charge(e)); d.Reason != limiter.Admitted {
			m.firstRejected = max(pt.charges[e.part].work[e.call], 1)
			break
		}
	}
	if m.firstRejected == 0 && m.requestSize > 1 {
		m.firstRejected = pt.firstTooLarge(most)
	}
	return m
}

// firstTooLarge is the lowest work-call number among the day's calls that,
// sent cold, would draw more from some bucket than one request may.
func (pt *poolTrace) firstTooLarge(most limiter.Charge) int {
	first := 0
	over := func(x, limit int64) bool { return limit > 0 && x > limit }
	for _, e := range pt.events {
		c := pt.charges[e.part].expired[e.call]
		if over(c.RPM, most.RPM) || over(c.ITPM, most.ITPM) || over(c.OTPM, most.OTPM) || over(c.TPM, most.TPM) {
			if w := max(pt.charges[e.part].work[e.call], 1); first == 0 || w < first {
				first = w
			}
		}
	}
	return first
}
