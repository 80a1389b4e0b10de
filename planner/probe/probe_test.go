package probe

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/diagnose"
)

const secretKey = "sk-ant-test-SECRET-0123456789"

var now = time.Date(2026, 4, 14, 10, 0, 0, 0, time.UTC)

// answer builds a handler that checks the request is the minimal probe and
// replies with status, headers and body.
func answer(t *testing.T, status int, headers map[string]string, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/messages" {
			t.Errorf("request %s %s, want POST /v1/messages", r.Method, r.URL.Path)
		}
		if r.Header.Get("x-api-key") != secretKey || r.Header.Get("anthropic-version") != APIVersion ||
			r.Header.Get("content-type") != "application/json" {
			t.Errorf("headers %v", r.Header)
		}
		if r.URL.RawQuery != "" {
			t.Errorf("query %q: nothing belongs in the URL", r.URL.RawQuery)
		}
		var req struct {
			Model     string `json:"model"`
			MaxTokens int    `json:"max_tokens"`
			Messages  []struct{ Role, Content string }
		}
		raw, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(raw, &req); err != nil || req.MaxTokens != 1 || req.Model == "" || len(req.Messages) != 1 {
			t.Errorf("body %s", raw)
		}
		w.Header().Set("date", "Tue, 14 Apr 2026 10:00:00 GMT")
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

var limits = map[string]string{
	"anthropic-ratelimit-requests-limit":          "50",
	"anthropic-ratelimit-requests-remaining":      "49",
	"anthropic-ratelimit-requests-reset":          "2026-04-14T10:00:02Z",
	"anthropic-ratelimit-input-tokens-limit":      "30000",
	"anthropic-ratelimit-input-tokens-remaining":  "30000",
	"anthropic-ratelimit-input-tokens-reset":      "2026-04-14T10:00:00Z",
	"anthropic-ratelimit-output-tokens-limit":     "8000",
	"anthropic-ratelimit-output-tokens-remaining": "8000",
	"anthropic-ratelimit-output-tokens-reset":     "2026-04-14T10:00:00Z",
}

func with(extra map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range limits {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

func TestProbeResponses(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		headers    map[string]string
		body       string
		kind       diagnose.Kind
		limit      diagnose.Limit
		retryAfter int64
		verdict    string
	}{
		{"success", 200, limits, `{"id":"msg_1","type":"message"}`, diagnose.KindOK, diagnose.LimitNone, -1, "success"},
		{"429 with retry-after", 429,
			with(map[string]string{"retry-after": "12", "anthropic-ratelimit-requests-remaining": "0", "anthropic-ratelimit-requests-reset": "2026-04-14T10:00:12Z"}),
			`{"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 50 requests per minute."}}`,
			diagnose.KindRateLimit, diagnose.LimitRPM, 12, "requests per minute"},
		{"529", 529, map[string]string{"retry-after": "3"}, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`,
			diagnose.KindOverloaded, diagnose.LimitNone, 3, "not your rate limit"},
		{"401", 401, nil, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`,
			diagnose.KindAuth, diagnose.LimitNone, -1, "the API key was refused"},
		{"spend cap 429", 429, nil,
			`{"type":"error","error":{"type":"rate_limit_error","message":"monthly spend limit reached","details":{"error_code":"enforced_spend_limit_reached"}}}`,
			diagnose.KindSpendCap, diagnose.LimitNone, -1, "2026-05-01 00:00 UTC"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(answer(t, tc.status, tc.headers, tc.body))
			defer srv.Close()
			r, err := Probe(context.Background(), srv.Client(), Request{BaseURL: srv.URL, APIKey: secretKey, Model: "claude-sonnet-4-6", Timeout: 5 * time.Second}, diagnose.Options{Now: now})
			if err != nil {
				t.Fatal(err)
			}
			d := r.Diagnosis
			if int(d.Status) != tc.status || d.Kind != tc.kind || d.Limit != tc.limit {
				t.Fatalf("got %d %s %q, want %d %s %q", d.Status, d.Kind, d.Limit, tc.status, tc.kind, tc.limit)
			}
			if tc.retryAfter >= 0 && (d.RetryAfterS == nil || *d.RetryAfterS != tc.retryAfter) {
				t.Fatalf("retry-after %v, want %d", d.RetryAfterS, tc.retryAfter)
			}
			if !strings.Contains(d.Verdict, tc.verdict) {
				t.Fatalf("verdict %q lacks %q", d.Verdict, tc.verdict)
			}
			out, _ := json.Marshal(r.Diagnosis)
			if strings.Contains(string(out), secretKey) {
				t.Fatal("the key leaked into the diagnosis")
			}
		})
	}
}

func TestProbeTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-time.After(5 * time.Second):
		}
	}))
	defer srv.Close()
	defer close(release)
	_, err := Probe(context.Background(), srv.Client(), Request{BaseURL: srv.URL, APIKey: secretKey, Timeout: 50 * time.Millisecond}, diagnose.Options{Now: now})
	checkError(t, err, ErrTimeout, "timed out: no answer from "+strings.TrimPrefix(srv.URL, "http://")+" within 50ms")
}

func TestProbeRefused(t *testing.T) {
	// Listen, note the port, close: nothing listens there any more.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = Probe(context.Background(), &http.Client{}, Request{BaseURL: "http://" + addr, APIKey: secretKey, Timeout: 5 * time.Second}, diagnose.Options{Now: now})
	checkError(t, err, ErrRefused, "connection refused by "+addr)
}

