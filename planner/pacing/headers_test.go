package pacing

import (
	"reflect"
	"testing"
)

func TestReadHeaders(t *testing.T) {
	h := map[string]string{
		"anthropic-ratelimit-requests-limit":          "50",
		"anthropic-ratelimit-requests-remaining":      "49",
		"anthropic-ratelimit-input-tokens-limit":      "30000",
		"anthropic-ratelimit-input-tokens-remaining":  " 12000 ",
		"anthropic-ratelimit-output-tokens-limit":     "8000",
		"anthropic-ratelimit-output-tokens-remaining": "9000", // above the limit: capped
		"anthropic-ratelimit-unified-5h-utilization":  "0.93",
		"anthropic-ratelimit-unified-7d-utilization":  "0.3",
		"anthropic-ratelimit-unified-status":          "allowed",
	}
	got := ReadHeaders(h)
	want := Report{
		Requests: Reading{50, 49, true},
		Input:    Reading{30_000, 12_000, true},
		Output:   Reading{8_000, 8_000, true},
		Unified:  []Unified{{"5h", 0.93}, {"7d", 0.3}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

// Values a proxy must not believe leave the bucket unknown.
func TestReadHeadersBadValues(t *testing.T) {
	for _, tc := range []struct{ limit, remaining string }{
		{"", "5"}, {"5", ""}, {"-1", "0"}, {"10", "-3"}, {"ten", "3"}, {"0", "0"},
		{"1e3", "5"}, {"99999999999999999999", "1"}, {"5", "3.5"},
	} {
		r := ReadHeaders(map[string]string{
			"anthropic-ratelimit-requests-limit":     tc.limit,
			"anthropic-ratelimit-requests-remaining": tc.remaining,
		})
		if r.Requests.Known {
			t.Errorf("limit %q remaining %q read as %+v", tc.limit, tc.remaining, r.Requests)
		}
	}
	for _, v := range []string{"x", "-0.1", "NaN", "Inf", "101", ""} {
		if u := ReadHeaders(map[string]string{"anthropic-ratelimit-unified-5h-utilization": v}).Unified; len(u) != 0 {
			t.Errorf("utilization %q read as %+v", v, u)
		}
	}
	if u := ReadHeaders(map[string]string{"anthropic-ratelimit-unified--utilization": "0.5"}).Unified; len(u) != 0 {
		t.Errorf("an empty window name was read: %+v", u)
	}
}

func FuzzReadHeaders(f *testing.F) {
	f.Add("anthropic-ratelimit-input-tokens-limit", "30000", "anthropic-ratelimit-input-tokens-remaining", "12000")
	f.Add("anthropic-ratelimit-unified-5h-utilization", "1.01", "anthropic-ratelimit-unified-status", "rejected")
	f.Add("anthropic-ratelimit-requests-limit", "-5", "anthropic-ratelimit-requests-remaining", "9e9")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		r := ReadHeaders(map[string]string{k1: v1, k2: v2})
		for _, b := range []Reading{r.Requests, r.Input, r.Output, r.Tokens} {
			if b.Known && (b.Limit <= 0 || b.Remaining < 0 || b.Remaining > b.Limit) {
				t.Fatalf("impossible reading %+v", b)
			}
		}
		for _, u := range r.Unified {
			if u.Window == "" || !(u.Utilization >= 0 && u.Utilization <= 100) {
				t.Fatalf("impossible unified window %+v", u)
			}
		}
		for _, l := range Low(r, 0.1) {
			if l.Share < 0 || l.Share >= 0.1 {
				t.Fatalf("low bucket with share %g", l.Share)
			}
		}
	})
}

func TestLow(t *testing.T) {
	r := Report{
		Requests: Reading{50, 5, true},         // 10%: not below 10%
		Input:    Reading{30_000, 2_000, true}, // 6.7%
		Output:   Reading{8_000, 7_000, true},
		Unified:  []Unified{{"5h", 0.95}, {"7d", 0.5}, {"overage", 1.2}},
	}
	got := Low(r, 0.1)
	util5h := 0.95
	want := []LowBucket{
		{Bucket: "input-tokens", Remaining: 2_000, Limit: 30_000, Share: 2_000.0 / 30_000},
		{Bucket: "unified-5h", Share: 1 - util5h},
		{Bucket: "unified-overage", Share: 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}
