package diagnose

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// limitLabel names a limit for people.
var limitLabel = map[Limit]string{
	LimitRPM:    "requests per minute (RPM)",
	LimitITPM:   "input tokens per minute (ITPM)",
	LimitOTPM:   "output tokens per minute (OTPM)",
	LimitTokens: "tokens per minute (the most restrictive token limit in effect)",
	LimitDaily:  "daily quota",
}

// verdict is the one sentence a person reads first.
func verdict(d *Diagnosis) string {
	prefix := ""
	if d.Status != 0 {
		prefix = strconv.Itoa(int(d.Status)) + " "
	}
	switch d.Kind {
	case KindRateLimit:
		switch d.Limit {
		case LimitUnknown:
			if len(d.Buckets) == 0 {
				return prefix + "rate limit; which bucket ran dry is unknown (no anthropic-ratelimit-* headers)"
			}
			return prefix + "rate limit, but no bucket in the headers reads empty"
		case LimitDaily:
			return prefix + "rate limit: the daily quota is used up"
		}
		return prefix + "rate limit: the " + limitLabel[d.Limit] + " bucket is empty"
	case KindOverloaded:
		return prefix + "overloaded: the API is busy; this is not your rate limit"
	case KindSpendCap:
		return prefix + "spend cap: the tier's monthly spend cap is reached; requests fail until " +
			d.ResumeAt.Format("2006-01-02 15:04") + " UTC"
	case KindSpendLimit:
		return prefix + "spend limit: a spend limit set for your organization or workspace is reached"
	case KindAuth:
		if d.Status == 403 {
			return prefix + "permission error: the API key may not do this; not a rate limit"
		}
		return prefix + "authentication error: the API key was refused; not a rate limit"
	case KindInvalidRequest:
		return prefix + "invalid request: the request itself is wrong; not a rate limit"
	case KindTooLarge:
		return prefix + "request too large: the body exceeds the endpoint's size limit; not a rate limit"
	case KindOK:
		return prefix + "success: no limit was hit"
	}
	if d.Status == 0 {
		return "unknown: no status code, and nothing else in the input tells what happened"
	}
	what := "not a rate limit"
	if d.Error != nil && d.Error.Type != "" {
		what = d.Error.Type + "; " + what
	}
	return prefix + what
}

// advise says what to do, most useful first.
func advise(d *Diagnosis) []string {
	var a []string
	switch d.Kind {
	case KindRateLimit:
		a = append(a, waitAdvice(d))
		a = append(a, limitAdvice(d)...)
		a = append(a, tierAdvice(d)...)
	case KindOverloaded:
		wait := "back off exponentially (1 s, 2 s, 4 s, …) and retry"
		if d.WaitS != nil {
			wait = "wait " + FormatSeconds(*d.WaitS) + " (retry-after), then retry with exponential backoff"
		}
		a = append(a, wait,
			"this is API-wide load, not your quota: it does not count against your rate limits or budget, and a higher tier does not help")
	case KindSpendCap:
		a = append(a, fmt.Sprintf("requests fail until %s UTC (in %s); retrying before then, automatic SDK retries included, only fails again: turn retries off",
			d.ResumeAt.Format("2006-01-02 15:04"), FormatSeconds(*d.WaitS)))
		a = append(a, tierAdvice(d)...)
	case KindSpendLimit:
		a = append(a, "raise or remove the spend limit in the Console (organization or workspace limits); retrying won't help until then")
	case KindAuth:
		if d.Status == 403 {
			a = append(a, "check that the key's workspace may use this model or endpoint; retrying won't help")
		} else {
			a = append(a, "check that ANTHROPIC_API_KEY holds a current key (keys can be revoked or disabled); retrying won't help")
		}
	case KindInvalidRequest:
		a = append(a, "fix the request as the error message says; sent again unchanged it fails the same way")
	case KindTooLarge:
		a = append(a, "send less in one request: split the input, or upload large files separately")
	case KindOK:
		a = append(a, lowBucketAdvice(d)...)
	default:
		a = append(a, otherAdvice(d))
	}
	return a
}

func waitAdvice(d *Diagnosis) string {
	switch {
	case d.WaitS == nil:
		return "back off exponentially (1 s, 2 s, 4 s, …) and retry"
	case d.RetryAfterS != nil:
		return "wait " + FormatSeconds(*d.WaitS) + " before retrying (retry-after)"
	case *d.WaitS == 0:
		return "the " + string(d.Limit) + " bucket had refilled by the response's time: retry now"
	}
	return "wait " + FormatSeconds(*d.WaitS) + " before retrying (until the " + strings.ToUpper(string(d.Limit)) + " bucket is full again)"
}

