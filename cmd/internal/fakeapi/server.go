package fakeapi

import (
	"fmt"
	"net"
	"net/http/httptest"
	"testing"
)

// Server is a running fake API on 127.0.0.1: URL, Client and Close come
// from httptest.Server, Requests and Messages from the Handler.
type Server struct {
	*httptest.Server
	*Handler
}

// Start serves a new Handler on a free port of 127.0.0.1 (never another
// address, whatever httptest's flags say). Close it when done.
func Start(opts Options) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("fake API: listen on 127.0.0.1: %w", err)
	}
	h := NewHandler(opts)
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	return &Server{Server: srv, Handler: h}, nil
}

// StartTest is Start for tests: it fails t on error and closes the server
// when t ends.
func StartTest(t testing.TB, opts Options) *Server {
	t.Helper()
	s, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}
