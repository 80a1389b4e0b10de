package proxy

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// Anthropic's error types by status, as its errors page lists them; the
// proxy's own refusals use the same shapes so every client and SDK reads
// them as it reads the API's.
var errorTypes = map[int]string{
	http.StatusBadRequest:            "invalid_request_error",
	http.StatusUnauthorized:          "authentication_error",
	http.StatusForbidden:             "permission_error",
	http.StatusNotFound:              "not_found_error",
	http.StatusMethodNotAllowed:      "invalid_request_error",
	http.StatusRequestEntityTooLarge: "request_too_large",
	http.StatusTooManyRequests:       "rate_limit_error",
	http.StatusBadGateway:            "api_error",
	http.StatusServiceUnavailable:    "api_error",
	http.StatusGatewayTimeout:        "timeout_error",
	http.StatusInternalServerError:   "api_error",
}

// writeAPIError answers in Anthropic's error shape:
// {"type":"error","error":{"type":…,"message":…},"request_id":…}. The
// request id is the proxy's own (req_proxy_…), so it is never mistaken for
// one the API issued.
func writeAPIError(w http.ResponseWriter, status int, message string) string {
	id := proxyRequestID()
	typ := errorTypes[status]
	if typ == "" {
		typ = "api_error"
	}
	body, _ := json.Marshal(struct {
		Type  string `json:"type"`
		Error struct {
			Type    string `json:"type"`
			Message string `json:"message"`
		} `json:"error"`
		RequestID string `json:"request_id"`
	}{Type: "error", Error: struct {
		Type    string `json:"type"`
		Message string `json:"message"`
	}{typ, message}, RequestID: id})
	h := w.Header()
	h.Set("content-type", "application/json")
	h.Set("request-id", id)
	h.Set("content-length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
	return typ
}

// writeRateLimited is the proxy's own 429: retry-after in whole seconds, and
// x-should-retry telling SDKs whether a retry can help (a budget resets
// hours later: no; a full queue clears in seconds: yes).
func writeRateLimited(w http.ResponseWriter, retryAfter time.Duration, shouldRetry bool, message string) {
	secs := int64((retryAfter + time.Second - 1) / time.Second)
	w.Header().Set("retry-after", strconv.FormatInt(max(secs, 1), 10))
	w.Header().Set("x-should-retry", strconv.FormatBool(shouldRetry))
	writeAPIError(w, http.StatusTooManyRequests, message)
}

func proxyRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "req_proxy_" + hex.EncodeToString(b[:])
}

// newRecordID is a record's random id: 128 bits, so two instances never
// pick the same one.
func newRecordID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
