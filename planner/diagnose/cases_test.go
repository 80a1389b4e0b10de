package diagnose

import (
	"strings"
	"time"
)

func i64(n int64) *int64 { return &n }

type diagCase struct {
	name       string
	in         string
	now        time.Time // zero: at
	noTable    bool
	kind       Kind
	limit      Limit
	retryAfter *int64
	wait       *int64
	resume     string // RFC 3339, "" = none
	resetIn    map[string]int64
	next       string // tier that lifts the limit
	advice     []string
	missing    []string
	notes      []string
	retryable  *bool
	noNotes    bool
}

var yes, no = true, false

func diagCases() []diagCase { return append(rateLimitCases(), otherCases()...) }

// rateLimitCases cover each bucket, the wait arithmetic and tier advice.
func rateLimitCases() []diagCase {
	return []diagCase{
		{
			// reset-in: 10:00:27 − 10:00:00 = 27 s; requests 10:00:01 → 1 s;
			// output reset at the date itself → 0 s.
			name: "itpm empty, retry-after, tier 2 lifts it",
			in: "HTTP/2 429\n" + date + "retry-after: 27\n" + tier1 +
				bucket("requests", 49, "2026-04-14T10:00:01Z") + bucket("input-tokens", 0, "2026-04-14T10:00:27Z") +
				bucket("output-tokens", 8000, "2026-04-14T10:00:00Z") + "\n" + itpmBody,
			kind: KindRateLimit, limit: LimitITPM, retryAfter: i64(27), wait: i64(27), resume: "2026-04-14T10:00:27Z",
			resetIn:   map[string]int64{"requests": 1, "input-tokens": 27, "output-tokens": 0},
			next:      "Tier 2",
			advice:    []string{"wait 27 s before retrying (retry-after)", "shrink the context", "prompt caching", "Tier 2 lifts this limit to 450,000 ITPM"},
			missing:   []string{"anthropic-ratelimit-tokens-*"},
			retryable: &yes,
		},
		{
			// no retry-after: the wait is the RPM bucket's reset,
			// 10:00:01.2 − 10:00:00 = 1.2 s, rounded up to 2 s; 60/50 = 1.2 s a request.
			name: "rpm empty, wait from the bucket reset, rounded up",
			in: "HTTP/1.1 429 Too Many Requests\n" + date + tier1 +
				bucket("requests", 0, "2026-04-14T10:00:01.2Z") + bucket("input-tokens", 29000, "2026-04-14T10:00:02Z") + "\n",
			kind: KindRateLimit, limit: LimitRPM, wait: i64(2), resume: "2026-04-14T10:00:01.2Z",
			resetIn: map[string]int64{"requests": 2, "input-tokens": 2},
			next:    "Tier 2",
			advice:  []string{"wait 2 s before retrying (until the RPM bucket is full again)", "one request every 1.2 s", "Tier 2 lifts this limit to 1,000 RPM"},
			missing: []string{"retry-after", "body"},
		},
		{
			name: "otpm empty",
			in: "HTTP/2 429\n" + date + "retry-after: 8\n" + tier1 +
				bucket("output-tokens", 0, "2026-04-14T10:00:08Z") + "\n",
			kind: KindRateLimit, limit: LimitOTPM, retryAfter: i64(8), wait: i64(8), next: "Tier 2",
			resetIn: map[string]int64{"output-tokens": 8},
			advice:  []string{"less output per minute", "90,000 OTPM"},
		},
		{
			// An older response: only the requests and combined tokens buckets.
			name: "tokens bucket empty",
			in: "HTTP/2 429\n" + date + "retry-after: 40\nanthropic-ratelimit-tokens-limit: 40000\n" +
				bucket("tokens", 0, "2026-04-14T10:00:40Z") + "anthropic-ratelimit-requests-limit: 50\n" + bucket("requests", 40, "2026-04-14T10:00:02Z") + "\n",
			kind: KindRateLimit, limit: LimitTokens, retryAfter: i64(40), wait: i64(40),
			missing: []string{"anthropic-ratelimit-input-tokens-*", "anthropic-ratelimit-output-tokens-*"},
			advice:  []string{"workspace limit"},
		},
		{
			// input empty until :27, output empty until :40, tokens too: the
			// longest specific wait binds (output), not the combined bucket.
			name: "several empty: the longest specific wait binds",
			in: "HTTP/2 429\n" + date + bucket("input-tokens", 0, "2026-04-14T10:00:27Z") +
				bucket("output-tokens", 0, "2026-04-14T10:00:40Z") + bucket("tokens", 0, "2026-04-14T10:00:59Z") + "\n",
			noTable: true,
			kind:    KindRateLimit, limit: LimitOTPM, wait: i64(40),
		},
		{
			name: "daily quota from the message",
			in: "HTTP/2 429\n" + date + "\n" +
				`{"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed your organization's rate limit of 1,000,000 tokens per day."}}`,
			kind: KindRateLimit, limit: LimitDailyTokens,
			advice: []string{"the daily token quota is used up: retrying within the day fails", "turn automatic retries off"},
		},
		{
			name: "limit from the message alone",
			in: "HTTP/2 429\n" + date + "\n" +
				`{"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 8,000 output tokens per minute."}}`,
			kind: KindRateLimit, limit: LimitOTPM,
			missing: []string{"anthropic-ratelimit-requests-*", "anthropic-ratelimit-input-tokens-*", "anthropic-ratelimit-output-tokens-*", "anthropic-ratelimit-tokens-*", "retry-after"},
		},
		{
			// 1,000 of 30,000 left is 3.3%, under the 5% threshold.
			name: "no bucket at zero: the nearly empty one",
			in: "HTTP/2 429\n" + date + "retry-after: 3\n" + tier1 +
				bucket("requests", 45, "2026-04-14T10:00:01Z") + bucket("input-tokens", 1000, "2026-04-14T10:00:03Z") + "\n",
			kind: KindRateLimit, limit: LimitITPM, wait: i64(3),
			notes: []string{"no bucket reads 0; the input-tokens bucket is lowest (1000 of 30000 left)"},
		},
		{
			name: "no bucket low at all: unknown, acceleration",
			in: "HTTP/2 429\n" + date + "retry-after: 1\n" + tier1 +
				bucket("requests", 40, "2026-04-14T10:00:01Z") + bucket("input-tokens", 20000, "2026-04-14T10:00:03Z") + "\n",
			kind: KindRateLimit, limit: LimitUnknown, wait: i64(1),
			advice: []string{"acceleration limit"},
		},
	}
}

func quoteJSON(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
