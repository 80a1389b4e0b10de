package fakeapi

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// With 3 requests a minute, a burst of 5 gets 3 answers and 2 429s whose
// retry-after is the refill time of one request (20 s), and the headers
// count down what is left.
func TestEnforcerRateLimits(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	e := NewEnforcer(tiers.Limits{RPM: 3, ITPM: 1_000_000}, time.Minute, func() time.Time { return now })
	s := StartTest(t, Options{Respond: e.Respond})
	var statuses []int
	var remaining, retry []string
	for range 5 {
		resp, err := s.Client().Post(s.URL+"/v1/messages", "application/json",
			strings.NewReader(`{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[]}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		statuses = append(statuses, resp.StatusCode)
		remaining = append(remaining, resp.Header.Get("anthropic-ratelimit-requests-remaining"))
		retry = append(retry, resp.Header.Get("retry-after"))
	}
	if got := join(statuses); got != "200 200 200 429 429" {
		t.Fatalf("statuses %s", got)
	}
	if strings.Join(remaining, " ") != "2 1 0 0 0" || retry[3] != "20" {
		t.Fatalf("remaining %v, retry-after %v", remaining, retry)
	}
	if a, r := e.Counts(); a != 3 || r != 2 {
		t.Fatalf("counts %d/%d", a, r)
	}
	// 20 s later one request has refilled.
	now = now.Add(20 * time.Second)
	resp, err := s.Client().Post(s.URL+"/v1/messages", "application/json", strings.NewReader(`{"messages":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("after the refill: %d", resp.StatusCode)
	}
}

func join(ns []int) string {
	var b strings.Builder
	for i, n := range ns {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(itoa(int64(n)))
	}
	return b.String()
}
