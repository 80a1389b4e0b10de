package probe

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/diagnose"
)

// TestProbeNeverSendsTheKeyAcrossARedirect: a 301, 302, 307 or 308 to
// another host once got x-api-key in full, and the report did not mention
// the redirect.
func TestProbeNeverSendsTheKeyAcrossARedirect(t *testing.T) {
	var stolen int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-api-key") != "" {
			atomic.AddInt32(&stolen, 1)
		}
		w.WriteHeader(200)
	}))
	defer elsewhere.Close()
	for _, status := range []int{301, 302, 303, 307, 308} {
		api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, elsewhere.URL+"/steal?token=x", status)
		}))
		_, err := Probe(context.Background(), api.Client(), Request{BaseURL: api.URL, APIKey: secretKey, Timeout: 5 * time.Second}, diagnose.Options{Now: now})
		api.Close()
		var pe *Error
		if !errors.As(err, &pe) || pe.Kind != ErrRedirect {
			t.Fatalf("%d: err = %v, want a redirect error", status, err)
		}
		want := fmt.Sprintf("%s answered %d %s with a redirect to %s/steal: not followed",
			strings.TrimPrefix(api.URL, "http://"), status, http.StatusText(status), elsewhere.URL)
		if !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "token") {
			t.Errorf("%d: %q\nwant it to start %q", status, err, want)
		}
	}
	if n := atomic.LoadInt32(&stolen); n != 0 {
		t.Fatalf("the key went to the redirect's target %d times", n)
	}
}
