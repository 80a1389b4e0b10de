package paste

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pasteDir holds one fixture per paste form, shared with package diagnose's
// tests and the README's examples.
const pasteDir = "../testdata/pastes"

// TestFixtureForms: each fixture reads as the form it imitates, with the
// status, the headers and the body where the paste shows them.
func TestFixtureForms(t *testing.T) {
	tests := []struct {
		file    string
		form    Form
		status  int
		header  string // a header that must be read, "" for none
		body    string // a substring of the body
		message string // a substring of the client's message
	}{
		{"http-rate-limit-itpm.txt", FormHTTP, 429, "anthropic-ratelimit-input-tokens-remaining", "rate_limit_error", ""},
		{"http-overloaded.txt", FormHTTP, 529, "retry-after", "overloaded_error", ""},
		{"http-truncated.txt", FormHTTP, 429, "retry-after", "", ""},
		{"curl-verbose-spend-limit.txt", FormCurlVerbose, 429, "retry-after", "specified API usage limits", ""},
		{"header-lines-weekly.txt", FormHeaderLines, 0, "anthropic-ratelimit-unified-7d-status", "", ""},
		{"header-equals-rpm.txt", FormHeaderEquals, 429, "anthropic-ratelimit-requests-remaining", "", ""},
		{"json-headers-otpm.txt", FormJSONHeaders, 429, "anthropic-ratelimit-output-tokens-remaining", "", ""},
		{"json-headers-weekly-model.txt", FormJSONHeaders, 429, "anthropic-ratelimit-unified-7d_oi-status", "your account's rate limit", ""},
		{"json-body-too-large.txt", FormJSONBody, 0, "", "prompt is too long", ""},
		{"json-body-gemini-daily.txt", FormJSONBody, 429, "", "RESOURCE_EXHAUSTED", ""},
		{"json-body-openai-quota.txt", FormJSONBody, 0, "", "insufficient_quota", ""},
		{"json-error-daily-tokens.txt", FormJSONError, 0, "", "tokens per day", ""},
		{"har-tokens.txt", FormHAR, 429, "anthropic-ratelimit-tokens-remaining", "per-minute rate limit", ""},
		{"error-line-invalid.txt", FormErrorLine, 400, "", "invalid_request_error", ""},
		{"log-line-other.txt", FormErrorLine, 500, "", "api_error", ""},
		{"status-json-concurrency.txt", FormErrorLine, 429, "", "concurrent connections", ""},
		{"claude-code-api-error-wrapped.txt", FormClaudeCode, 429, "", "8,000 output tokens per minute", ""},
		{"claude-code-rejected.txt", FormClaudeCode, 429, "", "", "rate limit of 10,000 input tokens per minute"},
		{"claude-code-limit-line.txt", FormClaudeCode, 0, "", "", "You've hit your limit · resets 6pm (Europe/Berlin)"},
		{"claude-code-5h-line.txt", FormClaudeCode, 0, "", "", "5-hour limit reached ∙ resets 2am"},
		{"claude-code-out-of-extra-usage.txt", FormClaudeCode, 0, "", "", "out of extra usage"},
		{"claude-code-server-throttle.txt", FormClaudeCode, 0, "", "", "(not your usage limit) · Rate limited"},
		{"python-sdk-rpm.txt", FormPythonSDK, 429, "anthropic-ratelimit-requests-remaining", "50 requests per minute", ""},
		{"node-sdk-otpm.txt", FormNodeSDK, 429, "anthropic-ratelimit-output-tokens-remaining", "8,000 output tokens", ""},
		{"go-response-itpm.txt", FormGoResponse, 429, "anthropic-ratelimit-input-tokens-remaining", "450,000 input tokens", ""},
		{"json-string-credits.txt", FormJSONString, 400, "", "credit balance is too low", ""},
		{"json-string-errors-extra-usage.txt", FormJSONString, 429, "", "Extra usage is required", ""},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			r := parseFixture(t, tc.file)
			if r.Form != tc.form || r.Status != tc.status {
				t.Errorf("form %s status %d, want %s %d", r.Form, r.Status, tc.form, tc.status)
			}
			if tc.header != "" {
				if _, ok := r.Header.Get(tc.header); !ok {
					t.Errorf("header %s not read; have %v", tc.header, r.Header.Names())
				}
			}
			if !strings.Contains(string(r.Body), tc.body) {
				t.Errorf("body %q lacks %q", r.Body, tc.body)
			}
			if !strings.Contains(r.Message, tc.message) {
				t.Errorf("message %q lacks %q", r.Message, tc.message)
			}
		})
	}
}

func parseFixture(t *testing.T, name string) Response {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(pasteDir, name))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

// TestEveryFixtureIsListed keeps the table above complete: a new fixture
// must say which form it is.
func TestEveryFixtureIsListed(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(pasteDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		if !strings.HasPrefix(string(data), "# Form: ") || !strings.Contains(string(data), "# Imitates: ") {
			t.Errorf("%s: a fixture starts with \"# Form:\" and \"# Imitates:\" comment lines naming the public form", f)
		}
	}
}

