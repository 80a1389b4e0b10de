package planner

import (
	"fmt"
	"math"

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

	model tiers.Model
	// devDay is one developer's day on this part at list prices, no batch
	// discount: what a subscription would have to carry.
	devDay Cost
}

// buildParts splits a workload by model mix and batch share, and models
// each part's sessions, demand and cost.
func buildParts(w Workload, t *tiers.Table) ([]Part, error) {
	var parts []Part
	for _, ms := range w.Shares() {
		m, err := LookupModel(t, ms.Model)
		if err != nil {
			return nil, err
		}
		wm := w
		wm.Model, wm.Mix = m.Name, nil
		wm = wm.WithDefaults(m.ContextWindow)
		s, err := BuildSession(wm, m)
		if err != nil {
			if len(w.Mix) > 0 {
				return nil, fmt.Errorf("%s: %w", m.Name, err)
			}
			return nil, err
		}
		ttlHour := wm.CacheTTLName() == "1h"
		usage := SessionUsage(s, m, ttlHour)
		sessionCost := PriceUsage(usage, m)
		info := SessionInfo{
			Calls: s.WorkCalls, CallsDerived: s.CallsDerived, Compactions: s.Compactions,
			GrowthPerCall: math.Round(s.Growth*100) / 100, OutputPerCall: s.OutputPerCall, FirstContext: s.Calls[0].Context,
			LargestContext: s.LargestContext(), Tokens: s.Tokens(), CacheTTL: wm.CacheTTLName(),
		}
		for _, batch := range []bool{false, true} {
			share := ms.Share * (1 - w.BatchShare)
			if batch {
				share = ms.Share * w.BatchShare
			}
			if share <= 0 {
				continue
			}
			wp := wm
			wp.SessionsPerDay = wm.SessionsPerDay * share
			d := ComputeDemand(s, m, wp)
			monthly := usage.Scale(d.SessionsPerMonth)
			cost := PriceUsage(monthly, m)
			if batch {
				cost = cost.Scale(1 - m.BatchDiscount)
			}
			parts = append(parts, Part{
				Model: ModelInfo{m.Name, m.Pool}, Share: share, Batch: batch, Session: info,
				Demand: d, MonthlyUsage: monthly, MonthlyCost: cost,
				model: m, devDay: sessionCost.Scale(wp.SessionsPerDay),
			})
		}
	}
	return parts, nil
}

// PoolLoad is what all interactive parts on one rate-limit pool ask of it.
type PoolLoad struct {
	Pool          string
	Limits        tiers.Limits
	PeakMinute    Charge
	LargestCall   Charge
	DailyTokens   int64
	DailyRequests int64
	demands       []Demand
}

// poolLoads groups the interactive parts by pool, taking each pool's limits
// from the tier; ok is false (with the missing pool) when the tier has no
// limits for one of them.
func poolLoads(parts []Part, tier tiers.Tier) (loads []PoolLoad, missing string) {
	index := map[string]int{}
	for _, p := range parts {
		if p.Batch {
			continue
		}
		l, ok := tier.Limits[p.Model.Pool]
		if !ok {
			return nil, p.Model.Pool
		}
		i, seen := index[p.Model.Pool]
		if !seen {
			i = len(loads)
			index[p.Model.Pool] = i
			loads = append(loads, PoolLoad{Pool: p.Model.Pool, Limits: l})
		}
		pl := &loads[i]
		pl.PeakMinute = pl.PeakMinute.add(p.Demand.PeakMinute)
		pl.LargestCall = maxCharge(pl.LargestCall, p.Demand.LargestCall)
		pl.DailyTokens += p.Demand.DailyTokens
		pl.DailyRequests += p.Demand.DailyRequests
		pl.demands = append(pl.demands, p.Demand)
	}
	return loads, ""
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
