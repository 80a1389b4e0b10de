package diagnose

import (
	"encoding/json"
	"strconv"
	"time"
)

// Kind is what sort of answer the response was.
type Kind string

// The kinds, as the JSON contract names them.
const (
	KindOK                Kind = "ok"                 // 2xx
	KindRateLimit         Kind = "rate_limit"         // an API rate limit: a per-minute bucket or a daily quota
	KindSubscriptionLimit Kind = "subscription_limit" // a Claude.ai plan's 5-hour or weekly allowance
	KindSpendCap          Kind = "spend_cap"          // the API tier's monthly spend cap (enforced_spend_limit_reached)
	KindSpendLimit        Kind = "spend_limit"        // a spend limit set for the organization or workspace
	KindBilling           Kind = "billing"            // no credits, or extra usage needed or used up
	KindOverloaded        Kind = "overloaded"         // the API is busy (529), or throttles on its side: not your limit
	KindAuth              Kind = "auth"               // 401, 403
	KindTooLarge          Kind = "too_large"          // 413, or a prompt longer than the context window
	KindInvalidRequest    Kind = "invalid_request"    // 400
	KindOther             Kind = "other"
)

// Limit names what ran out. It applies to rate limits (which bucket or
// quota), subscription limits (which window) and billing (what is missing).
type Limit string

// The limits; LimitNone marshals as JSON null.
const (
	LimitNone Limit = ""
	// rate_limit
	LimitRPM           Limit = "rpm"
	LimitITPM          Limit = "itpm"
	LimitOTPM          Limit = "otpm"
	LimitTokens        Limit = "tokens" // a combined or "most restrictive" token bucket
	LimitDailyTokens   Limit = "daily_tokens"
	LimitDailyRequests Limit = "daily_requests"
	// subscription_limit
	LimitWindow5h    Limit = "window_5h"
	LimitWeekly      Limit = "weekly"
	LimitWeeklyModel Limit = "weekly_model" // a per-model or overage-only weekly bucket
	// billing
	LimitCredits    Limit = "credits"
	LimitExtraUsage Limit = "extra_usage"
	// rate_limit and subscription_limit, when which one is not known
	LimitUnknown Limit = "unknown"
)

// MarshalJSON writes LimitNone as null, as the contract asks.
func (l Limit) MarshalJSON() ([]byte, error) {
	if l == LimitNone {
		return []byte("null"), nil
	}
	return json.Marshal(string(l))
}

// Status is an HTTP status code; 0 (unknown) marshals as JSON null.
type Status int

// MarshalJSON writes an unknown status as null.
func (s Status) MarshalJSON() ([]byte, error) {
	if s == 0 {
		return []byte("null"), nil
	}
	return []byte(strconv.Itoa(int(s))), nil
}

// Diagnosis is the verdict on one response. Its JSON form is the contract of
// `tierplan diagnose -o json` and of each `probe` reading. Every string in it
// that came from the response is escaped for the terminal (termsafe).
type Diagnosis struct {
	// Form is how the paste was written (paste.Form).
	Form string `json:"form"`
	// Provider is whose API answered, as far as the response tells:
	// anthropic, openai, gemini, or "" when it does not.
	Provider string `json:"provider"`
	Status   Status `json:"status"`
	Kind     Kind   `json:"kind"`
	Limit    Limit  `json:"limit"`
	// Verdict is one sentence a person reads first.
	Verdict string `json:"verdict"`
	// Retryable says whether sending the same request again soon (an
	// automatic retry with backoff) can succeed; false means wait until
	// resume_at, or change something first. Nil for a success.
	Retryable *bool `json:"retryable"`
	// RetryAfterS is the retry-after header in seconds, nil when absent.
	RetryAfterS *int64 `json:"retry_after_s"`
	// WaitS is how long from the reference time until a request can
	// succeed; ResumeAt is that instant and ResumeFrom what it was read
	// from. Nil when unknown or not applicable.
	WaitS      *int64     `json:"wait_s"`
	ResumeAt   *time.Time `json:"resume_at"`
	ResumeFrom string     `json:"resume_from,omitempty"`
	// ReferenceTime is the instant reset times are measured from, and
	// ReferenceFrom says whether it is the response's date header or now.
	ReferenceTime time.Time  `json:"reference_time"`
	ReferenceFrom string     `json:"reference_from"`
	Error         *ErrorBody `json:"error,omitempty"`
	// Message is what a client printed in place of the response (Claude
	// Code's "You've hit your limit · resets 6pm").
	Message      string        `json:"message,omitempty"`
	RequestID    string        `json:"request_id,omitempty"`
	Buckets      []Bucket      `json:"buckets"`
	Subscription *Subscription `json:"subscription,omitempty"`
	Quotas       []Quota       `json:"quotas,omitempty"`
	Tier         *TierMatch    `json:"tier,omitempty"`
	Advice       []string      `json:"advice"`
	// Missing lists what the verdict would have used but the input lacked.
	Missing []string `json:"missing"`
	// Notes are reading problems, choices made and caveats.
	Notes []string `json:"notes"`
}

// Quota is one quota a Gemini error names as exceeded (QuotaFailure).
type Quota struct {
	ID      string `json:"id"`
	Metric  string `json:"metric,omitempty"`
	Model   string `json:"model,omitempty"`
	Limit   *int64 `json:"limit"`
	Measure Limit  `json:"measures"`
}

func boolPtr(b bool) *bool    { return &b }
func int64Ptr(n int64) *int64 { return &n }
