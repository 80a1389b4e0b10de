package diagnose

import "fmt"

// classify maps the status (or, without one, the body's error type) to a
// kind. The spend-cap 429 and the user-set spend limit 400 are told apart by
// their body, since their status codes are shared with ordinary errors.
func classify(status int, eb ErrorBody, buckets []Bucket, retryAfter *int64, notes *[]string) Kind {
	spendMsg := isSpendLimitMessage(eb.Message)
	if status == 0 {
		return classifyWithoutStatus(eb, buckets, retryAfter, notes)
	}
	kind := KindOther
	switch {
	case status >= 200 && status < 300:
		kind = KindOK
	case status == 429 && eb.Code == SpendCapCode:
		kind = KindSpendCap
	case status == 429 && spendMsg:
		kind = KindSpendLimit // the Claude Code workspace answers a spend limit with 429
	case status == 429:
		kind = KindRateLimit
	case status == 529:
		kind = KindOverloaded
	case status == 400 && spendMsg:
		kind = KindSpendLimit
	case status == 400:
		kind = KindInvalidRequest
	case status == 401, status == 403:
		kind = KindAuth
	case status == 413:
		kind = KindTooLarge
	}
	if want, ok := expectedType[status]; ok && eb.Type != "" && eb.Type != want {
		*notes = append(*notes, fmt.Sprintf("status %d usually carries %s, but the body says %s", status, want, eb.Type))
	}
	return kind
}

// expectedType is the error type the API documents for each status.
var expectedType = map[int]string{
	400: "invalid_request_error", 401: "authentication_error", 402: "billing_error",
	403: "permission_error", 404: "not_found_error", 413: "request_too_large",
	429: "rate_limit_error", 500: "api_error", 529: "overloaded_error",
}

// classifyWithoutStatus guesses from the body's error type, then from the
// headers; it notes that the status was missing.
func classifyWithoutStatus(eb ErrorBody, buckets []Bucket, retryAfter *int64, notes *[]string) Kind {
	switch eb.Type {
	case "rate_limit_error":
		if eb.Code == SpendCapCode {
			return KindSpendCap
		}
		return KindRateLimit
	case "overloaded_error":
		return KindOverloaded
	case "authentication_error", "permission_error":
		return KindAuth
	case "invalid_request_error":
		if isSpendLimitMessage(eb.Message) {
			return KindSpendLimit
		}
		return KindInvalidRequest
	case "request_too_large":
		return KindTooLarge
	case "":
	default:
		return KindOther
	}
	for _, b := range buckets {
		if b.Empty {
			*notes = append(*notes, "no status code: guessed a rate limit from the empty "+b.Name+" bucket")
			return KindRateLimit
		}
	}
	if retryAfter != nil {
		*notes = append(*notes, "no status code: guessed a rate limit from the retry-after header")
		return KindRateLimit
	}
	return KindOther
}

// retryable says whether trying the same request again later can succeed.
func retryable(k Kind, status int) *bool {
	switch k {
	case KindOK:
		return nil
	case KindRateLimit, KindOverloaded:
		return boolPtr(true)
	case KindOther:
		return boolPtr(status == 0 || status == 408 || status == 409 || status >= 500)
	}
	return boolPtr(false)
}
