package simulate

import (
	"fmt"

	"github.com/tierplan/tierplan/tiers"
)

// Call is one API request of a session, as the rate limiter and the bill see
// it: the four token kinds the usage object reports, and what the call costs.
type Call struct {
	Input      int64 // uncached input, after the last cache breakpoint
	CacheWrite int64
	CacheRead  int64
	Output     int64
	Cost       tiers.Money
	// ColdCost is what the call costs when its cache has expired and the
	// cache read must be written again; zero means the same as Cost.
	ColdCost tiers.Money
}

// cold is the call sent after its cache expired: the prefix it would have
// read is written again.
func (c Call) cold() Call {
	c.CacheWrite += c.CacheRead
	c.CacheRead = 0
	if c.ColdCost > 0 {
		c.Cost = c.ColdCost
	}
	return c
}

// Accounting says how the model's pool counts a call against its buckets, as
// the tier table records it per model.
type Accounting struct {
	// CountsCacheReads: cache reads count toward ITPM (older † models).
	CountsCacheReads bool
	// ReserveMaxTokens, when positive, is the max_tokens a client sends and the
	// OTPM bucket reserves at the start of each call (reserve_max_tokens
	// accounting), giving back the unused part at the end. Zero means OTPM
	// counts only the tokens actually generated.
	ReserveMaxTokens int64
}

// AccountingFor reads the accounting rules of a tier-table model; maxTokens is
// the client's max_tokens, used only where the model reserves it.
func AccountingFor(m tiers.Model, maxTokens int64) Accounting {
	a := Accounting{CountsCacheReads: m.ITPMCountsCacheReads}
	if m.OTPMAccounting == tiers.OTPMReserveMaxTokens {
		a.ReserveMaxTokens = maxTokens
	}
	return a
}

// inputTokens is what the call counts toward ITPM: uncached input plus cache
// writes, plus cache reads on models whose reads count.
func (a Accounting) inputTokens(c Call) int64 {
	n := c.Input + c.CacheWrite
	if a.CountsCacheReads {
		n += c.CacheRead
	}
	return n
}

// outputCharge is what the call draws from OTPM at its start, and how much of
// that is given back at the end.
func (a Accounting) outputCharge(c Call) (charged, refund int64) {
	if a.ReserveMaxTokens > c.Output {
		return a.ReserveMaxTokens, a.ReserveMaxTokens - c.Output
	}
	return c.Output, 0
}

// chargeOf turns a call into what it draws from every limit.
func (a Accounting) chargeOf(c Call) charge {
	in := a.inputTokens(c)
	out, refund := a.outputCharge(c)
	return charge{
		rpm:          unitsPerToken,
		itpm:         tokensToUnits(in),
		otpm:         tokensToUnits(out),
		tpm:          tokensToUnits(in + out),
		reserveExtra: tokensToUnits(refund),
		tokens:       in + c.Output,
		cost:         c.Cost,
	}
}

// validate rejects token counts the simulator cannot represent exactly.
func (c Call) validate() error {
	for _, n := range []int64{c.Input, c.CacheWrite, c.CacheRead, c.Output} {
		if n < 0 || n > maxTokens {
			return fmt.Errorf("a call's token count %d is out of range (0 to %d)", n, int64(maxTokens))
		}
	}
	if c.Cost < 0 || c.ColdCost < 0 {
		return fmt.Errorf("a call's cost %s is negative", c.Cost)
	}
	return nil
}
