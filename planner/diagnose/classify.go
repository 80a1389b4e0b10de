package diagnose

import "errors"

var errNoZones = errors.New("no time zone database given")

// call is a decided kind and limit.
type call struct {
	kind  Kind
	limit Limit
}

// decide says what kind of answer the response is, in order of what tells
// most: a success; the spend cap's code; words that name a billing problem,
// a spend limit, a server-side throttle or an over-long prompt; Gemini's
// quotas; the unified headers of a subscription; a subscription's words;
// then the API rate limit and the status code.
func decide(d *Diagnosis, body bodyInfo, words messageFacts, n *notes) call {
	status := int(d.Status)
	switch {
	case status >= 200 && status < 300:
		return call{KindOK, LimitNone}
	case body.Code == SpendCapCode:
		return call{KindSpendCap, LimitNone}
	case words.kind == KindBilling || words.kind == KindSpendLimit || words.kind == KindTooLarge || words.kind == KindOverloaded:
		return call{words.kind, words.limit}
	case body.Code == "insufficient_quota" || body.Type == "insufficient_quota":
		return call{KindBilling, LimitCredits} // OpenAI: no credit left
	case body.Provider == "gemini" && (status == 429 || body.Type == "RESOURCE_EXHAUSTED"):
		l := geminiLimit(body.Quotas)
		if l == LimitNone {
			l = LimitUnknown
		}
		return call{KindRateLimit, l}
	}
	if c, ok := decideSubscription(d, status, n); ok {
		return c
	}
	if words.kind == KindSubscriptionLimit && bucketFor(d.Buckets, LimitRPM) == nil {
		return call{KindSubscriptionLimit, words.limit}
	}
	rateLimited := status == 429 || (status == 0 && (body.Type == "rate_limit_error" || words.kind == KindRateLimit))
	if rateLimited && body.Type != "overloaded_error" {
		return call{KindRateLimit, bindingLimit(d.Buckets, words.limit, n)}
	}
	return byStatus(status, body, d, n)
}

// decideSubscription reads the unified headers: a used-up window is a
// subscription limit; the overage meter binding is billing; a 429 while
// every window is allowed is the server's throttle, not your usage.
func decideSubscription(d *Diagnosis, status int, n *notes) (call, bool) {
	s := d.Subscription
	if s == nil || (status != 429 && status != 0 && s.Status != "rejected") {
		return call{}, false
	}
	if s.Claim == "overage" && (s.Status == "rejected" || status == 429) {
		return call{KindBilling, LimitExtraUsage}, true
	}
	if w := s.bindingWindow(); w != nil {
		w.Binding = true
		if s.Claim != "" && w.Claim != s.Claim {
			n.add("the representative claim is %s, but the used-up window is %s", s.Claim, w.Claim)
		}
		return call{KindSubscriptionLimit, w.Limit}, true
	}
	if s.Status == "rejected" {
		if w := s.claimedWindow(); w != nil {
			w.Binding = true
		}
		n.add("the unified status is rejected, but no window reads used up; the claim %s names the limit", quote(s.Claim))
		return call{KindSubscriptionLimit, limitForClaim(s.Claim)}, true
	}
	if status == 429 && (s.Status == "allowed" || s.Status == "allowed_warning") && !anyEmpty(d.Buckets) {
		return call{KindOverloaded, LimitNone}, true
	}
	return call{}, false
}

func anyEmpty(bs []Bucket) bool {
	for _, b := range bs {
		if b.Empty {
			return true
		}
	}
	return false
}

// byStatus decides from the status code (or, without one, the body's
// error type and the headers).
func byStatus(status int, body bodyInfo, d *Diagnosis, n *notes) call {
	if status == 0 {
		return withoutStatus(body, d, n)
	}
	if want, ok := expectedType[status]; ok && body.Provider == "anthropic" && body.Type != "" && body.Type != want {
		n.add("status %d usually carries %s, but the body says %s", status, want, quote(body.Type))
	}
	switch {
	case status == 529, status == 503 && body.Type == "overloaded_error", body.Type == "overloaded_error":
		return call{KindOverloaded, LimitNone}
	case status == 402, body.Type == "billing_error":
		return call{KindBilling, LimitCredits}
	case status == 400:
		return call{KindInvalidRequest, LimitNone}
	case status == 401, status == 403:
		return call{KindAuth, LimitNone}
	case status == 413:
		return call{KindTooLarge, LimitNone}
	}
	return call{KindOther, LimitNone}
}

// expectedType is the error type the API documents for each status.
var expectedType = map[int]string{
	400: "invalid_request_error", 401: "authentication_error", 402: "billing_error",
	403: "permission_error", 404: "not_found_error", 413: "request_too_large",
	429: "rate_limit_error", 500: "api_error", 529: "overloaded_error",
}

// withoutStatus guesses from the body's error type, then from the headers,
// and notes that the status was missing.
func withoutStatus(body bodyInfo, d *Diagnosis, n *notes) call {
	switch body.Type {
	case "overloaded_error":
		return call{KindOverloaded, LimitNone}
	case "authentication_error", "permission_error":
		return call{KindAuth, LimitNone}
	case "invalid_request_error":
		return call{KindInvalidRequest, LimitNone}
	case "request_too_large":
		return call{KindTooLarge, LimitNone}
	case "billing_error":
		return call{KindBilling, LimitCredits}
	case "":
	default:
		return call{KindOther, LimitNone}
	}
	for _, b := range d.Buckets {
		if b.Empty {
			n.add("no status code: guessed a rate limit from the empty %s bucket", b.Name)
			return call{KindRateLimit, bindingLimit(d.Buckets, LimitNone, n)}
		}
	}
	if d.RetryAfterS != nil {
		n.add("no status code: guessed a rate limit from the retry-after header")
		return call{KindRateLimit, bindingLimit(d.Buckets, LimitNone, n)}
	}
	return call{KindOther, LimitNone}
}

// retryable says whether sending the same request again soon can succeed:
// after a per-minute bucket refills, or an overload passes. A daily quota,
// a plan's window, a cap or a billing problem does not pass in a retry's
// time, and the rest fail the same way until the request changes.
func retryable(k Kind, l Limit, status int) *bool {
	switch k {
	case KindOK:
		return nil
	case KindRateLimit:
		return boolPtr(!dailyLimit(l))
	case KindOverloaded:
		return boolPtr(true)
	case KindOther:
		return boolPtr(status == 0 || status == 408 || status == 409 || status >= 500)
	}
	return boolPtr(false)
}
