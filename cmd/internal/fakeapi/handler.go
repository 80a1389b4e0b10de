package fakeapi

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// maxBody bounds how much of a request body the fake reads: Claude Code's
// largest requests are a few hundred kilobytes.
const maxBody = 32 << 20

// Options configure a Handler. The zero Options answer every messages
// request with OK().
type Options struct {
	// Script[i] answers the (i+1)th messages request; later ones get Then.
	Script []Reply
	Then   Reply
	// Respond, when set, replaces Script and Then: it chooses the reply
	// from the recorded request (its number, path, body fields). It runs
	// under the handler's lock, so it may keep state without its own.
	Respond func(Request) Reply
	// Models are the ids /v1/models lists; nil means DefaultModels.
	Models []string
	// Now stamps arrivals; nil means time.Now.
	Now func() time.Time
	// Sleep waits out a scripted latency; nil means a real timer that
	// stops when the client goes away. Tests inject one that records.
	Sleep func(ctx context.Context, d time.Duration) error
}

// DefaultModels are the ids /v1/models lists by default.
var DefaultModels = []string{"claude-opus-4-5-20251101", "claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"}

// Handler is the fake API. It is safe for concurrent use.
type Handler struct {
	opts Options

	mu       sync.Mutex
	requests []Request
	messages int
}

// NewHandler returns a Handler that answers as opts say.
func NewHandler(opts Options) *Handler {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Sleep == nil {
		opts.Sleep = sleepContext
	}
	if opts.Models == nil {
		opts.Models = DefaultModels
	}
	return &Handler{opts: opts}
}

// Requests returns a copy of every request recorded so far, in arrival
// order.
func (h *Handler) Requests() []Request {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Request(nil), h.requests...)
}

// Messages returns the recorded POST /v1/messages requests only.
func (h *Handler) Messages() []Request {
	var out []Request
	for _, r := range h.Requests() {
		if r.Message > 0 {
			out = append(out, r)
		}
	}
	return out
}

// ServeHTTP records the request and answers it.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	at := h.opts.Now()
	raw, readErr := io.ReadAll(io.LimitReader(r.Body, maxBody))
	rec := Request{At: at, Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Header: redact(r.Header)}
	var err error
	rec.Body, err = parseBody(raw)
	if readErr != nil {
		err = readErr
	}
	if err != nil {
		rec.BodyError = err.Error()
	}
	isMessage := r.Method == http.MethodPost && r.URL.Path == "/v1/messages"
	h.mu.Lock()
	rec.N = len(h.requests) + 1
	var reply Reply
	if isMessage {
		h.messages++
		rec.Message = h.messages
		reply = h.opts.Then
		if i := h.messages - 1; i < len(h.opts.Script) {
			reply = h.opts.Script[i]
		}
		if h.opts.Respond != nil {
			reply = h.opts.Respond(rec)
		}
	}
	rec.Status = statusOf(r, isMessage, reply, rec.BodyError)
	h.requests = append(h.requests, rec)
	h.mu.Unlock()

	requestID := fmt.Sprintf("req_fake_%04d", rec.N)
	w.Header().Set("request-id", requestID)
	h.answer(w, r, rec, reply, isMessage, requestID)
	done := h.opts.Now()
	h.mu.Lock()
	h.requests[rec.N-1].Done = done
	h.mu.Unlock()
}

// answer writes the reply for one recorded request.
func (h *Handler) answer(w http.ResponseWriter, r *http.Request, rec Request, reply Reply, isMessage bool, requestID string) {
	switch {
	case isMessage:
		h.answerMessage(w, r, rec, reply, requestID)
	case r.Method == http.MethodPost && r.URL.Path == "/v1/messages/count_tokens" && rec.BodyError == "":
		writeJSON(w, http.StatusOK, map[string]int{"input_tokens": approxTokens(rec.Body)})
	case r.Method == http.MethodGet && r.URL.Path == "/v1/models":
		writeJSON(w, http.StatusOK, modelList(h.opts.Models))
	case rec.Status == http.StatusBadRequest:
		writeError(w, rec.Status, "", "fake API: "+rec.BodyError, "", requestID)
	default:
		writeError(w, rec.Status, "", "", "", requestID)
	}
}

// statusOf is the status the fake will answer with, recorded before the
// answer is written so a reader never sees a half-filled record.
func statusOf(r *http.Request, isMessage bool, reply Reply, bodyErr string) int {
	switch {
	case isMessage && reply.Status != 0:
		return reply.Status
	case isMessage && bodyErr != "":
		return http.StatusBadRequest
	case isMessage:
		return http.StatusOK
	case r.Method == http.MethodPost && r.URL.Path == "/v1/messages/count_tokens":
		if bodyErr != "" {
			return http.StatusBadRequest
		}
		return http.StatusOK
	case r.Method == http.MethodGet && r.URL.Path == "/v1/models":
		return http.StatusOK
	}
	return http.StatusNotFound
}

func (h *Handler) answerMessage(w http.ResponseWriter, r *http.Request, rec Request, reply Reply, requestID string) {
	ctx := r.Context()
	if h.opts.Sleep(ctx, reply.FirstByte) != nil {
		return
	}
	for k, vs := range reply.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if rec.Status != http.StatusOK {
		msg := reply.ErrorMessage
		if reply.Status == 0 { // a body the fake could not read
			msg = "fake API: " + rec.BodyError
		}
		writeError(w, rec.Status, reply.ErrorType, msg, reply.ErrorCode, requestID)
		return
	}
	m := newMessage(rec, reply)
	if !rec.Body.Stream {
		writeJSON(w, http.StatusOK, m)
		return
	}
	streamMessage(ctx, w, m, reply.EventGap, h.opts.Sleep)
}

// approxTokens is the fake's count_tokens answer: about four bytes a
// token, the usual rule of thumb for English text and code.
func approxTokens(b Body) int { return (b.Bytes + 3) / 4 }

func modelList(ids []string) map[string]any {
	data := make([]map[string]string, len(ids))
	for i, id := range ids {
		data[i] = map[string]string{"type": "model", "id": id, "display_name": id, "created_at": "2025-09-29T00:00:00Z"}
	}
	first, last := "", ""
	if len(ids) > 0 {
		first, last = ids[0], ids[len(ids)-1]
	}
	return map[string]any{"data": data, "has_more": false, "first_id": first, "last_id": last}
}

func writeError(w http.ResponseWriter, status int, typ, msg, code, requestID string) {
	w.Header().Set("content-type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(errorBody(status, typ, msg, code, requestID))
}

// sleepContext waits d, or less if ctx ends first.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
