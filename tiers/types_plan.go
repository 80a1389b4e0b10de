package tiers

import "fmt"

// Plan is a subscription (Pro, Max, Ultra, a team seat).
type Plan struct {
	Name string
	// Aliases are the plan's former names (max-5x for max): accepted where a
	// plan is named, with a note, and matched up by tiers diff.
	Aliases      []string
	PriceMonthly Money
	// SeatPriceMonthly is the per-seat price where a plan is sold to teams.
	SeatPriceMonthly Money
	Window5h         *Allowance
	Weekly           *Allowance
	// AllowanceUnknown says why the plan has no allowance figures (none
	// published); such a plan is listed but not evaluated.
	AllowanceUnknown string
	// WeeklyMeters are weekly meters of their own for some models, each
	// allowed a share of the weekly allowance (Fable on Max).
	WeeklyMeters []Meter
	// APICredits are the monthly API credits the subscription comes with;
	// nil when it has none.
	APICredits *APICredits
	// Counts lists the token kinds that count against the allowances.
	Counts []TokenKind
	Models []string // model names the plan covers; empty = all
	// ExcludedModels are models the plan does not cover (they are billed on
	// top, as extra usage).
	ExcludedModels []string
	Line           int
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

// Meter is a weekly meter of its own: the plan's use of Models may reach
// ShareOfWeekly of the weekly allowance, and past it is billed as extra.
type Meter struct {
	Name          string
	Models        []string
	ShareOfWeekly float64
}

// APICredits are a subscription's monthly API credits: Monthly per
// subscriber, or per seat when PerSeat, at most Cap for a whole team (zero:
// no cap). They pay for API use, not for the subscription's own use.
type APICredits struct {
	Monthly Money
	PerSeat bool
	Cap     Money
}

// For is the credit a month for seats seats (one subscriber: 1).
func (c APICredits) For(seats int) Money {
	if !c.PerSeat {
		return c.Monthly
	}
	total := c.Monthly * Money(max(seats, 1))
	if c.Cap > 0 && total > c.Cap {
		return c.Cap
	}
	return total
}

// Evaluated reports whether the plan has any allowance to rate use against.
func (p Plan) Evaluated() bool { return p.Window5h != nil || p.Weekly != nil }

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

// Plan returns the plan with the given name.
func (t *Table) Plan(name string) (Plan, bool) {
	for _, x := range t.Plans {
		if x.Name == name {
			return x, true
		}
	}
	return Plan{}, false
}

// PlanOrAlias returns the plan a name or a former name (alias) names; note
// is "" for the plan's own name, and otherwise says the plan was renamed,
// for a report to show once.
func (t *Table) PlanOrAlias(name string) (p Plan, note string, ok bool) {
	if p, ok := t.Plan(name); ok {
		return p, "", true
	}
	for _, x := range t.Plans {
		for _, a := range x.Aliases {
			if a == name {
				return x, fmt.Sprintf("plan %s is now called %s; %s is accepted as its old name", name, x.Name, name), true
			}
		}
	}
	return Plan{}, "", false
}
