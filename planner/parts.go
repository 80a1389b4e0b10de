package planner

import (
	"math"

	"github.com/tierplan/tierplan/planner/session"
	"github.com/tierplan/tierplan/tiers"
)

// Part is the share of a workload that runs on one model, either
// interactively or through the Batch API. A single-model workload without
// batch has one part.
type Part struct {
	Model   ModelInfo   `json:"model"`
	Share   float64     `json:"share"` // of all sessions
	Batch   bool        `json:"batch"`
	Session SessionInfo `json:"session"`
	Demand  Demand      `json:"demand"`
	// MonthlyUsage is the team's tokens per month on this part, by kind.
	MonthlyUsage Usage `json:"monthly_tokens_by_kind"`
	// MonthlyCost is at list prices, less the batch discount for batch parts.
	MonthlyCost Cost `json:"monthly_cost"`

	model    tiers.Model
	resolved int // index into Resolved.Parts (and the trace's templates)
	// devDay is one developer's day on this part at list prices, no batch
	// discount: what a subscription would have to carry.
	devDay Cost
	// sessionCost is one mean session at list prices.
	sessionCost Cost
}

// ModelInfo names the model and the pool whose limits apply.
type ModelInfo struct {
	Name string `json:"name"`
	Pool string `json:"pool"`
}

// Demand is what a part asks of its pool: the day's peak, the largest single
// call, and daily and monthly totals for the whole team.
type Demand struct {
	// SessionMinutes is the mean time from a session's first call to the end
	// of its last, in the modelled day.
	SessionMinutes float64 `json:"session_minutes"`
	// PeakSessions is the most sessions running at once in the day.
	PeakSessions int64 `json:"peak_concurrent_sessions"`
	// PeakMinute is the most the part's calls draw in any 60 seconds, per
	// bucket, in the units its pool counts.
	PeakMinute Charge `json:"peak_minute"`
	// LargestCall is the biggest single charge on each bucket: a call larger
	// than a bucket can never pass.
	LargestCall      Charge  `json:"largest_call"`
	DailyTokens      int64   `json:"daily_tokens"`
	DailyRequests    int64   `json:"daily_requests"`
	SessionsPerMonth float64 `json:"sessions_per_month"`
	MonthlyTokens    int64   `json:"monthly_tokens"`
}

// buildParts splits a resolved workload by model and batch share, and
// prices each part from its mean session.
func buildParts(r Resolved, t *dayTrace, pools []*poolTrace) []Part {
	w := r.Workload
	var parts []Part
	for i, rp := range r.Parts {
		m, spec := rp.Model, rp.Spec
		per := expectedUsage(spec, m)
		sessionCost := PriceUsage(per, m)
		info := sessionInfo(spec, t, i)
		for _, batch := range []bool{false, true} {
			share := rp.Share * (1 - w.BatchShare)
			if batch {
				share = rp.Share * w.BatchShare
			}
			if share <= 0 {
				continue
			}
			team := float64(w.Devs) * w.SessionsPerDay * share
			d := Demand{
				DailyTokens:      int64(math.Round(team * float64(info.Tokens))),
				DailyRequests:    int64(math.Round(team * meanRequests(spec))),
				SessionsPerMonth: team * w.DaysPerMonth,
			}
			d.MonthlyTokens = int64(math.Round(d.SessionsPerMonth * float64(info.Tokens)))
			if !batch {
				for _, pt := range pools {
					if pt.pool == m.Pool {
						d.PeakMinute, d.LargestCall = pt.peakMinute(int32(i))
					}
				}
				d.PeakSessions = t.concurrency(int32(i))
				d.SessionMinutes = info.Minutes
			}
			monthly := per.Scale(d.SessionsPerMonth)
			cost := PriceUsage(monthly, m)
			if batch {
				cost = cost.Scale(1 - m.BatchDiscount)
			}
			parts = append(parts, Part{
				Model: ModelInfo{m.Name, m.Pool}, Share: share, Batch: batch, Session: info,
				Demand: d, MonthlyUsage: monthly, MonthlyCost: cost,
				model: m, resolved: i, sessionCost: sessionCost,
				devDay: sessionCost.Scale(w.SessionsPerDay * share),
			})
		}
	}
	return parts
}

// meanRequests is the requests of the mean session, compaction calls
// included.
func meanRequests(s session.Spec) float64 {
	n := 0.0
	for _, c := range s.Shape.Calls(s.Length.Calls + 1) {
		if c.Work <= s.Length.Calls {
			n++
		} else {
			n += s.Length.Extra
		}
	}
	return n
}

// batchRequestsPerDay is how many requests the batch parts queue a day.
func batchRequestsPerDay(parts []Part) int64 {
	var n int64
	for _, p := range parts {
		if p.Batch {
			n += p.Demand.DailyRequests
		}
	}
	return n
}

func totalCost(parts []Part) Cost {
	var c Cost
	for _, p := range parts {
		c = c.Add(p.MonthlyCost)
	}
	return c
}

func totalUsage(parts []Part) Usage {
	var u Usage
	for _, p := range parts {
		u = u.Add(p.MonthlyUsage)
	}
	return u
}

// devDay is one developer's day over all parts, at list prices.
func devDay(parts []Part) Cost {
	var c Cost
	for _, p := range parts {
		c = c.Add(p.devDay)
	}
	return c
}
