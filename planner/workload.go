package planner

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/planner/session"
	"github.com/tierplan/tierplan/tiers"
)

// Workload describes how a team uses a model: how many sessions, how big,
// what they look like and when they happen. Zero fields take the documented
// defaults (see defaults.go); every one can be set by flag or workload file.
// A workload is resolved once, where it enters the planner (Resolve); from
// there on everything reads the complete, validated result.
type Workload struct {
	Name string `json:"name"`
	// SessionsPerDay is sessions per developer per working day.
	SessionsPerDay float64 `json:"sessions_per_day"`
	// TokensPerSession counts all four kinds (input, output, cache write,
	// cache read), as usage tools such as ccusage count them.
	TokensPerSession int64  `json:"tokens_per_session"`
	Model            string `json:"model"`
	Devs             int    `json:"devs"`
	// CallsPerSession is the work calls a session makes (compaction calls
	// excluded). Zero derives it from TokensPerSession and the growth per
	// call; given with TokensPerSession, the growth is solved instead.
	CallsPerSession int `json:"calls_per_session"`
	// GrowthPerCall is how much the context grows from one call to the next:
	// the previous answer plus new prompts and tool results.
	GrowthPerCall float64 `json:"growth_per_call"`
	// OutputPerCall is what each work call writes. OutputShare, when set
	// instead, makes the output this share of the session's tokens.
	OutputPerCall int64   `json:"output_per_call"`
	OutputShare   float64 `json:"output_share"`
	// PrefixTokens is the static prefix every call sends: system prompt,
	// tool definitions, memory files.
	PrefixTokens int64 `json:"prefix_tokens"`
	// NoCache turns prompt caching off: every call sends its whole context
	// as uncached input. CacheTTL is 5 minutes or 1 hour.
	NoCache  bool          `json:"no_cache"`
	CacheTTL time.Duration `json:"-"`
	// CompactAt is the context size at which the client compacts (zero:
	// from the model's context window); CompactTo the size right after
	// (zero: the prefix plus DefaultSummaryTokens).
	CompactAt int64 `json:"compact_at"`
	CompactTo int64 `json:"compact_to"`
	// MaxTokens is the max_tokens a call asks for; it counts only where a
	// tier reserves it against the output bucket.
	MaxTokens int64 `json:"max_tokens"`
	// CacheMissShare is a share of later calls that find the cache expired
	// on top of the misses the timing makes (a measured miss rate).
	CacheMissShare float64 `json:"cache_miss_share"`

	// The time model: turns of CallsPerTurn calls on average, ToolTimeS
	// seconds of tool time between them and PauseS of human pause after
	// each turn; each call takes FirstTokenS plus its output at
	// OutputPerSecond (zero: the model's figures in the tier table).
	CallsPerTurn    float64 `json:"calls_per_turn"`
	ToolTimeS       float64 `json:"tool_time_s"`
	PauseS          float64 `json:"pause_s"`
	FirstTokenS     float64 `json:"first_token_s"`
	OutputPerSecond float64 `json:"output_tokens_per_second"`
	// Pace, when set, overrides the tool time so that a turn runs this many
	// calls a minute.
	Pace float64 `json:"pace,omitempty"`

	// The day: working hours and days, how sessions arrive, and the share
	// of developers who start together (1 = a stand-up).
	HoursPerDay  float64     `json:"hours_per_day"`
	DaysPerMonth float64     `json:"days_per_month"`
	Arrival      day.Arrival `json:"arrival"`
	Overlap      float64     `json:"overlap"`
	// WindowS is the enforcement window of the per-minute limits in
	// seconds: a bucket holds limit × window/60.
	WindowS float64 `json:"window_s"`
	// Seed fixes the day's random draws (pauses, tool times, Poisson
	// arrivals); the same seed gives the same day in plan and simulate.
	Seed uint64 `json:"seed"`

	// Headroom is the utilisation above which a limit counts as tight.
	Headroom float64 `json:"headroom"`
	// Mix splits the sessions between models by share (model name →
	// share, summing to 1); empty means all sessions use Model.
	Mix map[string]float64 `json:"mix,omitempty"`
	// BatchShare is the share of the work sent through the Batch API: off
	// the per-minute limits, at the batch discount, under the queue limit.
	BatchShare float64 `json:"batch_share"`
	// Fast runs every call in the model's fast mode: its fast prices and its
	// own rate-limit pool.
	Fast bool `json:"fast,omitempty"`
}

