package browsertest

import (
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	_ "github.com/tierplan/tierplan/internal/testflag"
)

// The page tests pass only as long as Problems hears the page's errors: a
// page that logs an error, throws, and loads an image from a closed port
// has all three reported, and Requests lists the page and the image.
func TestBrowserHearsThePagesErrors(t *testing.T) {
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	image := "http://" + closed.Addr().String() + "/chart.png"
	closed.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(`<!doctype html><title>t</title><img src="` + image + `">` +
			`<script>console.error("drawn wrong"); throw new Error("boom")</script><p id="end">end</p>`))
	}))
	t.Cleanup(srv.Close)

	b := Open(t, 400, 300)
	b.Must(chromedp.Do(b.Ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady("#end")))
	// The image's failure may come after the page is ready.
	_, err = chromedp.Run(b.Ctx, chromedp.Evaluate[bool](`new Promise(done => {
		const img = document.querySelector('img');
		if (img.complete) done(true); else img.onerror = () => done(true); })`, chromedp.EvalAwaitPromise))
	b.Must(err)
	problems := strings.Join(b.Problems(), "\n")
	for _, want := range []string{"console error", "exception: ", "load failed: "} {
		if !strings.Contains(problems, want) {
			t.Errorf("no %q among the problems:\n%s", want, problems)
		}
	}
	if reqs := b.Requests(); !slices.Contains(reqs, srv.URL+"/") || !slices.Contains(reqs, image) {
		t.Errorf("requests %q, want the page and its image", reqs)
	}
}
