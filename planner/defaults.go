package planner

import "time"

// Defaults, each with the measurement or source it stands on. The README's
// calibration table lists them with the command that reproduces each.
const (
	// DefaultSessionsPerDay: one session an hour over a working day.
	DefaultSessionsPerDay = 8.0
	// DefaultTokensPerSession: 800k, the size of the seed example session.
	DefaultTokensPerSession = 800_000
	// DefaultModel is the model most Claude Code users run.
	DefaultModel = "sonnet"
	// DefaultHoursPerDay: a working day.
	DefaultHoursPerDay = 8.0
	// DefaultDaysPerMonth: about 252 working days a year / 12.
	DefaultDaysPerMonth = 21.0

	// DefaultPrefixTokens: what a session's first call sends (system prompt,
	// tools, memory files and the first prompt): 17,680 median over 30 real
	// work sessions, 18,846 pooled mean (`tierplan usage --shape`).
	DefaultPrefixTokens = 18_000
	// DefaultGrowthPerCall: how much the context grows from one call to the
	// next, pooled mean over the same sessions: 1,002 tokens (the median
	// session's median is 481; a few large tool results carry the mean, and
	// the mean is what adds up to a session's tokens).
	DefaultGrowthPerCall = 1_000.0
	// DefaultOutputPerCall: output of a call whose count is final (the
	// stop reason logged), pooled over the same sessions: 475 tokens.
	DefaultOutputPerCall = 475
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
	// DefaultMaxTokens: the max_tokens Claude Code 2.1.328 sends, measured
	// on its request to a fake API (planner/simulate/testdata/retry). It
	// matters only under reserve_max_tokens accounting and as the ceiling on
	// a call's output.
	DefaultMaxTokens = 128_000

	// DefaultCallsPerTurn: calls per human prompt (the tool loop's length),
	// pooled over the same sessions: 9.7.
	DefaultCallsPerTurn = 10.0
	// DefaultToolTime: the mean time from a tool call to its result, the
	// median session's mean: 2.7 s (most tools answer in a tenth of a
	// second; a permission prompt now and then makes the mean).
	DefaultToolTime = 3 * time.Second
	// DefaultPause: the mean human pause between turns. Measured pauses
	// have a median of 97 s and a long tail; 3 minutes, exponential, gives
	// the share of calls that come more than 5 minutes after the one
	// before (2.1% measured) and so the cache misses (2.7% measured).
	DefaultPause = 3 * time.Minute
	// DefaultFirstToken and DefaultOutputPerSecond stand in where the tier
	// table gives a model no speed.
	DefaultFirstToken      = 2 * time.Second
	DefaultOutputPerSecond = 60.0

	// DefaultWindow: Anthropic's buckets hold a whole minute's limit.
	DefaultWindow = 60 * time.Second
	// DefaultSeed fixes the day's draws; plan says which seed it used.
	DefaultSeed = 1
	// DefaultHeadroom: keep every limit under 80% (providers' guidance is
	// 50–75% for batch jobs; 80% leaves room for bursts).
	DefaultHeadroom = 0.8
	// DefaultCacheTTL is the API's default prompt-cache lifetime.
	DefaultCacheTTL = 5 * time.Minute
)

// Bounds no workload may pass, so that no sum can overflow and no typo runs
// for an hour.
const (
	MaxTokensPerSession = 10_000_000_000
	MaxDevs             = 1_000_000
	// MaxDayCalls bounds the calls of one day's trace (developers ×
	// sessions × calls): what plan runs through the buckets.
	MaxDayCalls = 20_000_000
)
