package proxy

import (
	"context"
	"errors"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"
	"time"

	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/planner/pacing"
	"github.com/tierplan/tierplan/planner/usage"
)

// reverseProxy is the standard library's reverse proxy, which already does
// what HTTP asks of a proxy (hop-by-hop headers dropped both ways, trailers,
// flushing), set to flush every write so a stream is never held back.
func (s *Server) reverseProxy() *httputil.ReverseProxy {
	tr := &http.Transport{
		Proxy:                 nil, // the upstream is reached directly, never through HTTP_PROXY
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          1000,
		MaxIdleConnsPerHost:   1000,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: s.cfg.UpstreamTimeout,
		DisableCompression:    true,
	}
	up := s.cfg.Upstream
	return &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(up)
			h := pr.Out.Header
			// The developer's token stays here; the organisation's key goes.
			h.Del("Authorization")
			h.Del("X-Api-Key")
			h.Set("X-Api-Key", s.cfg.OrgKey)
			// Uncompressed answers, so the proxy can read usage as it passes.
			h.Del("Accept-Encoding")
		},
		Transport:      tr,
		FlushInterval:  -1,
		ErrorLog:       log.New(discard{}, "", 0),
		ModifyResponse: s.observeResponse,
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			c := r.Context().Value(callKey{}).(*call)
			c.upErr = err
			if r.Context().Err() != nil {
				return // the client left; nobody to answer
			}
			status, msg := http.StatusBadGateway, "tierplan proxy: the API could not be reached"
			if isTimeout(err) {
				status, msg = http.StatusGatewayTimeout, "tierplan proxy: the API did not answer in time"
			}
			c.rec.ErrorType = writeAPIError(w, status, msg)
			c.rec.Status = status
			s.metrics.upstreamErrors.Inc()
			s.logf("warning: upstream %s for %s: %s", strconv.Quote(r.URL.Path), c.user.Name, errorClass(err))
		},
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// errorClass describes a transport error without its URL.
func errorClass(err error) string {
	switch {
	case isTimeout(err):
		return "timed out"
	case strings.Contains(err.Error(), "connection refused"):
		return "connection refused"
	case strings.Contains(err.Error(), "no such host"):
		return "host not found"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	}
	return "connection failed"
}

// observeResponse notes the response's status and headers and watches its
// body for usage as it is copied.
func (s *Server) observeResponse(resp *http.Response) error {
	c := resp.Request.Context().Value(callKey{}).(*call)
	c.rec.Status = resp.StatusCode
	c.rec.FirstByteMs = s.cfg.Now().Sub(c.sent).Milliseconds()
	c.header = resp.Header
	c.rec.RateLimit = map[string]string{}
	for k, vs := range resp.Header {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, pacing.HeaderPrefix) && len(vs) > 0 {
			c.rec.RateLimit[lk] = cleanHeader(vs[0], 256)
		}
	}
	c.rec.RetryAfter = cleanHeader(resp.Header.Get("Retry-After"), 32)
	c.rec.ShouldRetry = cleanHeader(resp.Header.Get("X-Should-Retry"), 16)
	c.rec.RequestID = cleanHeader(resp.Header.Get("Request-Id"), 128)
	c.watch.sse = strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream")
	idle := s.cfg.StreamIdleTimeout
	c.idle = time.AfterFunc(idle, c.cancel)
	resp.Body = &watchedBody{ReadCloser: resp.Body, watch: &c.watch, onRead: func(int) { c.idle.Reset(idle) }}
	return nil
}

// complete settles a forwarded call: the real charge replaces the reserved
// one, the estimator learns, the record is kept, warnings are checked.
func (s *Server) complete(c *call) {
	u := c.watch.Usage
	if c.watch.Model != "" && c.rec.Model == "" {
		c.rec.Model = cleanHeader(c.watch.Model, 128)
	}
	if c.rec.ErrorType == "" {
		c.rec.ErrorType = cleanHeader(c.watch.ErrType, 64)
	}
	c.rec.Usage = u
	if cost, ok := usage.CallCost(s.cfg.Table, c.rec.Model, usage.Tokens{Input: u.Input, Output: u.Output,
		CacheWrite5m: u.CacheWrite5m, CacheWrite1h: u.CacheWrite1h, CacheRead: u.CacheRead}); ok {
		c.rec.Cost = cost
	}
	rep := pacing.ReadHeaders(c.rec.RateLimit)
	s.metrics.bucketsSeen(s.poolOf(c.rec.Model), rep)
	if c.paced {
		actual := limiter.Charge{}
		if c.rec.Outcome == "upstream" && c.rec.Status < 400 || c.watch.Started {
			lu := limiter.Usage{Input: u.Input, CacheWrite: u.CacheWrite5m + u.CacheWrite1h, CacheRead: u.CacheRead, Output: u.Output}
			actual = c.acct.ChargeOf(lu, 0)
			if c.watch.Started {
				s.estMu.Lock()
				s.est.Learn(c.est, lu)
				s.estMu.Unlock()
			}
		}
		s.pacer.finish(c.pool, &c.charge, &actual, rep)
	}
	for _, low := range s.warns.check(c.user.Name, c.pool, rep, s.cfg.Now()) {
		s.logf("warning: %s", low)
	}
	s.finishRecord(c)
}

// finishRecord stamps the latency and hands the record to the writer.
func (s *Server) finishRecord(c *call) {
	if c.written {
		return
	}
	c.written = true
	c.rec.LatencyMs = s.cfg.Now().Sub(c.start).Milliseconds()
	s.metrics.observe(&c.rec)
	s.writer.add(c.rec)
}

// spent is what a user spent per window: the store's sum plus the records
// not yet written.
func (s *Server) spent(ctx context.Context, user string, w pacing.Windows) (pacing.Spent, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	got, err := s.store.Spent(ctx, user, w)
	if err != nil {
		return got, err
	}
	p := s.writer.pendingSpent(user, w)
	got.Day += p.Day
	got.Week += p.Week
	got.Month += p.Month
	return got, nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
