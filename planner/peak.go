package planner

import (
	"slices"

	"github.com/tierplan/tierplan/planner/limiter"
)

// Charge is what a minute of calls (or one call) costs against each
// per-minute bucket, in requests and tokens as the model's pool counts them.
type Charge struct {
	Requests int64 `json:"requests"`
	ITPM     int64 `json:"input_tokens"`
	OTPM     int64 `json:"output_tokens"`
	// TPM is the combined input+output charge, for vendors with one
	// tokens-per-minute limit.
	TPM int64 `json:"tokens"`
}

func (c Charge) add(o Charge) Charge {
	return Charge{c.Requests + o.Requests, c.ITPM + o.ITPM, c.OTPM + o.OTPM, c.TPM + o.TPM}
}

func (c Charge) sub(o Charge) Charge {
	return Charge{c.Requests - o.Requests, c.ITPM - o.ITPM, c.OTPM - o.OTPM, c.TPM - o.TPM}
}

func maxOf(a, b Charge) Charge {
	return Charge{max(a.Requests, b.Requests), max(a.ITPM, b.ITPM), max(a.OTPM, b.OTPM), max(a.TPM, b.TPM)}
}

// tokensOf converts a limiter charge (units) to requests and tokens.
func tokensOf(c limiter.Charge) Charge {
	u := int64(limiter.UnitsPerToken)
	return Charge{c.RPM / u, c.ITPM / u, c.OTPM / u, c.TPM / u}
}

func maxCharge(a, b limiter.Charge) limiter.Charge {
	return limiter.Charge{RPM: max(a.RPM, b.RPM), ITPM: max(a.ITPM, b.ITPM), OTPM: max(a.OTPM, b.OTPM), TPM: max(a.TPM, b.TPM)}
}

// minuteMs is the sliding window of the peak-minute figures.
const minuteMs = 60_000

// peakMinute is, for each bucket separately, the most a pool's calls of one
// part (all parts when part < 0) draw in any 60 seconds of the day: the
// figure a dashboard of per-minute use would show at its worst. Verdicts
// come from the buckets; this is what a person reads.
func (pt *poolTrace) peakMinute(part int32) (peak, largest Charge) {
	var sum Charge
	lo := 0
	evs := pt.events
	in := func(e event) bool { return part < 0 || e.part == part }
	for _, e := range evs {
		if !in(e) {
			continue
		}
		c := tokensOf(*pt.charge(e))
		largest = maxOf(largest, c)
		sum = sum.add(c)
		for ; evs[lo].at <= e.at-minuteMs; lo++ {
			if in(evs[lo]) {
				sum = sum.sub(tokensOf(*pt.charge(evs[lo])))
			}
		}
		peak = maxOf(peak, sum)
	}
	return peak, largest
}

// concurrency is the most sessions of a part (all when part < 0) that run at
// once in the day: from a session's first call to the end of its last.
func (t *dayTrace) concurrency(part int32) int64 {
	type edge struct {
		at    int64
		delta int64
	}
	first := map[int32]int64{}
	last := map[int32]int64{}
	for _, e := range t.events {
		if part >= 0 && e.part != part {
			continue
		}
		if _, ok := first[e.session]; !ok {
			first[e.session] = e.at
		}
		last[e.session] = e.at + t.templates[e.part].Latency[e.call]
	}
	edges := make([]edge, 0, 2*len(first))
	for s, a := range first {
		edges = append(edges, edge{a, 1}, edge{last[s], -1})
	}
	slices.SortFunc(edges, func(a, b edge) int {
		if a.at != b.at {
			return cmp64(a.at, b.at)
		}
		return int(a.delta - b.delta) // an end before a start at the same instant
	})
	var cur, most int64
	for _, e := range edges {
		cur += e.delta
		most = max(most, cur)
	}
	return most
}
