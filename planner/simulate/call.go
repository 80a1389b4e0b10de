package simulate

import (
	"fmt"

	"github.com/tierplan/tierplan/planner/limiter"
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

// Accounting says how the model's pool counts a call against its buckets:
// the limiter's accounting, shared with plan and the proxy.
type Accounting = limiter.Accounting

// AccountingFor reads the accounting rules of a tier-table model; maxTokens is
// the client's max_tokens, used only where the model reserves it.
func AccountingFor(m tiers.Model, maxTokens int64) Accounting {
	return limiter.AccountingFor(m, maxTokens)
}

// chargeOf turns a call into what it draws from every limit.
func chargeOf(a Accounting, c Call) charge {
	return a.ChargeOf(limiter.Usage{Input: c.Input, CacheWrite: c.CacheWrite, CacheRead: c.CacheRead, Output: c.Output}, c.Cost)
}

// validate rejects token counts the simulator cannot represent exactly.
func (c Call) validate() error {
	for _, n := range []int64{c.Input, c.CacheWrite, c.CacheRead, c.Output} {
		if n < 0 || n > limiter.MaxTokens {
			return fmt.Errorf("a call's token count %d is out of range (0 to %d)", n, int64(limiter.MaxTokens))
		}
	}
	if c.Cost < 0 || c.ColdCost < 0 {
		return fmt.Errorf("a call's cost %s is negative", c.Cost)
	}
	return nil
}
