package diagnose

import "time"

// Where a resume time came from (resume_from).
const (
	fromRetryAfter  = "retry-after"
	fromBucket      = "bucket reset"
	fromWindow      = "window reset"
	fromOverage     = "extra-usage reset"
	fromMessage     = "message"
	fromMonth       = "month start"
	fromDailyReset  = "daily reset"
	fromRetryDelay  = "retry delay"
	fromUnifiedHead = "unified reset"
)

// resumeFor works out when a request can succeed again, and from what.
func resumeFor(d *Diagnosis, body bodyInfo, words messageFacts, opt Options, n *notes) (*int64, *time.Time, string) {
	ref := d.ReferenceTime
	type cand struct {
		at   *time.Time
		from string
	}
	var cands []cand
	add := func(t *time.Time, from string) {
		if t != nil {
			cands = append(cands, cand{t, from})
		}
	}
	secs := func(s *int64) *time.Time {
		if s == nil {
			return nil
		}
		if t, ok := after(ref, *s); ok {
			return &t
		}
		return nil
	}
	dur := func(dd *time.Duration) *time.Time {
		if dd == nil {
			return nil
		}
		t := ref.Add(*dd)
		if !inRange(t) {
			return nil
		}
		return &t
	}
	switch d.Kind {
	case KindRateLimit:
		if dailyLimit(d.Limit) {
			add(secs(d.RetryAfterS), fromRetryAfter)
			add(dailyReset(d, body, ref, opt, n), fromDailyReset)
			add(words.resume, fromMessage)
			break
		}
		add(secs(d.RetryAfterS), fromRetryAfter)
		if b := bucketFor(d.Buckets, d.Limit); b != nil {
			add(b.Reset, fromBucket)
		}
		add(dur(body.RetryDelay), fromRetryDelay)
		add(dur(words.wait), fromMessage)
	case KindSubscriptionLimit:
		if s := d.Subscription; s != nil {
			add(latestRejectedReset(s), fromWindow)
			add(s.Reset, fromUnifiedHead)
		}
		add(words.resume, fromMessage)
		add(secs(d.RetryAfterS), fromRetryAfter)
	case KindBilling:
		if d.Limit == LimitExtraUsage {
			if s := d.Subscription; s != nil && s.Overage != nil {
				add(s.Overage.Reset, fromOverage)
			}
			add(words.resume, fromMessage)
		}
	case KindSpendCap:
		if t := nextMonthStart(ref); inRange(t) {
			add(&t, fromMonth)
		} else {
			n.add("the spend cap resets after year 9999; no resume time")
		}
	case KindSpendLimit:
		add(words.resume, fromMessage)
		add(secs(d.RetryAfterS), fromRetryAfter)
	case KindOverloaded, KindOther:
		add(secs(d.RetryAfterS), fromRetryAfter)
		add(dur(body.RetryDelay), fromRetryDelay)
	}
	if len(cands) == 0 {
		return nil, nil, ""
	}
	c := cands[0]
	w := ceilSeconds(c.at.Sub(ref))
	return &w, c.at, c.from
}

// latestRejectedReset is when the last used-up window resets: the plan
// lets requests through only when every used-up window has.
func latestRejectedReset(s *Subscription) *time.Time {
	var last *time.Time
	for _, w := range s.Windows {
		if w.rejected() && w.Reset != nil && (last == nil || w.Reset.After(*last)) {
			last = w.Reset
		}
	}
	if last == nil {
		if w := s.claimedWindow(); w != nil {
			return w.Reset
		}
	}
	return last
}

// dailyReset is when a daily quota turns over, where the vendor says: an
// OpenAI reset header, Gemini's midnight Pacific.
func dailyReset(d *Diagnosis, body bodyInfo, ref time.Time, opt Options, n *notes) *time.Time {
	for _, b := range d.Buckets {
		if b.Provider == "openai" && b.Empty && b.Reset != nil {
			return b.Reset
		}
	}
	if body.Provider != "gemini" {
		return nil
	}
	loc, err := opt.zone(geminiDayZone)
	if err != nil {
		n.add("Gemini's daily quotas reset at midnight Pacific time, but the time zone %s is not known here", geminiDayZone)
		return nil
	}
	t := nextMidnight(ref, loc)
	if !inRange(t) {
		return nil
	}
	return &t
}
