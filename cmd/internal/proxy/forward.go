package proxy

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/planner/pacing"
)

// call is one request on its way through the proxy.
type call struct {
	rec     store.Record
	user    *User
	body    []byte
	start   time.Time
	sent    time.Time // forwarded upstream
	pool    string
	acct    limiter.Accounting
	est     pacing.Request
	charge  limiter.Charge // reserved when admitted
	paced   bool
	watch   usageWatch
	header  http.Header // the response's headers
	upErr   error
	idle    *time.Timer
	cancel  context.CancelFunc
	written bool
}

type callKey struct{}

// allowedMethod says which methods each forwarded path takes.
func allowedMethod(r *http.Request) bool {
	switch r.Method {
	case http.MethodHead:
		return true
	case http.MethodPost:
		return strings.HasPrefix(r.URL.Path, "/v1/messages")
	case http.MethodGet:
		return strings.HasPrefix(r.URL.Path, "/v1/models")
	}
	return false
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	c := &call{start: s.cfg.Now()}
	user, ok := s.users.Load().Authenticate(clientToken(r))
	if !ok {
		s.metrics.unauthorized.Inc()
		writeAPIError(w, http.StatusUnauthorized, "tierplan proxy: invalid or missing token (send your proxy token as ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY)")
		return
	}
	if !allowedMethod(r) {
		writeAPIError(w, http.StatusMethodNotAllowed, "tierplan proxy: method "+r.Method+" is not forwarded for "+r.URL.Path)
		return
	}
	c.user = user
	c.rec = store.Record{ID: newRecordID(), Time: c.start.UTC(), User: user.Name, Group: user.Group,
		SessionID: cleanHeader(r.Header.Get("X-Claude-Code-Session-Id"), 128), Method: r.Method, Path: r.URL.Path,
		Instance: s.cfg.Instance}
	if r.Method == http.MethodPost {
		if !s.readBody(w, r, c) {
			return
		}
	}
	messages := r.Method == http.MethodPost && r.URL.Path == "/v1/messages"
	if messages {
		if !s.checkBudget(w, r, c) || !s.pace(w, r, c) {
			return
		}
	}
	abort := s.forward(w, r, c)
	s.complete(c)
	if abort != nil {
		// The reverse proxy's way to break a response it could not finish,
		// so the client sees a cut stream, not a clean end.
		panic(abort)
	}
}

// readBody reads the request body within the size limit and the read
// timeout, and the fields pacing needs: model, stream, max_tokens.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, c *call) bool {
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(s.cfg.Now().Add(s.cfg.ReadTimeout))
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxRequestBytes))
	if err != nil {
		// The deadline stays, so the server does not wait for the rest of
		// the body before answering; the connection closes after.
		w.Header().Set("Connection", "close")
	} else {
		_ = rc.SetReadDeadline(time.Time{})
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		s.refuse(w, c, http.StatusRequestEntityTooLarge, "too_large",
			"tierplan proxy: request body larger than the proxy's limit of "+byteSize(s.cfg.MaxRequestBytes))
		return false
	case err != nil:
		s.refuse(w, c, http.StatusRequestTimeout, "slow_request", "tierplan proxy: the request body did not arrive in time")
		return false
	}
	c.body = body
	p := jsonParsers.Get()
	defer jsonParsers.Put(p)
	if v, err := p.ParseBytes(body); err == nil && v.Type() == fastjson.TypeObject {
		c.rec.Model = cleanHeader(string(v.GetStringBytes("model")), 128)
		c.rec.Stream = v.GetBool("stream")
		c.est.MaxTokens = max(v.GetInt64("max_tokens"), 0)
	}
	return true
}

// refuse answers for the proxy itself and records it.
func (s *Server) refuse(w http.ResponseWriter, c *call, status int, outcome, msg string) {
	c.rec.ErrorType = writeAPIError(w, status, msg)
	c.rec.Status, c.rec.Outcome = status, outcome
	c.rec.RetryAfter = w.Header().Get("retry-after")
	c.rec.ShouldRetry = w.Header().Get("x-should-retry")
	s.finishRecord(c)
}

// checkBudget refuses a developer over budget with a 429 that says when the
// budget resets and that retrying sooner will not help.
func (s *Server) checkBudget(w http.ResponseWriter, r *http.Request, c *call) bool {
	if c.user.Budget.None() {
		return true
	}
	now := s.cfg.Now()
	win := pacing.WindowsAt(now, s.cfg.Location)
	spent, err := s.spent(r.Context(), c.user.Name, win)
	if err != nil {
		s.storeReadFailed(c.user.Name, err)
		return true
	}
	v := c.user.Budget.Check(spent, win, now)
	if !v.Over {
		return true
	}
	s.metrics.budgetRefusals.WithLabelValues(c.user.Name, v.Window).Inc()
	writeRateLimited(w, v.RetryAfter, false, "tierplan proxy: "+c.user.Name+"'s "+v.Window+" budget of $"+v.Budget.Decimal()+
		" is used ($"+v.Spent.Decimal()+" at list prices); it resets at "+now.Add(v.RetryAfter).UTC().Format(time.RFC3339))
	c.rec.Status, c.rec.Outcome, c.rec.ErrorType = http.StatusTooManyRequests, "budget", "rate_limit_error"
	c.rec.RetryAfter, c.rec.ShouldRetry = w.Header().Get("retry-after"), "false"
	s.finishRecord(c)
	return false
}

