package proxy

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
	"github.com/tierplan/tierplan/tiers"
)

// orgKey is the organisation's key in tests; no output may ever show it.
const orgKey = "sk-ant-api03-ORGKEY-never-shown-0123456789"

// adminToken guards the admin pages in tests.
const adminToken = "admin-token-for-tests-7f3a"

// syncBuffer is a log that tests read while the proxy writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// harness is a proxy on 127.0.0.1 in front of an upstream.
type harness struct {
	t      testing.TB
	srv    *Server
	url    string
	log    *syncBuffer
	store  store.Store
	tokens map[string]string // user → token
	dbPath string
	cancel context.CancelFunc
	done   chan error
}

// testUser is a users-file entry made for a test.
type testUser struct {
	name, group, priority string
	dayBudget             float64
}

var defaultUsers = []testUser{{name: "ann", group: "backend"}, {name: "bob", priority: PriorityBatch}}

func defaultTable(t testing.TB) *tiers.Table {
	tb, err := tiers.Load(tiers.Source{}, tierplan.DefaultTiers)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// startProxy starts a proxy in front of upstream with the users given;
// edit changes the config first.
func startProxy(t testing.TB, upstream string, users []testUser, edit func(*Config)) *harness {
	t.Helper()
	h := &harness{t: t, log: &syncBuffer{}, tokens: map[string]string{}}
	var file strings.Builder
	file.WriteString("users:\n")
	for _, u := range users {
		tok, hash, err := NewToken()
		if err != nil {
			t.Fatal(err)
		}
		h.tokens[u.name] = tok
		file.WriteString(UsersFileEntry(u.name, hash))
		if u.group != "" {
			file.WriteString("    group: " + u.group + "\n")
		}
		if u.priority != "" {
			file.WriteString("    priority: " + u.priority + "\n")
		}
		if u.dayBudget > 0 {
			file.WriteString("    budget: {day: " + strconv.FormatFloat(u.dayBudget, 'f', -1, 64) + "}\n")
		}
	}
	parsed, err := ParseUsers("users.yaml", []byte(file.String()))
	if err != nil {
		t.Fatal(err)
	}
	up, err := url.Parse(upstream)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Upstream: up, OrgKey: orgKey, AdminToken: adminToken, Table: defaultTable(t), Log: h.log,
		Instance: "test", DrainTimeout: 10 * time.Second}
	if edit != nil {
		edit(&cfg)
	}
	if h.store == nil {
		h.dbPath = filepath.Join(t.TempDir(), "proxy.db")
		st, err := store.Open(context.Background(), h.dbPath)
		if err != nil {
			t.Fatal(err)
		}
		h.store = st
	}
	h.startWith(cfg, parsed)
	return h
}

func (h *harness) startWith(cfg Config, users *Users) {
	t := h.t
	srv, err := New(cfg, users, h.store)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h.srv, h.url = srv, "http://"+ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel, h.done = cancel, make(chan error, 1)
	go func() { h.done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		h.stop()
		h.store.Close()
	})
}

// stop shuts the proxy down (draining) and waits for it.
func (h *harness) stop() error {
	if h.cancel == nil {
		return nil
	}
	h.cancel()
	h.cancel = nil
	return <-h.done
}

// do sends a request through the proxy as user (no token for "").
func (h *harness) do(method, path, user, body string, hdr ...string) *http.Response {
	h.t.Helper()
	req, err := http.NewRequest(method, h.url+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+h.tokens[user])
	}
	req.Header.Set("content-type", "application/json")
	req.Header.Set("anthropic-version", "2023-06-01")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp
}

// readAll reads and closes a response body.
func readAll(t testing.TB, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// records waits until the store holds n records and returns them.
func (h *harness) records(n int) []store.Record {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		recs, err := h.store.Range(context.Background(), time.Time{}, time.Time{})
		if err != nil {
			h.t.Fatal(err)
		}
		if len(recs) >= n || time.Now().After(deadline) {
			if len(recs) != n {
				h.t.Fatalf("%d records, want %d", len(recs), n)
			}
			return recs
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func streamBody(model string) string {
	return `{"model":"` + model + `","max_tokens":1024,"stream":true,"messages":[{"role":"user","content":"hello"}]}`
}

func jsonBody(model string) string {
	return `{"model":"` + model + `","max_tokens":1024,"messages":[{"role":"user","content":"hello"}]}`
}
