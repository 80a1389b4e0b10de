package report_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumEnv names a browser binary for the browser test; without it the
// test looks for chromium on PATH and skips when there is none.
const chromiumEnv = "TIERPLAN_TEST_CHROMIUM"

// screenshotEnv, when set, names a file the test also writes its
// screenshot to (the README's picture is made this way).
const screenshotEnv = "TIERPLAN_REPORT_SCREENSHOT"

func chromiumPath(t *testing.T) string {
	if p := os.Getenv(chromiumEnv); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skipf("report browser test skipped: no chromium on PATH (install Debian's chromium, or set %s=/path/to/chrome)", chromiumEnv)
	return ""
}

// The report from logs loads in a real headless browser without an error
// and without a request beyond its own file; every chart has drawn area;
// the dark scheme changes the page's colours. A screenshot is left in a
// temporary directory for people to look at.
func TestReportInBrowser(t *testing.T) {
	bin := chromiumPath(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	r := run(t, "--tiers", fixtureTiers, "report", "--from-logs="+fixtureLogs, "--tz", "UTC", "--plan", "max", "--out", page)
	if r.Code != 0 {
		t.Fatalf("exit %d: %s", r.Code, r.Stderr)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:0:0],
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-default-browser-check", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1100, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	var mu sync.Mutex
	var problems, requests []string
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
		case *network.EventRequestWillBeSent:
			requests = append(requests, e.Request.URL)
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
	step(chromedp.Do(ctx, chromedp.Navigate("file://"+page), chromedp.WaitReady("footer")))
	title, err := chromedp.Run(ctx, chromedp.Title())
	step(err)
	// Each chart's drawn area: the union of its bars', lines' and bands'
	// boxes, as the browser laid them out.
	areas, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[...document.querySelectorAll('svg.tp-chart')].map(svg => {
		let a = 0;
		for (const el of svg.querySelectorAll('rect.s0, rect.s1, rect.band, path')) { const r = el.getBoundingClientRect(); a += r.width * Math.max(r.height, 1); }
		return a; })`))
	step(err)
	light, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
	step(err)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	step(err)
	call(chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}))
	dark, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
	step(err)

	out := filepath.Join(dir, "report.png")
	step(os.WriteFile(out, shot, 0o644))
	t.Logf("screenshot: %s", out)
	if p := os.Getenv(screenshotEnv); p != "" {
		step(os.WriteFile(p, shot, 0o644))
	}
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Fatalf("the page reported problems: %v", problems)
	}
	for _, u := range requests {
		if u != "file://"+page {
			t.Errorf("the page asked for %s", u)
		}
	}
	if !strings.HasPrefix(title, "tierplan report") {
		t.Errorf("title %q", title)
	}
	if len(areas) < 7 {
		t.Fatalf("%d charts, want the logs' 2 and each workload's", len(areas))
	}
	for i, a := range areas {
		if a < 500 {
			t.Errorf("chart %d has a drawn area of %.0f px², want a visible one", i, a)
		}
	}
	if light == dark {
		t.Errorf("the dark scheme leaves the background %s", light)
	}
}
