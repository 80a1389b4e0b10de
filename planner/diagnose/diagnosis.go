package diagnose

import (
	"encoding/json"
	"strconv"
	"time"
)

// Kind is what sort of response it was.
type Kind string

// The kinds, as the JSON contract names them.
const (
	KindRateLimit      Kind = "rate_limit"      // 429: a per-minute bucket ran dry
	KindOverloaded     Kind = "overloaded"      // 529: the API is busy, not your limit
	KindSpendCap       Kind = "spend_cap"       // 429 enforced_spend_limit_reached: the tier's monthly cap
	KindSpendLimit     Kind = "spend_limit"     // 400: a spend limit the user set
	KindAuth           Kind = "auth"            // 401, 403
	KindInvalidRequest Kind = "invalid_request" // 400
	KindTooLarge       Kind = "too_large"       // 413
	KindOK             Kind = "ok"              // 2xx
	KindOther          Kind = "other"
)

// Limit names the limit a rate-limited response hit.
type Limit string

// The limits; LimitNone marshals as JSON null.
const (
	LimitNone    Limit = ""
	LimitRPM     Limit = "rpm"
	LimitITPM    Limit = "itpm"
	LimitOTPM    Limit = "otpm"
	LimitTokens  Limit = "tokens"
	LimitDaily   Limit = "daily"
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
// `tierplan diagnose -o json` and of each `probe` reading.
type Diagnosis struct {
	Status Status `json:"status"`
	Kind   Kind   `json:"kind"`
	Limit  Limit  `json:"limit"`
	// Verdict is one sentence a person reads first.
	Verdict string `json:"verdict"`
	// Retryable is nil for a success, where the question does not arise.
	Retryable *bool `json:"retryable"`
	// RetryAfterS is the retry-after header in seconds, nil when absent.
	RetryAfterS *int64 `json:"retry_after_s"`
	// WaitS is how long to wait before the next attempt can succeed:
	// retry-after, else the binding bucket's reset, else (spend cap) the time
	// until the month turns. Nil when unknown or not applicable.
	WaitS *int64 `json:"wait_s"`
	// ResumeAt is when requests can succeed again, when known.
	ResumeAt *time.Time `json:"resume_at"`
	// ReferenceTime is the instant reset times are measured from, and
	// ReferenceFrom says whether it is the response's date header or now.
	ReferenceTime time.Time  `json:"reference_time"`
	ReferenceFrom string     `json:"reference_from"`
	Error         *ErrorBody `json:"error,omitempty"`
	RequestID     string     `json:"request_id,omitempty"`
	Buckets       []Bucket   `json:"buckets"`
	Tier          *TierMatch `json:"tier,omitempty"`
	Advice        []string   `json:"advice"`
	// Missing lists what the verdict would have used but the input lacked.
	Missing []string `json:"missing"`
	// Notes are parse problems and caveats.
	Notes []string `json:"notes"`
}

func boolPtr(b bool) *bool    { return &b }
func int64Ptr(n int64) *int64 { return &n }
