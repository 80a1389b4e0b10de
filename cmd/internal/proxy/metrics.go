package proxy

import (
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
	"github.com/tierplan/tierplan/planner/pacing"
)

// metrics are the proxy's Prometheus metrics, on a registry of its own (no
// global state, so tests can run several proxies in one process).
type metrics struct {
	reg            *prometheus.Registry
	requests       *prometheus.CounterVec
	tokens         *prometheus.CounterVec
	upstream429    prometheus.Counter
	upstreamErrors prometheus.Counter
	unauthorized   prometheus.Counter
	budgetRefusals *prometheus.CounterVec
	queueRefusals  *prometheus.CounterVec
	queueWait      prometheus.Histogram
	queued         *prometheus.GaugeVec
	shareLeft      *prometheus.GaugeVec
	latency        prometheus.Histogram
	recordsWritten prometheus.Counter
	recordsPending prometheus.Gauge
	storeErrors    prometheus.Counter
	handler        http.Handler
}

func newMetrics(s *Server) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	f := func(c prometheus.Collector) { m.reg.MustRegister(c) }
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tierplan_proxy_requests_total",
		Help: "Requests by user, status code and outcome (upstream, or the proxy's own refusal)."}, []string{"user", "status", "outcome"})
	m.tokens = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tierplan_proxy_tokens_total",
		Help: "Tokens by user and kind, as the API's usage reported them."}, []string{"user", "kind"})
	m.upstream429 = prometheus.NewCounter(prometheus.CounterOpts{Name: "tierplan_proxy_upstream_429_total",
		Help: "429 answers from the API itself."})
	m.upstreamErrors = prometheus.NewCounter(prometheus.CounterOpts{Name: "tierplan_proxy_upstream_errors_total",
		Help: "Calls the API could not be reached for."})
	m.unauthorized = prometheus.NewCounter(prometheus.CounterOpts{Name: "tierplan_proxy_unauthorized_total",
		Help: "Requests refused for a missing or unknown token."})
	m.budgetRefusals = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tierplan_proxy_budget_refusals_total",
		Help: "Calls refused because the user's budget was used."}, []string{"user", "window"})
	m.queueRefusals = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tierplan_proxy_queue_refusals_total",
		Help: "Calls the proxy answered 429 itself: the queue was full, or the wait passed its deadline."}, []string{"reason"})
	m.queueWait = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "tierplan_proxy_queue_wait_seconds",
		Help: "Time calls waited for room in the organisation's buckets.", Buckets: []float64{0.001, 0.01, 0.1, 0.5, 1, 2, 5, 10, 30, 60}})
	m.queued = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "tierplan_proxy_queued_calls",
		Help: "Calls waiting in the pacing queue, by pool."}, []string{"pool"})
	m.shareLeft = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "tierplan_proxy_bucket_share_left",
		Help: "Share of each of the organisation's buckets left, as the API's latest headers reported it (0-1)."}, []string{"pool", "bucket"})
	m.latency = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "tierplan_proxy_request_duration_seconds",
		Help: "Whole calls through the proxy, queue and stream included.", Buckets: prometheus.ExponentialBuckets(0.01, 2.5, 10)})
	m.recordsWritten = prometheus.NewCounter(prometheus.CounterOpts{Name: "tierplan_proxy_records_written_total",
		Help: "Records written to the store."})
	m.recordsPending = prometheus.NewGauge(prometheus.GaugeOpts{Name: "tierplan_proxy_records_pending",
		Help: "Records kept in memory, not yet in the store."})
	m.storeErrors = prometheus.NewCounter(prometheus.CounterOpts{Name: "tierplan_proxy_store_errors_total",
		Help: "Failed writes to the store (the records are kept and retried)."})
	for _, c := range []prometheus.Collector{m.requests, m.tokens, m.upstream429, m.upstreamErrors, m.unauthorized,
		m.budgetRefusals, m.queueRefusals, m.queueWait, m.queued, m.shareLeft, m.latency, m.recordsWritten, m.recordsPending, m.storeErrors,
		collectors.NewGoCollector()} {
		f(c)
	}
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return m
}

func (m *metrics) serve(w http.ResponseWriter, r *http.Request) { m.handler.ServeHTTP(w, r) }

func (m *metrics) observe(r *store.Record) {
	m.requests.WithLabelValues(r.User, strconv.Itoa(r.Status), r.Outcome).Inc()
	if r.Outcome == "upstream" && r.Status == http.StatusTooManyRequests {
		m.upstream429.Inc()
	}
	for kind, n := range map[string]int64{"input": r.Usage.Input, "output": r.Usage.Output,
		"cache_write": r.Usage.CacheWrite5m + r.Usage.CacheWrite1h, "cache_read": r.Usage.CacheRead} {
		if n > 0 {
			m.tokens.WithLabelValues(r.User, kind).Add(float64(n))
		}
	}
	m.latency.Observe(float64(r.LatencyMs) / 1000)
}

func (m *metrics) queueLength(pool string, n int) { m.queued.WithLabelValues(pool).Set(float64(n)) }

func (m *metrics) flushed(written, pending int, err error) {
	m.recordsWritten.Add(float64(written))
	m.recordsPending.Set(float64(pending))
	if err != nil {
		m.storeErrors.Inc()
	}
}

// bucketsSeen sets the share-left gauges from a response's headers.
func (m *metrics) bucketsSeen(pool string, rep pacing.Report) {
	for _, b := range []struct {
		name string
		r    pacing.Reading
	}{{"requests", rep.Requests}, {"input-tokens", rep.Input}, {"output-tokens", rep.Output}, {"tokens", rep.Tokens}} {
		if b.r.Known {
			m.shareLeft.WithLabelValues(pool, b.name).Set(float64(b.r.Remaining) / float64(b.r.Limit))
		}
	}
	for _, u := range rep.Unified {
		m.shareLeft.WithLabelValues(pool, "unified-"+u.Window).Set(max(1-u.Utilization, 0))
	}
}
