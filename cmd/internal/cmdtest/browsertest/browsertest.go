// Package browsertest opens a page of tierplan's (the proxy's dashboard, a
// report file) in a real headless Chromium, through chromedp, and records
// whatever the page complains about, so a test can check the page loads
// without an error and draws what it should.
//
// It is apart from cmdtest so that only the tests that drive a browser
// compile and link chromedp. Only tests import it.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// ChromiumEnv names a browser binary for the browser tests; without it they
// look for chromium on PATH and skip when there is none.
const ChromiumEnv = "TIERPLAN_TEST_CHROMIUM"

// timeout bounds everything a test does in the browser, so a page that
// never becomes ready fails the test instead of hanging it.
const timeout = 60 * time.Second

// Browser is one tab of a headless Chromium of its own (a fresh profile,
// no background traffic), listening to the page's errors and requests.
type Browser struct {
	// Ctx runs chromedp actions in the tab.
	Ctx context.Context

	t        testing.TB
	mu       sync.Mutex
	problems []string
	requests []string
}

// Open starts Chromium with a window of width×height pixels and returns
// its tab; the browser ends when the test does. The test is skipped when
// no browser is found (ChromiumEnv, then chromium on PATH).
func Open(t testing.TB, width, height int) *Browser {
	t.Helper()
	bin := chromiumPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:0:0],
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-default-browser-check", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(width, height))
	// Cleanups run last-registered first: the browser ends before its
	// profile directory is removed.
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, timeout)
	t.Cleanup(cancel)

	b := &Browser{Ctx: ctx, t: t}
	b.Must(chromedp.Listen(ctx, b.listen))
	b.MustCall(chromedp.Call(ctx, network.Enable, network.EnableParams{}))
	b.MustCall(chromedp.Call(ctx, log.Enable, cdp.Empty{}))
	b.MustCall(chromedp.Call(ctx, runtime.Enable, cdp.Empty{}))
	return b
}

func chromiumPath(t testing.TB) string {
	if p := os.Getenv(ChromiumEnv); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skipf("browser test skipped: no chromium on PATH (install Debian's chromium, or set %s=/path/to/chrome)", ChromiumEnv)
	return ""
}

// listen records an uncaught exception, an error on the console or in the
// browser's log, a failed load, and the address of every request.
func (b *Browser) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventExceptionThrown:
		b.problems = append(b.problems, "exception: "+e.ExceptionDetails.Text)
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError {
			b.problems = append(b.problems, "console error")
		}
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			b.problems = append(b.problems, "log: "+e.Entry.Text)
		}
	case *network.EventLoadingFailed:
		b.problems = append(b.problems, "load failed: "+e.ErrorText)
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, e.Request.URL)
	}
}

// Must ends the test when a step in the browser failed.
func (b *Browser) Must(err error) {
	b.t.Helper()
	if err != nil {
		b.t.Fatal(err)
	}
}

// MustCall is Must for a DevTools command that answers nothing.
func (b *Browser) MustCall(_ cdp.Empty, err error) {
	b.t.Helper()
	b.Must(err)
}

// Problems are the page's errors so far: exceptions, console and log
// errors, failed loads.
func (b *Browser) Problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.problems)
}

// Requests are the addresses the page asked for so far, in order.
func (b *Browser) Requests() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.requests)
}