func limitAdvice(d *Diagnosis) []string {
	switch d.Limit {
	case LimitRPM:
		pace := ""
		if b := bucketFor(d.Buckets, LimitRPM); b != nil && b.Limit != nil && *b.Limit > 0 {
			pace = fmt.Sprintf(" (%s RPM is about one request every %s s)", tiers.GroupDigits(*b.Limit),
				strconv.FormatFloat(60/float64(*b.Limit), 'f', -1, 64))
		}
		return []string{"slow down: spread requests out instead of bursting; the bucket refills continuously" + pace}
	case LimitITPM:
		return []string{
			"shrink the context: compact or clear the conversation, trim large tool outputs and files",
			"turn on prompt caching: cache reads do not count toward ITPM on most current models",
		}
	case LimitOTPM:
		return []string{"generate less output per minute: shorter answers, fewer requests in parallel, a lower max_tokens"}
	case LimitTokens:
		return []string{
			"shrink the context and turn on prompt caching",
			"if a workspace limit is set below the organization's, raise it in the Console",
		}
	case LimitDaily:
		return []string{"the daily quota is used up: wait for it to reset, or move to a tier with a larger one"}
	}
	if len(d.Buckets) == 0 {
		return []string{"to learn which bucket ran dry, diagnose the whole response with its anthropic-ratelimit-* headers (curl -i)"}
	}
	return []string{"no bucket reads empty: likely a burst (limits are enforced over short intervals: 60 RPM may be 1 request per second) or an acceleration limit after a sharp rise in usage; ramp up gradually"}
}

// tierAdvice names the tier that lifts the binding limit or spend cap.
func tierAdvice(d *Diagnosis) []string {
	t := d.Tier
	what := "this limit"
	if d.Kind == KindSpendCap {
		what = "the monthly spend cap"
	}
	switch {
	case t == nil:
		if d.Kind == KindSpendCap {
			return []string{"a tier with a higher monthly spend cap lifts it sooner"}
		}
		return nil
	case len(t.Candidates) > 0:
		return []string{"the header limits match several tiers (" + strings.Join(t.Candidates, ", ") + "): cannot tell which one you are on"}
	case t.Current == "":
		return nil
	case t.Next != "":
		return []string{fmt.Sprintf("you are on %s (pool %s); %s lifts %s to %s", t.Current, t.Pool, t.Next, what, t.NextLimit)}
	case t.Negotiated != "":
		return []string{fmt.Sprintf("you are on %s (pool %s); no published tier lifts %s: %s has negotiated limits (contact sales)", t.Current, t.Pool, what, t.Negotiated)}
	case d.Limit == LimitUnknown:
		return nil
	}
	return []string{fmt.Sprintf("you are on %s (pool %s); no tier in the table lifts %s", t.Current, t.Pool, what)}
}

// lowBucketAdvice warns about buckets under 10% on a successful response.
func lowBucketAdvice(d *Diagnosis) []string {
	var a []string
	for _, b := range d.Buckets {
		if b.Limit == nil || b.Remaining == nil || *b.Limit <= 0 || *b.Remaining*10 >= *b.Limit {
			continue
		}
		s := fmt.Sprintf("the %s bucket is nearly empty (%s of %s left)", b.Name, tiers.GroupDigits(*b.Remaining), tiers.GroupDigits(*b.Limit))
		if b.ResetInS != nil {
			s += ", full again in " + FormatSeconds(*b.ResetInS)
		}
		a = append(a, s+": slow down")
	}
	if len(a) == 0 {
		a = append(a, "no action needed")
	}
	return a
}

func otherAdvice(d *Diagnosis) string {
	switch s := int(d.Status); {
	case s == 0:
		return "give the status code (--status) or the whole response (curl -i) for a verdict"
	case s == 402:
		return "billing problem: check the organization's payment method and credit balance"
	case s == 404:
		return "check the model name and the URL"
	case s >= 500:
		return "server-side error: retry with exponential backoff"
	case s >= 300 && s < 400:
		return "a redirect: check the base URL (or follow redirects with curl -L)"
	}
	return "read the error message; this is not a rate limit"
}

// staleAfter is the age from which a response counts as old; below it, the
// difference is clock skew or the time it took to paste.
const staleAfter = time.Minute

// staleNote says when a pasted response is so old that its waits have
// passed, so nobody waits for a bucket that refilled an hour ago.
func staleNote(d *Diagnosis, now time.Time) []string {
	if d.ReferenceFrom != RefDateHeader || now.Sub(d.ReferenceTime) < staleAfter {
		return nil
	}
	latest := d.ReferenceTime
	if d.ResumeAt != nil && d.ResumeAt.After(latest) {
		latest = *d.ResumeAt
	}
	for _, b := range d.Buckets {
		if b.Reset != nil && b.Reset.After(latest) {
			latest = *b.Reset
		}
	}
	if latest.Equal(d.ReferenceTime) || now.Before(latest) {
		return nil
	}
	return []string{fmt.Sprintf("this response is from %s, %s before now: every reset and wait above has passed since",
		d.ReferenceTime.Format(time.RFC3339), FormatSeconds(ceilSeconds(now.Sub(d.ReferenceTime))))}
}

// FormatSeconds writes a wait for people: "27 s", "3 min 5 s", "2 h 5 min",
// "16 d 14 h".
func FormatSeconds(s int64) string {
	switch {
	case s < 60:
		return fmt.Sprintf("%d s", s)
	case s < 3600:
		if s%60 == 0 {
			return fmt.Sprintf("%d min", s/60)
		}
		return fmt.Sprintf("%d min %d s", s/60, s%60)
	case s < 86400:
		return fmt.Sprintf("%d h %d min", s/3600, s%3600/60)
	}
	return fmt.Sprintf("%d d %d h", s/86400, s%86400/3600)
}
