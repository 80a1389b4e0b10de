package usage

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// MinuteLoad is what one rate-limit pool saw in one clock minute (UTC), as
// its limiter counts it: requests; input tokens = uncached input + cache
// writes, plus cache reads on models whose reads count toward ITPM; output
// tokens actually generated.
type MinuteLoad struct {
	Minute   time.Time `json:"minute"`
	Pool     string    `json:"pool"`
	Requests int64     `json:"requests"`
	ITPM     int64     `json:"input_tokens"`
	OTPM     int64     `json:"output_tokens"`
}

// PoolPeak is the busiest minute of a pool for each limit.
type PoolPeak struct {
	Pool          string `json:"pool"`
	ActiveMinutes int    `json:"active_minutes"`
	MaxRPM        int64  `json:"max_rpm"`
	MaxITPM       int64  `json:"max_itpm"`
	MaxOTPM       int64  `json:"max_otpm"`
}

// TierReplay is every observed minute replayed against one API tier: how
// many would have gone over a limit, and which.
type TierReplay struct {
	Tier string `json:"tier"`
	// Minutes is the number of pool-minutes evaluated; Throttled those over
	// at least one limit.
	Minutes   int `json:"minutes"`
	Throttled int `json:"throttled_minutes"`
	OverRPM   int `json:"over_rpm"`
	OverITPM  int `json:"over_itpm"`
	OverOTPM  int `json:"over_otpm"`
	OverTPM   int `json:"over_tpm"`
	// NotOffered counts minutes of pools the tier lists no limits for
	// (a model the tier does not serve).
	NotOffered int `json:"not_offered_minutes"`
	// PeakUtilisation is the highest share of any limit used in any minute
	// (1.0 = exactly at the limit), and PeakLimit names that limit.
	PeakUtilisation float64 `json:"peak_utilisation"`
	PeakLimit       string  `json:"peak_limit,omitempty"`
}

// Peaks is the per-minute picture of the logs.
type Peaks struct {
	// Minutes is the number of pool-minutes with at least one request.
	Minutes int          `json:"minutes"`
	Pools   []PoolPeak   `json:"pools"`
	Top     []MinuteLoad `json:"top"`
	Tiers   []TierReplay `json:"tiers"`
	// UnpooledRequests are requests of models the table does not know,
	// which belong to no pool and are left out.
	UnpooledRequests int64 `json:"unpooled_requests"`
}

// peakFold is the per-minute picture of calls offered in time order: a
// minute's load per pool gathers until the minute ends, then counts toward
// the pools' peaks, every tier's replay and the top minutes, and is let go.
type peakFold struct {
	tiers    []tiers.Tier // the tiers with published limits, in table order
	top      int
	minute   int64        // the current minute, in minutes since the epoch
	cur      []MinuteLoad // its load per pool
	minutes  int
	unpooled int64
	pools    map[string]*PoolPeak
	replays  []TierReplay
	best     []MinuteLoad // the busiest minutes so far, busiest first
}

func newPeakFold(table *tiers.Table, top int) peakFold {
	pf := peakFold{top: max(0, top), pools: map[string]*PoolPeak{}}
	for _, t := range table.Tiers {
		if !t.Negotiated {
			pf.tiers = append(pf.tiers, t)
			pf.replays = append(pf.replays, TierReplay{Tier: t.Name})
		}
	}
	return pf
}

// add counts one call of a model (nil: not in the table, in no pool).
func (pf *peakFold) add(e *Entry, m *tiers.Model) {
	if m == nil {
		pf.unpooled++
		return
	}
	minute := floorDiv(e.Time.Unix(), 60) // the minute Truncate(time.Minute) gives
	if len(pf.cur) > 0 && minute != pf.minute {
		pf.flush()
	}
	pf.minute = minute
	j := 0
	for j < len(pf.cur) && pf.cur[j].Pool != m.Pool {
		j++
	}
	if j == len(pf.cur) {
		pf.cur = append(pf.cur, MinuteLoad{Minute: time.Unix(minute*60, 0).UTC(), Pool: m.Pool})
	}
	l := &pf.cur[j]
	l.Requests++
	l.ITPM = addSat(l.ITPM, addSat(e.Tokens.Input, e.Tokens.CacheWrite()))
	if m.ITPMCountsCacheReads {
		l.ITPM = addSat(l.ITPM, e.Tokens.CacheRead)
	}
	l.OTPM = addSat(l.OTPM, e.Tokens.Output)
}

