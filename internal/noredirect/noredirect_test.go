package noredirect

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// A redirect comes back as the answer; the server it points to is never
// reached, and the client given keeps its own settings.
func TestClientNeverFollows(t *testing.T) {
	var reached atomic.Bool
	elsewhere := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached.Store(true) }))
	defer elsewhere.Close()
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL, http.StatusTemporaryRedirect)
	}))
	defer redirect.Close()
	given := &http.Client{Timeout: 7 * time.Second}
	for _, c := range []*http.Client{given, nil} {
		client := Client(c)
		res, err := client.Get(redirect.URL)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusTemporaryRedirect || reached.Load() {
			t.Fatalf("status %d, the other server reached: %t", res.StatusCode, reached.Load())
		}
	}
	if c := Client(given); c.Timeout != given.Timeout || given.CheckRedirect != nil {
		t.Error("the client given was changed, or its settings not kept")
	}
}
