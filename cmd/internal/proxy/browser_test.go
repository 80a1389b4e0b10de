package proxy

import (
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest/browsertest"
	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
)

// The dashboard loads in a real headless browser without an error, draws a
// chart with area for each bucket, and lists the users.
func TestDashboardInBrowser(t *testing.T) {
	reset := time.Unix(1_800_000_000, 0)
	var script []fakeapi.Reply
	for i := range 12 {
		script = append(script, fakeapi.OK().WithRateLimitHeaders(fakeapi.Buckets{RequestsLimit: 50, RequestsRemaining: 49 - 4*i,
			InputLimit: 30_000, InputRemaining: 30_000 - 2_400*i, OutputLimit: 8_000, OutputRemaining: 7_900 - 600*i, Reset: reset}))
	}
	up := fakeapi.StartTest(t, fakeapi.Options{Script: script, Then: fakeapi.RateLimited("5")})
	// The calls come four minutes apart, so the charts span the hour.
	var clock atomic.Int64
	start := time.Now().Add(-55 * time.Minute)
	h := startProxy(t, up.URL, defaultUsers, func(c *Config) {
		c.Now = func() time.Time { return start.Add(time.Duration(clock.Load()) * time.Minute) }
	})
	for i := range 13 {
		clock.Store(int64(4 * i))
		readAll(t, h.do("POST", "/v1/messages", []string{"ann", "bob"}[i%2], jsonBody("claude-sonnet-4-5")))
	}
	clock.Store(55)
	h.records(13)

	b := browsertest.Open(t, 1400, 1000)
	ctx, step := b.Ctx, b.Must
	b.MustCall(chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
		Headers: network.Headers{"Authorization": "Bearer " + adminToken}}))
	step(chromedp.Do(ctx, chromedp.Navigate(h.url+"/"), chromedp.WaitReady("#users")))
	title, err := chromedp.Run(ctx, chromedp.Title())
	step(err)
	areas, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[...document.querySelectorAll('svg.chart path.area')].map(p => { const r = p.getBoundingClientRect(); return r.width * r.height; })`))
	step(err)
	users, err := chromedp.Run(ctx, chromedp.Text("#users"))
	step(err)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	step(err)
	if p := os.Getenv("TIERPLAN_DASHBOARD_SCREENSHOT"); p != "" {
		_ = os.WriteFile(p, shot, 0o644)
	}
	if problems := b.Problems(); len(problems) > 0 {
		t.Fatalf("the page reported problems: %v", problems)
	}
	if title != "tierplan proxy" || !strings.Contains(users, "ann") || !strings.Contains(users, "bob") {
		t.Fatalf("title %q, users table %q", title, users)
	}
	// requests, input-tokens, output-tokens of sonnet-4.
	if len(areas) != 3 {
		t.Fatalf("%d charts, want 3", len(areas))
	}
	for i, a := range areas {
		if a < 1_000 {
			t.Errorf("chart %d has a drawn area of %.0f px², want a visible one", i, a)
		}
	}
}
