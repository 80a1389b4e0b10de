package store

import (
	"testing"
	"time"
)

func TestUsageData(t *testing.T) {
	ok := rec("1", t0, "ann", 0.1)
	ok.SessionID = "sess-1"
	sdk := rec("2", t0.Add(time.Minute), "bob", 0.1) // no session id
	hit := rec("3", t0.Add(2*time.Minute), "ann", 0)
	hit.Status, hit.RetryAfter = 429, "12" // resets 12 s later
	hit.RateLimit = map[string]string{"anthropic-ratelimit-input-tokens-remaining": "0"}
	budget := rec("4", t0.Add(3*time.Minute), "bob", 0)
	budget.Status, budget.Outcome = 429, "budget"
	models := rec("5", t0, "ann", 0)
	models.Method, models.Path, models.Model = "GET", "/v1/models", ""
	count := rec("6", t0, "ann", 0)
	count.Path = "/v1/messages/count_tokens"

	d := UsageData([]Record{ok, sdk, hit, budget, models, count})
	if len(d.Entries()) != 2 || d.Lines != 6 || d.UsageLines != 2 {
		t.Fatalf("%d entries of %d lines (%d with usage), want 2 of 6", len(d.Entries()), d.Lines, d.UsageLines)
	}
	e := d.Entries()[0]
	if e.SessionID != "sess-1" || e.Project != "user ann" || e.Tokens.CacheWrite1h != 4 || e.Tokens.Total() != 15 {
		t.Fatalf("entry %+v", e)
	}
	if d.Entries()[1].SessionID != "bob 2026-12-02" {
		t.Fatalf("a call without a session id groups by user and day, got %q", d.Entries()[1].SessionID)
	}
	if len(d.LimitHits) != 2 || d.LimitHits[0].Kind != "input-tokens" || d.LimitHits[0].Message != "429 from the API, retry-after 12" ||
		d.LimitHits[1].Kind != "proxy budget" || !d.LimitHits[0].ResetAt.Equal(hit.Time.Add(12*time.Second)) || !d.LimitHits[1].ResetAt.IsZero() {
		t.Fatalf("hits %+v", d.LimitHits)
	}
}
