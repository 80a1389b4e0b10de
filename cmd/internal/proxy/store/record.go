// Package store keeps the team proxy's records: one row per request, in an
// embedded SQLite file for a single proxy or in PostgreSQL, where several
// proxy instances share their records, the spending that budgets count, and
// the rate-limit buckets that pacing draws on.
//
// Both stores speak the same SQL through database/sql: modernc.org/sqlite
// (pure Go, so a build needs no C toolchain) and pgx's database/sql driver.
// A record is written once: its id is random and inserts ignore an id
// already there, so a batch retried after a failure never doubles a row.
package store

import (
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// Record is what the proxy keeps of one request: who, when, which model,
// what came back and what the organisation's buckets said. Never a body,
// never a key.
type Record struct {
	ID        string    `json:"id"`
	Time      time.Time `json:"time"` // when the request arrived
	User      string    `json:"user"`
	Group     string    `json:"group,omitempty"`
	SessionID string    `json:"session_id,omitempty"` // x-claude-code-session-id
	Method    string    `json:"method"`
	Path      string    `json:"path"`
	Model     string    `json:"model,omitempty"`
	Stream    bool      `json:"stream"`
	Status    int       `json:"status"`
	// Outcome says who answered: "upstream" (the API's own answer, any
	// status; "upstream_cut" when its response broke off midway), or the
	// proxy's reason for answering itself: "budget", "queue_full",
	// "queue_timeout", "upstream_error", "too_large", "slow_request",
	// "client_gone".
	Outcome string `json:"outcome"`
	Usage   Usage  `json:"usage"`
	// Cost is the call's list price (usage.CallCost); zero when the model
	// is not in the tier table.
	Cost tiers.Money `json:"cost_usd"`
	// RateLimit holds every anthropic-ratelimit-* response header, by
	// lower-case name, unified ones included.
	RateLimit   map[string]string `json:"rate_limit,omitempty"`
	RetryAfter  string            `json:"retry_after,omitempty"`
	ShouldRetry string            `json:"should_retry,omitempty"` // x-should-retry
	ErrorType   string            `json:"error_type,omitempty"`   // error.type of an error body
	RequestID   string            `json:"request_id,omitempty"`
	QueuedMs    int64             `json:"queued_ms"`
	FirstByteMs int64             `json:"first_byte_ms"`
	LatencyMs   int64             `json:"latency_ms"`
	Instance    string            `json:"instance,omitempty"`
}

// Usage is the usage object of a response, as the stream's message_start
// and message_delta or the JSON body report it.
type Usage struct {
	Input        int64 `json:"input_tokens"`
	Output       int64 `json:"output_tokens"`
	CacheWrite5m int64 `json:"cache_write_5m_tokens"`
	CacheWrite1h int64 `json:"cache_write_1h_tokens"`
	CacheRead    int64 `json:"cache_read_tokens"`
}
