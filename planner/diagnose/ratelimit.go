package diagnose

import (
	"regexp"
	"strings"
	"sync"
)

// lowShare is the share of a bucket below which, when no bucket reads 0, a
// 429 is put down to that bucket: token remaining values are rounded to the
// nearest 1,000, and a request larger than what is left also fails.
const lowShare = 0.05

// The limit a message names. Compiled on first use, not at package init:
// every command links this package, and only a diagnosis reads these.
var (
	// Anthropic: "… rate limit for your organization (…) of 30,000 input
	// tokens per minute", "… rate limit of 1,000,000 tokens per day".
	// White space is optional between the words: a terminal's wrap can
	// glue them.
	reAnthropicLimit = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(?:of|limit:?)\s*([0-9][0-9,]*)\s*(input\s*tokens|output\s*tokens|tokens|requests)\s*per\s*(minute|day)`)
	})
	// OpenAI: "Rate limit reached for gpt-4o in organization org-… on tokens
	// per min (TPM): Limit 30000, Used 29437, Requested 1234."
	reOpenAILimit = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)on\s*(tokens|requests|input\s*tokens|output\s*tokens)\s*per\s*(min|day)\b[^:]*(?::\s*Limit\s*([0-9][0-9,]*))?`)
	})
)

// limitFromMessage reads which limit a rate-limit message names, and the
// figure it gives (0 when none).
func limitFromMessage(msg string) (Limit, int64) {
	unit, per, figure := "", "", ""
	if !strings.Contains(strings.ToLower(msg), "per") {
		unit = "" // no "per minute" or "per day": skip the expressions
	} else if m := reAnthropicLimit().FindStringSubmatch(msg); m != nil {
		figure, unit, per = m[1], m[2], m[3]
	} else if m := reOpenAILimit().FindStringSubmatch(msg); m != nil {
		unit, per, figure = m[1], m[2], m[3]
	}
	if unit != "" {
		n := parseGroupedInt(figure)
		unit = strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(unit, "tokens", " tokens"))), " ")
		if strings.EqualFold(per, "day") {
			if unit == "requests" {
				return LimitDailyRequests, n
			}
			return LimitDailyTokens, n
		}
		switch unit {
		case "input tokens":
			return LimitITPM, n
		case "output tokens":
			return LimitOTPM, n
		case "requests":
			return LimitRPM, n
		}
		return LimitTokens, n
	}
	low := strings.ToLower(msg)
	switch {
	case strings.Contains(low, "requests per day"):
		return LimitDailyRequests, 0
	case strings.Contains(low, "per day") || strings.Contains(low, "daily"):
		return LimitDailyTokens, 0
	case strings.Contains(low, "request tokens has exceeded your per-minute"):
		return LimitTokens, 0
	}
	return LimitNone, 0
}

func parseGroupedInt(s string) int64 {
	var n int64
	for _, c := range s {
		if c >= '0' && c <= '9' {
			if n > (1<<62)/10 {
				return 0
			}
			n = n*10 + int64(c-'0')
		}
	}
	return n
}

// bindingLimit finds what stopped a rate-limited request: a daily quota the
// message names (no header reports one), an empty bucket (specific buckets
// before the combined "tokens"; the longest wait among several), what the
// message names, else a nearly empty bucket.
func bindingLimit(buckets []Bucket, msgLimit Limit, n *notes) Limit {
	var empty *Bucket
	for i := range buckets {
		b := &buckets[i]
		if !b.Empty {
			continue
		}
		if empty == nil || (empty.Measures == LimitTokens && b.Measures != LimitTokens) ||
			(b.Measures != LimitTokens && resetIn(b) > resetIn(empty)) {
			empty = b
		}
	}
	switch {
	case msgLimit == LimitDailyTokens || msgLimit == LimitDailyRequests:
		return msgLimit
	case empty != nil:
		if msgLimit != LimitNone && msgLimit != LimitUnknown && msgLimit != empty.Measures && msgLimit != LimitTokens {
			n.add("the headers show the %s bucket empty, but the message names %s", empty.Name, msgLimit)
		}
		return empty.Measures
	case msgLimit != LimitNone && msgLimit != LimitUnknown:
		return msgLimit
	}
	if low := lowestBucket(buckets); low != nil {
		n.add("no bucket reads 0; the %s bucket is lowest (%d of %d left), probably too little for the request",
			low.Name, *low.Remaining, *low.Limit)
		return low.Measures
	}
	return LimitUnknown
}

func resetIn(b *Bucket) int64 {
	if b.ResetInS == nil {
		return -1
	}
	return *b.ResetInS
}

// lowestBucket is the bucket with the smallest share left, if under lowShare.
func lowestBucket(buckets []Bucket) *Bucket {
	var low *Bucket
	lowFrac := lowShare
	for i := range buckets {
		b := &buckets[i]
		if b.Limit == nil || b.Remaining == nil || *b.Limit <= 0 {
			continue
		}
		if f := float64(*b.Remaining) / float64(*b.Limit); f < lowFrac {
			low, lowFrac = b, f
		}
	}
	return low
}

// bucketFor is the bucket that enforces limit l, if reported.
func bucketFor(buckets []Bucket, l Limit) *Bucket {
	for i := range buckets {
		if buckets[i].Measures == l {
			return &buckets[i]
		}
	}
	return nil
}

// dailyLimit reports the daily quotas.
func dailyLimit(l Limit) bool { return l == LimitDailyTokens || l == LimitDailyRequests }
