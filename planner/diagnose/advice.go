package diagnose

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tierplan/tierplan/tiers"
)

// advise says what to do, most useful first. The first line fits the
// verdict: seconds for a per-minute bucket, hours for a plan's window, the
// reset day for quotas and spend limits, "do not retry" for billing.
func advise(d *Diagnosis) []string {
	var a []string
	switch d.Kind {
	case KindRateLimit:
		if dailyLimit(d.Limit) {
			a = append(a, dailyAdvice(d))
		} else {
			a = append(a, waitAdvice(d))
		}
		a = append(a, limitAdvice(d)...)
		a = append(a, tierAdvice(d)...)
	case KindSubscriptionLimit:
		a = append(a, subscriptionAdvice(d)...)
	case KindBilling:
		a = append(a, billingAdvice(d)...)
	case KindOverloaded:
		wait := "back off exponentially (1 s, 2 s, 4 s, …) and retry"
		if d.WaitS != nil {
			wait = "wait " + FormatSeconds(*d.WaitS) + " (" + d.ResumeFrom + "), then retry with exponential backoff"
		}
		a = append(a, wait,
			"this is load on the vendor's side, not your quota: it does not count against your rate limits or budget, and a higher tier does not help")
	case KindSpendCap:
		until := "00:00 UTC on the 1st of next month"
		if d.ResumeAt != nil {
			until = fmt.Sprintf("%s (in %s)", Clock(*d.ResumeAt), FormatSeconds(*d.WaitS))
		}
		a = append(a, "requests fail until "+until+"; retrying before then, automatic SDK retries included, only fails again: turn retries off")
		a = append(a, tierAdvice(d)...)
	case KindSpendLimit:
		if d.ResumeAt != nil && d.ResumeFrom == fromMessage {
			a = append(a, fmt.Sprintf("requests fail until %s, the date the message names (in %s); retrying before then fails", Clock(*d.ResumeAt), FormatSeconds(*d.WaitS)))
		}
		a = append(a, "raise or remove the spend limit in the Console (organization or workspace limits) to resume sooner")
	case KindAuth:
		if d.Status == 403 {
			a = append(a, "do not retry: check that the key's workspace may use this model or endpoint")
		} else {
			a = append(a, "do not retry: check that ANTHROPIC_API_KEY holds a current key (keys can be revoked or disabled)")
		}
	case KindInvalidRequest:
		a = append(a, "do not retry unchanged: fix the request as the error message says; sent again as is it fails the same way")
	case KindTooLarge:
		a = append(a, "send less in one request: compact or clear the conversation, split the input, or upload large files separately")
	case KindOK:
		a = append(a, okAdvice(d)...)
	default:
		a = append(a, otherAdvice(d))
	}
	return a
}

func waitAdvice(d *Diagnosis) string {
	switch {
	case d.WaitS == nil:
		return "back off exponentially (1 s, 2 s, 4 s, …) and retry"
	case d.ResumeFrom == fromRetryAfter:
		return "wait " + FormatSeconds(*d.WaitS) + " before retrying (retry-after)"
	case *d.WaitS == 0:
		return "the " + string(d.Limit) + " bucket had refilled by the response's time: retry now"
	case d.ResumeFrom == fromBucket:
		return "wait " + FormatSeconds(*d.WaitS) + " before retrying (until the " + strings.ToUpper(string(d.Limit)) + " bucket is full again)"
	}
	return "wait " + FormatSeconds(*d.WaitS) + " before retrying (" + d.ResumeFrom + ")"
}

// dailyAdvice: a daily quota comes back on its reset day, not in seconds.
func dailyAdvice(d *Diagnosis) string {
	what := limitLabel[d.Limit]
	if d.ResumeAt == nil {
		return "the " + what + " is used up: retrying within the day fails; wait for it to reset (within 24 h) and turn automatic retries off until then"
	}
	why := d.ResumeFrom
	if d.Provider == "gemini" && d.ResumeFrom == fromDailyReset {
		why = "midnight Pacific time, when Gemini's daily quotas reset"
	}
	return fmt.Sprintf("the %s resets at %s (in %s: %s); until then every request fails: turn automatic retries off",
		what, Clock(*d.ResumeAt), FormatSeconds(*d.WaitS), why)
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
			"turn on prompt caching: cache reads do not count toward ITPM on most current Claude models",
		}
	case LimitOTPM:
		return []string{"generate less output per minute: shorter answers, fewer requests in parallel, a lower max_tokens"}
	case LimitTokens:
		if d.Provider == "openai" {
			return []string{"send fewer tokens per minute: shorter prompts, and a lower max_tokens (OpenAI counts max_tokens against TPM when a request starts)"}
		}
		return []string{
			"shrink the context and turn on prompt caching",
			"if a workspace limit is set below the organization's, raise it in the Console",
		}
	case LimitDailyTokens, LimitDailyRequests:
		return []string{"a tier with a larger daily quota, or spreading the work over more days, avoids it"}
	}
	if len(d.Buckets) == 0 {
		return []string{"to learn which limit ran out, diagnose the whole response with its rate-limit headers (curl -i)"}
	}
	return []string{"no bucket reads empty: likely a burst (limits are enforced over short intervals: 60 RPM may be 1 request per second) or an acceleration limit after a sharp rise in usage; ramp up gradually"}
}

func otherAdvice(d *Diagnosis) string {
	switch s := int(d.Status); {
	case s == 0:
		return "give the status code (--status) or the whole response (curl -i) for a verdict"
	case s == 404:
		return "check the model name and the URL"
	case s >= 500:
		return "server-side error: retry with exponential backoff"
	case s >= 300 && s < 400:
		return "a redirect: check the base URL (or follow redirects with curl -L)"
	}
	return "read the error message; this is not a rate limit"
}

// okAdvice warns about buckets under 10% and plan windows near their end on
// a successful response.
func okAdvice(d *Diagnosis) []string {
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
	if s := d.Subscription; s != nil {
		for _, w := range s.Windows {
			if w.Utilization != nil && (*w.Utilization >= 0.8 || w.Status == "allowed_warning") {
				a = append(a, fmt.Sprintf("your %s is %s used%s: pace yourself, or plan for the wait", w.Label, percent(*w.Utilization), resetsIn(w)))
			}
		}
	}
	if len(a) == 0 {
		a = append(a, "no action needed")
	}
	return a
}
