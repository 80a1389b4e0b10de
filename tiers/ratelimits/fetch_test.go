package ratelimits

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const testKey = "sk-ant-admin01-secret-test-key"

// fake is the Rate Limits API on 127.0.0.1: it checks the headers, serves
// the organisation's list in pages and a workspace's overrides.
func fake(t *testing.T, handle func(w http.ResponseWriter, r *http.Request) bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if handle != nil && handle(w, r) {
			return
		}
		if r.Header.Get("x-api-key") != testKey || r.Header.Get("anthropic-version") != APIVersion {
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`))
			return
		}
		if strings.Contains(r.URL.RawQuery, "key") || strings.Contains(r.URL.Path, testKey) {
			t.Errorf("the key reached the URL: %s", r.URL)
		}
		switch {
		case r.URL.Path == "/v1/organizations/rate_limits" && r.URL.Query().Get("page") == "":
			w.Write(fixture(t, "org-page1.json"))
		case r.URL.Path == "/v1/organizations/rate_limits" && r.URL.Query().Get("page") == "page_2":
			w.Write(fixture(t, "org-page2.json"))
		case r.URL.Path == "/v1/organizations/workspaces/wrkspc_1/rate_limits" && r.URL.Query().Get("include_inherited") == "true":
			w.Write(fixture(t, "workspace.json"))
		default:
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"type":"error","error":{"type":"not_found_error","message":"no such thing"}}`))
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func fetch(t *testing.T, srv *httptest.Server, workspace string) (Result, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return Fetch(ctx, srv.Client(), Request{BaseURL: srv.URL, Key: testKey, Workspace: workspace})
}

func TestFetchPages(t *testing.T) {
	res, err := fetch(t, fake(t, nil), "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 2 || len(res.Entries) != 5 || res.Entries[2].GroupType != "batch" {
		t.Fatalf("%d pages, entries %+v", res.Pages, res.Entries)
	}
}

// A workspace's overrides replace the organisation's limits of the same
// type in the same group; what it does not override it inherits.
func TestFetchWorkspace(t *testing.T) {
	res, err := fetch(t, fake(t, nil), "wrkspc_1")
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 3 {
		t.Errorf("%d pages, want 3", res.Pages)
	}
	sonnet := res.Entries[0]
	got := map[string]int64{}
	for _, l := range sonnet.Limits {
		got[l.Type] = l.Value
	}
	if got["requests_per_minute"] != 1000 || got["input_tokens_per_minute"] != 500_000 || got["output_tokens_per_minute"] != 1_200_000 {
		t.Errorf("merged sonnet limits %v", got)
	}
	if opus := res.Entries[1]; opus.Limits[0].Value != 4000 {
		t.Errorf("opus, not overridden, changed: %+v", opus)
	}
}

