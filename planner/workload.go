package planner

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// Workload describes how a team uses a model: how many sessions, how big,
// how fast. Zero fields take the documented defaults (see Defaults); every
// default can be overridden by flag or workload file.
type Workload struct {
	Name string `json:"name"`
	// SessionsPerDay is sessions per developer per working day.
	SessionsPerDay float64 `json:"sessions_per_day"`
	// TokensPerSession counts all four kinds (input, output, cache write,
	// cache read), as usage tools such as ccusage count them.
	TokensPerSession int64  `json:"tokens_per_session"`
	Model            string `json:"model"`
	Devs             int    `json:"devs"`
	// CallsPerSession is the number of API calls a session makes, compaction
	// calls excluded. Zero derives it from TokensPerSession (see
	// DefaultGrowthPerCall).
	CallsPerSession int `json:"calls_per_session"`
	// Pace is calls per active minute of a session.
	Pace         float64 `json:"pace"`
	HoursPerDay  float64 `json:"hours_per_day"`
	DaysPerMonth float64 `json:"days_per_month"`
	// PrefixTokens is the static prefix every call sends: system prompt,
	// tool definitions, memory files.
	PrefixTokens int64 `json:"prefix_tokens"`
	// OutputShare is the share of a session's tokens that are output.
	OutputShare float64 `json:"output_share"`
	// NoCache turns prompt caching off: every call sends its whole context
	// as uncached input.
	NoCache  bool          `json:"no_cache"`
	CacheTTL time.Duration `json:"-"`
	// CompactAt is the context size at which the client compacts; zero
	// derives it from the model's context window.
	CompactAt int64 `json:"compact_at"`
	// CompactTo is the context size right after compaction (prefix plus
	// summary); zero means PrefixTokens + DefaultSummaryTokens.
	CompactTo int64 `json:"compact_to"`
	// MaxTokens is the max_tokens a call asks for; it matters only where a
	// tier reserves it against the output bucket.
	MaxTokens int64 `json:"max_tokens"`
	// Overlap, when set, is the share of developers whose sessions run in
	// the same peak minute (1 = everyone at once, a stand-up). Zero derives
	// the peak from the developers' activity (see PeakQuantile).
	Overlap float64 `json:"overlap"`
	// Headroom is the utilisation above which a limit counts as tight.
	Headroom float64 `json:"headroom"`
	// Mix splits the sessions between models by share (model name →
	// share, summing to 1); empty means all sessions use Model.
	Mix map[string]float64 `json:"mix,omitempty"`
	// BatchShare is the share of the work sent through the Batch API: half
	// price, off the per-minute limits, under the batch queue limit.
	BatchShare float64 `json:"batch_share"`
	// CacheMissShare is the share of calls, besides the first and those
	// after a compaction, that find the cache expired (a pause longer than
	// its TTL) and write their whole context again.
	CacheMissShare float64 `json:"cache_miss_share"`
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

// CacheTTLName renders the TTL as the pricing tables name it ("5m", "1h").
func (w Workload) CacheTTLName() string {
	if w.NoCache {
		return "off"
	}
	if w.CacheTTL >= time.Hour {
		return "1h"
	}
	return "5m"
}

// Defaults, each with the reason and source it stands on. The README lists
// them with their sources.
const (
	// DefaultSessionsPerDay: one session an hour over a working day.
	DefaultSessionsPerDay = 8.0
	// DefaultTokensPerSession: 800k, the size of the seed example session.
	DefaultTokensPerSession = 800_000
	// DefaultModel is the model most Claude Code users run.
	DefaultModel = "sonnet"
	// DefaultPace: the "lint, fix, test, fix" cycle runs 8–12 calls a minute.
	DefaultPace = 10.0
	// DefaultHoursPerDay: a working day.
	DefaultHoursPerDay = 8.0
	// DefaultDaysPerMonth: about 252 working days a year / 12.
	DefaultDaysPerMonth = 21.0
	// DefaultPrefixTokens: Claude Code's /context shows a system prompt of
	// 2.4k–3.4k, built-in tools of 13.4k–16.6k and memory files of
	// 0.5k–5.5k tokens (community readings, 2025–2026).
	DefaultPrefixTokens = 20_000
	// DefaultOutputShare: a measured Claude Code session had 1.58M output
	// tokens of 60.1M in all (2.6%); heavy sessions are >90% cache reads.
	DefaultOutputShare = 0.026
	// DefaultGrowthPerCall: when calls per session are not given, a session
	// has the fewest calls whose context grows by at most this much per call
	// (2.5k of tool results and prompt plus 0.5k of output, the worked
	// example of an agentic session's growth).
	DefaultGrowthPerCall = 3_000.0
	// DefaultCompactionMargin: Claude Code compacts at window −
	// min(max_output, 20k) − 13k, i.e. 167k of a 200k window (maintainer
	// confirmation, anthropics/claude-code #86863).
	DefaultCompactionMargin = 33_000
	// ClaudeCodeWindow: Claude Code works in a 200k window unless a 1M
	// model is chosen explicitly ("sonnet[1m]"), so compaction defaults to
	// that window even on models that accept 1M; set compact-at for 1M work.
	ClaudeCodeWindow = 200_000
	// DefaultSummaryTokens: one observed compaction went from 468,102 to
	// 28,759 tokens, about the prefix plus a 10k summary (#72600).
	DefaultSummaryTokens = 10_000
	// DefaultMaxTokens: Claude Code's default output budget per request.
	DefaultMaxTokens = 32_000
	// DefaultHeadroom: keep every limit under 80% (providers' guidance is
	// 50–75% for batch jobs; 80% leaves room for bursts).
	DefaultHeadroom = 0.8
	// PeakQuantile: the peak minute is the 99th-percentile number of
	// concurrently active developers (z = 2.33 for a normal approximation).
	PeakQuantile = 0.99
	// DefaultCacheTTL is the API's default prompt-cache lifetime.
	DefaultCacheTTL = 5 * time.Minute
)

// WithDefaults returns w with every zero field set to its default. The
// compaction threshold needs the model's context window.
func (w Workload) WithDefaults(contextWindow int64) Workload {
	if w.Name == "" {
		w.Name = "default"
	}
	if w.SessionsPerDay == 0 {
		w.SessionsPerDay = DefaultSessionsPerDay
	}
	if w.TokensPerSession == 0 {
		w.TokensPerSession = DefaultTokensPerSession
	}
	if w.Model == "" {
		w.Model = DefaultModel
	}
	if w.Devs == 0 {
		w.Devs = 1
	}
	if w.Pace == 0 {
		w.Pace = DefaultPace
	}
	if w.HoursPerDay == 0 {
		w.HoursPerDay = DefaultHoursPerDay
	}
	if w.DaysPerMonth == 0 {
		w.DaysPerMonth = DefaultDaysPerMonth
	}
	if w.PrefixTokens == 0 {
		w.PrefixTokens = DefaultPrefixTokens
	}
	if w.OutputShare == 0 {
		w.OutputShare = DefaultOutputShare
	}
	if w.CacheTTL == 0 {
		w.CacheTTL = DefaultCacheTTL
	}
	if w.CompactAt == 0 {
		window := min(contextWindow, ClaudeCodeWindow)
		if window == 0 {
			window = ClaudeCodeWindow
		}
		if window > DefaultCompactionMargin {
			w.CompactAt = window - DefaultCompactionMargin
		}
	}
	if w.CompactTo == 0 {
		w.CompactTo = w.PrefixTokens + DefaultSummaryTokens
	}
	if w.MaxTokens == 0 {
		w.MaxTokens = DefaultMaxTokens
	}
	if w.Headroom == 0 {
		w.Headroom = DefaultHeadroom
	}
	return w
}

// Validate reports the first input that cannot describe a real workload, in
// words a user can act on.
func (w Workload) Validate() error {
	// Written as !(x > 0) rather than x <= 0 so that NaN, which compares
	// false with everything, is refused too.
	switch {
	case !(w.SessionsPerDay > 0):
		return errors.New("sessions per day must be more than 0")
	case w.TokensPerSession <= 0:
		return errors.New("tokens per session must be more than 0")
	case w.Devs < 1:
		return errors.New("developers must be at least 1")
	case w.CallsPerSession < 0:
		return errors.New("calls per session cannot be negative")
	case !(w.Pace > 0) || math.IsInf(w.Pace, 0):
		return errors.New("pace must be more than 0 calls a minute")
	case !(w.HoursPerDay > 0 && w.HoursPerDay <= 24):
		return fmt.Errorf("hours per day must be in (0, 24], not %g", w.HoursPerDay)
	case !(w.DaysPerMonth > 0 && w.DaysPerMonth <= 31):
		return fmt.Errorf("days per month must be in (0, 31], not %g", w.DaysPerMonth)
	case w.PrefixTokens < 0:
		return errors.New("prefix tokens cannot be negative")
	case !(w.OutputShare > 0 && w.OutputShare < 1):
		return fmt.Errorf("output share must be between 0 and 1, not %g", w.OutputShare)
	case w.CompactTo < w.PrefixTokens:
		return fmt.Errorf("the post-compaction size (compact-to) %s is smaller than the prefix %s it must still hold",
			tiers.GroupDigits(w.CompactTo), tiers.GroupDigits(w.PrefixTokens))
	case w.CompactAt > 0 && w.CompactAt <= w.CompactTo:
		return fmt.Errorf("the compaction threshold (compact-at) %s must be above the post-compaction size (compact-to) %s",
			tiers.GroupDigits(w.CompactAt), tiers.GroupDigits(w.CompactTo))
	case !(w.Overlap >= 0 && w.Overlap <= 1):
		return fmt.Errorf("overlap must be between 0 and 1, not %g", w.Overlap)
	case !(w.Headroom > 0 && w.Headroom <= 1):
		return fmt.Errorf("headroom must be in (0, 1], not %g", w.Headroom)
	case w.MaxTokens < 0:
		return errors.New("max tokens cannot be negative")
	case !(w.BatchShare >= 0 && w.BatchShare <= 1):
		return fmt.Errorf("batch share must be between 0 and 1, not %g", w.BatchShare)
	case !(w.CacheMissShare >= 0 && w.CacheMissShare <= 1):
		return fmt.Errorf("cache miss share must be between 0 and 1, not %g", w.CacheMissShare)
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
