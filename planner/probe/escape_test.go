package probe

import (
	"bufio"
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/diagnose"
)

// rawServer answers one request on 127.0.0.1 with exactly the bytes given,
// so a test can send what net/http's server would refuse to write.
func rawServer(t *testing.T, response string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		r := bufio.NewReader(conn)
		for { // the request headers, up to the blank line
			line, err := r.ReadString('\n')
			if err != nil || line == "\r\n" {
				break
			}
		}
		_ = conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
		_, _ = conn.Write([]byte(response))
	}()
	return "http://" + ln.Addr().String()
}

// TestProbeEscapesWhatTheServerSends: a server (or anything posing as one)
// that puts terminal escapes and bidi overrides in its headers and body
// gets them shown as escapes in every string of the reading. (Go's client
// itself refuses ASCII control bytes in a header line, so the headers carry
// what it lets through: a C1 CSI and a bidi override, valid UTF-8; the body
// carries ESC and BEL as JSON escapes.)
func TestProbeEscapesWhatTheServerSends(t *testing.T) {
	const evil = "\u009b2J\u202eevil"
	body := `{"type":"error","error":{"type":"rate_limit_\u001b[31m_error","message":"m\u001b]0;x\u0007"},"request_id":"req_\u001b[2J"}`
	resp := "HTTP/1.1 429 Too Many Requests\r\n" +
		"Date: Tue, 14 Apr 2026 10:00:00 GMT\r\n" +
		"Retry-After: " + evil + "\r\n" +
		"Request-Id: req_" + evil + "\r\n" +
		"Anthropic-Ratelimit-Requests-Remaining: " + evil + "\r\n" +
		"Anthropic-Ratelimit-Unified-Status: " + evil + "\r\n" +
		"Content-Type: application/json\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	base := rawServer(t, resp)
	r, err := Probe(context.Background(), &http.Client{}, Request{BaseURL: base, APIKey: secretKey, Timeout: 5 * time.Second}, diagnose.Options{Now: now})
	if err != nil {
		t.Fatalf("probe: %v", err)
	}
	d := r.Diagnosis
	all := []string{d.Verdict, d.RequestID, d.Message, strings.Join(d.Advice, "\n"), strings.Join(d.Notes, "\n")}
	if d.Error != nil {
		all = append(all, d.Error.Type, d.Error.Message, d.Error.Code)
	}
	if d.Subscription != nil {
		all = append(all, d.Subscription.Status)
	}
	for _, s := range all {
		if strings.ContainsAny(s, "\x1b\x07\u202e\u009b") {
			t.Errorf("raw control characters reach the reading: %q", s)
		}
	}
	if d.RequestID != `req_\x1b[2J` || d.Error == nil || d.Error.Message != `m\x1b]0;x\x07` {
		t.Errorf("request id %q, error %+v: not the escaped values", d.RequestID, d.Error)
	}
}

func TestProbeErrorsAreEscaped(t *testing.T) {
	e := &Error{Kind: ErrNetwork, Host: "h\x1b[2J", Err: errors.New("x509: certificate is valid for evil\x1b]0;t\x07, not api")}
	if msg := e.Error(); strings.ContainsAny(msg, "\x1b\x07") || !strings.Contains(msg, `\x1b`) {
		t.Errorf("error %q", msg)
	}
}
