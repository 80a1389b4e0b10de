package diagnose

import "time"

// otherCases cover every kind that is not a plain rate limit, and the ways
// the input can fall short.
func otherCases() []diagCase {
	return []diagCase{
		{
			// Tuesday 2026-04-14 10:00:00 → Friday 2026-05-01 00:00:00 UTC:
			// 16 days 14 hours = 16·86,400 + 14·3,600 = 1,432,800 s.
			name: "spend cap: until the 1st of next month, tier 2 raises the cap",
			in:   "HTTP/2 429\n" + date + tier1 + "\n" + spendCapBody,
			kind: KindSpendCap, wait: i64(1_432_800), resume: "2026-05-01T00:00:00Z", next: "Tier 2",
			advice:    []string{"requests fail until 2026-05-01 00:00 UTC (in 16 d 14 h)", "turn retries off", "Tier 2 lifts the monthly spend cap to $500.00 a month"},
			retryable: &no,
		},
		{
			// Thursday 2026-12-17 23:59:59 → 2027-01-01 00:00:00: 14 days and
			// 1 second = 14·86,400 + 1 = 1,209,601 s; the year rolls over.
			name: "spend cap in December rolls into January",
			in:   "HTTP/2 429\ndate: Thu, 17 Dec 2026 23:59:59 GMT\n\n" + spendCapBody,
			now:  time.Date(2026, 12, 17, 23, 59, 59, 0, time.UTC),
			kind: KindSpendCap, wait: i64(1_209_601), resume: "2027-01-01T00:00:00Z",
			advice: []string{"a tier with a higher monthly spend cap lifts it sooner"},
		},
		{
			// The last second of January: February 1st is one second away.
			name: "spend cap one second before the month turns",
			in:   "HTTP/2 429\ndate: Sat, 31 Jan 2026 23:59:59 GMT\n\n" + spendCapBody,
			now:  time.Date(2026, 1, 31, 23, 59, 59, 0, time.UTC),
			kind: KindSpendCap, wait: i64(1), resume: "2026-02-01T00:00:00Z",
		},
		{
			name: "spend cap from a cut-off body",
			in:   "HTTP/2 429\n" + date + "\n" + spendCapBody[:len(spendCapBody)-20],
			kind: KindSpendCap, resume: "2026-05-01T00:00:00Z",
			notes: []string{"not valid JSON (cut off?)"},
		},
		{
			name: "user-set spend limit (400)",
			in:   "HTTP/2 400\n" + date + "\n" + userLimitMsg,
			kind: KindSpendLimit, advice: []string{"raise or remove the spend limit"}, retryable: &no,
		},
		{
			name: "Claude Code workspace spend limit (429 with retry-after)",
			in: "HTTP/2 429\n" + date + "retry-after: 60\n\n" +
				`{"type":"error","error":{"type":"rate_limit_error","message":"You have reached your specified API usage limits."}}`,
			kind: KindSpendLimit, retryAfter: i64(60),
		},
		{
			name: "401 key refused",
			in:   "HTTP/2 401\n" + date + "\n" + `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`,
			kind: KindAuth, advice: []string{"ANTHROPIC_API_KEY"}, retryable: &no,
		},
		{
			name: "403 permission",
			in:   "HTTP/2 403\n" + date + "\n" + `{"type":"error","error":{"type":"permission_error","message":"no"}}`,
			kind: KindAuth, advice: []string{"workspace may use this model"},
		},
		{
			name: "400 invalid request",
			in:   "HTTP/2 400\n" + date + "\n" + `{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}}`,
			kind: KindInvalidRequest, advice: []string{"fix the request"}, retryable: &no,
		},
		{
			name: "400 without a body cannot rule out a spend limit",
			in:   "HTTP/2 400\n" + date + "\n",
			kind: KindInvalidRequest, missing: []string{"body"},
		},
		{
			name: "413 too large",
			in:   "HTTP/2 413\n" + date + "\n" + `{"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}`,
			kind: KindTooLarge, advice: []string{"send less in one request"},
		},
		{
			name: "529 overloaded with retry-after",
			in:   "HTTP/2 529\n" + date + "retry-after: 10\n\n" + `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`,
			kind: KindOverloaded, retryAfter: i64(10), wait: i64(10), resume: "2026-04-14T10:00:10Z",
			advice:    []string{"wait 10 s (retry-after)", "not your quota", "does not count against your rate limits"},
			retryable: &yes,
		},
		{
			name: "529 without retry-after",
			in:   "HTTP/2 529\n" + date + "\n" + `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`,
			kind: KindOverloaded, advice: []string{"back off exponentially"},
		},
		{
			// 700 of 8,000 output tokens left is under 10% (700·10 < 8,000): warn.
			name: "200 ok with a nearly empty bucket",
			in: "HTTP/2 200\n" + date + tier1 + bucket("requests", 49, "2026-04-14T10:00:01Z") +
				bucket("output-tokens", 700, "2026-04-14T10:00:05Z") + "\n{\"id\":\"msg_1\"}",
			kind:   KindOK,
			advice: []string{"the output-tokens bucket is nearly empty (700 of 8,000 left), full again in 5 s"},
		},
		{
			name: "500 api error is retryable",
			in:   "HTTP/2 500\n" + date + "\n" + `{"type":"error","error":{"type":"api_error","message":"Internal server error"}}`,
			kind: KindOther, advice: []string{"retry with exponential backoff"}, retryable: &yes,
		},
		{
			name: "404 is not",
			in:   "HTTP/2 404\n" + date + "\n" + `{"type":"error","error":{"type":"not_found_error","message":"model: claude-nope"}}`,
			kind: KindOther, advice: []string{"check the model name"}, retryable: &no,
		},
		{
			name: "no status: body type decides",
			in:   `{"body": ` + quoteJSON(itpmBody) + `}`,
			kind: KindRateLimit, limit: LimitITPM, missing: []string{"status"},
		},
		{
			name: "no status: an empty bucket decides",
			in:   "anthropic-ratelimit-requests-remaining: 0\nanthropic-ratelimit-requests-reset: 2026-04-14T10:00:30Z\n",
			kind: KindRateLimit, limit: LimitRPM, missing: []string{"status", "date"},
			notes: []string{"guessed a rate limit from the empty requests bucket"},
		},
		{
			name: "no status and nothing telling",
			in:   "x-foo: bar\n",
			kind: KindOther, missing: []string{"status"}, advice: []string{"--status"},
		},
		{
			// no date header: times relative to now = 10:00:00, so 10:00:45 is 45 s.
			name: "no date header: relative to now",
			in:   "HTTP/2 429\n" + bucket("input-tokens", 0, "2026-04-14T10:00:45Z") + "\n",
			kind: KindRateLimit, limit: LimitITPM, wait: i64(45), missing: []string{"date"},
		},
		{
			// 10:01:30 − 10:00:00 = 90 s.
			name: "retry-after as an HTTP date",
			in:   "HTTP/2 429\n" + date + "retry-after: Tue, 14 Apr 2026 10:01:30 GMT\n\n",
			kind: KindRateLimit, limit: LimitUnknown, retryAfter: i64(90), wait: i64(90),
			advice: []string{"wait 1 min 30 s before retrying (retry-after)", "diagnose the whole response with its rate-limit headers"},
		},
		{
			name: "fractional retry-after rounds up",
			in:   "HTTP/2 429\n" + date + "retry-after: 2.1\n\n",
			kind: KindRateLimit, limit: LimitUnknown, retryAfter: i64(3),
		},
		{
			name: "malformed values are noted and ignored",
			in:   "HTTP/2 429\ndate: yesterday\nretry-after: soon\nanthropic-ratelimit-requests-remaining: -4\nanthropic-ratelimit-requests-reset: tomorrow\n\n",
			kind: KindRateLimit, limit: LimitUnknown,
			notes: []string{"date: \"yesterday\" is not an HTTP date", "retry-after: \"soon\"", "\"-4\" is not a whole number", "\"tomorrow\" is not an RFC 3339 time"},
		},
		{
			// pasted an hour after the fact: every reset has passed.
			name: "an old response says its waits have passed",
			in:   "HTTP/2 429\n" + date + "retry-after: 27\n" + bucket("input-tokens", 0, "2026-04-14T10:00:27Z") + "\n",
			now:  at.Add(time.Hour),
			kind: KindRateLimit, limit: LimitITPM, wait: i64(27),
			notes: []string{"this response is from 2026-04-14T10:00:00Z, 1 h 0 min before now"},
		},
		{
			// 59 s later is within clock skew and paste time: no note.
			name: "a response under a minute old is not called old",
			in:   "HTTP/2 429\n" + date + "retry-after: 27\n" + bucket("input-tokens", 0, "2026-04-14T10:00:27Z") + "\n",
			now:  at.Add(59 * time.Second),
			kind: KindRateLimit, limit: LimitITPM, noNotes: true,
		},
		{
			name: "limits that match no tier",
			in: "HTTP/2 429\n" + date + "anthropic-ratelimit-requests-limit: 7\n" +
				bucket("requests", 0, "2026-04-14T10:00:09Z") + "\n",
			kind: KindRateLimit, limit: LimitRPM,
			notes: []string{"the limits in the headers (7 RPM) match no tier in test table (as of 2026-04-23)"},
		},
		{
			name: "on the top published tier: the negotiated one",
			in: "HTTP/2 429\n" + date + "anthropic-ratelimit-requests-limit: 1000\nanthropic-ratelimit-input-tokens-limit: 450000\n" +
				bucket("input-tokens", 0, "2026-04-14T10:00:09Z") + "\n",
			kind: KindRateLimit, limit: LimitITPM,
			advice: []string{"the limits in the headers are consistent with Tier 2 (pool haiku-4-5, sonnet-4); no published tier lifts this limit: Monthly Invoicing has negotiated limits"},
		},
		{
			name: "50 RPM alone cannot tell the pool, but tells the tier",
			in: "HTTP/2 429\n" + date + "anthropic-ratelimit-requests-limit: 50\n" +
				bucket("requests", 0, "2026-04-14T10:00:09Z") + "\n",
			kind: KindRateLimit, limit: LimitRPM, next: "Tier 2",
		},
	}
}