// pace waits for room in the organisation's buckets.
func (s *Server) pace(w http.ResponseWriter, r *http.Request, c *call) bool {
	c.pool = "unknown"
	if m, ok := s.cfg.Table.MatchModel(c.rec.Model); ok {
		c.pool = m.Pool
		c.acct = limiter.AccountingFor(m, c.est.MaxTokens)
	}
	c.est.Key = c.user.Name + "\x00" + c.rec.SessionID
	c.est.Bytes = int64(len(c.body))
	c.est.At = s.cfg.Now().UnixMilli()
	s.estMu.Lock()
	u := s.est.Estimate(c.est)
	s.estMu.Unlock()
	c.charge = c.acct.ChargeOf(u, 0)
	t := &ticket{pool: c.pool, user: c.user.Name, interactive: c.user.Interactive(), charge: c.charge}
	waited, err := s.pacer.acquire(r.Context(), t)
	c.rec.QueuedMs = waited.Milliseconds()
	s.metrics.queueWait.Observe(waited.Seconds())
	var qe *queueError
	switch {
	case errors.As(err, &qe):
		outcome := "queue_timeout"
		if qe.full {
			outcome = "queue_full"
		}
		s.metrics.queueRefusals.WithLabelValues(outcome).Inc()
		writeRateLimited(w, qe.wait, true, "tierplan proxy: "+qe.Error()+"; the organisation's "+c.pool+" rate limits need time to refill")
		c.rec.Status, c.rec.Outcome, c.rec.ErrorType = http.StatusTooManyRequests, outcome, "rate_limit_error"
		c.rec.RetryAfter, c.rec.ShouldRetry = w.Header().Get("retry-after"), "true"
		s.finishRecord(c)
		return false
	case err != nil:
		c.rec.Status, c.rec.Outcome = 499, "client_gone"
		s.finishRecord(c)
		return false
	}
	c.paced = true
	return true
}

// forward sends the call upstream and copies the answer back as it comes.
// It returns the reverse proxy's panic when a response broke off midway
// (the API went silent or away, or the client left), for the caller to
// re-raise once the call is recorded.
func (s *Server) forward(w http.ResponseWriter, r *http.Request, c *call) (abort any) {
	ctx, cancel := context.WithCancel(context.WithValue(r.Context(), callKey{}, c))
	defer cancel()
	c.cancel = cancel
	c.sent = s.cfg.Now()
	out := r.WithContext(ctx)
	if c.body != nil {
		out.Body = io.NopCloser(bytes.NewReader(c.body))
		out.ContentLength = int64(len(c.body))
	}
	func() {
		defer func() { abort = recover() }()
		s.rp.ServeHTTP(&idleWriter{ResponseWriter: w, rc: http.NewResponseController(w), idle: s.cfg.StreamIdleTimeout}, out)
	}()
	if c.idle != nil {
		c.idle.Stop()
	}
	_ = c.watch.Close()
	switch {
	case abort != nil && r.Context().Err() != nil, c.upErr != nil && r.Context().Err() != nil:
		c.rec.Status, c.rec.Outcome = 499, "client_gone"
	case abort != nil:
		c.rec.Outcome = "upstream_cut"
	case c.upErr != nil:
		c.rec.Outcome = "upstream_error"
	default:
		c.rec.Outcome = "upstream"
		if r.Context().Err() != nil && !c.watch.Finished && c.rec.Stream {
			c.rec.Outcome = "client_gone"
		}
	}
	return abort
}

// idleWriter pushes the client's write deadline forward on every write, so
// a client that stops reading is cut after the idle timeout instead of
// holding the call forever.
type idleWriter struct {
	http.ResponseWriter
	rc       *http.ResponseController
	idle     time.Duration
	deadline time.Time
}

// Write moves the deadline only when a tenth of the idle time has passed
// since it was set, not on every event of a stream.
func (w *idleWriter) Write(p []byte) (int, error) {
	if now := time.Now(); w.deadline.Sub(now) < w.idle-w.idle/10 {
		w.deadline = now.Add(w.idle)
		_ = w.rc.SetWriteDeadline(w.deadline)
	}
	return w.ResponseWriter.Write(p)
}

func (w *idleWriter) Flush() { _ = w.rc.Flush() }

func (w *idleWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// cleanHeader keeps a value from outside that the proxy logs or stores:
// printable ASCII only, cut to n bytes.
func cleanHeader(v string, n int) string {
	var b strings.Builder
	for i := 0; i < len(v) && b.Len() < n; i++ {
		if c := v[i]; c >= 0x20 && c < 0x7f {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return itoa(n>>20) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return itoa(n>>10) + " KiB"
	}
	return itoa(n) + " bytes"
}
