package fakeapi

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

const testKey = "sk-ant-api03-LEAKCHECK-fake"

// post sends a messages-style request and returns the response and its body.
func post(t *testing.T, s *Server, path, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("x-api-key", testKey)
	req.Header.Set("authorization", "Bearer "+testKey)
	req.Header.Set("anthropic-version", "2023-06-01")
	req.Header.Set("content-type", "application/json")
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// sseEvent is one parsed server-sent event.
type sseEvent struct {
	name string
	data map[string]any
}

func parseSSE(t *testing.T, body string) []sseEvent {
	t.Helper()
	var out []sseEvent
	var cur sseEvent
	sc := bufio.NewScanner(strings.NewReader(body))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			cur.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &cur.data); err != nil {
				t.Fatalf("event %s: bad data %q: %v", cur.name, line, err)
			}
		case line == "":
			if cur.data["type"] != cur.name {
				t.Fatalf("event %q carries type %v", cur.name, cur.data["type"])
			}
			out = append(out, cur)
			cur = sseEvent{}
		}
	}
	return out
}

const streamBody = `{"model":"claude-sonnet-4-5-20250929","max_tokens":32000,"stream":true,
 "system":[{"type":"text","text":"You are Claude Code."},{"type":"text","text":"Be brief."}],
 "messages":[{"role":"user","content":"say hello"}],
 "tools":[{"name":"Bash","input_schema":{}},{"name":"Read","input_schema":{}}],
 "thinking":{"type":"enabled","budget_tokens":31999}}`

func TestStreamedReply(t *testing.T) {
	s := StartTest(t, Options{Script: []Reply{{Text: "Hi there you", Usage: Usage{InputTokens: 7, CacheReadInputTokens: 900, OutputTokens: 3}}}})
	resp, body := post(t, s, "/v1/messages?beta=true", streamBody)
	if resp.StatusCode != 200 || resp.Header.Get("content-type") != "text/event-stream" {
		t.Fatalf("status %d, content-type %q", resp.StatusCode, resp.Header.Get("content-type"))
	}
	evs := parseSSE(t, body)
	var names []string
	var text strings.Builder
	for _, e := range evs {
		names = append(names, e.name)
		if e.name == "content_block_delta" {
			text.WriteString(e.data["delta"].(map[string]any)["text"].(string))
		}
	}
	want := "message_start content_block_start ping content_block_delta content_block_delta content_block_delta content_block_stop message_delta message_stop"
	if strings.Join(names, " ") != want {
		t.Fatalf("events %v, want %s", names, want)
	}
	if text.String() != "Hi there you" {
		t.Errorf("text %q", text.String())
	}
	m := evs[0].data["message"].(map[string]any)
	u := m["usage"].(map[string]any)
	if m["id"] != "msg_fake_0001" || m["model"] != "claude-sonnet-4-5-20250929" || u["input_tokens"] != 7.0 ||
		u["cache_read_input_tokens"] != 900.0 || u["output_tokens"] != 1.0 {
		t.Errorf("message_start %v", m)
	}
	d := evs[7].data
	if d["usage"].(map[string]any)["output_tokens"] != 3.0 || d["delta"].(map[string]any)["stop_reason"] != "end_turn" {
		t.Errorf("message_delta %v", d)
	}
	rec := s.Requests()[0]
	b := rec.Body
	if rec.RawQuery != "beta=true" || rec.Path != "/v1/messages" || rec.Message != 1 || rec.Status != 200 ||
		b.Model != "claude-sonnet-4-5-20250929" || b.MaxTokens != 32000 || !b.Stream || b.SystemBytes != 29 ||
		b.SystemBlocks != 2 || b.Messages != 1 || strings.Join(b.Tools, ",") != "Bash,Read" ||
		b.ThinkingType != "enabled" || b.ThinkingBudget != 31999 || b.Bytes != len(streamBody) {
		t.Errorf("record %+v", rec)
	}
	if got := strings.Join(b.Fields, ","); got != "max_tokens,messages,model,stream,system,thinking,tools" {
		t.Errorf("fields %s", got)
	}
	if rec.Header.Get("x-api-key") != Redacted || rec.Header.Get("authorization") != Redacted ||
		rec.Header.Get("anthropic-version") != "2023-06-01" {
		t.Errorf("headers %v", rec.Header)
	}
}

func TestJSONReply(t *testing.T) {
	s := StartTest(t, Options{})
	resp, body := post(t, s, "/v1/messages", `{"model":"claude-haiku-4-5","max_tokens":10,"messages":[]}`)
	want := `{"id":"msg_fake_0001","type":"message","role":"assistant","model":"claude-haiku-4-5",` +
		`"content":[{"type":"text","text":"Hello from the fake API."}],"stop_reason":"end_turn","stop_sequence":null,` +
		`"usage":{"input_tokens":12,"cache_creation_input_tokens":40,"cache_read_input_tokens":300,"output_tokens":6}}`
	if resp.StatusCode != 200 || body != want || resp.Header.Get("request-id") != "req_fake_0001" {
		t.Fatalf("got %d %s\nwant %s", resp.StatusCode, body, want)
	}
}

