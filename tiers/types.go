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
	// list when the file has one, else the pools its models name.
	Pools []string
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
	Line  int // line in the source file, for messages
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

// LongContext is a premium rate that applies to every token of a request whose
// input (uncached + cache write + cache read) exceeds Threshold, as Anthropic
// bills it: per request, not per token kind.
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

// Plan is a subscription (Pro, Max 5x, Max 20x, a team seat).
type Plan struct {
	Name         string
	PriceMonthly Money
	// SeatPriceMonthly is the per-seat price where a plan is sold to teams.
	SeatPriceMonthly Money
	Window5h         *Allowance
	Weekly           *Allowance
	// Counts lists the token kinds that count against the allowances.
	Counts []TokenKind
	Models []string // model names the plan covers; empty = all
	Line   int
}

// Allowance is a subscription allowance, in API-equivalent dollars, as a
// low–high range because no vendor publishes it in tokens.
type Allowance struct {
	Low      Money
	High     Money
	Estimate bool
	Source   string
	// Basis says how the range was derived (measured, scaled, calibrated),
	// so a user can judge how far to trust it.
	Basis string
}

// TokenKind names one of the kinds of tokens usage tools count.
type TokenKind string

// The token kinds, as Claude Code's logs and the API's usage object name them.
const (
	KindInput        TokenKind = "input"
	KindOutput       TokenKind = "output"
	KindCacheWrite   TokenKind = "cache_write"
	KindCacheRead    TokenKind = "cache_read"
	KindCacheWrite5m TokenKind = "cache_write_5m"
	KindCacheWrite1h TokenKind = "cache_write_1h"
)

// Model returns the model with the given short name.
func (t *Table) Model(name string) (Model, bool) {
	for _, m := range t.Models {
		if m.Name == name {
			return m, true
		}
	}
	return Model{}, false
}

// MatchModel finds the model whose longest id prefix matches a real model id
// such as "claude-sonnet-4-5-20250929" or "us.anthropic.claude-opus-4-6-v1".
func (t *Table) MatchModel(id string) (Model, bool) {
	best, bestLen := -1, 0
	for i, m := range t.Models {
		for _, p := range m.Match {
			if len(p) > bestLen && containsPrefixAt(id, p) {
				best, bestLen = i, len(p)
			}
		}
	}
	if best < 0 {
		return Model{}, false
	}
	return t.Models[best], true
}

// containsPrefixAt reports whether p matches id at its start or after a
// provider prefix ending in '.' or '/' (Bedrock "us.anthropic.", Vertex
// "anthropic/").
func containsPrefixAt(id, p string) bool {
	for start := 0; start <= len(id)-len(p); start++ {
		if start == 0 || id[start-1] == '.' || id[start-1] == '/' {
			if id[start:start+len(p)] == p {
				return true
			}
		}
	}
	return false
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

// Plan returns the plan with the given name.
func (t *Table) Plan(name string) (Plan, bool) {
	for _, x := range t.Plans {
		if x.Name == name {
			return x, true
		}
	}
	return Plan{}, false
}
