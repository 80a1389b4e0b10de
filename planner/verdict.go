package planner

import "strings"

// Verdict is how a workload fares on one tier or plan.
type Verdict string

// The verdicts, from best to worst.
const (
	// Fits: every limit stays under the headroom target.
	Fits Verdict = "fits"
	// Tight: some limit is between the headroom target and 100%, or a
	// subscription fits only at the high estimate of its allowance.
	Tight Verdict = "tight"
	// Throttled: a resetting limit (per minute, 5-hour window) is exceeded:
	// work slows down and calls get 429s.
	Throttled Verdict = "throttled"
	// Blocked: the work cannot proceed: a call larger than a bucket, a spend
	// cap, a daily quota or a weekly allowance used up.
	Blocked Verdict = "blocked"
)

func (v Verdict) rank() int {
	switch v {
	case Fits:
		return 0
	case Tight:
		return 1
	case Throttled:
		return 2
	}
	return 3
}

// Limit names one of the limits a workload can hit; the names are part of
// the JSON contract.
type Limit string

// The limits.
const (
	LimitRPM           Limit = "rpm"
	LimitITPM          Limit = "itpm"
	LimitOTPM          Limit = "otpm"
	LimitTPM           Limit = "tpm"
	LimitDailyTokens   Limit = "daily_tokens"
	LimitDailyRequests Limit = "daily_requests"
	LimitMonthlySpend  Limit = "monthly_spend"
	LimitWindow5h      Limit = "window_5h"
	LimitWeekly        Limit = "weekly"
	LimitRequestSize   Limit = "request_size"
	// LimitBatchQueue is the Batch API's processing-queue limit.
	LimitBatchQueue Limit = "batch_queue"
)

// limitOrder breaks ties between equally used limits, and orders tables.
var limitOrder = []Limit{LimitRequestSize, LimitRPM, LimitITPM, LimitOTPM, LimitTPM,
	LimitDailyTokens, LimitDailyRequests, LimitMonthlySpend, LimitWindow5h, LimitWeekly, LimitBatchQueue}

// Describe names a limit in words for reports.
func (l Limit) Describe() string {
	switch l {
	case LimitRPM:
		return "requests-per-minute limit"
	case LimitITPM:
		return "input-tokens-per-minute limit"
	case LimitOTPM:
		return "output-tokens-per-minute limit"
	case LimitTPM:
		return "tokens-per-minute limit"
	case LimitDailyTokens:
		return "daily token quota"
	case LimitDailyRequests:
		return "daily request quota"
	case LimitMonthlySpend:
		return "monthly spend cap"
	case LimitWindow5h:
		return "5-hour window allowance"
	case LimitWeekly:
		return "weekly allowance"
	case LimitRequestSize:
		return "largest single call"
	case LimitBatchQueue:
		return "batch processing queue"
	}
	if meter, ok := strings.CutPrefix(string(l), "weekly_"); ok {
		return "weekly " + meter + " meter"
	}
	return string(l)
}

// PerMinute reports whether a limit resets within the minute.
func (l Limit) PerMinute() bool { return l.perMinute() }

// perMinute reports whether a limit resets within the minute.
func (l Limit) perMinute() bool {
	return l == LimitRPM || l == LimitITPM || l == LimitOTPM || l == LimitTPM
}

// budget reports whether a limit is a daily or monthly budget, the kind a
// dashboard shows as "% used".
func (l Limit) budget() bool {
	return l == LimitDailyTokens || l == LimitDailyRequests || l == LimitMonthlySpend ||
		l == LimitWindow5h || l == LimitWeekly || strings.HasPrefix(string(l), "weekly_")
}
