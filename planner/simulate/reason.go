package simulate

import "github.com/tierplan/tierplan/planner/limiter"

// Reason names what rejected a call; the limiter's reasons, by their plan
// names.
type Reason = limiter.Reason

// The reasons a call can be rejected, as the limiter decides them.
const (
	Admitted        = limiter.Admitted
	ByRPM           = limiter.ByRPM
	ByITPM          = limiter.ByITPM
	ByOTPM          = limiter.ByOTPM
	ByTPM           = limiter.ByTPM
	ByDailyTokens   = limiter.ByDailyTokens
	ByDailyRequests = limiter.ByDailyRequests
	BySpendCap      = limiter.BySpendCap
	ByRequestSize   = limiter.ByRequestSize
	numReasons      = limiter.NumReasons
)

const dayMs = limiter.DayMs

// charge is what one call draws from every limit.
type charge = limiter.Charge