// flush ends the current minute: its loads, by pool, count everywhere.
func (pf *peakFold) flush() {
	slices.SortFunc(pf.cur, func(a, b MinuteLoad) int { return strings.Compare(a.Pool, b.Pool) })
	for _, l := range pf.cur {
		pf.minutes++
		pp := pf.pools[l.Pool]
		if pp == nil {
			pp = &PoolPeak{Pool: l.Pool}
			pf.pools[l.Pool] = pp
		}
		pp.ActiveMinutes++
		pp.MaxRPM = max(pp.MaxRPM, l.Requests)
		pp.MaxITPM = max(pp.MaxITPM, l.ITPM)
		pp.MaxOTPM = max(pp.MaxOTPM, l.OTPM)
		for i := range pf.tiers {
			pf.replays[i].count(pf.tiers[i], l)
		}
		pf.best = keepBusiest(pf.best, l, pf.top)
	}
	pf.cur = pf.cur[:0]
}

// result is the peaks of every minute so far.
func (pf *peakFold) result() Peaks {
	if len(pf.cur) > 0 {
		pf.flush()
	}
	pk := Peaks{Minutes: pf.minutes, UnpooledRequests: pf.unpooled, Pools: []PoolPeak{}, Top: []MinuteLoad{}, Tiers: []TierReplay{}}
	for _, pp := range pf.pools {
		pk.Pools = append(pk.Pools, *pp)
	}
	sort.Slice(pk.Pools, func(i, j int) bool { return pk.Pools[i].Pool < pk.Pools[j].Pool })
	pk.Top = append(pk.Top, pf.best...)
	for _, r := range pf.replays {
		r.Minutes = pf.minutes
		pk.Tiers = append(pk.Tiers, r)
	}
	return pk
}

// count replays one pool-minute against a tier's limits. A clock minute is
// a coarse stand-in for the vendor's continuously refilled token bucket: a
// burst split across two clock minutes is undercounted, so the replay is a
// lower bound of throttling.
func (r *TierReplay) count(t tiers.Tier, l MinuteLoad) {
	lim, ok := t.Limits[l.Pool]
	if !ok {
		r.NotOffered++
		return
	}
	over := false
	check := func(name string, used, limit int64, count *int) {
		if limit <= 0 {
			return
		}
		u := float64(used) / float64(limit)
		if u > r.PeakUtilisation {
			r.PeakUtilisation, r.PeakLimit = u, name
		}
		if used > limit {
			*count++
			over = true
		}
	}
	check("rpm", l.Requests, lim.RPM, &r.OverRPM)
	check("itpm", l.ITPM, lim.ITPM, &r.OverITPM)
	check("otpm", l.OTPM, lim.OTPM, &r.OverOTPM)
	check("tpm", addSat(l.ITPM, l.OTPM), lim.TPM, &r.OverTPM)
	if over {
		r.Throttled++
	}
}

// busier is the order of the top minutes: input tokens, then output
// tokens, then requests, all descending, then time and pool (a total
// order, so the list is the same whatever the input order).
func busier(a, b MinuteLoad) int {
	switch {
	case a.ITPM != b.ITPM:
		return cmp.Compare(b.ITPM, a.ITPM)
	case a.OTPM != b.OTPM:
		return cmp.Compare(b.OTPM, a.OTPM)
	case a.Requests != b.Requests:
		return cmp.Compare(b.Requests, a.Requests)
	case !a.Minute.Equal(b.Minute):
		return a.Minute.Compare(b.Minute)
	}
	return strings.Compare(a.Pool, b.Pool)
}

// keepBusiest adds a minute to the busiest so far (busiest first, at most
// top): the order is total, so the list is the same however the minutes
// are offered.
func keepBusiest(best []MinuteLoad, l MinuteLoad, top int) []MinuteLoad {
	if top == 0 || len(best) == top && busier(l, best[top-1]) >= 0 {
		return best
	}
	i, _ := slices.BinarySearchFunc(best, l, busier)
	best = slices.Insert(best, i, l)
	if len(best) > top {
		best = best[:top]
	}
	return best
}

// floorDiv is a / b rounded toward minus infinity (b > 0).
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}
