package planner

import (
	"math"

	"github.com/tierplan/tierplan/tiers"
)

// Charge is what one call, or one minute of calls, costs against each
// per-minute bucket, as a model's pool counts it.
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

func (c Charge) times(k int64) Charge {
	return Charge{c.Requests * k, c.ITPM * k, c.OTPM * k, c.TPM * k}
}

func maxCharge(a, b Charge) Charge {
	return Charge{max(a.Requests, b.Requests), max(a.ITPM, b.ITPM), max(a.OTPM, b.OTPM), max(a.TPM, b.TPM)}
}

// ChargeOf is one call's charge on a model's pool. Input tokens count the
// uncached input and cache writes, and cache reads only on models whose
// reads count (Anthropic's † models). Output counts what is generated, or
// max_tokens where the vendor reserves it at request start.
func ChargeOf(c Call, m tiers.Model, maxTokens int64) Charge {
	in := c.Input + c.CacheWrite
	if m.ITPMCountsCacheReads {
		in += c.CacheRead
	}
	out := c.Output
	if m.OTPMAccounting == tiers.OTPMReserveMaxTokens {
		out = max(out, maxTokens)
	}
	return Charge{Requests: 1, ITPM: in, OTPM: out, TPM: in + out}
}

// callsPerMinute is how many consecutive calls one minute of a session
// holds: its pace, rounded up, at least one.
func callsPerMinute(pace float64) int {
	return max(1, int(math.Ceil(pace-1e-9)))
}

// minuteCharges returns, for each call i, the charge of the minute ending
// with it: the sum over the window of calls (i−k, i] at the session's pace.
func minuteCharges(s Session, m tiers.Model, w Workload) []Charge {
	k := callsPerMinute(w.Pace)
	out := make([]Charge, len(s.Calls))
	var sum Charge
	for i, c := range s.Calls {
		sum = sum.add(ChargeOf(c, m, w.MaxTokens))
		if i >= k {
			sum = sum.sub(ChargeOf(s.Calls[i-k], m, w.MaxTokens))
		}
		out[i] = sum
	}
	return out
}

// Demand is what a workload asks of a model's pool: the peak minute, the
// largest single call, and daily and monthly totals for the whole team.
type Demand struct {
	// SessionMinutes is how long one session runs at its pace.
	SessionMinutes float64 `json:"session_minutes"`
	// PeakSessions is how many sessions run in the peak minute.
	PeakSessions int64 `json:"peak_concurrent_sessions"`
	// PeakMinute is PeakSessions sessions, each at its busiest minute.
	PeakMinute Charge `json:"peak_minute"`
	// LargestCall is the biggest single charge on each bucket: a call larger
	// than a bucket can never pass.
	LargestCall   Charge `json:"largest_call"`
	DailyTokens   int64  `json:"daily_tokens"`
	DailyRequests int64  `json:"daily_requests"`
	// SessionsPerMonth is team sessions per month (all developers).
	SessionsPerMonth float64 `json:"sessions_per_month"`
	MonthlyTokens    int64   `json:"monthly_tokens"`
	// perMinute is each call's minute charge for one session; the
	// throttled-from-call figure reads it.
	perMinute []Charge
}

// ComputeDemand turns a session into the demand the whole team puts on a
// pool. The peak minute assumes the peak sessions line up at their busiest
// minute (a cold start, or the minute after a compaction), which is what a
// stand-up or a shared CI trigger produces.
func ComputeDemand(s Session, m tiers.Model, w Workload) Demand {
	w = w.WithDefaults(m.ContextWindow)
	d := Demand{SessionMinutes: float64(len(s.Calls)) / w.Pace}
	d.perMinute = minuteCharges(s, m, w)
	var peak Charge
	for i, c := range s.Calls {
		peak = maxCharge(peak, d.perMinute[i])
		d.LargestCall = maxCharge(d.LargestCall, ChargeOf(c, m, w.MaxTokens))
	}
	d.PeakSessions = PeakSessions(w, d.SessionMinutes)
	d.PeakMinute = peak.times(d.PeakSessions)
	team := float64(w.Devs) * w.SessionsPerDay
	d.DailyTokens = int64(math.Round(team * float64(s.Tokens())))
	d.DailyRequests = int64(math.Round(team * float64(len(s.Calls))))
	d.SessionsPerMonth = team * w.DaysPerMonth
	d.MonthlyTokens = int64(math.Round(d.SessionsPerMonth * float64(s.Tokens())))
	return d
}

// PeakSessions is the number of sessions running in the peak minute. Each
// developer is busy a share c of the working day (sessions × session
// length ÷ working minutes); one busy more than the whole day runs ⌈c⌉
// sessions side by side. With Overlap set, that share of developers is
// active at once; otherwise it is the 99th percentile of a binomial count
// of active developers, so a team's peak grows slower than its size.
func PeakSessions(w Workload, sessionMinutes float64) int64 {
	c := w.SessionsPerDay * sessionMinutes / (w.HoursPerDay * 60)
	// Never more side by side than the sessions there are in a day.
	parallel := max(1, min(int64(math.Ceil(c-1e-9)), int64(math.Ceil(w.SessionsPerDay-1e-9))))
	if w.Overlap > 0 {
		return max(1, int64(math.Ceil(w.Overlap*float64(w.Devs)-1e-9))) * parallel
	}
	p := min(1, c/float64(parallel))
	active := BinomialQuantile(w.Devs, p, PeakQuantile)
	return max(1, active) * parallel
}

// BinomialQuantile is the smallest k with P(X ≤ k) ≥ q for X ~ Bin(n, p),
// summed in log space so large teams do not underflow. Past 10,000 trials
// it uses the normal approximation (with a continuity correction), which is
// exact to well under one developer there and keeps the cost constant.
func BinomialQuantile(n int, p, q float64) int64 {
	if p <= 0 {
		return 0
	}
	if p >= 1 {
		return int64(n)
	}
	if n > 10_000 {
		mean, sd := float64(n)*p, math.Sqrt(float64(n)*p*(1-p))
		z := math.Sqrt2 * math.Erfinv(2*q-1)
		return min(int64(n), max(0, int64(math.Ceil(mean+z*sd-0.5))))
	}
	lgN, _ := math.Lgamma(float64(n + 1))
	cdf := 0.0
	for k := 0; k <= n; k++ {
		lgK, _ := math.Lgamma(float64(k + 1))
		lgNK, _ := math.Lgamma(float64(n - k + 1))
		cdf += math.Exp(lgN - lgK - lgNK + float64(k)*math.Log(p) + float64(n-k)*math.Log1p(-p))
		if cdf >= q-1e-12 {
			return int64(k)
		}
	}
	return int64(n)
}

// ThrottledFromCall is the first call (1-based) at which PeakSessions
// sessions in lockstep ask a per-minute bucket for more than it holds: the
// "fine until the 15th command" effect. Zero means never.
func (d Demand) ThrottledFromCall(l tiers.Limits) int {
	for i, c := range d.perMinute {
		if exceedsMinute(c.times(d.PeakSessions), l) {
			return i + 1
		}
	}
	return 0
}

func exceedsMinute(c Charge, l tiers.Limits) bool {
	return over(c.Requests, l.RPM) || over(c.ITPM, l.ITPM) || over(c.OTPM, l.OTPM) || over(c.TPM, l.TPM)
}

func over(demand, limit int64) bool { return limit > 0 && demand > limit }
