package proxy

import (
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
)

// A bucket below the warning level is logged once per user while it stays
// low; the rate-limit log returns the newest records first, with every
// rate-limit header; the dashboard and metrics show them.
func TestWarningsLogAndDashboard(t *testing.T) {
	low := fakeapi.OK().WithRateLimitHeaders(fakeapi.Buckets{RequestsLimit: 50, RequestsRemaining: 40,
		InputLimit: 30_000, InputRemaining: 2_000, OutputLimit: 8_000, OutputRemaining: 7_000, Reset: time.Unix(1_800_000_000, 0)}).
		WithHeader("anthropic-ratelimit-unified-5h-utilization", "0.95")
	fine := fakeapi.OK().WithRateLimitHeaders(fakeapi.Buckets{RequestsLimit: 50, RequestsRemaining: 40,
		InputLimit: 30_000, InputRemaining: 20_000, OutputLimit: 8_000, OutputRemaining: 7_000, Reset: time.Unix(1_800_000_000, 0)})
	up := fakeapi.StartTest(t, fakeapi.Options{Script: []fakeapi.Reply{low, low, fine, low, fakeapi.RateLimited("7")}})
	// A minute between calls, so the newest record is plain.
	var minute atomic.Int64
	start := time.Now().Add(-10 * time.Minute)
	h := startProxy(t, up.URL, defaultUsers, func(c *Config) {
		c.Now = func() time.Time { return start.Add(time.Duration(minute.Load()) * time.Minute) }
	})
	for i, u := range []string{"ann", "ann", "ann", "ann", "bob"} {
		minute.Store(int64(i))
		readAll(t, h.do("POST", "/v1/messages", u, jsonBody("claude-sonnet-4-5"), "x-claude-code-session-id", "s-"+u))
	}
	logText := h.log.String()
	if n := strings.Count(logText, "ann: the input-tokens bucket of sonnet-4 is at 6.7% (2,000 of 30,000 left)"); n != 2 {
		t.Fatalf("input warning logged %d times, want 2 (low, low again after recovering):\n%s", n, logText)
	}
	if !strings.Contains(logText, "ann: the unified-5h bucket of sonnet-4 is at 5.0%") {
		t.Fatalf("unified warning missing:\n%s", logText)
	}
	h.records(5)
	resp := h.do("GET", "/rate-limit-log?limit=2", "", "", "Authorization", "Bearer "+adminToken)
	var rl struct {
		SchemaVersion int `json:"schema_version"`
		Records       []struct {
			User       string
			Status     int
			RetryAfter string            `json:"retry_after"`
			RateLimit  map[string]string `json:"rate_limit"`
		}
	}
	if err := json.Unmarshal([]byte(readAll(t, resp)), &rl); err != nil {
		t.Fatal(err)
	}
	if rl.SchemaVersion != 1 || len(rl.Records) != 2 || rl.Records[0].User != "bob" || rl.Records[0].Status != 429 ||
		rl.Records[0].RetryAfter != "7" || rl.Records[1].RateLimit["anthropic-ratelimit-input-tokens-remaining"] != "2000" {
		t.Fatalf("rate-limit log: %+v", rl)
	}
	for _, bad := range []string{"0", "-1", "x", "10001"} {
		resp := h.do("GET", "/rate-limit-log?limit="+bad, "", "", "Authorization", "Bearer "+adminToken)
		if readAll(t, resp); resp.StatusCode != 400 {
			t.Errorf("limit=%s: %d, want 400", bad, resp.StatusCode)
		}
	}
	page := readAll(t, h.do("GET", "/", "", "", "Authorization", "Bearer "+adminToken))
	for _, want := range []string{"<td>ann</td>", "sonnet-4 · input-tokens · limit 30,000/min", `class="area" d="M`, "7", "6.7%"} {
		if !strings.Contains(page, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	var d struct {
		Users    []struct{ Requests int }
		Refusals []struct{ User string } `json:"recent_429s"`
		Warnings []Warning
	}
	if err := json.Unmarshal([]byte(readAll(t, h.do("GET", "/dashboard.json", "", "", "Authorization", "Bearer "+adminToken))), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Users) != 2 || d.Users[0].Requests != 4 || len(d.Refusals) != 1 || len(d.Warnings) != 3 {
		t.Fatalf("dashboard data: %+v", d)
	}
	metrics := readAll(t, h.do("GET", "/metrics", "", "", "Authorization", "Bearer "+adminToken))
	for _, want := range []string{`tierplan_proxy_requests_total{outcome="upstream",status="200",user="ann"} 4`, "tierplan_proxy_upstream_429_total 1",
		`tierplan_proxy_bucket_share_left{bucket="input-tokens",pool="sonnet-4"} 0.0666`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

// A chart is the share left as a step line over the hour, filled below.
func TestChartOf(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	c := chartOf(BucketSeries{Points: []SharePoint{{now.Add(-30 * time.Minute), 0.5}, {now.Add(-15 * time.Minute), 0.25}}}, now)
	// x: 30 min of 60 → 300 of 600; 45 min → 450. y: half → 60 of 120; a quarter left → 90.
	if c.Line != "M300.0 60.0 H450.0 V90.0 H600" || c.Area != "M300.0 60.0 H450.0 V90.0 H600 V120 H300.0 Z" || c.Last != 0.25 {
		t.Fatalf("chart %+v", c)
	}
	if e := chartOf(BucketSeries{}, now); e.Line != "" {
		t.Fatalf("an empty series draws %q", e.Line)
	}
}
