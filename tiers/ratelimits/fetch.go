package ratelimits

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"

	"github.com/tierplan/tierplan/internal/noredirect"
	"github.com/tierplan/tierplan/internal/urlredact"
)

// DefaultBaseURL is Anthropic's API.
const DefaultBaseURL = "https://api.anthropic.com"

// APIVersion is the anthropic-version header the API requires.
const APIVersion = "2023-06-01"

// Limits on what one pull reads: a page is a few kilobytes, an
// organisation has a few dozen groups.
const (
	maxPageBytes = 8 << 20
	maxPages     = 100
	pageSize     = 1000
)

// Request says whose limits to read.
type Request struct {
	BaseURL string
	// Key is an Admin API key (or an org-level key); it is sent in the
	// x-api-key header only.
	Key string
	// Workspace, when set, also reads that workspace's overrides with the
	// limits it inherits.
	Workspace string
}

// Result is an organisation's (or a workspace's) limits, one entry per
// group, and the number of pages read.
type Result struct {
	Entries []Entry
	Pages   int
}

// Error is a failed read: an HTTP status with the API's own message, or no
// answer at all. Its text never holds the key; it may hold the server's
// words, which the caller escapes before showing them.
type Error struct {
	Status  int    // 0 when there was no HTTP answer
	Kind    string // the API's error type, or timeout, refused, network, redirect, answer
	Message string
}

func (e *Error) Error() string {
	if e.Status == 0 {
		return e.Message
	}
	return fmt.Sprintf("HTTP %d %s: %s", e.Status, e.Kind, e.Message)
}

// Fetch reads every page of the organisation's limits and, with a
// workspace, that workspace's overrides, merged so each group has the
// limits that apply in it. ctx bounds the whole read. The admin key goes
// to the base URL only: a redirect is never followed, whatever client is
// given (nil: Go's default settings), and is an error.
func Fetch(ctx context.Context, client *http.Client, req Request) (Result, error) {
	client = noredirect.Client(client)
	key := strings.TrimSpace(req.Key)
	if key == "" || strings.ContainsFunc(key, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return Result{}, &Error{Kind: "key", Message: "the admin key is empty or holds spaces or control characters (a stray newline?); it cannot be sent"}
	}
	base, err := checkBaseURL(req.BaseURL)
	if err != nil {
		return Result{}, err
	}
	org, pages, err := fetchAll(ctx, client, base+"/v1/organizations/rate_limits", key, false)
	if err != nil {
		return Result{}, err
	}
	res := Result{Entries: org, Pages: pages}
	if req.Workspace == "" {
		return res, nil
	}
	ws, more, err := fetchAll(ctx, client, base+"/v1/organizations/workspaces/"+url.PathEscape(req.Workspace)+"/rate_limits?include_inherited=true", key, true)
	if err != nil {
		return Result{}, err
	}
	res.Entries, res.Pages = mergeWorkspace(org, ws), pages+more
	return res, nil
}

// fetchAll follows next_page until the last page, refusing a token seen
// before (a server that loops) and more than maxPages pages.
func fetchAll(ctx context.Context, client *http.Client, endpoint, key string, workspace bool) ([]Entry, int, error) {
	var out []Entry
	seen := map[string]bool{}
	token := ""
	for page := 1; ; page++ {
		if page > maxPages {
			return nil, 0, &Error{Kind: "answer", Message: fmt.Sprintf("more than %d pages of rate limits: stopped", maxPages)}
		}
		u := endpoint + sep(endpoint) + "limit=" + strconv.Itoa(pageSize)
		if token != "" {
			u += "&page=" + url.QueryEscape(token)
		}
		body, err := get(ctx, client, u, key)
		if err != nil {
			return nil, 0, err
		}
		p, err := ParsePage(body, workspace)
		if err != nil {
			return nil, 0, &Error{Kind: "answer", Message: fmt.Sprintf("the answer on page %d is not a rate-limit list: %v", page, err)}
		}
		out = append(out, p.Entries...)
		if p.NextPage == "" {
			return out, page, nil
		}
		if seen[p.NextPage] {
			return nil, 0, &Error{Kind: "answer", Message: fmt.Sprintf("page %d points back to a page already read: stopped", page)}
		}
		seen[p.NextPage], token = true, p.NextPage
	}
}

