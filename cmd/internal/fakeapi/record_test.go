package fakeapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestParseBodyShapes(t *testing.T) {
	cases := []struct {
		body                         string
		systemBytes, blocks, tools   int
		thinking                     string
		budget, maxTokens, toolBytes int
	}{
		{``, 0, 0, 0, "", 0, 0, 0},
		{`{}`, 0, 0, 0, "", 0, 0, 0},
		{`{"system":"héllo"}`, 6, 1, 0, "", 0, 0, 0}, // é is two bytes
		{`{"system":null}`, 0, 0, 0, "", 0, 0, 0},
		{`{"system":[{"type":"text","text":"ab"},{"type":"text","text":"cde","cache_control":{"type":"ephemeral"}}]}`, 5, 2, 0, "", 0, 0, 0},
		{`{"tools":[{"name":"Bash"}],"max_tokens":64000}`, 0, 0, 1, "", 0, 64000, 17},
		{`{"thinking":{"type":"adaptive"}}`, 0, 0, 0, "adaptive", 0, 0, 0},
		{`{"thinking":{"type":"enabled","budget_tokens":1024}}`, 0, 0, 0, "enabled", 1024, 0, 0},
	}
	for _, tc := range cases {
		b, err := parseBody([]byte(tc.body))
		if err != nil {
			t.Errorf("%s: %v", tc.body, err)
			continue
		}
		if b.SystemBytes != tc.systemBytes || b.SystemBlocks != tc.blocks || len(b.Tools) != tc.tools ||
			b.ThinkingType != tc.thinking || b.ThinkingBudget != tc.budget || b.MaxTokens != tc.maxTokens ||
			b.ToolBytes != tc.toolBytes || b.Bytes != len(tc.body) {
			t.Errorf("%s: got %+v", tc.body, b)
		}
	}
}

func TestParseBodyRejects(t *testing.T) {
	for _, body := range []string{
		`{`, `[]`, `"text"`, `null x`, `{"model":7}`, `{"max_tokens":"many"}`, `{"stream":"yes"}`,
		`{"system":7}`, `{"system":[1,2]}`, `{"tools":{"name":"x"}}`, `{"thinking":"on"}`, `{"messages":{}}`,
		"{\"model\":\"\xff\"", `{"max_tokens":1e400}`,
	} {
		if _, err := parseBody([]byte(body)); err == nil {
			t.Errorf("%q accepted", body)
		}
	}
}

// FuzzParseBody: any input parses or fails cleanly, and what parses is
// consistent with the input.
func FuzzParseBody(f *testing.F) {
	for _, seed := range []string{streamBody, `{}`, `{"system":"x"}`, `{"system":[{"text":"a"}]}`, `{"tools":[{}]}`, `[`, ``} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := parseBody(data)
		if b.Bytes != len(data) {
			t.Fatalf("bytes %d for %d", b.Bytes, len(data))
		}
		if err != nil {
			return
		}
		if !json.Valid(data) && len(data) > 0 {
			t.Fatalf("invalid JSON accepted: %q", data)
		}
		if b.SystemBytes > len(data) || b.ToolBytes > len(data) || b.SystemBlocks < 0 {
			t.Fatalf("sizes exceed the body: %+v", b)
		}
	})
}

func TestRedact(t *testing.T) {
	h := http.Header{}
	for _, k := range []string{"X-Api-Key", "Authorization", "Proxy-Authorization", "Cookie", "X-Auth-Token",
		"Anthropic-Admin-Key", "X-Client-Secret"} {
		h.Set(k, "sk-ant-api03-secret")
	}
	h.Set("Anthropic-Beta", "claude-code-20250219")
	h.Set("User-Agent", "claude-cli/2.1.328 (external, cli)")
	out := redact(h)
	for k, vs := range out {
		want := h.Get(k)
		if secretHeader(k) {
			want = Redacted
		}
		if len(vs) != 1 || vs[0] != want {
			t.Errorf("%s: %v, want %s", k, vs, want)
		}
	}
	if strings.Contains(fmt.Sprint(out), "sk-ant") {
		t.Errorf("a secret survived: %v", out)
	}
	if out.Get("Anthropic-Beta") != "claude-code-20250219" || h.Get("X-Api-Key") != "sk-ant-api03-secret" {
		t.Error("redact changed what it should not")
	}
}

func TestErrorBodyDefaults(t *testing.T) {
	cases := []struct {
		status int
		want   string
	}{
		{418, `{"type":"error","error":{"type":"api_error","message":"I'm a teapot"},"request_id":"r"}`},
		{413, `{"type":"error","error":{"type":"request_too_large","message":"Request Entity Too Large"},"request_id":"r"}`},
		{401, `{"type":"error","error":{"type":"authentication_error","message":"Unauthorized"},"request_id":"r"}`},
	}
	for _, tc := range cases {
		if got := string(errorBody(tc.status, "", "", "", "r")); got != tc.want {
			t.Errorf("%d: %s", tc.status, got)
		}
	}
}

func TestReplyBuildersDoNotShare(t *testing.T) {
	base := RateLimited("2")
	a := base.WithHeader("x-should-retry", "false")
	if base.Header.Get("x-should-retry") != "" || a.Header.Get("retry-after") != "2" {
		t.Fatalf("base %v, derived %v", base.Header, a.Header)
	}
	if got := strings.Join(splitWords("a  b c"), "|"); got != "a | |b |c" {
		t.Errorf("splitWords: %q", got)
	}
}