// TestNeverABodyAsHeaders: the error bodies of every vendor, on their own,
// are read as bodies, never as a JSON object of headers.
func TestNeverABodyAsHeaders(t *testing.T) {
	for _, in := range []string{
		`{"type":"error","error":{"type":"rate_limit_error","message":"x"},"request_id":"req_1"}`,
		`{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}`,
		`{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED"}}`,
		`{"error":"upstream rate limited"}`,
		`{"status":429,"title":"Too Many Requests"}`,
	} {
		r, err := Parse([]byte(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if r.Form != FormJSONBody || len(r.Header) != 0 || string(r.Body) != in {
			t.Errorf("%s: form %s, headers %v, body %q", in, r.Form, r.Header, r.Body)
		}
	}
}

// TestErrorLineIsNoHeader: "Error: 429 {…}" was once read as a header
// named Error with the body as its value.
func TestErrorLineIsNoHeader(t *testing.T) {
	r, err := Parse([]byte(`Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"m"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != 429 || r.Form != FormErrorLine || len(r.Header) != 0 || !strings.Contains(string(r.Body), "rate_limit_error") {
		t.Fatalf("read as %s status %d headers %v body %q", r.Form, r.Status, r.Header, r.Body)
	}
}

func TestTextForms(t *testing.T) {
	tests := []struct {
		name, in string
		form     Form
		status   int
		header   string
		body     string
		message  string
	}{
		{name: "old Claude Code retry line", in: `API Error (429 {"type":"error","error":{"type":"rate_limit_error","message":"m"}}) · Retrying in 2892 seconds… (attempt 1/10)`,
			form: FormClaudeCode, status: 429, body: "rate_limit_error"},
		{name: "Claude Code without a body", in: "  ⎿  API Error: Rate limit reached\n", form: FormClaudeCode, message: "Rate limit reached"},
		{name: "Claude Code 529 words", in: "API Error: 529 Overloaded", form: FormClaudeCode, status: 529, message: "Overloaded"},
		{name: "escaped separator", in: `API Error: Request rejected (429) \u00b7 Rate limited`, form: FormClaudeCode, status: 429, message: "Rate limited"},
		{name: "escaped body in a log", in: `{"level":"error","msg":"Error: 429 {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"m\"}}"`,
			form: FormErrorLine, status: 429, body: `"rate_limit_error"`},
		{name: "usage limit with a Unix time", in: "Claude AI usage limit reached|1753077600", form: FormClaudeCode, message: "|1753077600"},
		{name: "Gemini CLI words and nested JSON", in: "✕ [API Error: got status: 429 Too Many Requests. {\"error\":{\"message\":\"quota\",\"code\":429,\"status\":\"Too Many Requests\"}}]",
			form: FormClaudeCode, status: 429, body: "quota"},
		{name: "error line then header lines", in: "Error: 429 {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"m\"}}\nretry-after: 7\nanthropic-ratelimit-requests-remaining: 0\n",
			form: FormErrorLine, status: 429, header: "retry-after", body: "rate_limit_error"},
		{name: "Python body cut short", in: "anthropic.RateLimitError: Error code: 429 - {'type': 'error', 'error': {'type': 'rate_limit_error', 'message': 'This req",
			form: FormPythonSDK, status: 429, body: "rate_limit_error"},
		{name: "Python requests headers dict", in: "HTTPError: 429 Client Error\n{'Date': 'Tue, 14 Apr 2026 10:00:00 GMT', 'Retry-After': '5'}\n",
			form: FormPythonSDK, header: "retry-after"},
		{name: "curl -v with a 100 Continue", in: "* Connected\n> POST /v1/messages HTTP/1.1\n> x-api-key: secret\n>\n< HTTP/1.1 100 Continue\n<\n< HTTP/1.1 429 Too Many Requests\n< retry-after: 3\n<\n{\"type\":\"error\"}\n* Connection left intact\n",
			form: FormCurlVerbose, status: 429, header: "retry-after", body: `{"type":"error"}`},
		{name: "Markdown fence and comments", in: "```json\n{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n```\n",
			form: FormJSONBody, body: "overloaded_error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse([]byte(tc.in))
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if r.Form != tc.form || r.Status != tc.status {
				t.Errorf("form %s status %d, want %s %d", r.Form, r.Status, tc.form, tc.status)
			}
			if tc.header != "" {
				if _, ok := r.Header.Get(tc.header); !ok {
					t.Errorf("header %s not read: %v", tc.header, r.Header)
				}
			}
			if !strings.Contains(string(r.Body), tc.body) || !strings.Contains(r.Message, tc.message) {
				t.Errorf("body %q message %q, want %q and %q", r.Body, r.Message, tc.body, tc.message)
			}
			if _, ok := r.Header.Get("x-api-key"); ok {
				t.Errorf("a request header was read")
			}
		})
	}
}
