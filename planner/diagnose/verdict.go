package diagnose

import (
	"strconv"
	"time"
)

// limitLabel names a limit for people.
var limitLabel = map[Limit]string{
	LimitRPM:           "requests per minute (RPM)",
	LimitITPM:          "input tokens per minute (ITPM)",
	LimitOTPM:          "output tokens per minute (OTPM)",
	LimitTokens:        "tokens per minute (the most restrictive token limit in effect)",
	LimitDailyTokens:   "daily token quota",
	LimitDailyRequests: "daily request quota",
	LimitWindow5h:      "5-hour window",
	LimitWeekly:        "weekly limit (all models)",
	LimitWeeklyModel:   "weekly limit for one model",
}

// verdict is the one sentence a person reads first.
func verdict(d *Diagnosis) string {
	prefix := ""
	if d.Status != 0 {
		prefix = strconv.Itoa(int(d.Status)) + " "
	}
	switch d.Kind {
	case KindRateLimit:
		return prefix + rateLimitVerdict(d)
	case KindSubscriptionLimit:
		return prefix + subscriptionVerdict(d)
	case KindBilling:
		if d.Limit == LimitExtraUsage {
			return prefix + "billing: the request needs extra usage (pay-as-you-go beyond the plan), which is off or used up" + untilText(d)
		}
		return prefix + "billing: the credit balance is too low; requests fail until credits are added"
	case KindOverloaded:
		if d.Status != 529 && (d.Error == nil || d.Error.Type != "overloaded_error") {
			return prefix + "overloaded: the server is throttling requests on its side; this is not your usage limit"
		}
		return prefix + "overloaded: the API is busy; this is not your rate limit"
	case KindSpendCap:
		return prefix + "spend cap: the tier's monthly spend cap is reached" + untilText(d)
	case KindSpendLimit:
		return prefix + "spend limit: a spend limit set for your organization or workspace is reached" + untilText(d)
	case KindAuth:
		if d.Status == 403 {
			return prefix + "permission error: the API key may not do this; not a rate limit"
		}
		return prefix + "authentication error: the API key was refused; not a rate limit"
	case KindInvalidRequest:
		return prefix + "invalid request: the request itself is wrong; not a rate limit"
	case KindTooLarge:
		return prefix + "request too large: more than the model or endpoint accepts in one request; not a rate limit"
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

func rateLimitVerdict(d *Diagnosis) string {
	switch d.Limit {
	case LimitUnknown:
		if len(d.Buckets) == 0 {
			return "rate limit; which limit ran out is unknown (no rate-limit headers)"
		}
		return "rate limit, but no bucket in the headers reads empty"
	case LimitDailyTokens, LimitDailyRequests:
		return "rate limit: the " + limitLabel[d.Limit] + " is used up" + untilText(d)
	}
	label := limitLabel[d.Limit]
	if d.Limit == LimitTokens && d.Provider == "openai" {
		label = "tokens per minute (TPM, input and output together)"
	}
	return "rate limit: the " + label + " bucket is empty"
}

func subscriptionVerdict(d *Diagnosis) string {
	if w := bindingWindowOf(d); w != nil {
		return "subscription limit: your " + w.Label + " is used up" + untilText(d)
	}
	switch d.Limit {
	case LimitWindow5h, LimitWeekly, LimitWeeklyModel:
		return "subscription limit: your " + limitLabel[d.Limit] + " is used up" + untilText(d)
	}
	return "subscription limit: your Claude plan's usage limit is reached; which window is unknown" + untilText(d)
}

// bindingWindowOf is the window marked binding, if any.
func bindingWindowOf(d *Diagnosis) *Window {
	if d.Subscription == nil {
		return nil
	}
	for i := range d.Subscription.Windows {
		if d.Subscription.Windows[i].Binding {
			return &d.Subscription.Windows[i]
		}
	}
	return nil
}

// untilText is "; it resets at 2026-10-05 18:00 UTC" when the resume time
// is known.
func untilText(d *Diagnosis) string {
	if d.ResumeAt == nil {
		return ""
	}
	verb := "it resets at "
	switch d.Kind {
	case KindSpendCap, KindSpendLimit, KindBilling:
		verb = "requests fail until "
	}
	return "; " + verb + Clock(*d.ResumeAt)
}

// Clock writes an instant for people, to the minute, in UTC.
func Clock(t time.Time) string { return t.UTC().Format("2006-01-02 15:04") + " UTC" }
