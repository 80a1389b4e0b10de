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

// minuteLoads buckets entries by pool and UTC minute, sorted by minute, pool.
func minuteLoads(entries []Entry, p *pricer) ([]MinuteLoad, int64) {
	// Entries come sorted by time, so a minute's loads are contiguous: fold
	// them into the tail of out (one load per pool, few pools), and sort each
	// minute's pools when the minute ends. No map, no global sort.
	out := make([]MinuteLoad, 0, len(entries)/4)
	var unpooled int64
	start, cur := 0, int64(0)
	for i := range entries {
		e := &entries[i]
		m, ok := p.model(e.Model)
		if !ok {
			unpooled++
			continue
		}
		minute := e.Time.Truncate(time.Minute).Unix() / 60
		if len(out) == 0 || minute != cur {
			sortPools(out[start:])
			start, cur = len(out), minute
		}
		j := start
		for j < len(out) && out[j].Pool != m.Pool {
			j++
		}
		if j == len(out) {
			out = append(out, MinuteLoad{Minute: time.Unix(minute*60, 0).UTC(), Pool: m.Pool})
		}
		l := &out[j]
		l.Requests++
		l.ITPM = addSat(l.ITPM, addSat(e.Tokens.Input, e.Tokens.CacheWrite()))
		if m.ITPMCountsCacheReads {
			l.ITPM = addSat(l.ITPM, e.Tokens.CacheRead)
		}
		l.OTPM = addSat(l.OTPM, e.Tokens.Output)
	}
	sortPools(out[start:])
	return out, unpooled
}

func sortPools(loads []MinuteLoad) {
	slices.SortFunc(loads, func(a, b MinuteLoad) int { return strings.Compare(a.Pool, b.Pool) })
}

// buildPeaks finds the busiest minutes and replays every minute against
// every tier with published limits. A clock minute is a coarse stand-in for
// the vendor's continuously refilled token bucket: a burst split across two
// clock minutes is undercounted, so the replay is a lower bound of
// throttling.
func buildPeaks(entries []Entry, table *tiers.Table, p *pricer, top int) Peaks {
	loads, unpooled := minuteLoads(entries, p)
	pk := Peaks{Minutes: len(loads), UnpooledRequests: unpooled, Pools: []PoolPeak{}, Top: []MinuteLoad{}, Tiers: []TierReplay{}}
	pools := map[string]*PoolPeak{}
	for _, l := range loads {
		pp := pools[l.Pool]
		if pp == nil {
			pp = &PoolPeak{Pool: l.Pool}
			pools[l.Pool] = pp
		}
		pp.ActiveMinutes++
		pp.MaxRPM = max(pp.MaxRPM, l.Requests)
		pp.MaxITPM = max(pp.MaxITPM, l.ITPM)
		pp.MaxOTPM = max(pp.MaxOTPM, l.OTPM)
	}
	for _, pp := range pools {
		pk.Pools = append(pk.Pools, *pp)
	}
	sort.Slice(pk.Pools, func(i, j int) bool { return pk.Pools[i].Pool < pk.Pools[j].Pool })

	pk.Top = topMinutes(loads, top)
	for _, t := range table.Tiers {
		if t.Negotiated {
			continue
		}
		pk.Tiers = append(pk.Tiers, replayTier(t, loads))
	}
	return pk
}

// replayTier counts the minutes that would have exceeded each of a tier's
// limits.
func replayTier(t tiers.Tier, loads []MinuteLoad) TierReplay {
	r := TierReplay{Tier: t.Name, Minutes: len(loads)}
	for _, l := range loads {
		lim, ok := t.Limits[l.Pool]
		if !ok {
			r.NotOffered++
			continue
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
	return r
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

// topMinutes returns the top busiest minutes in order. A short list is
// kept sorted while the minutes stream past, rather than sorting them all.
func topMinutes(loads []MinuteLoad, top int) []MinuteLoad {
	top = max(0, min(top, len(loads)))
	if top == 0 {
		return []MinuteLoad{}
	}
	if top*8 >= len(loads) {
		ranked := slices.Clone(loads)
		slices.SortFunc(ranked, busier)
		return ranked[:top]
	}
	best := make([]MinuteLoad, 0, top+1)
	for _, l := range loads {
		if len(best) == top && busier(l, best[top-1]) >= 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(best, l, busier)
		best = slices.Insert(best, i, l)
		if len(best) > top {
			best = best[:top]
		}
	}
	return best
}
