package limiter

import (
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// Reason names what rejected a call, with the names plan reports use for the
// same limits.
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
	NumReasons
)

var reasonNames = [NumReasons]string{"", "rpm", "itpm", "otpm", "tpm", "daily_tokens", "daily_requests", "monthly_spend", "request_size"}

func (r Reason) String() string { return reasonNames[r] }

// Hard reports whether a retry cannot help before a reset far away (a quota,
// the spend cap) or ever (a call larger than a bucket).
func (r Reason) Hard() bool { return r >= ByDailyTokens }

// DayMs is one day in the limiter's milliseconds; daily quotas reset at
// every multiple of it.
const DayMs = 24 * 3_600_000

// Limiter is one pool's limits on one tier: the per-minute buckets the tier
// has, the daily quotas and the spend cap.
type Limiter struct {
	RPM, ITPM, OTPM, TPM *Bucket // nil where the tier has no such limit
	buckets              []*Bucket

	tokensPerDay, requestsPerDay int64 // 0 = none
	day                          int64 // index of the day the quota counters belong to
	tokensToday, requestsToday   int64

	hasCap       bool
	spendCap     tiers.Money
	spent        tiers.Money
	month        int64 // index of the billing month spent belongs to
	daysPerMonth int64 // 0 = the whole run is one month
}

// Spend is a tier's monthly spend cap and what was already spent when a run
// starts; DaysPerMonth is the length of a billing month in (working) days,
// 0 for a run that stays in one month.
type Spend struct {
	HasCap       bool
	Cap          tiers.Money
	SpentBefore  tiers.Money
	DaysPerMonth int
}

// New makes a limiter with full buckets for a pool's limits on a tier,
// enforced over window.
func New(l tiers.Limits, window time.Duration, s Spend) *Limiter {
	lim := &Limiter{
		tokensPerDay: l.TokensPerDay, requestsPerDay: l.RequestsPerDay,
		hasCap: s.HasCap, spendCap: s.Cap, spent: s.SpentBefore, daysPerMonth: int64(s.DaysPerMonth),
	}
	add := func(name string, perMinute int64) *Bucket {
		if perMinute <= 0 {
			return nil
		}
		b := NewBucket(name, perMinute, window)
		lim.buckets = append(lim.buckets, b)
		return b
	}
	lim.RPM = add("rpm", l.RPM)
	lim.ITPM = add("itpm", l.ITPM)
	lim.OTPM = add("otpm", l.OTPM)
	lim.TPM = add("tpm", l.TPM)
	return lim
}

// Buckets lists the per-minute buckets the tier has, in the order RPM,
// ITPM, OTPM, TPM.
func (l *Limiter) Buckets() []*Bucket { return l.buckets }

// Decision is the API's answer to one request.
type Decision struct {
	Reason Reason
	// WaitMs is, for a rate 429, the exact time until every short bucket has
	// room; the retry-after header is this rounded up to whole seconds.
	WaitMs int64
}

// Admit decides on a request at time now and, if it passes, draws its charge.
func (l *Limiter) Admit(now int64, c *Charge) Decision {
	d := l.decide(now, c)
	if d.Reason == Admitted {
		l.take(c)
	}
	return d
}

// Check is the decision Admit would make, without drawing anything: for a
// request that must pass several limiters at once (a pool's buckets and an
// organisation-wide spend cap), check each, then Draw from each.
func (l *Limiter) Check(now int64, c *Charge) Decision { return l.decide(now, c) }

// Draw takes a charge a Check admitted.
func (l *Limiter) Draw(c *Charge) { l.take(c) }

// Observe is Admit for a trace that is never rejected: it returns the
// decision the API would make, records on each bucket the pressure of the
// call, and then draws the charge whatever the decision. Up to the first
// rejection its levels are exactly Admit's; after it they keep falling, so
// Pressure grows with how far the trace overdraws each limit. A call larger
// than a bucket could never pass at all: it is reported and not drawn.
func (l *Limiter) Observe(now int64, c *Charge) Decision {
	d := l.decide(now, c)
	if d.Reason == ByRequestSize {
		return d
	}
	for _, b := range l.buckets {
		b.observe(c.of(b, l))
	}
	l.take(c)
	return d
}

func (l *Limiter) decide(now int64, c *Charge) Decision {
	l.rollCalendar(now)
	if l.hasCap && l.spent >= l.spendCap {
		return Decision{Reason: BySpendCap}
	}
	if l.requestsPerDay > 0 && l.requestsToday+1 > l.requestsPerDay {
		return Decision{Reason: ByDailyRequests}
	}
	if l.tokensPerDay > 0 && l.tokensToday+c.Tokens > l.tokensPerDay {
		return Decision{Reason: ByDailyTokens}
	}
	var worst Decision
	for _, b := range l.buckets {
		units := c.of(b, l)
		if !b.Fits(units) {
			return Decision{Reason: ByRequestSize}
		}
		b.Advance(now)
		if w := b.Wait(units); w > worst.WaitMs {
			worst = Decision{Reason: l.reasonOf(b), WaitMs: w}
		}
	}
	return worst
}

func (l *Limiter) reasonOf(b *Bucket) Reason {
	switch b {
	case l.RPM:
		return ByRPM
	case l.ITPM:
		return ByITPM
	case l.OTPM:
		return ByOTPM
	}
	return ByTPM
}

func (l *Limiter) take(c *Charge) {
	for _, b := range l.buckets {
		b.Take(c.of(b, l))
	}
	l.requestsToday++
	l.tokensToday += c.Tokens
	l.spent += c.Cost
}

// Settle gives back, when a call completes at time now, the output tokens
// reserved at its start beyond what it produced (reserve_max_tokens
// accounting; the API "adjusts at the end").
func (l *Limiter) Settle(now int64, c *Charge) {
	if c.ReserveExtra <= 0 {
		return
	}
	for _, b := range []*Bucket{l.OTPM, l.TPM} {
		if b != nil {
			b.Advance(now)
			b.Give(c.ReserveExtra)
		}
	}
}

// rollCalendar resets the daily quotas at midnight and the spend at the start
// of each billing month.
func (l *Limiter) rollCalendar(now int64) {
	if d := now / DayMs; d != l.day {
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

// RetryAfterSeconds rounds an exact wait up to the whole seconds a
// retry-after header carries; a wait under a second still says 1.
func RetryAfterSeconds(waitMs int64) int64 {
	if waitMs <= 0 {
		return 0
	}
	return (waitMs + 999) / 1000
}
