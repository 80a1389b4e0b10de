package diagnose

import (
	"testing"
	"time"
)

// openaiDate is the Date of the OpenAI and Gemini cases: 2026-04-14 10:00:00 UTC.
const openaiDate = "Date: Tue, 14 Apr 2026 10:00:00 GMT\n"

func openaiBody(msg, typ, code string) string {
	return `{"error":{"message":"` + msg + `","type":"` + typ + `","param":null,"code":"` + code + `"}}`
}

func TestOpenAI(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		kind    Kind
		limit   Limit
		resume  string
		resetIn map[string]int64
		notes   []string
	}{
		{
			// Resets are durations from the response: 6m0s = 360 s, 12ms rounds up to 1 s.
			name: "reset durations, requests bucket empty",
			in: "HTTP/1.1 429 Too Many Requests\n" + openaiDate + "x-ratelimit-limit-requests: 500\nx-ratelimit-remaining-requests: 0\nx-ratelimit-reset-requests: 6m0s\n" +
				"x-ratelimit-limit-tokens: 30000\nx-ratelimit-remaining-tokens: 29000\nx-ratelimit-reset-tokens: 12ms\n\n" +
				openaiBody("Rate limit reached for gpt-4o in organization org-x on requests per min (RPM): Limit 500, Used 500, Requested 1.", "requests", "rate_limit_exceeded"),
			kind: KindRateLimit, limit: LimitRPM, resume: "2026-04-14T10:06:00Z",
			resetIn: map[string]int64{"requests": 360, "tokens": 1},
		},
		{
			// No retry-after: the message's "try again in 1.342s" is the wait.
			name: "wait from the message",
			in: "HTTP/1.1 429 Too Many Requests\n" + openaiDate + "\n" +
				openaiBody("Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 29437, Requested 1234. Please try again in 1.342s.", "tokens", "rate_limit_exceeded"),
			kind: KindRateLimit, limit: LimitTokens, resume: "2026-04-14T10:00:01.342Z",
		},
		{
			// A daily quota resets with its bucket: 2h30m from 10:00.
			name: "requests per day",
			in: "HTTP/1.1 429 Too Many Requests\n" + openaiDate + "x-ratelimit-limit-requests: 10000\nx-ratelimit-remaining-requests: 0\nx-ratelimit-reset-requests: 2h30m0s\n\n" +
				openaiBody("Rate limit reached for gpt-4o-mini on requests per day (RPD): Limit 10000, Used 10000, Requested 1.", "requests", "rate_limit_exceeded"),
			kind: KindRateLimit, limit: LimitDailyRequests, resume: "2026-04-14T12:30:00Z",
		},
		{
			name: "insufficient quota is billing, not a rate limit",
			in:   "HTTP/1.1 429 Too Many Requests\n" + openaiDate + "\n" + openaiBody("You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota"),
			kind: KindBilling, limit: LimitCredits,
		},
		{
			name: "an OpenAI invalid_request_error is OpenAI's, not Anthropic's",
			in:   "HTTP/1.1 400 Bad Request\n" + openaiDate + "\n" + `{"error":{"message":"Unsupported parameter","type":"invalid_request_error","param":"temperature","code":"unsupported_parameter"}}`,
			kind: KindInvalidRequest,
		},
		{
			name: "a reset that is no duration",
			in:   "HTTP/1.1 429 Too Many Requests\n" + openaiDate + "x-ratelimit-remaining-tokens: 0\nx-ratelimit-reset-tokens: 1e3s\n\n",
			kind: KindRateLimit, limit: LimitTokens,
			notes: []string{`x-ratelimit-reset-tokens: "1e3s" is not a duration`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := diagnoseText(t, tc.in)
			if d.Kind != tc.kind || d.Limit != tc.limit {
				t.Errorf("%s/%q, want %s/%q: %s", d.Kind, d.Limit, tc.kind, tc.limit, d.Verdict)
			}
			if tc.resume != "" && (d.ResumeAt == nil || !d.ResumeAt.Equal(mustTime(tc.resume))) {
				t.Errorf("resume_at %v, want %s", d.ResumeAt, tc.resume)
			}
			for name, want := range tc.resetIn {
				if b := bucketNamed(d.Buckets, name); b == nil || b.ResetInS == nil || *b.ResetInS != want || b.Provider != "openai" {
					t.Errorf("bucket %s = %+v, want reset_in_s %d", name, b, want)
				}
			}
			containsAll(t, "notes", d.Notes, tc.notes)
		})
	}
}

func geminiBody(quotaID, retry string) string {
	return `{"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED","details":[` +
		`{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"m","quotaId":"` + quotaID + `","quotaDimensions":{"model":"gemini-2.5-flash"},"quotaValue":"250000"}]},` +
		`{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"` + retry + `"}]}}`
}

func TestGemini(t *testing.T) {
	tests := []struct {
		id    string
		limit Limit
	}{
		{"GenerateContentInputTokensPerModelPerMinute-FreeTier", LimitITPM},
		{"GenerateRequestsPerMinutePerProjectPerModel-FreeTier", LimitRPM},
		{"GenerateRequestsPerDayPerProjectPerModel-FreeTier", LimitDailyRequests},
		{"GenerateContentInputTokensPerModelPerDay", LimitDailyTokens},
		{"SomethingElse", LimitUnknown},
	}
	for _, tc := range tests {
		d := diagnoseText(t, geminiBody(tc.id, "26s"))
		if d.Kind != KindRateLimit || d.Limit != tc.limit || d.Provider != "gemini" || len(d.Quotas) != 1 || *d.Quotas[0].Limit != 250000 {
			t.Errorf("%s: %s/%q from %q, quotas %+v", tc.id, d.Kind, d.Limit, d.Provider, d.Quotas)
		}
		// A per-minute quota waits the retry delay: 15:12:04 + 26 s.
		if tc.limit == LimitITPM && (d.ResumeAt == nil || !d.ResumeAt.Equal(mustTime("2026-11-17T15:12:30Z")) || d.ResumeFrom != fromRetryDelay) {
			t.Errorf("%s: resume %v from %q", tc.id, d.ResumeAt, d.ResumeFrom)
		}
	}
	// Without a time zone database the Pacific midnight cannot be worked
	// out: no resume time, and a note that says why.
	resp := geminiBody("GenerateRequestsPerDayPerProjectPerModel-FreeTier", "26s")
	d := Diagnose(mustParse(t, resp), Options{Now: fixtureNow})
	if d.ResumeAt != nil {
		t.Errorf("resume %v without a zone database", d.ResumeAt)
	}
	containsAll(t, "notes", d.Notes, []string{"midnight Pacific time"})
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}
