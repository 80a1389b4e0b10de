package diagnose

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// date is the Date header of the fixtures: Tuesday 2026-04-14 10:00:00 UTC.
const date = "date: Tue, 14 Apr 2026 10:00:00 GMT\n"

var at = time.Date(2026, 4, 14, 10, 0, 0, 0, time.UTC)

// tier1 are the -limit headers of Tier 1, Sonnet 4.x pool.
const tier1 = "anthropic-ratelimit-requests-limit: 50\nanthropic-ratelimit-input-tokens-limit: 30000\nanthropic-ratelimit-output-tokens-limit: 8000\n"

func bucket(name string, remaining int, reset string) string {
	return "anthropic-ratelimit-" + name + "-remaining: " + strconv.Itoa(remaining) + "\nanthropic-ratelimit-" + name + "-reset: " + reset + "\n"
}

const (
	itpmBody     = `{"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization (0dccdde6) of 30,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits."},"request_id":"req_011CZ"}`
	spendCapBody = `{"type":"error","error":{"type":"rate_limit_error","message":"You have reached your monthly spend limit for this tier.","details":{"error_code":"enforced_spend_limit_reached"}},"request_id":"req_02"}`
	userLimitMsg = `{"type":"error","error":{"type":"invalid_request_error","message":"You have reached your specified API usage limits. You will regain access on 2026-05-01 at 00:00 UTC."}}`
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

func diagCases() []diagCase {
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
			kind: KindRateLimit, limit: LimitDaily,
			advice: []string{"back off exponentially", "daily quota is used up"},
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
			advice: []string{"diagnose the whole response with its anthropic-ratelimit-* headers"},
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
			advice: []string{"you are on Tier 2 (pool haiku-4-5, sonnet-4); no published tier lifts this limit: Monthly Invoicing has negotiated limits"},
		},
		{
			name: "50 RPM alone cannot tell the pool, but tells the tier",
			in: "HTTP/2 429\n" + date + "anthropic-ratelimit-requests-limit: 50\n" +
				bucket("requests", 0, "2026-04-14T10:00:09Z") + "\n",
			kind: KindRateLimit, limit: LimitRPM, next: "Tier 2",
		},
	}
}

func quoteJSON(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func TestDiagnose(t *testing.T) {
	for _, tc := range diagCases() {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := ParseBytes([]byte(tc.in))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			now := tc.now
			if now.IsZero() {
				now = at
			}
			table := testTable()
			if tc.noTable {
				table = nil
			}
			d := Diagnose(resp, now, table)
			checkDiagnosis(t, tc, d)
		})
	}
}

func checkDiagnosis(t *testing.T, tc diagCase, d Diagnosis) {
	t.Helper()
	if d.Kind != tc.kind || d.Limit != tc.limit {
		t.Errorf("kind/limit = %s/%q, want %s/%q (verdict %q)", d.Kind, d.Limit, tc.kind, tc.limit, d.Verdict)
	}
	if tc.retryAfter != nil && (d.RetryAfterS == nil || *d.RetryAfterS != *tc.retryAfter) {
		t.Errorf("retry_after_s = %v, want %d", deref(d.RetryAfterS), *tc.retryAfter)
	}
	if tc.wait != nil && (d.WaitS == nil || *d.WaitS != *tc.wait) {
		t.Errorf("wait_s = %v, want %d", deref(d.WaitS), *tc.wait)
	}
	if tc.resume != "" {
		want, _ := time.Parse(time.RFC3339Nano, tc.resume)
		if d.ResumeAt == nil || !d.ResumeAt.Equal(want) {
			t.Errorf("resume_at = %v, want %s", d.ResumeAt, tc.resume)
		}
	}
	for name, want := range tc.resetIn {
		b := bucketNamed(d.Buckets, name)
		if b == nil || b.ResetInS == nil || *b.ResetInS != want {
			t.Errorf("bucket %s reset_in_s = %v, want %d", name, b, want)
		}
	}
	if tc.next != "" && (d.Tier == nil || d.Tier.Next != tc.next) {
		t.Errorf("tier = %+v, want next %s", d.Tier, tc.next)
	}
	if tc.retryable != nil && (d.Retryable == nil || *d.Retryable != *tc.retryable) {
		t.Errorf("retryable = %v, want %v", d.Retryable, *tc.retryable)
	}
	containsAll(t, "advice", d.Advice, tc.advice)
	containsAll(t, "notes", d.Notes, tc.notes)
	if tc.noNotes && len(d.Notes) > 0 {
		t.Errorf("notes %q, want none", d.Notes)
	}
	for _, m := range tc.missing {
		if !contains(d.Missing, m) {
			t.Errorf("missing %q lacks %q", d.Missing, m)
		}
	}
}

func deref(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func bucketNamed(bs []Bucket, name string) *Bucket {
	for i := range bs {
		if bs[i].Name == name {
			return &bs[i]
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsAll(t *testing.T, what string, got, want []string) {
	t.Helper()
	joined := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("%s lack %q:\n%s", what, w, joined)
		}
	}
}

func TestNextMonthStart(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-04-14T10:00:00Z", "2026-05-01T00:00:00Z"},
		{"2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z"},
		{"2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"},
		{"2026-01-31T12:00:00Z", "2026-02-01T00:00:00Z"},
		// 23:30 on 30 April in UTC−5 is 04:30 on 1 May UTC: the next month
		// is June, since caps turn at 00:00 UTC.
		{"2026-04-30T23:30:00-05:00", "2026-06-01T00:00:00Z"},
	}
	for _, tc := range tests {
		in, _ := time.Parse(time.RFC3339, tc.in)
		if got := nextMonthStart(in).Format(time.RFC3339); got != tc.want {
			t.Errorf("nextMonthStart(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestFormatSeconds(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0 s"}, {59, "59 s"}, {60, "1 min"}, {185, "3 min 5 s"},
		{7500, "2 h 5 min"}, {1_432_800, "16 d 14 h"},
	}
	for _, tc := range tests {
		if got := FormatSeconds(tc.in); got != tc.want {
			t.Errorf("FormatSeconds(%d) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLimitFromMessage(t *testing.T) {
	tests := []struct {
		msg   string
		limit Limit
		n     int64
	}{
		{"This request would exceed the rate limit for your organization (x) of 20,000 input tokens per minute.", LimitITPM, 20000},
		{"… rate limit of 8,000 output tokens per minute", LimitOTPM, 8000},
		{"… rate limit of 50 requests per minute", LimitRPM, 50},
		{"… rate limit of 40,000 tokens per minute", LimitTokens, 40000},
		{"… rate limit of 1,000,000 tokens per day", LimitDaily, 1000000},
		{"Number of request tokens has exceeded your per-minute rate limit", LimitTokens, 0},
		{"Overloaded", LimitNone, 0},
	}
	for _, tc := range tests {
		l, n := limitFromMessage(tc.msg)
		if l != tc.limit || n != tc.n {
			t.Errorf("limitFromMessage(%q) = %q %d, want %q %d", tc.msg, l, n, tc.limit, tc.n)
		}
	}
}