// The script answers by messages request number; other paths do not count.
func TestScriptedErrors(t *testing.T) {
	reset := time.Date(2026, 4, 14, 10, 0, 0, 0, time.UTC)
	s := StartTest(t, Options{Script: []Reply{
		RateLimited("2").WithRateLimitHeaders(Buckets{RequestsLimit: 50, RequestsRemaining: 0, InputLimit: 30000,
			InputRemaining: 1000, OutputLimit: 8000, OutputRemaining: 8000, Reset: reset}),
		RateLimited("").WithHeader("x-should-retry", "false"),
		Overloaded(),
		ServerError(),
		SpendCapReached(),
		{Status: 400, ErrorMessage: "max_tokens: too large"},
	}})
	type want struct {
		status  int
		headers map[string]string
		body    string
	}
	wants := []want{
		{429, map[string]string{"retry-after": "2", "anthropic-ratelimit-requests-remaining": "0",
			"anthropic-ratelimit-input-tokens-remaining": "1000", "anthropic-ratelimit-tokens-limit": "38000",
			"anthropic-ratelimit-output-tokens-reset": "2026-04-14T10:00:00Z"},
			`{"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization. Please reduce the prompt length or the maximum tokens requested, or try again later."},"request_id":"req_fake_0001"}`},
		{429, map[string]string{"retry-after": "", "x-should-retry": "false"}, ""},
		{529, nil, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_fake_0004"}`},
		{500, nil, `{"type":"error","error":{"type":"api_error","message":"Internal server error"},"request_id":"req_fake_0005"}`},
		{429, map[string]string{"retry-after": ""},
			`{"type":"error","error":{"type":"rate_limit_error","message":"Your organization has reached its monthly spend limit for this usage tier.","details":{"error_code":"enforced_spend_limit_reached"}},"request_id":"req_fake_0006"}`},
		{400, nil, `{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: too large"},"request_id":"req_fake_0007"}`},
		{200, nil, ""},
	}
	for i, w := range wants {
		if i == 2 { // a count_tokens call in between takes no script entry
			if resp, _ := post(t, s, "/v1/messages/count_tokens", `{"model":"m"}`); resp.StatusCode != 200 {
				t.Fatalf("count_tokens: %d", resp.StatusCode)
			}
		}
		resp, body := post(t, s, "/v1/messages", `{"model":"m","max_tokens":1,"messages":[]}`)
		if resp.StatusCode != w.status || (w.body != "" && body != w.body) {
			t.Errorf("message %d: got %d %s\nwant %d %s", i+1, resp.StatusCode, body, w.status, w.body)
		}
		for k, v := range w.headers {
			if got := resp.Header.Get(k); got != v {
				t.Errorf("message %d: header %s = %q, want %q", i+1, k, got, v)
			}
		}
	}
	msgs := s.Messages()
	if len(msgs) != 7 || msgs[2].Message != 3 || msgs[2].N != 4 || msgs[4].Status != 429 || msgs[6].Status != 200 {
		t.Fatalf("messages %+v", msgs)
	}
}

// Respond chooses by request content, here the model, and sees the number.
func TestRespondHook(t *testing.T) {
	var seen []int
	s := StartTest(t, Options{Script: []Reply{ServerError()}, Respond: func(r Request) Reply {
		seen = append(seen, r.Message)
		if r.Body.Model == "busy" {
			return Overloaded()
		}
		return OK()
	}})
	a, _ := post(t, s, "/v1/messages", `{"model":"busy"}`)
	b, _ := post(t, s, "/v1/messages", `{"model":"idle"}`)
	if a.StatusCode != 529 || b.StatusCode != 200 || len(seen) != 2 || seen[1] != 2 {
		t.Fatalf("got %d %d, seen %v", a.StatusCode, b.StatusCode, seen)
	}
}

func TestOtherEndpoints(t *testing.T) {
	s := StartTest(t, Options{Models: []string{"a", "b"}})
	resp, body := post(t, s, "/v1/messages/count_tokens", `{"model":"claude-x","messages":[{"role":"user","content":"hi"}]}`)
	// 63 bytes → ⌈63/4⌉ = 16 tokens
	if resp.StatusCode != 200 || body != `{"input_tokens":16}` {
		t.Errorf("count_tokens: %d %s", resp.StatusCode, body)
	}
	if resp, body = post(t, s, "/v1/messages/count_tokens", `[`); resp.StatusCode != 400 ||
		!strings.Contains(body, `"type":"invalid_request_error","message":"fake API: body is not a JSON object`) {
		t.Errorf("bad count_tokens: %d %s", resp.StatusCode, body)
	}
	r, err := s.Client().Get(s.URL + "/v1/models")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if !strings.Contains(string(b), `"id":"a"`) || !strings.Contains(string(b), `"last_id":"b"`) {
		t.Errorf("models: %s", b)
	}
	resp, body = post(t, s, "/v1/complete", `{}`)
	if resp.StatusCode != 404 || body != `{"type":"error","error":{"type":"not_found_error","message":"Not found"},"request_id":"req_fake_0004"}` {
		t.Errorf("unknown path: %d %s", resp.StatusCode, body)
	}
	if n := len(s.Requests()); n != 4 || len(s.Messages()) != 0 {
		t.Errorf("%d requests recorded", n)
	}
}

func TestBadMessageBody(t *testing.T) {
	s := StartTest(t, Options{})
	resp, body := post(t, s, "/v1/messages", `{"model":`)
	if resp.StatusCode != 400 || !strings.Contains(body, `"type":"invalid_request_error","message":"fake API: body is not a JSON object`) {
		t.Fatalf("got %d %s", resp.StatusCode, body)
	}
	if rec := s.Requests()[0]; rec.BodyError == "" || rec.Status != 400 {
		t.Fatalf("record %+v", rec)
	}
}

func TestListensOnLoopbackOnly(t *testing.T) {
	s := StartTest(t, Options{})
	u, err := url.Parse(s.URL)
	if err != nil || u.Hostname() != "127.0.0.1" {
		t.Fatalf("URL %s", s.URL)
	}
}
