package simulate

import (
	"github.com/tierplan/tierplan/tiers"
)

// Reason names what rejected a call, with the names the plan report uses for
// the same limits.
type Reason uint8

// The reasons a call can be rejected.
const (
	Admitted Reason = iota
	ByRPM
	ByITPM
	ByOTPM
	ByTPM
	ByDailyTokens
	ByDailyRequests
	BySpendCap
	ByRequestSize // larger than a bucket: can never pass
	numReasons
)

var reasonNames = [numReasons]string{"", "rpm", "itpm", "otpm", "tpm", "daily_tokens", "daily_requests", "monthly_spend", "request_size"}

func (r Reason) String() string { return reasonNames[r] }

// Hard reports whether a retry cannot help before a reset far away (a quota,
// the spend cap) or ever (a call larger than a bucket).
func (r Reason) Hard() bool { return r >= ByDailyTokens }

// charge is what one call draws from each limit, in bucket units for the
// per-minute buckets and in tokens and dollars for the quotas.
type charge struct {
	rpm, itpm, otpm, tpm int64 // units
	reserveExtra         int64 // units of OTPM reserved beyond the actual output, given back at completion
	tokens               int64 // counted toward a daily token quota
	cost                 tiers.Money
}

// limiter is one pool's limits on one tier: the per-minute buckets that exist
// on the tier, the daily quotas and the spend cap.
type limiter struct {
	rpm, itpm, otpm, tpm *bucket // nil where the tier has no such limit
	buckets              []*bucket

	tokensPerDay, requestsPerDay int64 // 0 = none
	day                          int64 // index of the day the quota counters belong to
	tokensToday, requestsToday   int64

	hasCap       bool
	spendCap     tiers.Money
	spent        tiers.Money
	month        int64 // index of the billing month spent belongs to
	daysPerMonth int64 // 0 = the whole run is one month
}

const dayMs = 24 * 3_600_000

func newLimiter(l tiers.Limits, windowMs int64, cap tiers.Money, hasCap bool, spentBefore tiers.Money, daysPerMonth int) *limiter {
	lim := &limiter{
		tokensPerDay: l.TokensPerDay, requestsPerDay: l.RequestsPerDay,
		hasCap: hasCap, spendCap: cap, spent: spentBefore, daysPerMonth: int64(daysPerMonth),
	}
	add := func(name string, perMinute int64) *bucket {
		if perMinute <= 0 {
			return nil
		}
		b := newBucket(name, perMinute, windowMs)
		lim.buckets = append(lim.buckets, b)
		return b
	}
	lim.rpm = add("rpm", l.RPM)
	lim.itpm = add("itpm", l.ITPM)
	lim.otpm = add("otpm", l.OTPM)
	lim.tpm = add("tpm", l.TPM)
	return lim
}

// decision is the API's answer to one request.
type decision struct {
	reason Reason
	// waitMs is, for a rate 429, the exact time until every short bucket has
	// room; the retry-after header is this rounded up to whole seconds.
	waitMs int64
}

// admit decides on a request at time now and, if it passes, draws its charge.
func (l *limiter) admit(now int64, c *charge) decision {
	l.rollCalendar(now)
	if l.hasCap && l.spent >= l.spendCap {
		return decision{reason: BySpendCap}
	}
	if l.requestsPerDay > 0 && l.requestsToday+1 > l.requestsPerDay {
		return decision{reason: ByDailyRequests}
	}
	if l.tokensPerDay > 0 && l.tokensToday+c.tokens > l.tokensPerDay {
		return decision{reason: ByDailyTokens}
	}
	var worst decision
	check := func(b *bucket, units int64, why Reason) {
		if b == nil || worst.reason == ByRequestSize {
			return
		}
		if !b.fits(units) {
			worst = decision{reason: ByRequestSize}
			return
		}
		b.advance(now)
		if w := b.wait(units); w > worst.waitMs {
			worst = decision{reason: why, waitMs: w}
		}
	}
	check(l.rpm, c.rpm, ByRPM)
	check(l.itpm, c.itpm, ByITPM)
	check(l.otpm, c.otpm, ByOTPM)
	check(l.tpm, c.tpm, ByTPM)
	if worst.reason != Admitted {
		return worst
	}
	l.take(c)
	return decision{}
}

func (l *limiter) take(c *charge) {
	if l.rpm != nil {
		l.rpm.take(c.rpm)
	}
	if l.itpm != nil {
		l.itpm.take(c.itpm)
	}
	if l.otpm != nil {
		l.otpm.take(c.otpm)
	}
	if l.tpm != nil {
		l.tpm.take(c.tpm)
	}
	l.requestsToday++
	l.tokensToday += c.tokens
	l.spent += c.cost
}

// settle gives back, when a call completes at time now, the output tokens
// reserved at its start beyond what it produced (reserve_max_tokens
// accounting; the API "adjusts at the end").
func (l *limiter) settle(now int64, c *charge) {
	if c.reserveExtra <= 0 {
		return
	}
	for _, b := range []*bucket{l.otpm, l.tpm} {
		if b != nil {
			b.advance(now)
			b.give(c.reserveExtra)
		}
	}
}

// rollCalendar resets the daily quotas at midnight and the spend at the start
// of each billing month.
func (l *limiter) rollCalendar(now int64) {
	if d := now / dayMs; d != l.day {
		l.day = d
		l.tokensToday, l.requestsToday = 0, 0
		if l.daysPerMonth > 0 {
			if m := d / l.daysPerMonth; m != l.month {
				l.month = m
				l.spent = 0
			}
		}
	}
}

// retryAfterSeconds rounds an exact wait up to the whole seconds a retry-after
// header carries; a wait under a second still says 1.
func retryAfterSeconds(waitMs int64) int64 {
	if waitMs <= 0 {
		return 0
	}
	return (waitMs + 999) / 1000
}
