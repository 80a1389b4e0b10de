package limiter

import (
	"github.com/tierplan/tierplan/tiers"
)

// Usage is one API call as the rate limiter and the bill see it: the four
// token kinds a response's usage object reports.
type Usage struct {
	Input      int64 // uncached input, after the last cache breakpoint
	CacheWrite int64
	CacheRead  int64
	Output     int64
}

// Charge is what one call draws from each limit: units of the per-minute
// buckets, tokens of a daily quota, dollars of the spend cap.
type Charge struct {
	RPM, ITPM, OTPM, TPM int64 // units
	// ReserveExtra is OTPM reserved beyond the actual output, in units,
	// given back when the call completes.
	ReserveExtra int64
	Tokens       int64 // counted toward a daily token quota
	Cost         tiers.Money
}

// of is the charge's units on one of the limiter's buckets.
func (c *Charge) of(b *Bucket, l *Limiter) int64 {
	switch b {
	case l.RPM:
		return c.RPM
	case l.ITPM:
		return c.ITPM
	case l.OTPM:
		return c.OTPM
	}
	return c.TPM
}

// Accounting says how a model's pool counts a call against its buckets, as
// the tier table records it per model.
type Accounting struct {
	// CountsCacheReads: cache reads count toward ITPM (older † models).
	CountsCacheReads bool
	// ReserveMaxTokens, when positive, is the max_tokens a client sends and
	// the OTPM bucket reserves at the start of each call (reserve_max_tokens
	// accounting), giving back the unused part at the end. Zero means OTPM
	// counts only the tokens actually generated.
	ReserveMaxTokens int64
}

// AccountingFor reads the accounting rules of a tier-table model; maxTokens
// is the client's max_tokens, used only where the model reserves it.
func AccountingFor(m tiers.Model, maxTokens int64) Accounting {
	a := Accounting{CountsCacheReads: m.ITPMCountsCacheReads}
	if m.OTPMAccounting == tiers.OTPMReserveMaxTokens {
		a.ReserveMaxTokens = maxTokens
	}
	return a
}

// InputTokens is what a call counts toward ITPM: uncached input plus cache
// writes, plus cache reads on models whose reads count.
func (a Accounting) InputTokens(u Usage) int64 {
	n := u.Input + u.CacheWrite
	if a.CountsCacheReads {
		n += u.CacheRead
	}
	return n
}

// OutputTokens is what a call draws from OTPM at its start: the output, or
// max_tokens where the vendor reserves it.
func (a Accounting) OutputTokens(u Usage) int64 {
	return max(u.Output, a.ReserveMaxTokens)
}

// ChargeOf turns a call and its price into what it draws from every limit.
func (a Accounting) ChargeOf(u Usage, cost tiers.Money) Charge {
	in := a.InputTokens(u)
	out := a.OutputTokens(u)
	return Charge{
		RPM:          UnitsPerToken,
		ITPM:         TokensToUnits(in),
		OTPM:         TokensToUnits(out),
		TPM:          TokensToUnits(in + out),
		ReserveExtra: TokensToUnits(out - u.Output),
		Tokens:       in + u.Output,
		Cost:         cost,
	}
}
