package diagnose

import (
	"encoding/json"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestRetryAfterIsSecondsOrADate: RFC 9110 delay-seconds (with a decimal
// fraction, rounded up) or an HTTP date; nothing ParseFloat would also take.
func TestRetryAfterIsSecondsOrADate(t *testing.T) {
	tests := []struct {
		value string
		want  int64 // -1: refused
	}{
		{"27", 27}, {"0", 0}, {" 5 ", 5}, {"2.1", 3}, {"0.5", 1},
		{"Tue, 14 Apr 2026 10:01:30 GMT", 90}, // 10:01:30 − 10:00:00
		{"Tue, 14 Apr 2026 09:59:00 GMT", 0},  // in the past: no wait
		{"1e3", -1}, {"0x1p4", -1}, {"0x10", -1}, {"+5", -1}, {"-1", -1}, {"Inf", -1}, {"NaN", -1},
		{"1_000", -1}, {"5s", -1}, {"five", -1}, {"", -1}, {".5", -1}, {"5.", -1},
		{"99999999999", -1}, // more than 31 years: a broken header
	}
	for _, tc := range tests {
		d := diagnoseText(t, "HTTP/2 429\n"+date+"retry-after: "+tc.value+"\n\n")
		switch {
		case tc.want < 0 && d.RetryAfterS != nil:
			t.Errorf("retry-after %q read as %d s, want it refused", tc.value, *d.RetryAfterS)
		case tc.want < 0 && !strings.Contains(strings.Join(d.Notes, "\n"), "retry-after"):
			t.Errorf("retry-after %q refused without a note: %q", tc.value, d.Notes)
		case tc.want >= 0 && (d.RetryAfterS == nil || *d.RetryAfterS != tc.want):
			t.Errorf("retry-after %q = %v, want %d", tc.value, deref(d.RetryAfterS), tc.want)
		}
	}
}

// TestDatesOutsideYears1To9999: a date past 9999 or before year 1, in any
// header or worked out from one, is refused as bad input with a note, and
// JSON and YAML still write the report.
func TestDatesOutsideYears1To9999(t *testing.T) {
	tests := []struct {
		name, in, note string
	}{
		{"date header in year 0", "HTTP/2 429\ndate: Sat, 01 Jan 0000 00:00:00 GMT\n\n", "outside years 1-9999"},
		{"the spend cap would reset in year 10000", "HTTP/2 429\ndate: Fri, 31 Dec 9999 23:59:59 GMT\n\n" + spendCapBody, "resets after year 9999"},
		{"a bucket reset before year 1", "HTTP/2 429\n" + date + "anthropic-ratelimit-requests-remaining: 0\nanthropic-ratelimit-requests-reset: 0000-12-31T23:59:59Z\n\n", "outside years 1-9999"},
		{"a unified reset past 9999", "HTTP/2 429\n" + date + unified("status", "rejected", "5h-status", "rejected", "5h-reset", "253402300800") + "\n", "not a Unix time in years 1-9999"},
		{"retry-after as a date in year 0", "HTTP/2 429\n" + date + "retry-after: Sat, 01 Jan 0000 00:00:00 GMT\n\n", "neither seconds nor an HTTP date"},
		{"retry-after far past the date 9999", "HTTP/2 429\ndate: Fri, 31 Dec 9999 23:59:00 GMT\nretry-after: 999999999\n\n", ""},
		{"a Unix time in a line past 9999", "Claude AI usage limit reached|99999999999", ""},
		{"a regain date in year 0", `HTTP/2 400` + "\n" + date + "\n" + `{"type":"error","error":{"type":"invalid_request_error","message":"You have reached your specified API usage limits. You will regain access on 0000-01-01 at 00:00 UTC."}}`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := diagnoseText(t, tc.in)
			if _, err := json.Marshal(d); err != nil {
				t.Fatalf("JSON: %v", err)
			}
			if _, err := yaml.Marshal(d); err != nil {
				t.Fatalf("YAML: %v", err)
			}
			if d.ResumeAt != nil && !inRange(*d.ResumeAt) {
				t.Errorf("resume_at %v outside years 1-9999", d.ResumeAt)
			}
			if !inRange(d.ReferenceTime) {
				t.Errorf("reference time %v outside years 1-9999", d.ReferenceTime)
			}
			if tc.note != "" {
				containsAll(t, "notes", d.Notes, []string{tc.note})
			}
		})
	}
}

// TestOutsideTextIsEscapedEverywhere puts terminal escapes, C1 controls and
// bidi overrides in every field the response supplies, in every form that
// carries it; no string of the diagnosis may hold one raw.
func TestOutsideTextIsEscapedEverywhere(t *testing.T) {
	const evil = "\x1b]0;pwned\x07\x1b[2J\u009b31m\u202eX"
	esc := strings.NewReplacer(`"`, `\"`, "\\", `\\`).Replace
	jsonEvil := strings.NewReplacer("\x1b", `\u001b`, "\x07", `\u0007`).Replace(esc(evil))
	inputs := map[string]string{
		"error type, message, code and request id": "HTTP/2 429\n" + date + "\n" + `{"type":"error","error":{"type":"rate_` + jsonEvil + `_error","message":"m` + jsonEvil +
			`","details":{"error_code":"c` + jsonEvil + `"}},"request_id":"req_` + jsonEvil + `"}`,
		"header values quoted in notes": "HTTP/2 429\ndate: " + evil + "\nretry-after: " + evil + "\nanthropic-ratelimit-requests-remaining: " + evil +
			"\nanthropic-ratelimit-requests-reset: " + evil + "\nrequest-id: " + evil + "\n\n",
		"unified status, claim and reasons": "HTTP/2 429\n" + date + unified("status", evil, "representative-claim", evil, "5h-status", evil,
			"5h-utilization", evil, "overage-status", evil, "overage-disabled-reason", evil, "fallback", evil) + "\n",
		"OpenAI reset":            "HTTP/1.1 429 x\n" + date + "x-ratelimit-remaining-tokens: 0\nx-ratelimit-reset-tokens: " + evil + "\n\n",
		"Claude Code message":     "API Error: Request rejected (429) · " + evil + "\n",
		"limit line zone":         "You've hit your limit · resets 6pm (Europe/" + evil + ")\n",
		"Gemini quota":            `{"error":{"code":429,"message":"q` + jsonEvil + `","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"Per` + jsonEvil + `Day","quotaMetric":"` + jsonEvil + `","quotaDimensions":{"model":"` + jsonEvil + `"}}]}]}}`,
		"HAR URL":                 `{"log":{"entries":[{"request":{"method":"POST","url":"https://h/` + jsonEvil + `"},"response":{"status":429,"headers":[]}}]}}`,
		"a garbage header line":   "HTTP/2 429\n" + evil + "\n\n",
		"a repeated header":       "HTTP/2 429\nretry-after: 1\nretry-after: " + evil + "\n\n",
		"a status that is none":   ":status: " + evil + "\nretry-after: 1\n",
		"a JSON key":              `{"status": 429, "bad` + jsonEvil + `": "1", "retry-after": "1"}`,
		"an error in a JSON list": `[{"error":"Error: 429 {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"` + jsonEvil + `\"}}"}]`,
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			resp := mustParse(t, in)
			d := Diagnose(resp, Options{Now: at, Table: testTable()})
			checkContract(t, d)
		})
	}
}
