package fakeapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// message is the API's Message object, as a non-streaming reply carries it.
type message struct {
	ID           string         `json:"id"`
	Type         string         `json:"type"`
	Role         string         `json:"role"`
	Model        string         `json:"model"`
	Content      []contentBlock `json:"content"`
	StopReason   *string        `json:"stop_reason"`
	StopSequence *string        `json:"stop_sequence"`
	Usage        Usage          `json:"usage"`
}

type contentBlock struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

func newMessage(rec Request, reply Reply) message {
	text, usage, stop := reply.Text, reply.Usage, reply.StopReason
	if text == "" {
		text = DefaultText
	}
	if usage == (Usage{}) {
		usage = DefaultUsage
	}
	if stop == "" {
		stop = "end_turn"
	}
	model := rec.Body.Model
	if model == "" {
		model = DefaultModels[1]
	}
	return message{ID: fmt.Sprintf("msg_fake_%04d", rec.N), Type: "message", Role: "assistant", Model: model,
		Content: []contentBlock{{Type: "text", Text: text}}, StopReason: &stop, Usage: usage}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "", "fake API: "+err.Error(), "", w.Header().Get("request-id"))
		return
	}
	w.Header().Set("content-type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// event is one server-sent event.
type event struct {
	name string
	data any
}

// streamEvents is the event sequence of a streamed message: message_start
// reports the input usage and one output token, the text goes one word per
// delta, message_delta reports the final output tokens.
func streamEvents(m message) []event {
	text := m.Content[0].Text
	start := m
	start.Content, start.StopReason = []contentBlock{}, nil
	start.Usage.OutputTokens = 1
	evs := []event{
		{"message_start", map[string]any{"type": "message_start", "message": start}},
		{"content_block_start", map[string]any{"type": "content_block_start", "index": 0,
			"content_block": contentBlock{Type: "text"}}},
		{"ping", map[string]string{"type": "ping"}},
	}
	for _, piece := range splitWords(text) {
		evs = append(evs, event{"content_block_delta", map[string]any{"type": "content_block_delta", "index": 0,
			"delta": map[string]string{"type": "text_delta", "text": piece}}})
	}
	return append(evs,
		event{"content_block_stop", map[string]any{"type": "content_block_stop", "index": 0}},
		event{"message_delta", map[string]any{"type": "message_delta",
			"delta": map[string]any{"stop_reason": *m.StopReason, "stop_sequence": nil},
			"usage": map[string]int{"output_tokens": m.Usage.OutputTokens}}},
		event{"message_stop", map[string]string{"type": "message_stop"}},
	)
}

// splitWords cuts text after each space, so the pieces join back to text.
func splitWords(text string) []string {
	var out []string
	for text != "" {
		i := strings.IndexByte(text, ' ')
		if i < 0 {
			return append(out, text)
		}
		out = append(out, text[:i+1])
		text = text[i+1:]
	}
	return out
}

// streamMessage writes m as an SSE stream, flushing each event and waiting
// gap between events; it stops when the client goes away.
func streamMessage(ctx context.Context, w http.ResponseWriter, m message, gap time.Duration,
	sleep func(context.Context, time.Duration) error) {
	w.Header().Set("content-type", "text/event-stream")
	w.Header().Set("cache-control", "no-cache")
	w.WriteHeader(http.StatusOK)
	flusher, _ := w.(http.Flusher)
	for i, ev := range streamEvents(m) {
		if i > 0 && sleep(ctx, gap) != nil {
			return
		}
		data, _ := json.Marshal(ev.data)
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, data); err != nil {
			return
		}
		if flusher != nil {
			flusher.Flush()
		}
	}
}
