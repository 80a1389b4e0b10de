// Package tiers holds the tier table: the vendor limits, prices and subscription
// plans that tierplan plans against. Every figure a vendor can change lives in
// this data (tiers.yaml), never in code, so a user can follow a vendor's change
// by editing one file.
package tiers

import "time"

// SchemaVersion is the only tiers.yaml schema version this build reads.
const SchemaVersion = 1

// Table is one parsed, validated tier table.
type Table struct {
	SchemaVersion int
	Provider      string
	Title         string
	AsOf          time.Time
	Source        string
	Models        []Model // in file order
	Tiers         []Tier  // in file order
	Plans         []Plan  // in file order
	// Origin says where the table came from (a path, or "embedded default").
	Origin string
	// Pools lists the rate-limit pools, in file order: the explicit pools
	// list when the file has one, else the pools its models name (fast-mode
	// pools included).
	Pools []string
	// UnknownLimits names the pools whose limits the vendor does not publish,
	// with why: a tier without limits for such a pool is evaluated on what is
	// known, and reports say the result rests on an unknown.
	UnknownLimits map[string]string
	// Figures is every figure of the table with its provenance, in file
	// order.
	Figures []Figure
	// Warnings are what a valid table may still get wrong (match prefixes
	// that shadow each other); tiers validate lists them.
	Warnings []Problem
}

// Model is one model family as a user names it (--model sonnet), with the ids
// it matches in logs, the rate-limit pool it draws on, and its prices.
type Model struct {
	Name          string
	Match         []string // id prefixes; the longest matching prefix wins
	Pool          string
	ContextWindow int64
	Price         Prices
	BatchDiscount float64 // share taken off list prices by the Batch API (0.5 = half price)
	LongContext   *LongContext
	// ITPMCountsCacheReads is true for the older models whose cache reads
	// still count toward the input-tokens-per-minute limit.
	ITPMCountsCacheReads bool
	OTPMAccounting       OTPMAccounting
	// Speed is how fast the model answers; nil when the table gives none.
	Speed *Speed
	// Fast is the model's fast mode; nil when it has none.
	Fast *Fast
	Line int // line in the source file, for messages
}

// Fast is a model's fast mode: faster output at its own prices, drawing on a
// rate-limit pool of its own.
type Fast struct {
	Pool  string
	Price Prices
}

// Speed is a model's answering speed: the time to its first token and its
// output rate. A call then takes FirstToken + output ÷ OutputPerSecond.
type Speed struct {
	FirstToken      time.Duration
	OutputPerSecond float64
	Source          string
}

// Prices are list prices per million tokens, as integer micro-dollars so sums
// never drift.
type Prices struct {
	Input        Money
	Output       Money
	CacheWrite5m Money
	CacheWrite1h Money
	CacheRead    Money
}

// LongContext is the whole-request rule: a premium rate that applies to every
// token of a request, output included, whose input (uncached + cache write +
// cache read) exceeds Threshold, as Anthropic bills it: per request, not per
// token kind. Sonnet 4.5 past 200K input tokens and Haiku 5.5 past 100K both
// follow it.
type LongContext struct {
	Threshold int64
	Price     Prices
}

// OTPMAccounting says how a vendor charges the output-tokens bucket.
type OTPMAccounting string

const (
	// OTPMActual charges only tokens actually generated (Anthropic from 2026).
	OTPMActual OTPMAccounting = "actual"
	// OTPMReserveMaxTokens reserves max_tokens at request start (Anthropic
	// before 2026, OpenAI).
	OTPMReserveMaxTokens OTPMAccounting = "reserve_max_tokens"
)

// Tier is one API usage tier.
type Tier struct {
	Name    string
	Reached string // how an organisation gets there: "automatic", "deposit $40", …
	// MonthlySpendCap is the most the tier may spend per calendar month; zero
	// means no cap.
	MonthlySpendCap Money
	HasSpendCap     bool
	// Negotiated tiers (Custom, Monthly Invoicing) publish no limits; they are
	// listed but not evaluated.
	Negotiated bool
	// Free tiers (Gemini's free tier) do not bill usage: their limits are
	// evaluated, their cost is zero.
	Free   bool
	Limits map[string]Limits // by pool
	Batch  *BatchLimits
	Line   int
}

// Limits are one pool's limits on one tier. A zero field means the vendor sets
// no such limit.
type Limits struct {
	RPM  int64 // requests per minute
	ITPM int64 // input tokens per minute
	OTPM int64 // output tokens per minute
	// TPM is a combined input+output tokens-per-minute limit (OpenAI, Gemini).
	TPM            int64
	TokensPerDay   int64
	RequestsPerDay int64
}

// BatchLimits are the Batch API's own limits on a tier.
type BatchLimits struct {
	RPM           int64
	QueueRequests int64 // requests allowed in the processing queue
}

// Model returns the model with the given short name.
func (t *Table) Model(name string) (Model, bool) {
	for _, m := range t.Models {
		if m.Name == name {
			return m, true
		}
	}
	return Model{}, false
}

// Tier returns the tier with the given name.
func (t *Table) Tier(name string) (Tier, bool) {
	for _, x := range t.Tiers {
		if x.Name == name {
			return x, true
		}
	}
	return Tier{}, false
}
