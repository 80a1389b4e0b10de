package diagnose

import (
	_ "time/tzdata" // the zone database for the tests, whatever the machine has

	"github.com/tierplan/tierplan/planner/diagnose/paste"
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

func TestDiagnose(t *testing.T) {
	for _, tc := range diagCases() {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := paste.Parse([]byte(tc.in))
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
			d := Diagnose(resp, Options{Now: now, Table: table, LoadLocation: time.LoadLocation})
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
		{"… rate limit of 1,000,000 tokens per day", LimitDailyTokens, 1000000},
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

func mustParse(t *testing.T, in string) paste.Response {
	t.Helper()
	r, err := paste.Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	return r
}
