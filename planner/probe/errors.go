package probe

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"syscall"
	"time"

	"github.com/tierplan/tierplan/planner/termsafe"
)

// ErrorKind says why a probe got no response.
type ErrorKind string

// The ways a probe fails before any HTTP status arrives.
const (
	ErrNoKey       ErrorKind = "no_key"
	ErrBadKey      ErrorKind = "bad_key"
	ErrTimeout     ErrorKind = "timeout"
	ErrRefused     ErrorKind = "refused"
	ErrDNS         ErrorKind = "dns"
	ErrTLS         ErrorKind = "tls"
	ErrInterrupted ErrorKind = "interrupted"
	ErrNetwork     ErrorKind = "network"
	// ErrRedirect is a 3xx answer: not followed, since the key would go
	// along to wherever it points.
	ErrRedirect ErrorKind = "redirect"
)

// Error is a probe that got no HTTP response. Its message names the host
// only: never the URL with its query, never a header.
type Error struct {
	Kind    ErrorKind
	Host    string
	Timeout time.Duration
	Err     error
	// Status and Location describe a redirect (ErrRedirect).
	Status, Location string
}

// Error says what went wrong in one line. Parts that came from outside (a
// server's certificate names in a TLS error, the host as typed) are escaped
// for the terminal.
func (e *Error) Error() string { return termsafe.Escape(e.message()) }

func (e *Error) message() string {
	switch e.Kind {
	case ErrNoKey:
		return "no API key: set ANTHROPIC_API_KEY"
	case ErrBadKey:
		return "the API key contains spaces or control characters (a stray newline?); it cannot be sent"
	case ErrTimeout:
		within := ""
		if e.Timeout > 0 {
			within = " within " + e.Timeout.String()
		}
		return fmt.Sprintf("timed out: no answer from %s%s", e.Host, within)
	case ErrRefused:
		return fmt.Sprintf("connection refused by %s: nothing is listening there; check the base URL", e.Host)
	case ErrDNS:
		return fmt.Sprintf("cannot resolve %s: DNS lookup failed; check the base URL and the network", hostOnly(e.Host))
	case ErrTLS:
		return fmt.Sprintf("TLS handshake with %s failed: %v", e.Host, innermost(e.Err))
	case ErrInterrupted:
		return "interrupted"
	case ErrRedirect:
		return fmt.Sprintf("%s answered %s with %s: not followed, so the API key was sent to %s only; if that address is the API, give it as --base-url", e.Host, e.Status, e.Location, e.Host)
	}
	return fmt.Sprintf("request to %s failed: %v", e.Host, innermost(e.Err))
}

func (e *Error) Unwrap() error { return e.Err }

// classify names the reason a request failed. ctx tells a deadline (timeout)
// from a cancel (Ctrl-C).
func classify(ctx context.Context, err error, host string, timeout time.Duration) error {
	e := &Error{Host: host, Timeout: timeout, Err: err}
	var dnsErr *net.DNSError
	var netErr net.Error
	var unknownCA x509.UnknownAuthorityError
	var hostnameErr x509.HostnameError
	var certErr *tls.CertificateVerificationError
	var recordErr tls.RecordHeaderError
	switch {
	case errors.Is(ctx.Err(), context.Canceled) && !errors.Is(ctx.Err(), context.DeadlineExceeded):
		e.Kind = ErrInterrupted
	case errors.Is(err, context.DeadlineExceeded), errors.Is(ctx.Err(), context.DeadlineExceeded):
		e.Kind = ErrTimeout
	case errors.As(err, &dnsErr):
		e.Kind = ErrDNS
	case errors.Is(err, syscall.ECONNREFUSED):
		e.Kind = ErrRefused
	case errors.As(err, &unknownCA), errors.As(err, &hostnameErr), errors.As(err, &certErr), errors.As(err, &recordErr):
		e.Kind = ErrTLS
	case errors.As(err, &netErr) && netErr.Timeout():
		e.Kind = ErrTimeout
	default:
		e.Kind = ErrNetwork
	}
	return e
}

// innermost drops the *url.Error wrapper, whose message repeats the URL.
func innermost(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}