func sep(u string) string {
	if strings.Contains(u, "?") {
		return "&"
	}
	return "?"
}

// get sends one GET with the key and reads at most maxPageBytes of a 200
// answer; any other status is an *Error with the API's message.
func get(ctx context.Context, client *http.Client, u, key string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, &Error{Kind: "network", Message: err.Error()}
	}
	req.Header.Set("x-api-key", key)
	req.Header.Set("anthropic-version", APIVersion)
	req.Header.Set("user-agent", "tierplan-tiers-pull")
	resp, err := client.Do(req)
	if err != nil {
		return nil, transportError(ctx, err, req.URL.Host)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxPageBytes+1))
	if err != nil {
		return nil, transportError(ctx, err, req.URL.Host)
	}
	if len(body) > maxPageBytes {
		return nil, &Error{Kind: "answer", Message: fmt.Sprintf("an answer of more than %d MB: not a rate-limit list", maxPageBytes>>20)}
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return nil, &Error{Status: resp.StatusCode, Kind: "redirect",
			Message: "the server answered with a redirect; not followed, so the key goes nowhere else (check --base-url)"}
	}
	if resp.StatusCode != http.StatusOK {
		return nil, apiError(resp.StatusCode, body, key)
	}
	return body, nil
}

// apiError reads the API's error body ({"type":"error","error":{"type",
// "message"}}); the key is cut out of anything the server echoes.
func apiError(status int, body []byte, key string) error {
	e := &Error{Status: status, Kind: http.StatusText(status)}
	var w struct {
		Error struct {
			Type    string `json:"type"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if jsonErr := jsonUnmarshal(body, &w); jsonErr == nil && w.Error.Type != "" {
		e.Kind, e.Message = w.Error.Type, w.Error.Message
	}
	if e.Message == "" {
		e.Message = clip(strings.TrimSpace(string(body)))
	}
	switch status {
	case http.StatusUnauthorized:
		e.Message += " (is ANTHROPIC_ADMIN_KEY an Admin API key, sk-ant-admin…?)"
	case http.StatusForbidden:
		e.Message += " (the key needs the organisation's admin rights; a workspace key cannot read them)"
	case http.StatusNotFound:
		e.Message += " (no such workspace, or the API is not at this base URL)"
	}
	e.Message = strings.ReplaceAll(e.Message, key, "[key]")
	return e
}

// transportError names why no answer came: a deadline, a refused
// connection, or anything else, with the host only.
func transportError(ctx context.Context, err error, host string) error {
	var netErr net.Error
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return &Error{Kind: "timeout", Message: fmt.Sprintf("timed out: no answer from %s", host)}
	case errors.Is(ctx.Err(), context.Canceled):
		return &Error{Kind: "interrupted", Message: "interrupted"}
	case errors.Is(err, syscall.ECONNREFUSED):
		return &Error{Kind: "refused", Message: fmt.Sprintf("connection refused by %s: nothing is listening there; check --base-url", host)}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &Error{Kind: "network", Message: fmt.Sprintf("request to %s failed: %v", host, err)}
}

// checkBaseURL accepts an http(s) URL with a host and no user, query or
// fragment, and returns it without a trailing slash.
func checkBaseURL(base string) (string, error) {
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	switch {
	case err != nil:
		return "", &Error{Kind: "base_url", Message: fmt.Sprintf("base URL %q is not a URL", clip(urlredact.URL(base)))}
	case u.Scheme != "http" && u.Scheme != "https", u.Host == "":
		return "", &Error{Kind: "base_url", Message: fmt.Sprintf("base URL %q: want http(s)://host", clip(urlredact.URL(base)))}
	case u.User != nil, u.RawQuery != "", u.Fragment != "":
		return "", &Error{Kind: "base_url", Message: "base URL: give scheme, host and path only (no user, query or fragment)"}
	}
	return strings.TrimRight(u.String(), "/"), nil
}