// Shares returns the model mix as (model, share) pairs in a stable order:
// the mix sorted by model name, or the single model with share 1.
func (w Workload) Shares() []ModelShare {
	if len(w.Mix) == 0 {
		m := w.Model
		if m == "" {
			m = DefaultModel
		}
		return []ModelShare{{m, 1}}
	}
	out := make([]ModelShare, 0, len(w.Mix))
	for m, s := range w.Mix {
		out = append(out, ModelShare{m, s})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Model < out[j].Model })
	return out
}

// ModelShare is one model's share of a workload's sessions.
type ModelShare struct {
	Model string  `json:"model"`
	Share float64 `json:"share"`
}

// Cache is the workload's prompt-cache setting.
func (w Workload) Cache() session.Cache {
	switch {
	case w.NoCache:
		return session.CacheOff
	case w.CacheTTL >= time.Hour:
		return session.Cache1h
	}
	return session.Cache5m
}

// CacheTTLName renders the TTL as the pricing tables name it ("5m", "1h").
func (w Workload) CacheTTLName() string { return w.Cache().String() }

// validate reports the first input that cannot describe a real workload, in
// words a user can act on. Flags and files check each value's range as it
// is read; this catches combinations and workloads built in code.
func (w Workload) validate() error {
	// Written as !(x > 0) rather than x <= 0 so that NaN, which compares
	// false with everything, is refused too.
	switch {
	case !(w.SessionsPerDay > 0 && w.SessionsPerDay <= 10_000):
		return fmt.Errorf("sessions per day must be above 0 and at most 10,000, not %g", w.SessionsPerDay)
	case w.TokensPerSession < 0 || w.TokensPerSession > MaxTokensPerSession || w.TokensPerSession == 0 && w.CallsPerSession <= 0:
		return fmt.Errorf("tokens per session must be above 0 and at most %s", tiers.GroupDigits(MaxTokensPerSession))
	case w.Devs < 1 || w.Devs > MaxDevs:
		return fmt.Errorf("developers must be 1 to %s", tiers.GroupDigits(MaxDevs))
	case w.CallsPerSession < 0 || w.CallsPerSession > session.MaxCalls:
		return fmt.Errorf("calls per session must be 0 to %s", tiers.GroupDigits(session.MaxCalls))
	case !(w.HoursPerDay > 0 && w.HoursPerDay <= 24):
		return fmt.Errorf("hours per day must be in (0, 24], not %g", w.HoursPerDay)
	case !(w.DaysPerMonth > 0 && w.DaysPerMonth <= 31):
		return fmt.Errorf("days per month must be in (0, 31], not %g", w.DaysPerMonth)
	case !(w.OutputShare >= 0 && w.OutputShare < 1):
		return fmt.Errorf("output share must be between 0 and 1, not %g", w.OutputShare)
	case !(w.Overlap >= 0 && w.Overlap <= 1):
		return fmt.Errorf("overlap must be between 0 and 1, not %g", w.Overlap)
	case !(w.Headroom > 0 && w.Headroom <= 1):
		return fmt.Errorf("headroom must be in (0, 1], not %g", w.Headroom)
	case !(w.BatchShare >= 0 && w.BatchShare <= 1):
		return fmt.Errorf("batch share must be between 0 and 1, not %g", w.BatchShare)
	case !(w.CacheMissShare >= 0 && w.CacheMissShare <= 1):
		return fmt.Errorf("cache miss share must be between 0 and 1, not %g", w.CacheMissShare)
	case !(w.WindowS >= 1 && w.WindowS <= 3600):
		return fmt.Errorf("the enforcement window must be 1s to 1h, not %gs", w.WindowS)
	case w.Pace < 0 || math.IsNaN(w.Pace) || math.IsInf(w.Pace, 0):
		return fmt.Errorf("pace must be above 0 calls a minute, not %g", w.Pace)
	}
	if err := validateMix(w.Mix); err != nil {
		return fmt.Errorf("mix: %w", err)
	}
	return nil
}

func validateMix(mix map[string]float64) error {
	if len(mix) == 0 {
		return nil
	}
	sum := 0.0
	for m, s := range mix {
		if !(s > 0 && s <= 1) {
			return fmt.Errorf("%s's share must be in (0, 1], not %g", m, s)
		}
		sum += s
	}
	if math.Abs(sum-1) > 0.001 {
		return fmt.Errorf("shares add up to %s, not 1", strconv.FormatFloat(sum, 'f', -1, 32))
	}
	return nil
}