// Every failure is one *Error in words, and none holds the key, even when
// the server echoes it back.
func TestFetchFailures(t *testing.T) {
	echo := fake(t, func(w http.ResponseWriter, r *http.Request) bool {
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`{"type":"error","error":{"type":"permission_error","message":"key ` + r.Header.Get("x-api-key") + ` may not read this"}}`))
		return true
	})
	status := func(code int, body string) *httptest.Server {
		return fake(t, func(w http.ResponseWriter, r *http.Request) bool {
			w.WriteHeader(code)
			w.Write([]byte(body))
			return true
		})
	}
	loop := fake(t, func(w http.ResponseWriter, r *http.Request) bool {
		w.Write([]byte(`{"data":[],"next_page":"same"}`))
		return true
	})
	var n atomic.Int64
	endless := fake(t, func(w http.ResponseWriter, r *http.Request) bool {
		w.Write([]byte(`{"data":[],"next_page":"p` + strconv.FormatInt(n.Add(1), 10) + `"}`))
		return true
	})
	big := fake(t, func(w http.ResponseWriter, r *http.Request) bool {
		w.Write([]byte(`{"data":[` + strings.Repeat(" ", maxPageBytes) + `]}`))
		return true
	})
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	for _, c := range []struct {
		name string
		srv  *httptest.Server
		base string
		key  string
		want string
	}{
		{"bad key", fake(t, nil), "", "wrong", "HTTP 401 authentication_error: invalid x-api-key (is ANTHROPIC_ADMIN_KEY an Admin API key, sk-ant-admin…?)"},
		{"key echoed", echo, "", testKey, "HTTP 403 permission_error: key [key] may not read this"},
		{"server error", status(500, `{"type":"error","error":{"type":"api_error","message":"Internal server error"}}`), "", testKey, "HTTP 500 api_error: Internal server error"},
		{"not JSON", status(502, `<html>bad gateway</html>`), "", testKey, "HTTP 502 Bad Gateway: <html>bad gateway</html>"},
		{"garbage page", status(200, `{"data":[{"type":"rate_limit"}]}`), "", testKey, "the answer on page 1 is not a rate-limit list: data[0]: no group_type"},
		{"redirect", status(307, ``), "", testKey, "HTTP 307 redirect"},
		{"loop", loop, "", testKey, "page 2 points back to a page already read"},
		{"endless", endless, "", testKey, "more than 100 pages"},
		{"too big", big, "", testKey, "an answer of more than 8 MB"},
		{"refused", closed, "", testKey, "connection refused by 127.0.0.1"},
		{"base URL", nil, "ftp://example.com", testKey, `base URL "ftp://example.com": want http(s)://host`},
		{"base URL with user", nil, "https://u:p@example.com", testKey, "no user, query or fragment"},
		{"base URL with a password, wrong scheme", nil, "ftp://u:hunter2@example.com", testKey, `base URL "ftp://u:xxxxx@example.com": want http(s)://host`},
		{"base URL with a password, unreadable", nil, "https://u:hunter2@example.com:port", testKey, `base URL "https://u:xxxxx@example.com:port" is not a URL`},
		{"no key", fake(t, nil), "", "", "the admin key is empty"},
		{"key with newline", fake(t, nil), "", "sk\nx", "the admin key is empty or holds spaces"},
	} {
		t.Run(c.name, func(t *testing.T) {
			base, client := c.base, http.DefaultClient
			if c.srv != nil {
				base, client = c.srv.URL, c.srv.Client()
			}
			// Redirects are the caller's to refuse (tiers pull does): here
			// the client follows none.
			noFollow := *client
			noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
			_, err := Fetch(context.Background(), &noFollow, Request{BaseURL: base, Key: c.key})
			var e *Error
			if !errors.As(err, &e) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("%v, want %q", err, c.want)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Fatalf("the key is in the error: %v", err)
			}
		})
	}
}

// A server that does not answer in time ends the read, named as a timeout.
func TestFetchTimeout(t *testing.T) {
	release := make(chan struct{})
	slow := fake(t, func(w http.ResponseWriter, r *http.Request) bool {
		<-release
		return true
	})
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := Fetch(ctx, slow.Client(), Request{BaseURL: slow.URL, Key: testKey})
	if err == nil || !strings.Contains(err.Error(), "timed out: no answer from 127.0.0.1") {
		t.Fatalf("%v", err)
	}
}

// A redirect is never followed with the key: the client the caller gives
// refuses it, and the read stops.
func TestFetchRedirectKeepsTheKey(t *testing.T) {
	var reached atomic.Bool
	elsewhere := fake(t, func(w http.ResponseWriter, r *http.Request) bool {
		reached.Store(true)
		return false
	})
	redirect := fake(t, func(w http.ResponseWriter, r *http.Request) bool {
		http.Redirect(w, r, elsewhere.URL+r.URL.Path, http.StatusTemporaryRedirect)
		return true
	})
	// The test server's own client follows redirects: Fetch must not.
	_, err := Fetch(context.Background(), redirect.Client(), Request{BaseURL: redirect.URL, Key: testKey})
	if err == nil || !strings.Contains(err.Error(), "redirect; not followed") || reached.Load() {
		t.Fatalf("%v; the other server reached: %t", err, reached.Load())
	}
}
