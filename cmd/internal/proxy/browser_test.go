package proxy

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
)

// chromiumEnv names a browser binary for the dashboard test; without it the
// test looks for chromium on PATH and skips when there is none.
const chromiumEnv = "TIERPLAN_TEST_CHROMIUM"

func chromiumPath(t *testing.T) string {
	if p := os.Getenv(chromiumEnv); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skipf("dashboard browser test skipped: no chromium on PATH (install Debian's chromium, or set %s=/path/to/chrome)", chromiumEnv)
	return ""
}

// The dashboard loads in a real headless browser without an error, draws a
// chart with area for each bucket, and lists the users.
func TestDashboardInBrowser(t *testing.T) {
	bin := chromiumPath(t)
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

	opts := append(chromedp.DefaultExecAllocatorOptions[:0:0],
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-default-browser-check", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 1000))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	var mu sync.Mutex
	var problems []string
	listen := func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				problems = append(problems, "console error")
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				problems = append(problems, "log: "+e.Entry.Text)
			}
		case *network.EventLoadingFailed:
			problems = append(problems, "load failed: "+e.ErrorText)
		}
	}
	step := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	call := func(_ cdp.Empty, err error) { t.Helper(); step(err) }
	step(chromedp.Listen(ctx, listen))
	call(chromedp.Call(ctx, network.Enable, network.EnableParams{}))
	call(chromedp.Call(ctx, log.Enable, cdp.Empty{}))
	call(chromedp.Call(ctx, runtime.Enable, cdp.Empty{}))
	call(chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
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
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
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
