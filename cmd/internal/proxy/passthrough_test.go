package proxy

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// sseBytes is a stream as the API writes it, pings included.
var sseEvents = []string{
	"event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],\"usage\":{\"input_tokens\":12,\"cache_creation_input_tokens\":40,\"cache_read_input_tokens\":300,\"cache_creation\":{\"ephemeral_5m_input_tokens\":10,\"ephemeral_1h_input_tokens\":30},\"output_tokens\":1}}}\n\n",
	"event: ping\ndata: {\"type\": \"ping\"}\n\n",
	"event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
	"event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi \\u00e9\"}}\r\n\r\n",
	"event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
	"event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":57}}\n\n",
	"event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
}

// The stream arrives byte for byte and unbuffered: the upstream holds the
// rest of it until the client has read the first event through the proxy.
// Request and response headers pass as HTTP asks; the key is swapped.
func TestStreamPassesByteForByte(t *testing.T) {
	firstRead := make(chan struct{})
	var got http.Header
	var gotQuery string
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, gotQuery = r.Header.Clone(), r.URL.RawQuery
		_, _ = io.Copy(io.Discard, r.Body)
		h := w.Header()
		h.Set("content-type", "text/event-stream; charset=utf-8")
		h.Set("request-id", "req_up_1")
		h.Set("anthropic-ratelimit-requests-limit", "50")
		h.Set("anthropic-ratelimit-requests-remaining", "49")
		h.Set("anthropic-ratelimit-unified-5h-utilization", "0.2")
		h.Set("anthropic-organization-id", "org-1")
		h.Set("Connection", "keep-alive, X-Hop")
		h.Set("X-Hop", "must not pass")
		w.WriteHeader(200)
		for i, ev := range sseEvents {
			_, _ = io.WriteString(w, ev)
			w.(http.Flusher).Flush()
			if i == 0 {
				select {
				case <-firstRead:
				case <-time.After(5 * time.Second):
					t.Error("the first event did not reach the client before the rest was sent: the proxy buffers")
				}
			}
		}
	}))
	defer up.Close()
	h := startProxy(t, up.URL, defaultUsers, nil)
	resp := h.do("POST", "/v1/messages?beta=true", "ann", streamBody("claude-sonnet-4-5"),
		"anthropic-beta", "interleaved-thinking-2025-05-14", "x-claude-code-session-id", "sess-42", "Connection", "close, X-Client-Hop", "X-Client-Hop", "no")
	br := bufio.NewReader(resp.Body)
	var first strings.Builder
	for !strings.HasSuffix(first.String(), "\n\n") {
		b, err := br.ReadByte()
		if err != nil {
			t.Fatal(err)
		}
		first.WriteByte(b)
	}
	close(firstRead)
	rest, _ := io.ReadAll(br)
	resp.Body.Close()
	if want := strings.Join(sseEvents, ""); first.String()+string(rest) != want {
		t.Fatalf("stream changed on the way:\n got %q\nwant %q", first.String()+string(rest), want)
	}
	for _, k := range []string{"anthropic-ratelimit-requests-remaining", "anthropic-ratelimit-unified-5h-utilization", "anthropic-organization-id", "request-id"} {
		if resp.Header.Get(k) == "" {
			t.Errorf("response header %s did not pass", k)
		}
	}
	if resp.Header.Get("X-Hop") != "" {
		t.Error("a hop-by-hop header named in Connection passed to the client")
	}
	if got.Get("X-Api-Key") != orgKey || got.Get("Authorization") != "" {
		t.Errorf("upstream saw x-api-key %q authorization %q: want the org key only", got.Get("X-Api-Key"), got.Get("Authorization"))
	}
	if got.Get("Anthropic-Beta") != "interleaved-thinking-2025-05-14" || got.Get("Anthropic-Version") != "2023-06-01" || gotQuery != "beta=true" {
		t.Errorf("anthropic-* headers or the query did not pass: %v %q", got, gotQuery)
	}
	if got.Get("X-Client-Hop") != "" || got.Get("X-Forwarded-For") != "" {
		t.Errorf("hop-by-hop or forwarding headers reached the API: %v", got)
	}
	r := h.records(1)[0]
	want := "ann sess-42 claude-sonnet-4-5 200 upstream {12 57 10 30 300} req_up_1 49 0.2"
	if s := strings.Join([]string{r.User, r.SessionID, r.Model, itoa(int64(r.Status)), r.Outcome, fmt.Sprint(r.Usage),
		r.RequestID, r.RateLimit["anthropic-ratelimit-requests-remaining"], r.RateLimit["anthropic-ratelimit-unified-5h-utilization"]}, " "); s != want {
		t.Fatalf("record:\n got %s\nwant %s", s, want)
	}
	if !r.Stream || r.Cost == 0 {
		t.Fatalf("record: stream %v cost %s", r.Stream, r.Cost)
	}
}