func TestProbeDNS(t *testing.T) {
	// A dialer that fails as a resolver does, so the test needs no network.
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: "api.example.invalid", IsNotFound: true}}
		},
	}}
	_, err := Probe(context.Background(), client, Request{BaseURL: "https://api.example.invalid", APIKey: secretKey}, diagnose.Options{Now: now})
	checkError(t, err, ErrDNS, "cannot resolve api.example.invalid")
}

func TestProbeInterrupted(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	defer srv.Close()
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	_, err := Probe(ctx, srv.Client(), Request{BaseURL: srv.URL, APIKey: secretKey, Timeout: 5 * time.Second}, diagnose.Options{Now: now})
	checkError(t, err, ErrInterrupted, "interrupted")
}

func TestProbeBadInputs(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"no key", Request{BaseURL: "http://127.0.0.1:1", APIKey: "  "}, "no API key: set ANTHROPIC_API_KEY"},
		{"key with newline", Request{BaseURL: "http://127.0.0.1:1", APIKey: "sk-ant\nSECRET-0123456789"}, "stray newline"},
		{"no scheme", Request{BaseURL: "api.anthropic.com", APIKey: secretKey}, `base URL "api.anthropic.com": expected http(s)://`},
		{"ftp", Request{BaseURL: "ftp://x", APIKey: secretKey}, "expected http(s)://"},
		{"password in base URL is hidden", Request{BaseURL: "ftp://u:hunter2@x", APIKey: secretKey}, "u:xxxxx@x"},
		{"spaces are quoted as given, not re-escaped", Request{BaseURL: "not a url", APIKey: secretKey}, `base URL "not a url": expected http(s)://`},
		{"no host", Request{BaseURL: "https://", APIKey: secretKey}, `base URL "https://": expected`},
		{"unparsable, password still hidden", Request{BaseURL: "http://u:hunter2@x/%zz", APIKey: secretKey}, `"http://u:xxxxx@x/%zz"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Probe(context.Background(), &http.Client{}, tc.req, diagnose.Options{Now: now})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "hunter2") {
				t.Fatalf("error leaks a secret: %v", err)
			}
		})
	}
}

// TestCheckBaseURL: the check callers make before sending agrees with the
// one Probe makes, and names the value exactly as the user typed it.
func TestCheckBaseURL(t *testing.T) {
	for _, ok := range []string{"https://api.anthropic.com", "http://127.0.0.1:8080/gw/", "HTTPS://Example.com"} {
		if err := CheckBaseURL(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	bad := map[string]string{
		"not a url":           `base URL "not a url": expected http(s)://host[:port][/path]`,
		"api.anthropic.com":   `base URL "api.anthropic.com": expected http(s)://host[:port][/path]`,
		"ftp://x":             `base URL "ftp://x": expected http(s)://host[:port][/path]`,
		"http://":             `base URL "http://": expected http(s)://host[:port][/path]`,
		"http://%zz":          `base URL "http://%zz": expected http(s)://host[:port][/path]`,
		"":                    `base URL "": expected http(s)://host[:port][/path]`,
		"https://u:pw@ x/a b": `base URL "https://u:xxxxx@ x/a b": expected http(s)://host[:port][/path]`,
	}
	for in, want := range bad {
		if err := CheckBaseURL(in); err == nil || err.Error() != want {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
}

func TestBaseURLPath(t *testing.T) {
	for in, want := range map[string]string{
		"":                            "https://api.anthropic.com/v1/messages",
		"http://127.0.0.1:8080":       "http://127.0.0.1:8080/v1/messages",
		"https://gw.example.com/ant/": "https://gw.example.com/ant/v1/messages",
	} {
		got, _, err := messagesURL(in)
		if err != nil || got != want {
			t.Errorf("messagesURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func checkError(t *testing.T, err error, kind ErrorKind, want string) {
	t.Helper()
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != kind {
		t.Fatalf("error %v (%T), want kind %s", err, err, kind)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q lacks %q", err, want)
	}
	if strings.Contains(err.Error(), secretKey) || strings.Contains(err.Error(), "/v1/messages") {
		t.Fatalf("error %q leaks the key or the URL", err)
	}
}

func TestProbeRedactsAnEchoedKey(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k := r.Header.Get("x-api-key")
		w.Header().Set("x-echo", "key="+k)
		w.WriteHeader(401)
		_, _ = io.WriteString(w, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key `+k+`"}}`)
	}))
	defer srv.Close()
	r, err := Probe(context.Background(), srv.Client(), Request{BaseURL: srv.URL, APIKey: secretKey, Timeout: 5 * time.Second}, diagnose.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(r.Diagnosis)
	if strings.Contains(string(out), secretKey) || strings.Contains(string(r.Response.Body), secretKey) {
		t.Fatalf("echoed key not redacted: %s", out)
	}
	if v, _ := r.Response.Header.Get("x-echo"); v != "key=[redacted]" {
		t.Fatalf("header x-echo = %q", v)
	}
	if !strings.Contains(r.Diagnosis.Error.Message, "invalid x-api-key [redacted]") {
		t.Fatalf("message %q", r.Diagnosis.Error.Message)
	}
}

// TestProbeNeedsClient: with no client, Probe sends nothing (no fallback to
// http.DefaultClient) and says so.
func TestProbeNeedsClient(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		t.Error("a request went out without a client")
	}))
	defer srv.Close()
	_, err := Probe(context.Background(), nil, Request{BaseURL: srv.URL, APIKey: secretKey}, diagnose.Options{Now: time.Now()})
	if err == nil || !strings.Contains(err.Error(), "no HTTP client") {
		t.Fatalf("err = %v, want no HTTP client", err)
	}
}
