// Package proxy is `tierplan proxy`, the team proxy: developers' Claude Code
// and SDK clients send their calls here with tokens of their own, and the
// proxy forwards them to the Anthropic API with the organisation's one key.
// On the way it keeps a record of every call (who, which model, the usage,
// every rate-limit header), holds calls back in a short queue while the
// organisation's per-minute buckets are short instead of letting them run
// into 429s, enforces per-developer budgets, and serves the records, a
// dashboard and Prometheus metrics to an admin.
//
// What passes through is the API's own bytes: streams are not buffered,
// anthropic-* headers pass both ways, error bodies are unchanged. Only the
// Messages API's paths are forwarded; the proxy is not an open proxy.
package proxy

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
	"github.com/tierplan/tierplan/planner/pacing"
	"github.com/tierplan/tierplan/planner/statusline"
	"github.com/tierplan/tierplan/planner/termsafe"
	"github.com/tierplan/tierplan/tiers"
)

// Server is one proxy instance.
type Server struct {
	cfg    Config
	users  atomic.Pointer[Users]
	store  store.Store
	writer *recordWriter
	pacer  *pacer
	rp     *httputil.ReverseProxy

	estMu sync.Mutex
	est   *pacing.Estimator

	warns   *warnings
	metrics *metrics
	// lastReadWarn is when the log last said budgets go unchecked.
	lastReadWarn atomic.Int64
	// lastHeadroomWarn is when the log last said the same of a headroom
	// answer.
	lastHeadroomWarn atomic.Int64
	logMu            sync.Mutex
	handler          http.Handler
}

// New makes a proxy over a store; users is the users file's first version.
func New(cfg Config, users *Users, st store.Store) (*Server, error) {
	cfg.setDefaults()
	if cfg.OrgKey == "" {
		return nil, errors.New("no organisation key: set ANTHROPIC_API_KEY in the proxy's environment")
	}
	if cfg.Table == nil {
		return nil, errors.New("no tier table")
	}
	if cfg.Tier != "" {
		if _, ok := cfg.Table.Tier(cfg.Tier); !ok {
			return nil, fmt.Errorf("--tier %q is not in the tier table (%s)", cfg.Tier, cfg.Table.Origin)
		}
	}
	s := &Server{cfg: cfg, store: st, est: pacing.NewEstimator(), warns: newWarnings(cfg.WarnBelow)}
	s.users.Store(users)
	s.metrics = newMetrics(s)
	s.writer = newRecordWriter(st, s.logf)
	s.writer.onFlush = s.metrics.flushed
	limits := func(pool string) tiers.Limits {
		if t, ok := cfg.Table.Tier(cfg.Tier); ok && cfg.Tier != "" {
			return t.Limits[pool]
		}
		return tiers.Limits{}
	}
	local := newMemState(limits, cfg.Window)
	var state bucketState = local
	if shared, ok := st.(store.SharedBuckets); ok {
		state = &sharedState{db: shared, local: local, limits: limits, window: cfg.Window, warn: s.sharedDown()}
	}
	s.pacer = newPacer(state, cfg.Now, cfg.QueueMax, cfg.QueueTimeout)
	s.pacer.onWait = s.metrics.queueLength
	s.rp = s.reverseProxy()
	s.handler = s.routes()
	return s, nil
}

// sharedDown logs, once per outage, that pacing fell back to local buckets.
func (s *Server) sharedDown() func(error) {
	var last atomic.Int64
	return func(err error) {
		now := s.cfg.Now().Unix()
		if now-last.Swap(now) > 60 {
			s.logf("warning: shared buckets unavailable, pacing with this instance's own: %v", err)
		}
	}
}

// storeReadFailed says, at most once a minute, that budgets go unchecked
// because the store cannot be read: the calls themselves go on.
func (s *Server) storeReadFailed(user string, err error) {
	now := s.cfg.Now().Unix()
	if last := s.lastReadWarn.Load(); now-last >= 60 && s.lastReadWarn.CompareAndSwap(last, now) {
		s.logf("warning: budgets not checked (first: %s), the store cannot be read: %v", user, err)
	}
}

// SetUsers replaces the users (after the file changed).
func (s *Server) SetUsers(u *Users) { s.users.Store(u) }

// logf writes one log line: a UTC time, then the message. Messages hold
// the proxy's own words and values it has checked or quoted, but also
// errors whose words come from outside (the database server's, a users
// file's), so the line is escaped before it reaches a terminal.
func (s *Server) logf(format string, a ...any) {
	msg := strings.ReplaceAll(fmt.Sprintf(format, a...), "\n", " ")
	line := s.cfg.Now().UTC().Format(time.RFC3339) + " tierplan proxy: " + termsafe.Escape(msg) + "\n"
	s.logMu.Lock()
	defer s.logMu.Unlock()
	_, _ = s.cfg.Log.Write([]byte(line))
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	api := http.HandlerFunc(s.serveAPI)
	for _, p := range []string{"/v1/messages", "/v1/messages/count_tokens", "/v1/models", "/v1/models/{id}"} {
		mux.Handle(p, api)
	}
	// A developer's status line asks here; outside /v1/, so it can never
	// shadow an API path.
	mux.HandleFunc(statusline.ProxyHeadroomPath, s.serveHeadroom)
	mux.HandleFunc("/{$}", s.serveDashboard)
	mux.HandleFunc("/dashboard.json", s.admin(s.serveDashboardJSON))
	mux.HandleFunc("/rate-limit-log", s.admin(s.serveRateLimitLog))
	mux.HandleFunc("/metrics", s.admin(s.metrics.serve))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeAPIError(w, http.StatusNotFound, "tierplan proxy: this path is not forwarded (only the Messages API: /v1/messages, /v1/messages/count_tokens, /v1/models)")
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Only plain, clean paths reach the mux: no encoded bytes, no dot
		// segments, nothing a path cleaner would redirect.
		if r.URL.RawPath != "" || r.URL.Path == "" || path.Clean(r.URL.Path) != r.URL.Path && r.URL.Path != "/" {
			writeAPIError(w, http.StatusNotFound, "tierplan proxy: this path is not forwarded")
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// Serve answers on ln until ctx ends, then stops taking connections and
// waits up to the drain timeout for calls in progress (streams included),
// and writes the records still pending.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: min(s.cfg.ReadTimeout, 30*time.Second),
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    1 << 20,
		ErrorLog:          nil,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		s.logf("shutting down: waiting up to %s for open calls", s.cfg.DrainTimeout)
		dctx, cancel := context.WithTimeout(context.Background(), s.cfg.DrainTimeout)
		err = srv.Shutdown(dctx)
		cancel()
		if errors.Is(err, context.DeadlineExceeded) {
			s.logf("warning: calls still open after %s were cut", s.cfg.DrainTimeout)
			_ = srv.Close()
		}
		<-errc
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	wctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if werr := s.writer.close(wctx); err == nil {
		err = werr
	}
	return err
}
