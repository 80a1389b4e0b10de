package report_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest/browsertest"
)

// screenshotEnv, when set, names a file the test also writes its
// screenshot to (the README's picture is made this way).
const screenshotEnv = "TIERPLAN_REPORT_SCREENSHOT"

// The report from logs loads in a real headless browser without an error
// and without a request beyond its own file; every chart has drawn area;
// the dark scheme changes the page's colours. A screenshot is left in a
// temporary directory for people to look at.
func TestReportInBrowser(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	r := run(t, "--tiers", fixtureTiers, "report", "--from-logs="+fixtureLogs, "--tz", "UTC", "--plan", "max", "--out", page)
	if r.Code != 0 {
		t.Fatalf("exit %d: %s", r.Code, r.Stderr)
	}
	b := browsertest.Open(t, 1100, 900)
	ctx, step := b.Ctx, b.Must
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
	b.MustCall(chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}))
	dark, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
	step(err)

	out := filepath.Join(dir, "report.png")
	step(os.WriteFile(out, shot, 0o644))
	t.Logf("screenshot: %s", out)
	if p := os.Getenv(screenshotEnv); p != "" {
		step(os.WriteFile(p, shot, 0o644))
	}
	if problems := b.Problems(); len(problems) > 0 {
		t.Fatalf("the page reported problems: %v", problems)
	}
	for _, u := range b.Requests() {
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
