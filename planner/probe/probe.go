// Package probe sends one minimal Messages API request (max_tokens 1) to read
// an organisation's live rate-limit headers, and diagnoses the answer. It
// touches the network only through the *http.Client it is given, and never
// puts the API key anywhere but the x-api-key request header of the one
// request to the base URL: not in the URL, not to where a redirect points,
// not in errors, not in results (a key the server echoes back is redacted,
// escaped or not).
package probe

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tierplan/tierplan/internal/noredirect"
	"github.com/tierplan/tierplan/internal/urlredact"
	"github.com/tierplan/tierplan/planner/diagnose"
	"github.com/tierplan/tierplan/planner/diagnose/paste"
)

// Defaults for a probe.
const (
	DefaultBaseURL = "https://api.anthropic.com"
	// DefaultModel is a current Sonnet id; Sonnet is the model most Claude
	// Code users are rate-limited on.
	DefaultModel = "claude-sonnet-4-6"
	// APIVersion is the anthropic-version header the Messages API requires.
	APIVersion = "2023-06-01"
	// maxBody caps the answer read; a one-token reply is well under 1 KB.
	maxBody = 1 << 20
)

// Request is what to probe.
type Request struct {
	BaseURL string
	APIKey  string
	Model   string
	// Timeout bounds the whole exchange; 0 means only ctx bounds it.
	Timeout time.Duration
}

// Reading is one probe's answer and its diagnosis.
type Reading struct {
	Response  paste.Response
	Diagnosis diagnose.Diagnosis
}

// Probe sends the request and diagnoses the response with opt (the current
// time for a response without a date header, the tier table). A response of
// any status is a Reading; only a failure to get one is an error (an
// *Error).
func Probe(ctx context.Context, client *http.Client, req Request, opt diagnose.Options) (Reading, error) {
	if client == nil {
		// A domain package never reaches the network on its own: the caller
		// decides the client (timeouts, proxies, a test server).
		return Reading{}, errors.New("probe: no HTTP client given")
	}
	endpoint, host, err := messagesURL(req.BaseURL)
	if err != nil {
		return Reading{}, err
	}
	key := strings.TrimSpace(req.APIKey)
	if key == "" {
		return Reading{}, &Error{Kind: ErrNoKey}
	}
	if !headerSafe(key) {
		return Reading{}, &Error{Kind: ErrBadKey}
	}
	if req.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, req.Timeout)
		defer cancel()
	}
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(requestBody(req.Model)))
	if err != nil {
		return Reading{}, &Error{Kind: ErrNetwork, Host: host, Err: err}
	}
	httpReq.Header.Set("x-api-key", key)
	httpReq.Header.Set("anthropic-version", APIVersion)
	httpReq.Header.Set("content-type", "application/json")
	httpReq.Header.Set("user-agent", "tierplan-probe")
	httpResp, err := noredirect.Client(client).Do(httpReq)
	if err != nil {
		return Reading{}, classify(ctx, err, host, req.Timeout)
	}
	defer httpResp.Body.Close()
	if isRedirect(httpResp.StatusCode) {
		return Reading{}, redirectError(httpResp, host, key)
	}
	body, err := io.ReadAll(io.LimitReader(httpResp.Body, maxBody))
	if err != nil {
		return Reading{}, classify(ctx, err, host, req.Timeout)
	}
	resp := redact(toResponse(httpResp, body), key)
	return Reading{Response: resp, Diagnosis: diagnose.Diagnose(resp, opt)}, nil
}

// requestBody is the smallest request the API accepts: one short user
// message and max_tokens 1, so a probe costs next to nothing.
func requestBody(model string) []byte {
	if model == "" {
		model = DefaultModel
	}
	body, _ := json.Marshal(map[string]any{
		"model":      model,
		"max_tokens": 1,
		"messages":   []map[string]string{{"role": "user", "content": "hi"}},
	})
	return body
}

// messagesURL builds {base}/v1/messages and the host to name in messages.
func messagesURL(base string) (endpoint, host string, err error) {
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := parseBaseURL(base)
	if err != nil {
		return "", "", err
	}
	u.Path = strings.TrimRight(u.Path, "/") + "/v1/messages"
	return u.String(), u.Host, nil
}

// CheckBaseURL reports whether base can be sent to: an http or https URL
// with a host. Callers check a --base-url before anything else, so a typo is
// told as such rather than as a failed request.
func CheckBaseURL(base string) error {
	_, err := parseBaseURL(base)
	return err
}

func parseBaseURL(base string) (*url.URL, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("base URL %q: expected http(s)://host[:port][/path]", urlredact.URL(base))
	}
	return u, nil
}

// headerSafe reports whether a key can be sent as a header value as is.
func headerSafe(key string) bool {
	for i := 0; i < len(key); i++ {
		if key[i] <= ' ' || key[i] >= 0x7f {
			return false
		}
	}
	return true
}

// toResponse turns a live response into the form diagnose reads.
func toResponse(r *http.Response, body []byte) paste.Response {
	h := paste.Header{}
	for name, vals := range r.Header {
		for _, v := range vals {
			h.Add(name, v)
		}
	}
	return paste.Response{Form: paste.FormLive, Status: r.StatusCode, Proto: r.Proto, Header: h, Body: body}
}
