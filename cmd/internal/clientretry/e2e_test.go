package clientretry

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
	"github.com/tierplan/tierplan/planner/simulate"
)

// sdkClient is the TypeScript SDK under TIERPLAN_SDK_DIR, or a skip.
func sdkClient(t *testing.T) Client {
	t.Helper()
	dir := os.Getenv("TIERPLAN_SDK_DIR")
	if dir == "" {
		t.Skip("TIERPLAN_SDK_DIR is not set (a directory where `npm install @anthropic-ai/sdk` ran)")
	}
	c, err := SDK(dir, "testdata/sdk_call.cjs")
	if err != nil {
		t.Skipf("the TypeScript SDK is not usable: %v", err)
	}
	return c
}

// sdkAnswer is what testdata/sdk_call.cjs prints.
type sdkAnswer struct {
	OK    bool   `json:"ok"`
	ID    string `json:"id"`
	Model string `json:"model"`
	Text  string `json:"text"`
	Usage struct {
		InputTokens              int `json:"input_tokens"`
		OutputTokens             int `json:"output_tokens"`
		CacheCreationInputTokens int `json:"cache_creation_input_tokens"`
		CacheReadInputTokens     int `json:"cache_read_input_tokens"`
	} `json:"usage"`
	Status    int    `json:"status"`
	ErrorType string `json:"error_type"`
}

// The official SDK talks to the fake API as to the real one: a 429, then
// the answer, streamed and not; its usage arrives intact; its retry waits
// as the sdk policy says.
func TestSDKEndToEnd(t *testing.T) {
	c := sdkClient(t)
	usage := fakeapi.Usage{InputTokens: 21, CacheCreationInputTokens: 340, CacheReadInputTokens: 5000, OutputTokens: 9}
	cases := []struct {
		name   string
		stream bool
		first  fakeapi.Reply
		// the policy's window for the one retry, from its schedule
		answer simulate.Answer
	}{
		{"json-retry-after-1", false, fakeapi.RateLimited("1"), simulate.RateLimited(time.Second)},
		{"stream-no-retry-after", true, fakeapi.RateLimited(""), simulate.RateLimited(0)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := fakeapi.StartTest(t, fakeapi.Options{Script: []fakeapi.Reply{tc.first,
				{Text: "Hello from the fake API, streamed.", Usage: usage}}})
			env := []string{"SDK_STREAM=0"}
			if tc.stream {
				env = []string{"SDK_STREAM=1"}
			}
			call, err := c.Call(context.Background(), srv.URL, env, nil, time.Minute)
			if err != nil || call.ExitCode != 0 {
				t.Fatalf("exit %d, %v: %s", call.ExitCode, err, clip(call.Output))
			}
			var got sdkAnswer
			if err := json.Unmarshal([]byte(strings.TrimSpace(call.Output)), &got); err != nil {
				t.Fatalf("output %q: %v", clip(call.Output), err)
			}
			if !got.OK || got.ID != "msg_fake_0002" || got.Text != "Hello from the fake API, streamed." ||
				got.Usage.InputTokens != 21 || got.Usage.OutputTokens != 9 ||
				got.Usage.CacheCreationInputTokens != 340 || got.Usage.CacheReadInputTokens != 5000 {
				t.Errorf("the SDK returned %+v", got)
			}
			msgs := srv.Messages()
			if len(msgs) != 2 || msgs[0].Status != 429 || msgs[1].Status != 200 {
				t.Fatalf("requests %+v", msgs)
			}
			for i, m := range msgs {
				// SDK 1.x sends the key as a bearer token (0.x used x-api-key)
				key := m.Header.Get("authorization") + m.Header.Get("x-api-key")
				if m.Body.Stream != tc.stream || m.Body.MaxTokens != 1024 || key != fakeapi.Redacted ||
					m.Header.Get("x-stainless-retry-count") != []string{"0", "1"}[i] {
					t.Errorf("request %d: stream %v, max_tokens %d, credential %q, retry count %q", i+1, m.Body.Stream,
						m.Body.MaxTokens, key, m.Header.Get("x-stainless-retry-count"))
				}
			}
			p, _ := simulate.PolicyNamed("sdk")
			w := p.Schedule(tc.answer).Retries[0]
			wait := msgs[1].At.Sub(msgs[0].Done)
			if wait < w.Min-simulate.MeasuredEarlySlack || wait > w.Max+simulate.MeasuredLateSlack {
				t.Errorf("waited %s before the retry; the sdk policy says %s–%s", wait, w.Min, w.Max)
			}
		})
	}
}

