// Package diagnose explains an HTTP error from the Anthropic API (and the
// OpenAI and Gemini APIs the tier table can describe): which limit a 429
// hit, when work can resume, and what to do. It tells API rate limits
// (requests, input and output tokens per minute, daily quotas) from a
// Claude.ai subscription's 5-hour and weekly windows, the tier's spend cap
// from a spend limit you set, billing (no credits, extra usage) from an
// overloaded API, and all of these from errors that are not limits at all.
//
// It is pure: it takes a response package paste read, a reference time and
// the tier table, and returns a Diagnosis. Every string from the response
// that reaches the Diagnosis is escaped for the terminal.
package diagnose

import (
	"strings"
	"time"

	"github.com/tierplan/tierplan/planner/diagnose/paste"
	"github.com/tierplan/tierplan/tiers"
)

// Options are what a diagnosis needs besides the response.
type Options struct {
	// Now is the current time: the reference when the response has no date
	// header, and the base for times a line gives without a date.
	Now time.Time
	// Table (may be nil) places the limits the headers give among the
	// tiers, and names the tier that would lift the binding one.
	Table *tiers.Table
	// Local is the zone of times a paste gives without one (Claude Code's
	// "resets 9pm"); nil means UTC.
	Local *time.Location
	// LoadLocation resolves zone names a paste gives ("(Europe/Berlin)")
	// and the zone a vendor's daily quota turns over in; nil resolves none.
	// Callers pass time.LoadLocation: the domain reads no files itself.
	LoadLocation func(name string) (*time.Location, error)
}

func (o Options) zone(name string) (*time.Location, error) {
	if o.LoadLocation == nil {
		return nil, errNoZones
	}
	return o.LoadLocation(name)
}

// Diagnose decides what a response means.
func Diagnose(resp paste.Response, opt Options) Diagnosis {
	var n notes
	n.list = append(n.list, resp.Notes...)
	ref, refFrom := referenceTime(resp.Header, opt.Now, &n)
	d := Diagnosis{
		Form:          string(resp.Form),
		Status:        Status(resp.Status),
		ReferenceTime: ref,
		ReferenceFrom: refFrom,
		Advice:        []string{},
		Missing:       []string{},
	}
	d.RetryAfterS = parseRetryAfter(resp.Header, ref, &n)
	anthropic, missingBuckets := readAnthropicBuckets(resp.Header, ref, &n)
	d.Buckets = append(append([]Bucket{}, anthropic...), readOpenAIBuckets(resp.Header, ref, &n)...)
	d.Subscription = readSubscription(resp.Header, ref, &n)
	var body bodyInfo
	if resp.Status < 200 || resp.Status >= 300 {
		body = parseBody(resp.Body, &n)
	}
	d.Error = body.report()
	d.Message = clean(resp.Message, maxMessage)
	d.Quotas = body.Quotas
	d.RequestID = requestID(resp.Header, body)
	d.Provider = provider(resp.Header, body)
	if d.Provider == "" && resp.Form == paste.FormClaudeCode {
		d.Provider = "anthropic"
	}
	// The body's words come first; a client's line (Claude Code's) fills
	// in, or decides when the body says no more than "rate limited".
	words := readMessage(body.Message, opt, &n)
	line := readMessage(resp.Message, opt, &n)
	if words.kind == "" || (words.kind == KindRateLimit && words.limit == LimitUnknown && line.kind != "") {
		words = mergeFacts(line, words)
	} else {
		words = mergeFacts(words, line)
	}

	c := decide(&d, body, words, &n)
	d.Kind, d.Limit = c.kind, c.limit
	d.Retryable = retryable(d.Kind, d.Limit, int(d.Status))
	d.WaitS, d.ResumeAt, d.ResumeFrom = resumeFor(&d, body, words, opt, &n)
	d.Tier = matchTier(opt.Table, d.Buckets, d.Kind, d.Limit, &n)
	d.Missing = missingFor(&d, resp, missingBuckets)
	d.Verdict = verdict(&d)
	d.Advice = advise(&d)
	staleNote(&d, opt.Now, &n)
	d.Notes = n.list
	if d.Notes == nil {
		d.Notes = []string{}
	}
	return d
}

// mergeFacts fills what a's words left open from b's.
func mergeFacts(a, b messageFacts) messageFacts {
	switch {
	case a.kind == "":
		a.kind, a.limit = b.kind, b.limit
	case a.kind == b.kind && a.limit == LimitUnknown:
		a.limit = b.limit
	}
	if a.resume == nil {
		a.resume = b.resume
	}
	if a.wait == nil {
		a.wait = b.wait
	}
	return a
}

// requestID is the body's request id, else the header's.
func requestID(h paste.Header, body bodyInfo) string {
	id := body.RequestID
	for _, name := range []string{"request-id", "x-request-id"} {
		if id == "" {
			id, _ = h.Get(name)
		}
	}
	return clean(id, 100)
}

// provider names whose API answered, from the headers or the body.
func provider(h paste.Header, body bodyInfo) string {
	if body.Provider != "" {
		return body.Provider
	}
	openai := false
	for name := range h {
		switch {
		case strings.HasPrefix(name, "anthropic-"):
			return "anthropic"
		case strings.HasPrefix(name, "x-ratelimit-"):
			openai = true
		}
	}
	if openai {
		return "openai"
	}
	if v, ok := h.Get("request-id"); ok && strings.HasPrefix(v, "req_") {
		return "anthropic"
	}
	return ""
}
