package statusline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tierplan/tierplan/internal/noredirect"
	"github.com/tierplan/tierplan/internal/urlredact"
	"github.com/tierplan/tierplan/planner/statusline"
)

// With --proxy URL, an API-key user behind the team proxy (`tierplan
// proxy`) sees the organisation's per-minute headroom as the proxy last
// saw it: the status line asks the proxy, with the developer's own proxy
// token from the environment, exactly as Claude Code reaches it.

// proxyTimeout is the longest the status line waits for the proxy: it runs
// after every assistant message and must never hold Claude Code's screen.
const proxyTimeout = 300 * time.Millisecond

// proxyAnswerMax caps the proxy's answer (a few hundred bytes a pool).
const proxyAnswerMax = 64 << 10

// proxyFetch is a request to the proxy on its way: the answer's bytes,
// or why there are none.
type proxyFetch struct {
	endpoint string
	done     chan struct{}
	body     []byte
	err      error
}

// startProxyFetch asks the proxy for its headroom while the rest of the
// run goes on; nil when --proxy is not given or cannot be asked.
func (r *run) startProxyFetch() *proxyFetch {
	if r.opts.Proxy == "" {
		return nil
	}
	endpoint, err := headroomURL(r.opts.Proxy)
	if err != nil {
		r.debug("proxy: %v", err)
		return nil
	}
	header, err := proxyAuth(r.app.Env.Var)
	if err != nil {
		r.debug("proxy %s: %v", endpoint.Redacted(), err)
		return nil
	}
	f := &proxyFetch{endpoint: endpoint.Redacted(), done: make(chan struct{})}
	client := noredirect.Client(r.app.Env.HTTP)
	go func() {
		defer close(f.done)
		f.body, f.err = fetchHeadroom(client, endpoint.String(), header)
	}()
	return f
}

// proxyHeadroom waits for the fetch and reads the reading that speaks for
// the session's model; nil, and --debug says why, on any failure.
func (r *run) proxyHeadroom(f *proxyFetch, in statusline.Input) *statusline.Headroom {
	if f == nil {
		return nil
	}
	<-f.done
	if f.err != nil {
		r.debug("proxy %s: %v", f.endpoint, f.err)
		return nil
	}
	pool := ""
	if table, err := r.app.Table(); err == nil && in.ModelID != "" {
		if m, ok := table.MatchModel(in.ModelID); ok {
			pool = m.Pool
		}
	}
	h, err := statusline.ParseProxyHeadroom(f.body, in.ModelID, pool)
	if err != nil {
		r.debug("proxy %s: %v", f.endpoint, err)
		return nil
	}
	return r.fresh(h, "proxy "+f.endpoint)
}

// headroomURL is the proxy's headroom endpoint below the base URL the
// developer's Claude Code uses (ANTHROPIC_BASE_URL).
func headroomURL(base string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("--proxy %q: not an http:// or https:// URL (the proxy's address, as in ANTHROPIC_BASE_URL)", urlredact.URL(base))
	}
	u.RawQuery, u.Fragment = "", ""
	return u.JoinPath(statusline.ProxyHeadroomPath), nil
}

// proxyAuth is the developer's proxy token as Claude Code sends it:
// ANTHROPIC_AUTH_TOKEN as a bearer token, else ANTHROPIC_API_KEY as
// x-api-key. The token is never shown, not even in --debug.
func proxyAuth(env func(string) string) (http.Header, error) {
	h := http.Header{}
	if t := strings.TrimSpace(env("ANTHROPIC_AUTH_TOKEN")); t != "" {
		h.Set("Authorization", "Bearer "+t)
	} else if t := strings.TrimSpace(env("ANTHROPIC_API_KEY")); t != "" {
		h.Set("X-Api-Key", t)
	} else {
		return nil, errors.New("no ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY in the environment to send")
	}
	for _, vs := range h {
		if strings.ContainsFunc(vs[0], func(c rune) bool { return c < 0x20 || c == 0x7f }) {
			return nil, errors.New("the token in the environment holds control characters; not sent")
		}
	}
	return h, nil
}

// fetchHeadroom is one GET of the endpoint within proxyTimeout, its body
// capped at proxyAnswerMax.
func fetchHeadroom(client *http.Client, endpoint string, header http.Header) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), proxyTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return nil, err
	}
	req.Header = header
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, describeFetchError(ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		hint := ""
		switch resp.StatusCode {
		case http.StatusUnauthorized:
			hint = " (the token in the environment is not a token of this proxy)"
		case http.StatusNotFound:
			hint = " (not a tierplan proxy, or one older than this status line)"
		}
		return nil, fmt.Errorf("answered %s%s", resp.Status, hint)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, proxyAnswerMax+1))
	switch {
	case err != nil:
		return nil, describeFetchError(ctx, err)
	case len(body) > proxyAnswerMax:
		return nil, fmt.Errorf("answer larger than %d KiB: not read", proxyAnswerMax>>10)
	}
	return body, nil
}

// describeFetchError says a timeout in words; other errors as they are
// (they name the URL, never the token).
func describeFetchError(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("no answer within %s", proxyTimeout)
	}
	return err
}
