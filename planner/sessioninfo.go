package planner

import (
	"math"

	"github.com/tierplan/tierplan/planner/session"
)

// SessionInfo summarises a part's modelled session: its shape, and what its
// timing made of it in the modelled day.
type SessionInfo struct {
	// Calls is the work calls every session makes; a share ExtraShare of
	// sessions makes one more, so the mean session (MeanCalls) adds up to
	// Tokens exactly.
	Calls          int     `json:"calls"`
	ExtraShare     float64 `json:"extra_call_share"`
	MeanCalls      float64 `json:"mean_calls"`
	Compactions    int     `json:"compactions"`
	GrowthPerCall  float64 `json:"growth_per_call"`
	OutputPerCall  int64   `json:"output_per_call"`
	FirstContext   int64   `json:"first_context"`
	LargestContext int64   `json:"largest_context"`
	Tokens         int64   `json:"tokens"`
	CacheTTL       string  `json:"cache"`
	// The time model's outcomes in the modelled day: mean minutes from a
	// session's first call to the end of its last, calls a minute over
	// them, the most calls one session sent in any 60 seconds, and the
	// share of later calls sent cold (cache expired during a pause, or a
	// first call after compaction).
	// CallSeconds is a work call's time: its time to first token plus its
	// output at the model's speed.
	CallSeconds    float64 `json:"call_s"`
	Minutes        float64 `json:"minutes"`
	CallsPerMinute float64 `json:"calls_per_minute"`
	BurstPerMinute int     `json:"burst_calls_per_minute"`
	ColdShare      float64 `json:"cold_share"`
	Turns          float64 `json:"turns"`
}

// sessionInfo describes a resolved part's session; the outcomes come from
// its sessions in the day's trace.
func sessionInfo(s session.Spec, t *dayTrace, part int) SessionInfo {
	calls := s.Shape.Calls(s.Length.Longest())
	upTo, next := s.Shape.Totals(s.Length.Calls)
	info := SessionInfo{
		Calls: s.Length.Calls, ExtraShare: round(s.Length.Extra, 4), MeanCalls: round(s.Length.Mean(), 2),
		GrowthPerCall: round(s.Shape.Growth, 2), OutputPerCall: s.Shape.Output,
		FirstContext: calls[0].Context, Tokens: upTo + int64(math.Round(s.Length.Extra*float64(next))),
		CacheTTL: s.Shape.Cache.String(), Turns: round(s.Length.Mean()/s.Timing.CallsPerTurn, 1),
		CallSeconds: round(float64(s.Timing.LatencyMs(s.Shape.Output))/1000, 2),
	}
	for _, c := range calls {
		info.LargestContext = max(info.LargestContext, c.Context)
		if c.Compaction {
			info.Compactions++
		}
	}
	o := t.outcomes(int32(part))
	info.Minutes, info.CallsPerMinute, info.BurstPerMinute, info.ColdShare = o.minutes, o.perMinute, o.burst, o.coldShare
	return info
}

// outcome is what the time model made of a part's sessions in the day.
type outcome struct {
	minutes, perMinute, coldShare float64
	burst                         int
}

func (t *dayTrace) outcomes(part int32) outcome {
	type span struct {
		first, end int64
		times      []int64
	}
	spans := map[int32]*span{}
	var order []int32
	later, cold := 0, 0
	for _, e := range t.events {
		if e.part != part {
			continue
		}
		sp := spans[e.session]
		if sp == nil {
			sp = &span{first: e.at}
			spans[e.session] = sp
			order = append(order, e.session)
		} else {
			later++
			c := t.templates[part].Calls[e.call]
			if e.expired || c.Cold {
				cold++
			}
		}
		sp.end = e.at + t.templates[part].Latency[e.call]
		sp.times = append(sp.times, e.at)
	}
	var o outcome
	if len(order) == 0 {
		return o
	}
	var wall float64
	calls := 0
	for _, id := range order {
		sp := spans[id]
		wall += float64(sp.end-sp.first) / 60_000
		calls += len(sp.times)
		lo := 0
		for hi := range sp.times {
			for sp.times[hi]-sp.times[lo] >= minuteMs {
				lo++
			}
			o.burst = max(o.burst, hi-lo+1)
		}
	}
	o.minutes = round(wall/float64(len(order)), 1)
	if wall > 0 {
		o.perMinute = round(float64(calls)/wall, 2)
	}
	if later > 0 {
		o.coldShare = round(float64(cold)/float64(later), 4)
	}
	return o
}
