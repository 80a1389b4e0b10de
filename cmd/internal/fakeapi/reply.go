package fakeapi

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// Usage is the token usage a successful reply reports, as the API's usage
// object names it.
type Usage struct {
	InputTokens              int `json:"input_tokens"`
	CacheCreationInputTokens int `json:"cache_creation_input_tokens"`
	CacheReadInputTokens     int `json:"cache_read_input_tokens"`
	OutputTokens             int `json:"output_tokens"`
}

// DefaultUsage is what a reply with a zero Usage reports: small, and non-zero
// in every kind so a client that drops one kind is caught.
var DefaultUsage = Usage{InputTokens: 12, CacheCreationInputTokens: 40, CacheReadInputTokens: 300, OutputTokens: 6}

// DefaultText is the assistant text of a reply with no Text.
const DefaultText = "Hello from the fake API."

// Reply scripts one answer to a messages request. The zero Reply is a 200
// with DefaultText and DefaultUsage.
type Reply struct {
	// Status is the HTTP status; 0 means 200.
	Status int
	// Header holds extra response headers: retry-after, retry-after-ms,
	// x-should-retry, anthropic-ratelimit-*.
	Header http.Header
	// ErrorType and ErrorMessage fill the error body of a non-2xx reply;
	// empty ones take the type Anthropic uses for the status and a short
	// message. ErrorCode, when set, becomes error.details.error_code.
	ErrorType, ErrorMessage, ErrorCode string
	// Text is the assistant text of a 200; it streams one word per delta.
	Text string
	// Usage is reported by a 200; zero means DefaultUsage.
	Usage Usage
	// StopReason defaults to end_turn.
	StopReason string
	// FirstByte is the wait before the status line; EventGap the wait
	// between two stream events.
	FirstByte, EventGap time.Duration
}

// OK is a 200 with the default text and usage.
func OK() Reply { return Reply{} }

// RateLimited is a 429 rate_limit_error; retryAfter is the retry-after
// header's value, or "" for none.
func RateLimited(retryAfter string) Reply {
	r := Reply{Status: http.StatusTooManyRequests}
	if retryAfter != "" {
		r = r.WithHeader("retry-after", retryAfter)
	}
	return r
}

// Overloaded is Anthropic's 529 overloaded_error, which carries no
// retry-after.
func Overloaded() Reply { return Reply{Status: StatusOverloaded} }

// ServerError is a 500 api_error.
func ServerError() Reply { return Reply{Status: http.StatusInternalServerError} }

// SpendCapReached is the 429 an organisation gets when its tier's monthly
// spend cap is reached: no retry-after, and error.details.error_code
// enforced_spend_limit_reached.
func SpendCapReached() Reply {
	return Reply{Status: http.StatusTooManyRequests, ErrorCode: "enforced_spend_limit_reached",
		ErrorMessage: "Your organization has reached its monthly spend limit for this usage tier."}
}

// WithHeader returns r with one more response header; r is not changed.
func (r Reply) WithHeader(name, value string) Reply {
	h := r.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Add(name, value)
	r.Header = h
	return r
}

// WithRateLimitHeaders adds the anthropic-ratelimit-* headers of a bucket
// set: requests, input tokens and output tokens, each with its limit, what
// remains and when it is full again.
func (r Reply) WithRateLimitHeaders(b Buckets) Reply {
	for _, k := range []struct {
		name             string
		limit, remaining int
	}{
		{"requests", b.RequestsLimit, b.RequestsRemaining},
		{"input-tokens", b.InputLimit, b.InputRemaining},
		{"output-tokens", b.OutputLimit, b.OutputRemaining},
		{"tokens", b.InputLimit + b.OutputLimit, b.InputRemaining + b.OutputRemaining},
	} {
		p := "anthropic-ratelimit-" + k.name + "-"
		r = r.WithHeader(p+"limit", strconv.Itoa(k.limit))
		r = r.WithHeader(p+"remaining", strconv.Itoa(k.remaining))
		r = r.WithHeader(p+"reset", b.Reset.UTC().Format(time.RFC3339))
	}
	return r
}

// Buckets are the rate-limit figures WithRateLimitHeaders reports.
type Buckets struct {
	RequestsLimit, RequestsRemaining int
	InputLimit, InputRemaining       int
	OutputLimit, OutputRemaining     int
	Reset                            time.Time
}

// StatusOverloaded is Anthropic's non-standard "overloaded" status.
const StatusOverloaded = 529

// errorTypes are Anthropic's error.type values by status (the errors page).
var errorTypes = map[int]string{
	400: "invalid_request_error", 401: "authentication_error", 402: "billing_error",
	403: "permission_error", 404: "not_found_error", 409: "conflict_error",
	413: "request_too_large", 429: "rate_limit_error", 500: "api_error",
	504: "timeout_error", StatusOverloaded: "overloaded_error",
}

// errorMessages are the default messages by status, as the API words them.
var errorMessages = map[int]string{
	429:              "This request would exceed the rate limit for your organization. Please reduce the prompt length or the maximum tokens requested, or try again later.",
	StatusOverloaded: "Overloaded",
	500:              "Internal server error",
	404:              "Not found",
}

// errorBody is Anthropic's error shape:
// {"type":"error","error":{"type":…,"message":…[,"details":{"error_code":…}]},"request_id":…}.
func errorBody(status int, typ, msg, code, requestID string) []byte {
	if typ == "" {
		typ = errorTypes[status]
		if typ == "" {
			typ = "api_error"
		}
	}
	if msg == "" {
		msg = errorMessages[status]
		if msg == "" {
			msg = http.StatusText(status)
		}
	}
	type details struct {
		ErrorCode string `json:"error_code"`
	}
	type inner struct {
		Type    string   `json:"type"`
		Message string   `json:"message"`
		Details *details `json:"details,omitempty"`
	}
	e := inner{Type: typ, Message: msg}
	if code != "" {
		e.Details = &details{ErrorCode: code}
	}
	b, _ := json.Marshal(struct {
		Type      string `json:"type"`
		Error     inner  `json:"error"`
		RequestID string `json:"request_id"`
	}{"error", e, requestID})
	return b
}