// When the SDK gives up, it says so: a spend-cap 429, retried twice, ends
// in a rate_limit_error.
func TestSDKGivesUp(t *testing.T) {
	c := sdkClient(t)
	srv := fakeapi.StartTest(t, fakeapi.Options{Then: fakeapi.SpendCapReached().WithHeader("retry-after-ms", "20")})
	call, err := c.Call(context.Background(), srv.URL, nil, nil, time.Minute)
	if err != nil || call.ExitCode != 1 {
		t.Fatalf("exit %d, %v: %s", call.ExitCode, err, clip(call.Output))
	}
	var got sdkAnswer
	if err := json.Unmarshal([]byte(strings.TrimSpace(call.Output)), &got); err != nil {
		t.Fatalf("output %q: %v", clip(call.Output), err)
	}
	if got.OK || got.Status != 429 || got.ErrorType != "rate_limit_error" || len(srv.Messages()) != 3 {
		t.Errorf("got %+v after %d requests", got, len(srv.Messages()))
	}
	if strings.Contains(call.Output, TestAPIKey) {
		t.Error("the SDK printed the API key")
	}
}

// Claude Code in headless mode against the fake: a 429 with retry-after 1,
// then the answer, which it prints; the wait is the claude-code policy's.
func TestClaudeCodeEndToEnd(t *testing.T) {
	c := claudeClient(t)
	srv := fakeapi.StartTest(t, fakeapi.Options{Script: []fakeapi.Reply{fakeapi.RateLimited("1"), {Text: "Hello from the fake API."}}})
	call, err := c.Call(context.Background(), srv.URL, nil, nil, 2*time.Minute)
	if err != nil || call.ExitCode != 0 {
		t.Fatalf("exit %d, %v: %s", call.ExitCode, err, clip(call.Output))
	}
	if strings.TrimSpace(call.Output) != "Hello from the fake API." {
		t.Errorf("claude -p printed %q", clip(call.Output))
	}
	msgs := srv.Messages()
	if len(msgs) != 2 || msgs[0].Status != 429 || msgs[1].Status != 200 {
		t.Fatalf("requests %+v", msgs)
	}
	m := msgs[0]
	if m.RawQuery != "beta=true" || !m.Body.Stream || m.Body.MaxTokens == 0 || len(m.Body.Tools) == 0 ||
		m.Header.Get("x-api-key") != fakeapi.Redacted || !strings.HasPrefix(m.Header.Get("user-agent"), "claude-cli/"+c.Version) {
		t.Errorf("request: query %q, stream %v, max_tokens %d, %d tools, key %q, user-agent %q", m.RawQuery, m.Body.Stream,
			m.Body.MaxTokens, len(m.Body.Tools), m.Header.Get("x-api-key"), m.Header.Get("user-agent"))
	}
	p, _ := simulate.PolicyNamed("claude-code")
	w := p.Schedule(simulate.RateLimited(time.Second)).Retries[0]
	if wait := msgs[1].At.Sub(m.Done); wait < w.Min-simulate.MeasuredEarlySlack || wait > w.Max+simulate.MeasuredLateSlack {
		t.Errorf("waited %s before the retry; the claude-code policy says %s–%s", wait, w.Min, w.Max)
	}
}
