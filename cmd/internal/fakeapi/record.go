package fakeapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Request is what the fake saw of one request and what it answered.
type Request struct {
	// N numbers every request from 1; Message numbers the POST
	// /v1/messages requests from 1 (0 for other paths), the number a
	// script is indexed by.
	N       int       `json:"n"`
	Message int       `json:"message,omitempty"`
	At      time.Time `json:"at"`
	Method  string    `json:"method"`
	Path    string    `json:"path"`
	// RawQuery is the query without the "?", e.g. beta=true.
	RawQuery string `json:"raw_query,omitempty"`
	// Header is the request's headers with secrets replaced by Redacted.
	Header http.Header `json:"header"`
	// Body holds the parsed fields of a JSON body; BodyError says why a
	// body could not be read or parsed.
	Body      Body   `json:"body"`
	BodyError string `json:"body_error,omitempty"`
	// Status is what the fake answered; Done is when the answer was fully
	// written (zero until then), so the gap from Done to the next arrival
	// is the client's own wait.
	Status int       `json:"status"`
	Done   time.Time `json:"done"`
}

// Body is the part of a messages request that shapes capacity and cost.
type Body struct {
	Bytes     int    `json:"bytes"`
	Model     string `json:"model,omitempty"`
	MaxTokens int    `json:"max_tokens,omitempty"`
	Stream    bool   `json:"stream"`
	// SystemBytes counts the UTF-8 bytes of the system prompt's text, in
	// SystemBlocks blocks (a plain string is one block).
	SystemBytes  int      `json:"system_bytes"`
	SystemBlocks int      `json:"system_blocks"`
	Messages     int      `json:"messages"`
	Tools        []string `json:"tools,omitempty"`
	ToolBytes    int      `json:"tool_bytes"`
	// ThinkingType is "enabled", "adaptive", "disabled" or "" (absent);
	// ThinkingBudget is budget_tokens when enabled.
	ThinkingType   string `json:"thinking_type,omitempty"`
	ThinkingBudget int    `json:"thinking_budget,omitempty"`
	// Fields lists the body's top-level keys, sorted.
	Fields []string `json:"fields,omitempty"`
}

// Redacted replaces the value of a secret header.
const Redacted = "[redacted]"

// secretHeader reports whether a header carries a credential: API keys,
// bearer tokens, cookies.
func secretHeader(name string) bool {
	n := strings.ToLower(name)
	for _, s := range []string{"key", "authorization", "cookie", "token", "secret", "password"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// redact copies h with every secret value replaced.
func redact(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, vs := range h {
		if secretHeader(k) {
			vs = []string{Redacted}
		}
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// parseBody reads the fields Body keeps from a JSON request body. An empty
// body is not an error (GET requests have none).
func parseBody(b []byte) (Body, error) {
	body := Body{Bytes: len(b)}
	if len(b) == 0 {
		return body, nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return body, fmt.Errorf("body is not a JSON object: %w", err)
	}
	for k := range raw {
		body.Fields = append(body.Fields, k)
	}
	sort.Strings(body.Fields)
	var f struct {
		Model     string            `json:"model"`
		MaxTokens int               `json:"max_tokens"`
		Stream    bool              `json:"stream"`
		Messages  []json.RawMessage `json:"messages"`
		Tools     []struct {
			Name string `json:"name"`
		} `json:"tools"`
		Thinking *struct {
			Type         string `json:"type"`
			BudgetTokens int    `json:"budget_tokens"`
		} `json:"thinking"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return body, fmt.Errorf("body fields: %w", err)
	}
	body.Model, body.MaxTokens, body.Stream, body.Messages = f.Model, f.MaxTokens, f.Stream, len(f.Messages)
	for _, t := range f.Tools {
		body.Tools = append(body.Tools, t.Name)
	}
	if t, ok := raw["tools"]; ok {
		body.ToolBytes = len(t)
	}
	if f.Thinking != nil {
		body.ThinkingType, body.ThinkingBudget = f.Thinking.Type, f.Thinking.BudgetTokens
	}
	var err error
	body.SystemBytes, body.SystemBlocks, err = systemSize(raw["system"])
	return body, err
}

// systemSize measures a system prompt given as a string or as an array of
// text blocks.
func systemSize(raw json.RawMessage) (bytes, blocks int, err error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, 0, nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return len(s), 1, nil
	}
	var list []struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return 0, 0, fmt.Errorf("system is neither a string nor a list of blocks")
	}
	for _, b := range list {
		bytes += len(b.Text)
	}
	return bytes, len(list), nil
}
